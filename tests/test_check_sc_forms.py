"""`cnnstat check` on forms of parameter counts and costs misread in set-r1..r3 and
set-h4..h6 (issue 19, helper sc: mistakes of intent). Each planted mistake is marked
PLANTED with its true value.

Mechanisms:
- a count right after a kernel's word and its object particle counts the kernels used,
  not their parameters (``3x3 합성곱을 3개 쌓으면``, ``5x5 conv 를 2개``): no parameter
  count; a count said of the parameters is still read (``paramcounts/kernelcount``);
- a running parameter count down a list whose first item sets out a conv in words (its
  filters and square kernel) on the images named above the list (``RGB``, ``grayscale``,
  a dataset such as MNIST: ``paramcounts/noteinput``): the first count is that conv's,
  ``(k*k*C_in + 1)*N``, wrong where it leaves out the biases or the input channels, not
  judged where the list's lead or the item speaks of weights or biases
  (``paramcounts/runningcount``, ``costs/layerwords.read`` given the channels; twin
  ``hostile_correct/sc-01``);
- a parameter rule in role words with the sizes between bars, LaTeX's or plain
  (``#params = |input|·(|output| + 1)``): the bars read as the size they hold
  (``rules/ruletree.plain``), and a count over an input and an output with no kernel is a
  dense layer's, its input and output its features and units (``rules/paramrule``):
  ``in·(out + 1)`` gives a bias to each input, wrong; ``out·(in + 1)`` right.

Expected values: plain arithmetic in the comments (a k x k kernel holds k*k weights a
channel; Simonyan & Zisserman 2015, section 2.3; a dense layer of n inputs and m units
holds n*m weights and m biases, torch's ``nn.Linear(n, m)``).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sc_forms"

EXPECTED = {
    "01_kernels_used_ko.md": [
        (3, "params", "right"),  # 7*7 = 49
        # lines 4, 5: 3 and 2 count the kernels used, not parameters: no claim
        (6, "params", "wrong"),  # PLANTED: 2*3*3 = 18, not 16
    ],
    "02_running_first_conv.md": [
        (5, "params", "wrong"),  # PLANTED: (5*5*3 + 1)*16 = 1,216, not 400 (= 16*5*5)
        (5, "shape", "right"),  # 32 - 5 + 1 = 28, 16 filters
        (6, "shape", "right"),  # 28 / 2 = 14
        (6, "shape", "right"),  # 14*14*16 = 3,136
        (7, "params", "right"),  # 400 + 3136*64 + 64 = 201,168 (the note's own first count)
    ],
    "03_running_first_conv_bias.md": [
        (3, "shape", "right"),  # MNIST images: 28x28, one channel
        (5, "params", "wrong"),  # PLANTED: (5*5*1 + 1)*10 = 260, not 250 (biases left out)
        (5, "shape", "right"),  # 28 - 5 + 1 = 24, 10 filters
        (6, "shape", "right"),  # 24 / 2 = 12
        (6, "shape", "right"),  # 12*12*10 = 1,440
        (7, "params", "right"),  # 250 + 1440*10 + 10 = 14,660
    ],
    "04_dense_rule_in_words.md": [
        (7, "formula", "wrong"),  # PLANTED: (64 + 1)*10 = 650; in*(out + 1) = 704 biases the inputs
        (9, "arithmetic", "right"),  # 65*10 = 650 (the rule right, with its substitution: no claim)
        (11, "formula", "right"),  # out*(in + 1): one bias a unit
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
