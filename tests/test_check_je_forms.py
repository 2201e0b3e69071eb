"""`cnnstat check` on forms of Korean course notes (issue 19, set-y4's second half):

- a rule in letters on a bulleted line with no figure (``\t\t- $C_{in} \\times C_{out} +
  C_{out}(\\text{Bias})$``): its list marker is blanked as any line's is, never read as a
  minus before the rule;
- a count of layers read through the section's heading, on a numbered step past the first
  of a walkthrough (``5. 3개의 합성곱층``, ``3) Three convolutional layers follow``), fewer
  than the network has: the step's layers, unsure, never the network's count.

The fixtures (tests/fixtures/notes/je_forms) are this repository's own, in the form of
such notes only; each (line, kind, verdict) expected is worked by hand beside it, and a
claim not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/je_forms"

EXPECTED = {
    "01_bulleted_rules.md": [
        (5, "formula", "right"),  # C_i*C_o + C_o = (C_i + 1)*C_o, a dense layer's count
        (6, "arithmetic", "right"),  # 2048*512 = 1,048,576, + 512 = 1,049,088
        (9, "formula", "right"),  # K*K*C_in*C_out + C_out = (K*K*C_in + 1)*C_out
        (10, "arithmetic", "right"),  # 3*3*16*32 = 4,608, + 32 = 4,640
        (12, "formula", "wrong"),  # K*K*C_in + C_out: 3x3, 5 -> 7 gives 52, not 322
    ],
    "02_walkthrough_step_counts.md": [
        # line 10: step 5, three of AlexNet's five convs: unsure
        (12, "model", "right"),  # three FC layers: AlexNet has 3
        (16, "model", "right"), (16, "model", "right"), (16, "model", "right"),  # conv1: 96, 11x11
        (17, "model", "right"), (17, "model", "right"), (17, "model", "right"),  # conv2: 256, 5x5
        # line 18: step 3, "Three convolutional layers": unsure
        (22, "model", "wrong"),  # an unnumbered summary item: AlexNet has 5 convs, not 4
        (22, "model", "right"),  # and 3 FC layers
        (23, "model", "wrong"),  # the line names AlexNet: 5 convs, not 4
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
