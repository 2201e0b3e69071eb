"""`cnnstat check` on pasted model summaries of every style (issue 19, form 1).

Each fixture is a small model of our own, printed in the layout of one tool. Every
expected (line, kind, verdict) is worked out by hand in the comment beside it; the
torch tests at the bottom build the same models in PyTorch and take their sizes from
torch, so the hand arithmetic is checked by a source independent of cnnstat. A claim
the checker makes that is not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

KERAS2 = """\
# Keras 2.13: blank separators, cells cut by width

```
Model: "demo"
_________________________________________________________________
 Layer (type)                Output Shape              Param #
=================================================================
 input_1 (InputLayer)        [(None, 32, 32, 3)]       0

 conv2d (Conv2D)             (None, 30, 30, 16)        448

 batch_normalization (Batch  (None, 30, 30, 16)        64
 Normalization)

 max_pooling2d (MaxPooling2  (None, 15, 15, 16)        0
 D)

 conv2d_1 (Conv2D)           (None, 13, 13, 24)        3480

 global_average_pooling2d (  (None, 24)                0
 GlobalAveragePooling2D)

 dense (Dense)               (None, 7)                 175

=================================================================
Total params: 4167 (16.28 KB)
Trainable params: 4135 (16.15 KB)
Non-trainable params: 32 (128.00 Byte)
_________________________________________________________________
```
"""
KERAS2_EXPECTED = [
    (10, "summary", "right"),    # 16*(3*3*3 + 1) = 448 (the input row above: 3 channels)
    (10, "summary", "right"),    # 3x3, stride 1, no padding: 32 - 3 + 1 = 30
    (12, "summary", "right"),   # Keras batch norm: 4*16 = 64 (its type cut over two lines)
    (15, "summary", "right"),   # pooling: no parameters ...
    (15, "summary", "right"),   # ... 2x2/2: 30 -> 15, 16 channels
    (18, "summary", "right"),   # 24*(3*3*16 + 1) = 3,480
    (18, "summary", "right"),   # 15 - 3 + 1 = 13
    (20, "summary", "right"),   # global pooling: no parameters ...
    (20, "summary", "right"),   # ... one value per channel: 24
    (23, "summary", "right"),   # 7*(24 + 1) = 175
    (26, "summary", "right"),   # 448 + 64 + 3,480 + 175 = 4,167 ...
    (26, "summary", "right"),   # ... 4,167*4 = 16,668 bytes / 1024 = 16.28 KB
    (27, "summary", "right"),   # 4,167 - 2*16 moving statistics = 4,135 ...
    (27, "summary", "right"),   # ... 4,135*4 / 1024 = 16.15 KB
    (28, "summary", "right"),   # 32*4 = 128 bytes: "128.00 Byte" ...
    (28, "summary", "right"),   # ... 4,167 - 4,135 = 32
]

KERAS3 = """\
# Keras 3: box drawing; a type on the line under its name; one wrong count

```
Model: "small"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 26, 26, 12)     │           120 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ batch_normalization             │ (None, 26, 26, 12)     │            48 │
│ (BatchNormalization)            │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 12)     │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 11, 11, 20)     │         2,170 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 2420)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 10)             │        24,210 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 26,558 (103.74 KB)
 Trainable params: 26,534 (103.65 KB)
 Non-trainable params: 24 (96.00 B)
```
"""
KERAS3_EXPECTED = [
    (8, "summary", "right"),    # first row on a 1-channel image: 12*(3*3*1 + 1) = 120
    (10, "summary", "right"),   # 4*12 = 48 (the type is on line 11)
    (13, "summary", "right"),   # pooling: 0 ...
    (13, "summary", "right"),   # ... 26 -> 13, 12 channels
    (15, "summary", "wrong"),   # 20*(3*3*12 + 1) = 2,180; 2,170 is no multiple of 20
    (17, "summary", "right"),   # flatten: 0 ...
    (17, "summary", "right"),   # ... 11*11*20 = 2,420
    (19, "summary", "right"),   # 10*(2,420 + 1) = 24,210
    (21, "summary", "right"),   # 120 + 48 + 2,180 (the row corrected) + 24,210 = 26,558 ...
    (21, "summary", "right"),   # ... 26,558*4 / 1024 = 103.74 KB
    (22, "summary", "right"),   # 26,558 - 2*12 = 26,534 ...
    (22, "summary", "right"),   # ... 26,534*4 / 1024 = 103.65 KB
    (23, "summary", "right"),   # 24*4 = 96 bytes ...
    (23, "summary", "right"),   # ... 26,558 - 26,534 = 24
]

FUNCTIONAL = """\
# Keras functional: "Connected to"; a concatenation written with the wrong width

