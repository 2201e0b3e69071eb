"""Fitting where people work (issue 23): help that says what a model can be, a home for
the layer kinds, models told apart in `compare`, `check` for editors and CI, top-1 and
top-5 for every torchvision twin, one way of writing counts, Korean card titles."""

import json
import re

import pytest
import yaml

from tests.conftest import ROOT, SPECS, write_spec

MODEL_COMMANDS = ["params", "memory", "compare", "conventions", "diagram", "report",
                  "profile", "build", "verify"]
TARGET_FORMS = ["torchvision:NAME", "timm:NAME", "file.py:Class", "pkg.mod:factory"]


# --------------------------------------------------------------------------- help

@pytest.mark.parametrize("command", MODEL_COMMANDS)
def test_every_command_that_takes_a_model_names_the_import_targets(cli, command):
    code, out, _ = cli(command, "-h")
    assert code == 0
    text = " ".join(out.split())
    for form in TARGET_FORMS:
        assert form in text, f"`cnnstat {command} -h` does not mention {form}"


# --------------------------------------------------------------------------- kinds

def test_kinds_lists_every_registered_kind_and_merge(cli):
    from cnnstat.layers import KINDS, MERGES

    code, out, _ = cli("kinds", "-f", "json")
    assert code == 0
    names = [k["kind"] for k in json.loads(out)["kinds"]]
    assert names == list(KINDS) + list(MERGES)


def test_a_kind_registered_later_appears_without_a_list_to_update():
    from cnnstat.layers import KINDS, Arg, Effect, Kind, register
    from cnnstat.layers.catalog import report

    @register
    class Twice(Kind):
        """Doubles every element. ops = 1 multiply per element."""

        name = "zz_twice_test"
        prefix = "twice"
        doc = "multiply by two"
        args = {"factor": Arg("int", 2, "the factor")}

        def effect(self, shape):
            return Effect(output=shape)

    try:
        doc = report().data
        entry = next(k for k in doc["kinds"] if k["kind"] == "zz_twice_test")
        assert entry["rules"] == "Doubles every element. ops = 1 multiply per element."
        assert entry["args"] == [{"name": "factor", "type": "int", "required": False,
                                  "default": "2", "doc": "the factor"}]
    finally:
        del KINDS["zz_twice_test"]


def test_one_kind_shows_its_arguments_and_rules(cli):
    code, out, _ = cli("kinds", "conv", "--wide")
    assert code == 0
    assert "kernel size, k or [kh, kw]" in out and "required" in out
    assert "MACs = output elements x (in/groups) x kh x kw" in " ".join(out.split())


def test_kinds_refuses_an_unknown_kind_with_a_suggestion(cli):
    code, _, err = cli("kinds", "maxpol")
    assert code == 2 and "did you mean 'maxpool'" in err


def test_a_spec_error_about_a_kind_points_to_the_kinds(tmp_path, cli):
    path = write_spec(tmp_path, "input: [3, 8, 8]\nlayers:\n  - convv: {out: 4, kernel: 3}\n")
    code, _, err = cli("params", str(path))
    assert code == 2
    assert "cnnstat kinds" in err and "docs/spec.md#layer-kinds" in err
    assert "Writing a spec" not in err


