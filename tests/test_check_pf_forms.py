"""`cnnstat check` on forms met in Korean study notes (issue 19, helper pf: miss hunter
on set-p3). Correct twins: ``hostile_correct/pf-*.md``.

Mechanisms:
- a count of values, numbers or neurons told right after a volume and linked to it (``이
  320개의 값``, ``these 1,152 values``, ``i.e. 250 numbers``, ``holds 12,288 pixel
  values``) is the volume's flatten (``maps/valuecount``);
- a Keras comment whose output word opens the bracket (``# (출력 N,9,9,4)``, ``#
  (output: None, 10, 10, 8)``) is the layer's output shape (``codeforms/kerasprose.SHAPE``);
- a count of a network's named modules (``9 Inception modules``, ``fire 모듈은 8개``,
  ``7개의 블럭으로 구성된 인셉션 모듈``) is the number of modules of that stem among its
  spec's rows (``modelfacts/modules``);
- the bias term of a sum labelled in words (``+ 바이어스 4개 =``, ``+ 4 biases =``, ``+
  bias 4 =``) is read as its number (``reading/glosses.drop_bias_labels``).

Expected values: plain arithmetic in the comments (conv output = (n + 2p - k)/s + 1).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/pf_forms"

EXPECTED = {
    "01_volume_values.md": [
        (5, "shape", "right"),  # 4*4*20 = 320
        (7, "shape", "wrong"),  # 5*5*12 = 300, not 250
        (11, "shape", "right"),  # 6*6*32 = 1,152
        (13, "shape", "wrong"),  # 2*2*50 = 200, not 250
        (15, "shape", "right"),  # 64*64*3 = 12,288
        (17, "shape", "wrong"),  # 48*48*3 = 6,912, not 6,921
    ],
    "02_keras_comment_label.md": [
        (5, "shape", "right"),  # 'same', stride 1: 12x12 kept, 5 filters -> (N, 12, 12, 5)
        (6, "shape", "right"),  # valid 3x3: 12 - 3 + 1 = 10, 8 filters -> (None, 10, 10, 8)
        (8, "shape", "wrong"),  # 'same' 2x2 on 10x10 keeps 10x10 -> (N, 10, 10, 4), not 9x9
    ],
    # Szegedy et al. 2015 Table 1: inception 3a, 3b, 4a-4e, 5a, 5b = 9 modules; Iandola et
    # al. 2016 (SqueezeNet) Table 1 and torchvision's squeezenet1_0/1_1: fire2..fire9 = 8;
    # Huang et al. 2017 Table 1: DenseNet-121/169/201/264 have 4 dense blocks
    "03_module_counts.md": [
        (5, "model", "wrong"),  # 7 blocks of inception modules: GoogLeNet has 9
        (7, "model", "right"),  # 9 Inception modules
        (11, "model", "wrong"),  # ten fire modules: SqueezeNet 1.1 has 8
        (13, "model", "right"),  # fire 모듈 8개
        (17, "model", "right"),  # 4 dense blocks
        (19, "model", "wrong"),  # dense block 5개: DenseNet-201 has 4
    ],
    "04_bias_labels.md": [
        (3, "arithmetic", "right"),  # 3*3*2*8 + 8 = 152
        (5, "arithmetic", "wrong"),  # 3*3*8*16 + 16 = 1,168, not 1,186
        (7, "arithmetic", "right"),  # 5*5*16*6 + 6 = 2,406
        (9, "arithmetic", "wrong"),  # 1*1*6*12 + 12 = 84, not 86
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pf_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
