"""`cnnstat check` on forms found in session r (issue 19).

Mechanisms:
- a dataset's training split stated beside its classes (``MNIST gives us 60,000 training
  images in 10 classes``) is judged by two readers, ``modelfacts/imagecounts`` (the
  images and classes together) and ``modelfacts/datasetsizes`` (the split); both take
  MNIST's figures from the one table ``datasetsizes.SPLITS``, so neither may call the
  other's right figure wrong. A training split of 50,000 is the one Nielsen's *Neural
  Networks and Deep Learning* loads (``mnist.pkl.gz``: 50,000 training, 10,000
  validation, 10,000 test) and is right by that source (``datasetsizes.OTHER_TRAIN``).

Expected values: MNIST 60,000 training + 10,000 test images in 10 classes (LeCun et al.
1998); Nielsen, ch. 1, "Implementing our network to classify digits".
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
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_r_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
