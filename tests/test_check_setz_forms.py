"""`cnnstat check` on forms met in blog and tutorial notes (set-z): a network's size said
as an adjective before its name (``modelfacts.hyphened``); maps in inline math
(``\\(27\\times 27 \\times 256 \\)``, ``$13\\times13$``) through a layer said in words, a
pooling's depth kept, a padding shown applied (``p=2: 10x10 becomes 14x14``); a network's kernel in each
sentence of a line that names several (``modelfacts.kernelsize``); an input named
before its network (``The input of VGG is ... 224x244``: ``specfacts``); a ratio in brackets
after the network compared against (``compared to VGG (12x fewer parameters)``: ``ratios``);
an input's channels as its kind of image says (``a 64 x 64 RGBA image``: ``imagekind``).

Expected verdicts come from the papers' and torchvision's parameter counts written beside
each line; the multiset of (line, kind, verdict) must match exactly.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/setz_forms"

EXPECTED = {
    "01_sizes_before_names.md": [
        (3, "model", "right"),  # MobileNetV2: 3,504,872 = 3.5M
        (3, "model", "right"),  # VGG16: 138,357,544 = 138M
        (5, "model", "wrong"),  # ResNet-18: 11,689,512, not 22 million
        (5, "model", "right"),  # ResNet-50: 25,557,032 = 25.6 million
        (7, "model", "right"),  # AlexNet: 2012
        (7, "model", "wrong"),  # AlexNet: 60,965,224 (61M), not 5M
        # line 9: a backbone, a part of ResNet-50: unsure
    ],
    "02_inline_math_maps.md": [
        (3, "shape", "wrong"),  # 28/2 = 14, but a pooling keeps 64 channels, not 128
        (5, "shape", "right"),  # (27 - 3)/2 + 1 = 13, 256 kept
        (7, "shape", "right"),  # (13 - 3)/2 + 1 = 6, 384 kept
        (9, "shape", "right"),  # padded 14x14 shown: 14 - 5 + 1 = 10
        (11, "shape", "wrong"),  # (27 - 3)/2 + 1 = 13, but 256 channels kept, not 384
    ],
    "03_kernels_per_sentence.md": [
        (3, "model", "wrong"),  # LeNet-5 (LeCun 1998): 5x5 convs, 2x2 subsampling; no 3x3
        (5, "model", "right"),  # ZFNet (Zeiler & Fergus 2014): its first layer 7x7
        (5, "model", "right"),  # VGG16 (Simonyan & Zisserman 2015): 3x3 convs throughout
        (7, "model", "wrong"),  # GoogLeNet (Szegedy 2015): 1x1, 3x3, 5x5, 7x7; no 9x9
    ],
    "04_input_named_first.md": [
        (3, "model", "right"),  # ResNet-50 (He et al. 2016): 224x224 crops
        # line 5: 272 is no near slip of 227 (a rectangle of its own?): not read
        (7, "model", "right"),  # ResNet-18: 18 weight layers
        (7, "model", "wrong"),  # VGG19 (Simonyan & Zisserman 2015): 224x224, not 244x224
        # line 9: a detector's 800x1333: no near-square slip, not read
    ],
    "05_ratio_in_brackets.md": [
        (3, "ratio", "right"),  # 138.4M / 4.23M = 32.7 (MobileNet v1, VGG16): about 30
        (4, "model", "right"),  # "fewer weights than AlexNet": 4.2M < 61M
        (4, "ratio", "wrong"),  # 61.0M / 4.23M = 14.4, not 4
        (8, "ratio", "right"),  # 138.4M / 25.6M = 5.4 (the section's ResNet-50)
        (8, "ratio", "right"),  # 61.0M / 25.6M = 2.4: "2x", rounded (not VGG16's ratio)
    ],
    "06_image_kind_channels.md": [
        (3, "shape", "wrong"),  # RGBA: 4 channels (R, G, B, alpha), not 3
        (5, "shape", "right"),  # channels first: 4 x 64 x 64
        # line 11: the note names a second kind (grayscale): neither is judged
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_setz_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
