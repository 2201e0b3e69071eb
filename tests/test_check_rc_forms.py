"""`cnnstat check` on forms missed in set-r3 at first contact (issue 19, helper rc).
Each planted mistake is marked PLANTED with its true value; the correct twins are
``hostile_correct/rc-*.md``.

Mechanisms:
- a running parameter count down a numbered list of layers (``Params so far: N`` at the
  end of each item): the run's first count is taken as given; each later item adds what
  its layer says (a dense layer's ``A x B matrix``: A*B weights and B biases, or A for a
  matrix written output first; a pooling or flatten, or an item saying it adds no
  parameters: nothing) and its count is judged against the first plus those additions,
  with the biases or without; a slip carried down stays wrong; an item whose layer cannot
  be read starts a new run; the last count told again in a later line on parameters is
  judged as it was; a running total with a unit (``118M``, ``4 MB``) or of costs is not
  read (the twin's last list: read before, 118M was called wrong) (``paramcounts/runningcount``);
- two cost figures of one network in one line, the one the author got (``the computed
  cost is``, ``a script gives``) set against a reported one (``which is different from
  the reported``, ``does not match the paper's``): each is the network's and judged as a
  figure alone would be, in either convention (multiply-adds, or two FLOPs each); two
  figures with no such contrast stay unjudged (``modelfacts/againstpair``; twin
  ``hostile_correct/rc-02``);
- a network's name alone as an item of a loose list (``- **VGG-16**``, blank lines between
  the items): the lines nested under it, indented deeper, are about that network past the
  blank lines, as under a heading; a line back at the name's indent (or less) ends it
  (``modelfacts/above.carried_title``; before, a blank line after the name ended it; twin
  ``hostile_correct/rc-03``);
- a calculation alone on its line, left without a result, and its result told on the
  next line of the note past a blank line (``And this gives 84``, ``which comes to 608``):
  the figure is the calculation's, right or wrong by its value; a figure another term
  follows (``588 plus the four biases``) is not read (``arithmetic/resultbelow``; twin
  ``hostile_correct/rc-04``);
- a stack's field told layer by layer, a sentence each (``A neuron on the second CONV
  layer has a 3x3 view of the first CONV layer, and hence a 5x5 view of the input``):
  the i-th of n stacked k x k stride-1 layers sees i*(k - 1) + 1 of the input; a square
  of another layer is that layer's window, not read; a line with a stride of 2 or more
  is not read (``receptivefield/rfordinal``; twin ``hostile_correct/rc-05``).

Expected values: plain arithmetic in the comments (a dense layer of i inputs and o
outputs has i*o weights and o biases, torch.nn.Linear(i, o); a stride-1 k x k layer
widens the receptive field by k - 1); ResNet-18 and ResNet-34 at 224x224: 1.8 and 3.6 x
10^9 multiply-adds (He et al. 2016, Table 1), 3.6 and 7.3 GFLOPs counting two a
multiply-add; torchvision's parameter counts: alexnet 61,100,840 (the paper's 60
million), vgg16 138,357,544; LeNet-5 about 60,000 (LeCun et al. 1998).
"""

import pytest

from cnnstat.notes.check import check_file
from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/rc_forms"

EXPECTED = {
    "01_running_param_count.md": [
        # line 5: the run's first count, 5*5*3*16 + 16 = 1216, taken as given
        (6, "shape", "right"),  # 14*14*16 = 3136
        # PLANTED: 1216 + 3136*64 + 64 = 201,984, not 201,884 (201,920 without biases)
        (7, "params", "wrong"),
        # PLANTED (carried): 201,984 + 64*10 + 10 = 202,634, not 202,534 (= 201,884 + 650)
        (8, "params", "wrong"),
        (10, "params", "wrong"),  # PLANTED (told again): 202,634, not 202,534
    ],
    "02_got_against_reported.md": [
        # PLANTED: ResNet-18 is 1.8 G multiply-adds, 3.6 GFLOPs counting two: not 9.6
        (3, "model", "wrong"),
        (3, "model", "right"),  # the reported 1.8 (multiply-adds)
        (5, "model", "right"), (5, "model", "right"),  # 3.6 = 2 x 1.8; 1.8
        # line 7: two figures, no contrast: not judged
    ],
    "03_network_item_loose_list.md": [
        (6, "model", "right"),  # LeNet-5: about 60k
        (12, "model", "right"),  # AlexNet: 60 million
        (17, "model", "wrong"),  # PLANTED: VGG-16 has 138,357,544 parameters, not 183 million
        # line 19: back at the names' indent, no network named: not judged
    ],
    "04_result_told_below.md": [
        (5, "arithmetic", "info"),  # 3*27 + 3 = 84, no result on its line
        (7, "arithmetic", "right"),  # 84
        (11, "arithmetic", "info"),  # (75 + 1)*8 = 608, no result on its line
        (13, "arithmetic", "wrong"),  # PLANTED: (5*5*3 + 1)*8 = 608, not 618
        # line 19: 7*7*3*4 = 588, another term after it: not read
    ],
    "05_field_layer_by_layer.md": [
        (3, "receptive field", "right"),  # the first 5x5 layer: 5
        (3, "receptive field", "wrong"),  # PLANTED: two stacked 5x5 see 2*4 + 1 = 9, not 7
        (5, "receptive field", "right"),  # the third 3x3 layer: 3*2 + 1 = 7
        (5, "receptive field", "wrong"),  # PLANTED: the fourth 3x3 layer sees 4*2 + 1 = 9, not 8
        # line 7: stride 2, not read
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_rc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))


def test_rc_twins_hold():
    """The correct twins: with the biases, without them, and a run started again after an
    item whose layer is not read (123,456 + 10*128 + 10 = 124,746)."""
    for path in sorted((ROOT / "tests/fixtures/notes/hostile_correct").glob("rc-*.md")):
        res = check_file(path)
        assert not res.wrong, (path.name, res.wrong)
        assert len(res.claims) >= 3, path.name
