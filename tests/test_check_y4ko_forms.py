"""`cnnstat check` on forms of Korean notes (issue 19, set-y4's forms in this repository's
own words): a walkthrough whose kernels and maps are written as inline LaTeX
(``32개의 $3\\times3\\times3$ 커널 (stride = $1$, padding = $1$)``, ``⇒ 32개의
$64\\times64$ feature maps``, ``\\(3\\times3\\times1\\)``) reads as the same walk typed
plainly; KaTeX pasted beside its own source stays the case the unglue handled. A named
network's maps written as products, a line or a table row each (``| 입력 | 224 x 224 x 3
|``, ``| | 224 x 244 x 64 | conv 3x3 |``, ``풀링 이후 크기는 64x112x112``), are traced
through the bundled spec from the input stated (``namedmaps``).

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
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
