"""`cnnstat check` on forms met in set-r2 (29 Korean notes; issue 19, helper rb).
Each planted mistake is marked PLANTED here with its true value.

Mechanisms:
- a Keras ``Sequential`` model whose later layer keeps an ``input_shape=`` (a layer line
  copied from the first one): Keras builds the model from its first layer's input and
  ignores a later layer's, so the shape carried down the model stays; the old reader
  started the model over from the later ``input_shape`` and called the right comments
  below it wrong (``codeforms/kerascode.Model._later_layer``; also where the layer's call
  is alone on its line under ``net.add(``); a later ``input_shape`` that is not the
  model's own input may start another model: the sides are then not known;
- the flattened size told in a line of prose below the model (``Flatten 레이어를 지나면
  ... N개의 노드``, ``after the Flatten layer ... N nodes``): judged against the model's one
  ``Flatten``'s input, flattened; a line that names a dense layer (whose units such a
  count may be), or a model with several ``Flatten`` layers, is not read
  (``codeforms/kerasflat.told``);
- a Keras tensor's shape printed by the note's code (``print('x.shape:', x.shape)``) and
  the printout pasted in a fence below (``x.shape: (None, 3, 3, 1)``): judged against the
  shape the model holds for that tensor when it is printed, matched by the print's label;
  a print of another tensor than the last layer's output is not judged
  (``codeforms/kerasprint``); ``ZeroPadding2D`` (``n``, ``(h, w)``, ``((t, b), (l, r))``)
  is the layer algebra's ``pad`` (``codeforms/kerasout``); a functional line whose call
  is not read (nested brackets) leaves its output unknown instead of the input's shape
  (``kerascode``);
- a Korean sum or product of counts whose nouns stand before their numbers (``가장자리
  패치 4개 + 가운데 패치 1개 = 5개``): after an operator, up to three words before a number
  counted with 개 name it, where the first operand is counted with 개 too; the run reads
  as the English ``4 corners + 1 center = 5`` does (``reading/glosses.drop_units``);
- a model's depth told twice in one line with the same number (``22개의 층으로 되어 있다
  ... 세어 봐도 22개의 층이다``): one figure, judged once (the first); two different
  numbers of one kind stay unread, as before (``modelfacts/factlines``).

Expected values: the papers' layer counts; plain arithmetic in the comments ('same' keeps the sides at stride 1; a
valid k x k conv takes k-1 off each side; a 2x2 pooling halves them, floored).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/rb_forms"

EXPECTED = {
    "01_input_shape_on_later_layer.md": [
        (9, "shape", "right"),  # 32x32x3, 'same' conv with 16 filters: 32x32x16
        (10, "shape", "right"),  # 32/2 = 16: 16x16x16
        # line 12: the second conv keeps 16x16 ('same'), 32 filters; its input_shape ignored
        (14, "shape", "right"),  # 16/2 = 8: 8x8x32 (old code: no shape, the model restarted)
        (16, "shape", "right"),  # 8*8*32 = 2,048
        (20, "shape", "right"),  # 8*8*32 = 2,048, told in prose below the model
        # line 22: a Dense layer's units named beside the flatten: not read
        # second model: 20-5+1 = 16, 16/2 = 8, 8-3+1 = 6: 6x6x12
        (28, "shape", "right"),  # 6x6x12 (old code: wrong, from 20-3+1 = 18)
        (33, "shape", "wrong"),  # PLANTED: 6*6*12 = 432, not 3,888 (18*18*12, from the ignored input_shape)
        # third model: a later input_shape that is not the model's own input (maybe another
        # model's start): the sides are not known; only the conv's 6 channels are judged
        (38, "shape", "right"),  # 6 filters: 6 channels (Keras: 10-3+1 = 8, 8-3+1 = 6: 6x6x6)
    ],
    "02_printed_keras_shapes.md": [
        (12, "shape", "wrong"),  # PLANTED: floor((12-3)/2)+1 = 5 -> (None, 5, 5, 8), not 6x6x8
        (27, "shape", "right"),  # 9+2+2 = 13 high, 9+1+1 = 11 wide
        # line 28: the input printed, not the last layer's output: not judged
        (29, "shape", "right"),  # 13-3+1 = 11, 11-3+1 = 9, 4 filters
        # line 39: the padding's call not read (nested brackets): not judged
    ],
    "03_korean_counted_terms.md": [
        (3, "arithmetic", "right"),  # 4 + 1 = 5
        (5, "arithmetic", "right"),  # 1 + 1 + 1 = 3
        (7, "arithmetic", "wrong"),  # PLANTED: 2 + 3 = 5, not 6
        (9, "arithmetic", "right"),  # 16 + 5 = 21
        (11, "arithmetic", "right"),  # 2 * 8 = 16
        (11, "arithmetic", "right"),  # 2 per block x 8 = 16 (the per-unit reader, as before)
    ],
    "04_same_depth_told_twice.md": [
        (3, "model", "right"),  # GoogLeNet: 22 layers with weights (Szegedy et al. 2014, Table 1)
        (5, "model", "right"), (5, "model", "right"),  # ResNet-34: 34 (its name's), as before
        # line 7: 8 and 11: two figures of one kind, not read
        (9, "model", "wrong"),  # PLANTED: AlexNet has 8 layers with weights (5 conv + 3 FC), not 9
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_rb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
