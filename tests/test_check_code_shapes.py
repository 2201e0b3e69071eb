"""`cnnstat check` on shapes written in code and its comments (issue 19): a Keras call
whose arguments go on over several lines, read once it closes, with the model's input
stated on the line that starts the model or opens the call; a PyTorch module's shapes
in comments (``torchchain``): beside the layers of an ``nn.Sequential``, its input on the
line that opens it, the flattened size of a later ``nn.Linear``, and in ``forward()``;
comments that give each block's input and output (``commentchain``); layers applied one
inside another (``pool(down(x))``, ``torchcode``); a ConvNetJS net's volumes
(``convnetjs``); shapes in a run of comments under a Keras layer, and a Keras model kept
in comments above the one that runs (``kerascode``); an output-size formula beside the
layer it works out (``layerformula``); a C ``#define`` and the calculation its comment
gives for it (``code``).

The fixtures (tests/fixtures/notes/code_shapes) are this repository's own text in the
forms real notes use; the hand arithmetic for each expected claim stands beside it, and
the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/code_shapes"

EXPECTED = {
    "01_keras_split_calls.md": [
        # input_shape=(12, 12, 3) on line 9, the third line of the first call
        (6, "shape", "right"),  # the model's line: (N, 12, 12, 3) is that input
        (7, "shape", "right"),  # the call's opening line: the same input
        (9, "shape", "right"),  # 8 filters 3x3 'same', stride 1: 12x12x8
        (10, "shape", "right"),  # 16 filters 3x3 valid: 12 - 3 + 1 = 10 -> 10x10x16
        (11, "shape", "right"),  # MaxPooling2D() is 2x2, stride 2: 10 / 2 = 5 -> 5x5x16
        # lines 12-14: 4 filters 2x2 stride 2 valid: floor((5 - 2) / 2) + 1 = 1 + 1 = 2,
        # so 2x2x4, not 3x3x4
        (14, "shape", "wrong"),
        (15, "shape", "right"),  # flatten 2 * 2 * 4 = 16
        (16, "shape", "right"),  # Dense(10): 10
        # the functional form, from Input(shape=(28, 28, 1))
        (24, "shape", "right"),  # 32 filters 5x5 "same": 28x28x32
        (25, "shape", "right"),  # 2x2 pooling: 14x14x32
        (26, "shape", "wrong"),  # 64 filters 5x5 valid: 14 - 5 + 1 = 10, not 9
        (27, "shape", "right"),  # flatten 10 * 10 * 64 = 6,400
    ],
    "02_torch_module_comments.md": [
        # the stem, from the stated input 3x32x32
        (9, "shape", "right"),  # its first conv takes in_channels=3: (3, 32, 32) fits
        (15, "shape", "right"),  # 8 filters 3x3, padding 1: 32 - 3 + 2 + 1 = 32 -> 8x32x32
        (18, "shape", "right"),  # batch norm and ReLU keep it; 2x2 pool, stride 2: 16
        # the body's first conv is nn.Conv2d(8, ...): its input has 8 channels, not 3
        (20, "shape", "wrong"),
        (21, "shape", "right"),  # 24 filters 5x5, no padding: 16 - 5 + 1 = 12
        (23, "shape", "right"),  # 2x2 pool, stride 2: 6; written channels last 6x6x24
        (25, "shape", "right"),  # nn.Linear(24 * 6 * 6, ...): 24 * 36 = 864 flattened
        # forward(), from n x 3 x 32 x 32 (line 41 states the input: nothing to judge)
        (42, "shape", "right"),  # conv 5x5: 32 - 5 + 1 = 28, pooled 14 -> 6x14x14
        (43, "shape", "wrong"),  # conv 5x5: 14 - 5 + 1 = 10, pooled 5: 16x5x5, not 6x6
        (44, "shape", "right"),  # view(-1, 400): 16 * 5 * 5 = 400 per sample
        (45, "shape", "right"),  # fc1: 400 -> 120
        (46, "shape", "right"),  # fc2: 120 -> 10
        # comments alone on a line: the tensor assigned last; self.features is the
        # note's own helper, so line 67 (its output) is taken as stated, not judged
        (69, "shape", "right"),  # adaptive average pooling to 7x7: 512x7x7
        (71, "shape", "right"),  # torch.flatten(x, 1): 512 * 49 = 25,088
        (73, "shape", "wrong"),  # the classifier ends with nn.Linear(4096, 1000): 1000
    ],
    "03_torch_guards.md": [
        # no input stated: the first conv's 10 filters give 10 channels, the sides as
        # written (26x26) carried on
        (8, "shape", "right"),
        # line 9: a weight's shape, never a map; line 10: (2, 2) is the window, and the
        # map after the 1x1 conv and the 2x2 pool is 26 / 2 = 13 -> 10x13x13
        (10, "shape", "right"),
        # line 13: block b's input is taken from block a above it (13x13x10): 13 - 3 + 1
        # = 11, not 12, but another order of blocks could feed it, so it is unsure
        # line 17: make_block is the note's own helper: not read
        # forward(): line 20 starts the chain as stated (block a's input is unknown)
        (21, "shape", "wrong"),  # conv 3x3: 13 - 3 + 1 = 11, pooled floor(11 / 2) = 5
        # line 22: the helper's output, as stated: 40x3x3
        (23, "shape", "right"),  # 40 * 3 * 3 = 360
        (24, "shape", "right"),  # nn.Linear(360, 10): 10
    ],
    "04_block_comments.md": [
        # what conv() and pool() do is the note's own: only each block's input is judged
        (6, "shape", "right"),  # line 5 reshapes x to 32x32x3: block 1's input
        (10, "shape", "right"),  # block 1 gave 16x16x24
        (14, "shape", "right"),  # block 2 gave 8x8x48
        (16, "shape", "right"),  # the dense block gave 512
        # line 21 starts a chain; line 23's input 30x30x16 is not stage a's 32x32x16,
        # but code between may change it: unsure, no claim
        (25, "shape", "right"),  # 15 * 15 * 32 = 225 * 32 = 7,200 flattened
    ],
    "05_torch_nested_calls.md": [
        # down: (64 + 2 * 1 - 4) / 2 + 1 = 31 + 1 = 32; AvgPool2d(2): 16
        (8, "shape", "right"),  # pool(down(x)): 2 x 12 x 16 x 16
        (11, "shape", "wrong"),  # then a 3x3 conv, no padding: 16 - 3 + 1 = 14, not 16
    ],
    "06_convnetjs_volumes.md": [
        # ConvNetJS (convnet_layers_dotproducts.js, convnet_layers_pool.js): a conv's stride
        # defaults to 1 and pad to 0, a pool's stride to 2; out = floor((in + 2 pad - sx)
        # / stride + 1); volumes width x height x depth
        (6, "shape", "right"),  # the input: 28x28x1
        # line 8: a filter's size, not a volume
        (9, "shape", "right"),  # (28 + 4 - 5) / 1 + 1 = 28, 8 filters
        (11, "shape", "right"),  # (28 - 2) / 2 + 1 = 14
        (13, "shape", "wrong"),  # no pad given: 14 - 5 + 1 = 10, so 10x10x16
        (15, "shape", "right"),  # sx 3, stride 2 by default: floor((10 - 3) / 2) + 1 = 4
        (17, "shape", "right"),  # softmax over 10 classes: 1x1x10
    ],
    "07_keras_plain_shapes.md": [
        (5, "shape", "right"),  # 28 - 3 + 1 = 26, 32 filters: 26x26x32, no batch written
        (6, "shape", "right"),  # 2x2 pooling: 13x13x32
        # line 7: a kernel's shape, not the map
        (8, "shape", "wrong"),  # 13 - 3 + 1 = 11, then 11 - 3 + 1 = 9: 9x9x64, not 10
    ],
    "08_keras_comment_runs.md": [
        # a Conv2D call of seven lines, one argument a line: read once it closes (line 12)
        (13, "arithmetic", "right"),  # (32 - 3) / 1 + 1 = 29 + 1 = 30
        # line 15 ends an unbroken run of comments under the conv, a blank line below it:
        # the conv's output, 16 filters: (None, 30, 30, 16), not 1 channel
        (15, "shape", "wrong"),
        (19, "shape", "right"),  # the 2x2 pooling: 30 / 2 = 15, its input's 16 channels
        # line 22: two sides, no shape; line 23: 'same' keeps 15 x 15, but 8 filters give
        # 8 channels, not 16
        (23, "shape", "wrong"),
    ],
    "09_keras_commented_model.md": [
        # lines 5-8: a model commented out whole, no model being read: read as code
        (6, "shape", "right"),  # 8 filters 3x3 'same' on 20x20x1: 20x20x8
        (7, "shape", "right"),  # MaxPooling2D() halves it: 10x10x8
        (8, "shape", "wrong"),  # flattened: 10 * 10 * 8 = 800, not 900
        # line 10, code again: its own input, 12 - 5 + 1 = 8 -> 8x8x4
        (10, "shape", "right"),
        # line 11: a layer commented out inside the model that runs: not read
        (12, "shape", "right"),  # 8 / 2 = 4 -> 4x4x4
        (13, "shape", "right"),  # 4 * 4 * 4 = 64
    ],
    "10_formula_beside_layer.md": [
        # each formula's arithmetic is right as written (the arithmetic reader)
        (7, "arithmetic", "right"),  # (30 - 3) / 1 + 1 = 28: a conv of stride 1, as built
        (8, "arithmetic", "right"),  # (28 - 2) / 1 + 1 = 27 as arithmetic, but
        (8, "shape", "wrong"),  # MaxPool2d(2, 2) has stride 2: (28 - 2) / 2 + 1 = 14
        (9, "arithmetic", "right"),  # (14 - 3 + 0) / 2 + 1 = 5 + 1 = 6 (floored), but
        (9, "shape", "wrong"),  # the conv pads 1: (14 + 2 - 3) / 2 + 1 = 6 + 1 = 7
        (10, "arithmetic", "right"),  # MaxPool2d(3): stride 3, (7 - 3) / 3 + 1 = 2: right
        (11, "arithmetic", "right"),  # kernel 3 in the formula, 5 in the layer: another's
        (15, "arithmetic", "right"),  # (26 - 2) / 1 + 1 = 25 as arithmetic, but
        (15, "shape", "wrong"),  # a 2x2 Keras pooling's stride is its size: 24 / 2 + 1 = 13
        (16, "arithmetic", "right"),  # 'same' padding: its size is not judged here
    ],
    "12_c_defines.md": [
        # lines 4-6: a comment with no calculation (words, 3x3) is not read
        (7, "arithmetic", "right"),  # 3 * 3 * 24 = 9 * 24 = 216, the constant too
        # a #define commented out, with its own comment: 3*3*10 + 3*3*80 = 90 + 720 = 810
        (8, "arithmetic", "wrong"),
        (9, "arithmetic", "right"),  # 28 * 28 * 24 = 784 * 24 = 18,816, the constant
        (10, "arithmetic", "wrong"),  # 14 * 14 * 12 = 196 * 12 = 2,352, not 4,704
        # line 11: words
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_code_shape_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
