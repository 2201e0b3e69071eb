"""Issue 23, "conventions on an imported module": a layer the model's code called as a
function (``F.relu(x)``, not ``nn.ReLU``) is recorded by ``cnnstat import`` as
``functional: torch.nn.functional.relu``, and each convention counts it as its tool does.

Before, `cnnstat conventions fnet.py:Net` (tests/fixtures/models/functional.py: Net, at
3x32x32) predicted ptflops 1,777,994 and thop 1,696,096, where the tools report
1,737,034 and 1,687,872: ptflops counts a module ReLU or pool twice (hook and wrapped
functional) but an F.relu call once, and thop counts no function call at all.

The first tests are torch-free (a spec written by hand, expected counts worked out in the
test from the tools' sources); the last run the real tools where they are installed and
skip each one that is not.
"""

from __future__ import annotations

import re

import pytest

from cnnstat import analyze
from cnnstat.conventions import get, predict, rule_of
from cnnstat.errors import SpecError
from cnnstat.spec.parse import parse_spec
from cnnstat.spec.yamlload import load_yaml

from conftest import ROOT

F = "torch.nn.functional."

# input 4x8x8 = 256 elements
SPEC = f"""
name: fn
title: functional and module layers
input: [4, 8, 8]
layers:
  - relu: {{functional: {F}relu}}          # 256 in, 256 out
  - relu: {{functional: torch.relu}}       # 256 in: wrapped by no tool
  - relu                                  # a module: 256 in, 256 out
  - maxpool: {{kernel: 2, functional: {F}max_pool2d}}   # 256 in -> 4x4x4 = 64
  - adaptive_avgpool: {{size: 2}}          # a module: 64 in -> 4x2x2 = 16 out
  - global_avgpool: {{functional: {F}adaptive_avg_pool2d}}  # 16 in -> 4 out
  - flatten: {{functional: torch.flatten}}
"""


def _spec(text: str = SPEC):
    return parse_spec(load_yaml(text, file="<test>"), file="<test>")


def test_functional_is_read_kept_and_written_back():
    spec = _spec()
    a = analyze(spec)
    assert [r.functional for r in a.rows] == [
        F + "relu", "torch.relu", None, F + "max_pool2d", None, F + "adaptive_avg_pool2d",
        "torch.flatten"]
    text = spec.to_yaml()
    assert f"relu: {{functional: {F}relu}}" in text
    again = analyze(_spec(text))
    assert [r.functional for r in again.rows] == [r.functional for r in a.rows]


@pytest.mark.parametrize("value", ["5", "'relu('", "''", "[a, b]", "'relu'"])
def test_a_bad_functional_is_a_located_error(value):
    text = SPEC.replace("{functional: torch.flatten}", f"{{functional: {value}}}")
    with pytest.raises(SpecError) as caught:
        _spec(text)
    message = str(caught.value)
    assert message.startswith("<test>:12 (layer 'flatten1'): functional must name the "
                              "function"), message


def test_each_convention_counts_functional_layers_as_its_tool_does():
    """Expected counts from the tools' sources, layer by layer (elements: 256 in at each
    ReLU and the max pool, 64 into the adaptive pool (out 16), 16 into the global one):

    - ptflops: F.relu wrapped, input elements once: 256; torch.relu not wrapped: 0; the
      nn.ReLU module: hook (256 out) + its F.relu (256 in) = 512; F.max_pool2d wrapped:
      256; nn.AdaptiveAvgPool2d: hook + F.adaptive_avg_pool2d = 2 x 64 = 128;
      F.adaptive_avg_pool2d: 16; flatten: 0. Total 1,168.
    - thop: hooks on modules only: nn.ReLU zero_ops; nn.AdaptiveAvgPool2d
      (window 2x2 + 1) x 16 out = 80; every function call 0. Total 80.
    - deepspeed: counts only through wrapped functions: F.relu 256, torch.relu 0, nn.ReLU
      (its F.relu) 256, F.max_pool2d 256, the adaptive pool 64, F.adaptive_avg_pool2d 16.
      Total 848 FLOPs.
    - fvcore: traces aten ops: ReLU and max pool are skipped; adaptive_avg_pool2d is one
      per input element, module or function: 64 + 16 = 80.
    - torch (FlopCounterMode): no conv or matmul: 0.
    """
    a = analyze(_spec())
    expected = {"ptflops": 256 + 0 + 512 + 256 + 128 + 16, "thop": 80,
                "deepspeed": 256 + 0 + 256 + 256 + 64 + 16, "fvcore": 64 + 16, "torch": 0,
                "torchinfo": 0, "macs": 0}
    got = {name: predict(a, name).total for name in expected}
    assert got == expected
    # the same layers as modules (what every layer was taken for before): ptflops counts
    # 3 x 512 for the ReLUs, 2 x 256 for the max pool, 128 and 2 x 16 for the pools
    modules = re.sub(r", functional: [\w.]+|\{functional: [\w.]+\}", "", SPEC)
    assert "functional:" not in modules
    assert predict(analyze(_spec(modules)), "ptflops").total == 3 * 512 + 512 + 128 + 32


