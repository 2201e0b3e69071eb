"""`cnnstat check` on forms of Q&A threads and issue pages (issue 19): each fixture holds
right lines in a form that drew a false alarm on a correct thread written for the hunt
(tests/fixtures/notes/hostile_correct/kb-*) beside wrong lines the fix must still catch.
Expected values are hand arithmetic (written beside each line), torchvision's docs or the
papers' figures."""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/kb_forms"

EXPECTED = {
    "01_head_chain_counts.md": [
        (3, "params", "right"),  # Linear(128, 10): 128*10 + 10 = 1,290; the model's
        # 94,538 (896 + 18,496 + 73,856 + 1,290) is the whole model's: not the chain's
        (5, "params", "wrong"),  # 1,280 leaves out the 10 biases
        # line 7: ResNet-18 trunk 11,689,512 - 513,000 = 11,176,512, + 512*256 + 256
        # + 256*10 + 10 = 11,310,410: the whole network's, not the chain's: not judged
        (9, "params", "wrong"),  # 100*50 + 50 + 50*2 + 2 = 5,152, not 5,100
        (11, "params", "wrong"),  # 2048*512 + 512 + 512*5 + 5 = 1,051,653; 1,051,136
        # leaves out the biases; "on top of the frozen ResNet-50": not ResNet-50's count
        (13, "params", "right"),
        # line 15: 2,565 for the new layers on top of VGG16: not VGG16's count
        (17, "model", "wrong"),  # ResNet-50 without its fc: 25,557,032 - 2,049,000
        # = 23,508,032 (torchvision), not 35.5M
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kb_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(DIR / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
