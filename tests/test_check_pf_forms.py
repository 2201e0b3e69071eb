"""`cnnstat check` on forms met in Korean study notes (issue 19, helper pf: miss hunter
on set-p3). Correct twins: ``hostile_correct/pf-*.md``.

Mechanisms:
- a count of values, numbers or neurons told right after a volume and linked to it (``이
  320개의 값``, ``these 1,152 values``, ``i.e. 250 numbers``, ``holds 12,288 pixel
  values``) is the volume's flatten (``maps/valuecount``);
- a Keras comment whose output word opens the bracket (``# (출력 N,9,9,4)``, ``#
  (output: None, 10, 10, 8)``) is the layer's output shape (``codeforms/kerasprose.SHAPE``).

Expected values: plain arithmetic in the comments (conv output = (n + 2p - k)/s + 1).
"""

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/pf_forms"

EXPECTED = {
    "01_volume_values.md": [
        (5, "shape", "right"),  # 4*4*20 = 320
        (7, "shape", "wrong"),  # 5*5*12 = 300, not 250
        (11, "shape", "right"),  # 6*6*32 = 1,152
        (13, "shape", "wrong"),  # 2*2*50 = 200, not 250
        (15, "shape", "right"),  # 64*64*3 = 12,288
        (17, "shape", "wrong"),  # 48*48*3 = 6,912, not 6,921
    ],
    "02_keras_comment_label.md": [
        (5, "shape", "right"),  # 'same', stride 1: 12x12 kept, 5 filters -> (N, 12, 12, 5)
        (6, "shape", "right"),  # valid 3x3: 12 - 3 + 1 = 10, 8 filters -> (None, 10, 10, 8)
        (8, "shape", "wrong"),  # 'same' 2x2 on 10x10 keeps 10x10 -> (N, 10, 10, 4), not 9x9
    ],
}

NAMES = sorted(set(EXPECTED) | {p.name for p in DIR.glob("*.md")})


@pytest.mark.parametrize("name", NAMES)
def test_pf_form(name):
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims]
    assert sorted(verdicts) == sorted(EXPECTED.get(name, []))
