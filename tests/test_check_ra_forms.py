"""`cnnstat check` on forms met in set-r1 (issue 19, helper ra: false alarms first).
Planted mistakes are marked PLANTED with their true value.

Mechanisms:
- a map's two sides written as a product of two output-size rules, each in its own floor
  (``⌊(n + 2p - f)/s + 1⌋ × ⌊(n + 2p - f)/s + 1⌋``): one side's rule, judged as any
  other (``rules/mapsides``: a floor or a ceiling that holds a whole side is its bracket,
  as a round one is); the old code took the product as one side's size and called it
  wrong;
- a rule in words in brackets after a worked count (``(3*3*1 + 1)*16 = 160 ((kernel
  width * kernel height + 1) * number of filters)``) is the count's gloss: a wrong verdict
  of it is unsure, the worked numbers being what the writer computed, and so is one of the
  same words restated later on a line of their own (``rules/worked``); the same rule in
  other words, stated as general, stays wrong;
- ``same convolutions`` or ``same padding`` that the sentence denies (``were not in use``,
  ``no same padding``) sets no padding (``reading/settings.SAME_PAD``);
- a ``_v`` subscript beside ``_h`` (``stride_v``, ``stride_h``): a vertical and a
  horizontal stride, so the width's rule over ``stride_h`` is right and over
  ``stride_v`` wrong (``rules/rulelines._axes``).

Expected values: plain arithmetic in the comments (a conv's side floor((n + 2p - k)/s) + 1;
a conv's count (k*k*C_in + 1)*C_out, a dense layer's (in + 1)*out).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/ra_forms"

EXPECTED = {
    "01_floored_sides_product.md": [
        # floor((n + 2p - f)/s + 1) = floor((n + 2p - f)/s) + 1, one side of the map
        # (n=7, f=3, s=2, p=0: 3 either way; n=32, f=3, s=2, p=1: 16)
        (7, "formula", "right"),
        (11, "formula", "right"),
        (15, "formula", "wrong"),  # PLANTED: (32 + 2 - 3)/(2 + 1) floors to 10, not 16
    ],
    "02_gloss_after_worked_count.md": [
        (5, "arithmetic", "right"),  # (3*3*1 + 1)*16 = 160; its gloss (line 5) not judged
        # line 7: (16*4*4 + 1)*64 = 16,448 with the apostrophe; the gloss ((this layer
        # units * previous layer units) + 1) unsure
        (9, "arithmetic", "right"),  # (64 + 1)*10 = 650
        # line 15: line 5's gloss restated, unsure
        (19, "formula", "wrong"),  # PLANTED: general rule, channels missing: (3*3*5 + 1)*7 = 322, not 70
    ],
    "03_same_conv_denied.md": [
        (3, "shape", "right"),  # 32 - 5 + 1 = 28
        (4, "shape", "right"),  # 28 / 2 = 14
        (5, "shape", "right"),  # 14 - 5 + 1 = 10: same convolutions denied, no padding
        (9, "shape", "right"),
        (10, "shape", "right"),
        (11, "shape", "wrong"),  # PLANTED: same padding keeps 14, so 14x14x16
    ],
    "04_stride_h_v_axes.md": [
        (3, "formula", "right"),  # height over the vertical stride
        (4, "formula", "right"),  # width over the horizontal stride (stride_h)
        (8, "formula", "wrong"),  # PLANTED: width over the vertical stride; stride_h belongs
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_ra_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
