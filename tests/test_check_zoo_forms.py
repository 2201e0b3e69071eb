"""`cnnstat check` on the figures of named networks that tables in code and code comments
give (issue 19): an aligned table of models in a docstring or a plain-text block, its
header's column names holding a digit ("top-5 err", "acc@1") or running on to a second
line, a name one space from its figure (``modelfacts/aligned.py``).

The fixtures under tests/fixtures/notes/zoo_forms were written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand from torchvision's published parameter counts (the weights' ``num_params``) in the
comment beside it; a claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "zoo_forms"

EXPECTED = {
    "01_docstring_tables.md": [
        # torchvision: densenet121 7,978,856; densenet161 28,681,000; mobilenet_v2
        # 3,504,872; squeezenet1_0 1,248,424 (the error column is no claim judged)
        (15, "model", "right"), (16, "model", "right"),
        (17, "model", "wrong"),  # 35,048,720: a digit too many for 3,504,872
        (18, "model", "right"),
        # alexnet 61,100,840; googlenet 6,624,904; wide_resnet50_2 68,883,240
        (26, "model", "right"), (27, "model", "right"), (28, "model", "right"),
        # resnext50_32x4d 25,028,904; mnasnet1_0 4,383,312
        (34, "model", "right"), (35, "model", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_zoo_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


EXPECTED_BUILT = {
    # a network built by a model zoo's constructor, its size in the comment after it
    "02_built_in_code.md": [
        (8, "model", "right"),  # densenet121: 7,978,856 cut to 7.9M
        (9, "model", "right"),  # squeezenet1_1: 1,235,496 ~ 1.2M
        (10, "model", "wrong"),  # mobilenet_v2: 3,504,872, not 35M
        (11, "model", "right"),  # wide_resnet50_2: 68,883,240 cut to 68M
        # line 12: num_classes=10 builds another head: not read
        (13, "model", "right"),  # Keras VGG19: 143,667,240 ~ 143M
        # line 14: include_top=False: no head, not the bundled network
        (15, "model", "right"),  # timm mnasnet1_0: 4,383,312 ~ 4.4M
    ],
    # a label and a count in myriads written in parts under the network's heading
    "03_labelled_myriads.md": [
        (5, "model", "right"),  # VGG-19: 143,667,240 ~ 1억 4400만 (144 million)
        # line 7: a cost (연산량): MACs or FLOPs, grouped or not: not read here
        (11, "model", "wrong"),  # AlexNet: about 61 million, not 1억 1000만 (110 million)
        (15, "model", "right"),  # VGG-13: 133,047,848 ~ 1억 3300만 (133 million)
    ],
    # a kind of layer and its count as a label under the network's heading
    "04_labelled_layers.md": [
        # VGG-19 (configuration E): 16 conv + 3 FC = 19 weight layers; pooling not read
        (5, "model", "right"), (6, "model", "right"), (7, "model", "right"),
        (12, "model", "wrong"),  # AlexNet has 5 conv layers, not 6
        (14, "model", "right"), (16, "model", "right"),  # 3 FC, 8 weight layers
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_BUILT))
def test_zoo_built_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED_BUILT[name])
