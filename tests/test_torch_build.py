"""cnnstat.torch: every kind has a torch mapping; built models are named after the spec;
the lazy API keeps `import cnnstat` torch-free; a missing torch is a clean exit 2."""

import subprocess
import sys
import textwrap

import pytest

torch = pytest.importorskip("torch")

from cnnstat import layers  # noqa: E402
from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.torch import MAPPINGS, MERGE_MAPPINGS, build  # noqa: E402
from cnnstat.models.zoo import load  # noqa: E402
from tests.conftest import ROOT, run_process, write_spec  # noqa: E402


def test_every_layer_kind_and_merge_has_a_torch_mapping():
    assert set(layers.KINDS) <= set(MAPPINGS), set(layers.KINDS) - set(MAPPINGS)
    assert set(layers.MERGES) <= set(MERGE_MAPPINGS), set(layers.MERGES) - set(MERGE_MAPPINGS)


def test_module_paths_are_the_spec_layer_names():
    model = build("resnet50")
    a = analyze(load("resnet50"))
    for row in a.rows:
        model.get_submodule(row.name)  # raises if missing
    conv = model.get_submodule("layer2.0.conv2")
    assert isinstance(conv, torch.nn.Conv2d) and conv.in_channels == 128
    # torchvision's state-dict names for the projection shortcut
    keys = set(model.state_dict())
    assert {"layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_mean",
            "fc.weight", "fc.bias"} <= keys
    assert next(model.parameters()).device.type == "meta"


def test_inception_branches_are_nested_modules():
    model = build("googlenet")
    assert isinstance(model.get_submodule("inception3a.b2.conv2"), torch.nn.Conv2d)
    assert type(model.get_submodule("inception3a.concat1")).__name__ == "Concat"


def test_real_weights_run_a_forward_pass():
    model = build("lenet5", device="cpu")
    assert next(model.parameters()).device.type == "cpu"
    out = model(torch.randn(2, 1, 32, 32))
    assert out.shape == (2, 10) and torch.isfinite(out).all()


def test_auto_shortcut_is_decided_by_the_layer_algebra(monkeypatch):
    """The builder asks cnnstat.layers for the shortcut instead of deciding it itself: a
    changed decision there shows up in the built model."""
    from cnnstat.layers import merge  # the module that owns the rule

    calls = []
    original = merge.projection_shortcut

    def spy(in_shape, out_shape):
        calls.append((in_shape, out_shape))
        return original(in_shape, out_shape)

    monkeypatch.setattr(merge, "projection_shortcut", spy)
    model = build("resnet50")
    assert len(calls) == 16  # one decision per bottleneck block, torch's shapes
    assert calls[0] == ((64, 56, 56), (256, 56, 56))
    assert isinstance(model.get_submodule("layer1.0.downsample.0"), torch.nn.Conv2d)
    with pytest.raises(AttributeError):
        model.get_submodule("layer1.1.downsample")


def test_special_layers_have_the_analytic_parameter_counts(tmp_path):
    """LeNet-5's connection table, trainable subsampling, frozen RBF centres, and an
    option-A shortcut: torch's numel (trainable and not) is the analysis's."""
    path = write_spec(tmp_path, textwrap.dedent("""
        input: [1, 32, 32]
        layers:
          - conv: {name: C1, out: 6, kernel: 5}
          - subsample: {name: S2, kernel: 2}
          - table_conv: {name: C3, kernel: 5, table: [[0, 1, 2], [1, 2, 3], [0, 1, 2, 3, 4, 5]]}
          - residual: {name: res, shortcut: zeropad,
                       layers: [conv: {out: 6, kernel: 3, stride: 2, padding: 1}]}
          - flatten
          - rbf: {name: out, out: 10}
        """))
    spec = load(str(path))
    model = build(spec)
    rows = {r.name: r for r in analyze(spec).rows}
    expected = {"C3": 3 * 25 + 3 * 25 + 6 * 25 + 3, "S2": 12, "out": 6 * 5 * 5 * 10}
    for name, count in expected.items():
        module = model.get_submodule(name)
        assert sum(p.numel() for p in module.parameters()) == count == rows[name].params
    rbf = model.get_submodule("out")
    assert all(not p.requires_grad for p in rbf.parameters()) and rows["out"].trainable == 0
    assert type(model.get_submodule("res.shortcut")).__name__ == "ZeroPad"


