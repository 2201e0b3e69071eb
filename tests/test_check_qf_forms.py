"""`cnnstat check` on Korean notes of set-q3's forms (issue 19, helper qf: miss and
judged hunter). The correct twins are ``hostile_correct/qf-*.md``.

Mechanisms:
- a Keras summary pasted as comments whose ``#`` touches the text (``#conv2d_1 (Conv2D)
  (None, 4, 4, 6)  222``, ``#Total params: 252``, ``#=====``) is read as the summary it
  is, the marker blanked (``summary/reader.uncomment``); ``#1 데이터`` opens nothing.
- a named network's k-th conv in a layer list, then the map it gives (``- 합성곱 2층 →
  27x27x384``, ``- Convolution 5 : 3x3 kernel, 1 padding : 12x12x384`` under AlexNet):
  the map's depth is that conv's filters, against the bundled specs (``modelfacts/
  nthmap``; twin ``hostile_correct/qf-02``: ZFNet, torchvision's AlexNet, one GPU's half
  and a changed layer left alone).
- a stride or padding written bare before its word as a list's item (``5x5 kernel, 1
  stride : 60x60x16``, ``3x3 kernel, 1 padding : 28x28x32``, ``(3x3, 1 stride)``) is read
  by every size reader (``reading/settings.LISTED_BEFORE``); a list of numbers before the
  word (TensorFlow's ``1,2,2,1 strides``) is not one value (twin ``hostile_correct/qf-03``).

Expected values: plain arithmetic in the comments.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/qf_forms"

EXPECTED = {
    "01_keras_summary_hash_touching.md": [
        (13, "summary", "right"),  # (3*3*1 + 1)*4 = 40; 8 - 3 + 1 = 6 -> 6x6x4
        (13, "shape", "right"),  # the row against line 7's Conv2D: 8 - 3 + 1 = 6 -> 6x6x4
        (15, "shape", "right"),  # the row against line 8's Conv2D: 6 - 3 + 1 = 4 -> 4x4x6
        (15, "summary", "right"),  # (3*3*4 + 1)*6 = 37*6 = 222
        (15, "summary", "right"),  # 6 - 3 + 1 = 4 -> 4x4x6
        (17, "summary", "wrong"),  # PLANTED: 40 + 222 = 262, not 252
        (18, "summary", "wrong"),  # PLANTED: the same total copied: 262 trainable
        (19, "summary", "right"),  # no batch norm: 0 non-trainable
    ],
    # AlexNet's convs: 96, 256, 384, 384, 256 filters (Krizhevsky et al. 2012, section 3.5;
    # torchvision's alexnet: 64, 192, 384, 256, 256)
    "02_alexnet_conv_maps_list.md": [
        (5, "model", "right"),  # conv1: 96
        (6, "model", "wrong"),  # PLANTED: conv2 gives 256 maps (192 in torchvision), not 384
        (7, "model", "right"),  # conv3: 384
        (8, "model", "right"),  # conv4: 384
        (9, "model", "right"),  # conv5: 256
    ],
    "03_settings_number_before_word.md": [
        (4, "shape", "right"),  # 64 - 5 + 1 = 60
        (5, "shape", "right"),  # 60 / 2 = 30
        (6, "shape", "wrong"),  # PLANTED: 3x3 with padding 1 keeps 30 - 3 + 2 + 1 = 30, not 28
        # line 7 (15 = 30 / 2) follows the slip: the walk ends at a wrong step
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_qf_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
