"""`cnnstat check` on forms that drew false alarms from correct exam and homework
solutions, quiz answer keys and interview cheat sheets (issue 19, helper ki). Each fixture
holds right lines in the form and a wrong line beside them, so a fix that silences the
reader shows. The correct passages themselves are in ``hostile_correct/ki-*.md``.

- a formula's product against its substitution is compared factor by factor, however
  each side is bracketed, and a letter's small power counts as that many factors
  (``49C^2 = 49*256*256``, ``2·C^2·H·W = 2·64·64·28·28``); a copied constant that slipped
  (``27C^2 = 26*64*64``) is still wrong;
- a quiz's choices listed under its question (``- [ ] 576``, a bare ``- 500``) are choices,
  not the answer a figure alone under its question is; a ticked box (``- [x] 1,792``,
  ``* [X] 122,890``) is the answer, judged, and wrong where it leaves the input channels
  out (``- [x] 640``);
- a ratio after a line whose result its next calculation takes as an operand (``14x14x64 =
  12,544 values, so 12544*128 + 128 = 1,605,760 params, about 4x more``) is not of those
  two figures, a chain: right where they give it, never wrong by them; two figures worked
  out apart (``147,456`` and ``17,536``, ``about 20x cheaper``) still judge it;
- a part's roman numeral at the head of a line (``(ii) (3*3*3 + 1) * 8 = 224``, ``iii)``)
  is a label, like a list's number: the calculation after it is read (and a slip in it,
  ``= 216``, caught); a letter (``(b)``) may be a quiz's choice and is left alone.

Expected values are plain arithmetic, written beside each line.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/ki_forms"

EXPECTED = {
    "01_power_factors.md": [
        (3, "arithmetic", "right"),  # 18*128*128 = 294,912
        (3, "arithmetic", "right"),  # 25*128*128 = 409,600
        (3, "formula", "right"),  # 18C^2 with C = 128
        (3, "formula", "right"),  # 25C^2 with C = 128
        (4, "arithmetic", "right"),  # 9*112*112*32 = 3,612,672
        (4, "formula", "right"),  # 9HWC, H = W = 112, C = 32
        (5, "arithmetic", "right"),  # 2*64*64*28*28 = 6,422,528
        (5, "formula", "right"),  # 2 C^2 H W, C = 64, H = W = 28
        (6, "formula", "wrong"),  # 27C^2 written 26*64*64: the 27 slipped
        (6, "symbolic", "wrong"),  # same slip, read as algebra
        (8, "arithmetic", "right"),  # 100 - 5 + 1 = 96
        (8, "formula", "right"),  # L - k + 1 with L = 100, k = 5
        (9, "arithmetic", "right"),  # 100 - 5 = 95 as arithmetic; but "100 - 5" is not
        # L - k + 1's shape (the + 1 is gone): the formula is not said to be followed
    ],
    "02_ticked_choices.md": [
        (6, "params", "right"),  # (3*3*3 + 1)*64 = 1,792; 576 and 1,728 are choices only
        (12, "params", "right"),  # (5*5*1 + 1)*20 = 520, the answer under its choices
        (16, "params", "right"),  # 64*64*3*10 + 10 = 122,890
        (20, "params", "wrong"),  # 640 = 3*3*64 + 64: the 3 input channels left out
    ],
    "03_ratio_after_chain.md": [
        (3, "arithmetic", "right"),  # 7*7*64 = 3136
        (3, "arithmetic", "right"),  # 3136*128 + 128 = 401,536
        (4, "arithmetic", "right"),  # 14*14*64 = 12,544
        (4, "arithmetic", "right"),  # 12544*128 + 128 = 1,605,760
        (4, "ratio", "right"),  # 1,605,760 / 401,536 = 3.999
        (10, "arithmetic", "right"),  # 3*3*128*128 = 147,456
        (11, "arithmetic", "right"),  # 3*3*128 + 128*128 = 17,536
        (12, "ratio", "wrong"),  # 147,456 / 17,536 = 8.41, not about 20
        (14, "arithmetic", "right"),  # 5*5*32 = 800
        (14, "arithmetic", "right"),  # 800*64 = 51,200
        (14, "ratio", "right"),  # 51,200 / 800 = 64
    ],
    "04_roman_parts.md": [
        (4, "arithmetic", "right"),  # (64 - 3 + 2)/1 + 1 = 64
        (5, "arithmetic", "right"),  # (27 + 1) * 8 = 224
        (6, "arithmetic", "right"),  # 64*64*8 = 32,768
        (7, "cost", "right"),  # 32,768 outputs x 3*3*3 = 27 MACs each = 884,736
        (7, "arithmetic", "right"),  # 32,768 * 27 = 884,736
        (10, "arithmetic", "wrong"),  # (27 + 1) * 8 = 224, not 216
    ],
}

# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_ki_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
