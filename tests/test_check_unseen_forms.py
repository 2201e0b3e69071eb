"""`cnnstat check` on forms that gave false alarms on unseen notes (issue 19, set-f), fixed
at the mechanism:

* a unit written after the result of a calculation that carries no unit of its own labels
  the result (``(4.06 * 128) + 218.27 + 4.39 = 742.34 MB``), and the size of the weights
  is judged only where every factor of the calculation is the count's, its bytes' or the
  unit's (``... / 1024^2 * 3``: the gradients and momentum are no part of the weights);
* a quiz's numbered question, or a line that states its own input (``an input volume that
  is 40x40x8``, ``입력이 12x12x6``), starts a problem of its own: the map on the line
  before is not its input;
* KaTeX pasted from a web page, the rendering glued to its LaTeX source
  (``5×5×1×6+6=1565\\times5\\times1\\times6 + 6 = 156``): one copy is read.

Each fixture under tests/fixtures/notes/unseen_forms was written for this repository in
its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out
by hand in the comment beside it; a claim not listed fails the test as surely as a missing
one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "unseen_forms"

EXPECTED = {
    "01_unit_label.md": [
        # 250,000 * 2 * 4 = 2,000,000 bytes; / 1,048,576 = 1.907 -> 1.91 (MiB written MB)
        (3, "arithmetic", "right"),
        # 10,000,000 * 4 = 40,000,000; / 1,048,576 = 38.147; * 3 = 114.441 -> 114.44;
        # the weights' size reader stays silent: "* 3" is not the count, 4 bytes or 1024^2
        (4, "arithmetic", "right"),
        # 1.91 * 64 = 122.24; + 114.44 = 236.68; + 2.5 = 239.18: "MB" labels the result
        (5, "arithmetic", "right"),
        (6, "arithmetic", "wrong"),  # the same sum, 239.18, not 250.18
        # 11,689,512 * 4 = 46,758,048; / 1,048,576 = 44.592 -> 44.59: both readers judge
        (7, "arithmetic", "right"), (7, "memory", "right"),
        # the same, * 2 = 89.184 -> 89.18; the "* 2" keeps the weights' reader silent
        (8, "arithmetic", "right"),
        # 5,000,000 * 4 = 20,000,000; / 1,048,576 = 19.0735; * 2 = 38.147 -> 38.15
        (12, "arithmetic", "right"),
        (13, "arithmetic", "right"),  # 38.15 + 12.5 = 50.65
        (14, "arithmetic", "wrong"),  # 38.15 + 12.5 = 50.65, not 52.65
        # a count scale after dividing by 1024 twice is no label: 25,557,032 parameters
        # are 25.56 million (/ 10^6), not 24.37 (/ 2^20 = 24.373)
        (18, "arithmetic", "wrong"),
        (19, "arithmetic", "right"),  # 25,557,032 / 10^6 = 25.557 -> 25.56: labelled M
        (20, "arithmetic", "right"),  # 1.25 + 3.5 = 4.75, labelled M
    ],
    "02_quiz_items.md": [
        # lines 3, 7, 11: numbered questions; their sizes are givens, and the answer under
        # each is not read as the next question's input (no "23x23x4 -> 40x40x8" chain)
        # line 17: the walk starts from the input line 16 states, 12x12x6:
        # (12 - 3)/1 + 1 = 10, 10 filters -> 10x10x10
        (17, "shape", "right"),
    ],
    "03_quiz_items_ko.md": [
        # line 3: (32 - 5)/1 + 1 = 28: 28x28 right (a statement, not a question)
        (3, "shape", "right"),
        # line 7: a numbered question ending in 얼마일까: givens; line 9's 14x14x32 is not
        # judged against line 5's map
        # line 13: from the input line 12 states, 12x12x6: (12 - 3)/1 + 1 = 10, 10 filters
        (13, "shape", "right"),
    ],
    "04_katex_pasted.md": [
        # each formula is read once (the rendering, where it reads as the source does;
        # the source, where the rendering lost a fraction's bar)
        # line 3: sizes without a layer: no claim (and no "628" read from the glue)
        (4, "arithmetic", "right"),  # 5*5*1*6 = 150, + 6 = 156
        (5, "arithmetic", "wrong"),  # 3*3*3*8 = 216, + 8 = 224, not 232
        (6, "arithmetic", "right"),  # 4*4*16 = 256
        (6, "arithmetic", "right"),  # 256*10 = 2,560, + 10 = 2,570
        (7, "arithmetic", "right"),  # 64/4 = 16, + 1 = 17 (the rendering "644+1" is no sum)
        (7, "arithmetic", "wrong"),  # 100/4 = 25, + 1 = 26, not 24
        # line 8: the same product written twice, apart: nothing is blanked, no claim
        # lines 9-10: the source of a rule in words is kept (\text{...} names lose their
        # ends in the rendering), and read as it says: one MAC is 2 FLOPs
        (9, "cost", "right"),  # FLOPs = 2 x MACs
        (10, "cost", "wrong"),  # MACs = 2 x FLOPs says half a FLOP per MAC
    ],
    "05_katex_pasted_ko.md": [
        (3, "arithmetic", "right"),  # 5*5*3*16 = 1,200, + 16 = 1,216
        (4, "arithmetic", "wrong"),  # 3*3*16*32 = 4,608, + 32 = 4,640, not 4,680
        (5, "arithmetic", "right"),  # (28 - 5)/1 + 1 = 24: the source's ASCII '-' marks it
        (6, "arithmetic", "right"),  # 24/2 = 12
        (7, "cost", "right"),  # FLOPs = 2 x MACs
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
