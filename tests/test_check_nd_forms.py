"""`cnnstat check` on forms of real notes that were left unjudged (issue 19, helper nd:
judged hunter, sets m1-m3). Mistakes are marked WRONG with their true value; the correct
twins are ``hostile_correct/nd-*.md``.

Mechanisms:
- a tensor's shape beside the count of its elements, a parameter listing's row
  (``(96, 3, 11, 11)  param: 34848``, ``torch.Size([16, 1, 5, 5])  numel: 400``,
  ``[3, 3, 64, 128] -> 73,728 weights``): the product of the sides; the listing's total
  under its rows is their sum (``paramcounts/tensorcount``);
- a calculation typed alone as a notebook cell's last line (or after ``>>>``, ``In [n]:``)
  and the one number echoed under it: Python's value (``codeforms/echoed``);
- a Keras model's comment blocks over each layer, ``# input shape = 28x28x16`` and ``#
  output shape = 4608`` (x's, no bracket; one side alone after its word), the first
  block's input the model's where ``input_shape`` is a name; a block past a blank line is
  the layer below's alone, so an input copied from the block above is wrong
  (``codeforms/kerascode``, ``kerasinput``); ``# hidden layer - 64 nodes, each with 4608
  weights`` counts one unit and names a layer: no flat size, no layer count
  (``kerasflat``, ``prosein.PER_UNIT``);
- a table drawn with box-drawing characters (``│``, ``┼``, ``║``, ``╬``) is read as the pipe
  table it draws, a one-cell frame blanked (``reading/boxtable``);
- a label, ``=`` and a bare product on one line (``MACs = 64 × 32 × 3 × 3 × 224 × 224``),
  its result on the next (``= 2.97 billion``): the chain's first step, held for the
  result under it (``arithmetic/arithchain.steps_across``);
- a fence labelled Python that holds a worked answer (no parse, no statement, a sign
  Python does not write or a result after ``=``) is read as text (``reading/mathfence``);
- a decimal raised to a whole power (``0.9^{50} = 0.0052``) is computed to 10^-18 rather
  than refused for its exact denominator (``reading/grammar.value``);
- a heading that is a paper's title names the paper's network for its section
  (``modelfacts/papertitles``); a depth under it that describes a network (``4층 컨볼루션
  신경망``) or ends a list of depths (``100개와 1000개의 레이어``) is unsure where it would
  be wrong (``modelfacts/factlines``);
- a summary's footer pasted without its table: the estimated total is its three sizes
  added; the input's size from a ``summary(...)`` call above and the params' size from a
  ``Total params`` line are right where they are float32 bytes in MB or MiB
  (``summary/footer``);
- a layer written as a record of fields (JavaScript object, JSON/YAML mapping, Python
  dict: ``input``, ``kernel``, ``stride``, ``padding``, ``filters``, ``output``): the
  output by the layer algebra (``maps/fieldlines``, its ``FieldRecord``);
- a conv's or a pooling's call with ``A → B`` in its comment (``nn.MaxPool2d(2),  # 224 →
  112``): B is the layer's output side for A (``codeforms/sidearrow``);
- a layer built in code (``conv = nn.Conv2d(16, 32, 3)``), then ``print(f"{conv.weight.shape}")``,
  ``{conv.bias.numel()}`` or a count of its parameters with the printed value in a
  comment (``codeforms/printed``); a tensor's shape printed beside its comment is judged
  against its own layer, not one printed before (``torchcode``; twin nd-12 line 11).

Expected values: plain arithmetic in the comments.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/nd_forms"

EXPECTED = {
    "01_tensor_listing.md": [
        (7, "params", "right"),  # 32*3*3*3 = 864
        (8, "params", "right"),  # (32,) = 32
        (9, "params", "wrong"),  # WRONG: 64*32*3*3 = 18,432, not 18,423
        (10, "params", "right"),  # 64
        (11, "params", "right"),  # 10*4096 = 40,960
        (12, "params", "right"),  # 10
        # line 14: the total adds a wrong row (60,353 as written, 60,362 corrected): not judged
        (22, "params", "right"),  # 16*1*5*5 = 400
        (23, "params", "right"),  # 16
        (24, "params", "right"),  # 10*256 = 2,560
        (25, "params", "right"),  # 10
        (26, "params", "right"),  # 400 + 16 + 2,560 + 10 = 2,986
        (33, "params", "right"),  # 3*3*64*128 = 73,728
        (34, "params", "right"),  # 128
        (35, "params", "wrong"),  # WRONG: 73,728 + 128 = 73,856, not 73,865
    ],
    "02_echoed_cells.md": [
        (6, "arithmetic", "right"),  # 400 + 16 + 4,608 + 32 = 5,056, echoed under it
        (10, "arithmetic", "right"),  # 5056
        (20, "arithmetic", "wrong"),  # WRONG: 16*25*576 = 230,400, not 203,400
        (26, "arithmetic", "info"),  # (the arithmetic reader's note on the floor division)
        (26, "arithmetic", "right"),  # (28 - 5) // 1 + 1 = 24
        (27, "arithmetic", "right"),  # 24
        (28, "arithmetic", "right"),  # 24 / 2 = 12.0
        (29, "arithmetic", "right"),  # 12.0
        (31, "arithmetic", "wrong"),  # WRONG: 2 ** 10 = 1024, not 1042
        # lines 38-43: the calculation is not the cell's last line: nothing echoed
    ],
    "03_keras_comment_blocks.md": [
        # line 10: the model's input (input_shape=img_shape, a name): read, not judged
        (11, "shape", "right"),  # 32 - 5 + 1 = 28: 28x28x16
        (15, "shape", "right"),  # the conv's output
        (16, "shape", "right"),  # 2x2 pool: 14x14x16
        (20, "shape", "right"),  # the pool's output
        (21, "shape", "wrong"),  # WRONG: 14 - 3 + 1 = 12: 12x12x32, not 13x13x32
        (25, "shape", "right"),  # 12x12x32
        (26, "shape", "right"),  # 12*12*32 = 4,608
        # line 29: one node's weights, under a layer's name: not read
        (30, "shape", "right"),  # 4608
        (31, "shape", "right"),  # Dense(64): 64
        (35, "shape", "wrong"),  # WRONG: Dense(5)'s input is Dense(64)'s output, 64
        (36, "shape", "right"),  # Dense(5): 5
    ],
    "04_box_tables.md": [
        (7, "model", "right"),  # ResNet-50: 25,557,032 (torchvision)
        (8, "model", "right"),  # VGG-16: 138,357,544 (torchvision)
        (9, "model", "wrong"),  # WRONG: MobileNetV2 has 3,504,872 (torchvision), not 34M
        (16, "shape", "right"),  # 32 - 3 + 1 = 30
        (17, "shape", "right"),  # 30 / 2 = 15
    ],
    "05_label_then_result.md": [
        (5, "arithmetic", "right"),  # 9*64*128 = 73,728
        (8, "arithmetic", "right"),  # 2*56*56*64*64 = 25,690,112 = 25.7 million
        (11, "arithmetic", "right"),  # 28*28*192*16 = 2,408,448, about 240만
        (14, "arithmetic", "wrong"),  # WRONG: 112*112*32*27 = 10,838,016 (10.8 million)
        (17, "arithmetic", "wrong"),  # WRONG: 32*32*16 = 16,384
    ],
    "06_python_fence_answers.md": [
        # lines 6-7: code, read as code (nothing claimed)
        (13, "arithmetic", "right"),  # 9*16*32 = 4,608
        (16, "arithmetic", "right"),  # 4,608 + 32 = 4,640
        (22, "arithmetic", "right"),  # floor(59/2) + 1 = 30
        (29, "arithmetic", "info"),  # 256*10 + 10 held for the line under it
        (30, "arithmetic", "wrong"),  # WRONG: 256*10 + 10 = 2,570, not 2,580
    ],
    "07_decimal_powers.md": [  # Python's float powers
        (3, "arithmetic", "right"),  # 0.8**40 = 0.000133
        (4, "arithmetic", "right"),  # 1.05**40 = 7.040
        (5, "arithmetic", "right"),  # 1.02**60 = 3.281
        (6, "arithmetic", "wrong"),  # WRONG: 0.95**60 = 0.0461, not 0.46
    ],
    "08_paper_title_heading.md": [  # Simonyan & Zisserman, ICLR 2015
        (5, "model", "right"),  # VGG: 16 to 19 weight layers
        (6, "model", "right"),  # VGG-16: 138,357,544 parameters
        (10, "model", "right"),  # Sec. 3.1: batch size 256
        (11, "model", "right"),  # momentum 0.9
        (12, "model", "wrong"),  # WRONG: weight decay 5*10^-4 = 0.0005, not 0.005
        (13, "model", "right"),  # dropout 0.5
    ],
    "09_summary_footer.md": [
        (10, "memory", "right"),  # 3*64*64*4 / 2^20 = 0.047 MiB: 0.05
        (12, "memory", "right"),  # 250,000*4 / 2^20 = 0.95 MiB
        (13, "memory", "wrong"),  # WRONG: 0.05 + 6.12 + 0.95 = 7.12, not 7.21
    ],
    "10_layer_records.md": [
        (12, "shape", "right"),  # (128 + 4 - 5)//2 + 1 = 64, 32 filters
        (20, "shape", "wrong"),  # WRONG: a 3x3/2 pool on 64: (64 - 3)//2 + 1 = 31, not 32
        (29, "shape", "right"),  # 31 - 3 + 1 = 29, 48 filters
    ],
    "11_sides_beside_calls.md": [
        (5, "shape", "right"),  # (96 + 4 - 5)//2 + 1 = 48
        (7, "shape", "right"),  # 48 // 2 = 24
        (8, "shape", "wrong"),  # WRONG: a 3x3 conv without padding: 24 - 3 + 1 = 22
        (9, "shape", "right"),  # (22 - 3)//2 + 1 = 10
        (14, "shape", "right"),  # (31 - 3)//2 + 1 = 15
    ],
    "12_printed_layer_tensors.md": [  # torch: nn.Linear(256, 10).weight.shape == (10, 256)
        (6, "arithmetic", "right"),  # 256*10 + 10 = 2,570
        (7, "arithmetic", "wrong"),  # WRONG: PyTorch stores (out, in): [10, 256]
        (8, "arithmetic", "right"),  # 10 biases
        (11, "arithmetic", "wrong"),  # WRONG: 32*16*3*3 = 4,608, not 4,680
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_nd_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
