"""`cnnstat check` where a misreading would raise a false alarm (issue 19): forms found in
real notes nobody here wrote, each fixed at its mechanism.

- an en dash typed for a minus inside a calculation (``12–5+1 = 8``) is a minus; between
  two counts in prose (``5–6 conv layers``) it stays a range (``notes/reading/normalise.py``);
- a calculation that goes on with a symbol (``32 - 5 + 2 \\times \\text{Pad}``) is not cut
  to its numbers, while a result with a label after it (``= 76 (weights + bias) *
  filters``) is still read (``notes/arithmetic/arith.py``);
- a count of conv layers under half of the network's own (``2 conv layers`` of VGG-16) is
  a block's or a stack's, not a slip in its depth (``notes/modelfacts/facts.py``);
- a Korean clause that modifies the name after it (``8개의 층을 가진 AlexNet``) holds that
  network's figure, not the sentence subject's (``notes/modelfacts/factlines.py``), and a count of
  something else after a layer kind (``FC layer는 1000개의 클래스로``) is no count of
  those layers (``notes/modelfacts/facts.py``);
- a floor written as a call (``floor(27.5) plus 1``, ``math.floor(...)``) is a floor, and
  a scale glued to the unit after a result (``= 3.6 GFLOPs``) scales it where the
  calculation's operands are scaled (``notes/reading/normalise.py``,
  ``notes/arithmetic/arith.py``);
- a result carried into the next calculation of the line with one digit changed (``224/2
  = 112 ... 122 + 1``) is a slip, though each calculation alone is right
  (``notes/arithmetic/arith.py``);
- a result written as the square map it gives (``= 5×5``, ``= 14×14×512``) is that side;
  square brackets that group a calculation (``[(64 - 5) / 1] + 1``) are its brackets;
  a run that starts inside a formula in words (``/ stride 1] + 1 = ...``) counts only
  from its first '=' (``notes/arithmetic/arith.py``, ``notes/text.py``).

The fixtures under tests/fixtures/notes/guard_forms are in our own words; the arithmetic
is worked in the comments, and VGG's conv counts (13 for VGG-16, 16 for VGG-19) are from
Simonyan & Zisserman 2015, Table 1.
"""

from collections import Counter

import pytest

from cnnstat.notes.check import check_text
from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "guard_forms"

EXPECTED = {
    "01_en_dash_minus.md": [
        # 12 - 5 + 1 = 8, and the formula n - f + 1 at n = 12, f = 5
        (3, "arithmetic", "right"), (3, "formula", "right"),
        (5, "arithmetic", "right"),  # 32 - 3 + 1 = 30
        (7, "arithmetic", "wrong"),  # 20 - 4 + 1 = 17, not 18
        # line 9: "5–6 conv layers ... 11": a range, no calculation
    ],
    "02_symbol_goes_on.md": [
        # lines 3 and 5 go on with a symbol (Pad, P): 32 - 5 + 2 alone is no side of them
        (7, "arithmetic", "right"),  # 5*5*3 + 1 = 76, a label after it
    ],
    "03_small_counts.md": [
        # lines 3 and 5: 2 conv layers, under half of VGG-16's 13: a block's count
        (7, "model", "wrong"),  # VGG-16 has 13 conv layers
        (9, "model", "right"),  # VGG-19 has 16
    ],
    "04_korean_modifier.md": [
        (3, "model", "right"),  # AlexNet: 8 layers with weights (5 conv + 3 FC), not VGG-16's
        (5, "model", "right"),  # VGG-16's 138,357,544 is 1억 to the one digit written
        (7, "model", "right"),  # GoogLeNet: 22 layers with weights (Szegedy et al. 2015)
        # line 9: 1000개의 클래스 counts the classes, not the FC layers
        (11, "model", "wrong"),  # AlexNet has 3 FC layers, not 4
    ],
    "05_floor_calls_and_prefixes.md": [
        (3, "arithmetic", "right"),  # floor(27 / 2) + 1 = 13 + 1 = 14
        (5, "arithmetic", "wrong"),  # floor(63 / 2) + 1 = 31 + 1 = 32, not 33
        (7, "arithmetic", "wrong"),  # floor(27.5) + 1 = 27 + 1 = 28, not 29
        (9, "arithmetic", "right"),  # 2 x 1.8e9 = 3.6e9
        (11, "arithmetic", "wrong"),  # 2 x 4.1e9 = 8.2e9 (8.1 to 8.3 with 4.1's rounding)
    ],
    "06_carried_result.md": [
        # 216/4 = 54, 54 + 1 = 55 (54 carried as itself); the formula n + 2p - f with
        # n = 227, p = 0, f = 11; 227 + 0 - 11 = 216 after the formula's closing bracket
        (3, "arithmetic", "right"), (3, "arithmetic", "right"), (3, "formula", "right"),
        (3, "arithmetic", "right"),
        # 231 - 7 = 224, 224/2 = 112 and 122 + 1 = 123 are each right; 112 went on as 122
        (5, "arithmetic", "right"), (5, "arithmetic", "right"), (5, "arithmetic", "right"),
        (5, "arithmetic", "wrong"),
        # 576 and 1152: the second calculation starts afresh (3 is no carried result)
        (7, "arithmetic", "right"), (7, "arithmetic", "right"),
    ],
    "07_sizes_and_brackets.md": [
        (3, "arithmetic", "right"),  # 3 + 2 x 1 = 5, written 5×5
        (4, "arithmetic", "right"),  # 56 / 2 = 28, written 28×28×128
        (5, "arithmetic", "wrong"),  # 3 + 2 x 2 = 7, not 9
        (7, "arithmetic", "right"),  # (64 - 5) / 1 + 1 = 60; the words before '=' no side
        (9, "arithmetic", "right"),  # ((32 - 4) / 2 + 1) * 2 = 15 * 2 = 30
        (11, "arithmetic", "right"),  # 2 * 2 * 64 = 256 = 16 * 16
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_guarded_forms(name):
    claims, _ = check_text((FORMS / name).read_text(encoding="utf-8"))
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_the_fixtures_are_all_tested():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