```
__________________________________________________________________________________________________
 Layer (type)                   Output Shape         Param #     Connected to
==================================================================================================
 input_1 (InputLayer)           [(None, 16, 16, 8)]  0           []

 branch_a (Conv2D)              (None, 16, 16, 4)    36          ['input_1[0][0]']

 branch_b (Conv2D)              (None, 16, 16, 6)    438         ['input_1[0][0]']

 pool_c (MaxPooling2D)          (None, 16, 16, 8)    0           ['input_1[0][0]']

 merged (Concatenate)           (None, 16, 16, 20)   0           ['branch_a[0][0]',
                                                                  'branch_b[0][0]',
                                                                  'pool_c[0][0]']

 gap (GlobalAveragePooling2D)   (None, 20)           0           ['merged[0][0]']

 head (Dense)                   (None, 3)            57          ['gap[0][0]']

==================================================================================================
Total params: 531
Trainable params: 531
Non-trainable params: 0
__________________________________________________________________________________________________
```
"""
FUNCTIONAL_EXPECTED = [
    (9, "summary", "right"),    # 1x1 on the 8-channel input: 4*(8 + 1) = 36
    (9, "summary", "right"),    # 1x1, stride 1: 16 -> 16
    (11, "summary", "right"),   # 3x3 on the input, not on branch_a: 6*(72 + 1) = 438
    (11, "summary", "right"),   # 3x3, padding 1: 16 -> 16
    (13, "summary", "right"),   # pooling: 0 ...
    (13, "summary", "right"),   # ... 8 channels, a 3x3/1 window padded by 1 keeps 16
    (15, "summary", "right"),   # concatenation: 0 ...
    (15, "summary", "wrong"),   # ... 4 + 6 + 8 = 18 channels, not 20
    (19, "summary", "right"),   # 0 ...
    (19, "summary", "wrong"),   # ... one value per channel of the 18 (the row above, rebuilt)
    (21, "summary", "right"),   # 3*(18 + 1) = 57
    (24, "summary", "right"),   # 36 + 438 + 57 = 531
    (25, "summary", "right"),   # no batch norm: every parameter trains
    (26, "summary", "right"),   # 531 - 531 = 0
]

TORCHSUMMARY = """\
# torchsummary; the last layer's count mistyped

```
----------------------------------------------------------------
        Layer (type)               Output Shape         Param #
================================================================
            Conv2d-1            [-1, 8, 24, 24]             608
       BatchNorm2d-2            [-1, 8, 24, 24]              16
              ReLU-3            [-1, 8, 24, 24]               0
         MaxPool2d-4            [-1, 8, 12, 12]               0
            Conv2d-5           [-1, 16, 12, 12]           1,168
              ReLU-6           [-1, 16, 12, 12]               0
 AdaptiveAvgPool2d-7             [-1, 16, 1, 1]               0
            Linear-8                  [-1, 5]              86
================================================================
Total params: 1,877
Trainable params: 1,877
Non-trainable params: 0
----------------------------------------------------------------
Input size (MB): 0.01
Forward/backward pass size (MB): 0.15
Params size (MB): 0.01
Estimated Total Size (MB): 0.16
----------------------------------------------------------------
```
"""
TORCHSUMMARY_EXPECTED = [
    (7, "summary", "right"),    # first row, RGB: 8*(5*5*3 + 1) = 608
    (8, "summary", "right"),    # PyTorch batch norm: 2*8 = 16
    (9, "summary", "right"),    # ReLU: 0 ...
    (9, "summary", "right"),    # ... the shape of its input
    (10, "summary", "right"),   # pooling: 0 ...
    (10, "summary", "right"),   # ... 2x2/2: 24 -> 12
    (11, "summary", "right"),   # 16*(3*3*8 + 1) = 1,168 ...
    (11, "summary", "right"),   # ... 3x3, padding 1: 12 -> 12
    (12, "summary", "right"),   # 0 ...
    (12, "summary", "right"),   # ... the shape of its input
    (13, "summary", "right"),   # 0 ...
    (13, "summary", "right"),   # ... 16 channels at 1x1
    (14, "summary", "wrong"),   # 5*(16 + 1) = 85; 86 is no multiple of 5
    (16, "summary", "right"),   # 608 + 16 + 1,168 + 85 (corrected) = 1,877
    (17, "summary", "right"),   # no frozen layer was printed: trainable = total
    (18, "summary", "right"),   # 1,877 - 1,877 = 0
    # output elements: 3 x 8*24*24 + 8*12*12 + 2 x 16*12*12 + 16 + 5 = 19,605;
    # 2 x 19,605 x 4 bytes / 2^20 = 0.1496 MiB
    (21, "summary", "right"),
    (22, "summary", "right"),   # 1,877*4 / 2^20 = 0.0072 -> 0.01
    (23, "summary", "right"),   # estimated: 0.01 + 0.15 + 0.01 = 0.17 +- 0.02: 0.16 fits
]

TORCHINFO = """\
# torchinfo: depth-indented rows

