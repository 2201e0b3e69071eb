"""Stochastic depth sits only where torchvision applies it. torchvision's MBConv and
FusedMBConv (torchvision/models/efficientnet.py) set ``use_res_connect = stride == 1 and
input_channels == out_channels`` and run ``result = self.stochastic_depth(result);
result += input`` only ``if self.use_res_connect``; its ``sd_prob`` is
``stochastic_depth_prob * stage_block_id / total_stage_blocks`` for every block, counted
over all blocks (residual or not). So in each spec every stochastic-depth row with p > 0
must be in a block that adds its input (its block has an ``add`` row), and a block that
does not add its input keeps nothing for it in training.
"""

from __future__ import annotations

import pytest

import cnnstat
from cnnstat.analysis import analyze

NAMES = ["efficientnet_b0", "efficientnet_b3", "efficientnet_b7", "efficientnet_v2_s",
         "efficientnet_v2_m", "efficientnet_v2_l"]


def _blocks(name: str) -> dict[str, dict]:
    blocks: dict[str, dict] = {}
    for r in analyze(cnnstat.load(name)).rows:
        block = r.name.rsplit(".", 1)[0]
        if r.type == "stochastic_depth":
            blocks.setdefault(block, {})["p"] = r.kind.p
        if r.type == "add":
            blocks.setdefault(block, {})["adds"] = True
    return blocks


@pytest.mark.parametrize("name", NAMES)
def test_stochastic_depth_only_with_a_residual(name):
    blocks = _blocks(name)
    wrong = [b for b, v in blocks.items() if v.get("p", 0) > 0 and not v.get("adds")]
    assert not wrong, f"stochastic depth without a residual: {wrong}"
    # and the blocks with a residual keep it (the index rule, not zero everywhere)
    assert sum(1 for v in blocks.values() if v.get("p", 0) > 0) >= 9  # b0: 16 blocks, 9 residual after the first


@pytest.mark.parametrize("name", NAMES)
def test_against_torchvision(name):
    """With torchvision: each block's residual and drop probability as the module has
    them (p = 0 where it does not add its input: the module is never called there)."""
    tv = pytest.importorskip("torchvision")
    model = getattr(tv.models, name)(weights=None)
    want = {}
    for path, m in model.named_modules():
        if hasattr(m, "use_res_connect") and hasattr(m, "stochastic_depth"):
            want[path] = (m.use_res_connect,
                          m.stochastic_depth.p if m.use_res_connect else 0.0)
    got = {b: (v.get("adds", False), v.get("p", 0.0)) for b, v in _blocks(name).items()
           if "p" in v}
    assert set(got) == set(want)
    for b in want:
        assert got[b][0] == want[b][0], b
        assert got[b][1] == pytest.approx(want[b][1], abs=1e-12), b
