"""`cnnstat check` on forms that drew a "wrong" on a right line of set-w (issue 19), each
fixed at its mechanism, in this repository's own words, with variants of the form.

- a setting's value signed before its word, a layer list's shorthand (``Max pool w/ 3x3
  kernel +2 stride: 27x27x96``): the number after the word is the output map's first side,
  never the stride or padding; a map's first side after a setting word is no value of it
  unless it is the value squared, one digit (``stride 2x2``) (``reading/settings``:
  ``SIGNED_BEFORE``, ``value_after``; read by ``maps/walkthrough`` and ``maps/pooled``).
- an output-size rule written as the map it gives, its sides joined by ``x`` without
  brackets (``the output is n-f+1 x n-f+1``, ``H-K+1 × W-K+1``): one side by the other,
  never ``1·n`` by precedence (``rules/mapsides``); prose whose last word is the rule's
  first operand (``the output size is n + 2*p - f + 1``) gives the rule that operand
  (``rules/ruleruns``).
- a breakdown of a network made after a named one (``an example inspired by LeNet-5``,
  ``based on``, ``modelled after``, ``LeNet-5를 참고한``) is no breakdown of the named one
  (``modelfacts/factjudge.variant``); nor, without such words, is one whose first figure
  disagreed before any agreed: a row that agrees later (``10x10x16``, as LeNet-5's C3,
  with other channels in) does not make its other figures the named network's slips
  (``modelfacts/breakdown``).
- a named network's parameter count in a note that trains it on a dataset of other classes
  (CIFAR-10, CIFAR-100, MNIST, SVHN, Tiny ImageNet; named on the line or above) is also
  read with its classifier rebuilt for those classes (``modelfacts/heads``).
- (a set-w miss) a byte size with a capital scale and a lower-case ``b`` glued to a result
  (``=228Mb``, ``=2.25Kb``) is a byte size as ``MB`` is, not part of a word
  (``reading/numerals``): the calculation before it is judged.
- (set-w misses) a parameter count in a comment line right under the layer's call, PyTorch
  ``BatchNorm1d/2d/3d`` among the calls (a scale and a shift a channel where affine): the
  layer's; where the next line builds another layer with parameters, the comment may be
  that one's, written above it, and is wrong only where it is neither's
  (``paramcounts/layercomment``).

Head counts: torchvision's totals (resnet18 11,689,512, resnet50 25,557,032, vgg16
138,357,544) less the 1000-class layer ((512 + 1)*1000, (2048 + 1)*1000, (4096 + 1)*1000)
plus the same layer for the dataset's classes.

The expected verdicts are worked by hand beside each line: floor((n + 2p - k)/s) + 1.
"""

from collections import Counter

import pytest

from cnnstat.notes.check import check_text
from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "falsealarm_forms"