def test_the_import_refusal_points_to_the_spec_guide_that_exists():
    pytest.importorskip("torch")
    from cnnstat.torch import recorder

    line = recorder._kinds_line()
    assert "README" not in line and "docs/spec.md#layer-kinds" in line
    assert "## Layer kinds" in (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- compare

def test_compare_tells_apart_a_bundled_spec_and_its_file(cli):
    code, out, _ = cli("compare", "vgg16", "./specs/vgg16.yaml", "-f", "json")
    assert code == 0
    models = json.loads(out)["models"]
    assert [m["name"] for m in models] == ["vgg16", "./specs/vgg16.yaml"]
    assert [m["spec"] for m in models] == ["vgg16", "vgg16"]
    code, out, _ = cli("compare", "vgg16", "./specs/vgg16.yaml")
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert rows[0].split("│")[1].strip() == "vgg16"
    assert rows[1].split("│")[1].strip() == "./specs/vgg16.yaml"


def test_compare_numbers_a_model_given_twice(cli):
    code, out, _ = cli("compare", "alexnet", "alexnet", "-f", "json")
    assert code == 0
    assert [m["name"] for m in json.loads(out)["models"]] == ["alexnet", "alexnet #2"]


def test_distinct_names_keep_their_spec_names():
    from cnnstat.reports.compare import labels

    assert labels(["alexnet", "vgg16"], ["AlexNet", "./vgg16"]) == ["alexnet", "vgg16"]
    assert labels(["resnet50", "resnet50"], ["torchvision:resnet50", "resnet50"]) == \
        ["torchvision:resnet50", "resnet50"]


def test_compare_tells_apart_an_import_target_and_the_bundled_spec(cli):
    pytest.importorskip("torchvision")
    code, out, err = cli("compare", "torchvision:resnet50", "resnet50", "-f", "json")
    assert code == 0, err
    names = [m["name"] for m in json.loads(out)["models"]]
    assert names == ["torchvision:resnet50", "resnet50"]


# --------------------------------------------------------------------------- check

NOTE = ("# Notes\n"
        "\n"
        "The conv has 3 x 3 x 64 = 577 weights.\n"
        "Output: (227 - 11)/4 + 1 = 56\n"
        "Right: 2 x 3 = 6\n")


def test_check_gcc_format(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    code, out, _ = cli("check", "-f", "gcc", "note.md")
    assert code == 1
    # columns counted by hand: "The conv has " is 13 characters, "Output: " 8
    # 3 x 3 x 64 = 576 and (227 - 11)/4 + 1 = 216/4 + 1 = 55
    assert out.splitlines() == ["note.md:3:14: error: 3 x 3 x 64 = 577, should be 576",
                                "note.md:4:9: error: (227 - 11)/4 + 1 = 56, should be 55"]


def test_check_github_format(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    code, out, _ = cli("check", "--format", "github", "note.md")
    assert code == 1
    assert out.splitlines()[0] == ("::error file=note.md,line=3,col=14,title=cnnstat check::"
                                   "3 x 3 x 64 = 577, should be 576")
    assert len(out.splitlines()) == 2


def test_github_escapes_what_would_break_a_workflow_command():
    from cnnstat.commands.check import _gh

    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    assert _gh("50% a\nb") == "50%25 a%0Ab"
    assert _gh("a,b:c.md", prop=True) == "a%2Cb%3Ac.md"


def test_check_formats_are_quiet_when_everything_is_right(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("2 x 3 = 6\n", encoding="utf-8")
    for fmt in ("gcc", "github"):
        code, out, _ = cli("check", "-f", fmt, "ok.md")
        assert (code, out) == (0, "")


def test_check_refuses_an_unknown_format_naming_its_own(tmp_path, cli):
    (tmp_path / "ok.md").write_text("2 x 3 = 6\n", encoding="utf-8")
    code, _, err = cli("check", "-f", "xml", str(tmp_path / "ok.md"))
    assert code == 2 and "gcc" in err and "github" in err


def test_check_verbose_shows_skipped_lines_whole(tmp_path, cli):
    long = ("Input: 227x227x3 images (the paper's figure says 224, which does not work out "
            "with an 11x11 kernel at stride 4)")
    path = tmp_path / "n.md"
    path.write_text(long + "\n", encoding="utf-8")
    code, out, _ = cli("check", "--verbose", str(path))
    assert code == 0
    assert "…" not in out
    assert long in " ".join(out.split())


def test_the_pre_commit_hooks_check_notes_and_verify_specs():
    hooks = {h["id"]: h for h in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["cnnstat-check"]["entry"] == "cnnstat check"
    assert re.search(hooks["cnnstat-check"]["files"], "notes/week1.md")
    assert "cnnstat-verify" in hooks


def test_the_ci_example_runs_verify_and_check():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.findall(r"```yml\n(.*?)```", text, re.S)[-1])
    runs = [step.get("run", "") for step in workflow["jobs"]["cnnstat"]["steps"]]
    assert any(r.startswith("cnnstat verify") for r in runs)
    assert any(r.startswith("cnnstat check --format github") for r in runs)


# --------------------------------------------------------------------------- top-1

def _twins():
    out = []
    for path in sorted(SPECS.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        matches = doc.get("matches")
        builder = matches.get("builder") if isinstance(matches, dict) else matches
        # the classification builders (ImageNet-1K metrics), not models.segmentation.*
        if isinstance(builder, str) and re.fullmatch(r"torchvision\.models\.\w+", builder):
            out.append(pytest.param(path, builder.rsplit(".", 1)[1], id=path.stem))
    return out


def test_there_are_68_torchvision_twins():
    assert len(_twins()) == 68


@pytest.mark.parametrize("path,builder", _twins())
def test_every_torchvision_twin_publishes_top1_and_top5_of_the_weights_it_cites(path, builder):
    published = yaml.safe_load(path.read_text(encoding="utf-8"))["published"]
    cited = re.search(r"(\w+_Weights)\.(\w+)\.meta", published["params"]["source"])
    assert cited, "the params source names no torchvision weights"
    for key, metric in (("top1", "acc@1"), ("top5", "acc@5")):
        assert key in published, f"{path.name} has no published {key}"
        source = published[key]["source"]
        assert f'{cited.group(0)}["_metrics"]["ImageNet-1K"]["{metric}"]' in source
        assert 0 < float(published[key]["value"]) < 100


@pytest.mark.parametrize("path,builder", _twins())
def test_twin_accuracy_equals_torchvision_metadata(path, builder):
    models = pytest.importorskip("torchvision.models")
    published = yaml.safe_load(path.read_text(encoding="utf-8"))["published"]
    member = re.search(r"_Weights\.(\w+)\.meta", published["top1"]["source"]).group(1)
    metrics = models.get_model_weights(builder)[member].meta["_metrics"]["ImageNet-1K"]
    assert float(published["top1"]["value"]) == metrics["acc@1"]
    assert float(published["top5"]["value"]) == metrics["acc@5"]


# --------------------------------------------------------------------------- separators

def test_depth_has_thousands_separators_like_every_count(cli):
    # ResNet-1202: 6n + 2 layers with n = 200 (He et al. 2016, Sec. 4.2) = 1,202
    code, out, _ = cli("params", "resnet1202", "--depth", "1")
    assert code == 0
    depth = next(line for line in out.splitlines() if line.strip().startswith("depth "))
    assert depth.split()[1] == "1,202"


def test_receptive_field_has_separators_in_tables_and_none_in_csv(cli):
    # one conv: its receptive field is its kernel, 1001 pixels
    code, out, _ = cli("calc", "conv", "--input", "1x1200x1200", "--kernel", "1001",
                       "--out", "1")
    assert code == 0
    assert "1,001" in out
    code, out, _ = cli("params", "resnet1202", "-f", "csv", "--columns", "name,rf")
    assert code == 0
    assert "," not in out.splitlines()[-1].split(",", 1)[1]


def test_params_table_rf_column_is_grouped(cli):
    code, out, _ = cli("params", "resnet1202", "--wide", "--columns", "name,rf")
    last = [line for line in out.splitlines() if line.startswith("│")][-1]
    rf = last.split("│")[2].strip()
    assert re.fullmatch(r"\d{1,3}(,\d{3})+(\+g)?", rf), rf  # +g: after global pooling


# --------------------------------------------------------------------------- Korean cards

def test_every_korean_card_title_is_korean():
    from cnnstat.explain import cards

    for card in cards().values():
        title = card.title["ko"]
        assert re.search(r"[\uac00-\ud7a3]", title), f"{card.name}: {title!r}"


# --------------------------------------------------------------------------- build

def test_fold_calls_breaks_after_commas_outside_brackets():
    from cnnstat.render.text import fold_calls

    line = ("    (pool1): MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), "
            "dilation=1, ceil_mode=False)")
    assert fold_calls(line, 80).split("\n") == [
        "    (pool1): MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0),",
        "                       dilation=1, ceil_mode=False)"]
    assert fold_calls(line, None) == line
    assert fold_calls("x" * 100, 80) == "x" * 100  # nowhere to break: left whole


def test_build_prints_the_module_within_80_columns(monkeypatch, cli):
    pytest.importorskip("torch")
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("build", "vgg16")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    code, wide, _ = cli("build", "vgg16", "--wide")
    assert code == 0 and max(len(line) for line in wide.splitlines()) > 80
    assert " ".join(out.split()) == " ".join(wide.split())  # the same repr, folded


# --------------------------------------------------------------------------- install

@pytest.mark.parametrize("torch_version,torchvision", [
    # torchvision's README, "Installation" table: torch 2.1 - 0.16 ... 2.9 - 0.24; and the
    # pair PyPI holds: torch 2.14.1 - torchvision 0.29.1
    ("2.1.0", "0.16.0"), ("2.5.1", "0.20.1"), ("2.9.0", "0.24.0"), ("2.14.1", "0.29.1"),
    ("2.13.0+cpu", "0.28.0"), ("1.13.1", ""),
])
def test_the_torchvision_built_for_a_torch(torch_version, torchvision):
    from cnnstat.runtime.install import matching_torchvision

    assert matching_torchvision(torch_version) == torchvision


def test_the_fix_for_a_cpu_torch_takes_torchvision_from_the_same_index():
    from cnnstat.runtime.install import torchvision_fix

    assert torchvision_fix("2.13.0+cpu") == ('pip install --force-reinstall --no-deps '
                                             '"torchvision==0.28.0" --index-url '
                                             'https://download.pytorch.org/whl/cpu')
    assert torchvision_fix("2.14.1") == 'pip install --force-reinstall --no-deps ' \
                                        '"torchvision==0.29.1"'


class _BrokenTorchvision:
    """A meta-path finder whose torchvision fails as a mismatched build does."""

    def find_spec(self, name, path=None, target=None):
        if name == "torchvision" or name.startswith("torchvision."):
            raise RuntimeError("operator torchvision::nms does not exist")
        return None


@pytest.mark.parametrize("target", ["torchvision:resnet18", "timm:resnet18"])
def test_a_torchvision_that_does_not_load_says_so_with_the_fix(monkeypatch, target):
    pytest.importorskip("torch")
    import importlib.metadata
    import sys

    from cnnstat.errors import SpecError
    from cnnstat.torch import targets

    for name in [m for m in sys.modules if m.split(".")[0] in ("torchvision", "timm")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_BrokenTorchvision(), *sys.meta_path])
    real = importlib.metadata.version
    fake = {"torchvision": "0.28.0", "torch": "2.14.1"}
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: fake[name] if name in fake else real(name))
    if target.startswith("timm") and importlib.util.find_spec("timm") is None:
        pytest.skip("timm is not installed: its import cannot reach torchvision")
    build = targets._torchvision if target.startswith("torchvision") else targets._timm
    with pytest.raises(SpecError) as err:
        build("resnet18", {})
    text = str(err.value)
    assert "operator torchvision::nms does not exist" in text
    assert "torchvision 0.28.0 does not load with torch 2.14.1" in text
    assert 'pip install --force-reinstall --no-deps "torchvision==0.29.1"' in text


# --------------------------------------------------------------------------- startup

def test_only_the_invoked_command_is_built():
    from cnnstat.cli import app, only_invoked

    names = [c.name for c in app.registered_commands]
    assert len(names) == len(set(names)) >= 15
    for name in names:
        one = only_invoked([name, "x"])
        assert [c.name for c in one.registered_commands] == [name]
    assert len(app.registered_commands) == len(names)  # the app itself is untouched
    for argv in ([], ["-h"], ["--version"], ["parms"]):
        assert only_invoked(argv) is app


def test_a_table_of_ascii_text_imports_neither_csv_nor_json():
    import subprocess
    import sys

    code = ("import sys\nfrom cnnstat.render.formats import emit\n"
            "from cnnstat.render.report import Column, Report\n"
            "emit(Report('t', [Column('a', 'a')], [{'a': 1}]), 'table')\n"
            "print(sorted(m for m in ('csv', 'json') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_folded_layer_counts_have_separators(cli):
    code, out, _ = cli("diagram", "resnet1202", "--depth", "1")
    assert code == 0
    assert re.search(r"\d,\d{3} layers", out) and not re.search(r"\d{4} layers", out)
