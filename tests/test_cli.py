"""The CLI as a user sees it: plain text, JSON contract, formats, help, README entries."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_process


def test_params_table_plain_text(cli):
    code, out, err = cli("params", "alexnet", "--wide")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("alexnet: AlexNet (2012 paper, two GPU groups, LRN, 227x227 input) — "
                        "input 3x227x227")
    conv1 = next(line for line in lines if line.startswith("│ conv1 "))
    cells = [c.strip() for c in conv1.strip("│").split("│")]
    # the notes' worked numbers: (227-11)/4+1 = 55; (11x11x3+1)x96 = 34,944
    assert cells[:2] == ["conv1", "conv"]
    assert cells[3:6] == ["3x227x227", "96x55x55", "34,944"]
    assert any(re.fullmatch(r"\s*params\s+60,965,224\s+60\.97 M", l) for l in lines)
    assert any(re.fullmatch(r"\s*FLOPs \(2 x MACs\)\s+1,448,813,632\s+1\.45 G", l) for l in lines)
    assert any(l.strip().startswith("✓ params") for l in lines)
    assert all(l == l.rstrip() for l in lines), "no trailing spaces in plain output"


def test_params_json_contract(cli):
    code, out, _ = cli("params", "vgg16", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {"model", "input", "totals", "layers"} <= set(doc)
    assert {"params", "trainable_params", "macs", "flops", "depth", "activations"} \
        <= set(doc["totals"])
    assert doc["model"] == "vgg16" and doc["input"] == [3, 224, 224]
    assert doc["totals"]["params"] == 138_357_544  # torchvision's published count
    assert doc["totals"]["flops"] == 2 * doc["totals"]["macs"]
    first = doc["layers"][0]
    assert {"name", "type", "input", "output", "params", "macs", "rf"} <= set(first)
    assert first["name"] == "stage1.conv1" and first["output"] == [64, 224, 224]
    assert sum(layer["params"] for layer in doc["layers"]) == doc["totals"]["params"]


def test_params_csv_and_markdown(cli):
    code, out, _ = cli("params", "lenet5", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    c1 = rows[0]
    # LeNet-5 C1: 6 maps of 5x5 on one input plane, 6 x (25 + 1) = 156 (paper Sec. II.B)
    assert (c1["name"], c1["output"], c1["params"]) == ("C1", "6x28x28", "156")
    code, out, _ = cli("params", "lenet5", "-f", "markdown")
    assert code == 0
    assert "| C1 | conv |" in out and "|---|---|---|---|---|---:|---:|---:|---:|" in out


def test_depth_folds_to_stages(cli):
    code, out, _ = cli("params", "resnet50", "--depth", "1", "-f", "json")
    doc = json.loads(out)
    names = [layer["name"] for layer in doc["layers"]]
    assert names == ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4",
                     "avgpool", "flatten1", "fc"]
    assert sum(layer["params"] for layer in doc["layers"]) == 25_557_032


def test_input_override_and_batch(cli):
    code, out, _ = cli("params", "resnet50", "--input", "3x160x160", "-f", "json")
    doc160 = json.loads(out)
    code, out, _ = cli("params", "resnet50", "-f", "json", "--batch", "4")
    doc_b4 = json.loads(out)
    assert doc160["input"] == [3, 160, 160]
    assert doc160["totals"]["params"] == 25_557_032
    layer4 = next(layer for layer in doc160["layers"] if layer["name"] == "layer4.2.relu3")
    assert layer4["output"] == [2048, 5, 5]  # 160 / 32
    # MACs of the published input can't be compared at another size
    macs = next(p for p in doc160["published"] if p["key"] == "macs")
    assert macs["match"] is None
    assert doc_b4["batch"] == 4


def test_list(cli):
    code, out, _ = cli("list", "-f", "json")
    assert code == 0
    entries = {e["name"]: e for e in json.loads(out)}
    assert {"alexnet", "vgg16", "googlenet", "resnet50", "lenet5"} <= set(entries)
    assert entries["vgg16"]["matches"] == "torchvision.models.vgg16"
    assert all({"name", "title", "matches"} <= set(e) for e in entries.values())


def test_bad_format(cli):
    code, _, err = cli("params", "vgg16", "-f", "xml")
    assert code == 2 and "--format must be one of table, json, csv, markdown" in err


def commands():
    from cnnstat.cli import app
    import typer.main

    group = typer.main.get_command(app)
    return group.commands


def test_every_command_has_help_and_a_reference_section():
    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name, command in commands().items():
        assert command.help and len(command.help) > 20, name
        assert f"## `cnnstat {name}" in reference, \
            f"docs/commands.md has no section for `{name}`"


def test_spec_guide_example_is_valid():
    from cnnstat.analysis import analyze
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml

    guide = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", guide, re.S).group(1)
    a = analyze(parse_spec(load_yaml(block, file="spec.md"), file="spec.md"))
    assert a.checks and all(c.ok for c in a.checks)


def test_analytic_path_never_imports_torch():
    code = ("import sys, io, contextlib\n"
            "sys.argv = ['cnnstat', 'params', 'vgg16']\n"
            "from cnnstat.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n"
            "assert 'cnnstat.torch' not in sys.modules\n"
            "print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_installed_package_finds_bundled_specs(tmp_path):
    """Run from a directory without the source tree: the installed package must carry
    the specs (a non-editable install in CI)."""
    proc = run_process("list", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "vgg16" in {e["name"] for e in json.loads(proc.stdout)}


def test_depth_must_be_positive(cli):
    code, out, err = cli("params", "vgg16", "--depth", "0")
    assert code == 2 and out == "" and "--depth must be at least 1, not 0" in err


def test_errors_without_a_file_have_no_placeholder_location(cli):
    code, _, err = cli("params", "nope")
    assert code == 2
    assert err.startswith("error: no bundled spec named 'nope'")


def test_params_explain_shows_each_layers_arithmetic(cli):
    code, out, err = cli("params", "alexnet", "--explain")
    assert code == 0, err
    # the notes' worked examples, substituted and evaluated (AlexNet conv1 and pool1)
    assert "(227 - 11 + 2·0)/4 + 1 = 55" in out
    assert "(11·11·3 + 1)·96 = 34,944" in out
    assert "(55 - 3 + 2·0)/2 + 1 = 27" in out
    code, out, _ = cli("params", "googlenet", "--explain", "-f", "json")
    layers = {layer["name"]: layer for layer in json.loads(out)["layers"]}
    merge = layers["inception3a.concat1"]["lines"][0]
    # GoogLeNet Table 1: inception (3a) outputs 64 + 128 + 32 + 32 = 256 maps of 28x28
    assert merge["value"] == "256x28x28"
    code, _, err = cli("params", "resnet50", "--explain", "--depth", "1")
    assert code == 2 and "--explain" in err
