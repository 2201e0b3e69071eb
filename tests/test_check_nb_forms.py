"""`cnnstat check` on the forms of English blogs and course notes that first contact with
set-m1 left unread (issue 19, helper nb: miss hunter). Each file sets wrong lines beside
right ones; the correct twins are ``hostile_correct/nb-*.md``.

Mechanisms:
- a calculation under a label with no result (``MACs = 64 × 32 × 3 × 3 × 224 × 224``),
  its result on the next line (``= 2.97 billion MACs``, ``$$ = 2.31 \\times 10^9 $$``): the
  labelled product is the chain's first step (``arithchain.steps_across``; a label in
  ``$$``, ``\\text{MACs} =``, too), so the line below is judged against it, a figure in
  scientific notation to its mantissa's digits;
- a code comment that works a product out with ``≈`` (``# 3×224×224 × 64×224×224 ≈ 461
  billion``) is arithmetic that needs no code run (``code.comment``);
- a figure in MACs beside the same cost in operations or FLOPs, with a scale word or a
  Korean unit (``4 billion MACs = 8 million operations``, ``18억 MACs = 36억 FLOPs``,
  joined by ``즉`` too): twice is right, once a naming (never judged for "operations", nor
  where the line says it is reported or called so: ``보고``, ``부르``), any other factor
  wrong (``costs/flopsfig``);
- a result said again a few lines on with the same noun, one digit slipped (``= 196,608
  features`` then ``196,908 features``, later on the same line too; a Korean particle
  glued to the noun is no part of it), and the same slip said again
  (``arithmetic/nounslip``);
- matrices drawn in boxes side by side, ``*`` and ``=`` or an arrow between them (a
  worked convolution or pooling): each row of the result against the cells computed from
  the input drawn (``maps/drawngrids``); LaTeX matrices (``bmatrix``, ``pmatrix``) joined
  by ``\\ast``/``*`` and ``=`` or ``\\to``/``\\rightarrow`` are read the same way, and so
  is an input and kernel drawn side by side with the output drawn below them, a word of
  convolution between (``↓ 합성곱 ↓``);
- a named network's layer table (AlexNet, ZFNet under their heading) with input or output
  columns and rows labelled ``C2``/``P2``/``conv2``: each map's channels against the
  specs' k-th conv (``modelfacts/convrows``);
- MobileNet's cost identities in a lecture's letters (maps ``H x W x M``, ``N`` filters of
  ``K x K x M``; ``Cost = H*W*M*N*K^2``, ``HWMK^2 + HWMN``), the conv named by a short
  step line just above (``Step 1: Depthwise Convolution``) (``costs/separable``).

Expected values: plain arithmetic in the comments.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/nb_forms"

EXPECTED = {
    "01_labelled_product_result_below.md": [
        (7, "arithmetic", "wrong"),  # 32*16*9*12,544 = 57,802,752 = 57.8 million, not 578.0 million
        (14, "arithmetic", "right"),  # 16*9*12,544 = 1,806,336
        (21, "arithmetic", "right"),  # 32*16*12,544 = 6,422,528 ≈ 6.4 million
        (27, "arithmetic", "right"),  # 128*256*9 = 294,912
        (32, "arithmetic", "wrong"),  # 128*256*3,136 = 102,760,448 = 102.8 million, not 10.28 million
    ],
    "02_code_comment_about.md": [
        (5, "arithmetic", "right"),  # 3,072 * 10,240 = 31,457,280 ≈ 31.5 million
        (6, "arithmetic", "wrong"),  # 2*50,176*4,096 = 411,041,792 ≈ 411 million, not 61.6 million
        (7, "arithmetic", "right"),  # 7*7*512 = 25,088 ≈ 25K
    ],
    "03_macs_and_operations.md": [
        (3, "cost", "wrong"),  # 6e9 MACs = 12e9 operations (2 a MAC), not 12e6
        (5, "cost", "right"),  # 300e6 * 2 = 0.6e9
        (7, "cost", "right"),  # 2.5e6 * 2 = 5e6
        (9, "cost", "right"),  # 1.2e9 * 2 = 2.4e9
        (11, "cost", "wrong"),  # 3.6e9 * 2 = 7.2e9 FLOPs, not 1.8e9 (half)
    ],
    "04_result_said_again_slipped.md": [
        (3, "arithmetic", "right"),  # 128*128*3 = 49,152
        (5, "arithmetic", "wrong"),  # 49,512: 49,152 with two neighbours swapped
        (7, "arithmetic", "wrong"),  # the same slip, inputs again
        (9, "arithmetic", "right"),  # 7*7*512 = 25,088
        (11, "arithmetic", "right"),  # 3*3*3*64 = 1,728 (36,864 is another layer's count)
        (13, "arithmetic", "right"),  # 9*128*256 = 294,912 (294,921 biases: another noun)
        (15, "arithmetic", "right"),  # 64*64*3 = 12,288
        (15, "arithmetic", "wrong"),  # 12,828 values on the same line: 12,288 with 2 and 8 swapped
        (15, "shape", "wrong"),  # flattening 64x64x3 gives 12,288 (maps/flatcount)
        (17, "arithmetic", "right"),  # 120*120 = 14,400
        (17, "arithmetic", "wrong"),  # 14,040 픽셀 (픽셀이고 / 픽셀마다: one noun): 14,400 swapped
        (19, "arithmetic", "right"),  # 120*120*3 = 43,200 (43,201 파라미터: another noun)
    ],
    "05_drawn_grids.md": [
        # torch.nn.functional.conv2d (a cross-correlation) of the 4x4 image with the 2x2
        # kernel: [[6, -1, 0], [1, 8, 3], [1, -2, 3]]; the kernel flipped: [[5, -2, 3],
        # [3, 6, -1], [-1, 1, 7]]
        (9, "arithmetic", "right"),  # 6, -1, 0
        (11, "arithmetic", "right"),  # 1, 8, 3
        (13, "arithmetic", "wrong"),  # 1, -2, 4: the last cell is 3*1 + 2*(-1) + 0*0 + 1*2 = 3
        # (the labels over the grids, image, kernel, result, give the same rows: each row
        # is judged once, maps/drawnwork)
        # F.max_pool2d(b, 2, 2) = [[6, 2], [2, 7]]
        (23, "arithmetic", "right"),  # 6, 2
        (25, "arithmetic", "wrong"),  # 2, 6: max(5, 7, 3, 2) = 7
        # F.avg_pool2d(b, 2, 2) = [[3.5, 1.0], [1.0, 4.25]]
        (37, "arithmetic", "right"),  # 3.5, 1
        (39, "arithmetic", "wrong"),  # 1, 4.5: (5 + 7 + 3 + 2)/4 = 4.25
    ],
    "06_named_net_table_channels.md": [
        # ZFNet (Zeiler & Fergus 2013, Fig. 3; specs/zfnet.yaml): conv filters 96, 256, 384,
        # 384, 256 on a 224x224x3 input; 7x7/2 -> 110, pool 3x3/2 -> 55, 5x5/2 -> 26,
        # pool -> 13. The sizes (shape claims) are the layer table's own walk, right.
        (5, "model", "right"),  # conv1 takes the image's 3 channels
        (5, "model", "right"),  # conv1 gives 96
        (5, "shape", "right"),  # 7x7/2 with padding 1: (224 + 2 - 7)//2 + 1 = 110 (the paper's size)
        (6, "model", "right"),  # the pooling after conv1 keeps 96
        (6, "model", "right"),
        (6, "shape", "right"),
        (6, "shape", "right"),
        (7, "model", "right"),  # conv2 takes conv1's 96
        (7, "model", "wrong"),  # conv2 gives 256, not 265
        (7, "shape", "right"),
        (7, "shape", "right"),  # the table's own sizes: 55 -> 26 holds whatever the channels
        (8, "model", "wrong"),  # the pooling after conv2 takes 256, not 265
        (8, "model", "wrong"),  # and gives 256
        (8, "shape", "right"),
        (8, "shape", "right"),
        (9, "model", "wrong"),  # conv3 takes 256, not 265
        (9, "model", "right"),  # conv3 gives 384
        (9, "shape", "right"),
        (9, "shape", "right"),
        (10, "model", "right"),  # conv4 takes 384
        (10, "model", "right"),  # and gives 384
        (10, "shape", "right"),
        (10, "shape", "right"),
        (11, "model", "right"),  # conv5 takes 384
        (11, "model", "right"),  # and gives 256
        (11, "shape", "right"),
        (11, "shape", "right"),
    ],
    "07_separable_in_lecture_letters.md": [
        # Howard et al. 2017, Sec. 3.1 in the lecture's letters (D_F = H = W, D_K = K):
        # standard H·W·M·N·K², depthwise H·W·M·K², pointwise H·W·M·N
        (6, "cost", "right"),  # standard: H·W·M·N·K²
        (10, "cost", "wrong"),  # depthwise has M filters of K x K x 1: H·W·M·K², no N
        (13, "cost", "right"),  # pointwise: H·W·M·N
        (15, "cost", "wrong"),  # separable: H·W·M·K² + H·W·M·N; the depthwise term lost its M
        (17, "cost", "right"),  # standard again: HWMNK²
    ],
    "08_latex_label_and_korean_units.md": [
        (4, "arithmetic", "wrong"),  # 128*64*9*3,136 = 231,211,008 = 2.31 x 10^8, not 10^9
        (7, "arithmetic", "right"),  # 2 x 231,211,008 = 462,422,016 ≈ 4.6 x 10^8
        (9, "cost", "right"),  # 18억 x 2 = 36억
        (11, "cost", "wrong"),  # once, after line 9 counted two FLOPs to a MAC: 5억
        (13, "cost", "wrong"),  # 12억 x 2 = 24억, not 240억
    ],
    "09_latex_matrices.md": [
        # F.conv2d (cross-correlation) of the 4x4 input with [[0, 1], [-1, 2]]:
        # [[3, 3, 0], [4, 7, -1], [3, 1, 3]]; flipped: [[7, 1, 2], [0, 3, 7], [1, 1, 5]]
        (11, "arithmetic", "right"),  # 3, 3, 0
        (12, "arithmetic", "right"),  # 4, 7, -1
        (13, "arithmetic", "wrong"),  # 3, 2, 3: the middle cell is 0*0 + 3*1 - 2*1 + 0*2 = 1
        # F.avg_pool2d(b, 2, 2) = [[3.0, 2.75], [3.75, 3.25]]: both rows on one line
        (20, "arithmetic", "right"),  # 3, 2.75
        (20, "arithmetic", "wrong"),  # 3.75, 3.5: (2 + 7 + 0 + 4)/4 = 3.25, not 3.5
    ],
    "10_stacked_grids.md": [
        # F.conv2d of the 5x5 input with the plus-shaped kernel (its own flip):
        # [[5, 5, 7], [7, 5, 6], [7, 5, 5]]
        (21, "arithmetic", "right"),  # 5, 5, 7
        (23, "arithmetic", "wrong"),  # 7, 6, 6: the middle cell is 0 + 2 + 1 + 1 + 1 = 5
        (25, "arithmetic", "right"),  # 7, 5, 5
        # (read by its labels, and by the "convolution" written between: once, maps/drawnwork)
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_nb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
