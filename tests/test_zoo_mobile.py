"""The modern torchvision twins (MobileNet, EfficientNet, ShuffleNetV2, ConvNeXt) against
torchvision's own figures, at each builder's evaluation crop.

params and GFLOPS (= GMACs) are each weights enum's ``meta["num_params"]`` and
``meta["_ops"]`` (IMAGENET1K_V1), to every published decimal; the crop is its
``transforms().crop_size``; buffers are ``sum(b.numel() for b in model.buffers())`` of the
builder with ``weights=None`` (torchvision 0.29; torchvision publishes no buffer count).
Written from torchvision, never from cnnstat; ``benchmarks/torchvision_parity.py``
re-derives all of them from the builders where torchvision is installed.
"""

import pytest

import cnnstat
from cnnstat.analysis import analyze

# name: (params, buffers, GFLOPS as published, crop)
MOBILE_TWINS = {
    "mobilenet_v2": (3_504_872, 34_164, "0.301", 224),
    "mobilenet_v3_large": (5_483_032, 24_446, "0.217", 224),
    "mobilenet_v3_small": (2_542_856, 12_146, "0.057", 224),
    "efficientnet_b0": (5_288_548, 42_065, "0.386", 224),
    "efficientnet_b1": (7_794_184, 62_117, "0.687", 240),
    "efficientnet_b2": (9_109_994, 67_637, "1.088", 288),
    "efficientnet_b3": (12_233_232, 87_374, "1.827", 300),
    "efficientnet_b4": (19_341_616, 125_296, "4.394", 380),
    "efficientnet_b5": (30_389_784, 172_852, "10.266", 456),
    "efficientnet_b6": (43_040_704, 224_566, "19.068", 528),
    "efficientnet_b7": (66_347_960, 310_883, "37.746", 600),
    "efficientnet_v2_s": (21_458_488, 153_982, "8.366", 384),
    "efficientnet_v2_m": (54_139_356, 292_189, "24.582", 480),
    "efficientnet_v2_l": (118_515_272, 512_793, "56.08", 480),
    "shufflenet_v2_x0_5": (1_366_792, 8_008, "0.04", 224),
    "shufflenet_v2_x1_0": (2_278_604, 16_236, "0.145", 224),
    "shufflenet_v2_x1_5": (3_503_624, 23_496, "0.296", 224),
    "shufflenet_v2_x2_0": (7_393_996, 33_772, "0.583", 224),
    "convnext_tiny": (28_589_128, 0, "4.456", 224),
    "convnext_small": (50_223_688, 0, "8.684", 224),
    "convnext_base": (88_591_464, 0, "15.355", 224),
    "convnext_large": (197_767_336, 0, "34.361", 224),
}


@pytest.mark.parametrize("name", sorted(MOBILE_TWINS))
def test_modern_twin(name):
    params, buffers, gflops, crop = MOBILE_TWINS[name]
    spec = cnnstat.load(name)
    assert spec.matches == f"torchvision.models.{name}"
    assert spec.input == (3, crop, crop)
    t = analyze(spec).totals
    assert (t.params, t.buffers) == (params, buffers)
    decimals = len(gflops.split(".")[1])
    assert f"{t.macs / 1e9:.{decimals}f}" == gflops
    published = {k: p.text for k, p in spec.published.items()}
    assert {k: published[k] for k in ("params", "macs")} == {
        "params": str(params), "macs": f"{gflops}G"}
    # top-1 and top-5 of the same weights (tests/test_ecosystem.py checks their values)
    assert set(published) == {"params", "macs", "top1", "top5"}


def test_compound_scaling_with_set(cli):
    """B0's spec with B2's multipliers (--set) is B2: 9,109,994 parameters."""
    import json

    code, out, err = cli("params", "efficientnet_b0", "--set", "width_mult=1.1", "--set",
                         "depth_mult=1.2", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["totals"]["params"] == MOBILE_TWINS["efficientnet_b2"][0]
