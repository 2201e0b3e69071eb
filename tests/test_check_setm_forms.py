"""`cnnstat check` on the forms behind the false alarms of a set of notes never seen
before (issue 19, dev set m), each a mechanism, not a line:

- a shape alone on a comment line belongs to the layer above it *or* to the layer below
  it (notes write both); one that fits neither is wrong only once the note has shown
  which way its comments go, else unsure;
- a comment ``A -> B`` whose A is not the layer's input is about another layer: silent;
- a result with a bracket set apart after it (``= 6 (6 * 6)``) is the number alone; a
  number that a noun or a setting names before a bracket (``layer 3 (30-3)/1+1``) is no
  factor;
- a setting stated in prose before a formula (``with 0 padding (W-K+2P)/S+1``) is no
  factor of it; a pooling's rule ``input / pool size`` is the pooling's, not a conv's;
- a comment that works a calculation out in numbers is arithmetic, judged like prose;
  ``-->`` is an arrow, not a minus.

The fixtures are this repository's own text; the hand arithmetic stands beside each
claim, and the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/setm_forms"

EXPECTED = {
    "01_keras_comment_above.md": [
        # the input is 64x64x3; each comment sits above its layer
        (8, "shape", "right"),   # 5x5 valid conv: 64 - 5 + 1 = 60, 8 maps
        (10, "shape", "right"),  # 2x2 pool: 60 / 2 = 30
        (12, "shape", "right"),  # 3x3 valid conv: 30 - 3 + 1 = 28, 16 maps
        (14, "shape", "wrong"),  # 2x2 pool: 28 / 2 = 14, not 15 (above: 28, not 15 either)
        # the second block writes each shape under its layer
        (23, "shape", "right"),  # 64 - 5 + 1 = 60
        (25, "shape", "right"),  # 60 / 2 = 30
        (27, "shape", "wrong"),  # 30 - 3 + 1 = 28, not 27; no layer follows it
        # line 36: 20x20 fits neither 30 (above) nor 28 (below): unsure
    ],
    "02_arrow_comment.md": [
        (5, "shape", "right"),   # 9 - 3 + 1 = 7, 6 maps
        (6, "shape", "right"),   # 7 - 3 + 1 = 5, 12 maps
        # line 8: its input (7, 7, 6) is not the input of the layer above (5, 5, 12), so
        (8, "shape", "right"),   # no step is judged; the flatten alone is: 7*7*6 = 294
        (9, "shape", "wrong"),   # flatten of 4x4x12 (5 - 2 + 1 = 4) = 192, not 300
        (15, "shape", "right"),  # (6, 6, 2) is the conv's input; 6 - 3 + 1 = 4
        (17, "shape", "right"),  # its input (4, 4, 4) is the output line 15 gave
        (17, "shape", "wrong"),  # 4 - 3 + 1 = 2, not 3
        # written above their layers, from the output of the layer above
        (23, "shape", "right"),  # 14 - 3 + 1 = 12 in; the pooling below: 12 / 2 = 6
        (25, "shape", "right"),  # its input (6, 6, 10) is the output line 23 gave
        (25, "shape", "right"),  # the conv below: 6 - 2 + 1 = 5
    ],
    "03_gloss_pool_setting.md": [
        (4, "arithmetic", "right"),   # (8 - 3)/1 + 1 = 6; "(6 * 6)" is the map
        (7, "arithmetic", "right"),   # (8 - 3 + 2)/1 + 1 = 8
        (10, "arithmetic", "wrong"),  # (9 - 3)/2 + 1 = 4, not 5
        (13, "arithmetic", "right"),  # 30 / 3 = 10 (the rule: a pooling's, stride = window)
        (14, "arithmetic", "right"),  # 30 / 3 = 10
        (16, "arithmetic", "right"),  # 16 / 2 = 8
        (18, "arithmetic", "right"),  # (20 - 5)/1 + 1 = 16
        (18, "formula", "right"),     # the numbers stand where the letters stood
        (19, "arithmetic", "wrong"),  # (16 - 3)/1 + 1 = 14, not 13
        (19, "formula", "right"),
        # a label's number before the formula's bracket ("block 4 (W-K+2P)/S+1") is no factor
        (21, "arithmetic", "right"),  # (12 - 3)/1 + 1 = 10
        (21, "formula", "right"),
        (22, "arithmetic", "right"),  # (12 - 3 + 2)/1 + 1 = 12
        (22, "formula", "right"),
    ],
    "04_comment_arithmetic.md": [
        (5, "arithmetic", "right"),   # (100 - 5)/1 + 1 = 96
        (5, "arithmetic", "right"),   # 96 / 2 = 48
        (7, "arithmetic", "wrong"),   # (48 - 3)/1 + 1 = 46, not 45
        (8, "arithmetic", "right"),   # 9 * 16 * 32 = 4,608; + 32 = 4,640
        (9, "arithmetic", "right"),   # 25 * 3 * 16 = 1,200; + 16 = 1,216
        (10, "arithmetic", "right"),  # 45 / 2 = 22.5, floored to 22 as a pooling does
    ],
    "05_label_number.md": [
        # a number a noun or a setting names, set apart before the bracket: no factor
        (3, "arithmetic", "right"),   # (30 - 3)/1 + 1 = 28 (not 3 * 27 + 1)
        (5, "arithmetic", "right"),   # (31 - 3)/2 + 1 = 15
        (7, "arithmetic", "right"),   # (14 - 3 + 2)/1 + 1 = 14
        (9, "arithmetic", "right"),   # (28 - 5)/1 + 1 = 24
        (11, "arithmetic", "wrong"),  # (16 - 3 + 2)/1 + 1 = 16, not 15
        (13, "arithmetic", "right"),  # after "is", a product: 2 * 11 = 22
    ],
    "06_keras_below_unknown.md": [
        # 'same' at stride 1 keeps 12x12; the pooling below ('same', stride 3) gives
        # ceil(12 / 3) = 4: 11x11x6 is one off the layer above's, far from the pooling's
        (6, "shape", "wrong"),  # 12, 12, 6, not 11, 11, 6
    ],
    "07_keras_first_comment_above.md": [
        # no layer above the first comment: the layer below's
        (5, "shape", "right"),   # 32 - 3 + 1 = 30, 16 maps
        (7, "shape", "right"),   # 30 / 2 = 15 (the layer above gave 30)
        (9, "shape", "wrong"),   # 15 - 3 + 1 = 13, not 12 (and 15 above): the note's
                                 # comments go above their layers
        (15, "shape", "right"),  # 20 - 5 + 1 = 16, 8 maps
        (16, "shape", "right"),  # line 15 judged the layer above: the pooling's, 16 / 2 = 8
        (18, "shape", "right"),  # 8 * 8 * 8 = 512
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_setm_forms(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
