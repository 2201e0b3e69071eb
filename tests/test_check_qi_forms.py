"""`cnnstat check` on a chain that goes on from a result (issue 19, session q's
integrator, found by trying the tool as a new user would): ``(227 - 11) / 4 = 54 + 1 =
55`` and ``= 34,848 (+96 bias) = 34,944`` were each called wrong ("54, not 55"; "34,848,
not 34,944"), though every step is right.

Mechanisms:
- a side that starts with the result before it and adds goes on from it after a division
  or a difference (a size's "+ 1", the division floored first: ``44 + 1`` after ``89 /
  2``), not only after a product; after a sum or a product that already adds, an added
  term is still a term too many (``arithchain.goes_on``);
- a square kernel's size and a layer word before ``=`` (``3x3 conv = 36,864``) name the
  layer; they are no product of units whose value is 9 (``reading/glosses._kernel_named``);
- a bracket between a result and the next ``=`` that holds an operator, a number and a
  few words (``(+96 bias)``, ``(x2 for the backward)``) is a step of the chain, not a gloss
  to drop (``reading/glosses._step_end``).

Expected values by plain arithmetic: (227 - 11) / 4 = 54, + 1 = 55; (64 - 3 + 2) / 1 =
63, + 1 = 64; 32 - 5 + 1 = 28; (96 - 7) / 2 = 44.5, floored 44, + 1 = 45;
11*11*3*96 = 34,848, + 96 = 34,944; 5*5*6*16 = 2,400, + 16 = 2,416; 56*56*64 = 200,704,
x 2 = 401,408.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qi_forms"

EXPECTED = {
    "01_steps_after_a_result.md": [
        (5, "arithmetic", "right"),  # 54 + 1 = 55
        (6, "arithmetic", "right"),  # 63 + 1 = 64
        (7, "arithmetic", "right"),  # 27 + 1 = 28
        (8, "arithmetic", "wrong"),  # PLANTED: 44 + 1 = 45, not 46
        (9, "arithmetic", "right"),  # 34,848 + 96 = 34,944
        (10, "arithmetic", "right"),  # 2,400 + 16 = 2,416
        (11, "arithmetic", "wrong"),  # PLANTED: 2,400 + 16 = 2,416, not 2,432
        (12, "arithmetic", "right"),  # 200,704 x 2 = 401,408
    ],
    "02_kernel_named.md": [
        # lines 3-4: "3x3 conv = 36,864": the kernel names the layer (3*3*64*64 = 36,864),
        # no product of 3 and 3; nothing on those lines says 64 in and out to a reader
        (5, "arithmetic", "right"),  # 5 x 5 = 25, the product
        (6, "arithmetic", "right"),  # 13 + 3 = 16
        (7, "arithmetic", "right"),  # 3 x 3 x 64 = 576
        (8, "arithmetic", "wrong"),  # PLANTED: 576, not 567
        (9, "arithmetic", "right"),  # 7*7*3*64 = 9,408
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qi_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
