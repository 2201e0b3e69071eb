"""`cnnstat check` on more forms real notes use (issue 19): a named network's maps traced
a layer a line, a table's working in one cell and its result in the next, model figures
beside a name, a named network's breakdown by layer, a depth list under a network's
heading, padding alone, the n-th layer of a kind in prose, what pasted code prints, the
units of a named network's layers listed in turn, labelled chains and assertions, and how
much one figure cuts another.

Each fixture under tests/fixtures/notes/lang_forms was written for this repository in its
own words, keeping only the *form* of what public notes write. Every expected (line, kind,
verdict) is worked out by hand in the comment beside it; a claim the checker finds that is
not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "lang_forms"

EXPECTED = {
    "01_trace.md": [
        # ResNet-18 (He et al. 2016, Table 1) at 3x160x160:
        (4, "shape", "right"),   # conv1 7x7/2 pad 3: floor((160 + 6 - 7)/2) + 1 = 80
        (5, "shape", "right"),   # maxpool 3x3/2 pad 1: floor((80 + 2 - 3)/2) + 1 = 40
        (6, "shape", "right"),   # layer1 keeps 64x40x40
        (7, "shape", "right"),   # layer2 halves: 128x20x20
        (8, "shape", "wrong"),   # layer3 halves again: 256x10x10, not 12x12
        (9, "shape", "right"),   # layer4: 512x5x5
        (10, "shape", "right"),  # fc: 1000 classes
        # VGG-11 (Simonyan & Zisserman, Table 1 A) at 3x64x64, 3x3 convs pad 1:
        (15, "shape", "right"),  # conv 64 keeps 64x64
        (16, "shape", "right"),  # 2x2/2 max pool: 32x32
        (17, "shape", "wrong"),  # the next conv with 128 filters keeps 32x32 (VGG pads
        #                          its 3x3 convs by 1), not 30x30
        (18, "shape", "right"),  # five 2x2/2 pools: 64, 32, 16, 8, 4, 2
        # line 19: 15 and 7 are no sizes of VGG-11 at 64: a chain only said right
    ],
    "02_table_cells.md": [
        # the working in one cell, its result in the next (output sizes floor)
        (5, "arithmetic", "right"),   # (9-3)/1+1 = 7
        (6, "arithmetic", "right"),   # (9-3)/2+1 = 3 + 1 = 4
        (7, "arithmetic", "wrong"),   # (10-3)/2+1 = floor(3.5) + 1 = 4, not 5
        (8, "arithmetic", "wrong"),   # (10-5)/1+1 = 6, not 5 (TeX dollars around it)
        (12, "arithmetic", "right"),  # 6*6*8 * 3*3*4 = 288 * 36 = 10,368
        # line 13: 6*6*4*9 = 1,296, not 1,300, but a bare product under a heading that
        # is no working may be a shape or a kernel beside a count: not judged
        (17, "arithmetic", "right"),  # activation size of 16x16x3: 768
        (18, "arithmetic", "wrong"),  # 14*14*6 = 1,176, not 1,167
        # line 22: a kernel 3x3 beside 16 filters is no calculation
    ],
    "03_not_claims.md": [
        # line 3: the [7x7x3] block after 7x7x3 filters is the window a filter covers,
        # not the layer's output (which is floor((96 - 7)/3) + 1 = 30 wide)
        (3, "shape", "right"),  # 7x7x3 filters on the 96x96x3 input: its 3 channels
        # line 5: "14x14x64 Use MaxPool": a map before a pooling word, not a 14x14 window
        (7, "model", "right"),  # VGG-16 has 138,357,544 parameters (Simonyan & Zisserman)
        # VGG-16 (2014): its ImageNet Challenge 2014 submission (Simonyan & Zisserman)
        (7, "model", "right"), (8, "model", "right"),
        # line 8: the figure comes after "AlexNet과 ... 비슷하지만" (alike): not AlexNet's
    ],
    "04_named_figures.md": [
        # parameter counts: VGG-19 143,667,240, AlexNet 60,965,224 (paper) / 61,100,840
        # (torchvision), ResNet-50 25,557,032, ResNet-18 11,689,512, ResNet-101 44,549,160,
        # ResNet-152 60,192,808 (torchvision's published num_params)
        (3, "model", "right"),   # VGG-19 about 1억 4400만 = 144M
        (3, "model", "wrong"),   # AlexNet(7500만): 75M, not about 61M
        (5, "model", "right"),   # (25.6M, ...) after a sentence on the parameter count
        (5, "model", "right"),   # VGG-16 with 138M
        (6, "model", "wrong"),   # (19M, ...) after a sentence on its weights: 11.7M
        (8, "model", "right"),   # a line of name and figure
        (8, "arithmetic", "right"),  # 44,549,160 written again as 44.5M (restated)
        (9, "model", "right"),
        (10, "model", "right"),  # 3.6G: ResNet-34's 3.66 G multiply-adds (He et al.
        #                          Table 1: 3.6 x 10^9 FLOPs, counted as multiply-adds)
        # line 11: 2,000 is no figure of ResNet-18's; nothing says what it counts
    ],
    "05_breakdown.md": [
        # ResNet-34 (He et al. 2016, Table 1; torchvision resnet34: 21,797,672 parameters)
        (7, "model", "right"),    # conv1: 3 x 64 x 7 x 7 = 9,408 (no bias)
        (8, "model", "wrong"),    # layer1: 3 blocks x (2 x 64*64*9 + 2 x 128 BN) =
        #                           3 x 73,984 = 221,952, not 221,592
        (9, "model", "right"),    # fc: 512 x 1000 + 1000 = 513,000
        (11, "model", "right"),   # the whole network
        # VGG-19 (Simonyan & Zisserman, Table 1 E; torchvision: 143,667,240)
        (17, "model", "right"),   # (3*9*64 + 64) + (64*9*64 + 64) = 1,792 + 36,928
        (18, "model", "right"),   # 73,856 + 147,584 = 221,440
        (19, "model", "wrong"),   # four convs: 295,168 + 3 x 590,080 = 2,065,408 (the
        #                           figure written is three convs' of VGG-16)
        (20, "model", "right"),   # 25,088 x 4,096 + 4,096 = 102,764,544
        (21, "model", "right"),
        # LeNet-5 (LeCun et al. 1998, section II.B)
        (27, "model", "right"),   # C1: 6 x (25 + 1) = 156
        (28, "model", "right"),   # S2: a coefficient and a bias per map: 6 x 2 = 12
        (29, "model", "right"),   # F6: 84 x (120 + 1) = 10,164
        # AlexNet (Krizhevsky et al. 2012) at 227x227x3
        (34, "model", "right"),   # conv1 11x11/4: (227 - 11)/4 + 1 = 55: 55x55x96
        (34, "model", "right"),   # 96 x (11*11*3 + 1) = 34,944
        (34, "model", "wrong"),   # its multiply-adds are counted at the 55x55 outputs:
        #                           55*55*96*363 = 105,415,200, not at the 227x227 input
        (35, "model", "right"),   # 3x3/2 pool: (55 - 3)/2 + 1 = 27
        (35, "model", "right"),   # no parameters
        (35, "model", "right"),   # no multiply-adds
        (36, "model", "right"),   # 5x5 pad 2 keeps 27x27; 256 filters
        (36, "model", "right"),   # 256 x (5*5*96 + 1) = 614,656: the two GPU halves
        #                           written as one layer (each half 307,456 with 48 inputs)
        (36, "model", "right"),   # 27*27*256 * 5*5*96 multiply-adds, ungrouped
        (36, "arithmetic", "info"),  # the calculation, without a result of its own
    ],
    "06_sections.md": [
        # a subheading without a network's name goes on with its parent's (ResNet); the
        # ResNet depths of He et al. (Table 1 and section 4.2): 18, 34, 50, 101, 152
        (5, "model", "right"), (5, "model", "right"), (5, "model", "right"),
        (5, "model", "right"), (5, "model", "right"),
        (7, "model", "right"),   # "depth는 34": the section's network at depth 34
        (7, "model", "right"),   # 34 in the list
        (7, "model", "right"),   # 50
        (7, "model", "wrong"),   # there is no ResNet-120
        # line 13: a filter's depth and the input volume's are not AlexNet's depth
    ],
    "07_padding_ordinal.md": [
        # padding p alone adds p rows and columns on each side: n + 2p
        (3, "shape", "right"),   # 2: 5 + 4 = 9
        (4, "shape", "wrong"),   # 1: 6 + 2 = 8, not 7
        (5, "shape", "right"),   # 3: 10 + 6 = 16
        # line 6: with a kernel the output is the shape reader's: the 3x3 kernel stated
        # before the chain, padding 1, stride 1 (the default): 5 + 2 - 3 + 1 = 5
        (6, "shape", "right"),
        # VGG-16 (Simonyan & Zisserman, Table 1 D)
        (10, "model", "right"),  # first conv: 3*9*64 + 64 = 1,792
        (11, "model", "right"),  # second conv: 64*9*64 + 64 = 36,928
        (12, "model", "right"),  # last fc: 4096*1000 + 1000 = 4,097,000, about 4.1M
        # line 12's "second fc layer 16.8M" and line 13's "64 filters" say no parameters
    ],
    "08_printed.md": [
        # torchvision resnet18: 11,689,512 parameters (ResNet18_Weights meta num_params)
        (9, "arithmetic", "right"),
        (10, "arithmetic", "right"),  # 11,689,512 x 4 / 2^20 = 44.59 -> 44.6
        (11, "arithmetic", "wrong"),  # 11,689,512 x 2 / 2^20 = 22.30 -> 22.3, not 20.3
        (12, "arithmetic", "info"),   # '//' floors: (32 + 2 - 3) // 2 + 1 shown as 16
        (13, "arithmetic", "right"),  # (32 + 2 - 3) // 2 + 1 = 15 + 1 = 16
        (17, "shape", "right"),       # 3x3/2 pad 1 on 32: floor(31/2) + 1 = 16; 8 maps
        (26, "shape", "wrong"),       # transposed 4x4/2 pad 1 on 16:
        #                               (16 - 1) x 2 - 2 + 4 = 32, not 30
    ],
    "09_neurons.md": [
        # "Krizhevsky et al." names AlexNet; its weight layers' outputs (at 227x227x3):
        # 55*55*96 = 290,400; 27*27*256 = 186,624; 13*13*384 = 64,896 (twice);
        # 13*13*256 = 43,264; then 4096, 4096, 1000
        (3, "model", "right"),
        (5, "model", "wrong"),   # the seventh layer has 4096 units, not 2048
        # line 7: "96 sets of weights" counts filters, not the layer's parameters
    ],
    "10_labels_asserts.md": [
        # a layer's code name, its type in brackets and a list number are no operands
        (3, "arithmetic", "right"),   # 16 x (25 + 1) = 416
        (5, "arithmetic", "right"),   # 32 x (400 + 1) = 12,832
        (7, "arithmetic", "wrong"),   # 10 x 129 = 1,290, not 1,280
        # assertions in code, both sides worked out
        (10, "arithmetic", "right"),  # 16 x 26 = 416
        (11, "arithmetic", "wrong"),  # 32 x 401 = 12,832, not 12,823
        # line 12: n_out has no value in the note: not judged
    ],
    "12_reduction.md": [
        (3, "ratio", "right"),   # 1 - 270/810 = 66.7%: about 67%
        (4, "ratio", "right"),   # 810 / 270 = 3
        (5, "ratio", "right"),   # 3 is more than 2
        (6, "ratio", "wrong"),   # 66.7%, not about 50%
        # line 7: one scaled figure and two percentages of accuracy: no cut between counts
    ],
    # what the readers above must not take for a claim (each was a false alarm once):
    # channel depths under a ResNet heading (no depth of the family in the list), a
    # range and a share in a table, padding beside a layer (its kernel unsaid), a value
    # changed by += and a print in a loop, a ResNet-18 adapted to CIFAR (its first map
    # disagrees with the paper's network: the trace stops) and a VGG-16 of one's own
    # (nothing of its breakdown agrees: another variant)
    "11_guards.md": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lang_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
