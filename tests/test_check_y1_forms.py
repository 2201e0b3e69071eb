"""`cnnstat check` on the false-alarm mechanisms of the dev set set-y1 (issue 19, at
b4642f0), each in the form that drew it and others of the same class, with a wrong line
beside the right ones where the reader should still catch one:

- a kernel written in math with its word after the closing ``$`` (``$5\\times5$ conv``) is a
  kernel, not a map (it was a map the example's ``1x1 conv`` "gave"); a kernel with its
  settings before its word (``$1\\times1, s=1$ 필터 32개``) is a kernel; lines whose products
  are written with ``\\times`` alone are read at all; a map the line writes already padded
  (``p=1이면 6x6이 8x8이 되고, 3x3 필터를 쓰면 6x6``) has its padding spent;
- a count of FC or conv layers over ten times the network's own (``FC-1: 4096 fully
  connected layers``) is a layer's width, not a count of layers: unsure;
- a parameter rule with the kernel's side three times (``C_out x C_in x K x K x K``) is a
  3D conv's count: right where a 3D convolution is named, unsure elsewhere.

The fixtures (tests/fixtures/notes/y1_forms) are in this repository's own words; the
expected (line, kind, verdict) multisets are worked out by hand beside each.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/y1_forms"

EXPECTED = {
    "01_kernel_after_math.md": [
        (3, "shape", "right"),  # 1x1, s=1 on 14x14: 14 - 1 + 1 = 14
        (5, "shape", "right"),  # 1x1, stride 1 on 56x56: 56
        (7, "shape", "right"),  # 32 - 5 + 1 = 28
        (9, "shape", "right"),  # the padded 14x14 written: 14 - 5 + 1 = 10
        (11, "shape", "right"),  # the padded 14x14 written: 14 - 3 + 1 = 12
        (13, "shape", "wrong"),  # 20 - 3 + 1 = 18, not 19
    ],
    "02_widths_after_layer_names.md": [
        # lines 3-6: 4096, 4096, 1000 units and 96 filters, not counts of layers: unsure
        (8, "model", "right"),  # AlexNet: FC6, FC7, FC8
        (10, "model", "wrong"),  # 3, not 5
        # line 14: VGG16's fc2 has 4096 units: unsure
    ],
    "03_cube_kernels.md": [
        (4, "formula", "right"),  # a 3D conv's weights: C_out * C_in * K^3
        (5, "formula", "right"),  # with one bias a filter
        (7, "formula", "right"),  # Conv3d named on the line
        (10, "formula", "right"),  # the 2D count
        (11, "formula", "wrong"),  # C_in*K + K: no count of a conv
        # line 17: K three times with no 3D conv named: unsure
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_y1_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