```
==========================================================================================
Layer (type:depth-idx)                   Output Shape              Param #
==========================================================================================
Sequential                               [1, 4]                    --
├─Conv2d: 1-1                            [1, 8, 32, 32]            224
├─BatchNorm2d: 1-2                       [1, 8, 32, 32]            16
├─ReLU: 1-3                              [1, 8, 32, 32]            --
├─MaxPool2d: 1-4                         [1, 8, 16, 16]            --
├─Sequential: 1-5                        [1, 16, 16, 16]           --
│    └─Conv2d: 2-1                       [1, 16, 16, 16]           1,152
│    └─BatchNorm2d: 2-2                  [1, 16, 16, 16]           32
│    └─ReLU: 2-3                         [1, 16, 16, 16]           --
├─AdaptiveAvgPool2d: 1-6                 [1, 16, 1, 1]             --
├─Flatten: 1-7                           [1, 16]                   --
├─Linear: 1-8                            [1, 4]                    68
==========================================================================================
Total params: 1,492
Trainable params: 1,492
Non-trainable params: 0
Total mult-adds (M): 0.62
==========================================================================================
Input size (MB): 0.01
Forward/backward pass size (MB): 0.20
Params size (MB): 0.01
Estimated Total Size (MB): 0.21
==========================================================================================
```
"""
TORCHINFO_EXPECTED = [
    (8, "summary", "right"),    # first row, RGB: 8*(3*3*3 + 1) = 224
    (9, "summary", "right"),    # 2*8 = 16
    (10, "summary", "right"),    # "--": no parameters ...
    (10, "summary", "right"),    # ... the shape of its input
    (11, "summary", "right"),   # 0 ...
    (11, "summary", "right"),   # ... 2x2/2: 32 -> 16
    # line 12 is a block (its rows follow, one deeper): not judged
    (13, "summary", "right"),   # reads the pooling row, not the block: 16*8*3*3 = 1,152
    (13, "summary", "right"),   # 3x3, padding 1: 16 -> 16
    (14, "summary", "right"),   # 2*16 = 32
    (15, "summary", "right"),   # 0 ...
    (15, "summary", "right"),   # ... its input's shape
    (16, "summary", "right"),   # 0 ...
    (16, "summary", "right"),   # ... 16 channels at 1x1
    (17, "summary", "right"),   # 0 ...
    (17, "summary", "right"),   # ... 16*1*1 = 16
    (18, "summary", "right"),   # 4*(16 + 1) = 68
    (20, "summary", "right"),   # 224 + 16 + 1,152 + 32 + 68 = 1,492
    (21, "summary", "right"),   # trainable = total
    (22, "summary", "right"),   # 1,492 - 1,492 = 0
    # torchinfo's mult-adds: conv 224 x 32*32 + 1,152 x 16*16 and 16 + 32 + 68 for the
    # others = 229,376 + 294,912 + 116 = 524,404 = 0.52 M, not 0.62
    (23, "summary", "wrong"),
    (27, "summary", "right"),   # 1,492*4 / 10^6 = 0.006 -> 0.01 MB
    # the estimated total is input + pass + params before rounding: 0.01 + 0.20 + 0.01
    # printed, each within 0.005, so the total lies within 0.22 +- 0.015: 0.21 fits
    (28, "summary", "right"),
]

FASTAI = """\
# fastai learn.summary(): batch first, a Trainable column

