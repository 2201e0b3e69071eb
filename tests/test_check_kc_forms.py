"""`cnnstat check` on forms that drew false alarms from correct Korean notes written at
first contact (issue 19, helper kc: 논문 리뷰, 강의 정리, 시험 대비 정리, TIL). Each fixture
holds right lines in the form and a wrong line beside them, so a fix that silences the
reader shows. The correct passages themselves are in ``hostile_correct/kc-*.md``.

- a statement the line sets out and marks as wrong, quoted and called wrong after its
  closing quote (``"…7개다" ← 틀린 말``, ``"…" is a common mistake``) or marked X
  (``16개 (X)``), is a warning, not a claim: a wrong figure in it is unsure; marked right
  (``← 맞는 말``, ``(O)``, ``← 정답``) or not marked, it is judged (``disowned``);

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
}


def _verdicts(name: str) -> Counter:
    from cnnstat.notes.check import check_file

    return Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kc_form(name):
    assert _verdicts(name) == Counter(EXPECTED[name])


def test_kc_fixtures_listed():
    assert {p.name for p in DIR.glob("*.md")} == set(EXPECTED)
