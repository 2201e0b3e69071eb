"""Counting conventions: cnnstat's prediction of each tool's figure against the tool itself.

The expected numbers come from running the real tools (fvcore, FlopCounterMode, ptflops,
thop, torchinfo, DeepSpeed's flops profiler) on the torch model built from each spec,
in eval mode at batch 1; the prediction comes from the rule tables in
``cnnstat/conventions``. A tool that is not installed skips its pairs, saying so.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import warnings

import pytest

from cnnstat import analyze, load
from cnnstat.conventions import NAMES, TERMS, covered_kinds, get, kinds_of, predict

from conftest import ROOT

MODELS = ["alexnet", "alexnet-tv", "vgg16", "googlenet-tv", "googlenet-aux", "resnet50-tv",
          "densenet121", "squeezenet1_1", "lenet5",
          # every kind of modern networks (gates, activations, depthwise, split, shuffle,
          # layer norm, layer scale), in one small model
          str(ROOT / "tests" / "fixtures" / "modern_kinds.yaml"),
          # and a real one: squeeze-and-excitation gates, hard swish, hard sigmoid
          "mobilenet_v3_small",
          # every kind of dense prediction (upsampling nearest and bilinear, by scale, size
          # and another layer's size; transposed convs; pixel shuffle and unshuffle; crop)
          str(ROOT / "tests" / "fixtures" / "dense_kinds.yaml")]
TOOLS = ["torch", "fvcore", "ptflops", "thop", "torchinfo", "deepspeed"]


# --------------------------------------------------------------------------- the tables

@pytest.mark.parametrize("name", NAMES)
def test_every_kind_has_a_rule_with_a_source(name):
    conv = get(name)
    assert conv.name == name and conv.unit in ("MAC", "FLOP")
    assert set(conv.rules) == covered_kinds(), "a layer kind or merge without a rule"
    for kind, rule in conv.rules.items():
        assert rule.terms is None or set(rule.terms) <= set(TERMS), (name, kind)
        assert all(isinstance(c, int) and c for c in (rule.terms or {}).values())
        if name != "macs":  # every tool rule cites a file of that tool's source
            assert re.search(r"[\w/]+\.py", rule.source), (name, kind, rule.source)


def test_unknown_convention():
    from cnnstat.errors import SpecError

    with pytest.raises(SpecError, match="did you mean 'fvcore'"):
        get("fvcor")


def test_kinds_follow_rows():
    a = analyze(load("resnet50-tv"))
    kinds = kinds_of(a)
    assert len(kinds) == len(a.rows)
    for row, kind in zip(a.rows, kinds):
        assert (kind is None) == (row.type in ("add", "concat", "mean"))
        assert kind is None or kind.name == row.type


# --------------------------------------------------------------------------- the real tools

def _model(name, cache={}):
    if name not in cache:
        torch = pytest.importorskip("torch")
        from cnnstat.torch import build

        spec = load(name)
        torch.manual_seed(0)
        cache.clear()  # one model alive at a time (VGG-16 holds 550 MB)
        model = build(spec, device="cpu")
        cache[name] = (model, torch.randn(1, *spec.input))
    return cache[name]


def _torch(model, x):
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(x)
    return counter.get_total_flops()


def _fvcore(model, x):
    pytest.importorskip("fvcore", reason="fvcore is not installed")
    from fvcore.nn import FlopCountAnalysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        flops = FlopCountAnalysis(model, (x,))
        flops.unsupported_ops_warnings(False)
        flops.uncalled_modules_warnings(False)
        flops.tracer_warnings("none")
        return flops.total()


def _ptflops(model, x):
    pytest.importorskip("ptflops", reason="ptflops is not installed")
    from ptflops import get_model_complexity_info

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        macs, _ = get_model_complexity_info(model, tuple(x.shape[1:]), as_strings=False,
                                            print_per_layer_stat=False, backend="pytorch",
                                            ost=out)
    assert macs is not None, f"ptflops failed: {out.getvalue()[-500:]}"
    return macs


def _thop(model, x):
    pytest.importorskip("thop", reason="thop is not installed (or cannot import: it needs "
                                       "distutils)")
    import thop

    with contextlib.redirect_stdout(io.StringIO()):
        ops, _ = thop.profile(model, (x,), verbose=False)
    assert ops == int(ops)
    return int(ops)


def _torchinfo(model, x):
    pytest.importorskip("torchinfo", reason="torchinfo is not installed")
    import torchinfo

    return torchinfo.summary(model, input_data=x, verbose=0).total_mult_adds


def _deepspeed(model, x):
    pytest.importorskip("deepspeed", reason="deepspeed is not installed")
    import torch
    from deepspeed.profiling.flops_profiler import FlopsProfiler

    prof = FlopsProfiler(model)
    prof.start_profile()
    try:
        with torch.no_grad():
            model(x)
        return prof.get_total_flops()
    finally:
        prof.end_profile()


RUN = {"torch": _torch, "fvcore": _fvcore, "ptflops": _ptflops, "thop": _thop,
       "torchinfo": _torchinfo, "deepspeed": _deepspeed}
# Pairs a tool cannot run, with the reason (none so far: even LeNet-5's connection table,
# trainable subsampling and RBF layers are predicted for every tool).
CANNOT: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("tool", TOOLS)
# outer loop: each model is built once
@pytest.mark.parametrize("model_name", MODELS, ids=lambda m: m.rsplit("/", 1)[-1])
def test_prediction_equals_the_tool(model_name, tool):
    if (model_name, tool) in CANNOT:
        pytest.skip(CANNOT[model_name, tool])
    model, x = _model(model_name)
    reported = RUN[tool](model, x)
    predicted = predict(analyze(load(model_name)), tool)
    assert predicted.total is not None, predicted.unknown
    assert predicted.total == reported, (model_name, tool, predicted.by_kind)


def test_fvcore_layer_by_layer():
    """Not only the total: every layer's count equals fvcore's count for that module."""
    pytest.importorskip("fvcore", reason="fvcore is not installed")
    from fvcore.nn import FlopCountAnalysis

    for name in ("googlenet-tv", "densenet121"):
        model, x = _model(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            flops = FlopCountAnalysis(model, (x,))
            flops.unsupported_ops_warnings(False)
            flops.uncalled_modules_warnings(False)
            flops.tracer_warnings("none")
            by_module = flops.by_module()
        a = analyze(load(name))
        p = predict(a, "fvcore")
        for row, value in zip(a.rows, p.values):
            assert value == by_module.get(row.name, 0), (name, row.name)


def test_batch_scales_every_convention():
    a1, a4 = analyze(load("resnet50-tv")), analyze(load("resnet50-tv"), batch=4)
    for name in NAMES:
        assert predict(a4, name).total == 4 * predict(a1, name).total, name


# --------------------------------------------------------------------------- the CLI

def test_conventions_cli(cli):
    code, out, err = cli("conventions", "resnet50-tv", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    totals = {c["name"]: c["total"] for c in doc["conventions"]}
    assert list(totals) == list(NAMES)
    a = analyze(load("resnet50-tv"))
    assert totals == {n: predict(a, n).total for n in NAMES}
    assert totals["macs"] == a.totals.macs and totals["torch"] == 2 * a.totals.macs
    fv = next(c for c in doc["conventions"] if c["name"] == "fvcore")
    assert set(fv["gaps_vs_macs"]) == {"bn", "global_avgpool"}
    code, out, _ = cli("conventions", "vgg16", "--sources")
    assert code == 0 and "ptflops/pytorch_ops.py" in out and "fvcore/nn/jit_handles.py" in out


def test_params_and_compare_with_a_convention(cli):
    code, out, err = cli("params", "squeezenet1_1", "--convention", "ptflops", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    p = predict(analyze(load("squeezenet1_1")), "ptflops")
    assert doc["total"] == p.total and doc["unit"] == "MAC"
    assert sum(r["count"] for r in doc["layers"]) == p.total
    code, out, _ = cli("params", "resnet50-tv", "-c", "thop", "--depth", "1", "-f", "json")
    doc = json.loads(out)
    assert sum(r["count"] for r in doc["layers"]) == doc["total"]
    code, out, err = cli("compare", "alexnet", "vgg16", "--convention", "torch", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert [m["convention_total"] for m in doc["models"]] == [
        2 * m["macs"] for m in doc["models"]]
    code, out, _ = cli("params", "alexnet")  # the default is unchanged
    assert "ptflops" not in out and "MACs" in out
    code, _, err = cli("params", "alexnet", "-c", "flops")
    assert code == 2 and "no counting convention 'flops'" in err


def test_docs_tables_are_the_tools_output(cli):
    readme = (ROOT / "docs" / "conventions.md").read_text(encoding="utf-8")
    for name in ("resnet50-tv", "vgg16"):
        code, out, _ = cli("conventions", name, "-f", "markdown")
        assert code == 0
        shown = out[out.index("| layer kind"):out.index("\n\n| Each tool")].strip()
        start, end = (f"<!-- cnnstat conventions {name}: {w} -->" for w in ("start", "end"))
        block = readme[readme.index(start) + len(start):readme.index(end)].strip()
        assert block == shown, f"docs/conventions.md's tables for {name} are stale: paste " \
                               f"`cnnstat conventions {name} -f markdown`"
