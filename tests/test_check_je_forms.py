"""`cnnstat check` on forms of Korean course notes (issue 19, set-y4's second half):

- a rule in letters on a bulleted line with no figure (``\t\t- $C_{in} \\times C_{out} +
  C_{out}(\\text{Bias})$``): its list marker is blanked as any line's is, never read as a
  minus before the rule;
- a count of layers read through the section's heading, on a numbered step past the first
  of a walkthrough (``5. 3개의 합성곱층``, ``3) Three convolutional layers follow``), fewer
  than the network has: the step's layers, unsure, never the network's count;
- two plain fractions of two values with a tilde between (``약 1/8 ~ 1/9 수준``,
  ``1/10~1/12``): a range, not a calculation and its approximate value;
- a plain product stated as about the product plus one of its factors (``512 × 1,000 ≈
  51만 3천``, ``1024 × 100 = 약 10만 2천 5백``): a layer's weights and its biases, unsure,
  unless the line calls the product the weights (an '=' alone states an equation: wrong);
- ``= 약 3.7억``, ``= about 50,000``: the word for "about" after '=' makes it '≈';
- a value with its calculation after it in brackets opened by '=' (``105,750,600 (=
  290,400 x 364)``): ``value = calculation``; a result carried on plus one (``= 363``
  weights, then ``364 x 96``) is the count with its bias, not a slip;
- an output layer in code with the classes counted in its comment (``Dense(5,
  activation='softmax')  # 클래스 10개의 확률``): its units are the classes;
- Python's floor division in a worked size (``(227 - 11) // 4 + 1 = 55``): a floored
  quotient;
- a rule's operands named by the layer before or this one (``이전 층 필터 수``, ``이전 층
  출력의 깊이``: the input channels; ``현재 층 필터 수``, ``current layer filters``: the
  filters);
- a rule in letters, then its substitution and value (``floor((W-K) / S + 1) =
  floor((56-3)/2 + 1) = 27``): the numbers after the first '=' are an equation;
- a layer's weight or bias shape printed in PyTorch (``print(fc.weight.shape)  #
  torch.Size([5, 10])``): (out, in) for a linear layer, (out, in, kh, kw) for a conv;
  and the printed output under a labelled print (``print("weight shape:", ...)`` then
  ``weight shape: torch.Size([5, 10])``), though a comment showed it already.
- a training setting written as a program's identifier assigned (``batch_size = 32``,
  ``weight_decay = 1e-4``): a script's own value, not the paper's.

The fixtures (tests/fixtures/notes/je_forms) are this repository's own, in the form of
such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/je_forms"

EXPECTED = {
    "01_bulleted_rules.md": [
        (5, "formula", "right"),  # C_i*C_o + C_o = (C_i + 1)*C_o, a dense layer's count
        (6, "arithmetic", "right"),  # 2048*512 = 1,048,576, + 512 = 1,049,088
        (9, "formula", "right"),  # K*K*C_in*C_out + C_out = (K*K*C_in + 1)*C_out
        (10, "arithmetic", "right"),  # 3*3*16*32 = 4,608, + 32 = 4,640
        (12, "formula", "wrong"),  # K*K*C_in + C_out: 3x3, 5 -> 7 gives 52, not 322
    ],
    "02_walkthrough_step_counts.md": [
        # line 10: step 5, three of AlexNet's five convs: unsure
        (12, "model", "right"),  # three FC layers: AlexNet has 3
        (16, "model", "right"), (16, "model", "right"), (16, "model", "right"),  # conv1: 96, 11x11
        (17, "model", "right"), (17, "model", "right"), (17, "model", "right"),  # conv2: 256, 5x5
        # line 18: step 3, "Three convolutional layers": unsure
        (22, "model", "wrong"),  # an unnumbered summary item: AlexNet has 5 convs, not 4
        (22, "model", "right"),  # and 3 FC layers
        (23, "model", "wrong"),  # the line names AlexNet: 5 convs, not 4
    ],
    "03_fraction_ranges.md": [
        # lines 3-5: 1/8 ~ 1/9, 1/10~1/12, 1/4 ~ 1/3: ranges, no claim
        (6, "arithmetic", "right"),  # 100/8 = 12.5
        (7, "arithmetic", "right"),  # 1/3 = 0.333, about 0.33
        (8, "arithmetic", "wrong"),  # 100/8 = 12.5, not about 11
        (9, "arithmetic", "right"),  # 64/256 = 1/4: one value, either reading
    ],
    "04_product_with_biases.md": [
        # line 5: 512*1000 = 512,000; + 1,000 biases = 513,000, stated as approximate: unsure
        # line 7: 3*3*64*128 = 73,728; + 128 = 73,856, approximate: unsure
        (8, "arithmetic", "wrong"),  # '=' states an equation: 40,960, not 40,970
        (9, "arithmetic", "right"),  # 4096*10 = 40,960
        (10, "arithmetic", "right"),  # 40,960 is about 41,000
        (11, "arithmetic", "wrong"),  # 256*100 = 25,600, not about 25,800 (no factor is 200)
        (12, "arithmetic", "wrong"),  # called the weights: 25,600, not 25,700
        (13, "arithmetic", "wrong"),  # 가중치 (weights): 73,728, not 73,856
        # line 14: 1024*100 = 102,400; "= 약" (about) 102,500 = + 100: unsure
    ],
    "05_code_settings.md": [
        # line 6: batch_size = 32 beside a tensor's shape; line 10: weight_decay, batch_size
        # as identifiers: a script's values, no claim
        (12, "model", "wrong"),  # AlexNet's paper trains with batches of 128, not 256
        (13, "model", "right"),  # momentum 0.9 (Krizhevsky et al. 2012, Sec. 5)
    ],
    "06_about_results.md": [
        # 112*112 = 12,544; * 9 = 112,896; * 32 = 3,612,672; * 64 = 231,211,008
        (4, "arithmetic", "right"),  # about 2.3억 (230 million)
        (5, "arithmetic", "wrong"),  # not about 23억 (2.3 billion): ten times over
        (7, "arithmetic", "right"),  # 12,544 is about 12,500
        (8, "arithmetic", "wrong"),  # nor roughly 15K
        (9, "arithmetic", "right"),  # 대략 1만 2천 (12,000)
        # line 10: "약 3 ~ 4배": a range, no calculation
    ],
    "07_value_then_bracketed_calc.md": [
        (3, "arithmetic", "right"),  # 110*110 = 12,100; * 96 = 1,161,600
        (4, "arithmetic", "right"),  # 7*7*3 + 1 = 148
        (5, "arithmetic", "right"),  # 1,161,600 * 148 = 171,916,800
        (6, "arithmetic", "wrong"),  # digits swapped: not 171,961,800
        (7, "arithmetic", "right"),  # 7*7*3*96 = 14,112
        (8, "arithmetic", "right"),  # about 14K
        # line 9: "3 + 5 (= 2 x 4)": the value before the bracket is itself calculated
        (11, "arithmetic", "right"),  # 7*7*3 = 147 weights
        (11, "arithmetic", "right"),  # 148*96 = 14,208; 148 is 147 + the bias, no slip
        (12, "arithmetic", "right"),  # (224 - 3 + 2)/1 + 1 = 224
        (12, "arithmetic", "right"),  # 234*234*64 = 3,504,384
        (12, "arithmetic", "wrong"),  # but 224 was carried on as 234
    ],
    "08_classes_beside_output.md": [
        (4, "shape", "wrong"),  # a softmax of 7 units gives 7 classes' probabilities, not 10
        (5, "shape", "right"),  # 10 units, 10 classes
        (6, "shape", "right"),  # Linear(84, 10): 10 outputs
        (7, "shape", "wrong"),  # out_features=100 logits: 100 classes, not 10
        (8, "shape", "right"),  # one sigmoid unit for two classes
        # line 9: a relu layer of 128 "for the 10 classes": no output layer, unsure
        # line 10: no class count
    ],
    "09_floor_division.md": [
        (4, "arithmetic", "right"),  # 216 // 4 = 54, + 1 = 55
        (6, "arithmetic", "wrong"),  # 52 // 2 = 26, + 1 = 27, not 26
        (7, "arithmetic", "right"),  # 27 // 1 + 1 = 28
        (8, "arithmetic", "right"),  # 31 // 2 = 15, + 1 = 16
        (9, "arithmetic", "wrong"),  # 7 // 2 = 3, not 3.5
    ],
    "10_previous_layer_words.md": [
        # C_in * k * C_in + C_out: 3x3, 5 -> 7 gives 5*3*5 + 7 (or 5*9*5 + 7), never 322
        (3, "formula", "wrong"),
        (5, "formula", "right"),  # (k*k*C_in + 1)*C_out
        (7, "formula", "right"),  # the same in English words
    ],
    "11_floor_after_letters.md": [
        (3, "arithmetic", "right"),  # floor(109/2 + 1) = floor(55.5) = 55
        (4, "arithmetic", "right"),  # floor(111/2) + 1 = 55 + 1 = 56
        (5, "arithmetic", "wrong"),  # floor(26/2 + 1) = 14, not 12
    ],
    "12_param_shapes.md": [
        (6, "shape", "right"),  # Linear(10, 5): weight (5, 10)
        (7, "shape", "right"),  # bias (5,)
        (9, "shape", "right"),  # Conv2d(3, 8, 5): weight (8, 3, 5, 5)
        (10, "shape", "wrong"),  # out first: (8, 3, 5, 5), not (3, 8, 5, 5)
        (12, "shape", "right"),  # Linear(64, 2, bias=False): weight (2, 64)
    ],
    "13_printed_with_labels.md": [
        (7, "shape", "right"),  # Linear(10, 5): weight (5, 10)
        (8, "shape", "right"),  # bias (5,)
        (12, "shape", "right"),  # 3x3 pad 1 keeps 32: (1, 8, 32, 32)
        (16, "shape", "right"),  # printed: weight (5, 10)
        (17, "shape", "wrong"),  # printed: the bias is (5,), not (10,)
        (18, "shape", "wrong"),  # printed: 32x32 kept, not 30x30
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
