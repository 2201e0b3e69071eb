"""`cnnstat check` on forms found in session r (issue 19).

Mechanisms:
- a dataset's training split stated beside its classes (``MNIST gives us 60,000 training
  images in 10 classes``) is judged by two readers, ``modelfacts/imagecounts`` (the
  images and classes together) and ``modelfacts/datasetsizes`` (the split); both take
  MNIST's figures from the one table ``datasetsizes.SPLITS``, so neither may call the
  other's right figure wrong. A training split of 50,000 is the one Nielsen's *Neural
  Networks and Deep Learning* loads (``mnist.pkl.gz``: 50,000 training, 10,000
  validation, 10,000 test) and is right by that source (``datasetsizes.OTHER_TRAIN``).
- a spaced slash between two equations (``1x1x256x64 = 16,384 / 3x3x64x64 = 36,864``)
  parts a list where the slash opens a calculation of its own and the division does not
  hold: each equation is judged by itself, a slip in one caught there; where the division
  holds it stays one (``16,384 / 4*4 = 16,384``) (``arithmetic/slashes``; the old reading
  called the whole line wrong as one division, 67,108,864).

Expected values: MNIST 60,000 training + 10,000 test images in 10 classes (LeCun et al.
1998); Nielsen, ch. 1, "Implementing our network to classify digits"; the weights by
plain arithmetic (1*1*256*64 = 16,384, 3*3*64*64 = 36,864, 1*1*128*512 = 65,536).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/r_forms"

EXPECTED = {
    "01_mnist_classes_and_split.md": [
        (3, "model", "right"), (3, "model", "right"),  # 60,000 training; 60,000 in 10 classes
        (5, "model", "right"),  # 50,000 training: Nielsen's split
        # PLANTED: 60,000 (or Nielsen's 50,000) training images, not 40,000; the images
        # beside the classes alone may be a subset the note uses: not judged
        (7, "model", "wrong"),
    ],
    "02_slash_between_equations.md": [
        (3, "arithmetic", "right"), (3, "arithmetic", "right"), (3, "arithmetic", "right"),
        (5, "arithmetic", "right"), (5, "arithmetic", "right"),
        (5, "arithmetic", "wrong"),  # PLANTED: 1x1x128x512 = 65,536, not 65,563
        (7, "arithmetic", "right"), (7, "arithmetic", "right"),  # 224/4 = 56; 16384/4*4
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_r_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
