"""`cnnstat check` on a summary's totals pasted under a network's name (issue 19): the
name on a line of its own (bare, a heading, bold, ``Model: "..."``, ``=== ... ===``, a
constructor call) sets the network the totals after it describe, and each total is judged
against the network's bundled specs with the rule of the tool that printed it.

Each fixture under tests/fixtures/notes/named_totals was written for this repository in
its own words, keeping only the *form* (torchsummary, torchinfo, Keras, thop and ptflops
totals, English and Korean labels). The reference figures are torchvision's published
parameter counts and GFLOPS (``Weights.meta``: vgg11_bn 132,868,840; vgg13 133,047,848;
vgg13_bn 133,053,736; vgg16 138,357,544 and 15.47 G; vgg19 143,667,240 and 19.63 G;
resnet18 11,689,512 and 1.81 G; resnet50 25,557,032 and 4.09 G; googlenet 6,624,904,
13,004,888 with its auxiliary heads), Keras's published ResNet50 totals (25,636,712 of
which 53,120 are batch norm's moving statistics) and the arithmetic in each comment.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "named_totals"

EXPECTED = {
    "01_torchsummary_totals.md": [
        # VGG16 at (3, 224, 224): 138,357,544 parameters, all trainable, none frozen
        (8, "summary", "right"), (9, "summary", "right"), (10, "summary", "right"),
        (12, "summary", "right"),  # 3*224*224*4 = 602,112 bytes / 1,048,576 = 0.574
        (13, "summary", "right"),  # 138,357,544*4 = 553,430,176 / 1,048,576 = 527.79
        (15, "summary", "right"),  # torchvision's 15.47 G multiply-adds, to the digit
        # ResNet-50 (bold): 25,557,032; 102,228,128 bytes / 1,048,576 = 97.49;
        # FLOPs 2 x 4.089 G = 8.178 G -> 8.18G
        (19, "summary", "right"), (20, "summary", "right"), (21, "summary", "right"),
        # VGG-11 with batch norm has 132,868,840: 133,053,736 is VGG-13-BN's count, and
        # 133,053,736*4/2^20 = 507.56 its size (VGG-11-BN: 506.85)
        (24, "summary", "wrong"), (25, "summary", "wrong"),
        # line 29: a heading with more than the name ("for ten classes") names no network
        # line 35: 134,301,514 is VGG-16 with a 10-way last layer (138,357,544 - 4,097,000
        # + 40,970), 2.9% off: another head explains it -> unsure, no claim
        # GoogLeNet: 6,624,904 (13,004,888 with the auxiliary heads). 9,132,616 to the
        # unit is a tool's count of some changed model: unsure, no claim (line 39). 9.1M
        # written rounded is 37% above 6.6M and 30% below 13.0M, and a head of k classes
        # (1,025 each) on the 5,599,904 below torchvision's head (5,973,552 below the
        # paper's 6,998,552) would need k = (9,050,000 - 5,973,552) / 1,025 = 3,001 or
        # more classes: no head of up to 1,100 (or 21k) -> wrong
        (40, "summary", "wrong"),
    ],
    "02_korean_totals.md": [
        # VGG13: 133,047,848 total and trainable, 0 frozen; 532,191,392 B / 2^20 = 507.54;
        # 11.31 G multiply-adds (torchvision 11.31 GFLOPS) written as GFLOPs
        (5, "summary", "right"), (6, "summary", "right"), (7, "summary", "right"),
        (8, "summary", "right"), (9, "summary", "right"),
        # ResNet-18: 11,689,512; 46,758,048 B / 2^20 = 44.59; 1.81 G
        (13, "summary", "right"), (14, "summary", "right"), (15, "summary", "right"),
        # under VGG16, 143,667,240 is VGG-19's count (VGG16: 138,357,544)
        (19, "summary", "wrong"),
        (20, "summary", "right"),  # 0.57 MB for 3x224x224, as above
    ],
    "03_other_tools.md": [
        # Keras ResNet50: 25,636,712 is not a bundled count (Keras's convs keep their
        # biases): the total itself is unsure, but its size is Keras's arithmetic:
        # 102,546,848 B / 1024^2 = 97.80 MB; 25,583,592*4 / 1024^2 = 97.59 MB
        (4, "summary", "right"), (5, "summary", "right"),
        # 53,120 frozen = batch norm's moving mean and variance, 2 x 26,560 channels; its
        # size 53,120*4 = 212,480 B / 1024 = 207.50 KB
        (6, "summary", "right"), (6, "summary", "right"),
        (11, "summary", "right"),  # VGG16 138,357,544
        # torchinfo's mult-adds: 15,470,264,320 + 13,547,520 conv bias outputs (64*224^2*2
        # + 128*112^2*2 + 256*56^2*3 + 512*28^2*3 + 512*14^2*3) + 9,192 linear biases
        # = 15,483,821,032 -> 15.48 G
        (12, "summary", "right"),
        (13, "summary", "right"),  # 602,112 B / 10^6 = 0.60 (torchinfo's MB)
        # line 14: torchinfo's forward/backward size is not worked out: unsure, no claim
        (15, "summary", "right"),  # 553,430,176 B / 10^6 = 553.43
        (16, "summary", "right"),  # 0.60 + 108.45 + 553.43 = 662.48, within rounding
        (21, "summary", "right"), (21, "summary", "right"),  # VGG-19: 19.63 G, 143.67 M
        # after ``model = resnet18()``: 1.81 GMac, 11.69 M
        (27, "summary", "right"), (28, "summary", "right"),
        # line 34: the prose after "VGG16" names another network: the totals below are
        # nobody's -> no claim
    ],
    "04_totals_tables.md": [
        # | Model | VGG16 |: the count is the model tables' reader's (kind "model"); no
        # parameter is frozen (before: the 0 was read as the total count and called wrong);
        # 553,430,176 B / 2^20 = 527.79
        (5, "model", "right"), (6, "summary", "right"), (7, "summary", "right"),
        # ResNet-18 in Korean: 11,689,512; none frozen; 46,758,048 B / 10^6 = 46.76 (MB)
        (11, "model", "right"), (12, "summary", "right"), (13, "summary", "right"),
        # a row a network: VGG19 574,668,960 B / 2^20 = 548.05, input 0.57 at 224x224;
        # VGG13's row repeats VGG19's size (VGG13: 532,191,392 B / 2^20 = 507.54)
        (17, "summary", "right"), (17, "summary", "right"),
        (18, "summary", "wrong"), (18, "summary", "right"),
        # a row of figures under "## ResNet-50": 25,557,032 total and trainable, 0 frozen
        (24, "summary", "right"), (24, "summary", "right"), (24, "summary", "right"),
    ],
    "05_counter_calls.md": [
        # summary(vgg16(), (3, 224, 224)) names the network and the input
        (8, "summary", "right"), (9, "summary", "right"), (10, "summary", "right"),
        # profile(resnet50(), ...): torchvision's 4.089 G multiply-adds (4,089,184,256)
        # and 25,557,032 parameters, printed as floats; 25.6M; FLOPs 2 x 4.089 G = 8.2G
        (19, "summary", "right"), (19, "summary", "right"),
        (20, "summary", "right"), (20, "summary", "right"),
        # Keras's ResNet50 without its top: 23,587,712 and 23,534,592 are counts to the
        # unit that no bundled variant gives (Keras's convs keep biases): unsure, no
        # claim; 53,120 frozen = batch norm's moving statistics (Keras's own figure)
        (32, "summary", "right"),
        # summary(vgg13(), (3, 64, 64)): 3*64*64*4 = 49,152 B / 2^20 = 0.05, not 0.57;
        # the parameters do not change with the input: 532,191,392 B / 2^20 = 507.54
        (40, "summary", "wrong"), (41, "summary", "right"),
        # torch.hub.load(..., "resnet34", ...): torchvision's 21,797,672; 87,190,688 B /
        # 2^20 = 83.15
        (51, "summary", "right"), (52, "summary", "right"),
    ],
    "07_lead_ins.md": [
        # "Here is the summary of ResNet-18:": 11,689,512; 46,758,048 B / 2^20 = 44.59
        (6, "summary", "right"), (7, "summary", "right"),
        # "VGG16의 요약 결과는 다음과 같다.": 138,357,544, but 143,667,240 is VGG-19's
        (13, "summary", "right"), (14, "summary", "wrong"),
        # lines 28-29: ``model = SmallNet()`` under the VGG-19 heading is the note's own
        # network: its totals are nobody's in the zoo -> no claim; the footer's params
        # size is its own total's (summary/footer, nd): 62,006 x 4 / 2^20 = 0.24
        (28, "memory", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_totals(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_no_network_no_judgement():
    """Totals with no network named above them are left to the summary's own arithmetic."""
    from cnnstat.notes.check import check_text

    text = "Some model\n\nTotal params: 138,357,544\nParams size (MB): 100.00\n"
    assert [c for c in check_text(text).claims if c.verdict == "wrong"] == []


