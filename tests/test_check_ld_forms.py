"""`cnnstat check` on notes with planted mistakes of intent (issue 19, helper ld: English
blog posts and course notes that work out parameter counts layer by layer). Each fixture
is a passage in the writer's style with one mistake per five to eight claims among right
lines; each planted mistake is marked below with its true value. The correct twins of
every caught form are in ``hostile_correct/ld-*.md``.

- a count written as a bare product with no structure that names its filters (``32 × 3
  × 3 = 288``, the input channels left out) is read every way its factors split into
  ``N·k·k[·C]``, and judged as the one conv read before the line that a split fits;
- two convs of the code with the same filters and kernel (``Conv2D(64, (3, 3))`` on 32 and
  on 64 channels) are told apart by the place the line names before its count (``conv4``,
  "the fourth conv", PyTorch's ``self.conv2``) or the question above it names ("Q1.
  Parameters of the first conv layer?"); counted from 1 unless the note writes ``conv0``
  (``convorder``); a count of the other layer of the pair is then wrong, not unsure;
- a whole layer's product with one bias added (``3 × 3 × 3 × 64 + 1``): the biases
  counted once, not once a filter; a line that shows the count as a slip ("a common slip
  ... instead of 32 of them") leaves it unsure (``intent``);
- a table's total row that is its rows' sum with one digit slipped or two swapped
  (``1,205,858`` for ``1,250,858``), or the sum less one row, is wrong (``tabletotal``,
  ``slips``);
- a MACs figure and its FLOPs side by side, joined by a connective ("i.e.", "or", "→", "so
  FLOPs(M) would be", a bracket): twice is right; half or any other factor wrong; once is
  the papers' naming (not judged) unless the note counts two FLOPs to a MAC itself (its
  rule stated, or a pair at twice above): then wrong (``flopsfig``);
- a dense layer's count against the code's ``Dense``/``nn.Linear`` with those outputs:
  the biases left out (``4096*4096``), a bias per input (``128·257``), or inputs that are
  not the layer's (``256*84 + 84`` for ``nn.Linear(120, 84)``), on a line of a dense layer
  and of parameters; any reading that fits a layer says nothing (``densecount``);
- a depthwise conv counted as a standard one (``3*3*64*64`` on 64 channels), its weights or
  its multiply-adds: a factor left once the kernel, channels and map are taken out
  (``dwcount``);
- a figure a line works out itself (``(3*3*64 + 1)*128 = 73,856`` for conv3) is no echo of
  the same figure judged wrong for conv4 below it (``echoes``).

Expected values are plain arithmetic (and ``p.numel()`` in PyTorch), written beside each line.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/ld_forms"

EXPECTED = {
    "01_cifar_keras_by_hand.md": [
        (21, "formula", "right"),  # (k·k·C_in + 1)·filters
        # PLANTED: conv1 on RGB is (3*3*3 + 1)*32 = 896; 288 leaves out the 3 input
        # channels (and the biases); the code's two Conv2D(32, (3, 3)) told apart by "conv1"
        (23, "arithmetic", "right"), (23, "params", "wrong"),
        # and said again by the count-beside-code reader (helper lh), from the code's
        # Conv2D(32, (3,3)) on RGB: 896 (settle keeps both same verdicts)
        (23, "params", "wrong"),
        (24, "arithmetic", "right"),  # (3*3*32 + 1)*32 = 9,248
        (25, "shape", "right"),  # 30/2 = 15
        (26, "arithmetic", "right"),  # (3*3*32 + 1)*64 = 18,496
        (26, "shape", "right"),  # 64 filters give 64 channels: 15x15x64 (pb: filtercount)
        # PLANTED: conv4 takes conv3's 64 channels: (3*3*64 + 1)*64 = 36,928
        (27, "arithmetic", "right"), (27, "params", "wrong"),
        (28, "shape", "right"),  # floor(13/2) = 6
        (30, "arithmetic", "right"),  # 6*6*64 = 2304
        # PLANTED: Dense(512) on 2304 has 2304*512 + 512 = 1,180,160: the biases left out
        (31, "arithmetic", "right"), (31, "params", "wrong"),
        (31, "arithmetic", "right"),  # 512*10 + 10 = 5,130
        # PLANTED: the rows add to 1,250,858 (two digits swapped)
        (41, "arithmetic", "wrong"),
        (45, "arithmetic", "right"),  # 32*32*32*27 = 884,736
        # PLANTED: 8,294,400 MACs are 16.6 MFLOPs, not 8.3: the 2x left out, against the
        # note's own rule the line above states (the multiply and the add counted apart)
        (47, "arithmetic", "right"), (47, "cost", "wrong"),  # 30*30*32*288 = 8,294,400
    ],
    "02_exercise_sheet_places.md": [
        (6, "shape", "right"),  # input_shape (64, 64, 3): an RGB image
        # PLANTED: the first conv (3 -> 64) has 3*3*3*64 + 64 = 1,792; 576 leaves out
        # the input channels and the biases ("the first conv layer" is the question's)
        (15, "arithmetic", "right"), (15, "params", "wrong"),
        (18, "arithmetic", "right"),  # (3*3*64 + 1)*64 = 36,928
        (20, "arithmetic", "right"),  # conv3, 64 -> 128: 73,856 (no echo of line 22)
        # PLANTED: the fourth conv is 128 -> 128: (3*3*128 + 1)*128 = 147,584
        (22, "arithmetic", "right"), (22, "params", "wrong"),
        # PLANTED: the rows add to 260,160; 112,576 leaves out conv4's 147,584
        (34, "arithmetic", "wrong"), (34, "model", "wrong"),
        *[(n, "model", "right") for n in range(28, 34)],  # each row as the line above
    ],
    "03_flops_beside_macs.md": [
        # 112*112*64*9*32 = 231,211,008 MACs; x2 = 462.42 MFLOPs
        (7, "arithmetic", "right"), (7, "cost", "right"),
        # 112*112*32*9 = 3,612,672 MACs; x2 = 7.23 MFLOPs
        (9, "arithmetic", "right"), (9, "cost", "right"),
        # PLANTED: 112*112*32*64 = 25,690,112 MACs are 51.4 MFLOPs by the note's rule (line 3)
        (10, "arithmetic", "right"), (10, "cost", "wrong"),
        (12, "cost", "right"),  # 3,612,672 + 25,690,112 = 29,302,784; x2 = 58.6
        (13, "ratio", "right"),  # 231,211,008 / 29,302,784 = 7.89
        # PLANTED: 569M mult-adds (Howard et al. 2017, Table 8) are 1138 MFLOPs; 284.5
        # halves instead of doubling (model facts also finds 284.5 no figure of MobileNet)
        (15, "cost", "wrong"), (15, "model", "right"), (15, "model", "wrong"),
        (19, "arithmetic", "right"),  # 3*3*32*64 = 18,432
        (20, "arithmetic", "right"),  # 32*64 = 2,048
    ],
    "04_vgg_head_dense.md": [
        (1, "model", "right"),  # VGG16 138M (torchvision 138,357,544)
        (13, "arithmetic", "right"),  # 7*7*512 = 25,088
        (15, "arithmetic", "right"),  # 25088*4096 + 4096 = 102,764,544
        # PLANTED: nn.Linear(4096, 4096) has 4096*4096 + 4096 = 16,781,312: biases left out
        (16, "arithmetic", "right"), (16, "params", "wrong"),
        (17, "arithmetic", "right"),  # 4096*1000 + 1000 = 4,097,000
        (19, "arithmetic", "right"),  # 123,642,856 (torch: the three Linear layers)
        (20, "arithmetic", "right"),  # 138,357,544 - 123,642,856 = 14,714,688 (the convs)
        # a wrong fc6 quoted and called wrong by the line below: its outputs are two
        # layers' (fc6, fc7), its bias counted: not judged
        (23, "arithmetic", "right"),  # 14*14*512*4096 + 4096 = 411,045,888
        # PLANTED: nn.Linear(4096, 10) has 4096*10 + 10 = 40,970; 4096*11 gives each
        # input a bias
        (27, "arithmetic", "right"), (27, "params", "wrong"),
    ],
    "05_dense_counts_week3.md": [
        (11, "arithmetic", "right"),  # nn.Linear(16*5*5, 120): 400*120 + 120 = 48,120
        # PLANTED: nn.Linear(120, 84) has 120*84 + 84 = 10,164; 256 is no input of it
        (12, "arithmetic", "right"), (12, "params", "wrong"),
        (13, "arithmetic", "right"),  # (84 + 1)*10 = 850
        # PLANTED: Dense(10) on 224*224*3 = 150,528 inputs: 1,505,280 + 10 = 1,505,290
        (21, "arithmetic", "right"), (21, "params", "wrong"),
        # PLANTED: Dense(256) on 128: 128*256 + 256 = 33,024; 128·257 a bias per input
        (25, "arithmetic", "right"), (25, "params", "wrong"),
    ],
    "06_depthwise_as_standard.md": [
        (5, "arithmetic", "right"),  # 3*3*32 = 288
        # PLANTED: a depthwise 3x3 on 64 channels has 3*3*64 = 576 weights
        (6, "arithmetic", "right"), (6, "params", "wrong"),
        (7, "arithmetic", "right"),  # 56*56*128*9 = 3,612,672
        # PLANTED: its cost is 56*56*128*9 = 3,612,672 multiply-adds, no factor 128
        (8, "arithmetic", "right"), (8, "cost", "wrong"),
        (9, "arithmetic", "right"),  # 5*5*96 + 96 = 2,496
        # a standard conv beside a depthwise one: the line compares, not judged as one
        (10, "arithmetic", "right"), (10, "arithmetic", "right"),  # 18,432 and 288
    ],
    "07_latex_named_modules.md": [
        (14, "formula", "right"),  # C_out·(k²·C_in + 1)
        # PLANTED: self.conv1 (3 -> 64) has 3*3*3*64 + 64 = 1,792: one bias for the layer
        (16, "arithmetic", "right"), (16, "params", "wrong"),
        (17, "arithmetic", "right"),  # 64·(3*3*64 + 1) = 36,928
        (18, "arithmetic", "right"),  # 128·(3*3*64 + 1) = 73,856
        # PLANTED: self.conv4 is 128 -> 128: 128·(3*3*128 + 1) = 147,584 (torch:
        # nn.Conv2d(128, 128, 3) has 147,584 parameters); caught since the heading above
        # names parameters (helper lg's section rule)
        (19, "arithmetic", "right"), (19, "params", "wrong"),
        (20, "arithmetic", "right"),  # 1,792 + 36,928 + 73,856 + 147,584 = 260,160
    ],
}


# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_ld_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