```
Layer (type)         Output Shape         Param #    Trainable
================================================================
Conv2d               32 x 6 x 12 x 12     60         True
________________________________________________________________
ReLU                 32 x 6 x 12 x 12     0          False
________________________________________________________________
Conv2d               32 x 10 x 6 x 6      550        True
________________________________________________________________
Flatten              32 x 360             0          False
________________________________________________________________
Linear               32 x 5               1,805      True
________________________________________________________________

Total params: 2,415
Total trainable params: 2,415
Total non-trainable params: 0
```
"""
FASTAI_EXPECTED = [
    (6, "summary", "right"),    # first row, one channel: 6*(3*3 + 1) = 60
    (8, "summary", "right"),    # 0 ...
    (8, "summary", "right"),    # ... the shape of its input
    (10, "summary", "right"),   # 10*(3*3*6 + 1) = 550 ...
    (10, "summary", "right"),   # ... 3x3, stride 2, padding 1: (12 + 2 - 3)//2 + 1 = 6
    (12, "summary", "right"),   # 0 ...
    (12, "summary", "right"),   # ... 10*6*6 = 360
    (14, "summary", "right"),   # 5*(360 + 1) = 1,805
    (17, "summary", "right"),   # 60 + 550 + 1,805 = 2,415
    (18, "summary", "right"),   # trainable = total
    (19, "summary", "right"),   # 2,415 - 2,415 = 0
]

DL4J = """\
# DL4J ComputationGraph summary; the output layer's count mistyped

```
===============================================================================================
VertexName (VertexType)        nIn,nOut   TotalParams   ParamsShape                  Vertex Inputs
===============================================================================================
in (InputVertex)               -,-        -             -                            -
c1 (ConvolutionLayer)          1,4        40            W:{4,1,3,3}, b:{1,4}         [in]
p1 (SubsamplingLayer)          -,-        0             -                            [c1]
c2 (ConvolutionLayer)          4,8        296           W:{8,4,3,3}, b:{1,8}         [p1]
d1 (DenseLayer)                200,16     3,216         W:{200,16}, b:{1,16}         [c2]
out (OutputLayer)              16,3       54            W:{16,3}, b:{1,3}            [d1]
-----------------------------------------------------------------------------------------------
            Total Parameters:  3,603
        Trainable Parameters:  3,603
           Frozen Parameters:  0
===============================================================================================
```
"""
DL4J_EXPECTED = [
    (8, "summary", "right"),    # 4*1*3*3 + 1*4 = 40
    (10, "summary", "right"),   # 8*4*3*3 + 1*8 = 296
    (11, "summary", "right"),   # dense 200 -> 16: (200 + 1)*16 = 3,216 ...
    (11, "summary", "right"),   # ... 200*16 + 1*16 = 3,216 from ParamsShape
    (12, "summary", "wrong"),   # (16 + 1)*3 = 51, not 54 ...
    (12, "summary", "wrong"),   # ... 16*3 + 1*3 = 51 from ParamsShape
    (14, "summary", "right"),   # 40 + 0 + 296 + 3,216 + 51 (corrected) = 3,603
    (15, "summary", "right"),   # trainable = total
    (16, "summary", "right"),   # 3,603 - 3,603 = 0
]

DOCSTRING = """\
# A docstring table of params and MACs (stride-2 net on a 64x64 RGB image)

    Layer                                  params        macs
    -----------------------------------------------------------
    TinyNet/Conv2d_0/Conv2D:               216           221,184
    TinyNet/Conv2d_1_depthwise/depthwise:  72            18,432
    TinyNet/Conv2d_1_pointwise/Conv2D:     128           32,768
    TinyNet/Conv2d_2_depthwise/depthwise:  144           9,216
    TinyNet/Logits/Conv2D:                 170           160
    -----------------------------------------------------------
    Total:                                 730           281,000
