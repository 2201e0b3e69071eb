"""`cnnstat check` on forms of Korean notes (issue 19, set-y4's forms in this repository's
own words): a walkthrough whose kernels and maps are written as inline LaTeX
(``32개의 $3\\times3\\times3$ 커널 (stride = $1$, padding = $1$)``, ``⇒ 32개의
$64\\times64$ feature maps``, ``\\(3\\times3\\times1\\)``) reads as the same walk typed
plainly; KaTeX pasted beside its own source stays the case the unglue handled. A named
network's maps written as products, a line or a table row each (``| 입력 | 224 x 224 x 3
|``, ``| | 224 x 244 x 64 | conv 3x3 |``, ``풀링 이후 크기는 64x112x112``), are traced
through the bundled spec from the input stated (``namedmaps``). A matrix's size stated
right before the matrix written out (``1. 입력: 6x6 Matrix`` over five rows of five) is
its rows and columns counted (``matrixsize``). Layer calls listed a line each outside
code a language runs (``conv1 = Conv2d(3,64,3) stride=1, padding=1``, ``Flatten(8x8x512)``,
``Linear(7x7x512, 4096)``) are walked from the input stated (``barecalls``). One conv set out as labelled fields on
one line (``Input Shape: (7, 9, 3) Output Shape : (3, 8, 2) K : (5, 2) P : (0, 0) S : (1,
1)``, ``입력: ..., 커널: ..., 출력: ...``) is its output through the layer algebra, a side at
a time (``labelledconv``). A depth counted in layers called trainable or learnable
(``16개의 학습가능한 레이어``, ``18 trainable layers``) is the depth in layers with weights.

The fixtures (tests/fixtures/notes/y4ko_forms) are this repository's own, in the form of
such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/y4ko_forms"

EXPECTED = {
    "01_latex_walk.md": [
        (7, "shape", "right"),  # 3x3x3 filters on a 3-channel input
        (9, "shape", "right"),  # (64 + 2 - 3)/1 + 1 = 64, 32 maps
        (11, "shape", "right"),  # 64 / 2 = 32
        (14, "shape", "right"),  # depth 32 = the 32 maps above
        (15, "shape", "wrong"),  # 32 - 5 + 1 = 28, not 30
        (20, "shape", "right"),  # 3x3x1 on a 1-channel input
        (21, "shape", "right"),  # 40 - 3 + 1 = 38
        (22, "shape", "wrong"),  # depth 12, but the input above has 10 maps
        (23, "shape", "right"),  # 38 - 3 + 1 = 36
    ],
    # ResNet-18 / VGG at 224 (torchvision): 224 -> conv1 112 -> pool 56 -> layer2 28;
    # VGG: 224 (convs pad 1) -> pool 112 -> 56 -> 28, 64 then 128 channels
    "02_named_maps.md": [
        # lines 6-9: the layer table's readers judge them (namedmaps gives way, agreeing)
        (6, "shape", "right"), (6, "model", "right"),  # 112x112x64
        (7, "shape", "right"),  # the 3x3/2 pool: 56x56x64
        (8, "model", "wrong"),  # layer1 keeps 56x56, not 56x65
        (9, "model", "right"),  # layer2: 28x28x128
        (15, "shape", "right"),  # VGG19's first conv keeps 224: 64x224x224 (channels first)
        (16, "shape", "right"),  # pool 1: 64x112x112
        # line 14: a filter's volume, no map
        (17, "shape", "wrong"),  # pool 2 gives 128x56x56, not 28x28
        (22, "shape", "right"),  # VGG-16 at a 32x32 input: 16x16x64 after block 1
        (23, "shape", "right"),  # 8x8x128 after block 2
        # line 25 names two networks; line 26's map is neither's: not judged
        (33, "shape", "right"),  # VGG 13's first conv: 224x224x64
        (34, "shape", "wrong"),  # its second conv keeps 224x224, not 221x224
        (35, "shape", "right"),  # pool: 112x112x64
        (36, "shape", "right"),  # block 2's conv: 112x112x128
    ],
    # each matrix's rows and columns counted by hand
    "03_matrix_size.md": [
        (3, "shape", "wrong"),  # "5x5", but 4 rows of 4 are written
        (11, "shape", "right"),  # 2 rows of 2
        (17, "shape", "right"),  # on its own line: 3 rows of 3
        (19, "shape", "right"),  # numpy's print: 4 rows of 3
        (26, "shape", "right"),  # rows without brackets: 2 rows of 3
        # line 30: only the first rows of a 6x6 image; line 34: a part, elided with "...";
        # line 39: 2 rows of 3 called 3x2 (columns first?): unsure; line 42: the matrix
        # under it is the kernel's, its label says (not judged)
        (47, "shape", "wrong"),  # a 2x2 region, a patch of the input: 3 rows of 2 written
    ],
    # 32 -> conv 5 pad 2: 32 -> pool 2: 16 -> 16 -> 8 (32 maps): 8*8*32 = 2048;
    # 28 -> conv 3 pad 1: 28 -> 14 -> 14 -> 7 (16 maps): 16*7*7 = 784, not 16*8*8
    "04_layer_calls.md": [
        (5, "shape", "right"), (8, "shape", "right"),  # in_channels 3, then 16
        (10, "shape", "right"),  # Flatten(8x8x32)
        (11, "shape", "right"),  # Linear(8*8*32, ...): 2048
        (17, "shape", "right"), (19, "shape", "right"),  # in_channels 1, then 8
        (21, "shape", "wrong"),  # 16*8*8, but the map is 7x7x16
        (27, "shape", "right"),  # in_channels 3
        # line 29: no padding written: 62 -> 31, and 32x32x16 may be a padding left out
        (34, "shape", "right"),  # in_channels 1
        (35, "shape", "wrong"),  # in_channels 8, but the conv above gives 4 maps
    ],
    # (n + 2p - k) / s + 1 a side, the channels the filters
    "05_labelled_conv.md": [
        (3, "shape", "right"),  # 8 - 3 + 1 = 6: (6, 6, 5)
        (4, "shape", "right"),  # 8 - 5 + 1 = 4, 10 - 2 + 1 = 9: (4, 9, 2)
        (5, "shape", "wrong"),  # 11 - 3 + 1 = 9, floor(8 / 3) + 1 = 3: (9, 3, 2), not 4
        (6, "shape", "wrong"),  # 6 + 2 - 3 + 1 = 6, not 5
        (8, "shape", "right"),  # 32 - 5 + 1 = 28: (28, 28, 6)
        (9, "shape", "right"),  # floor((28 + 2 - 3) / 2) + 1 = 14: (14, 14, 8)
        # line 10: no padding labelled; 20 - 3 + 1 = 18, but a padding of 1 gives 20
    ],
    # the depth in layers with weights: VGG16 13 + 3, ResNet-50 49 + 1, VGG19 16 + 3,
    # AlexNet 5 + 3 (the papers)
    "06_trainable_depth.md": [
        (4, "model", "right"),  # 16개의 학습가능한 레이어
        (7, "model", "right"),  # 50개의 학습 가능한 층
        (9, "model", "wrong"),  # 18 trainable layers: VGG19 has 19
        (11, "model", "right"),  # 8 learnable layers
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