def test_whole_table_under_another_name():
    """A whole torchsummary printout (torchvision's VGG-11 at 3x32x32, its rows worked out
    by hand: 3*3*3*64 + 64 = 1,792, ..., 4,096*1,000 + 1,000 = 4,097,000; 132,863,336 in
    all) under its own heading, then pasted again under VGG13's (133,047,848): the rows
    add up both times, but the second total is another network's."""
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / "06_whole_tables.md").claims
    totals = Counter((c.line, c.verdict) for c in claims if c.line in (43, 44, 45, 91, 92, 93))
    assert totals == Counter({(43, "right"): 1, (44, "right"): 1, (45, "right"): 1,
                              (91, "wrong"): 1, (92, "wrong"): 1, (93, "right"): 1})
    assert [c.line for c in claims if c.verdict == "wrong"] == [91, 92]


def test_stale_or_foreign_name_is_not_judged():
    """A name too far above the totals (over 20 lines of prose) describes them no more
    (VGG-19's 143,667,240 would be wrong under VGG16 just below it); another family's
    exact count under a name (VGG-19's under MobileNet) is more likely a stale name than
    a mistake: neither is called wrong."""
    from cnnstat.notes.check import check_text

    close = "VGG16\n\nTotal params: 143,667,240\n"
    assert [c.verdict for c in check_text(close).claims] == ["wrong"]
    far = "VGG16\n\n" + "".join(f"Step {i} of the training loop.\n" for i in range(25)) + \
        "\nTotal params: 143,667,240\nParams size (MB): 548.05\n"
    near = "MobileNet\n\nTotal params: 143,667,240\nTrainable params: 143,667,240\n"
    for text in (far, near):
        assert [c for c in check_text(text).claims if c.verdict == "wrong"] == []