def test_rule_of_reads_the_function_name():
    ptflops, thop, fvcore = get("ptflops"), get("thop"), get("fvcore")
    assert rule_of(ptflops, "relu", None).terms == {"out": 1, "in": 1}  # the module
    assert rule_of(ptflops, "relu", F + "relu").terms == {"in": 1}
    assert rule_of(ptflops, "relu", "Tensor.relu").terms == {}
    assert rule_of(ptflops, "relu6", F + "hardtanh").terms == {}
    assert rule_of(thop, "global_avgpool", F + "adaptive_avg_pool2d").terms == {}
    assert rule_of(fvcore, "global_avgpool", F + "adaptive_avg_pool2d").terms == {"in": 1}
    assert rule_of(fvcore, "global_avgpool", "Tensor.mean").terms == {}
    for name in ("ptflops", "thop", "deepspeed", "fvcore"):
        conv = get(name)
        for fn, rule in conv.functional.calls.items():
            assert "." in fn and rule.source, (name, fn)
        assert ".py" in conv.functional.source, name


# --------------------------------------------------------------------------- real tools

MODELS = str(ROOT / "tests" / "fixtures" / "models" / "functional.py")
CASES = [("Net", (3, 32, 32)), ("Spellings", (3, 32, 32)), ("HookedSpellings", (3, 32, 32))]


def _imported(cls: str, shape: tuple[int, ...], cache={}):
    if cls not in cache:
        pytest.importorskip("torch")
        from cnnstat.torch.importer import import_target

        cache[cls] = import_target(f"{MODELS}:{cls}", input=shape)
    return cache[cls]


def _module(cls: str, shape: tuple[int, ...]):
    torch = pytest.importorskip("torch")
    import importlib.util

    spec = importlib.util.spec_from_file_location("_functional_models", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    torch.manual_seed(0)
    return getattr(mod, cls)().eval(), torch.randn(1, *shape)


def test_import_records_each_function_call():
    spec = _imported("Net", (3, 32, 32))
    a = analyze(spec)
    assert [(r.type, r.functional) for r in a.rows] == [
        ("conv", None), ("bn", None), ("relu", F + "relu"), ("maxpool", F + "max_pool2d"),
        ("conv", None), ("relu", None), ("global_avgpool", F + "adaptive_avg_pool2d"),
        ("flatten", "torch.flatten"), ("linear", None)]
    for cls in ("Spellings", "HookedSpellings"):  # torch.fx, then module hooks
        rows = analyze(_imported(cls, (3, 32, 32))).rows
        assert [r.functional for r in rows] == [
            F + "conv2d", F + "batch_norm", "torch.relu", F + "relu6", F + "hardtanh",
            F + "avg_pool2d", None, "Tensor.relu", F + "interpolate", F + "silu",
            F + "gelu", F + "leaky_relu", F + "max_pool2d", None, "torch.sigmoid",
            F + "interpolate", "Tensor.mean", "Tensor.mean", F + "linear", F + "softmax"], cls


@pytest.mark.parametrize("tool", ["torch", "fvcore", "ptflops", "thop", "torchinfo",
                                  "deepspeed"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_prediction_for_the_imported_module_equals_the_tool(case, tool):
    """The tool run on the user's own module (not the model rebuilt from the spec)."""
    from test_conventions import RUN

    cls, shape = case
    spec = _imported(cls, shape)
    model, x = _module(cls, shape)
    reported = RUN[tool](model, x)
    predicted = predict(analyze(spec), tool)
    assert predicted.total == reported, (cls, tool, predicted.by_kind)