"""
DOCSTRING_EXPECTED = [
    (5, "summary", "right"),    # 3*3*3*8 = 216 weights at 32x32 positions: 221,184
    (6, "summary", "right"),    # 3*3*8 = 72 at 16x16 = 18,432
    (7, "summary", "right"),    # 8*16 = 128 at 16x16 = 32,768
    (8, "summary", "right"),    # 3*3*16 = 144 at 8x8 = 9,216
    # line 9: 160 weights and 10 biases; 160/170 is no whole number of positions: unsure
    (11, "summary", "right"),   # 216 + 72 + 128 + 144 + 170 = 730
    # 221,184 + 18,432 + 32,768 + 9,216 + 160 = 281,760, not 281,000
    (11, "summary", "wrong"),
]

PLAIN = """\
# A whitespace-aligned table and a markdown table without outer pipes

Layer        Output             Params
Conv2d       [-1, 6, 28, 28]    456
MaxPool2d    [-1, 6, 14, 14]    0
Conv2d       [-1, 16, 10, 10]   2,416
MaxPool2d    [-1, 16, 5, 5]     0
Linear       [-1, 120]          48,120
Total params: 50,992

Layer | Output Shape | Param #
--- | --- | ---
Conv2d-1 | [-1, 4, 30, 30] | 112
Conv2d-2 | [-1, 8, 28, 28] | 292
Linear-3 | [-1, 10] | 62,730
"""
PLAIN_EXPECTED = [
    (4, "summary", "right"),    # first row, RGB: 6*(5*5*3 + 1) = 456
    (5, "summary", "right"),    # 0 ...
    (5, "summary", "right"),    # ... 2x2/2: 28 -> 14
    (6, "summary", "right"),    # 16*(5*5*6 + 1) = 2,416 ...
    (6, "summary", "right"),    # ... 14 - 5 + 1 = 10
    (7, "summary", "right"),    # 0 ...
    (7, "summary", "right"),    # ... 10 -> 5
    (8, "summary", "right"),    # 120*(16*5*5 + 1) = 48,120
    (9, "summary", "right"),    # 456 + 2,416 + 48,120 = 50,992
    (13, "summary", "right"),   # first row, RGB: 4*(3*3*3 + 1) = 112
    # line 14: 8*(3*3*4 + 1) = 296; 292 is no multiple of 8
    (14, "summary", "wrong"),
    # line 15: 10*(8*28*28 + 1) = 62,730 if it read the row above; but a table with no
    # edges may feed a layer from a tensor not printed: a multiple of 10 that fits no
    # row is left unsure. It does fit: 8*28*28 = 6,272; (6,272 + 1)*10 = 62,730.
    (15, "summary", "right"),
]

# a grouped convolution (groups=4, 32 -> 64, 3x3): 64*(8*3*3) + 64 = 4,672. No plain,
# depthwise or 1xk kernel gives it from 32 channels, and a table with no edges may
# hold any input: unsure, no claim.
GROUPED = """\
```
        Layer (type)               Output Shape         Param #
================================================================
            Conv2d-1           [-1, 32, 16, 16]             896
            Conv2d-2           [-1, 64, 16, 16]           4,672
================================================================
```
"""
GROUPED_EXPECTED = [
    (4, "summary", "right"),    # first row, RGB: 32*(27 + 1) = 896
]

CASES = {
    "keras2": (KERAS2, KERAS2_EXPECTED),
    "keras3": (KERAS3, KERAS3_EXPECTED),
    "functional": (FUNCTIONAL, FUNCTIONAL_EXPECTED),
    "torchsummary": (TORCHSUMMARY, TORCHSUMMARY_EXPECTED),
    "torchinfo": (TORCHINFO, TORCHINFO_EXPECTED),
    "fastai": (FASTAI, FASTAI_EXPECTED),
    "dl4j": (DL4J, DL4J_EXPECTED),
    "docstring": (DOCSTRING, DOCSTRING_EXPECTED),
    "plain": (PLAIN, PLAIN_EXPECTED),
    "grouped": (GROUPED, GROUPED_EXPECTED),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_summary_style(name):
    from cnnstat.notes.check import check_text

    text, expected = CASES[name]
    found = Counter((c.line, c.kind, c.verdict) for c in check_text(text).claims
                    if c.kind == "summary")
    assert found == Counter(expected)


def test_wrong_rows_name_the_value():
    from cnnstat.notes.check import check_text

    claims = [c for c in check_text(KERAS3).claims if c.verdict == "wrong"]
    assert [(c.line, c.actual) for c in claims] == [(15, 2180)]
    claims = [c for c in check_text(FUNCTIONAL).claims if c.verdict == "wrong"]
    assert [(c.line, c.actual) for c in claims] == [(15, "18x16x16"), (19, "18")]
    claims = [c for c in check_text(TORCHSUMMARY).claims if c.verdict == "wrong"]
    assert [(c.line, c.actual) for c in claims] == [(14, 85)]


def test_fix_rewrites_the_wrong_count():
    from cnnstat.notes.check import check_text

    edits = [e for c in check_text(KERAS3).claims for e in c.edits]
    line = KERAS3.splitlines()[edits[0].line - 1]
    assert line[edits[0].start:edits[0].end] == "2,170" and edits[0].new == "2,180"


def test_a_long_pasted_table_raises_no_alarm():
    """20,000 rows (1.3 MB) of a consistent torchsummary chain, every count and shape
    worked out here by hand arithmetic: no row is called wrong, every conv is judged.
    The reader's cost per row is bounded (bounded expressions, a bounded look-back);
    benchmarks/summary_speed.py measures it."""
    from cnnstat.notes.summary import Summary

    s = Summary()
    s.check_line(1, f"{'Layer (type)':>20}  {'Output Shape':>25} {'Param #':>15}")
    c, size, number, verdicts = 3, 224, 1, Counter()
    for i in range(5_000):
        out = 8 + (i * 37) % 500
        rows = (("Conv2d", [-1, out, size, size], (9 * c + 1) * out),  # 3x3, padding 1
                ("BatchNorm2d", [-1, out, size, size], 2 * out),
                ("ReLU", [-1, out, size, size], 0),
                ("MaxPool2d", [-1, out, size // 2, size // 2], 0))  # 2x2/2
        for kind, shape, n in rows:
            number += 1
            got, _, mine = s.check_line(number, f"{kind + '-' + str(number):>20}  "
                                                f"{str(shape):>25} {n:>15,}")
            assert mine
            verdicts.update(c.verdict for c in got)
        c, size = out, (size // 2 if size > 16 else 224)
    assert verdicts["wrong"] == 0
    # per group: conv (count, shape), batch norm, ReLU (count, shape), pool (count, shape);
    # every fifth conv turns the 14x14 map before it into 224x224 (the size starts again):
    # no window gives that, so those 1,000 shapes are left unsure, not called wrong
    assert verdicts["right"] == 5_000 * 7 - 1_000


# ------------------------------------------------------------------ the truth, from torch
torch = pytest.importorskip("torch")
nn = torch.nn


def _leaves(model, shape):
    """Each leaf module as it runs (torchsummary's order): its class name, parameter
    count and output shape (without the batch), from torch on the meta device."""
    out = []
    hooks = [m.register_forward_hook(
        lambda m, i, o: out.append((type(m).__name__, sum(p.numel() for p in m.parameters()),
                                    tuple(o.shape[1:]))))
        for m in model.modules() if not list(m.children())]
    with torch.no_grad():
        model.eval()(torch.zeros((1,) + shape, device="meta"))
    for h in hooks:
        h.remove()
    return out


def _sizes(model, shape):
    return [(n, s) for _, n, s in _leaves(model, shape)]


def test_torchsummary_fixture_truth():
    m = nn.Sequential(nn.Conv2d(3, 8, 5), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                      nn.Flatten(), nn.Linear(16, 5)).to("meta")
    got = _sizes(m, (3, 28, 28))
    assert [p for p, _ in got] == [608, 16, 0, 0, 1168, 0, 0, 0, 85]
    assert sum(p for p, _ in got) == 1877
    shapes = [s for _, s in got if len(s) != 1 or s == (5,)]
    # the forward/backward figure's output elements (flatten is no row in torchsummary)
    assert sum(int(torch.Size(s).numel()) for s in shapes) == 19_605


def test_torchinfo_and_keras_fixture_truth():
    m = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1, bias=False),
                      nn.BatchNorm2d(16), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                      nn.Linear(16, 4)).to("meta")
    assert [p for p, _ in _sizes(m, (3, 32, 32))] == [224, 16, 0, 0, 1152, 32, 0, 0, 0, 68]
    # Keras fixtures, built channels first in torch (same counts; Keras batch norm adds
    # the 2C moving statistics, which torch keeps as buffers)
    k2 = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16), nn.MaxPool2d(2),
                       nn.Conv2d(16, 24, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                       nn.Linear(24, 7)).to("meta")
    got = _sizes(k2, (3, 32, 32))
    assert [p for p, _ in got] == [448, 32, 0, 3480, 0, 0, 175]
    assert [s for _, s in got][3] == (24, 13, 13)
    k3 = nn.Sequential(nn.Conv2d(1, 12, 3), nn.BatchNorm2d(12), nn.MaxPool2d(2),
                       nn.Conv2d(12, 20, 3), nn.Flatten(), nn.Linear(2420, 10)).to("meta")
    assert [p for p, _ in _sizes(k3, (1, 28, 28))] == [120, 24, 0, 2180, 0, 24210]
    fast = nn.Sequential(nn.Conv2d(1, 6, 3, 2, 1), nn.ReLU(), nn.Conv2d(6, 10, 3, 2, 1),
                         nn.Flatten(), nn.Linear(360, 5)).to("meta")
    got = _sizes(fast, (1, 24, 24))
    assert [p for p, _ in got] == [60, 0, 550, 0, 1805] and got[2][1] == (10, 6, 6)
    grouped = nn.Conv2d(32, 64, 3, padding=1, groups=4)
    assert sum(p.numel() for p in grouped.parameters()) == 4672


def test_prose_after_a_table_is_read_by_the_other_readers():
    """A line that is no row ends the summary: the arithmetic under a table without
    totals is still judged, and rows after an unread line give no total."""
    from cnnstat.notes.check import check_text

    text = ("Layer        Output             Params\n"
            "Conv2d       [-1, 6, 28, 28]    456\n"
            "The first conv: 6*(5*5*3 + 1) = 457\n"     # 456: a wrong sum, read as prose
            "Linear       [-1, 10]           47,050\n"
            "Total params: 47,506\n")
    got = Counter((c.line, c.kind, c.verdict) for c in check_text(text).claims)
    assert got[(3, "arithmetic", "wrong")] == 1
    # line 4 follows a line that was not a row: its input is not known, and the total
    # under it sums a part of the table, so neither is judged
    assert not [c for c in check_text(text).claims if c.line in (4, 5)]


class _Block(nn.Module):
    """A ResNet basic block with a strided 1x1 projection: the projection reads the
    block's input, printed rows above it."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(16, 32, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(32, 32, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(32)
        self.down = nn.Conv2d(16, 32, 1, 2, bias=False)
        self.down_bn = nn.BatchNorm2d(32)

    def forward(self, x):
        y = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        return self.relu(y + self.down_bn(self.down(x)))


def _torchsummary_rows(model, shape) -> list[str]:
    """The rows torchsummary prints, with torch's own shapes and counts."""
    return [f"{kind + '-' + str(i):>20}  {str([-1] + list(s)):>25} {n:>15,}"
            for i, (kind, n, s) in enumerate(_leaves(model, shape), 1)]


def test_a_branch_reads_an_earlier_row():
    from cnnstat.notes.check import check_text

    model = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                          _Block(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                          nn.Linear(32, 10)).to("meta")
    rows = _torchsummary_rows(model, (3, 32, 32))
    head = f"{'Layer (type)':>20}  {'Output Shape':>25} {'Param #':>15}"
    total = sum(p.numel() for p in model.parameters())
    text = "```\n" + "\n".join([head, "=" * 64] + rows + ["=" * 64,
                                f"Total params: {total:,}"]) + "\n```\n"
    claims = check_text(text).claims
    assert not [c for c in claims if c.verdict == "wrong"]
    down = next(i for i, r in enumerate(rows) if "Conv2d" in r and r.rstrip().endswith(" 512"))
    line = down + 4  # the fence, the header and the rule come first
    got = [c for c in claims if c.line == line]
    assert got and all(c.verdict == "right" for c in got)
    assert "the input from line" in got[0].detail
    # the total, torch's sum of every parameter, is the sum of the rows
    assert [c.verdict for c in claims if c.line == len(rows) + 5] == ["right"]
    # a mistyped count (one more than torch's) is caught whatever the input
    typo = text.replace(rows[down], rows[down][:-3] + "513")
    wrong = [c for c in check_text(typo).claims if c.verdict == "wrong"]
    assert [(c.line, c.actual) for c in wrong] == [(line, 512)]
