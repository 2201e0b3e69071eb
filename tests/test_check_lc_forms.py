"""`cnnstat check` on forms that drew false alarms from correct notebooks exported to
markdown (Jupyter, Colab, Kaggle: pasted reprs, shapes, summaries and logs; issue 19,
helper lc). Each fixture holds right lines in the form and a wrong line beside them, so a
fix that silences the reader shows. The correct notebooks are in ``hostile_correct/lc-*.md``.

- a part of a network the whole is counted *with* ("the full thing with the 3 FC layers is
  ~138M", "Including the FC layers, VGG-16 has 138M", "FC층을 포함하면 약 1억 3800만 개")
  is no subject of the figure: the figure is the whole network's; a participle after the
  part ("with the FC layers holding 124M") keeps the part the subject, and a part's own
  figure ("VGG16's FC layers hold 138M") is still judged against the part.

Expected values: VGG16 138,357,544 params, its three FC layers 25088*4096 + 4096 +
4096*4096 + 4096 + 4096*1000 + 1000 = 123,642,856; AlexNet (torchvision) 61,100,840, its
FC layers 9216*4096 + 4096 + 4096*4096 + 4096 + 4096*1000 + 1000 = 58,631,144.
"""

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/lc_forms"

EXPECTED = {
    "01_whole_with_part.md": [
        (3, "model", "right"),  # VGG16's three FC layers
        (3, "model", "right"),  # 138M: the whole with its FC layers
        (5, "model", "right"),  # 138M: including the FC layers, the whole
        # line 7 (FC층을 포함하면 1억 3800만): the whole's, no part's figure; not judged
        (9, "model", "right"),  # AlexNet counting its FC layers: 61M
        (11, "model", "wrong"),  # the FC layers' own count is ~124M, not 138M
        (13, "model", "right"),  # the FC layers holding 124M (123.6M)
        (13, "model", "right"),  # VGG16 138M
        (15, "model", "wrong"),  # FC layers holding 14.7M: that is the rest (14,714,688)
        (15, "model", "right"),  # VGG16 138M
        (17, "model", "wrong"),  # AlexNet's FC layers ~58.6M, not 61M
    ],
}

# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = sorted(set(EXPECTED) | {p.name for p in DIR.glob("*.md")})


@pytest.mark.parametrize("name", NAMES)
def test_lc_form(name):
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims]
    assert sorted(verdicts) == sorted(EXPECTED.get(name, []))
