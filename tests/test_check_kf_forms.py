"""`cnnstat check` on forms that drew false alarms from correct cost derivations written at
first contact (issue 19, helper kf: lecture notes, paper-reading notes, exam solutions,
blog derivations heavy on MACs, FLOPs, receptive fields and bytes). Each fixture holds
right lines in the form and a wrong line beside them, so a fix that silences the reader
shows. The correct passages themselves are in ``hostile_correct/kf-*.md``.

- a ``B`` glued to a number is billion, not bytes, on a line that writes ``B`` as billion
  before what it counts (``0.39B FLOPs; B7: 66M, 37B``); a parameter's width (``× 4B``)
  stays bytes;
- a factor or a percentage cut from two figures rounded to their digits is judged within
  the spread their rounding allows (``120.4M 대비 12.4M ... ≈ 9.68배``, the exact ratio);
- a layer table's header written as its column's rule (``r = r + (k-1)*j``, ``RF =
  RF_prev + (k - 1)·jump``, ``out = (in + 2p - k)/s + 1``) takes its left side's role, and
  a symbol with when it is taken (``j after``) its symbol's;
- a parameter count on a line of its own (``Params: 11*11*96 + 96 = 11,712``) under the
  line that sets out its conv in short (``227x227x3 in, 96 filters 11x11``) is that conv's:
  right as its weights (with or without biases), wrong only as a known slip of it;
  nothing is said under another layer's name (``fc6``, ``the second conv``) or of a total;
- a window before ``max-pool``, ``avg-pool``, ``max_pool`` is the pooling's kernel, never
  a map (``3x3 conv 두 번씩 (valid), 2x2 max-pool stride 2``);
- a running count whose last link is the layer's count (``5*5*6 = 150 + 6 = 156`` on one
  input channel) leaves nothing out, whatever its first link does (``intent``).

Expected values are plain arithmetic, written beside each line.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/kf_forms"

EXPECTED = {
    "01_glued_b_billions.md": [
        # line 3: EfficientNet-B7's 37B FLOPs (Tan & Le 2019, Table 2), no byte size
        (4, "model", "right"),  # ResNet-50 25.6M params (torchvision 25,557,032)
        (4, "model", "right"),  # ResNet-50 3.8B FLOPs (He et al. 2016, Table 1)
        (6, "memory", "right"),  # 1.5e9 * 4 B = 6e9 B = 6 GB
        (7, "memory", "right"),  # 25.6e6 * 4 B = 102.4e6 B = 102.4 MB
        (7, "model", "right"),  # 25.6M
        (8, "memory", "wrong"),  # 66e6 * 4 B = 264 MB, not 26.4 MB
        (8, "model", "right"),  # EfficientNet-B7 66M (Tan & Le 2019, Table 2)
    ],
    "02_factor_of_rounded_figures.md": [
        (3, "arithmetic", "right"),  # 120,422,400 / 12,443,648 = 9.677
        (3, "ratio", "right"),  # 120.35/12.45 = 9.667 .. 120.45/12.35 = 9.753
        (4, "ratio", "right"),  # 15.45/0.575 = 26.87 .. 15.55/0.565 = 27.52
        (5, "ratio", "right"),  # 138/4.2 = 32.86
        (6, "arithmetic", "right"),  # 2,359,296 / 266,752 = 8.845
        (6, "ratio", "right"),  # 2.36/0.27 = 8.74, 2.355/0.275 = 8.56 .. 2.365/0.265 = 8.92
        (7, "ratio", "wrong"),  # 854/358 = 2.39, not 3
        (8, "ratio", "wrong"),  # 1 - 12.4/120.4 = 89.7% (89.6..89.8), not 95%
        (9, "ratio", "right"),  # 0.265/2.365 = 11.2% .. 0.275/2.355 = 11.7%
    ],
    "03_rule_in_the_header.md": [
        # r = r + (k-1)*j from r = 1, j = 1; each row's working, field and jump
        *[(n, kind, "right") for n in (5, 6, 7, 8) for kind in
          ("arithmetic", "receptive field", "receptive field")],
        # 3, 5, 6 (j 2), 10, then 10 + (3-1)*2 = 14, not 12 (the jump taken as 1)
        (9, "arithmetic", "right"), (9, "receptive field", "wrong"),
        (9, "receptive field", "right"),
        (13, "receptive field", "right"), (13, "receptive field", "right"),  # 7, j 2
        # 7 + 2*2 = 11 (j 4), 11 + 2*4 = 19, 19 + 2*4 = 27
        *[(n, kind, "right") for n in (14, 15, 16) for kind in
          ("arithmetic", "receptive field", "receptive field")],
        # 27 + (3-1)*4 = 35, not 31 (the jump after the layer, 8, halved): j 4*2 = 8
        (17, "arithmetic", "right"), (17, "receptive field", "wrong"),
        (17, "receptive field", "right"),
        (21, "shape", "right"),  # (224 + 6 - 7)/2 + 1 = 112
        (22, "shape", "right"), (22, "shape", "right"),  # (112 + 2 - 3)/2 + 1 = 56
        (23, "shape", "right"),  # its input, pool1's 56
        (23, "shape", "wrong"),  # 56 + 2 - 3 + 1 = 56, not 54 (the padding left out)
    ],
    "04_count_under_its_layer.md": [
        (3, "shape", "right"),  # (227 - 11)/4 + 1 = 55
        (4, "arithmetic", "right"), (4, "cost", "right"),  # 55*55*96*363 = 105,415,200
        (5, "arithmetic", "right"),
        (5, "params", "right"),  # (11*11*3 + 1)*96 = 34,944, the layer above
        (7, "shape", "right"),
        (8, "arithmetic", "right"),
        (8, "params", "wrong"),  # 11*11*96 + 96 = 11,712 leaves out the 3 input channels
        (10, "shape", "right"), (10, "shape", "right"),  # 32 - 5 + 1 = 28, 6 filters
        (11, "arithmetic", "right"), (11, "params", "right"),  # (5*5*3 + 1)*6 = 456
        (12, "arithmetic", "right"),
        (12, "params", "wrong"),  # (5*5 + 1)*6 = 156: the 3 input channels left out
        (15, "arithmetic", "right"), (15, "params", "right"),  # 5*5*192*32 = 153,600
        (16, "arithmetic", "right"),
        (16, "params", "wrong"),  # 5*5*32 = 800 leaves out the 192 input channels
        # line 18: the whole network's count; line 20: fc6's, another layer
        (20, "arithmetic", "right"),  # 6*6*256*4096 = 37,748,736
        (23, "params", "right"),  # 3*3*256*384 + 384 = 885,120 ≈ 885K
        # line 24: "the second conv" is not read under conv3 (paramabove); but the note's
        # one conv of 384 3x3 filters is conv3 on 256 channels (intent): 885,120
        (24, "arithmetic", "right"),  # (9 + 1)*384 = 3,840
        (24, "params", "wrong"),  # the 256 input channels left out
        (26, "shape", "right"),  # 32 - 5 + 1 = 28, 6 filters
        # line 27: S2's own count (6 maps x 2), under its own label: not C1's
        (27, "arithmetic", "right"),  # 6 * 2 = 12
        # line 28: a 1x1 conv's count, another kernel: not C1's
        (28, "arithmetic", "right"),  # 1*6 + 6 = 12
        # C1's weights alone, 5*5*1*6 = 150 (the conv of line 10, 5x5 x 6 on RGB, is
        # another: intent finds two convs of 6 5x5 filters and says nothing)
        (29, "arithmetic", "right"), (29, "params", "right"),
    ],
    "05_hyphenated_pooling.md": [
        # lines 3-4: the 2x2 after the convs is the pool's window with its stride 2, no
        # output map (it was read as the convs' output at stride 2)
        (5, "shape", "right"),  # (568 - 2)/2 + 1 = 284
        (6, "shape", "wrong"),  # 284, not 286
        (7, "shape", "right"),  # 28 / 2 = 14
        (8, "shape", "wrong"),  # (55 - 3)/2 + 1 = 27, not 26
    ],
    "06_running_count.md": [
        (3, "shape", "right"),  # 32 - 5 + 1 = 28
        # (5*5*1 + 1)*6 = 156: the chain adds the biases its first link left out (intent
        # said "the 6 biases left out" of 150)
        (4, "arithmetic", "right"),
        (8, "shape", "right"),
        # on RGB it is (5*5*3 + 1)*6 = 456: 156 leaves out the 3 input channels, but two
        # convs of 6 5x5 filters (1 and 3 channels in) leave intent in doubt, and a chain
        # of two figures is no one count for paramabove: not judged
        (9, "arithmetic", "right"),
    ],
}


# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_kf_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
