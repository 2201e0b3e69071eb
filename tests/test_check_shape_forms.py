"""`cnnstat check` on tensor shapes in code, comments and discussion threads (issue 19,
set-e): kernel sizes joined by arrows (``a 1x1 → 3x3 → 1x1 sandwich``, arrows garbled by a
wrong code page) are kernels, never a chain of feature maps; a map that is not square
through one square layer (``enters as 28x18x1, we then deepen to 28x28x32``), and a
walkthrough whose maps are not square (each side through the same layer); TensorFlow's
layers in code and named in prose (``conv2d() has a shape of [batch_size, 28, 28, 1] ...
now with 32 channels``), channels last or first, against the filters and the pooling's
input; a layer set out a setting a line (``필터 = (4, 4)``, ``출력 채널 = 20``) under its
name, then its output; a pooling named between two maps, its window unstated or in
words.

Each fixture under tests/fixtures/notes/shape_forms was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "shape_forms"

EXPECTED = {
    "01_kernel_runs.md": [
        # lines 3, 5, 7, 9: kernel sizes in a row (a block's design, parallel branches),
        # in English, with garbled arrows and in Korean: no feature map, nothing judged
        (11, "shape", "right"),  # 32 - 5 + 1 = 28
        (13, "shape", "wrong"),  # 7 - 3 + 1 = 5, not 6: the run rule leaves maps alone
    ],
    "02_square_layer.md": [
        # one square conv or pooling maps both sides by floor((n + 2p - k)/s) + 1
        (3, "shape", "wrong"),  # 32 -> 32 keeps the side (s1, same), so 23 -> 32 cannot be
        (4, "shape", "wrong"),  # one input side 14 cannot give both 7 and 6
        # k3 s3 p1: (30 + 2 - 3)//3 + 1 = 10 and (28 + 2 - 3)//3 + 1 = 10: the image named as
        # what goes in, the line's last map what comes out (walkthrough)
        (5, "shape", "right"),
        # line 6: a 1x7 kernel treats the sides apart; line 7: upsampling; line 11: a question
        (9, "shape", "wrong"),  # 18 -> 28 while 28 -> 28: no square layer does both
        # lines 14-15: a filter bank K x K x C_in x C_out holds no map "1 x 40 x 80" (the
        # tail of the longer product): nothing goes from 1 x 40 to 14 x 14
    ],
    "03_walk_not_square.md": [
        # a walkthrough whose maps are not square: each side through the same layer
        (5, "shape", "right"),  # 48-3+1 = 46, 40-3+1 = 38, 16 filters
        (7, "shape", "right"),  # 46/2 = 23, 38/2 = 19, channels kept
        (9, "shape", "wrong"),  # 23-3+1 = 21 but 19-3+1 = 17, not 18
    ],
    "04_tf_layers.md": [
        # tf.layers code: reshape to 28x28x1; conv 32 "same" keeps 28; pool 2/2 gives 14
        (5, "shape", "right"), (6, "shape", "right"),
        (7, "shape", "wrong"),  # "valid" 5x5 conv: 14 - 5 + 1 = 10, not 14
        (8, "shape", "right"),  # pool 2/2 on 10: 5
        # line 13: the 16 filters were stated two lines above, maybe of another layer:
        # unsure, not wrong (a skip)
        (15, "shape", "wrong"),  # its own sentence: 16 channels, not 1
        (17, "shape", "right"),  # the shape offered instead: 16 channels
        (19, "shape", "wrong"),  # a pooling keeps its input's 16 channels, not 8
        (21, "shape", "right"),  # 필터 64개: 64 channels
        # line 23: no layer named for the shape: not read
        (25, "shape", "right"),  # channels first: (N, C, H, W) with C = 8 filters
        (27, "shape", "wrong"),  # 3 channels from a conv with 8 filters
        (29, "shape", "right"),  # the shape offered instead, channels first
    ],
    "05_layer_blocks.md": [
        # a layer set out a setting a line, then its output shape (channels last)
        (13, "shape", "right"),  # 64-5+1 = 60, 48-5+1 = 44, 16 channels
        (19, "shape", "wrong"),  # a pooling keeps its input's 16 channels, not 8
        (33, "shape", "right"),  # (30+2-3)//2+1 = 15, (22+2-3)//2+1 = 11, 32 filters
        (37, "shape", "right"),  # flatten: 15*11*32 = 5,280
        (49, "shape", "right"),  # 28-3+1 = 26, 8 filters
        (53, "shape", "right"),  # from the block above: 26/2 = 13 (2x2 window, unstated)
        (61, "shape", "wrong"),  # 13-3+1 = 11, not 12; no stride or padding gives 12
        # line 69: 9 -> 3 with the window unstated: 2x2 gives 4, a 3x3/3 window gives 3:
        # unsure, not judged
    ],
    "06_pooling_words.md": [
        # a pooling named between two maps, its window unstated (2x2) or in words
        (3, "shape", "right"),  # 32 -> 16 by the usual 2x2, channels kept (the conv step
                                # before it names no filters: not judged)
        (4, "shape", "wrong"),  # from the line above's 16x16x16: pooling keeps 16, not 8
        (6, "shape", "right"),  # [24, 24, 32] -> [12, 12, 32]
        # line 8: 30 -> 14: 2x2 gives 15, a 3x3/2 window gives 14: unsure, not judged
        (10, "shape", "wrong"),  # pool_size=2: 10/2 = 5, not 4
        (12, "shape", "right"),  # global pooling keeps the 512 channels: 1x1x512 (pb: globalpool)
        # line 14: a question
        (16, "shape", "right"),  # channels first: (64, 56, 56) -> (64, 28, 28)
    ],
    "07_layer_words.md": [
        # a layer named in words, no call: its channels against the filters its sentence
        # states, a pooling's against the layer just above
        (3, "shape", "wrong"),  # 64 filters give 64 channels, not 3
        (4, "shape", "right"),  # the shape offered instead
        (5, "shape", "right"),  # a pooling keeps the 64 channels
        (7, "shape", "right"),  # 필터 128개: 128 channels, "(배치, ...)" a batch placeholder
        # line 18: a pooling far below, maybe of another network: its input unknown
        (20, "shape", "right"),  # `conv2d` with 10 filters: 10 channels
    ],
    "08_dataset_inputs.md": [
        # MNIST 28x28x1, CIFAR-10/100 and SVHN 32x32x3, ImageNet 3 channels (any crop)
        (3, "shape", "wrong"),  # MNIST is 28x28, not 28x18
        (5, "shape", "right"),  # CIFAR-10 32x32x3
        (7, "shape", "wrong"),  # CIFAR-100 has 3 channels, not 1
        # line 9: padded to 32x32 (LeNet-5): the images changed, not judged
        (11, "shape", "right"),  # Fashion-MNIST 28x28 (no channels written)
        (13, "shape", "wrong"),  # ImageNet images have 3 channels (the conv is after them)
        # line 15: cropped; line 17: a feature map after conv1; line 19: a question
    ],
    "09_torch_linear.md": [
        # nn.Linear(in, out) maps the last dimension, whatever the rank (torch docs)
        (9, "shape", "right"),  # [8] -> [5]
        (9, "shape", "right"),  # the input's own [8] printed, made by torch.randn(8) (helper pa)
        (12, "shape", "wrong"),  # [16, 8] -> [16, 5]: res printed by name, not the input
        (16, "shape", "right"),  # keywords: [4, 512] -> [4, 10]
        # numpy: (5, 8) . (8,) = (5,); line 28: (16, 8) @ (5, 8) does not multiply (no
        # shape, nothing judged); (16, 8) . (8, 5) = (16, 5), not (16, 8)
        (26, "shape", "right"), (30, "shape", "wrong"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shape_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_garbled_symbols_are_masked_to_the_same_length():
    from cnnstat.notes.text import mask

    # "→" written in UTF-8 (E2 86 92) read back as Windows-1253 is "β†’"; as 1252, "â†’"
    assert mask("1x1 β†’ 3x3") == "1x1 →   3x3"
    assert mask("x â‰ˆ 70K") == "x ≈   70K"
    assert mask("3Ã—3") == "3× 3"  # × is C3 97: two characters
    assert mask("в Москве") == "в Москве"  # Cyrillic text is left as it is
