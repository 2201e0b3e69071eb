"""`cnnstat check` on the forms of real Q&A threads, issue threads, notebooks and Korean
notes that it missed at first contact (issue 19, helper nc: miss hunter, set-m2 and
set-m3). Each file sets wrong lines beside right ones, in our own words; the correct
twins are ``hostile_correct/nc-*.md``.

Mechanisms:
- a parameter count told again in prose after the note's totals (a summary's ``Total
  params``, a written sum of three or more terms): right where it states one to its
  digits, wrong where it is within 15% of the nearest and states none (a misread
  ``383k`` for 393,472); with a word of difference, the difference of two totals
  (``paramcounts/toldtotal``);
- a channel count after the comma that ends a shape's side (``(512*512,2 channels for
  RGB)``) is read as one beside its space-separated twin (``modelfacts/imagechannels``);
- a width's output-size rule that divides by the height's stride or pads by the height's
  padding (``out_width = (in_width - pool_width)/stride_height + 1``) is wrong whatever
  it computes for square settings (``rules/rulelines._axes``);
- a heading that is a network's paper's title (``# Very Deep Convolutional Networks for
  Large-Scale Image Recognition``) names that network for its sections
  (``modelfacts/papertitles``); under it, a depth that is a network's adjective (``15층
  컨볼루션 신경망``) and the last of a list of depths (``11개와 17개의 레이어``) are no
  claims of the section's network (``modelfacts/factlines``);
- a VGG written as its blocks (``arch16 = ((2, 64), ..., (3, 512))``, then ``vgg16 =
  VGG(arch=arch16)``) against the bundled spec's stages: a block's count of convs off is
  wrong (``modelfacts/vggarch``);
- a convolution worked on box-drawn grids (an input and a kernel under their labels, then
  the output feature map): each output row against the layer algebra's sum at the stride
  and padding its size allows (``maps/convgrid``);
- a receptive field a note's helper prints for a literal list of (kernel, stride) pairs
  (``print(receptive_field(stack))  # 10``), grown by the analysis's rule
  (``receptivefield/rfpairs``);
- a filter's depth against its input's channels in one line (``an input of size [50 50
  2] ... 20 filters of size [5x5x 1]``): wrong where the count of filters is given apart
  (``maps/filterdepth``).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/nc_forms"

EXPECTED = {
    "01_told_totals.md": [
        (3, "shape", "right"),  # CIFAR-10 images are 32x32x3
        (3, "arithmetic", "info"),  # (3x32x32): a shape, no result
        (6, "arithmetic", "right"),  # 28 * 16 = 448
        (7, "arithmetic", "right"),  # 145 * 32 = 4,640
        (8, "arithmetic", "right"),  # 2049 * 10 = 20,490
        (9, "arithmetic", "right"),  # 448 + 4,640 + 20,490 = 25,578
        (12, "arithmetic", "right"),  # 3073 * 64 = 196,672
        (13, "arithmetic", "right"),  # 65 * 32 = 2,080
        (14, "arithmetic", "right"),  # 33 * 10 = 330
        (15, "arithmetic", "right"),  # 196,672 + 2,080 + 330 = 199,082
        (17, "params", "right"),  # 25,578 rounds to 25.6k
        (18, "params", "wrong"),  # PLANTED: 24.6k is 25,578 misread (3.8% off; 25.5k/25.6k)
        (19, "params", "right"),  # 199,082 cut to 199k
        (20, "params", "wrong"),  # PLANTED: 199,082 - 25,578 = 173,504, about 170k, not 150k
        (21, "params", "right"),  # 173,504 cut to 17만
        # line 22: 50,000 images, far from every total: no count told
    ],
    "02_channels_in_shape.md": [
        (3, "model", "wrong"),  # PLANTED: an RGB image has 3 channels, not 2
        (4, "model", "right"),  # a grayscale image has 1 channel
        (5, "model", "right"),  # a colour image has 3 channels
    ],
    "03_axis_of_stride.md": [
        (6, "formula", "right"),  # floor((n - k)/s) + 1, every term the height's
        (7, "formula", "wrong"),  # PLANTED: the width divided by the height's stride
        (8, "formula", "right"),  # every term the width's
        (11, "formula", "right"),  # (n + 2p - k)/s + 1 in the width's terms
        (12, "formula", "wrong"),  # PLANTED: the width padded by the height's padding
    ],
    "04_paper_title_heading.md": [
        # Simonyan & Zisserman, ICLR 2015, Sec. 3.1: batch 256, momentum 0.9, weight
        # decay 5e-4, learning rate 1e-2
        (5, "model", "right"),
        (6, "model", "right"),
        (7, "model", "right"),
        (8, "model", "wrong"),  # PLANTED: the paper's initial rate is 0.01
        # line 12: "15층 컨볼루션 신경망" describes a network of its own: unsure
        # line 13: "11개와 17개의 레이어": the last of a list of depths, not judged
    ],
    "05_vgg_blocks.md": [
        # Simonyan & Zisserman, Table 1: D (VGG-16) 2,2,3,3,3 convs; E (VGG-19) 2,2,4,4,4;
        # B (VGG-13) 2,2,2,2,2; widths 64, 128, 256, 512, 512 (torchvision's cfgs agree)
        # line 6: conv_arch, no depth named (the book's VGG-11): not read
        (13, "model", "wrong"),  # PLANTED: 33 convs in the fourth block, not 3 (43 convs)
        (15, "model", "right"),  # VGG-19's blocks
        (17, "model", "wrong"),  # PLANTED: VGG-13 has 2 convs in its third block, not 3
        (18, "model", "right"),  # VGG-16's convs, every width the spec's / 4
    ],
    "06_conv_grids.md": [
        # torch.nn.functional.conv2d of the grids as drawn (cross-correlation):
        # [[2,1,2],[1,1,2],[2,2,2]]; stride 2: [[7,6],[7,4]]
        (17, "arithmetic", "right"),
        (19, "arithmetic", "right"),
        (21, "arithmetic", "wrong"),  # PLANTED: 2+0 = 2 (x[2][0] + x[3][1]), not 1
        (39, "arithmetic", "right"),
        (40, "arithmetic", "wrong"),  # PLANTED: rows 3 and 5, columns 3-5: (1+0+1) + (1+0+1) = 4, not 5
        # drawn beside the input, its rules on the input's row lines: [[-5,-4],[-10,-2]]
        (50, "arithmetic", "right"),
        (52, "arithmetic", "wrong"),  # PLANTED: columns 2-4 of rows 2-4: (5-9)+(7-5)+(1-1) = -2
    ],
    "07_rf_helper.md": [
        # r + (k - 1)·j from r = j = 1: (5,1) 5, (5,1) 9, (2,2) 10
        (13, "receptive field", "right"),
        # (3,2) 3 j2, (3,1) 7, (2,2) 9 j4, (3,1) 17
        (21, "receptive field", "wrong"),  # PLANTED: 17, not 15
    ],
    "08_filter_depth.md": [
        # a standard conv's weight is out x in x k x k (torch.nn.Conv2d(3, 12, 7).weight.shape
        # == (12, 3, 7, 7)): each filter is as deep as the input has channels
        (3, "shape", "wrong"),  # PLANTED: 7x7x1 filters on a 3-channel input (12 of them)
        (5, "shape", "right"),  # 7x7x3 on 64x64x3
        (7, "shape", "right"),  # 3x3x1 on 28x28x1
        (9, "shape", "wrong"),  # PLANTED: 5x5x1 on 32x32x3 (6 of them)
        (11, "shape", "right"),  # 3x3x8 on 16x16x8
        # line 13: depthwise, one channel per filter: not read
        # line 15: 1x1x64 with no count apart: the 64 may be the filters' count, not read
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_nc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
