"""`cnnstat check` on shapes in code (issue 19, helper pa: judged hunter). Each wrong line
is marked in a comment with its true value; the correct twins are ``hostile_correct/pa-*.md``.

Mechanisms:
- a module class the note defines (``__init__`` building its parts from its arguments,
  ``forward`` calling them), built with the arguments of ``net = TinyNet(classes=37)`` and
  applied to a tensor of known shape (``codeforms/modulerun``): what ``print(out.shape)``
  shows, in a comment or below, is judged (twin ``hostile_correct/pa-01``, where a
  ``forward`` with a loop and a module never defined stay unread);
- a shape in a comment beside the statement that made or printed a tensor
  (``out = conv(x)  # shape: (1, 32, 224, 224)``, ``print(net(x).shape)  # (8, 37)``), a
  tensor's shape printed by name as a list (``# [8, 48, 32, 32]``), an input printed, and
  a layer applied to an input made in the call (``gap(torch.randn(2, 256, 14, 14))``);
- a Keras shape written with spaces alone after its batch (``# N 9 9 20``), beside a layer
  or alone on the line under it (``kerasforms.SPACED``; twin ``hostile_correct/pa-02``);
- a conv of ``__init__`` whose input channels are the class's argument
  (``nn.Conv2d(in_channels, 20, 5)``) builds all the same, its channels taking any input
  (``torchast.made``), so the shapes beside the layers under it are followed; a comment
  beside a pooling gives that pooling's output even where the pooling's name has no
  number (``self.pool_a``, once taken for one pooling ``forward()`` reuses; twin
  ``hostile_correct/pa-03``);
- one conv or pooling set out a field a line (``Input: 5×5`` / ``Filter: 3×3`` /
  ``Output: 3×3``), the output's sides the layer algebra's; a stride or padding not given
  makes a differing output unsure; a block near words of a transposed or dilated layer is
  not read (``maps/fieldlines``, pb's reader of the same form, which took pa's
  ``labelstack`` in at the merge; twin ``hostile_correct/pa-04``);
- a stage sketched on a line, its convs then a pooling, sides in brackets (``Block 1:
  Conv3-64 × 2 → MaxPool [224→112]``, ``Global Average Pooling [4→1]``): right where a
  2x2 pooling (a global one) gives the second side, not judged otherwise
  (``maps/blockpool``; twin ``hostile_correct/pa-05``);
- an ``nn.AdaptiveAvgPool2d(s)`` in an ``nn.Sequential`` whose input is not known gives
  (C, s, s), C the last conv's filters (``torchchain.adaptive_out``).

Expected values: worked by hand in the comments and run with torch in the venv (the code
of each fixture, as written, prints the shapes given as true below).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/pa_forms"

EXPECTED = {
    "01_module_class_applied.md": [
        # Stem(3, 48, stride=2): 3x3 conv, stride 2, padding 1 on 64: (64 + 2 - 3)//2 + 1 = 32
        (46, "shape", "right"),  # [8, 48, 32, 32]
        # TinyNet(classes=37): the head is Linear(48, 37): torch prints [8, 37]
        (49, "shape", "wrong"),  # torch.Size([8, 100]): the default classes, not the 37 passed
        (50, "shape", "right"),  # (8, 37)
        # TinyNet(width=64): Linear(64, 100): (8, 100); 64 is the width, not the classes
        (52, "shape", "wrong"),  # (8, 64)
        # AdaptiveAvgPool2d(1) on (2, 256, 14, 14): (2, 256, 1, 1)
        (55, "shape", "right"),
    ],
    "02_keras_spaced_shapes.md": [
        # line 8: "# N 32 32 3" beside the layer that takes input_shape=(32, 32, 3): its input,
        # not judged
        (9, "shape", "right"),  # 'same' 3x3 on 32x32x3, 16 filters: N 32 32 16
        (10, "shape", "right"),  # valid 3x3: 32 - 3 + 1 = 30, 32 filters
        (11, "shape", "right"),  # MaxPooling2D() is 2x2, stride 2: 30 // 2 = 15
        (12, "shape", "wrong"),  # valid 5x5 on 15: 15 - 5 + 1 = 11, so N 11 11 64, not 12
    ],
    "03_init_named_in_channels.md": [
        # line 7: the first conv's output, the chain's seed (its input channels a name)
        (8, "shape", "right"),  # 2x2 pool of 10x30x30: 10x15x15
        (9, "shape", "right"),  # 4x4 conv on 15: 15 - 4 + 1 = 12, 24 maps
        (10, "shape", "wrong"),  # 2x2 pool of 24x12x12 is 24x6x6 (as the Linear's 24*6*6 says)
    ],
    "04_fields_a_line_each.md": [
        (8, "shape", "right"),  # 9 - 3 + 1 = 7
        # (11 - 3 + 0)//2 + 1 = 5, not 6: stride and padding both given, so wrong (the
        # fields read as one layer's record, "layer as a record", which this yields to)
        (18, "shape", "wrong"),
        # line 25: 10 - 5 + 1 = 6 with stride 1, but no stride is given (2 would give 3,
        # neither 7): unsure, no claim
        (31, "shape", "right"),  # a 3x3 pooling, its stride its window: 12 // 3 = 4
    ],
    "05_stage_then_pool.md": [
        (5, "shape", "right"),  # padded 3x3 convs keep 64, a 2x2 pool: 64 // 2 = 32
        (6, "shape", "right"),  # 32 // 2 = 16
        # line 7: 16 -> 4 is not what one 2x2 pooling gives (8); the stage's convs might not
        # pad, so it is not judged (missed, by design)
        (8, "shape", "right"),  # 8 // 2 = 4
        (9, "shape", "right"),  # a global pooling gives 1
    ],
    "06_sequential_adaptive.md": [
        # AdaptiveAvgPool2d(1) after the conv of 96 filters: (N, 96, 1, 1) whatever the input
        (12, "shape", "right"),
        # AdaptiveAvgPool2d(2) after the 1x1 conv of 40 filters: (N, 40, 2, 2) (torch: [2, 40, 2, 2])
        (19, "shape", "wrong"),  # (N, 48, 2, 2): the channels are the last conv's 40
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pa_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
