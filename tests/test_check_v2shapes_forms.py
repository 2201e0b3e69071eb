"""`cnnstat check` on output sizes that English Q&A and course notes state in forms it
left unjudged (issue 19): a map *convolved with* a filter (the map is the input, never a
kernel), one layer set out as labelled lines (``Input: 7x7x4`` / ``Filter: 3x3x4`` or
``16 Filters: 3x3x4`` or ``Conv: 1x1x64 8 filters`` or ``Max pooling size = 2 and
stride = 2`` / ``Output: 5x5x16``), and a table of output-size cases, each row from its
own input (``| W | F | S | P | Output |``); a layer block opened by its place and kind
(``First layer (Conv layer):``) with its settings as symbols (``f1 = 3``, ``s1 = 1``,
``p1 = 0``, a pooling's ``f1p = 2``) and its input stated just above the opener; DLAI's
"same" filters (``32 same filters of 5 x 5``) padded to keep the size; a plain-text
table whose columns dashes part (``conv2d2  - (12-(3-1))=10 -> 32x10x10    - ...``);
LeNet's count@size worked out (``512@1x3x3 = 3072``); a convolution written as an equation
of shapes (``5x5x3 filter * 32x32x3 image = 28x28x1``).

The fixtures (tests/fixtures/notes/v2shapes_forms) are this repository's own, in the form
of such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT


def _found(name: str) -> collections.Counter:
    """What the checker says of a fixture: each claim as (line, kind, verdict)."""
    path = ROOT / "tests/fixtures/notes/v2shapes_forms" / name
    return collections.Counter((c.line, c.kind, c.verdict) for c in check.check_file(path).claims)


EXPECTED = {
    "01_convolved_with.md": [
        (3, "shape", "right"),  # 8 - 3 + 1 = 6
        (4, "shape", "right"),  # 12 - 5 + 1 = 8
        (5, "shape", "wrong"),  # 12 - 5 + 1 = 8, not 9
        (6, "shape", "wrong"),  # floor((20 - 3) / 3) + 1 = 5 + 1 = 6, not 7
        (8, "shape", "right"),  # 10 - 4 + 1 = 7
    ],
    "02_labelled_lists.md": [
        (5, "shape", "right"),  # the filter's depth 4 = the input's 4 channels
        (6, "shape", "right"),  # 7 - 3 + 1 = 5 (one filter: depth 1)
        (10, "shape", "right"),  # depth 4 = 4 channels
        (11, "shape", "right"),  # 7 - 3 + 1 = 5, 16 filters: 16 channels
        (15, "shape", "right"),  # depth 64 = 64 channels
        (16, "shape", "right"),  # a 1x1 conv keeps 9; 8 filters: 8 channels
        (21, "shape", "right"),  # (8 - 2) / 2 + 1 = 4, channels kept (12)
        (25, "shape", "right"),  # depth 3 = 3 channels
        (26, "shape", "wrong"),  # 10 - 5 + 1 = 6 right, but 6 filters give 6 channels, not 3
        (30, "shape", "right"),  # Korean labels: depth 3 = 3 channels
        (31, "shape", "right"),  # 11 - 3 + 1 = 9
        (35, "shape", "right"),  # "32 filters with size 1 x 1 x 128": 14 kept, 32 channels
    ],
    "03_case_tables.md": [
        (3, "formula", "right"),  # the rule above the table
        (7, "shape", "right"),  # (64 - 3 + 2) / 1 + 1 = 64
        (8, "shape", "right"),  # floor((9 - 3) / 2) + 1 = 3 + 1 = 4
        (9, "shape", "right"),  # 11 - 5 + 1 = 7
        (10, "shape", "right"),  # floor(6 / 3) + 1 = 3
        (11, "shape", "wrong"),  # (28 - 5 + 4) + 1 = 28, not 26
        (15, "shape", "right"),  # (16 - 2) / 2 + 1 = 8
        (16, "shape", "right"),  # 100 - 7 + 6 + 1 = 100
        (17, "shape", "wrong"),  # floor((13 - 3 + 2) / 2) + 1 = 6 + 1 = 7, not 8
        (21, "shape", "right"),  # floor(24 / 2) + 1 = 13
        (22, "shape", "right"),  # 56 - 3 + 2 + 1 = 56
        # lines 28-29 and 33-34: channel counts (a header says so, or a row grows): none
    ],
    "04_symbol_blocks.md": [
        (7, "shape", "right"),  # floor((45 - 5) / 2) + 1 = 21, 8 filters
        (10, "shape", "right"),  # pooling 3/2: floor((21 - 3) / 2) + 1 = 10, channels kept
        (14, "shape", "wrong"),  # f[2]=3 s=1 p=1 keeps 10, but 16 filters: 16 channels, not 32
        # line 16: the fully connected layer ends the walk
        (24, "shape", "right"),  # the input above the opener: 30 - 3 + 1 = 28, 6 filters
        (27, "shape", "wrong"),  # (28 - 2) / 2 + 1 = 14, not 13
        (31, "shape", "right"),  # "same" filters keep 20; 16 channels
        (35, "shape", "right"),  # "the same 16 filters" pad nothing: 20 - 3 + 1 = 18
    ],
    "05_column_dashes.md": [  # " - " parts the columns: no operand on either side
        (5, "arithmetic", "right"), (5, "arithmetic", "right"),  # 30 - 2 = 28; 28 * 16 = 448
        (7, "arithmetic", "wrong"),  # 14 - (5 - 1) = 10, not 9
        (7, "arithmetic", "right"),  # (400 + 1) * 8 = 3208
        (8, "arithmetic", "right"),  # (648 + 1) * 64 = 41536 (not 64 minus it)
        (10, "arithmetic", "right"), (10, "arithmetic", "right"),  # a minus in prose: 976
    ],
    "06_at_products.md": [  # count@sides = total: the count times the sides
        (3, "arithmetic", "right"),  # 256 * 1 * 4 * 4 = 4096
        (4, "arithmetic", "right"),  # 6 * 14 * 14 = 6 * 196 = 1176
        # line 5: a word after the total ("values"): not read as the product
        (6, "arithmetic", "wrong"),  # 256 * 36 = 9216, not 9126
        # line 8: "= 6 feature maps" glosses the figure; line 9: acc@5 is no count
    ],
    "07_conv_equations.md": [  # "*" is the convolution: no product of the sides
        (3, "shape", "right"),  # 9 - 3 + 1 = 7, one filter: 1 channel
        (3, "shape", "right"),  # the 3x3x4 kernel as deep as the 9x9x4 input (filterdepth)
        (4, "shape", "right"),  # 10 - 3 + 1 = 8 (the smaller square the kernel)
        (5, "shape", "wrong"),  # 16 - 5 + 1 = 12, not 13 (no stride or padding gives 13)
        # line 6: a depth of 3 may be three filters': not judged as a map; the 5x5x3
        # filter is as deep as the 16x16x3 image (filterdepth)
        (6, "shape", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_v2shapes_form(name):
    assert _found(name) == collections.Counter(EXPECTED[name])
