"""`cnnstat import` / ``cnnstat.from_torch``: PyTorch models to readable specs.

References are torch's own counts on the original module (``numel`` of its parameters
and buffers; FlopCounterMode FLOPs / 2 over one forward), never cnnstat's. torchvision
does not import with the CI's torch; benchmarks/import_parity.py covers its builders.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SPECS, run_process

torch = pytest.importorskip("torch")

FIXTURE = "tests/fixtures/models/handwritten.py"
BUNDLED = sorted(p.stem for p in SPECS.glob("*.yaml"))
# Every bundled spec's rows are compared; verify (a second build and forward) runs on one
# spec of each family, where the rows of its siblings differ only in sizes
VERIFY = {"alexnet", "lenet5", "resnet20", "resnet50-tv", "se-resnet50", "preact-resnet164",
          "stochastic-depth-resnet110", "densenet-bc-100-12", "googlenet-aux", "inception_v3",
          "squeezenet1_1", "fractalnet-cifar", "mobilenet-v1", "mobilenet_v3_small",
          "efficientnet_b0", "shufflenet_v2_x0_5", "convnext_tiny", "regnet_y_400mf",
          "mnasnet0_5", "vgg11-lrn", "nin-cifar10", "wrn-16-8"}


def models():
    sys.path.insert(0, str(ROOT / "tests/fixtures/models"))
    try:
        import handwritten
    finally:
        sys.path.pop(0)
    return handwritten


def rows(spec):
    from cnnstat.analysis import analyze

    return [(r.name, r.output, r.params, r.buffers, r.macs) for r in analyze(spec).rows]


def torch_counts(module, shape):
    from torch.utils.flop_counter import FlopCounterMode

    module.eval()
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        module(torch.empty(1, *shape, device="meta"))
    return (sum(p.numel() for p in module.parameters()),
            sum(b.numel() for b in module.buffers()), counter.get_total_flops() // 2)


def imported(cls, shape, **kwargs):
    from cnnstat.torch.importer import from_torch

    with torch.device("meta"):
        module = cls(**kwargs)
    return module, from_torch(module, shape)


def header(text):
    """The leading comment as one line."""
    return " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))


def cnnstat_counts(spec):
    from cnnstat.analysis import analyze

    t = analyze(spec).totals
    return t.params, t.buffers, t.macs


# Bundled dense-prediction specs written with named inputs (an aux head `from:` the middle
# of the backbone, U-Net's skips): the import gives the same numbers (its params, buffers
# and MACs are checked against torch's) but not yet the same rows in the same order and
# names. Already failing on main when they were bundled; strict, so a fix shows here.
NOT_YET = {"deeplabv3_mobilenet_v3_large", "deeplabv3_resnet101", "deeplabv3_resnet50",
           "fcn_resnet101", "fcn_resnet50", "lraspp_mobilenet_v3_large", "unet"}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="issue 20: the importer does "
                                            "not yet write these rows as the spec does"))
    if n in NOT_YET else n for n in BUNDLED])
def test_round_trip_of_every_bundled_spec(name):
    """Build the spec in torch, import the module: every row's shape, params, buffers and
    MACs equal, and verify passes on the imported spec."""
    from cnnstat.torch import build
    from cnnstat.torch.importer import from_torch
    from cnnstat.torch.verify import verify
    from cnnstat.models.zoo import load

    spec = load(name)
    again = from_torch(build(spec), spec.input)
    assert rows(again) == rows(spec)
    if name in VERIFY:
        result = verify(again, fvcore=False)
        assert result.ok, result.diffs[:3]


@pytest.mark.parametrize("cls, shape, kwargs", [
    ("LoopNet", (3, 32, 32), {}), ("FlattenNet", (1, 28, 28), {}), ("SENet", (3, 32, 32), {}),
    ("DenseNetLike", (3, 16, 16), {}), ("ConvNeXtLike", (3, 32, 32), {}),
    ("SizeBranchNet", (3, 32, 32), {}), ("LoopNet", (3, 24, 24), {"width": 8, "blocks": 5}),
])
def test_hand_written_modules_match_torch(cls, shape, kwargs):
    module, spec = imported(getattr(models(), cls), shape, **kwargs)
    assert cnnstat_counts(spec) == torch_counts(module, shape)
    assert rows(spec) == rows(spec._replace(source=None))  # the text is the spec


def test_functional_ops_and_module_list_loop():
    module, spec = imported(models().LoopNet, (3, 32, 32))
    text = spec.to_yaml()
    names = [r[0] for r in rows(spec)]
    assert "blocks.0.conv1" in names and "blocks.2.bn2" in names  # module paths
    assert "- repeat: {name: blocks, times: 3, block: block}" in text  # the loop, folded
    assert "residual:" in text  # x + y
    assert "merge: concat" in text  # torch.cat
    # x.mean((2, 3)): two layers from one call of Tensor.mean, not modules
    assert "- global_avgpool: {functional: Tensor.mean}\n  - flatten: {functional: " \
           "Tensor.mean}" in text
    assert text.startswith("# Imported by `cnnstat import` from LoopNet on the meta device")
    assert "traced with torch.fx." in header(text)
    assert "# published:" in text and "\npublished:" not in text


def test_se_gate_is_a_gate():
    module, spec = imported(models().SENet, (3, 32, 32))
    text = spec.to_yaml()
    assert "- gate:\n      name: se" in text
    assert "sigmoid" in text


def test_densenet_style_concatenation_becomes_dense_residuals():
    module, spec = imported(models().DenseNetLike, (3, 16, 16))
    text = spec.to_yaml()
    assert "merge: concat" in text and "- repeat: {name: layers, times: 3" in text


def test_channel_shuffle_split_layernorm_and_layer_scale():
    module, spec = imported(models().ConvNeXtLike, (3, 32, 32))
    text = spec.to_yaml()
    for piece in ("- shuffle: {groups: 2, functional: Tensor.view}",  # view, transpose, view
                  "- split: {part: 1, functional: Tensor.chunk}", "groups: in",
                  "- layernorm: {name: norm, eps: 1.0e-06}",
                  "- layer_scale: {name: gamma, functional: operator.mul}",
                  "- conv: {name: pw1, out: 64, kernel: 1}"):
        assert piece in text, piece


def test_unmappable_op_is_a_clean_error_naming_it():
    from cnnstat.errors import SpecError

    with pytest.raises(SpecError) as info:
        imported(models().OddNet, (3, 16, 16))
    message = str(info.value)
    assert "torch.sin" in message and "'wobble'" in message
    assert "Layer kinds: conv, linear" in message and "merges: concat, add" in message


def test_unmappable_op_on_the_command_line_exits_2_without_traceback():
    proc = run_process("import", f"{FIXTURE}:OddNet", "--input", "3x16x16")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert "torch.sin" in proc.stderr


def test_size_dependent_forward_falls_back_to_hooks():
    module, spec = imported(models().SizeBranchNet, (3, 32, 32))
    assert "traced with module hooks (torch.fx could not trace it" in header(spec.to_yaml())
    assert any(r[0] == "pool" for r in rows(spec))
    small, spec16 = imported(models().SizeBranchNet, (3, 16, 16))
    assert not any(r[0] == "pool" for r in rows(spec16))  # the other branch, at 16x16


def test_value_dependent_forward_fails_saying_why():
    from cnnstat.errors import SpecError

    with pytest.raises(SpecError, match="branches on tensor values cannot run there"):
        imported(models().ValueBranchNet, (3, 16, 16))


def test_import_command_writes_a_spec_that_analyses_and_verifies(tmp_path, cli):
    out = tmp_path / "loop.yaml"
    code, _, err = cli("import", f"{FIXTURE}:LoopNet", "-o", str(out), "--input", "3x32x32",
                       "--kwargs", '{"width": 8}')
    assert code == 0, err
    module = models().LoopNet(width=8)
    params, buffers, macs = torch_counts(module.to("meta"), (3, 32, 32))
    code, text, err = cli("params", str(out), "-f", "json")
    doc = json.loads(text)
    assert (doc["totals"]["params"], doc["totals"]["buffers"], doc["totals"]["macs"]) == \
        (params, buffers, macs)
    code, text, err = cli("verify", str(out), "--no-fvcore")
    assert code == 0, text + err


def test_targets_are_accepted_wherever_a_spec_is(cli):
    code, out, err = cli("params", "tests.fixtures.models.handwritten:make_loopnet",
                         "-f", "json")
    assert code == 0, err
    module = models().make_loopnet()
    assert json.loads(out)["totals"]["params"] == sum(p.numel() for p in module.parameters())
    code, out, err = cli("compare", f"{FIXTURE}:FlattenNet", "lenet5-modern") \
        if "compare" in _commands() else (0, "", "")
    assert code in (0, 2), err


def _commands():
    import typer.main

    from cnnstat.cli import app

    return typer.main.get_command(app).commands


def test_target_syntax():
    from cnnstat.models.zoo import is_target

    for text in ("torchvision:resnet50", "timm:resnet50d", "my.pkg.models:build",
                 "path/to/net.py:Net", "net.py:Model.small"):
        assert is_target(text), text
    for text in ("resnet50", "specs/vgg16.yaml", "a:b.yaml", "x" * 5000 + ":y", ":Net",
                 "torchvision:", "C:\\nets\\vgg.yaml"):
        assert not is_target(text), text


def test_bad_kwargs_and_missing_attribute_are_clean_errors(cli):
    code, out, err = cli("import", f"{FIXTURE}:LoopNet", "--kwargs", "{width: 8}")
    assert code == 2 and "--kwargs is not JSON" in err
    code, out, err = cli("import", f"{FIXTURE}:NoSuchNet")
    assert code == 2 and "no attribute 'NoSuchNet'" in err
    code, out, err = cli("import", f"{FIXTURE}:LoopNet", "--kwargs", '{"depth": 3}')
    assert code == 2 and "depth" in err


def test_torchvision_target_without_torchvision_is_a_clean_error(cli):
    try:
        import torchvision  # noqa: F401
    except Exception:
        code, out, err = cli("import", "torchvision:resnet50")
        assert code == 2 and "needs torchvision" in err
    else:  # pragma: no cover - a venv with torchvision (the benchmark's)
        pytest.skip("torchvision imports here")


def test_the_analytic_path_still_never_imports_torch():
    code = ("import sys\nfrom cnnstat.models.zoo import load, is_target\n"
            "load('resnet50'); assert not is_target('resnet50')\n"
            "assert 'torch' not in sys.modules\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr
