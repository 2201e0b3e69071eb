"""`cnnstat check` on forms missed in set-q1/set-q2 (issue 19, helper qd: miss hunter).
Each planted mistake is marked PLANTED with its true value; the correct twins are
``hostile_correct/qd-*.md``.

Mechanisms:
- a network set out as layer calls a line, each followed by arrows and the map it gives
  (``Conv2d(32, 64, 4, stride=2) -> ReLU -> 8x8x64``, a docstring's architecture): each
  line's input is the map of the line above, the first only starts the walk; after a
  wrong line the walk goes on from the layer algebra's map, so a size carried down from
  the wrong one is wrong where the layers give another; ``Flatten -> Linear(n, m)`` is the
  map above flattened (``maps/arrowcalls``);
- a variable given a calculation in numbers with its value in the comment, then a gloss in
  brackets (``x = (1024 + 512 + 256) / 1024  # 1.76 KB (largest buffer)``): read as the
  calculation it is; a gloss that speaks of rounding is not (``codeforms/code.assigned``);
- a total a few lines under a sum that restates the sum's figure where that figure was
  judged wrong (``... = 26,420`` for 26,240, then ``Overall weights: 26,420``) carries the
  error, whatever the total counts; restating a right figure is left to the other readers
  (``arithmetic/carried._restated``; twin ``hostile_correct/qd-03``);
- one layer's fields a line in a docstring with the output before the settings (``Output
  size: 28x28`` over ``Kernel size``, ``Stride``, ``Padding``; ``Input/Output channels``
  passed over): the output is judged when the record ends (a line of another kind with a
  figure, the next input, the docstring's closing quotes), on its own line
  (``maps/fieldlines``, now read in code too; twin ``hostile_correct/qd-04``);
- a comment that states a layer's settings in words over the call that builds it (``#
  3x3 kernel, stride=1, padding=1, 48 filters`` over ``nn.Conv2d(16, 32, 3, 1, 1)``), or
  a darknet row kept as the comment over a TensorFlow port's weights (``#3 conv 32 1 x 1
  / 1 48 x 48 x 16 -> ...`` over ``weight_variable([3,3,16,32])``): right where every
  setting stated is the call's, wrong where one is not (a comment right under another
  layer's line may be that one's: only right there); a comment naming a stage
  (``then``, ``each``, ``block``) or printing a layer (``Conv2d(...)``) is not read
  (``codeforms/settingnote``; twins ``hostile_correct/qd-05``, ``qd-06``);
- a sentence that sets a dataset out with its splits (``MNIST is a collection of 70,000
  digits, 60,000 for training and 10,000 for testing``, in prose or a code comment):
  each figure by the word after it (training, test, images alone) against the standard
  split; a sentence about part of it (``we only use``, ``the first``) is not read
  (``modelfacts/datasetsizes``; twin ``hostile_correct/qd-07``).

Expected values: plain arithmetic in the comments, the sizes checked with torch
(``nn.Conv2d``/``nn.MaxPool2d`` on zeros of the stated input).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qd_forms"

EXPECTED = {
    "01_docstring_layer_listing.md": [
        # line 8: the first call, input 96 unsaid in the list: floor((96-5)/3)+1 = 31, not judged
        (9, "shape", "wrong"),  # PLANTED: floor((31-3)/2)+1 = 15 -> 15x15x32, not 16x16x32
        (10, "shape", "wrong"),  # PLANTED (carried): 15-3+1 = 13 -> 13x13x32, not 14 (14 only from the wrong 16)
        (11, "shape", "wrong"),  # PLANTED (carried): floor(13/2) = 6 -> 6x6x32, not 7x7x32
        (12, "shape", "wrong"),  # PLANTED (carried): 6*6*32 = 1152, not 1568
        # line 17: first call, 47x47x24 not judged
        (19, "shape", "right"),  # floor(47/2) = 23 (arrowcalls)
        (19, "shape", "right"),  # 47 -> 23 (pooling between maps)
        (20, "shape", "right"),  # 23-3+1 = 21, 48 filters
        (21, "shape", "right"),  # 21*21*48 = 21,168 (flatten's length)
        (21, "shape", "right"),  # 21*21*48 = 21,168 (arrowcalls)
    ],
    "02_code_value_with_gloss.md": [
        (5, "arithmetic", "right"),  # 3*3*1*8 + 8 = 80
        (6, "arithmetic", "wrong"),  # PLANTED: 1792/1024 = 1.75, not 1.76
        (7, "arithmetic", "right"),  # 15680/1024 = 15.31
    ],
    "03_total_restates_wrong_sum.md": [
        (4, "params", "right"),  # 3*3*1*8 = 72 weights
        (4, "arithmetic", "right"),
        (7, "params", "right"),  # 3*3*8*16 = 1,152 weights
        (7, "arithmetic", "right"),
        (10, "arithmetic", "wrong"),  # PLANTED: 400*64 + 640 = 26,240, not 26,420
        (12, "arithmetic", "wrong"),  # PLANTED: restates line 10's 26,420 (26,240)
        (15, "arithmetic", "right"),  # 400*128 + 1,280 = 52,480; line 17 restates it: no claim
    ],
    "04_docstring_fields_output_first.md": [
        (7, "shape", "wrong"),  # PLANTED: floor((64 + 2 - 3)/2) + 1 = 32 -> 32x32, not 64x64
        (13, "arithmetic", "right"),  # 3*3*3*16 = 432
        (20, "shape", "right"),  # 32 - 3 + 1 = 30 (no padding written: the default 0 gives it)
        (25, "arithmetic", "right"),  # 3*3*16*32 = 4,608
    ],
    "05_comment_settings_vs_call.md": [
        (7, "shape", "right"),  # comment 5x5, stride 2, padding 2, 16 = Conv2d(3, 16, 5, 2, 2)
        (10, "shape", "wrong"),  # PLANTED: 48 filters, but Conv2d(16, 32, ...) gives 32
        (13, "shape", "wrong"),  # PLANTED: a 3x3 window, but MaxPool2d(kernel_size=2)
        (18, "shape", "wrong"),  # PLANTED: 5x5 kernels, but Conv2D(64, (3, 3))
        (19, "shape", "right"),  # 2x2 = MaxPooling2D(pool_size=2)
    ],
    "06_darknet_rows_over_weights.md": [
        (4, "shape", "right"),  # 8 filters 3x3, input 3 = [3,3,3,8]
        (7, "shape", "right"),  # 2x2/2 pool: 96 -> 48 (shapes in code comments)
        (10, "shape", "right"),  # 48x48x8 -> 48x48x16, 3x3 same (shapes in code comments)
        (10, "shape", "right"),  # 16 filters 3x3, input 8 = [3,3,8,16]
        (13, "shape", "right"),  # 48x48x16 -> 48x48x32 (shapes in code comments)
        (13, "shape", "wrong"),  # PLANTED: the row says 1 x 1, the weights [3,3,16,32] are 3x3
        (16, "shape", "wrong"),  # PLANTED: the row's input has 16 channels, [3,3,32,32] takes 32
    ],
    "07_dataset_splits.md": [
        # Fashion-MNIST (Xiao et al. 2017): 60,000 training + 10,000 test = 70,000
        (4, "model", "right"), (4, "model", "right"),  # 70,000 in all; 60,000 for training
        (4, "model", "wrong"),  # PLANTED: 10,000 test images, not 6,000
        # CIFAR-100 (Krizhevsky 2009): 50,000 training + 10,000 test = 60,000
        (8, "model", "right"), (8, "model", "right"),  # 60000 in all; 10000 test images
        (8, "model", "wrong"),  # PLANTED: 50,000 training images, not 40000
        # line 10: 5,000 images the note uses: a part, not read
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qd_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
