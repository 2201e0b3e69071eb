"""`cnnstat check` on the model-fact mistakes of survey posts, interview-prep notes and
comparison lists about well-known CNNs (issue 19, helper lf, a miss hunter): each fixture
holds planted mistakes beside correct twins, so a fix that silences a reader shows as
surely as a miss. Correct passages in the same style are in ``hostile_correct/lf-*.md``.

- a part's figure after the figure: ``124M parameters in its three FC layers alone`` is
  the FC layers' (summed over the spec's linear layers), not the network's;
- a cost ``per image`` / ``per forward pass`` is the whole network's (``per`` alone is a
  part's: ``per block``);
- a network named after ``the same as`` / ``comparable to`` is named for comparison: the
  figure is the subject's (an unknown Xception's), never the compared Inception V3's.

Expected values come from the papers' tables and torchvision's model docs (the weights'
``num_params`` and ``GFLOPS``, which count multiply-adds), or plain arithmetic, beside
each line.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/lf_forms"

EXPECTED = {
    "01_whole_or_part.md": [
        # VGG16's classifier: 25088*4096+4096 + 4096*4096+4096 + 4096*1000+1000
        # = 102,764,544 + 16,781,312 + 4,097,000 = 123,642,856 ~ 124M
        (3, "model", "right"),  # 3 FC layers (13 conv + 3 FC)
        (3, "model", "right"),  # 124M in the FC layers
        (5, "model", "right"),  # 3 FC layers
        (5, "model", "wrong"),  # PLANTED: 110M, true 123.6M in the FC layers
        # AlexNet (torchvision): 9216*4096+4096 + 4096*4096+4096 + 4,097,000 = 58,631,144
        (7, "model", "right"),
        (9, "model", "right"),  # torchvision ResNet50_Weights: GFLOPS 4.09 (MACs)
        (11, "model", "wrong"),  # PLANTED: 24 GFLOPs, true 4.09 G MACs (8.2 G FLOPs)
        (13, "model", "right"),  # torchvision VGG19_Weights: GFLOPS 19.63
        # line 15: a block's cost, not the network's: not judged
        # lines 17, 19: Xception (22.9M, Chollet 2017 Table 3: 22,855,952) is no bundled
        # spec; Inception V3 is named for comparison: not judged
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lf_form(name):
    from cnnstat.notes.check import check_file

    got = Counter((c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims)
    assert got == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DIR.glob("*.md")) == sorted(EXPECTED)
