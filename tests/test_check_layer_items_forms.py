"""`cnnstat check` on a named network's layers listed in order, one a list item, under a
heading or a line that names the network (``notes/layerforms/layeritems.py``): the n-th
convolution item against the spec's n-th convolution (its filters, a square kernel if the
item gives one), the n-th fully connected item against its n-th linear layer; poolings
keep their place. A mismatch is wrong only after two items agreed; a network named only by
its family (``VGG-like``), a list whose first item disagrees, an item of several layers or
one with a stride leave the list unjudged.

The fixtures under tests/fixtures/notes/layer_items were written for this repository in
its own words, keeping only the form. Expected figures are the papers': AlexNet
(Krizhevsky et al. 2012) 96@11x11, 256@5x5, 384, 384, 256@3x3, then 4096, 4096, 1000;
VGG16 (Simonyan & Zisserman, configuration D) 64, 64, 128, 128, 256, 256, 256, 512 x 6,
then 4096, 4096, 1000; LeNet-5 (LeCun et al. 1998) C1 6@5x5, C3 16@5x5, C5 120@5x5, F6 84,
output 10.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "layer_items"

EXPECTED = {
    "01_alexnet_bullets.md": [
        (5, "model", "right"),  # 96 kernels of 11x11: conv1
        (7, "model", "right"),  # 256 of 5x5: conv2 (the poolings between keep their place)
        (9, "model", "right"),  # 384 of 3x3: conv3
        (10, "model", "right"),  # 384 of 3x3: conv4
        (11, "model", "wrong"),  # 192: conv5 has 256 (four items agreed before it)
        # line 12: the list is left at its first mismatch: not judged
    ],
    "02_vgg16_korean.md": [
        (5, "model", "right"), (6, "model", "right"),  # 64, 64
        (8, "model", "right"), (9, "model", "right"),  # 128, 128
        (11, "model", "right"),  # 256
    ],
    "03_not_the_spec.md": [
        # VGG-like: a family, not a variant; "LeNet-5, my own version": its first item
        # (32) is not C1's 6, so the list is not LeNet's; the ResNet-18 stem's item has a
        # stride (not read); "VGG16 by blocks": item 1 is conv1's 64, item 2 is two layers
        (20, "model", "right"),
    ],
    "04_lenet_paren.md": [
        (3, "model", "right"), (5, "model", "right"), (7, "model", "right"),  # 6, 16, 120
        (8, "model", "right"),  # F6: 84
        (9, "model", "wrong"),  # the output layer has 10 units, not 12
    ],
    "05_widths_chain.md": [
        # ResNet-50's stage widths (256, 512, 1024, 2048) are no conv before a pooling
        # (one pooling in all): not judged; its map sizes 112 -> ... -> 7 are (maps)
        (4, "shape", "right"),
        # VGG16's stages end in 64, 128, 256, 512, 512 filters (configuration D)
        (8, "model", "right"),
        # line 10: "my small net" names no network: not judged
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layer_items_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
