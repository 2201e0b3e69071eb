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
  (``steps._JOIN``), also on a line that writes a map's depth elsewhere;
- a count of filters and the map they give on one line (``if you use 6 filters would be
  28 x 28 x 6``, ``2개의 필터 ... 4x4x2를 얻게 된다``): the channels are the count
  (``maps/filtercount``), unsure where the line may speak of another layer;
- a pooling with no window from a map to ``1 x 1`` (``average pool ... from a 7x7x1024
  volume to a 1x1x1024 volume``) is global and keeps the channels (``maps/globalpool``);
- one layer's fields a line (``Input volume: 6x6x3`` / ``* Filter size = 3x3x3`` / ``*
  Number of filter = 5`` / ``* Output = 4x4x5``; ``입력:``, ``필터 크기:``, ``출력:``): the
  output by the layer algebra and the filters' count (``maps/fieldlines``);
- a size a line's kernels alone do not give, where its words name a pooling with no window
  (``an average pool and a 1x1 conv take 7x7x832 to 1x1x128``), is unsure (``shapes``;
  twin ``hostile_correct/pb-03``);
- a concatenation's channels: ``28 × 28 × 256 (64 + 128 + 32 + 32)`` and ``A ⊕ B ⊕ C = D``
  add up (``maps/concat``).

Expected values: plain arithmetic, floor((n + 2p - k)/s) + 1, in the comments; a conv's
output channels are its filters (torch.nn.Conv2d: out_channels), a pooling's its input's.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

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
    "02_filter_count.md": [
        # line 3: 16 filters, then a 1x1 conv: the 8 channels may be the 1x1's (unsure)
        (5, "shape", "right"),  # 12 filters give 12 channels
        (7, "shape", "wrong"),  # 24 filters give 24 channels, not 20
        (9, "shape", "right"),  # twenty filters: 20 channels
        (11, "shape", "right"),  # 3개의 필터: 3 channels
        (13, "shape", "wrong"),  # 필터 7개: 7 channels, not 9
    ],
    "03_global_pool.md": [
        (3, "shape", "right"),  # a global pool keeps the 640 channels: 1x1x640
        (5, "shape", "wrong"),  # 6x6x256 pooled keeps 256 channels, not 128
        (7, "shape", "right"),  # 1x1x2,048
        (9, "shape", "wrong"),  # 7x7x512 → 1x1x512, not 256
    ],
    "04_field_lines.md": [
        (11, "shape", "right"),  # 10 - 3 + 1 = 8, 8 filters: 8x8x8
        (19, "shape", "wrong"),  # 32 - 5 + 1 = 28 at stride 1; no padding gives 27 (28 + 2p)
        (28, "shape", "wrong"),  # (15 - 3)/2 + 1 = 7, but 32 filters give 32 channels, not 16
        (36, "shape", "wrong"),  # 12 - 5 + 1 = 8; 8 + 2p is even and a stride of 2+ gives 4 or less: never 9
    ],
    "05_concat.md": [
        (3, "shape", "right"),  # 192 + 208 + 48 + 64 = 512
        (5, "shape", "wrong"),  # 160 + 224 + 64 + 64 = 512, not 524
        (7, "shape", "right"),  # 384 + 384 + 128 + 128 = 1024
        (9, "shape", "wrong"),  # 256 + 320 + 128 + 128 = 832, not 842
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))


def test_pb_twins_hold_no_mistake():
    from cnnstat.notes.check import check_file

    for path in sorted((ROOT / "tests/fixtures/notes/hostile_correct").glob("pb-*.md")):
        res = check_file(path)
        assert not res.wrong, (path.name, res.wrong)
        assert len(res.claims) >= 4, path.name
