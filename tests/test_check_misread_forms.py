"""`cnnstat check` on right lines a reader misread into false alarms (issue 19, the dev set
set-x at 3231f78): each mechanism in the form that drew it and two or three others, with
a wrong line beside the right ones where the reader should still catch one.

- ``count@kernel`` after a layer's name (``CONV1 : 96@ 11x11, s = 4, p = 0``) is a bank of
  filters, its count at its kernel, when a stride, padding or filter word follows it; LeNet's
  ``6@28x28`` stays maps, as does one beside another kernel (``6@28x28, stride 1, 5x5
  kernels``). A stride or padding by its letter (``s = 4``, ``p=1``) is read; a
  first layer (``conv1``) after a layer's output starts a new walk;
- a square product with a stride or padding after it (``(3x3, s=1 p=1)``, ``[2x2/s2]``) is a
  window with its settings, never a map a layer gives (``two 3x3 convs ... cover a 5x5``);
- a LaTeX fraction whose parts hold subscripts (``\\frac{H_{in} - K_h}{S_h}``) is a division;
- a ratio under the figures worked out above is not theirs where a line between states a
  figure of its own (``the whole network holds ~120k weights``), and compares only where
  the comparing word is in its own clause;
- an equation whose colon leads to a list (``(227-11)/4+1=55: [1, 227, 227, 3] -> ...``,
  ``...=26: (None, 26, 26, 32)``) is an equation, not one side of a ratio (``25 : 18``);
- a name hyphened to its side (``n-in``, ``r-out``, ``J-in``) is one name, not a subtraction;
- a counter's total pasted as a comment heading a paragraph of code is the total of the
  network that paragraph builds (torchinfo's ``# Total mult-adds (G): 5.34`` over
  ``model = resnet50()``); right for the network above alone, it is unsure.

Each fixture under tests/fixtures/notes/misread_forms is in this repository's own words;
every expected (line, kind, verdict) is worked out by hand beside it, and a claim not
listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "misread_forms"

EXPECTED = {
    "01_count_at_kernel.md": [
        (6, "shape", "right"),  # floor((64 + 6 - 7) / 2) + 1 = 31 + 1 = 32; 48 filters
        (7, "shape", "right"),  # (32 - 2) / 2 + 1 = 16; pooling keeps 48
        (8, "shape", "right"),  # 16 + 2 - 3 + 1 = 16; 128 filters
        (9, "shape", "right"),  # floor((16 + 2 - 3) / 2) + 1 = 7 + 1 = 8; 128 kept
        (10, "shape", "wrong"),  # 8 + 2 - 3 + 1 = 8, not 6
        (15, "shape", "right"),  # 40 + 4 - 5 + 1 = 40; 32 filters
        (16, "shape", "right"),  # floor((40 + 2 - 3) / 2) + 1 = 19 + 1 = 20; 64 filters
        # line 18: a first layer starts a new walk; its input is not stated (not judged)
        (19, "shape", "right"),  # floor((28 + 2 - 3) / 2) + 1 = 13 + 1 = 14; 16 filters
        (25, "shape", "right"),  # LeNet's maps: 32 - 5 + 1 = 28, 6 filters
        (27, "shape", "right"),  # 28 / 2 = 14, 6 kept
        (29, "shape", "wrong"),  # 14 - 5 + 1 = 10, and no stride or padding gives 11
        (31, "shape", "right"),  # the same input as line 23's, stated again
        # lines 32-33: with a 5x5 kernel on the line, 6@28x28 is LeNet's maps even with a
        # stride after it (the line's layer, two squares, is not read: nothing judged)
        (33, "shape", "right"),  # LeNet-5 (named on line 21) at 32x32x1: S2 is 6@14x14
    ],
    "02_window_with_settings.md": [
        # lines 3, 5: (3x3, stride 1, pad 1) is the window, and 5x5 / 7x7 the patch that
        # two and three of them cover: no map; line 7: [2x2/s2] and a 4x4 region likewise
        (9, "shape", "wrong"),  # 28 + 4 - 5 + 1 = 28, not 26
        (11, "shape", "right"),  # (28 - 2) / 2 + 1 = 14
    ],
    "03_latex_fraction_subscripts.md": [
        (5, "formula", "right"),  # floor((W - F) / S) + 1: the rule without padding
        (10, "formula", "right"),  # floor((W + 2P - F) / S) + 1
        (15, "formula", "right"),  # (I + 2P - K) / S + 1
        (20, "formula", "wrong"),  # (W - F + 2P) / (S + 1): the + 1 under the stride
    ],
    "04_share_after_a_stated_total.md": [
        (3, "arithmetic", "right"),  # 25 + 1 = 26
        (4, "arithmetic", "right"),  # 8 * 26 = 208
        # line 6: 95% of the ~120k stated on line 5, not of 26 and 208 (208 / 120,000 is
        # under 1%): not judged
        (10, "arithmetic", "right"),  # 16 * 72 = 1,152
        (11, "arithmetic", "right"),  # 32 * 144 = 4,608
        # line 12: "about 80%": 1 - 1,152 / 4,608 = 75% cheaper (or 4,608 / 5,760 = 80% of
        # the work), within "about"
        (12, "ratio", "right"),
        (13, "ratio", "right"),  # 1,152 / 4,608 = 25%
        # 10%: neither 25% (the share) nor 75% (the cut); a figure within 40% of either
        # (60% of 75%) is a loose rounding, not judged
        (14, "ratio", "wrong"),
    ],
    "05_counter_comment_heads_block.md": [
        # torchvision's published GFLOPS at 224 (multiply-adds): resnet18 1.81, resnet34
        # 3.66, resnet50 4.09; parameters: resnet18 11,689,512, resnet34 21,797,672
        (9, "summary", "right"),  # resnet34 below it: 3.66
        (13, "summary", "right"),  # resnet18 below it: 1.81
        (17, "summary", "wrong"),  # resnet18: 1.81, not 2.81
        (25, "summary", "right"),  # resnet34's count
        (28, "summary", "right"),  # resnet18's count
        # line 38: 4.09 is resnet50's (above), not resnet18's (below): unsure
    ],
    "06_equation_then_colon_and_shape.md": [
        (5, "arithmetic", "right"),  # floor((224 - 7 + 6) / 2) + 1 = 111 + 1 = 112
        (7, "shape", "right"),  # the comment's input is the output above it
        (7, "arithmetic", "wrong"),  # (112 - 2) / 2 + 1 = 56, not 55
        (10, "arithmetic", "right"),  # (28 - 3) / 1 + 1 = 26
        # line 12: 25 : 18 is a ratio, its colon no label's
    ],
    "07_hyphened_names.md": [
        (5, "formula", "right"),  # floor((n + 2p - k) / s) + 1
        (9, "formula", "wrong"),  # (W - F + 2P) * S + 1: the stride multiplies
        (13, "formula", "right"),  # each feature's jump: the one before times the stride
        (17, "formula", "right"),  # floor((n + 2p - k) / s) + 1, in words
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_misread_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
