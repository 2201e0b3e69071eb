"""`cnnstat check` on the forms real notes use that it used to miss or misjudge (issue 19).

Each fixture note under tests/fixtures/notes/real_forms was written for this repository in
its own words; it keeps the *form* of what public study notes write (a label that ends in
a number, a gloss in brackets, digit groups, approximations, a walkthrough's labelled
output, a comparison of models), never their text. Every expected (line, kind, verdict)
is worked out by hand in the comment beside it, or cited; a claim the checker finds that
is not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "real_forms"

EXPECTED = {
    "01_labels.md": [
        (3, "arithmetic", "right"),   # (64 - 3 + 2)/1 + 1 = 64, after "with padding 1:"
        (4, "arithmetic", "wrong"),   # (64 - 3 + 4)/1 + 1 = 66, not 65
        (5, "arithmetic", "right"),   # 65,536 + 294,912 = 360,448 ("through 128:" a label)
        (6, "arithmetic", "wrong"),   # ... not 370,000
        (7, "arithmetic", "right"),   # 64 + 4 = 68 ("on 8x8x16:" describes the case)
        # line 8, 7x7 : 3x3x3 = 49 : 27, is a ratio: nothing judged
        (9, "arithmetic", "right"),   # Step 3 names the step: 5 + 2 = 7
        (10, "arithmetic", "wrong"),  # Block 4: 7 + 2 = 9, not 10 (4 is no operand)
        (11, "arithmetic", "right"),  # glosses in brackets are no operands: 5 + 2 = 7
        (12, "arithmetic", "wrong"),  # 7 + 2 = 9, not 8
        # line 13, 3 + 2 (k - 1): a symbol, not a gloss: not judged
    ],
    "02_notation.md": [
        (3, "arithmetic", "right"),   # 12*12*10 = 1,440, about 1400 (two digits written)
        (4, "arithmetic", "wrong"),   # 1,440 is not about 4000
        (5, "arithmetic", "right"),   # 1,024 ≈ 1000 (one digit written)
        (6, "arithmetic", "right"),   # ~ is ≈
        (7, "arithmetic", "right"),   # = ~1000 is ≈ 1000
        (8, "arithmetic", "wrong"),   # '=' is exact: 1,024, not 1000
        (9, "arithmetic", "right"),   # 2.5 x 10^6
        (10, "arithmetic", "right"),  # 6*6*256 = 9,216 written 9_216
        (11, "arithmetic", "right"),  # 7*7*256 = 12,544
        (12, "arithmetic", "right"),  # 25*5120 = 128,000 written 1,28,000 (Indian groups)
        # line 13: a list of widths, not one number
        (14, "arithmetic", "right"),  # TeX {a \over b}: 61/1 + 1 = 62
        (15, "arithmetic", "wrong"),  # ... not 61
        (16, "symbolic", "right"),    # a middle dot between symbols: 2*9*C*C = 18C^2
        (17, "symbolic", "wrong"),    # ... not 16C^2
        (18, "model", "right"),       # 6 천만 (a space before the unit) = 60M: AlexNet 61.0M
        # depths in a Korean sentence: ResNet-18/34/50 exist (He et al., Table 1); no 100
        (19, "model", "right"), (19, "model", "right"), (19, "model", "right"),
        (19, "model", "wrong"),
    ],
    "03_statements.md": [
        # one multiply-add is a multiply and an add: 2 FLOPs
        (3, "cost", "right"),         # FLOPs = 2 * MACs: the counts
        (4, "cost", "wrong"),         # MACs = 2 * FLOPs says half a FLOP per MAC
        (5, "cost", "right"),         # 1 MAC = 2 FLOPs: the units
        (6, "cost", "wrong"),         # 1 FLOP = 2 MACs
        (7, "cost", "right"),         # MACs ≈ 0.5 x FLOPs
        # line 8, FLOPs = MACs: the papers' naming, not judged
        # depths are layers with weights: AlexNet 8 (Krizhevsky et al. 2012), VGG 11 to 19
        # (Simonyan & Zisserman, Table 1), GoogLeNet 22 (Szegedy et al., "22 layers deep");
        # parameters: AlexNet 61.0M/61.1M, VGG-16 138.4M (torchvision), GoogLeNet 6.6M/7M
        (12, "model", "right"),       # VGG (the heading) is deeper than AlexNet ...
        (12, "model", "wrong"),       # ... but has more parameters, not fewer
        (13, "model", "wrong"),       # VGG's 11 to 19 layers are fewer than GoogLeNet's 22
        (14, "model", "right"),       # 19 > 8
        (15, "model", "right"),       # 6.6M-7M < 61M
        # line 16, ResNet vs GoogLeNet: ResNet-18 is shallower, ResNet-50 deeper: unsure
        (17, "model", "wrong"),       # 61M < 138M
    ],
    "04_code.md": [
        (6, "shape", "right"),        # 5x5 conv, no padding: 64 - 5 + 1 = 60
        (8, "shape", "wrong"),        # 2x2 pool of 60 is 30, not 32
        (9, "arithmetic", "right"),   # a worked calculation in a printed string: 59 + 1
        (10, "arithmetic", "wrong"),  # 60 / 2 = 30, not 31
        # line 20 prints the input (its shape equals the input's): not a claim on a layer
        (21, "shape", "right"),       # (32 + 2 - 3)//2 + 1 = 16 channels 16, pool -> 8
        # line 28: a transposed conv is not in the layer algebra: not judged
    ],
    "05_walkthrough.md": [
        # layers defined by name (lines 3-5), used later; each size is
        # floor((n + 2p - k)/s) + 1 by hand
        (8, "shape", "right"),        # Conv-1 on 64: (64 + 4 - 5)/1 + 1 = 64, 32 filters
        (9, "shape", "right"),        # Pool-1, 2x2 stride 2: 32, channels kept
        (10, "shape", "wrong"),       # Conv-2 on 32 with padding 1: 32, not 30
        # line 11 follows a wrong map: the walk is not read on from a slip
        (16, "shape", "right"),       # settings on line 15, map on 16: 'same' keeps 32
        (18, "shape", "wrong"),       # 2x2 pool with stride 1 on 32: 31 (or 33 padded), never 16
        # line 20 follows the slip: not read
        (22, "shape", "right"),       # average pooling, 2x2 stride 2: 32 -> 16 (A에서 B로)
        (25, "shape", "right"),       # (64 + 2 - 3)/1 + 1 = 64, 16 channels
        # line 26 states no output: line 27's input is unknown, not judged
        (30, "shape", "right"),       # block (a) gives 128 channels ("output=128")
        (31, "shape", "wrong"),       # block (b) gives 192, not 200
        # LeNet-5: C1 S2 C3 S4 C5 F6 and the output, 7 layers counting the subsampling
        # ones (LeCun et al. 1998, Sec. II.B: "LeNet-5 comprises 7 layers")
        (34, "model", "right"),
    ],
    "06_across_lines.md": [
        (5, "arithmetic", "right"),   # 8 * 76 = 608, the result on the line after
        (9, "arithmetic", "right"),   # 16 * 73 = 1,168
        (13, "arithmetic", "wrong"),  # 8,192 + 64 = 8,256, not 8000
        (15, "arithmetic", "right"),  # 76 * 8 = 608; the gloss and "* kernel_count" after
        (18, "shape", "right"),       # Pool-1 (3x3, stride 2) it goes through: 31 -> 15
    ],
    "07_intent.md": [
        # a conv's count is (k*k*C_in + 1)*N
        (11, "arithmetic", "right"),  # 32 * 9 = 288 ...
        (11, "params", "wrong"),      # ... but the layer takes RGB: (3*3*3 + 1)*32 = 896
        (12, "arithmetic", "right"),  # (288 + 1)*64 = 18,496: the count itself
        (13, "arithmetic", "right"),  # 10 * 64 = 640 ...
        (13, "params", "wrong"),      # ... the 32 input channels left out: 18,496
        (15, "arithmetic", "right"),  # 76 * 10 + 10 = 770 ...
        (15, "params", "wrong"),      # ... biases counted twice: 76 * 10 = 760
        (21, "arithmetic", "right"),  # 16 * 26 = 416, and one input channel: right count
        (25, "arithmetic", "right"),  # no count spoken of nearby: arithmetic only
    ],
    "08_formulas.md": [
        # by substitution against a conv's floor((n + 2p - k)/s) + 1 and (k*k*C + 1)*N
        (3, "formula", "right"),
        (4, "formula", "wrong"),      # input 32, kernel 3, stride 1: 31, not 30
        (5, "formula", "right"),      # a 1-d conv: L - k + 1
        (6, "formula", "wrong"),      # the + 1 is missing: 29, not 30
        (10, "formula", "right"),     # a shape list in a comment: [batch, filters, L - k + 1]
        (12, "formula", "wrong"),     # L - k - 1: 28, not 30
        (18, "formula", "wrong"),     # filters*k*k + filters leaves out the input
                                      # channels: 8 of 3x3 on 3 channels have 224, not 80
        (19, "formula", "right"),
        (22, "formula", "right"),     # (k*k*C + 1)*N in words
    ],
    "09_echoes.md": [
        # 16 filters of 5x5x3 with a bias each: (5*5*3 + 1)*16 = 76*16 = 1,216
        (3, "params", "right"),       # "one bias per filter": one an output channel (biasper)
        (5, "params", "wrong"),       # "1232 not 1216" repeats line 6's wrong count
        (6, "arithmetic", "right"),   # 76*16 + 16 = 1,232 as arithmetic ...
        (6, "params", "wrong"),       # ... but the biases are counted twice: 1,216
        (8, "arithmetic", "right"),   # 76*16 = 1,216
        (9, "params", "right"),       # "1216, not 1232": the right figure over the wrong
        # line 11, 300 not 200: no wrong claim holds that pair: nothing said
    ],
    "10_dilated.md": [
        # a k x k conv with dilation d alone covers d*(k - 1) + 1 a side; stacked at
        # stride 1 each adds d*(k - 1) to the field below it (Yu & Koltun 2016, fig. 1)
        # line 3: no kernel named yet: nothing said
        # line 5: dilation 1, field 5x5: the kernel is 5 (nothing judged)
        (6, "receptive field", "right"),  # alone 2*4 + 1 = 9; stacked 5 + 8 = 13
        (7, "receptive field", "right"),  # alone 3*4 + 1 = 13; stacked 13 + 12 = 25
        (8, "receptive field", "wrong"),  # alone 4*4 + 1 = 17; stacked 25 + 16 = 41, not 40
        (10, "receptive field", "right"),  # 3x3, dilation 2: 2*2 + 1 = 5
        (11, "receptive field", "wrong"),  # 3x3, dilation 4: 4*2 + 1 = 9 (13 on line 10's)
    ],
    "11_mobilenet_symbols.md": [
        # Howard et al. 2017 (MobileNets), eqs. 1-5: standard D_K*D_K*M*N*D_F*D_F MACs,
        # depthwise D_K*D_K*M*D_F*D_F, pointwise M*N*D_F*D_F, separable the sum of the two
        (7, "params", "right"),       # the standard kernel D_K x D_K x M x N
        (8, "cost", "right"),         # eq. 1 with \cdot
        (12, "params", "right"),      # one depthwise filter: D_K x D_K x 1
        (13, "cost", "wrong"),        # the depthwise conv has no N: D_K^2 x M x D_F^2
        (17, "params", "right"),      # a pointwise kernel is 1 x 1 x M x N
        (18, "cost", "right"),        # eq. 4's second term
        # line 19, an output size: not a cost
        (23, "cost", "right"),        # eq. 5, under a heading that names the cost
        (27, "cost", "wrong"),        # the standard conv's cost, not the separable one's
    ],
    "12_stacking.md": [
        # a W -> W dense layer has W*W weights + W biases; N layers add up
        (3, "params", "wrong"),       # 4*(128*128 + 128) = 66,048, not 128^4
        (4, "params", "wrong"),       # 6*(512*512 + 512) = 1,575,936, not 512^6
        # line 5, 100^2: one layer's own weight count (a square): nothing said
        # line 6, 32^2 pixels: no parameters spoken of
    ],
    "13_stack_count.md": [
        # L conv layers of F filters of kernel K: each layer between the first and the
        # last has K*F*F + F parameters (its filters span the F channels below)
        (3, "arithmetic", "right"),   # 5*64*9 = 2,880 as arithmetic ...
        (3, "params", "wrong"),       # ... but 3 middle layers alone: 3*(9*64*64 + 64)
                                      # = 110,784
        (4, "arithmetic", "right"),   # 4*16*3*16 = 3,072: channels counted, not this form
        (5, "arithmetic", "right"),   # 6*32*5 = 960: a depthwise stack has no F*F
    ],
    "14_positions.md": [
        # 1x32x32 through 3x3 convs, stride 2, padding 1: (n + 2 - 3)//2 + 1 halves n
        (7, "summary", "right"),      # 1->8: 8*9 + 8 = 80
        (9, "summary", "right"), (9, "summary", "right"),    # ReLU: no parameters, shape
        (11, "summary", "right"), (11, "summary", "right"),  # 8->16: 16*72 + 16 = 1,168
        (13, "summary", "right"), (13, "summary", "right"),
        (15, "summary", "right"), (15, "summary", "right"),  # 16->32: 32*144 + 32 = 4,640
        (19, "arithmetic", "right"), (19, "arithmetic", "right"),
        (19, "arithmetic", "right"), (19, "arithmetic", "right"),
        (19, "macs", "wrong"),        # the second conv makes 8x8 outputs: 64*1,152 = 73,728,
                                      # not 256 (its input's positions)*1,152
        (19, "macs", "right"),        # the third: 4*4 outputs * (4,640 - 32) = 73,728
        (21, "macs", "wrong"),        # line 19's wrong count stated again: 73,728
        # line 22 writes the right figure beside it: a correction, nothing said
    ],
    "15_blocks.md": [
        # a block of kernel-3 convs with dilations 1, 2, 4, 8: 1 + 2*(1+2+4+8) = 31;
        # stacked at stride 1 a block widens the field by 31 - 1 = 30
        (4, "receptive field", "wrong"),  # adds 31: 30
        (5, "receptive field", "right"),  # adds 30
        # line 6, a stage adding channels: no receptive field spoken of
        (7, "receptive field", "wrong"),  # three blocks: 3*30 + 1 = 91, not 31*3 = 93
        # line 8, 31x3 channels: a count of something else
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_form(name):
    """The exact multiset of (line, kind, verdict); each wrong one says what is right."""
    from cnnstat.notes.check import check_file

    claims = [c for c in check_file(FORMS / name).claims if c.verdict != "info"]
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
    assert all(c.actual not in (None, "") and c.detail for c in claims if c.verdict == "wrong")
