"""`cnnstat check` on output sizes told in prose and tables, lecture-transcript style (issue
19, helper pb: judged hunter). Wrong lines beside right ones; the correct twins are
``hostile_correct/pb-*.md``.

Mechanisms:
- a layer table's row that keeps the size (batch norm, LRN, ReLU, dropout) with its output
  cell blank or dashed passes the map above it on, so the pooling under it is judged
  (``layersizes``);
- ``H by W by C``: the depth written with ``by`` too, so a map or a filter's volume keeps
  its channels (``shapeitems._PRODUCT``);
- what a map is convolved with is its kernel (``a 9x9x3 volume ... convolve with a 3x3x3``),
  unless a word names it a map; ``convolve`` after a product is no kernel word for it
  (``shapeitems._CONVOLVED_WITH``);
- ``a filter size that's 5 x 5`` names a kernel (``shapeitems._KERNEL_BEFORE``);
- the same kernel said again with its depth (``a 7 by 7 filter, remember, a 7 by 7 filter
  is really 7 by 7 by 32``) is one layer, not a chain of three (``shapeitems._restated``);
- two sizes joined by ``now becomes``, ``map shrinks to``, ``turns into`` are a step
  (``steps._JOIN``), also on a line that writes a map's depth elsewhere.

Expected values: plain arithmetic, floor((n + 2p - k)/s) + 1, in the comments.
"""

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/pb_forms"

EXPECTED = {
    "01_transcript_walk.md": [
        (8, "shape", "right"),  # floor((64 - 7)/2) + 1 = 29
        (10, "shape", "right"),  # past Batch Norm: floor((29 - 3)/2) + 1 = 14
        (11, "shape", "right"),  # (14 + 2 - 3)/1 + 1 = 14
        (13, "shape", "wrong"),  # past Dropout: 14/2 = 7 (8 with a padding of 1), never 6
        (17, "shape", "right"),  # 9 - 3 + 1 = 7
        (19, "shape", "right"),  # 30/2 = 15
        (21, "shape", "wrong"),  # 18/2 = 9 (10 padded), never 8
        (23, "shape", "right"),  # 20 - 5 + 1 = 16
        (25, "shape", "right"),  # 7 - 7 + 1 = 1
        (27, "shape", "right"),  # 6 - 5 + 1 = 2
    ],
}

NAMES = sorted(set(EXPECTED) | {p.name for p in DIR.glob("*.md")})


@pytest.mark.parametrize("name", NAMES)
def test_pb_form(name):
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims]
    assert sorted(verdicts) == sorted(EXPECTED.get(name, []))


def test_pb_twins_hold_no_mistake():
    from cnnstat.notes.check import check_file

    for path in sorted((ROOT / "tests/fixtures/notes/hostile_correct").glob("pb-*.md")):
        res = check_file(path)
        assert not res.wrong, (path.name, res.wrong)
        assert len(res.claims) >= 5, path.name
