"""`cnnstat check` on forms that drew false alarms from correct Korean notes written at
first contact (issue 19, helper kc: 논문 리뷰, 강의 정리, 시험 대비 정리, TIL). Each fixture
holds right lines in the form and a wrong line beside them, so a fix that silences the
reader shows. The correct passages themselves are in ``hostile_correct/kc-*.md``.

- a statement the line sets out and marks as wrong, quoted and called wrong after its
  closing quote (``"…7개다" ← 틀린 말``, ``"…" is a common mistake``) or marked X
  (``16개 (X)``), is a warning, not a claim: a wrong figure in it is unsure; marked right
  (``← 맞는 말``, ``(O)``, ``← 정답``) or not marked, it is judged (``disowned``);
- a cost labelled with a conv of its own (``일반 conv 연산량:``, ``기존 convolution``,
  ``regular conv cost:``) is that conv's, not the separable conv of the heading; a conv the
  reader has no identity for (``dilated conv 연산량:``) is not judged (``separable``);
- a conv named by its kernel, then a count with 개 (``3x3 conv 32개``, ``7x7 합성곱 64개``)
  counts its filters as often as that many layers: no layer count (``places``);
- a square kernel's size glued to a colon, a space after it (``1x1: 28x28x192x16 = …``,
  ``… = 12,288 / 3x3: 9*96*128 = …``), is a branch's label, not a ratio's term, and a
  spaced sign before it parts two calculations (``runs``); ``5x5 : 3x3x2`` stays a ratio;
- a step under a heading that names a transposed (dilated, upsampling) conv, or nested
  under a list item that names one (``- deconvolution 출력: …`` then ``  - … 4x4 → 5x5``),
  is that layer's: the step reader leaves it (``apartsection``); a plain conv's section or
  an item back at the outer level is judged again;
- a heading that names no network ends a network a sentence of the section before named:
  a layer table under it is no breakdown of that network (``adapters.breakdown_heading``);
  the parent heading's network goes on (an AlexNet table under ``## 파라미터 표``);
- "again" before a size whose words name a layer of the other kind (``conv … 를 해서
  27x27x256, 다시 pooling 해서 13x13x256``) is that layer's, not the last one repeated
  (``shapewords.other_kind``); "again" with the same kind repeats it;

Expected values are plain arithmetic or the papers' figures, written beside each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/kc_forms"

EXPECTED = {
    "01_statements_marked_wrong.md": [
        # line 3: "…7개다" ← 틀린 말: AlexNet has 5 conv layers (Krizhevsky et al. 2012), unsure
        # line 4: VGG16 has 13 conv layers (Simonyan & Zisserman, config D), marked (X): unsure
        (5, "model", "right"),  # ResNet-50: 50 layers (He et al. 2016)
        # line 6: GoogLeNet's 100 is not read
        # line 7: "…7 conv layers" is a common mistake: unsure
        (7, "model", "right"),  # AlexNet's three FC layers
        (9, "model", "wrong"),  # the same statement called right: 5 conv layers, not 7
        (10, "model", "wrong"),  # marked (O): 13, not 16
        (11, "model", "wrong"),  # not marked: 5, not 6
        (12, "arithmetic", "wrong"),  # 3*3*3*64 = 1,728, not 1,782, called 정답
        # line 8: the same calculation called 틀린 계산: unsure
        (13, "arithmetic", "right"),  # (363 + 1) * 96 = 34,944
        (13, "arithmetic", "right"),  # 363 * 96 = 34,848, right as written (X: bias left out)
    ],
    "02_standard_conv_labels.md": [
        # standard conv: D_K^2 M N D_F^2 MACs (Howard et al. 2017, eq. 2)
        (3, "cost", "right"), (4, "cost", "right"), (5, "cost", "right"),
        (6, "cost", "wrong"),  # 그냥 conv: N left out (that is the depthwise cost)
        # line 7: a dilated conv, no identity read: not judged
        (8, "cost", "right"),  # the heading's separable conv: eq. 4
        (9, "cost", "wrong"),  # the heading's separable conv, given the standard cost
        (10, "cost", "wrong"),  # 일반 합성곱, given the separable cost
    ],
    "03_kernel_named_counts.md": [
        # line 3: "3x3 conv 32개": 32 filters (MobileNet's first conv), no layer count
        (3, "model", "right"),  # MobileNet v1's first conv: stride 2
        (3, "model", "right"),  # and 3x3 (Howard et al. 2017, Table 1)
        (4, "model", "right"),  # VGG16: 3 FC layers; "3x3 conv 13개" not read
        # line 5: "7x7 합성곱 64개": ResNet-50's stem filters, no layer count
        (6, "model", "right"), (6, "model", "right"),  # VGG16: 13 conv, 3 FC (config D)
        (7, "model", "wrong"),  # 13 conv layers, not 15
        (8, "model", "wrong"),  # "3x3 conv layer 15개": the layer word says layers
    ],
    "04_kernel_labels.md": [
        (3, "arithmetic", "right"),  # 28*28*192*16 = 2,408,448
        (4, "arithmetic", "right"),  # 28*28*25*16*32 = 10,035,200
        (5, "arithmetic", "right"),  # 28*28*9*96*128 = 86,704,128
        (6, "arithmetic", "right"),  # 192*64 = 12,288
        (6, "arithmetic", "right"),  # 9*96*128 = 110,592
        (7, "arithmetic", "wrong"),  # 2,408,448, digits swapped
        (8, "arithmetic", "wrong"),  # 10,035,200, a digit dropped
        (9, "arithmetic", "wrong"),  # 12,288, not 12,289
        (9, "arithmetic", "right"),
        (10, "arithmetic", "right"),
        (10, "arithmetic", "wrong"),  # 110,592, not 110,529
        # lines 11, 12: ratios (25 : 18, 49:27 ≈ 1.81), not read as equations
    ],
    "05_steps_under_transposed.md": [
        # lines 4, 5: transposed convs, (4-1)*1 + 2 = 5, (7-1)*2 + 3 = 15: not read
        (8, "shape", "right"),  # 7 - 3 + 1 = 5
        (9, "shape", "wrong"),  # 5, not 9
        # lines 13, 14: nested under a deconvolution item, (4-1) + 2 = 5, 15*2 - 2 + 4 = 32
        (15, "shape", "wrong"),  # a plain conv back at the outer level: 16 - 3 + 1 = 14
        (16, "shape", "right"),  # 16 / 2 = 8
    ],
    "06_section_ends_a_named_net.md": [
        # r + (k - 1)·j: 1 + 2 = 3; 3 + 1 = 4, jump 2; 4 + 2·2 = 8 (not MobileNetV2's rows)
        (10, "receptive field", "right"), (11, "receptive field", "right"),
        (12, "receptive field", "right"),
        (20, "model", "right"),  # AlexNet conv1: (11*11*3 + 1)*96 = 34,944
        (21, "model", "right"),  # conv2: (5*5*96 + 1)*256 = 614,656
        (22, "model", "wrong"),  # conv3: (3*3*256 + 1)*384 = 885,120, not 885,121
    ],
    "07_again_another_layer.md": [
        (3, "shape", "right"),  # 27 + 4 - 5 + 1 = 27; the pooling after it has no window
        (4, "shape", "right"),  # 56 + 2 - 3 + 1 = 56; then a max pool, not the conv again
        (5, "shape", "right"), (5, "shape", "right"),  # 28 - 4 = 24, 24 - 4 = 20
        (6, "shape", "right"),
        (6, "shape", "wrong"),  # the conv once more: 20, not 22
        (7, "shape", "right"), (7, "shape", "right"),  # 32 / 2 = 16, 16 / 2 = 8
        (8, "shape", "right"),
        (8, "shape", "wrong"),  # the pooling again: 8, not 4
    ],
}


def _verdicts(name: str) -> Counter:
    from cnnstat.notes.check import check_file

    return Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kc_form(name):
    assert _verdicts(name) == Counter(EXPECTED[name])


def test_kc_fixtures_listed():
    assert {p.name for p in DIR.glob("*.md")} == set(EXPECTED)
