"""The explain cards of issue 20, upsampling and dilated-conv, against hand arithmetic,
published figures and the bundled specs that use the idea."""

import cnnstat
from cnnstat.analysis import analyze
from cnnstat.explain import get, show


def steps(topic, **overrides):
    return show(get(topic), overrides).steps


def test_upsampling_is_unets_up_convolution():
    # U-Net Figure 1: "up-conv 2x2" from the 28x28x1024 bottom to 56x56x512
    s = steps("upsampling", kernel=2, padding=0, output_padding=0)
    row = {r.name: r for r in analyze(cnnstat.load("unet")).rows}["up1.upconv"]
    assert row.input == (1024, 28, 28) and row.output == (512, 56, 56)
    assert s[0].value == 56  # (28 - 1)·2 - 0 + 2 + 0
    assert s[2].value == row.params == 1024 * 512 * 2 * 2 + 512
    assert s[3].value == row.macs == 28 * 28 * 1024 * 512 * 2 * 2


def test_upsampling_overlap_is_uneven_unless_the_kernel_divides():
    # Odena et al. 2016: uneven overlap "when the kernel size is not divisible by the
    # stride": 3 at stride 2 gives 1 and 2 taps in turn; 4 at stride 2 gives 2 everywhere
    uneven = steps("upsampling", kernel=3)
    assert (uneven[4].value, uneven[5].value) == (1, 2)
    even = steps("upsampling", kernel=4, output_padding=0)
    assert (even[4].value, even[5].value) == (2, 2)
    assert even[0].value == 56  # (28 - 1)·2 - 2 + 4 + 0: k 4, s 2, p 1 doubles too
    assert "checkerboard" in show(get("upsampling"), {"kernel": 3}).conclusion


def test_upsampling_resize_then_conv_costs_the_larger_map():
    s = steps("upsampling")
    # 3x3 conv at 56x56 (1024 -> 512) against the transposed conv's 28x28 input positions
    assert s[7].value == 56 * 56 * 512 * 9 * 1024
    assert s[7].value == 4 * s[3].value


def test_dilated_conv_is_deeplabs_aspp():
    rows = {r.name: r for r in analyze(cnnstat.load("deeplabv3_resnet50")).rows}
    s = steps("dilated-conv")
    for i, rate in enumerate((12, 24, 36)):
        span, size, whole, rf = (x.value for x in s[4 * i:4 * i + 4])
        assert span == 2 * rate + 1
        conv = rows[f"classifier.0.convs.{i + 1}.0"]
        assert conv.input[1:] == (65, 65) and conv.output[1:] == (size, size) == (65, 65)
        assert whole == max(65 - 2 * rate, 0) ** 2
        assert rf == 1 + 2 * rate * 8  # output stride 8: 520 / 65
    # Chen et al. 2017 Sec. 3.3: on a 65x65 map, as the rate nears the map size the 3x3
    # filter degenerates; at rate 36 no position has all nine taps on the map
    assert s[10].value == 0
    assert "ASPP adds image-level pooling" in show(get("dilated-conv")).conclusion


def test_dilation_keeps_the_parameters():
    one = steps("dilated-conv", rate1=1, rate2=1, rate3=1)[-1].value
    many = steps("dilated-conv")[-1].value
    assert one == many == 3 * 3 * 256 * 256
