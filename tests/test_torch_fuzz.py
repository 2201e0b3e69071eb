"""Property-based parity: on random specs the analysis and torch agree, and random invalid
specs are a clean exit 2. Torch is the reference; nothing is filtered on what the analysis
says. (``benchmarks/fuzz_parity.py`` runs the same properties thousands of times.)"""

import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.torch import build  # noqa: E402
from tests.strategies import disagreement, invalid_specs, to_spec, valid_specs  # noqa: E402

FUZZ = settings(max_examples=150, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(valid_specs())
def test_random_specs_agree_with_torch(case):
    doc, batch = case
    problem = disagreement(doc, batch)
    assert problem is None, f"{problem}\n{yaml.safe_dump(doc, sort_keys=False)}"


@FUZZ
@given(invalid_specs())
def test_random_invalid_specs_are_a_clean_exit_2(doc):
    from typer.testing import CliRunner

    from cnnstat.cli import app

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bad.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        for args in (["params", str(path)], ["verify", "--no-fvcore", str(path)]):
            result = CliRunner().invoke(app, args)
            text = result.stdout + result.stderr
            assert result.exit_code == 2, (args, text, doc)
            assert isinstance(result.exception, SystemExit), result.exception
            assert "Traceback" not in text
            assert "error: " in text and str(path) in text


# --------------------------------------------------------------------------- regressions
# Disagreements the fuzzer found, each fixed in the layer algebra or the analysis.

def test_ceil_mode_pool_may_overhang_an_input_smaller_than_its_kernel():
    """torch: a 3x2 max pool, stride 3, ceil_mode, on 2x9 gives 1x3 (one window overhangs
    the bottom edge); the analysis used to reject the kernel as larger than the input."""
    reference = torch.nn.MaxPool2d((3, 2), 3, ceil_mode=True)(torch.zeros(1, 4, 2, 9))
    spec = to_spec({"input": [4, 2, 9],
                    "layers": [{"maxpool": {"kernel": [3, 2], "stride": 3, "ceil_mode": True}}]})
    assert analyze(spec).output == tuple(reference.shape[1:]) == (4, 1, 3)
    with pytest.raises(RuntimeError):
        torch.nn.MaxPool2d(3, 1, ceil_mode=True)(torch.zeros(1, 4, 2, 2))  # stride 1: no
    spec = to_spec({"input": [4, 2, 2],
                    "layers": [{"maxpool": {"kernel": 3, "stride": 1, "ceil_mode": True}}]})
    with pytest.raises(SpecError, match="larger than the padded input"):
        analyze(spec)


def test_two_unnamed_residuals_in_one_scope_cannot_share_a_projection_name():
    """Both would name their projection shortcut 'downsample.0': torch cannot register two
    modules under one name, and the analysis used to print two rows with that name."""
    spec = to_spec(yaml.safe_load(textwrap.dedent("""
        input: [3, 8, 8]
        layers:
          - residual: {layers: [conv: {out: 4, kernel: 1}]}
          - residual: {layers: [conv: {out: 8, kernel: 1}]}
        """)))
    with pytest.raises(SpecError, match="'downsample.0' is used twice.*give each residual"):
        analyze(spec)
    with pytest.raises(SpecError, match="used twice"):
        build(spec)
    named = to_spec(yaml.safe_load(textwrap.dedent("""
        input: [3, 8, 8]
        layers:
          - residual: {name: r1, layers: [conv: {out: 4, kernel: 1}]}
          - residual: {name: r2, layers: [conv: {out: 8, kernel: 1}]}
        """)))
    assert [r.name for r in analyze(named).rows if "downsample" in r.name] == \
        ["r1.downsample.0", "r1.downsample.1", "r2.downsample.0", "r2.downsample.1"]
    assert disagreement(yaml.safe_load(yaml.safe_dump({
        "input": [3, 8, 8],
        "layers": [{"residual": {"name": "r1", "layers": [{"conv": {"out": 4, "kernel": 1}}]}},
                   {"residual": {"name": "r2", "layers": [{"conv": {"out": 8, "kernel": 1}}]}}],
    }))) is None


def test_a_one_row_connection_table_prints_in_tables(cli, tmp_path):
    """The args column took a connection table for a (h, w) pair: an IndexError on a
    one-row table, and 'table=(0, 1, 2)x(1, 2, 3)' for LeNet-5's C3."""
    doc = {"input": [6, 12, 12], "layers": [{"table_conv": {"table": [[0, 2]], "kernel": 4}}]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    code, out, err = cli("params", str(path), "-f", "csv")
    assert code == 0, err
    assert "table=1maps/2links" in out
    assert disagreement(doc) is None
