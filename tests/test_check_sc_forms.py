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
  ``in·(out + 1)`` gives a bias to each input, wrong; ``out·(in + 1)`` right;
- the values one output value is computed from, or one filter's weights, told as a
  product k·k·C in the sentence that sets the conv out (its filters, and its input
  channels as a count of channels other than the filters' or an input map): a window
  spans every input channel, so the depth is C_in; the filters' count there is wrong, a
  depthwise conv not read (``paramcounts/windowvalues``; twin ``hostile_correct/sc-02``);
- a count of parameters whose term is exactly a map an earlier line called an output or a
  feature map (sides of 12 or more): the map's values (activations), not parameters,
  which do not depend on a map's sides; a sentence of a dense layer, of values or of
  activations is not judged (``paramcounts/mapcount``);
- a softmax worked out on a vector given in brackets or by its name on a line above
  (``z = [1.0, 2.0, 3.0]``, then ``softmax(z) = [...]``): each value held to the digits
  written, a vector partly unwritten not read (``arithmetic/softmax``); a name given a
  list in brackets takes no value from its first entry (``rules/symvalues``: the old code
  read ``z = 1`` and called ``(z) = 0.09`` wrong);
- a count worked down lines under one label, a step a line (``params = 3 * 3 * 16 * 32 +
  32``, ``params = 4,608 + 32``, ``params = 4,640``): a step that is a sum the arithmetic
  does not read as a calculation of its own is still judged against the line above
  (``arithmetic/arithchain._relabelled``; the old code skipped it and called the next,
  right, line wrong);
- digit groups parted by apostrophes (``205'056``, ``217'706``: Swiss notation), read as
  the number they group (``reading/numerals``); a quoted digit (``'0'``) is no group;
- a result on the line under its calculation with a gloss in brackets after it (``= 864
  (operations)``, ``= 56 (learnable parameters)``): the chain goes on
  (``arithmetic/arithchain.continued``);
- a sum of counted things in Korean, the counter with its particle before the noun
  (``9개의 퍼셉트론 + 1개의 bias = 10개``): the counter and the noun are the term's unit,
  not words that end the calculation (``reading/glosses.drop_units``);
- a result glued to a small ``m`` after ``=`` (``= 120m``, ``= 2.4m``): a million
  (``reading/numerals``); where the bare figure is the result (``4 x 15 = 60m``, minutes)
  a wrong reading is a doubt, not a mistake (``doubts.second_reading``);
- a calculation's result told after it in words (``... + 64 (bias) which is around
  9.5k``, ``..., that is 18,496``, ``which equals``): the words are its ``=`` (``≈`` with a
  word of approximation) (``arithmetic/toldafter``);
- LaTeX's aligned chain, a step a line opened by ``&=``, with its digit groups parted by
  a negative thin space (``10,\\!838,\\!016``, or ``,!`` where the backslash was lost): the
  ``&`` is no token of the chain (``arithmetic/arithchain``), the groups one number
  (``reading/numerals``).

