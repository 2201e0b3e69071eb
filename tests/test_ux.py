"""What a new user meets first: help and version, model names, one shape order, CSV for
spreadsheets, honest footers, install hints that work, and timing defaults that do not
oversubscribe (issue 15)."""

import csv
import io
import json
import re

import pytest

from tests.conftest import ROOT, run_process


# --------------------------------------------------------------------------- help

def test_bare_command_prints_help_and_succeeds():
    proc = run_process()
    assert proc.returncode == 0, proc.stderr
    assert "Usage: " in proc.stdout and "params" in proc.stdout and "check" in proc.stdout


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_short_and_long_help(cli, flag):
    code, out, _ = cli(flag)
    assert code == 0 and "Commands" in out
    code, out, _ = cli("params", flag)
    assert code == 0 and "--columns" in out and "--wide" in out


def test_version(cli):
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        code, out, _ = cli(flag)
        assert code == 0 and out.strip() == f"cnnstat {version('cnnstat')}"


# --------------------------------------------------------------------------- model names

@pytest.mark.parametrize("typed,name", [("VGG16", "vgg16"), ("ResNet-50", "resnet50"),
                                        ("Lenet5_Modern", "lenet5-modern"),
                                        ("RESNEXT50_32X4D", "resnext50_32x4d")])
