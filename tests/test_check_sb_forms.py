"""`cnnstat check` on forms of output sizes and shapes met in real notes (issue 19, helper
sb: walkthroughs in prose and code). Planted mistakes are marked PLANTED with their true
value.

Mechanisms:
- a line naming a flatten that works its length out one sheet at a time (``a (20,20,6)
  block: 400 values on each sheet, times 6 gives 2400``): a first count that is the product
  of two of the map's sides (one sheet's values) is a step of the working, and the length
  is the larger count after it; with no count after it, the line is left unjudged
  (``maps/flatcount``);
- a shape in the comment on a Keras model's ``Sequential()`` line whose batch letter
  carries a gloss in brackets (``(N(batch_size, rows), 6, 6, 1)``): read as the shape it
  is, the model's input, against the first layer's ``input_shape`` (``codeforms/kerasprose``
  SHAPE, read by ``codeforms/kerascode``);
- a Keras summary pasted under the model's code (``model.summary()``, then the printed
  table, here as comments): each row's output against the layer the code builds at its
  place, up to the first row the code cannot give (a printout kept from before
  ``strides=2, padding='same'`` were added); the rows under it go on from the printed
  shape and are the summary's own chain (``codeforms/kerasbelow``);
- a quiz's question set out in statements and asked in a last sentence with no number,
  Korean's imperative (``... 적용했다. 출력 텐서의 shape을 구하시오``) or a part labelled
  ``2)``: a new problem, its map no output of the answer above (``reading/questions.posed``,
  read by ``maps/walkthrough``; the old code called the next question's input a wrong
  output), and its answer the callout right under it (``<aside> 💡 ... $64\\times 64
  \\times 16$``) judged through the question's layer (``maps/answers``);
- a walkthrough's layer with its stride in words (``a stride of two``: 2) and a line whose
  first map is named as what goes in (``a 64x64x3 RGB image which passes through ...``,
  ``a 40x40x8 input goes through ...``) and whose last is what comes out: the pair judged
  through the line's layer (``maps/walkthrough``);
- prose under a Keras model naming one of its layers by its place among its class
  (``after the second MaxPooling2D``, ``두 번째 Conv2D의 출력``) with a shape: judged against
  that layer's output in the code above; a later bare mention of the class takes the place
  an earlier one on the line gave; a supposition (``if ... would``) is not read
  (``codeforms/kerasordinal``, the layers kept by ``codeforms/kerasbelow``);
- a map stated with no word over the first conv of a PyTorch ``__init__`` (``# size: 3 x
  40 x 100`` over ``nn.Conv2d(3, 12, 5)  # 12 x 36 x 96``), its channels the conv's
  ``in_channels`` and not its filters: the module's input, seeding the chain the layer's
  own comment is judged on (``codeforms/initwalk``).

Expected values: plain arithmetic in the comments (a flatten of H x W x C gives H*W*C; a
valid conv n - k + 1, as torch's nn.Conv2d gives on zeros of that size).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sb_forms"

EXPECTED = {
    "01_flatten_per_sheet_then_total.md": [
        (3, "shape", "right"),  # 12*12 = 144 a sheet, 144*8 = 1152
        (5, "shape", "wrong"),  # PLANTED: 9*9*4 = 324, not 342 (81 a sheet is a step)
        (7, "shape", "right"),  # 10*10 = 100 a sheet, 100*3 = 300
        # line 9: 49 = 7*7 is one sheet's values and no length follows: not judged
    ],
    "02_batch_letter_with_gloss.md": [
        (4, "shape", "wrong"),  # PLANTED: input_shape=(8, 8, 1), so the input is (N, 8, 8, 1)
        (5, "shape", "right"),  # 8 - 3 + 1 = 6 -> (N, 6, 6, 4)
        (6, "shape", "right"),  # 6*6*4 = 144
        (9, "shape", "right"),  # input_shape=(12, 12, 3)
        (10, "shape", "right"),  # 12 - 3 + 1 = 10 -> (N, 10, 10, 5)
        (11, "shape", "right"),  # 10*10*5 = 500
    ],
    "03_summary_under_changed_code.md": [
        (18, "shape", "wrong"),  # PLANTED: 'same', stride 2 on 12: ceil(12/2) = 6 -> (6, 6, 6), not 12x12
        (18, "summary", "right"),  # (3*3*1 + 1)*6 = 60
        (20, "summary", "right"), (20, "summary", "right"),  # (2*2*6 + 1)*4 = 100; 12-2+1 = 11
        (22, "summary", "right"), (22, "summary", "right"),  # 0; 11*11*4 = 484 (the printed chain)
        (24, "summary", "right"),  # (484 + 1)*2 = 970
        (26, "summary", "right"),  # 60 + 100 + 970 = 1,130
        (44, "shape", "right"), (44, "summary", "right"),  # 'same': 16x16x8; (27 + 1)*8 = 224
        (46, "shape", "right"), (46, "summary", "right"), (46, "summary", "right"),  # 16/2 = 8
        (48, "shape", "right"), (48, "summary", "right"), (48, "summary", "right"),  # 8-3+1 = 6; (72 + 1)*4 = 292
        (50, "shape", "right"), (50, "summary", "right"), (50, "summary", "right"),  # 6*6*4 = 144
        (52, "summary", "right"),  # 224 + 292 = 516
    ],
    "04_quiz_answer_in_callout.md": [
        (5, "shape", "wrong"),  # PLANTED: 64 - 3 + 1 = 62 -> 62x62x16, not 64x64x16
        # line 9: the next question's 32x32x8 is its own input, no output of line 5's
        (11, "shape", "right"),  # 32/2 = 16, the 8 channels kept: 16x16x8
        (17, "shape", "right"),  # 40 - 5 + 1 = 36, 6 filters: 36x36x6
        # line 21: a callout under no question: not read
    ],
    "05_stride_in_words.md": [
        (3, "shape", "right"),  # 64 - 5 + 1 = 60, 16 filters: 60x60x16
        (5, "shape", "right"),  # floor((60 - 3)/2) + 1 = 29, 32 filters
        (7, "shape", "wrong"),  # PLANTED: floor((40 - 3)/2) + 1 = 19 -> 19x19x8, not 20x20x8
    ],
    "06_keras_layer_by_its_place.md": [
        (13, "shape", "right"),  # 'same' keeps 32; 32/2 = 16, 16 channels
        (15, "shape", "right"),  # second conv, 'same': 16x16, 32 filters
        (15, "shape", "wrong"),  # PLANTED: the second pooling halves 16 -> (8, 8, 32)
        (17, "shape", "right"), (17, "shape", "right"),  # (16, 16, 32), then 16/2 = 8
        # line 19: a supposition (no padding): not read
    ],
    "07_input_over_first_conv.md": [
        (8, "shape", "right"),  # 40 - 5 + 1 = 36, 100 - 5 + 1 = 96, 12 filters
        (9, "shape", "right"),  # 36/2 = 18, 96/2 = 48
        (10, "shape", "wrong"),  # PLANTED: 48 - 3 + 1 = 46 -> 24 x 16 x 46, not 45
        (18, "shape", "right"),  # 28 - 3 + 1 = 26, 8 filters
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