Expected values: plain arithmetic in the comments (softmax with Python's math.exp) (a k x k kernel holds k*k weights a
channel; Simonyan & Zisserman 2015, section 2.3; a dense layer of n inputs and m units
holds n*m weights and m biases, torch's ``nn.Linear(n, m)``; one filter of a k x k conv on
C channels holds k*k*C weights, ``nn.Conv2d(C, 1, k).weight.numel()``).
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
        (5, "arithmetic", "right"),  # 64*10 = 640 (after the formula between bars)
        (7, "arithmetic", "right"),  # 64*11 = 704: the arithmetic right, the rule not
        (7, "formula", "wrong"),  # PLANTED: (64 + 1)*10 = 650; in*(out + 1) = 704 biases the inputs
        (9, "arithmetic", "right"),  # 65*10 = 650 (the rule right, with its substitution: no claim)
        (11, "formula", "right"),  # out*(in + 1): one bias a unit
    ],
    "05_window_values.md": [
        (3, "params", "wrong"),  # PLANTED: 3*3*8 = 72 values (8 input channels), not 3*3*12
        (5, "params", "right"),  # 5*5*9 = 225
        (7, "params", "wrong"),  # PLANTED: 3*3*48 = 432 weights a filter, not 3*3*24
        (7, "arithmetic", "right"),  # 3*3*24 = 216
        # line 9: a depthwise conv: not read
    ],
    "06_map_counted_as_params.md": [
        (5, "arithmetic", "right"),  # 30*30*16 = 14,400
        (5, "arithmetic", "right"),  # (3*3*3 + 1)*16 = 448
        (9, "params", "wrong"),  # PLANTED: 30x30x16 is line 3's output map; the convs have
        # (3*3*3 + 1)*16 + (3*3*16 + 1)*32 = 448 + 4,640 = 5,088 parameters
        (9, "arithmetic", "info"),  # 14,400 + 25,088 = 39,488
        (11, "arithmetic", "right"),  # 28*28*32*10 + 10 = 250,890 (a dense layer: not judged)
    ],
    "07_softmax.md": [
        (5, "arithmetic", "right"),  # softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652]
        (7, "arithmetic", "wrong"),  # PLANTED: softmax([0.5, 0.5, 2]) = [0.154, 0.154, 0.691]
        (9, "arithmetic", "right"),  # softmax([2, 0]) = [0.8808, 0.1192]
        # line 11: a vector partly unwritten: not read
    ],
    "08_label_steps_down_lines.md": [
        (4, "arithmetic", "info"),  # 5*5*3*16 + 16 = 1,216
        (5, "arithmetic", "right"),  # 1,200 + 16 = 1,216
        (6, "arithmetic", "right"),
        (10, "arithmetic", "info"),  # 3*3*16*32 + 32 = 4,640
        (11, "arithmetic", "wrong"),  # PLANTED: 3*3*16*32 = 4,608, not 4,806
        (12, "arithmetic", "right"),  # 4,608 + 32 = 4,640
    ],
    "09_apostrophe_groups.md": [
        (3, "arithmetic", "right"),  # 28*32 = 896
        (4, "arithmetic", "right"),  # 1,153*10 = 11,530
        (5, "arithmetic", "right"),  # 896 + 11,530 = 12,426
        (6, "arithmetic", "wrong"),  # PLANTED: 65*128 = 8,320, not 8'230
    ],
    "10_result_with_gloss_below.md": [
        (4, "arithmetic", "info"),  # 75*64*4 = 19,200
        (5, "arithmetic", "right"),
        (8, "arithmetic", "info"),  # 300 + 4 = 304
        (9, "arithmetic", "wrong"),  # PLANTED: 5*5*3*4 + 4 = 304, not 340
    ],
    "11_counted_nouns_ko.md": [
        (3, "arithmetic", "right"),  # 4 + 1 = 5
        (4, "arithmetic", "wrong"),  # PLANTED: 8 + 1 = 9, not 10
    ],
    "12_result_in_small_m.md": [
        (3, "arithmetic", "right"),  # 28*28*32*25*192 = 120,422,400
        (4, "arithmetic", "right"),  # 28*28*16*192 = 2,408,448
        (5, "arithmetic", "wrong"),  # PLANTED: 28*28*32*25*16 = 10,035,200 = 10.0m, not 1.0m
        (6, "arithmetic", "right"),  # 28*28*128*9*96 = 86,704,128
        (7, "arithmetic", "right"),  # 4*15 = 60 (minutes)
    ],
    "13_result_told_in_words.md": [
        (3, "arithmetic", "right"),  # 3*49*32 + 32 = 4,736, about 4.7k
        (5, "arithmetic", "right"),  # 32*9*64 + 64 = 18,496
        (7, "arithmetic", "wrong"),  # PLANTED: 64*16 + 16 = 1,040, not 1,140
        (9, "arithmetic", "right"),  # 2*256*64 = 32,768; "at 28x28 that is ...": a size, no sum
    ],
    "14_aligned_latex_groups.md": [
        (6, "arithmetic", "right"),  # 27*112*112*32 = 10,838,016
        (8, "arithmetic", "wrong"),  # PLANTED: 2*10,838,016 = 21,676,032, not 21,767,032
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
