"""`cnnstat check` on facts and costs stated in prose (issue 19): one figure written
twice in two notations (``notes/arithmetic/restated.py``); a network's pooling window and
stride (``modelfacts/poolsettings.py``) and its paper's training settings
(``modelfacts/training.py``) under its heading; a ratio stated after the line's own last
calculation, of its result and those above, in numbers or in one symbol's coefficients
(``ratioabove.check_tail``); a rate of one count per another (``arithmetic/rates.py``).

The fixtures under tests/fixtures/notes/prosefacts_forms were written for this repository
in its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prosefacts_forms"

EXPECTED = {
    "01_two_notations.md": [
        (3, "arithmetic", "right"),  # 18억 1400만 = 1,814,000,000 = 1.81G (약)
        (4, "arithmetic", "wrong"),  # 2억 460만 = 204.6M, not 246M
        (5, "arithmetic", "right"),  # 12,450,000 = 12.45M
        (6, "arithmetic", "wrong"),  # 4,800,000 = 4.8M, not 48M
        (7, "arithmetic", "right"),  # 1.7M = 170만
        (8, "arithmetic", "wrong"),  # 2.2M = 220만, not 22만
        (9, "arithmetic", "right"),  # 35 million = 35M
    ],
    "02_paper_settings.md": [
        # AlexNet: Krizhevsky et al. 2012 Sec. 5 (batch 128, momentum 0.9, weight decay
        # 0.0005, learning rate 0.01), Sec. 4.2 (dropout 0.5), Sec. 3.4 (pooling z=3, s=2)
        (5, "model", "right"), (5, "model", "right"),  # momentum 0.9, batch 128
        (6, "model", "wrong"),  # weight decay 0.005: the paper's is 0.0005
        (7, "model", "right"),  # dropout 0.5
        # line 8: a fine-tuning run's own learning rate: not the paper's
        (9, "model", "right"),  # 3x3 window, stride 2
        (10, "model", "wrong"),  # window 2, stride 3: swapped
        # ResNet: He et al. 2016 Sec. 3.4 (ImageNet: batch 256, lr 0.1, wd 1e-4, momentum
        # 0.9) and Sec. 4.2 (CIFAR-10: batch 128)
        (14, "model", "right"), (14, "model", "right"),  # 1e-4 = 0.0001, momentum 0.9
        (15, "model", "wrong"),  # mini-batch 512: 256 (or 128 on CIFAR)
        # line 16: a learning rate that changes: not judged
        # GoogLeNet: Szegedy et al. 2015 Sec. 5 (dropout 40% main, 70% auxiliary),
        # Sec. 6 (momentum 0.9)
        (20, "model", "right"),  # dropout 0.7 before the auxiliary classifiers
        (21, "model", "wrong"),  # momentum 0.8, not 0.9
        (25, "model", "right"),  # VGG max pooling 2x2, stride 2 (Simonyan & Zisserman Sec. 2.1)
        (27, "model", "wrong"),  # LeNet-5 subsamples 2x2 at stride 2 (LeCun et al. 1998)
    ],
    "03_ratio_after_calc.md": [
        (3, "arithmetic", "right"),  # 3*3*3*32 = 864
        (4, "arithmetic", "right"), (4, "arithmetic", "right"),  # 27 + 96 = 123
        (4, "ratio", "right"),  # 864 / 123 = 7.02: roughly 7 times fewer
        (11, "arithmetic", "right"),  # 9*16*64 = 9216
        (12, "arithmetic", "right"),  # 144 + 1024 = 1168
        (12, "ratio", "wrong"),  # 9216 / 1168 = 7.9, not about 20
        (16, "symbolic", "right"), (17, "symbolic", "right"),  # 18C^2, 25C^2
        (17, "ratio", "right"),  # 1 - 18/25 = 28% saved
        (23, "symbolic", "right"), (24, "symbolic", "right"),  # 27C^2, 49C^2
        (24, "ratio", "right"),  # 49/27 - 1 = 81.5% more
        (31, "symbolic", "right"), (32, "symbolic", "right"),  # 27C^2, 49C^2
        (32, "ratio", "wrong"),  # 1 - 27/49 = 45% fewer (55% left), not 80% fewer
    ],
    "04_count_per_count.md": [
        (4, "arithmetic", "right"),  # 1,200,000 / 60,000 = 20 parameters per image
        (7, "arithmetic", "wrong"),  # 50,000 / 36,000,000 = 0.0014 images per weight
        (9, "arithmetic", "right"),  # 600,000 / 300,000 = 2 samples per parameter
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prosefacts_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
