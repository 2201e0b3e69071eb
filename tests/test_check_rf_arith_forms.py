"""`cnnstat check` on receptive-field and arithmetic forms that went unread or were judged
by their arithmetic alone on the development sets (issue 19): a sum of figures written
with a scale (``117.6k + 240k + 20*84``), each rounded, whose result lies outside the
rounding they allow; a receptive-field table whose packed window cells carry a word in
brackets (``2,0,2 (MP)``, ``5,2,1 (Dil=2)``: the kernel, or the window a dilation spans,
as the row's own field decides) and whose jump column is headed as the figure after the
row's layer (``J(out)``).

Each fixture under tests/fixtures/notes/rf_arith was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rf_arith"

EXPECTED = {
    "01_rounded_sum.md": [
        # 16,500 + 230,000 + 1,200 = 247,700
        (3, "arithmetic", "right"),
        # 86,400 + 150,000 + 640 = 237,040; 86.4k is within 100 of its figure, 150k within
        # 5k (rounded to its tens of thousands): 231,940 to 242,140, and 245.04k is not
        (5, "arithmetic", "wrong"),
        # 52,300 + 120,000 + 512 = 172,812: 172.8k to its digits
        (7, "arithmetic", "right"),
        # 3,200 + 64,000 + 1,024 = 68,224; at most 3,300 + 65,000 + 1,024 = 69,324 < 72.4k
        (9, "arithmetic", "wrong"),
        # 1,500 + 200 = 1,700: 2k to its one digit
        (11, "arithmetic", "right"),
        # line 13: 117,000 + 1,000 = 118,000; 117k may be off by 1,000 either way (cut, not
        # rounded): 117,000 to 119,000 holds 118.5k, within the rounding: not judged
    ],
    "02_rf_table_gloss.md": [
        # r_out = r_in + (k - 1)·d·j_in, j_out = j_in·s, from r = j = 1 (Araujo et al. 2019)
        # first table: conv3/1 -> 3, j 1; pool2/2 -> 3 + 1 = 4, j 2; conv3 -> 4 + 2*2 = 8;
        # pool2/2 -> 8 + 1*2 = 10, j 4; conv3 -> 10 + 2*4 = 18, j 4
        (5, "receptive field", "right"), (5, "receptive field", "right"),
        (6, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "right"), (7, "receptive field", "right"),
        (8, "receptive field", "right"),
        (8, "receptive field", "wrong"),  # J(out) 2 after a stride-2 pool: 2*2 = 4
        (9, "receptive field", "right"), (9, "receptive field", "right"),
        # second: conv3 -> 3; "5 (dil=2)" is the window a 3x3 with dilation 2 spans
        # (2*(3-1)+1 = 5): 3 + 4 = 7 (with 5 as the kernel, 3 + 4*2 = 11: not the note's);
        # pool2/2 -> 7 + 1 = 8, j 2; conv3 -> 8 + 2*2 = 12
        (15, "receptive field", "right"), (15, "receptive field", "right"),
        (16, "receptive field", "right"), (16, "receptive field", "right"),
        (17, "receptive field", "right"), (17, "receptive field", "right"),
        (18, "receptive field", "right"), (18, "receptive field", "right"),
        # third: "3 (dilation 2)" is the kernel: 3 + (3-1)*2 = 7; then 7 + 2 = 9, not 10
        (22, "receptive field", "right"), (23, "receptive field", "right"),
        (24, "receptive field", "wrong"),
        # fourth: 6 is neither 3 + 2*2 = 7 nor 3 + 2 = 5: the dilated row is not rebuilt,
        # and nothing from it on is judged
        (28, "receptive field", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rf_arith_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
