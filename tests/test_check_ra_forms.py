"""`cnnstat check` on forms met in set-r1 (issue 19, helper ra: false alarms first).
Planted mistakes are marked PLANTED with their true value.

Mechanisms:
- a map's two sides written as a product of two output-size rules, each in its own floor
  (``⌊(n + 2p - f)/s + 1⌋ × ⌊(n + 2p - f)/s + 1⌋``): one side's rule, judged as any
  other (``rules/mapsides``: a floor or a ceiling that holds a whole side is its bracket,
  as a round one is); the old code took the product as one side's size and called it
  wrong;
- ``same convolutions`` or ``same padding`` that the sentence denies (``were not in use``,
  ``no same padding``) sets no padding (``reading/settings.SAME_PAD``);
- a ``_v`` subscript beside ``_h`` (``stride_v``, ``stride_h``): a vertical and a
  horizontal stride, so the width's rule over ``stride_h`` is right and over
  ``stride_v`` wrong (``rules/rulelines._axes``);
- a network's parameter count in a bullet whose subject is a pronoun for the network above
  (``• It holds about 138 million parameters, which makes it heavy``): the bullet sign
  ``•`` opens it as ``-`` does, and a clause on the count after a comma (``making it``,
  ``which makes it``) with no other figure leaves it the line's subject
  (``modelfacts/totals._COUNT_SUBJECT``);
- a layer called by the name its paper gives it (LeNet-5's ``C1``, ``S2``, ``S4``) before
  the one map it gives: that row of the bundled spec, through the layer algebra; a line
  on its input (``takes its input from S2 maps of 14x14``) is not read, and a map an
  unpadded 28x28 digit gives is unsure (``modelfacts/namedmaps``); so is what a named
  network's k-th conv outputs (``The output volume of the first conv layer is ...``)
  where the line also states the spec's own input (``VGG16 is fed a 224x224x3
  picture``), else not read (``modelfacts/namedmaps._kth_conv``).

Expected values: plain arithmetic in the comments (a conv's side floor((n + 2p - k)/s) + 1;
a conv's count (k*k*C_in + 1)*C_out, a dense layer's (in + 1)*out); the networks' counts from
torchvision (vgg16 138,357,544; resnet50 25,557,032) and LeNet-5's maps from LeCun et al.
1998 (C1 28x28x6, S2 14x14x6, C3 10x10x16, S4 5x5x16).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/ra_forms"

EXPECTED = {
    "01_floored_sides_product.md": [
        # floor((W + 2P - F)/S + 1) = floor((W + 2P - F)/S) + 1, one side of the map
        # (W=7, F=3, S=2, P=0: 3 either way; W=32, F=3, S=2, P=1: 16)
        (7, "formula", "right"),
        (11, "formula", "right"),
        (15, "formula", "wrong"),  # PLANTED: (32 + 2 - 3)/(2 + 1) floors to 10, not 16
    ],
    "03_same_conv_denied.md": [
        (3, "shape", "right"),  # 32 - 5 + 1 = 28
        (4, "shape", "right"),  # 28 / 2 = 14
        (5, "shape", "right"),  # 14 - 5 + 1 = 10: same convolutions denied, no padding
        (9, "shape", "right"),
        (10, "shape", "right"),
        (11, "shape", "wrong"),  # PLANTED: same padding keeps 14, so 14x14x16
    ],
    "04_stride_h_v_axes.md": [
        (3, "formula", "right"),  # height over the vertical stride
        (4, "formula", "right"),  # width over the horizontal stride (stride_h)
        (8, "formula", "wrong"),  # PLANTED: width over the vertical stride; stride_h belongs
    ],
    "05_pronoun_count_bullet_clause.md": [
        (3, "model", "right"),  # VGG-16: 13 conv layers
        (4, "model", "right"),  # about 138 million: torchvision's 138,357,544
        (7, "model", "wrong"),  # PLANTED: ResNet-50 has 25.6 million, not 50 million
        (9, "model", "right"),  # the planted line's note: 25.6 million
    ],
    "06_lenet_layer_names.md": [
        (3, "model", "right"),  # C1: 32 - 5 + 1 = 28, six maps
        (5, "model", "right"),  # S2: 28 / 2 = 14
        (7, "model", "wrong"),  # PLANTED: S4 gives 10 / 2 = 5, so 5x5x16
        # line 11: C3's input named before its output: not read
        # line 13: C3 8x8x16 is the map of an unpadded 28x28 digit (28-4 = 24, 12, 12-4 = 8): unsure
        # line 15: products in calculations beside a layer's name are no maps
        (15, "arithmetic", "right"),  # (5*5*1 + 1)*6 = 156
        (15, "arithmetic", "info"),  # 5*5*16 + 1 = 401, no result written
    ],
    "07_kth_conv_output_with_input.md": [
        (3, "model", "right"),  # the input 224 is VGG16's
        (3, "model", "right"),  # conv1: 3x3, padding 1: 224 - 3 + 2 + 1 = 224, 64 filters
        (5, "model", "right"),  # the input again
        (5, "model", "wrong"),  # PLANTED: conv2 keeps 224 too: 224x224x64, not 224x242x64
        # line 9: no input stated on the line: not read
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_ra_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
