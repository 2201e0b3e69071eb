"""`cnnstat check` on forms left unread in set-r2 (issue 19, helper rd: first contact).
Each planted mistake is marked PLANTED with its true value.

Mechanisms:
- a convolution written as input, kernel and output joined by arrows, the kernel as four
  sides ``k x k x C_in x C_out`` (``32 x 32 x 96 -> 3 x 3 x 96 x 64 => 32 x 32 x 64``):
  read where the kernel's third side is the input's channels; the output's channels are
  the kernel's fourth side, its side right where stride 1 with "same" or no padding gives
  it, wrong where no stride or padding can, unsure otherwise; a kernel whose depth is not
  the input's, or a depthwise line, is not read (``maps/kernelarrow``);
- a named network's layers listed one a line as an arrow chain (``-> Conv1 (6@28x28)``,
  ``-> Pool2 (16@5x5)``) under a line that names it with a word for its layout
  (``LeNet-5 architecture``, now a heading: ``modelfacts/above.pseudo_heading``): the k-th
  conv (pooling) against the spec's k-th, right where its map matches; wrong only where
  the channels are the spec's and the side neither the spec's nor an unpadded 28x28
  input's; another network of the note's own (other channels, a 28x28 input) is not read
  (``modelfacts/namedchain``);
- a number between a layer's kind and a singular ``layer`` names that layer (``in the Conv
  5 layer``, with LaTeX's ``\\enspace`` between too): no count of the network's layers
  (``reading/places.not_a_count``; the old code called AlexNet's depth 5 wrong).

Expected values: plain arithmetic in the comments (stride 1: "same" keeps the side,
no padding gives n - k + 1), checked with torch ``nn.Conv2d`` on zeros of the input;
LeNet-5's maps from LeCun et al. 1998 (32 -> C1 28 -> S2 14 -> C3 10 -> S4 5 -> C5 1);
AlexNet's conv5 (Krizhevsky et al. 2012): 3x3, 256 filters.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/rd_forms"

EXPECTED = {
    "01_kernel_between_arrows.md": [
        (5, "shape", "right"),  # 1x1: 32 either way; 48 filters -> 32x32x48
        (7, "shape", "right"),  # 3x3 'same' (padding 1): 32x32x64
        (9, "shape", "wrong"),  # PLANTED: 16 filters give 32x32x16, not 24 channels
        (11, "shape", "wrong"),  # PLANTED: 3x3 gives 32 ('same') or 30 (none), never 29
        (13, "shape", "right"),  # 32 - 3 + 1 = 30, no padding
        # line 15: 16 = stride 2 with 'same' (unsaid): not judged
        # line 17: a kernel 24 deep over 96 channels: not read
        # line 19: depthwise: not read
    ],
    "02_named_chain_of_layers.md": [
        (5, "model", "right"),  # C1: 32 - 5 + 1 = 28, 6 maps
        (6, "model", "right"),  # S2: 28 / 2 = 14
        (7, "model", "right"),  # C3: 14 - 5 + 1 = 10, 16 maps
        (8, "model", "wrong"),  # PLANTED: S4: 10 / 2 = 5 -> 16@5x5, not 16@6x6
        (9, "model", "right"),  # C5: 5 - 5 + 1 = 1, 120 maps
        # lines 17-19: a 28x28 input (24, 12) and 32 maps: the note's own network, not read
    ],
    "03_conv_label_then_layer.md": [
        (3, "model", "right"), (3, "model", "right"),  # AlexNet conv5: 3x3, 256 filters
        # lines 3 and 7: "Conv 5 layer" names the fifth conv, no depth of 5
    ],
}


@pytest.mark.parametrize("name", form_names(DIR, EXPECTED))
def test_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
