"""Rows a layer table leaves out: a table may list a network's layers with some of them
dropped, ``conv2_2 | pool2 | conv3_3 | pool3`` (VGG16's conv3_1 and conv3_2 not shown), or
with a row of dots (``⋮``, ``...``, ``중략``). The rows after the gap do not go on from the
row above it, so the true chain (receptive fields, jumps, counts) ends there: the row is
a gap, never a layer whose figures are judged from the row above.

A row's name shows the gap where the table numbers its layers: names of one pattern
(``conv#_#``, ``block#_conv#``, ``layer#``) step by one (``conv3_2`` after ``conv3_1``,
``conv4_1`` after ``conv3_3``); a name whose number skips is a gap. Pooling rows are
numbered by the stage they close (AlexNet's ``pool2`` then ``pool5``), so only their
double numbers are read, and a table may number every row in one count (LeNet's ``C1``,
``S2``, ``C3``). A table whose first named row is a later layer (``conv2_1``, ``layer3``;
a pooling row aside) leaves the rows above it out: it too is a gap.
"""

from __future__ import annotations

import re

from cnnstat.notes.layerforms.layercols import clean

_ELIDED = re.compile(r"^\W*(?:\.{2,}|…|⋮|⋯|︙|중략|생략|omitted|etc)\W*$", re.I)
_NAME = re.compile(r"^[A-Za-z가-힣_\- ]{0,12}\d{1,2}(?:[_.\-]?[A-Za-z가-힣]{0,8}\d{1,2})?"
                   r"[A-Za-z]{0,2}$")
_SUMMARY = re.compile(r"^[A-Za-z][A-Za-z0-9]*-\d+$")
_INPUT = re.compile(r"^(?:input|image|data|입력|이미지)\b", re.I)
_POOL = re.compile(r"pool|풀링|^s\d|^p\d", re.I)


class Numbering:
    """The names of a table's rows, read top down."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, ...]] = {}
        self.single = -1  # the number of the last row named with one number
        self.rows = 0  # the rows read that are not the input's

    def skips(self, name: str) -> bool:
        """Whether the row named ``name`` comes after rows the table left out."""
        name = clean(name).strip()
        first, self.rows = not self.rows, self.rows + (not _INPUT.match(name))
        if not _NAME.match(name) or not re.search(r"[A-Za-z가-힣]", name) or \
                _SUMMARY.match(name):  # torchsummary's "Conv2d-1, ReLU-2": a printed count
            return False
        nums = tuple(int(n) for n in re.findall(r"\d+", name))
        key = re.sub(r"\d+", "#", name.lower())
        prev = self.last.get(key)
        self.last[key] = nums
        single, self.single = self.single, nums[0] if len(nums) == 1 else self.single
        if first and not _POOL.search(name) and (nums[0] >= 2 or nums[1:2] >= (2,)):
            return True  # the first row named is a later layer ("conv2_1"): rows above left out
        if prev is None or (len(nums) == 1 and _POOL.search(name)):
            return False
        if len(nums) == 1:  # LeNet's "C1, S2, C3": one count over every kind of row
            return nums[0] not in (prev[0] + 1, single + 1)
        return nums not in ((prev[0], prev[1] + 1), (prev[0] + 1, 1))


def elided(cells) -> bool:
    """A row of dots, every cell dots or empty (``| ⋮ | ⋮ | ⋮ |``, ``| ... | | |``): rows
    left out. (A row that only opens with dots, ``.. 3x3x32x64  RF of 24x24``, goes on.)"""
    texts = [clean(c).strip() for c, *_ in cells]
    return any(texts) and all(not t or _ELIDED.match(t) for t in texts)