def test_import_cnnstat_does_not_import_torch_but_build_is_there():
    code = ("import sys, cnnstat\n"
            "assert 'torch' not in sys.modules\n"
            "m = cnnstat.build('lenet5')\n"
            "assert 'torch' in sys.modules\n"
            "print(type(m).__name__, callable(cnnstat.verify))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Model True"


@pytest.mark.parametrize("command", [["verify", "lenet5"], ["build", "lenet5"]])
def test_missing_torch_says_how_to_install(command):
    code = ("import sys\n"
            "sys.modules['torch'] = None  # as if torch were not installed\n"
            f"sys.argv = ['cnnstat', *{command!r}]\n"
            "from cnnstat.cli import main\n"
            "main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 2
    # cnnstat is not on PyPI: the hint installs the extra from where this copy came from
    assert "download.pytorch.org/whl/cpu" in out.stderr and "[torch]" in out.stderr
    assert 'pip install "cnnstat[torch]"' not in out.stderr
    assert "Traceback" not in out.stderr


def test_build_command_prints_the_module():
    proc = run_process("build", "resnet18")
    assert proc.returncode == 0, proc.stderr
    assert "(layer1): Scope(" in proc.stdout
    # folded to 80 columns (issue 23); the words are torch's own
    assert "(conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), " \
           "bias=False)" in " ".join(proc.stdout.split())


def test_build_command_bad_spec_is_exit_2(tmp_path):
    path = write_spec(tmp_path, "input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, kernel: 9}\n")
    proc = run_process("build", str(path))
    assert proc.returncode == 2
    assert "larger than the padded input" in proc.stderr and "Traceback" not in proc.stderr


def test_pre_commit_hook_runs_verify_on_spec_files():
    import re

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["cnnstat-verify"]
    assert hook["entry"] == "cnnstat verify" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("specs/resnet50.yaml") and pattern.search("models/specs/net.yml")
    assert not pattern.search(".github/workflows/ci.yaml")
    assert any(d.startswith("torch") for d in hook["additional_dependencies"])
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("python -m pytest") < ci.index("cnnstat verify --all")


AUX_AND_DROP = """
input: [3, 16, 16]
layers:
  - conv: {name: stem, out: 8, kernel: 3, padding: 1}
  - aux:
      name: aux1
      layers: [global_avgpool, flatten, linear: {name: fc, out: 5}]
  - residual:
      name: block
      survival: 0.5
      layers: [conv: {out: 8, kernel: 3, padding: 1}, bn]
  - parallel:
      name: fractal
      merge: mean
      drop_path: 0.5
      branches:
        a: [conv: {out: 8, kernel: 3, padding: 1}]
        b: [conv: {out: 8, kernel: 1}]
  - global_avgpool
  - flatten
  - linear: {name: fc, out: 5}
"""


def test_aux_heads_run_in_training_and_are_verified(tmp_path):
    from cnnstat.torch.verify import verify

    spec = load(str(write_spec(tmp_path, AUX_AND_DROP)))
    model = build(spec, device="cpu")
    x = torch.randn(2, 3, 16, 16)
    assert model(x).shape == (2, 5)  # eval: the main output only
    model.train()
    for _ in range(5):  # survival and drop-path drop different inputs each step
        out, aux = model(x)
        assert out.shape == aux.shape == (2, 5)
    res = verify(spec)
    a = analyze(spec)
    aux_macs = 8 * 5
    assert res.ok, res.diffs
    assert res.torch["macs"] == res.fvcore_macs == a.totals.macs  # inference: no aux head
    assert sum(r.macs for r in a.rows if r.train_only) == aux_macs
