"""`cnnstat check` on the mechanisms of first-contact false alarms (issue 19): each form a
held-back set's notes drew a false "wrong" on, written in this repository's own words with
the other ways a note may write it, English and Korean.

- A Keras call over several lines: the comment on the line that opens it may give the
  layer's output (``# output (N, 6, 8, 16)``, ``# 출력 ...``), not the model's input; a word
  decides, else the reading the shape agrees with. A comment beside ``input_shape=(...)``
  that repeats it is the input glossed, or the output mis-stated: unsure.
- A running calculation (``(3*1)*(3*1)+1 = 10 * 10 = 100``): each link goes on from the
  result before it, so the next figure is judged against that link, not the first side; a
  term added to a calculation that already adds (the bias counted twice) stays wrong.
- ``30 = 32 - 3 + 2 x padding + 1``: ``x`` between a number and a word multiplies by a
  symbol, so the numbers before it are no side of the equation.
- A shape in a comment above the layer it describes, where the model's input is not
  known: its channels agreeing with the layer above show nothing of where the note puts
  its comments, so a shape that fits neither layer is unsure.
- A kernel's volume written before its word (``3x3x128 커널 128개``, ``5x5x48 필터``) is no
  map; a line that starts with its layer goes on from the line above's output where only
  that gives the size stated (a walkthrough's next layer), else from its input.
- A line whose result is written in Indian groups (``= 1,30,000``) writes its operands so
  (``1,28,000 + 2,000``); a run never starts inside a number's groups.

The hand arithmetic stands beside each claim; the multiset of (line, kind, verdict) must
match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/first_contact"

EXPECTED = {
    "01_keras_comment_roles.md": [
        (7, "shape", "right"),  # "output": 3x3 valid on 8x10: 6x8, 16 filters
        (9, "shape", "right"),  # 3x3 valid on 6x8: 4x6, 4 filters
        (14, "shape", "wrong"),  # "out:": 12 - 3 + 1 = 10, not 11
        (22, "shape", "right"),  # 출력: 6 - 2 + 1 = 5, 6 filters
        # line 23: (N, 6, 6, 1) beside input_shape=(6, 6, 1), with 입력: the input
        (24, "shape", "right"),  # flatten 5*5*6 = 150
        # line 31: (N, 9, 9, 2) repeats input_shape beside it; the output is 7x7x8: unsure
        (32, "shape", "right"),  # pool 2x2: 7 // 2 = 3, 8 channels
        (39, "shape", "right"),  # no word, the output: 32 - 3 + 1 = 30, 8 filters
    ],
    "02_running_calculations.md": [
        (5, "arithmetic", "right"),  # 3*3*16 = 144; 144*32 = 4,608
        (6, "arithmetic", "right"),  # 5*5*3 = 75; 75 + 1 = 76
        (7, "arithmetic", "right"),  # 4*8 + 1 = 33; 33*4 = 132
        (8, "arithmetic", "wrong"),  # 49*2 = 98, not 96
        (12, "arithmetic", "right"),  # 3*3*8 = 72; 72*10 = 720
        # line 13: (72 + 1)*16 = 1,168; "+ 16" adds the bias again: both sides wrong
        (13, "arithmetic", "wrong"), (13, "arithmetic", "wrong"),
    ],
    "03_symbol_after_times.md": [
        # lines 5-7: "+ 2 x padding + 1": the calculation goes on with its letter, so
        # 32 - 3 + 2 is no side of the equation (not judged)
        (11, "arithmetic", "right"),  # 3 x 3 = 9; "x filters" is a gloss after it
        (12, "arithmetic", "right"),  # 28 - 3 + 1 = 26
        (13, "arithmetic", "wrong"),  # 28 - 5 + 1 = 24, not 25
    ],
    "04_comments_above_layers.md": [
        # the input is not known: the conv gives its 16 channels alone, and (14, 14, 16)
        # agrees with them (its sides say nothing of which layer it belongs to)
        (7, "shape", "right"),
        # line 9: (12, 12, 32) under the pooling: 14/2 = 7 sides and 16 channels above,
        # 7 - 3 + 1 = 5 below: neither; nothing showed the comments go under: unsure
        (15, "shape", "right"),  # 12 channels of the conv above
        # line 17: (8, 8, 24): pooling 10/2 = 5 above, 5 - 3 + 1 = 3 below: unsure
        (25, "shape", "right"),  # 32 - 3 + 1 = 30, 8 filters
        (26, "shape", "wrong"),  # 2x2 pooling: 30 / 2 = 15, not 14
    ],
    "05_kernel_volume_before_word.md": [
        # lines 5-8: "3x3x96 커널", "5x5x48 필터", "3x3x192 kernels": each a kernel's
        # volume, never a map a layer runs over; no input is stated: nothing judged
        (12, "shape", "right"),  # (227 - 11)/4 + 1 = 55
        (12, "shape", "right"),  # 11x11x3 filters on the 227x227x3 input: its 3 channels
        (13, "shape", "right"),  # from line 12's output: 55 + 4 - 5 + 1 = 55
        (14, "shape", "wrong"),  # 55 + 2 - 3 + 1 = 55, not 54 (from 227 too: 227)
    ],
    "06_indian_groups_and_word_links.md": [
        # a result written in Indian groups (= 1,30,000) has its operands written so,
        # never read from inside a number's groups (28,000 + 2,000 = 30,000)
        (3, "arithmetic", "right"),  # 128,000 + 2,000 = 130,000
        (4, "arithmetic", "right"),  # 245,760 + 1,024 = 246,784
        (5, "arithmetic", "right"),  # 1,234,567 - 34,567 = 1,200,000
        (6, "arithmetic", "wrong"),  # 100,000 + 5,000 = 105,000, not 150,000
        (10, "arithmetic", "right"),  # 3 x 3 = 9; 9 x 64 = 576
        (11, "arithmetic", "wrong"),  # 5 x 5 = 25; 25 x 6 = 150, not 160
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_contact_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(DIR / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