def test_model_names_ignore_case_and_separators(cli, typed, name):
    code, out, err = cli("params", typed, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["model"] == name


def test_unknown_name_suggests_the_real_one(cli):
    code, _, err = cli("params", "ResNet-1202x")
    assert code == 2 and "did you mean 'resnet1202'?" in err


# --------------------------------------------------------------------------- shape order

def test_calc_reads_channels_first_like_every_command(cli):
    code, out, _ = cli("calc", "conv", "--input", "3x227x227", "--kernel", "11", "--stride",
                       "4", "--out", "96", "-f", "json")
    doc = json.loads(out)
    # AlexNet conv1: (227 - 11)/4 + 1 = 55, (11·11·3 + 1)·96 = 34,944 (paper and notes)
    assert doc["output"] == [96, 55, 55] and doc["layers"][0]["params"] == 34_944
    code, out, _ = cli("params", "alexnet", "-f", "json")
    assert json.loads(out)["layers"][0]["output"] == doc["output"]


@pytest.mark.parametrize("text", ["227x227x3:hwc", "227x227x3:HWC"])
def test_other_order_with_a_suffix(cli, text):
    code, out, err = cli("calc", "conv", "--input", text, "--kernel", "11", "--stride", "4",
                         "--out", "96", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["output"] == [96, 55, 55]


@pytest.mark.parametrize("args", [
    ["calc", "conv", "--input", "224x224x3", "--kernel", "3", "--out", "8"],
    ["calc", "224x224x3 | conv 8 k3"],
    ["params", "vgg16", "--input", "224x224x3"],
    ["conventions", "vgg16", "--input", "224x224x3"],
    ["calc", "conv", "--order", "hwc", "--input", "3x224x224", "--kernel", "3", "--out", "8"],
])
def test_implausible_order_is_an_error_that_says_what_to_write(cli, args):
    code, _, err = cli(*args)
    assert code == 2 and "Traceback" not in err
    assert "channels first" in err and "looks like the other order" in err
    assert len(err.strip().splitlines()) == 1


def test_an_explicit_order_is_taken_as_meant(cli):
    code, out, err = cli("calc", "conv", "--input", "224x224x3:chw", "--kernel", "3",
                         "--out", "8", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["input"] == [224, 224, 3]
    code, _, err = cli("calc", "conv", "--input", "3x8x8:whc", "--kernel", "3", "--out", "8")
    assert code == 2 and "must be chw" in err


def test_plausible_shapes_pass(cli):
    for shape in ("1x28x28", "512x7x7", "2048x1x1", "64x56x56", "3x32x32"):
        code, _, err = cli("calc", "relu", "--input", shape)
        assert code == 0, (shape, err)


# --------------------------------------------------------------------------- CSV

def _csv(cli, *args):
    code, out, err = cli(*args, "-f", "csv")
    assert code in (0, 1), err
    return list(csv.DictReader(io.StringIO(out)))


def test_params_csv_is_for_spreadsheets(cli):
    rows = _csv(cli, "params", "alexnet")
    conv1 = rows[0]
    assert conv1["input"] == "3x227x227" and conv1["output"] == "96x55x55"
    assert conv1["params"] == "34944" and conv1["macs"] == "105415200"
    assert conv1["rf"] == "11"  # as the table shows it
    merges = [r for r in _csv(cli, "params", "googlenet") if r["type"] == "concat"]
    assert merges and all(re.fullmatch(r"\d+x\d+x\d+( \+ \d+x\d+x\d+)+", r["input"])
                          for r in merges)


@pytest.mark.parametrize("args", [
    ["params", "resnet50"], ["list"], ["compare", "alexnet", "vgg16"],
    ["conventions", "vgg16"], ["calc", "3x32x32 | conv 16 k3 | maxpool k2"],
    ["explain", "param-count"], ["params", "lenet5", "--convention", "thop"],
])
def test_no_thousands_separators_or_tuples_in_csv(cli, args):
    for row in _csv(cli, *args):
        for key, value in row.items():
            if key == "title":  # prose (ConvNeXt-T's "B = (3, 3, 9, 3)"), not a number
                continue
            assert not re.fullmatch(r"\d{1,3}(,\d{3})+", value or ""), (key, value)
            assert not re.search(r"\(\d+, \d+", value or ""), (key, value)  # no tuples


def test_compare_csv_numbers_are_plain(cli):
    rows = _csv(cli, "compare", "alexnet", "vgg16")
    assert rows[1]["macs"] == "15470264320" and rows[1]["params"] == "138357544"
    assert rows[1]["model_bytes"] == str(138357544 * 4)


# --------------------------------------------------------------------------- footers

def test_compare_footer_explains_only_what_is_shown(cli):
    code, out, _ = cli("compare", "alexnet", "vgg16", "--flops", "--wide")
    text = " ".join(out.split())
    assert "FLOPs = 2 x MACs" in text
    assert "Memory" not in text and "Depth" not in text and "fc params" not in text
    code, out, _ = cli("compare", "alexnet", "vgg16", "--memory", "--wide")
    text = " ".join(out.split())
    assert "Memory at float32" in text and "FLOPs" not in text


def test_korean_card_ends_in_korean(cli):
    for fmt in ("table", "markdown"):
        code, out, _ = cli("explain", "stacked-3x3", "--lang", "ko", "-f", fmt)
        last = [line for line in out.splitlines() if line.strip()][-1]
        assert re.search("[가-힣]", last), last


def test_explain_prose_follows_the_width(cli):
    from typer.testing import CliRunner

    from cnnstat.cli import app

    for width in (60, 120):
        out = CliRunner().invoke(app, ["explain", "relu"], env={"COLUMNS": str(width)}).stdout
        assert max(len(line) for line in out.splitlines()) <= width
    wide = CliRunner().invoke(app, ["explain", "relu"], env={"COLUMNS": "120"}).stdout
    assert max(len(line) for line in wide.splitlines()) > 88  # not hard-wrapped at 88


# --------------------------------------------------------------------------- install hint

@pytest.mark.parametrize("origin,expected", [
    (("dir", "/src/cnnstat"), 'pip install "/src/cnnstat[torch]"'),
    (("editable", "/src/cnnstat"), 'pip install -e "/src/cnnstat[torch]"'),
    (("vcs", "git+https://example.org/cnnstat"),
     'pip install "cnnstat[torch] @ git+https://example.org/cnnstat"'),
    (("source", ""), 'pip install ".[torch]" (in your cnnstat checkout)'),
    (("index", ""), 'pip install "cnnstat[torch]"'),
])
def test_install_hint_follows_how_cnnstat_was_installed(monkeypatch, origin, expected):
    from cnnstat.runtime import install

    monkeypatch.setattr(install, "origin", lambda: origin)
    hint = install.install_hint("torch")
    # the command that works with the Python package index alone comes first; PyTorch's
    # CPU index is an optional tip after it (issue 23), never a step to take first
    assert hint.startswith(expected)
    assert "optional" in hint[len(expected):]
    assert "pip install torch --index-url https://download.pytorch.org/whl/cpu" in hint
    assert install.install_hint("plot") == expected.replace("torch", "plot")
    assert install.install_hint("vision").startswith(expected.replace("torch", "vision"))


def test_this_checkout_is_recognised():
    from cnnstat.runtime.install import origin

    kind, where = origin()
    assert kind in ("dir", "editable", "source", "index")
    if kind in ("dir", "editable"):
        assert (ROOT / "pyproject.toml").samefile(f"{where}/pyproject.toml")


# --------------------------------------------------------------------------- timing

def test_default_threads_never_oversubscribe():
    pytest.importorskip("torch")
    import os

    import torch

    from cnnstat.torch.timing import MAX_THREADS, available_cores, default_threads, idle_cores

    cores = available_cores()
    assert 1 <= cores <= len(os.sched_getaffinity(0))
    assert 1 <= idle_cores() <= cores
    assert 1 <= default_threads() <= min(cores, torch.get_num_threads(), MAX_THREADS)


def test_timing_warnings():
    from cnnstat.torch.timing import timing_warnings

    doc = {"model": "m", "device_type": "cpu", "threads": 1, "cores": 2, "runs": 10,
           "stable": True, "latency_ms": {"median": 4.0, "p10": 3.9, "p90": 4.2}}
    assert timing_warnings(doc) == []
    assert "did not settle" in timing_warnings({**doc, "stable": False})[0]
    assert "vary widely" in timing_warnings(
        {**doc, "latency_ms": {"median": 5, "p10": 4, "p90": 600}})[0]
    assert "oversubscribes" in timing_warnings({**doc, "threads": 8})[0]


def test_compare_measured_has_profiles_options(cli):
    code, out, _ = cli("compare", "-h")
    for option in ("--threads", "--dtype", "--channels-last", "--compile", "--max-seconds",
                   "--min-runs", "--device", "--batch"):
        assert option in out, option
    pytest.importorskip("torch")
    code, _, err = cli("compare", "lenet5", "resnet20", "--measured", "--threads", "0")
    assert code == 2 and "--threads must be from 1 to" in err
