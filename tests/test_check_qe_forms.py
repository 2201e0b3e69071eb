"""`cnnstat check` on forms whose right lines were false alarms at first contact with
set-q3 (Korean blogs, docs, study notes) and set-q4 (English exercises and exam answers)
(issue 19, helper qe: FA hunter). Each file sets wrong lines beside right ones; the
correct twins alone are ``hostile_correct/qe-*.md``.

Mechanisms:
- counts given to networks in turn, each with its own layer word (``22 layer, 19 layer``,
  ``22개 층과 19개 층``, ``22 layers and 19 layers respectively``): one list, the n-th
  count the n-th network's (``modelfacts/respective._lists``);
- a network named only in brackets that leave the figure out (``11 layer짜리 구조를 ...
  (참고로 GoogLeNet은 ...)``) is an aside, not the figure's sentence
  (``factlines._aside``);
- a byte figure beside a device (``GPU (GTX580, 메모리 3GB)``) is its memory, not the
  weights' size (``costs/weightsize._DEVICE``);
- a ratio after a line's own result, the line naming what it starts from (``9개에서
  3+3=6개로 약 33%``, ``from 25 to 9+9 = 18``): of those two (``ratioabove._from_to``);
- a math span's edge with prose on its other side ends the formula (``filter는 총
  $1 \\times ... = 25C^2$``): the prose is no operand (``ruletree._math_edges``);
- a network itself measured against (``AlexNet보다 12배, VGG16보다 27배``, ``than
  AlexNet and 27x fewer than VGG16``) is never the next comparison's subject
  (``ratios._measured``);
- a timeline's row that opens with a year is an entry of its own, not a wrapped line
  (``years._ITEM``);
- a question's title (``**Q9. ...?**``) starts a topic of its own: the section's network
  is not its answer's (``above.question_title``);
- an output size floored by the reading: the note's next step may keep the fraction
  (``= 16.5``) (``arithchain.continued_step``);
- a calculation that opens with ``+`` goes on from the open one above (``leadop``);
- "the receptive field of 3 filters" is no field of 3, and ``3*5 - 3 + 1`` no 5 blocks
  (``receptive``);
- the writer's own build in a framework (``When I implement the model with Keras, I get
  ~25M``) is their code's count (``measured``);
- "Given an input image of 32x32x3" is the input, no output (``filtercount``);
- "3개의 Convolution" counts convolutions, not parameters (``kernelcount._OF_THING``);
- (a miss of set-q4) a table cell that writes a calculation and its value with the '='
  left out, in a column whose other cells write it (``(3* 3* 128)*256 295168`` under
  ``(3* 3* 64)*128 =73856``), is read as they are (``tablecalc._DROPPED``);
- (a miss of set-q4) a matrix's rows in a frame alone (``│ 2  1  3  0  1 │``) stay drawn
  for the grid reader (``boxtable._FRAMED_ROW``), a label over a fence's marker labels
  the grid under it, and an output whose input and kernel are the last two grids drawn
  before it is read up to ``LONG_SPAN`` lines under them (``convgrid``).

Expected values: plain arithmetic in the comments; model figures from the bundled specs
(GoogLeNet 22 layers, VGG-19 19, VGG-16 13 conv and VGG-19 16 conv; GoogLeNet
6,624,904 (torchvision) to 6,998,552 (paper) or 13,378,280 (with its auxiliary heads) parameters, AlexNet
60,965,224 / 61,100,840, VGG16 138,357,544; ResNet-50 50 layers).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qe_forms"

EXPECTED = {
    "01_respective_each_unit_ko.md": [
        (3, "model", "right"),  # GoogLeNet 22
        (3, "model", "right"),  # VGGNet 19 (VGG-19)
        (5, "model", "wrong"),  # swapped: GoogLeNet is 22, not 19
        (5, "model", "wrong"),  # swapped: VGGNet (VGG-19) is 19, not 22
        (7, "model", "right"),  # VGG-16: 13 conv layers
        (7, "model", "right"),  # VGG-19: 16 conv layers
        (9, "model", "wrong"),  # VGG-16 has 13 conv layers, not 16
        (9, "model", "wrong"),  # VGG-19 has 16 conv layers, not 13
    ],
    "02_aside_and_memory_ko.md": [
        (3, "model", "right"),  # under VGGNet: VGG-11 (configuration A) has 11 layers
        (4, "model", "wrong"),  # GoogLeNet is 22 layers deep, not 12
        (10, "memory", "wrong"),  # 60,000,000 x 4 bytes = 240 MB, not 340 MB
    ],
    "03_from_to_ratio_ko.md": [
        (3, "arithmetic", "right"),  # 9+9+9 = 27
        (3, "ratio", "right"),  # 1 - 27/49 = 44.9%
        (11, "arithmetic", "right"),  # 3+3 = 6
        (11, "ratio", "wrong"),  # 1 - 6/9 = 33.3%, not 10%
        (13, "arithmetic", "right"),  # 9+9 = 18
        (13, "ratio", "wrong"),  # 25/18 = 1.39x, not 3x
    ],
    "04_operator_opens_line.md": [
        (3, "arithmetic", "info"),  # 256 * 32 * 128 = 1,048,576
        (5, "arithmetic", "right"),  # 1,048,576 + 256*48*9*32 (3,538,944) = 4,587,520
        (9, "arithmetic", "info"),  # 256 * 16 * 128 = 524,288
        (11, "arithmetic", "wrong"),  # 524,288 + 256*24*25*16 (2,457,600) = 2,981,888
        # line 15: no open calculation above it: unsure, no claim
    ],
    "05_question_titles_ko.md": [
        (3, "model", "right"),  # ResNet-152: 152 layers
        # line 7: "10층" under a question's title, no network's depth
        (11, "model", "wrong"),  # ResNet-50 has 50 layers, not 52
    ],
    "06_ratio_subject_ko.md": [
        (3, "model", "right"),  # the comparisons reader: both sides fewer, as said
        (3, "model", "right"),
        (3, "ratio", "wrong"),  # GoogLeNet vs VGG16: 138.4M / 6.6M..13.4M = 10.3x..20.9x, not 60x
        (4, "ratio", "right"),  # GoogLeNet vs AlexNet: 61M / 6.6M..13.4M = 4.6x..9.2x: 9x
        (4, "ratio", "wrong"),  # as line 3: not 60x
    ],
    "07_filters_and_kernels.md": [
        # line 1: the question's given input, no output
        (3, "shape", "wrong"),  # 16 filters give 16 channels: 62x62x16, not 62x62x3
        # line 5: a count of convolutions, not of parameters
        (7, "params", "wrong"),  # one 5x5 kernel holds 25 weights (26 with its bias), not 24
        (9, "arithmetic", "info"),  # (64 - 5 + 2)/2 + 1 = 31.5, floored 31
        (10, "arithmetic", "wrong"),  # (64 - 5 + 4)/2 + 1 = 32.5: the padding term is 2, not 4
    ],
    "08_table_dropped_equals.md": [
        (5, "arithmetic", "right"),  # 64*64*32 = 131,072: 131K
        (5, "arithmetic", "right"),  # 27*32 = 864
        (6, "arithmetic", "right"),  # 131K
        (6, "arithmetic", "right"),  # 288*32 = 9,216
        (7, "arithmetic", "right"),  # 32*32*64 = 65,536: 65K
        (7, "arithmetic", "right"),  # '=' left out: 288*64 = 18,432
        (8, "arithmetic", "right"),  # 65K
        (8, "arithmetic", "wrong"),  # '=' left out: 576*64 = 36,864, not 36,928 (its biases added)
        (9, "arithmetic", "right"),  # 65K; "3x3 64" is a kernel and a count, no calculation
    ],
    "09_framed_matrix_far_output.md": [
        (23, "arithmetic", "right"),  # (4 - 2)/1 + 1 = 3
        (25, "arithmetic", "right"),  # 1 + 1 = 2
        (25, "arithmetic", "right"),  # 2 + 2 = 4
        # torch.nn.functional.conv2d of the 4x4 input and the 2x2 kernel drawn above:
        # [[2, 4, 1], [0, 2, 2], [3, 0, 3]]
        (32, "arithmetic", "right"),
        (33, "arithmetic", "wrong"),  # 0 2 2, not 0 2 3
        (34, "arithmetic", "right"),
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qe_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
