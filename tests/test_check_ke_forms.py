"""`cnnstat check` on forms that drew false alarms from correct notes that paste model
summaries, profiler output and shape-commented code (issue 19, helper ke): each fixture
holds right lines in the form and a wrong line beside them, so a fix that silences the
reader shows. The correct passages themselves are in ``hostile_correct/ke-*.md``.

- a line that lists a block's parts, each ending in its figure, then a total after the
  last part's sum (``dw 9*32 = 288, pw 32*64 = 2048, BNs 64 + 128 -> 2,528``): the total
  of every part, not the last part's sum; unsure (``doubts.summed_on_line``). A figure
  that is neither stays wrong;
- a layer named by its channels in → out, then ``=`` and a calculation that uses both
  ends (``Linear 64→16 = 64*16+16 = 1,040``): the pair is a label, its tail no side of
  the equation (``runs.arrow_label``); an arrow whose tail the calculation does not use
  (``28 → 13 = 28/2``) is still one side;
- a line under a pasted summary that names one of its rows by a name with a number
  (``conv2d_1 : (3*3 + 1)*32 = 320``) speaks of that row's Param #, parameters: the
  coded conv's count judges it (``intent``), as a line with "params" in it would be;
- a table column of scores (``top-1 (torchvision weights V1)``, ``정확도 (사전학습
  가중치)``, ``Top-5 err. (%)``) is no count, though it says "weights" (the pretrained
  ones): ``facttables._SCORES``; a count column beside it is still judged;
- a summary's total over its rows' sum by the biases of one conv row read as a
  kernel without bias (``Conv2d ... 4,608`` under a total that counts its 32 biases):
  the row or the total slipped, which is not known: unsure, and the totals under it
  (``totals.bias_gap``). A total off by no row's biases stays wrong.

Expected values are plain arithmetic, written beside each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/ke_forms"

EXPECTED = {
    "01_parts_then_total.md": [
        (3, "arithmetic", "right"),  # 9*32 = 288
        (3, "arithmetic", "right"),  # 32*64 = 2048; 288 + 2048 + 64 + 128 = 2528: unsure
        (4, "arithmetic", "right"),  # 3*3*64*64 = 36864; 36864 + 128 + 4160 = 41152: unsure
        (5, "arithmetic", "right"),  # 36864
        (5, "arithmetic", "wrong"),  # 41,088 is neither 4160 nor the total 41,152
        (6, "arithmetic", "right"),  # 9*64 = 576
        (6, "arithmetic", "right"),  # 64*128 = 8192; 576 + 8192 + 384 = 9152: unsure
        (7, "arithmetic", "right"),  # 576
        (7, "arithmetic", "right"),  # 8192
        (7, "arithmetic", "wrong"),  # 9,162 is neither 384 nor the total 9,152
        (8, "arithmetic", "wrong"),  # no parts listed before it: 64 + 128 = 192
    ],
    "02_arrow_labels.md": [
        (3, "arithmetic", "right"),  # 64*16 + 16 = 1,040
        (4, "arithmetic", "wrong"),  # 16*64 + 64 = 1,088, not 1,050
        (5, "arithmetic", "right"),  # 3*3*3*32 = 864
        (6, "arithmetic", "right"),  # 128*10 + 10 = 1,290
        (7, "arithmetic", "wrong"),  # 128*10 = 1,280 (the bias left out of the working)
        (8, "arithmetic", "right"),  # 3*3*64*128 = 73,728
        (9, "arithmetic", "wrong"),  # 28/2 = 14, not 13: 13 is no operand, still a side
        (10, "arithmetic", "right"),  # 14 = 28/2
        (10, "arithmetic", "right"),  # = 14
    ],
    "03_summary_row_names.md": [
        (15, "summary", "right"),  # (3*3*3 + 1)*16 = 448
        (17, "summary", "right"), (17, "summary", "right"),  # 4,640; 30 - 3 + 1 = 28
        (19, "summary", "right"), (19, "summary", "right"),  # 28*28*32 = 25,088
        (21, "summary", "right"),  # 25,088*10 + 10 = 250,890
        (23, "summary", "right"),  # 448 + 4,640 + 250,890 = 255,978
        (26, "arithmetic", "right"),  # 448
        (27, "arithmetic", "right"),  # 4,640
        (28, "arithmetic", "right"),  # (9 + 1)*32 = 320 as arithmetic, but
        (28, "params", "wrong"),  # conv2d_1 reads 16 channels: (3*3*16 + 1)*32 = 4,640
        (29, "arithmetic", "right"),  # 288 as arithmetic, but
        (29, "params", "wrong"),  # the input channels and biases left out: 4,640
        (30, "arithmetic", "right"),  # 250,890
        (41, "summary", "right"),  # (5*5*1 + 1)*8 = 208
        (42, "summary", "right"), (42, "summary", "right"),  # 3,216; 24 - 5 + 1 = 20
        (44, "summary", "right"),  # 208 + 3,216 = 3,424
        # line 47: torchsummary prints no layer names ("Conv2d-2" is a type and an
        # index), so the line is not known to speak of parameters: arithmetic alone
        (47, "arithmetic", "right"),  # (25 + 1)*16 = 416
        (48, "arithmetic", "right"),  # (5*5*8 + 1)*16 = 3,216
    ],
    # counts and scores from torchvision's model docs (IMAGENET1K_V1: resnet18 11,689,512
    # params, Acc@1 69.758, Acc@5 89.078; resnet50 25,557,032, 76.13, 92.862; vgg16
    # 138,357,544, 71.592; alexnet 61,100,840, 56.522)
    "04_score_columns.md": [
        (5, "model", "right"), (6, "model", "right"),
        (10, "model", "right"), (11, "model", "right"),
        (15, "model", "right"),  # 11.7M
        (16, "model", "wrong"),  # resnet50 has 25.6M, not 52.6M (digits swapped)
    ],
    "05_total_over_a_row_without_bias.md": [
        (7, "summary", "right"),  # (3*3*1 + 1)*16 = 160
        (8, "summary", "right"), (8, "summary", "right"),  # ReLU: 0, shape kept
        (9, "summary", "right"), (9, "summary", "right"),  # 3*3*16*32 = 4,608 (no bias)
        (10, "summary", "right"), (10, "summary", "right"),  # 28 / 2 = 14
        # line 12: 4,800 = 160 + 4,608 + 32: the row's 32 biases or a slip: unsure
        (13, "summary", "right"),  # trainable = the total stated
        (14, "summary", "right"),  # 4,800 - 4,800 = 0
        (22, "summary", "right"),
        (23, "summary", "right"), (23, "summary", "right"),
        (24, "summary", "right"), (24, "summary", "right"),  # (3*3*16 + 1)*32 = 4,640
        (25, "summary", "right"), (25, "summary", "right"),
        (27, "summary", "wrong"),  # 160 + 4,640 = 4,800, not 4,810 (no row has 10 biases)
        (28, "summary", "wrong"),  # every parameter: 4,800
        (29, "summary", "right"),  # 4,810 - 4,810 = 0
    ],
}


@pytest.mark.parametrize("path", sorted(DIR.glob("*.md")), ids=lambda p: p.name)
def test_ke_form(path):
    """The exact multiset of (line, kind, verdict); a file without expectations fails."""
    from cnnstat.notes.check import check_file

    assert path.name in EXPECTED and sorted(EXPECTED) == sorted(
        p.name for p in DIR.glob("*.md"))
    verdicts = Counter((c.line, c.kind, c.verdict) for c in check_file(path).claims)
    assert verdicts == Counter(EXPECTED[path.name]), path.name