EXPECTED = {
    "01_signed_settings.md": [
        (4, "shape", "right"),  # (64 + 4 - 5)/1 + 1 = 64, 32 filters
        (5, "shape", "right"),  # (64 - 2)/2 + 1 = 32, channels kept
        (6, "shape", "right"),  # (32 + 2 - 3)/1 + 1 = 32
        (7, "shape", "right"),  # floor((32 - 3)/2) + 1 = 15
        (8, "shape", "right"),  # (15 + 0 - 3)/1 + 1 = 13
        (9, "shape", "wrong"),  # floor((13 - 3)/2) + 1 = 6, not 5 (no padding gives 5)
        (14, "shape", "right"),  # floor((96 + 6 - 7)/2) + 1 = 48
        (15, "shape", "right"),  # floor((48 - 3)/2) + 1 = 23
        (16, "shape", "right"),  # (23 + 2 - 3)/1 + 1 = 23
        (21, "shape", "right"),  # a 2x2 pool, its stride unstated: the window's 2, 40 -> 20
        (22, "shape", "right"),  # (20 + 2 - 3)/1 + 1 = 20
        (23, "shape", "right"),  # floor((20 - 3)/2) + 1 = 9
        # line 24: a pad with no value; 9 -> 9 needs padding 1 (unsure), never a pad of 9
    ],
    "02_rule_as_a_map.md": [
        (3, "formula", "right"),  # n - f + 1 each side: a valid conv
        (5, "formula", "right"),  # H - K + 1 by W - K + 1
        (7, "formula", "right"),  # n + 2p - f + 1 at stride 1
        (9, "formula", "right"),  # (n + 2p - f)/s + 1 each side
        (11, "formula", "right"),  # (n - f + 1) each side, in brackets
        (13, "formula", "right"),  # the same in Korean
        (15, "formula", "wrong"),  # n - f + 2: one too many (n = 5, f = 3 gives 3, not 4)
        (17, "formula", "right"),  # one side: n + 2p - f + 1
    ],
    "03_breakdown_of_a_variant.md": [
        # lines 7-10: a net inspired by LeNet-5, not judged against it
        (17, "model", "right"),  # a pooling: no parameters
        (18, "model", "right"),  # 10x10x16, as LeNet-5's C3 (its 4016 = (5*5*10+1)*16 not
        # judged against LeNet-5: the C1 row above disagreed first)
        (26, "params", "right"),  # (5*5*12 + 1)*16 = 4816
        (32, "model", "right"), (32, "model", "right"),  # C1: 28x28x6, (5*5*1 + 1)*6 = 156
        (33, "model", "right"), (33, "model", "right"),  # S2: 14x14x6, 6*(1 + 1) = 12
        (34, "model", "right"),  # C3: 10x10x16
        (34, "model", "right"),  # 2416 = (5*5*6 + 1)*16, C3 fully connected
        (35, "model", "right"), (35, "model", "right"),  # S4: 5x5x16, 16*(1 + 1) = 32
        (36, "model", "right"),  # C5: 1x1x120
        (36, "model", "wrong"),  # (5*5*16 + 1)*120 = 48120, not 48000
    ],
    "04_head_of_the_dataset.md": [
        (5, "model", "right"),  # 11,689,512 - 513,000 + 5,130 = 11,181,642
        (7, "model", "right"),  # 25,557,032 - 2,049,000 + 20,490 = 23,528,522
        (11, "model", "right"),  # 138,357,544 - 4,097,000 + 409,700 = 134,670,244
        (13, "model", "wrong"),  # 21.5M: neither 25.56M nor 23.71M (100) nor 23.53M (10)
        (19, "model", "right"),  # MNIST's 10 classes: 23,528,522, about 2350만
    ],
    "05_glued_lower_b.md": [
        (3, "arithmetic", "right"),  # 240,000,000 / 1,048,576 = 228.88
        (5, "arithmetic", "right"),  # 120,000,000 / 1,048,576 = 114.44
        (7, "arithmetic", "wrong"),  # 2,400,000 / 1,048,576 = 2.29, not 228
        (9, "arithmetic", "right"),  # 2304 / 1024 = 2.25
        (11, "arithmetic", "right"),  # 5,000,000,000 / 1,073,741,824 = 4.657
    ],
    "06_count_under_its_layer.md": [
        (8, "arithmetic", "right"), (8, "params", "right"),  # (3*3*1 + 1)*16 = 160
        (10, "params", "wrong"),  # BatchNorm2d(16): 2*16 = 32, not 16
        # line 12: 64 is not conv2's (16*9*32 + 32 = 4640) but bn2's below it (2*32 = 64):
        # a count between two layers is right for the one it fits
        (12, "params", "right"),
        (15, "params", "right"),  # BatchNorm1d(64, affine=False): nothing to learn
        (17, "params", "wrong"),  # BatchNorm1d(10): 20 (nor is it fc's 1290 below it)
        (19, "params", "right"),  # Linear(128, 10): 128*10 + 10 = 1290
        (21, "params", "wrong"),  # Linear(10, 2): 10*2 + 2 = 22, not 300
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_false_alarm_forms(name):
    claims, _ = check_text((FORMS / name).read_text(encoding="utf-8"))
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_the_fixtures_are_all_tested():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
