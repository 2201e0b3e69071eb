"""`cnnstat check` on Korean study notes (velog, tistory, 부스트캠프 style) with mistakes
planted among right lines (issue 19, helper lg: miss hunter). Each planted mistake is
marked PLANTED with its true value; the correct twins are ``hostile_correct/lg-*.md``.

Mechanisms:
- ``k·k·C·N + N`` and ``k·k·N + N`` (the biases as a term the filters' factor repeats) are
  read as a conv's count (``convterms``): ``3x3x64 + 64 = 640`` for a conv 32 -> 64 in the
  code above has its input channels left out (18,496);
- a section under a heading that names parameters (``## 2. 파라미터 수``) speaks of
  parameters on every line, for a count whose calculation adds biases (``intent``); a
  bare product there (``3*3*128 = 1152``) may be a map's values and is left alone, and so
  is any product on a line that speaks of one filter (``필터 하나의 weight 3x3x32 = 288``);
- one figure restated after ``=``, ``즉`` or an arrow in another notation
  (``138,357,544개 → 약 13.8억 개``, a count's word between: ``218,365,952 MACs (약
  22억)``): after ``=``/``즉`` held as a bracket is; after an
  arrow only a slip of its scale (a power of ten) is wrong, a figure that became another
  (``138M → 500만으로 줄었다``) is not judged (``restated``);
- a spaced slash between two equations that each hold, where the division does not
  (``1만 = 10,000 / 1억 = 100,000,000``), parts them (``slashes``);
- a layer call between the map it takes and the map it gives (``16x16x128 → ConvT(128,
  64, 4, 2, 1) → 32x32x64``) is applied by the layer algebra (``layercall``);
- a Korean comparison with the subject after the network compared against, and a figure
  in brackets after it (``VGG16(138M)이랑 비교하면 MobileNet(4.2M)은 파라미터 수가 약
  1/10 수준``, ``VGG16에 비해 MobileNet은 약 33배 적다``) is a ratio of the two
  (``modelfacts/ratios``);
- a count of bytes restated in MB after an arrow, ``로`` or a bracket (``411,041,792 byte →
  약 41MB``): right in either convention (10^6 or 2^20), wrong where a power of ten off
  both (``restated._bytes``);
- a layer's label before its word (``C3 층은 1,516개``) makes the figure a part's, not
  the network's (``modelfacts/factlines._ONE_LAYER``; twin ``hostile_correct/lg-05``);
- a factor written nowhere before, a few lines under a result it differs from by a digit
  or two neighbours swapped (``163,328`` then ``28 x 28 x 163,382``), is that result
  copied with a slip (``arithmetic/copied``; twin ``hostile_correct/lg-06``);
- a label's figure in a table row (``| conv4 | ... | 1,327,488 |``) said again in prose
  under the one label (``conv4가 약 13만 개``): right where it agrees, wrong only a power
  of ten off (``arithmetic/namedagain``; twin ``hostile_correct/lg-07``, whose "VGG 스타일
  모델" heading no longer makes its own layers VGG16's: ``models._STYLE``).

Expected values: plain arithmetic in the comments (torchvision/keras counts checked with
torch: VGG16 138,357,544, AlexNet ungrouped 62,378,344).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/lg_forms"

EXPECTED = {
    "01_mnist_cnn_params_velog.md": [
        (21, "arithmetic", "right"),  # 28 - 3 + 1 = 26
        (21, "shape", "right"),  # 28x28x1 → conv 3x3 → 26x26x32
        (23, "shape", "right"),  # 64개 필터 give 64 channels: 11x11x64 (pb: filtercount)
        (24, "shape", "wrong"),  # PLANTED: pool2 of 11x11x64 is floor(11/2) = 5 -> 5x5x64, not 6x6x64
        (25, "arithmetic", "right"),  # 5 * 5 * 64 = 1600
        (31, "arithmetic", "right"),  # (3x3x1 + 1) x 32 = 320
        (32, "arithmetic", "right"),  # 3x3x64 + 64 = 640
        (32, "params", "wrong"),  # PLANTED: conv2 is 32 -> 64 (code above): 3*3*32*64 + 64 = 18,496; the 32 input channels left out
        (33, "arithmetic", "right"),  # 1600 x 128 + 128 = 204,928
        (34, "arithmetic", "right"),  # 128 x 10 + 10 = 1,290
        (36, "arithmetic", "right"),  # 320 + 18,496 + 204,928 + 1,290 = 225,034
        (36, "arithmetic", "right"),  # 225,034 -> 약 22만 5천 (an arrow, one figure)
        (43, "arithmetic", "right"),  # (5x5x1 + 1) x 32 = 832
        (44, "arithmetic", "right"),  # 784 x 10 + 10 = 7,850
    ],
    "02_alexnet_review_tistory.md": [
        (3, "model", "right"),  # AlexNet: 5개의 conv layer
        (3, "model", "right"),  # AlexNet: 3개의 FC layer
        (3, "model", "right"),  # AlexNet: 8층
        (8, "arithmetic", "right"),  # (224 - 11)/4 + 1 = 54.25
        (10, "arithmetic", "right"),  # (227 - 11)/4 + 1 = 55
        (10, "shape", "right"),  # 227x227x3 → conv 11x11 s4 → 55x55x96
        (10, "model", "right"),  # AlexNet conv1: 96 filters (paper; nthmap)
        (11, "arithmetic", "right"),  # (55 - 3)/2 + 1 = 27
        (11, "shape", "right"),  # 55x55x96 → maxpool 3x3 s2 → 27x27x96
        (12, "shape", "right"),  # 27x27x96 → conv 5x5 p2 → 27x27x256
        (12, "model", "right"),  # AlexNet conv2: 256 filters (paper)
        (13, "arithmetic", "right"),  # (27 - 3)/2 + 1 = 13
        (13, "shape", "right"),  # 27x27x256 → maxpool 2x2 → 13x13x256
        (14, "shape", "right"),  # 13x13x256 → conv 3x3 p1 → 13x13x384
        (14, "model", "right"),  # AlexNet conv3: 384 filters (paper, torchvision)
        (15, "shape", "right"),  # 13x13x384 → conv 3x3 p1 → 13x13x384
        (15, "model", "right"),  # AlexNet conv4: 384 filters (paper)
        (16, "shape", "right"),  # 13x13x384 → conv 3x3 p1 → 13x13x256
        (16, "model", "right"),  # AlexNet conv5: 256 filters (paper, torchvision)
        (17, "shape", "wrong"),  # PLANTED: pool5 keeps conv5's 256 channels: 6x6x256
        (18, "arithmetic", "right"),  # 6 x 6 x 256 = 9,216
        (25, "arithmetic", "right"),  # 11x11x3x96 + 96 = 34,944
        (25, "model", "right"),  # conv1: 34,944
        (26, "arithmetic", "right"),  # 5x5x96x256 + 256 = 614,656
        (26, "model", "right"),  # conv2: 614,656
        (27, "arithmetic", "right"),  # 3x3x256x384 + 384 = 885,120
        (27, "model", "right"),  # conv3: 885,120
        (28, "arithmetic", "right"),  # 3x3x384x384 + 384 = 1,327,488
        (28, "model", "right"),  # conv4: 1,327,488
        (29, "arithmetic", "right"),  # 3x3x384x256 + 256 = 884,992
        (29, "model", "right"),  # conv5: 884,992
        (30, "arithmetic", "right"),  # 9216x4096 + 4096 = 37,752,832
        (30, "model", "right"),  # FC6: 37,752,832
        (31, "arithmetic", "right"),  # 4096x4096 + 4096 = 16,781,312
        (31, "model", "right"),  # FC7: 16,781,312
        (32, "arithmetic", "right"),  # 4096x1000 + 1000 = 4,097,000
        (32, "model", "right"),  # FC8: 4,097,000
        (34, "arithmetic", "wrong"),  # PLANTED: the table's conv4 row is 1,327,488 (약 133만),
        # said again as 약 13만: its scale slipped (namedagain)
        (35, "arithmetic", "right"),  # FC6 약 3,775만 = the row's 37,752,832
        (37, "arithmetic", "right"),  # 62,378,344 -> 약 6,238만 (an arrow, one figure)
        (37, "arithmetic", "right"),  # 60M = 6천만
        (38, "model", "right"),  # AlexNet: 세
        (42, "arithmetic", "right"),  # 55 x 55 x 96 x 11 x 11 x 3 = 105,415,200
        (43, "arithmetic", "right"),  # 27 x 27 x 256 x 5 x 5 x 96 = 447,897,600
        (48, "model", "right"),  # AlexNet: dropout 0.5
        (49, "model", "right"),  # VGG16: 1억 3,800만
        (50, "model", "right"),  # GoogLeNet: 22층
        (50, "model", "right"),  # GoogLeNet: 500만
    ],
    "03_vgg16_boostcamp_note.md": [
        (3, "model", "right"),  # vgg: 16~19층
        (4, "model", "right"),  # VGG16: 13
        (4, "model", "right"),  # VGG16: 3
        (4, "model", "right"),  # VGG19: 16
        (4, "model", "right"),  # VGG19: 3
        (16, "arithmetic", "right"),  # 7 x 7 x 512 = 25,088
        (22, "arithmetic", "right"),  # 3x3x3x64 + 64 = 1,792
        (23, "arithmetic", "right"),  # 3x3x64x64 + 64 = 36,928
        (24, "arithmetic", "right"),  # 3x3x64x128 + 128 = 73,856
        (25, "arithmetic", "right"),  # 3x3x128x256 + 256 = 295,168
        (26, "arithmetic", "right"),  # 3x3x512x512 + 512 = 2,359,808
        (27, "arithmetic", "right"),  # 14,714,688 = 1,470만
        (31, "arithmetic", "right"),  # 7x7x512x4096 = 102,760,448
        # line 31 PLANTED, missed: "(bias 포함)" but the product has no bias term: fc6 is
        # 102,764,544 with its 4,096 biases; the words "bias 포함" after a bare product are
        # rare in real notes and not read
        (32, "arithmetic", "right"),  # 4096x4096 + 4096 = 16,781,312
        (33, "arithmetic", "right"),  # 4096x1000 + 1000 = 4,097,000
        (35, "arithmetic", "wrong"),  # PLANTED: 138,357,544 is 1.38억 (13.8억 = 1,380,000,000)
        (35, "model", "right"),  # VGGNet: 세
        (40, "model", "right"),  # VGG16: 15.5 GMACs
        (40, "model", "wrong"),  # PLANTED: FLOPs = 2 x MACs: 15.5 GMACs is about 31 GFLOPs, not half
        (41, "arithmetic", "right"),  # 224 x 224 x 64 x 3 x 3 x 64 = 1,849,688,064
        (41, "arithmetic", "right"),  # 1,849,688,064 MACs (약 18.5억): the unit word between
        (42, "arithmetic", "right"),  # 112 x 112 x 128 x 3 x 3 x 128 = 1,849,688,064
        (43, "arithmetic", "right"),  # 224x224x64 = 3,211,264
        (48, "symbolic", "right"),  # 3 x (3 x 3 x C x C) = 27C²
    ],
    "04_jisikin_transposed_conv.md": [
        (15, "arithmetic", "right"),  # (4 - 1)*1 - 0 + 2 = 5
        (15, "shape", "right"),  # the transposed conv's 4x4 -> 5x5 (k 2, s 1, p 0)
        (16, "arithmetic", "right"),  # (4 - 1)*2 + 2 = 8
        (16, "shape", "right"),  # 4x4 -> 8x8 (k 2, s 2)
        (17, "arithmetic", "right"),  # (4 - 1)*2 - 2 + 4 = 8
        (18, "arithmetic", "wrong"),  # PLANTED: (4 - 1)*2 - 2 + 3 = 7, not 8 (torch: 7)
        (24, "shape", "right"),  # ConvTranspose2d(100, 512, 4, 1, 0) on 1x1: 4x4x512
        (25, "shape", "right"),  # (4 - 1)*2 - 2 + 4 = 8: 8x8x256
        (26, "shape", "right"),  # 16x16x128
        (27, "shape", "wrong"),  # PLANTED: 64 out channels: 32x32x64, not 32x32x128
        (28, "shape", "right"),  # 64x64x3
        (32, "arithmetic", "right"),  # 100*512*16 = 819,200 (torch numel, bias=False)
        (32, "arithmetic", "right"),  # 819,200 = 약 82만
        (33, "arithmetic", "right"),  # 512*256*16 = 2,097,152
        (33, "arithmetic", "wrong"),  # PLANTED: 2,097,152 is 약 210만, not 20만
        (34, "arithmetic", "right"),  # 256*128*16 = 524,288
        (35, "arithmetic", "right"),  # 64*3*16 = 3,072
        (37, "arithmetic", "right"),  # (100 - 5)/2 + 1 = 48.5, floored to 48 in words
    ],
    "05_mobilenet_separable_velog.md": [
        (3, "model", "right"),  # MobileNet v1(2017): Howard et al., arXiv 1704.04861
        (3, "model", "right"),  # MobileNet v1 paper: 4.2M parameters
        (3, "model", "right"),  # 569M Mult-Adds
        (9, "cost", "right"),  # D_K·D_K·M·N·D_F·D_F
        (17, "arithmetic", "right"),  # 3*3*512*512*14*14 = 462,422,016
        (17, "arithmetic", "right"),  # 462,422,016 = 약 4.6억
        (18, "arithmetic", "right"),  # 3*3*512*14*14 = 903,168
        (19, "arithmetic", "right"),  # 512*512*14*14 = 51,380,224
        (20, "arithmetic", "right"),  # 903,168 + 51,380,224 = 52,283,392
        (22, "arithmetic", "right"),  # 52,283,392 / 462,422,016 = 0.1131
        (22, "arithmetic", "right"),  # 1/512 + 1/9 = 0.1131
        (26, "arithmetic", "right"),  # 3*3*512*512 = 2,359,296
        (27, "arithmetic", "right"),  # 3*3*512 = 4,608
        (28, "arithmetic", "right"),  # 512*512 = 262,144
        (29, "arithmetic", "wrong"),  # PLANTED: 266,752 -> 약 26.7만, not 2.7만
        (33, "arithmetic", "right"),  # 3*3*3*32 = 864
        (39, "arithmetic", "right"),  # 0.75^2 = 0.5625
        (40, "arithmetic", "right"),  # (192/224)^2 = 0.7347
        (42, "model", "right"),  # VGG16 138M
        (42, "model", "right"),  # MobileNet 4.2M
        (42, "ratio", "wrong"),  # PLANTED: 4.2M / 138M = 1/33, not about 1/10
        (43, "arithmetic", "wrong"),  # PLANTED: 1/256 + 1/9 = 0.1150, not 0.15
    ],
    "06_inflearn_resnet_bottleneck.md": [
        # line 5: the asker's "stride 1" for the first 7x7 conv is corrected by the answer
        # (line 21: stride 2), so no mistake by the truth's convention; nothing said of it
        (4, "model", "right"),  # ResNet depths 18, 34, 50, 101, 152
        (10, "arithmetic", "right"),  # 7*7*3*64 = 9,408
        (11, "arithmetic", "right"),  # 16,384 + 36,864 + 16,384
        (11, "arithmetic", "right"),  # = 69,632
        (12, "arithmetic", "right"),  # 2*3*3*256*256 = 1,179,648
        (12, "arithmetic", "right"),  # 1,179,648 = 약 118만
        (13, "ratio", "right"),  # 1,179,648 / 69,632 = 16.9
        (14, "arithmetic", "right"),  # 69,632*56*56 = 218,365,952
        (14, "arithmetic", "wrong"),  # PLANTED: 218,365,952 MACs is 약 2.2억, not 22억
        (15, "arithmetic", "right"),  # 2048*1000 + 1000 = 2,049,000
        (17, "model", "right"),  # ResNet-50 4.1 GFLOPs (the paper's multiply-adds)
    ],
    "07_lenet5_course_note.md": [
        (3, "model", "right"),  # LeNet-5(1998): LeCun et al., Proc. IEEE 1998
        (8, "shape", "right"),  # 32x32x1 → conv 5x5 → 28x28x6
        (8, "shape", "right"),  # 32x32 → conv 5x5 → 28x28
        (9, "arithmetic", "right"),  # 5x5x6 = 150 + 6 = 156
        (10, "arithmetic", "right"),  # 28 x 28 x 156 = 122,304
        (11, "shape", "right"),  # 28x28x6 → maxpool 2x2 → 14x14x6
        (12, "shape", "right"),  # 14x14x6 → conv 5x5 → 10x10x16
        (12, "shape", "right"),  # 14x14 → conv 5x5 → 10x10
        (14, "arithmetic", "right"),  # (5x5x6 + 1) x 16 = 2,416
        (15, "arithmetic", "right"),  # 10 x 10 x 1,516 = 151,600
        (15, "arithmetic", "wrong"),  # PLANTED: 151,600 is 약 15만, not 1.5만
        (16, "shape", "wrong"),  # PLANTED: 2x2 subsampling of 10x10x16 gives 5x5x16
        (17, "shape", "right"),  # 5x5x16 → conv 5x5 → 1x1x120
        (17, "shape", "right"),  # 5x5 → conv 5x5 → 1x1
        (18, "arithmetic", "right"),  # 5x5x120 + 120 = 3,120
        (18, "params", "wrong"),  # PLANTED: C5 on 5x5x16: (5*5*16 + 1)*120 = 48,120; the 16 input channels left out
        (19, "arithmetic", "right"),  # 120 x 84 + 84 = 10,164
        (20, "arithmetic", "right"),  # 84 x 10 = 840
        (22, "arithmetic", "right"),  # 전체 파라미터는 약 6만
        (22, "model", "right"),  # LeNet-5: 6만
    ],
    "08_rf_dilation_tistory.md": [
        (7, "formula", "right"),  # 층을 하나 지날 때마다 r_out = r_in + (k - 1) x j_in, j_out = j_in x s
        (9, "receptive field", "right"),  # 3x3 conv (stride 1) 하나: RF 3
        (10, "arithmetic", "right"),  # 3 + 2 = 5
        (11, "arithmetic", "right"),  # 5 + 2 = 7
        (15, "arithmetic", "right"),  # 1 + 2 x 1 = 3
        (15, "receptive field", "right"),  # conv 3x3 (s1): RF 3
        (16, "arithmetic", "right"),  # 3 + 1 x 1 = 4
        (16, "receptive field", "right"),  # maxpool 2x2 (s2): RF 4
        (16, "receptive field", "right"),  # maxpool 2x2 (s2): jump 2
        (17, "arithmetic", "right"),  # 4 + 2 x 2 = 8
        (17, "receptive field", "right"),  # conv 3x3 (s1): RF 8
        (17, "receptive field", "right"),  # conv 3x3 (s1): jump 2
        (18, "arithmetic", "right"),  # 8 + 2 x 2 = 12
        (18, "receptive field", "right"),  # conv 3x3 (s1): RF 12
        (24, "arithmetic", "right"),  # 3 + 2 x 1 = 5
        (25, "arithmetic", "right"),  # 3 + 2 x 2 = 7
        (26, "arithmetic", "wrong"),  # PLANTED: 5 + 4*1 = 9 (5x5, d=2 spans 9)
        (27, "arithmetic", "right"),  # 1 + 2 x (1 + 2 + 4) = 15
        (31, "arithmetic", "right"),  # 224 x 224 x 64 x 4byte = 12,845,056 byte
        (31, "arithmetic", "right"),  # 12,845,056 byte로 약 12.8MB (decimal MB)
        (32, "arithmetic", "right"),  # 32 x 224 x 224 x 64 x 4 = 411,041,792 byte
        (32, "arithmetic", "wrong"),  # PLANTED: 411,041,792 byte is about 411MB (392MiB), not 41MB
    ],
    "09_googlenet_inception_velog.md": [
        # line 31 PLANTED, missed: inception 3b's input is 3a's output 28x28x256 (line 13),
        # not 28x28x192; a module's input named in prose against the walk above is not read
        (3, "model", "right"),  # ILSVRC 2014
        (3, "model", "right"),  # GoogLeNet 22 layers
        (9, "shape", "right"),  # 1x1 conv keeps 28x28
        (13, "arithmetic", "right"),  # 64 + 128 + 32 + 32 = 256
        (18, "arithmetic", "right"),  # 18,432 + 110,592
        (18, "arithmetic", "right"),  # = 129,024
        (19, "arithmetic", "right"),  # 3,072 + 12,800
        (19, "arithmetic", "right"),  # = 15,872
        (20, "arithmetic", "right"),  # 192*32 = 6,144
        (21, "arithmetic", "right"),  # 12,288 + 129,024 + 15,872 + 6,144 = 163,328
        (23, "arithmetic", "wrong"),  # PLANTED: line 21's 163,328 copied as 163,382:
        # 28*28*163,328 = 128,049,152 (the arithmetic as written is right)
        (27, "arithmetic", "right"),  # 5*5*192*32 = 153,600
        (31, "arithmetic", "right"),  # 128 + 192 + 96 + 64 = 480
        (33, "arithmetic", "right"),  # 192 + 208 + 48 + 64 = 512
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_lg_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