def test_input_size_of_a_batch():
    """torchsummary's input size counts the batch: 16 x 602,112 B / 2^20 = 9.19 is a batch
    of 16 inputs of 3x224x224 (unsure, not wrong); 0.61 is no batch of them (0.574 each)."""
    from cnnstat.notes.check import check_text

    got = check_text("VGG16\nInput: (3, 224, 224)\nInput size (MB): 9.19\n"
                     "Input size (MB): 0.61\n").claims
    assert [(c.line, c.verdict) for c in got] == [(4, "wrong")]


def test_forward_backward_with_and_without_the_adaptive_pool():
    """torchsummary's pass size for VGG-16 at 3x224x224, by hand: the outputs of every
    hooked module: 4 x 3,211,264 + 802,816 (block 1), 4 x 1,605,632 + 401,408, 6 x 802,816
    + 200,704, 6 x 401,408 + 100,352, 6 x 100,352 + 25,088, and the classifier's 4,096 x 6
    + 1,000: 28,650,984 elements; x 2 x 4 B / 2^20 = 218.59 (torchvision before its
    AdaptiveAvgPool2d); with the pool's 25,088 more, 218.78. 250.00 is neither: unsure."""
    from cnnstat.notes.check import check_text

    text = ("VGG16\nInput: (3, 224, 224)\n\nForward/backward pass size (MB): 218.59\n"
            "Forward/backward pass size (MB): 218.78\nForward/backward pass size (MB): 250.00\n")
    got = check_text(text).claims
    assert [(c.line, c.verdict) for c in got] == [(4, "right"), (5, "right")]
