"""`cnnstat check` on forms that drew false alarms from correct Q&A threads and issue
threads (Stack Overflow answers, forum replies, GitHub issues with pasted errors, issue 19,
helper la). Each fixture holds right lines in the form and a wrong line beside them, so a
fix that silences the reader shows. The correct passages themselves are in
``hostile_correct/la-*.md``.

- a tensor's shape written as a list (``weight [64, 32, 3, 3] = 18,432 + 32 = 18,464``,
  its brackets masked as a link's) is no side of the equation: its last number ``3`` was
  read as one, and ``3 = 18,464`` was wrong; the calculation after the first ``=`` is
  judged (and a slip in it, ``20,499``, caught);
- a family's depth list whose last number, joined by ``and``, opens a clause of its own
  (``ResNet-50/101/152 and 512 for ResNet-18/34``, ``and 4096 units``) ends before it;
  a depth no paper defines inside the list (``ResNet ... 100 and 152``) is still wrong;
- a chain's last side that the value is a whole multiple of, with ``each``/``per`` after
  it (``= 184 = 92 pixels on each side``, ``= 9,600 MB = 1,200 MB per GPU``), is a share:
  unsure, not wrong; a side that divides nothing (``= 384 = 190 per branch``) stays wrong;
- ``plus`` between a result and a calculation with its own ``=`` (``= 100,480 plus
  128·10 + 10 = 1,290``) may join two equations: read both ways, the chain gives way
  where the two apart judge every figure it judged, each right (``27 plus 1 = 29`` stays
  wrong);
- a size of the weights no calculation on the line gives, a little over (at most 3%) the
  parameters' bytes in MB or MiB (``22,910,480 parameters (Keras reports 22.9M, 88 MB)``:
  87.4 MiB of parameters in an 88 MB file), is a saved file's, with its buffers and
  headers: unsure; a smaller size, or one the line computes, stays wrong;
- a layer's settings listed with commas, the last a number before a colon (``conv1
  11x11/4, 96: (227 − 11)/4 + 1 = 54``), is a label, no term of a ratio: the calculation
  after it is judged (a ratio ``5x5 : 3x3x2 = 25 : 18`` still is none);
- a line that names a layer as the papers and code do (LeNet's ``C3``, ``F6``; Keras's
  ``conv2d_3``; torchvision's ``layer4``; ``res4b``; ``Mixed_7c``) gives that layer's
  count, no count of the network its heading names.

Expected values are plain arithmetic, written beside each line.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/la_forms"

EXPECTED = {
    "01_list_shape_then_chain.md": [
        # line 3: the list's 3 is no side of the sum (it was "3 = 18,432 + 32": wrong);
        # "18,432 plus 32 biases = 18,464" is read as a sum with a unit word (helper lf)
        (3, "arithmetic", "right"),  # 18,432 + 32 = 18,464
        (4, "arithmetic", "right"),  # 294,912 + 256 = 295,168
        (5, "arithmetic", "right"),  # 73,728 + 128 = 73,856
        (6, "arithmetic", "wrong"),  # 20,480 + 10 = 20,490, not 20,499
        (7, "params", "right"),  # 256*64*1*1 = 16,384 (a tensor's elements: tensorcount, nd)
    ],
    "02_depth_list_clause.md": [
        (3, "arithmetic", "right"),  # 512 * 4 = 2048
        (3, "model", "right"),  # ResNet-50
        (3, "model", "right"),  # ResNet-101
        (3, "model", "right"),  # ResNet-152; "and 512 for ResNet-18/34" is channels
        (5, "model", "right"),  # VGG-11
        (5, "model", "right"),  # VGG-13
        (5, "model", "right"),  # VGG-16; "and 4096 units" is a layer's width
        (7, "model", "right"),  # ResNet-18
        (7, "model", "right"),  # ResNet-34
        (7, "model", "right"),  # ResNet-50
        (7, "model", "wrong"),  # there is no ResNet-100 (101)
        (7, "model", "right"),  # ResNet-152
        (9, "model", "right"),  # ResNet-18
        (9, "model", "right"),  # ResNet-34
        (9, "model", "right"),  # ResNet-50 ("and 101 for ...": three depths, 101 left
        # out with its clause; it is a depth too, so nothing is lost but a right)
    ],
    "03_share_after_chain.md": [
        (3, "arithmetic", "right"),  # 572 - 388 = 184; 92 = 184 / 2 on each side: unsure
        (5, "arithmetic", "right"),  # 8 * 1,200 = 9,600; 1,200 = 9,600 / 8 per GPU: unsure
        (7, "arithmetic", "right"),  # 2 * 3 * 64 = 384
        (7, "arithmetic", "wrong"),  # 384 = 190 per branch: 384 / 190 is no whole number
        (9, "arithmetic", "right"),  # 13 * 13 = 169
        (9, "arithmetic", "wrong"),  # 169 = 85 each: 169 / 85 is no whole number
    ],
    "04_layer_names_in_fact_lines.md": [
        # lines 3, 5: C3's 1,516 and F6's 10,164 (LeCun et al. 1998, Sec. II-B) are the
        # layers' counts, not LeNet-5's
        (7, "model", "right"),  # LeNet-5: about 60,000 trainable parameters
        (9, "model", "wrong"),  # about 60,000 (the paper), not 340,000
    ],
    "05_plus_joins_two_equations.md": [
        (3, "arithmetic", "right"),  # 784*128 + 128 = 100,480
        (3, "arithmetic", "right"),  # 128*10 + 10 = 1,290 (not 100,480 + 1,290 run on)
        (5, "arithmetic", "right"),  # 9216*128 + 128 = 1,179,776
        (5, "arithmetic", "right"),  # 128*10 + 10 = 1,290
        (7, "arithmetic", "right"),  # 27 + 1 = 28: a sum run on, one chain
        (9, "arithmetic", "wrong"),  # 27 + 1 = 28, not 29 (apart, 29 would be no one's)
        (11, "arithmetic", "right"),  # 5*5*3 = 75
        (11, "arithmetic", "wrong"),  # 5*5*3*2 = 150, not 151
    ],
    "06_saved_file_size.md": [
        # line 3: 22,910,480 * 4 = 91,641,920 B = 87.4 MiB; the file Keras lists is 88 MB:
        # a little over the parameters' bytes (buffers, headers), unsure
        # line 5: 8,062,504 * 4 = 32.25 MB; 33 MB is 2.3% over: unsure
        (7, "memory", "wrong"),  # 25,557,032 * 4 = 102.2 MB (97.5 MiB); 80 MB is less
        (7, "model", "right"),  # ResNet-50: 25,557,032 parameters (torchvision)
        (9, "arithmetic", "wrong"),  # 25,557,032 * 4 = 102,228,128 B, not 105 MB
        (9, "memory", "wrong"),  # the same, computed on the line: no file's overhead
        (9, "model", "right"),
        (11, "memory", "right"),  # 11,689,512 * 4 = 46,758,048 B = 46.76 MB
        (11, "model", "right"),  # ResNet-18: 11,689,512 parameters (torchvision)
    ],
    "07_settings_list_then_colon.md": [
        (3, "arithmetic", "right"),  # (227 - 11)/4 + 1 = 55
        (4, "arithmetic", "right"),  # (55 - 3)/2 + 1 = 27
        (5, "arithmetic", "right"),  # (27 + 4 - 5)/1 + 1 = 27
        (6, "arithmetic", "wrong"),  # 55, not 54 (was skipped as the ratio "96 : ...")
        # line 8: 5x5 : 3x3x2 = 25 : 18 is a ratio, no equation: nothing judged
    ],
}

# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_la_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
