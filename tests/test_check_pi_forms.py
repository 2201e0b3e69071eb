"""Forms the integrator met on real notes (session p), in the project's own words: each
file's exact multiset of (line, kind, verdict).

- ``01``: a count of values after a volume is the volume's only in the volume's sentence,
  or in the next one when that one points back to it (``These 3,316 values``, ``이 800개의
  값``); a count in another sentence (``Then, all 64 neurons along one depth column``) is
  another thing's (``maps/valuecount``).
- ``02``: maps of one height and width added (``56x56x64 + 56x56x64 = 56x56x64``) are a
  residual's element-wise sum or a concatenation, not counts: right where the result is
  the same map or the depths added, wrong where neither (``arithmetic/mapsides``).
- ``03``: a figure after a pronoun, the line naming two networks, is the subject's only
  where it fits the subject or fits none (``modelfacts/several``).
"""

from pathlib import Path

import pytest

from tests.conftest import form_names, form_verdicts

DIR = Path(__file__).parent / "fixtures" / "notes" / "pi_forms"

EXPECTED = {
    "01_value_counts_sentences.md": [
        # line 3: the 64 neurons are a depth column's, not the 5x5x3 patch's 75 values
        (5, "shape", "wrong"),  # 7*7*64 = 3,136, not 3,316
        (7, "shape", "right"),  # 6*6*256 = 9,216
        (9, "shape", "right"),  # 4*4*50 = 800
    ],
    "02_maps_joined.md": [
        (3, "arithmetic", "right"),  # equal maps summed element-wise keep 28x28x128
        (5, "arithmetic", "right"),  # 96 + 160 = 256 channels stacked
        (7, "arithmetic", "wrong"),  # 512 + 512 = 1024 stacked, 512 added; 2048 neither
    ],
    "03_pronoun_two_networks.md": [
        # line 3: 13 conv layers is VGG16's (configuration D, Simonyan & Zisserman 2015,
        # Table 1), VGG-19 has 16: "it" may be VGG16, unsure
        (5, "model", "wrong"),  # 10 conv layers: neither VGG16 (13) nor VGG-19 (16)
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pi_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
