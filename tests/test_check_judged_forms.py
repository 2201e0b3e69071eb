"""`cnnstat check` on notations real notes use that it did not read (issue 19): markdown's
escaped star (``32\\*32\\*3``), LaTeX's braced group comma (``3{,}000{,}000``), a Korean
unit after the math span's closing ``$`` (``$1{,}445$만``), a scale in LaTeX text
(``1.2\\text{억}``, ``5.4\\text{M}``) and ``\\underbrace{...}_{\\text{label}}``; a figure
followed by its working or its labelled parts in brackets (``4,608 (16x32x3x3)``,
``9,472 parameters (9,408 weights + 64 biases)``, ``bracketed``); a total after
the counts it adds up (``456/2416/850, total 3,722``, ``listtotal``); an Inception row's
output channels as the sum of its branches (``branches``); a label that opens both lines of
a chain (``params = 3 * 64 * 121 + 64`` then ``params = 23,296``); a layer in the course
notation ``f``, ``s``, ``p`` between two maps (``28x28x8 → max pool f=2, s=2 → 14x14x8``,
``fsp``); a network's count alone after the line naming it (``It has about 60M
parameters``, ``above``); a count restated under a label (``∴ params : 151``, ``restate``).

Each fixture under tests/fixtures/notes/judged_forms was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it; a claim not listed fails the test as surely as a
missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "judged_forms"

EXPECTED = {
    "01_markdown_latex_notation.md": [
        (3, "arithmetic", "right"),  # 28*28*1 = 784
        (4, "arithmetic", "wrong"),  # 7*7*3 = 49*3 = 147, not 157
        (6, "arithmetic", "right"),  # 4,096 * 1,000 = 4,096,000
        # 2,048 * 1,000 = 2,048,000 = 204.8만, which rounds to 205만
        (8, "arithmetic", "right"),
        # 1,024 * 3,000 = 3,072,000 = 307.2만: 307만, not 317만
        (9, "arithmetic", "wrong"),
        # 56*56 = 3,136; * 64 = 200,704; * 256 = 51,380,224; ≈ 51.4M
        (11, "arithmetic", "right"), (11, "arithmetic", "right"),
        # 7*7*512 = 25,088; * 4,096 = 102,760,448 (25,088 * 4,000 = 100,352,000 plus
        # 25,088 * 96 = 2,408,448); ≈ 1.0억 to one decimal, not 1.2억
        (13, "arithmetic", "right"), (13, "arithmetic", "wrong"),
    ],
    "02_figure_with_working.md": [
        (3, "arithmetic", "right"),  # 5*5*3*32 = 75*32 = 2,400
        (4, "arithmetic", "right"),  # 128*64 + 64 = 8,192 + 64 = 8,256
        (5, "arithmetic", "wrong"),  # 512*10 + 10 = 5,130: the biases left out of 5,120
        (6, "arithmetic", "right"),  # 9*64*64 + 64 = 36,864 + 64 = 36,928
        (7, "arithmetic", "wrong"),  # 9*64*128 + 128 = 73,728 + 128 = 73,856, not 73,586
        # line 9: 3x3x64 = 576 is each kernel's size beside a count of 64 kernels: no claim
        # line 10: 3+4+6+3 = 16 blocks beside the depth 50: far apart, no claim
        # a figure, a few words, then its labelled parts added in brackets
        (12, "arithmetic", "right"),  # 9,408 + 64 = 9,472
        (13, "arithmetic", "wrong"),  # 4,096 + 10 = 4,106, not 4,100
        (14, "arithmetic", "right"),  # 2 + 1 = 3 layers
    ],
    "03_total_after_list.md": [
        (3, "arithmetic", "right"),  # 280 + 4,640 + 9,248 + 16,010 = 30,178
        (4, "arithmetic", "right"),  # 896 + 18,496 + 73,856 = 93,248
        (5, "arithmetic", "right"),  # 64 + 128 + 32 + 32 = 256
        (6, "arithmetic", "wrong"),  # 118 + 236 + 472 = 826, not 836
        (7, "arithmetic", "wrong"),  # 1,728 + 36,864 + 73,728 = 112,320, not 112,230
        (7, "arithmetic", "info"),  # the sum alone, shown by the arithmetic reader
        # line 9: "3/4/6/3 blocks, 4 stages": the figure counts the items, no sum
        # line 10: "2/2/2, total 8 times": the product of the strides, no sum
    ],
    "04_inception_branches.md": [
        # the output concatenates 1x1 + 3x3 + 5x5 + pool projection; the reductions feed
        # the 3x3 and 5x5 and are not in it (GoogLeNet, Szegedy et al. 2015, Table 1)
        (3, "shape", "right"),  # 64 + 128 + 32 + 32 = 256
        (4, "shape", "wrong"),  # 160 + 224 + 64 + 64 = 512, not 624 (the reductions added)
        (5, "shape", "right"),  # 256 + 320 + 128 + 128 = 832
        # line 6: no pool branch stated: not read; line 8: a pool alone, no branches
    ],
    "05_label_across_lines.md": [
        # a calculation without a result, then its label again with the result
        (3, "arithmetic", "info"),  # 9*64*128 + 128 = 73,728 + 128 = 73,856, shown
        (4, "arithmetic", "wrong"),  # 73,856, not 73,586
        (6, "arithmetic", "info"),  # 25*3*6 + 6 = 450 + 6 = 456, shown
        (7, "arithmetic", "right"),
        (9, "arithmetic", "info"),  # 49*3*64 + 64 = 9,408 + 64 = 9,472
        # line 10: another label ("total"): not taken as the line above's result
    ],
    "06_fsp_notation.md": [
        # out = floor((n + 2p - f) / s) + 1; a pool keeps the channels, a conv makes its filters
        (3, "shape", "right"),  # (32 - 5)/1 + 1 = 28, 6 filters
        (4, "shape", "right"),  # (28 - 2)/2 + 1 = 14
        (5, "shape", "right"),  # (9 - 3)/2 + 1 = 4
        (6, "shape", "right"),  # same: p = 1, (14 + 2 - 3)/1 + 1 = 14, 32 filters
        (7, "shape", "wrong"),  # (7 - 3)/2 + 1 = 3, not 4
        # line 9: no stride stated: not read
    ],
    "07_count_of_network_above.md": [
        # a count alone on the line after the one naming the network, in one paragraph,
        # or under the network's heading; read only within a factor of two of its count.
        # AlexNet 60,965,224 (Krizhevsky et al. 2012: "60 million parameters"); VGG16
        # 138,357,544 (Simonyan & Zisserman Table 2: 138M); ResNet-50 25.6M and ResNet-18
        # 11.7M (He et al. Table 3, torchvision's counts)
        (3, "model", "right"),  # ILSVRC 2012: AlexNet's challenge year (Krizhevsky et al., Sec. 1)
        (3, "model", "right"),  # five conv layers (Krizhevsky et al., Sec. 3.5)
        (4, "model", "right"),  # about 60 million
        (7, "model", "right"),  # 1억 3800만 = 138,000,000
        (10, "model", "wrong"),  # 40M, not 25.6M (within a factor of two: read)
        (13, "model", "wrong"),  # 2000만 = 20M, not 11.7M
        # line 16: the FC layers' count: a part; line 20: a blank line above: another
        # paragraph, the network is not carried over
        (24, "model", "right"),  # under "## VGG16": 1억 3800만 used
        (25, "model", "wrong"),  # about 70M, not 138M
        # line 30: the heading names AlexNet, the line above VGG16: neither is taken
        # (138M is over twice AlexNet's 61M, so the heading's reader makes no claim)
    ],
    "08_count_restated.md": [
        # a labelled count on the line after a worked count: judged against that result
        (3, "arithmetic", "right"),  # 5*5*6 = 150, + 1 = 151
        (4, "arithmetic", "wrong"),  # restates 157, not the 151 just worked out
        (6, "arithmetic", "right"),  # 3*3*64 = 576, + 1 = 577, * 128 = 73,856
        (7, "arithmetic", "right"),  # 73,856 again
        (9, "arithmetic", "right"),  # 9*32 = 288, * 64 = 18,432
        (10, "arithmetic", "wrong"),  # 18,423: digits swapped from 18,432
        (12, "arithmetic", "right"),  # 25*3 = 75, * 6 = 450
        # line 13: 456 = 450 + 6 biases: may add what the line above left out: unsure
        (15, "arithmetic", "right"),  # 28 * 64 = 1,792
        # line 16: 1,728 = 1,792 - 64 biases: the weights alone: unsure
        (18, "arithmetic", "right"),  # 49*3 = 147, * 64 = 9,408
        # line 19: "the weight count is ...": no ":" or "=": not read
        (21, "arithmetic", "right"),  # 16*10 = 160
        # line 22: "params = 160" without "∴"/"so": the label chain's form, not this one
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_judged_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
