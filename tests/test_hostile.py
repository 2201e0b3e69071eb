"""Hostile input never gives a traceback, a hang or an unbounded message (issues 15, 16).

The generated corpus (``hostile_corpus.py``) runs through the CLI in-process; every bound
named in the issues has its own test below; and two property tests feed random bytes and
random YAML to ``params``.
"""

import json
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_corpus import BASE, bomb, cases

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10  # generous for a loaded 2-core machine; the cases take well under a second


def invoke(args, cwd):
    from typer.testing import CliRunner

    from cnnstat.cli import app

    here = os.getcwd()
    os.chdir(cwd)
    try:
        start = time.perf_counter()
        result = CliRunner().invoke(app, list(args))
        return result, time.perf_counter() - start
    finally:
        os.chdir(here)


def assert_clean(result, seconds):
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert seconds < SECONDS, f"took {seconds:.1f} s"
    for line in result.stderr.splitlines():
        assert len(line) <= 1500, f"an error line of {len(line):,} characters"


CASES = cases()


@pytest.mark.parametrize("case,files,args", CASES, ids=[c[0] for c in CASES])
def test_corpus(tmp_path, case, files, args):
    for name, text in files.items():
        if callable(text):
            text(str(tmp_path / name))
        else:
            (tmp_path / name).write_text(text, "utf-8")
    result, seconds = invoke(args, tmp_path)
    assert_clean(result, seconds)
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") or result.stderr.startswith("Usage")


def test_corpus_size():
    """The closing note counts these: keep it honest if the corpus shrinks."""
    assert len(CASES) >= 110


def run(tmp_path, *args, files=None):
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, "utf-8")
    result, seconds = invoke(args, tmp_path)
    assert_clean(result, seconds)
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------ bounds, one by one

@pytest.mark.parametrize("where", ["layer argument", "title", "vars", "published source",
                                   "matches"])
def test_alias_bomb_refused_with_a_line(tmp_path, where):
    from hostile_corpus import _bomb_spec

    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": _bomb_spec(where)})
    assert code == 2
    assert "expands to more than 100,000 YAML nodes" in err and "s.yaml:" in err


def test_aliases_below_the_bound_still_work(tmp_path):
    text = ("vars:\n  c: &c {out: 4, kernel: 3, padding: 1}\n" + BASE
            + "  - conv: *c\n  - conv: *c\n")
    code, out, err = run(tmp_path, "params", "s.yaml", "-f", "json", files={"s.yaml": text})
    assert code == 0, err
    assert [r["name"] for r in json.loads(out)["layers"]][-2:] == ["conv2", "conv3"]


def test_long_values_are_cut_in_messages(tmp_path):
    text = BASE + "  - conv: {out: '" + "z" * 1_000_000 + "'}\n"
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2 and "characters cut" in err and len(err) < 1500


@pytest.mark.parametrize("text,line", [
    ("input: [1, 8, 8]\nlayers: " + "[" * 200 + "relu" + "]" * 200 + "\n", 2),
    ("x:\n" + "".join(" " * i + "y:\n" for i in range(1, 100)) + BASE, 65),
])
def test_yaml_nesting_refused_with_a_line(tmp_path, text, line):
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2 and f"s.yaml:{line}: nesting deeper than 64 levels" in err


@pytest.mark.parametrize("make", ["chain", "residual chain", "parallel"])
def test_layer_nesting_refused_with_a_line(tmp_path, make):
    from hostile_corpus import _chain, _nest_parallel

    text = {"chain": _chain(1000), "residual chain": _chain(150, residual=True),
            "parallel": _nest_parallel(60)}[make]
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2
    assert "nested deeper than 48 levels" in err or "nesting deeper than 64" in err
    assert "s.yaml:" in err and "RecursionError" not in err


def test_deepest_allowed_nesting_runs_everywhere(tmp_path):
    """47 layer lists inside one another (23 residual blocks in a chain of blocks): the
    analysis, every output format and the torch build handle it without recursion errors."""
    from hostile_corpus import _chain

    files = {"s.yaml": _chain(23, residual=True)}
    for args in (("params", "-f", "json"), ("diagram", "--format", "dot")):
        code, _, err = run(tmp_path, args[0], "s.yaml", *args[1:], files=files)
        assert code == 0, (args, err)
    pytest.importorskip("torch")
    from cnnstat.torch import build
    from cnnstat.models.zoo import load

    build(load(str(tmp_path / "s.yaml")), device="meta")


def test_layer_count_cap(tmp_path):
    text = "input: [1, 8, 8]\nlayers:\n  - repeat: {name: r, times: 5001, layers: [relu, relu]}\n"
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2 and "more than 10,000 layers" in err
    text = text.replace("5001", "5000")
    code, _, err = run(tmp_path, "params", "s.yaml", "-f", "json", files={"s.yaml": text})
    assert code == 0, err


def test_files_are_measured_before_reading(tmp_path, monkeypatch):
    from cnnstat.files import safeio

    reads = []
    real = os.read
    monkeypatch.setattr(safeio.os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    with open(tmp_path / "s.yaml", "wb") as fh:
        fh.truncate(5 * 2**30)
    with open(tmp_path / "n.md", "wb") as fh:
        fh.truncate(200_000_000)
    code, _, err = run(tmp_path, "params", "s.yaml")
    assert code == 2 and "the limit is 2,000,000 bytes" in err
    code, _, err = run(tmp_path, "check", "n.md")
    assert code == 2 and "the limit is 104,857,600 bytes" in err
    assert reads == []


def test_special_files_say_what_they_are(tmp_path):
    os.mkfifo(tmp_path / "p.yaml")
    os.mkdir(tmp_path / "d.yaml")
    assert "is a named pipe (FIFO), not a spec file" in run(tmp_path, "params", "p.yaml")[2]
    assert "is a directory, not a spec file" in run(tmp_path, "params", "d.yaml")[2]
    assert "is a character device, not a spec file" in run(tmp_path, "params", "/dev/null")[2]


# ------------------------------------------------------------------ names and paths

def test_bundled_names_stay_inside_the_bundle(tmp_path):
    outside = tmp_path / "x.yaml"
    outside.write_text(BASE)
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    code, _, err = run(inner, "params", "x")  # a bare word: only the bundled specs
    assert code == 2 and "no bundled spec named 'x'" in err
    code, out, err = run(inner, "params", "../../x.yaml", "-f", "json")  # a path: that file
    assert code == 0 and json.loads(out)["model"] == "x"
    from cnnstat.models.zoo import resolve

    with pytest.raises(Exception, match="no such spec file"):
        resolve("../../vgg16")  # not the bundled spec, and no such file here


def test_local_file_does_not_replace_a_bundled_spec(tmp_path):
    files = {"vgg16": "name: impostor\n" + BASE, "mynet": BASE}
    code, out, err = run(tmp_path, "params", "vgg16", "-f", "json", files=files)
    assert code == 0 and json.loads(out)["model"] == "vgg16"
    assert "write ./vgg16" in err
    code, out, _ = run(tmp_path, "params", "./vgg16", "-f", "json", files=files)
    assert code == 0 and json.loads(out)["model"] == "impostor"
    code, _, err = run(tmp_path, "params", "mynet", files=files)
    assert code == 2 and "write ./mynet" in err


# ------------------------------------------------------------------ escaping, NaN, messages

@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_titles_cannot_inject_diagram_statements(tmp_path, fmt):
    text = 'title: "x\\n}\\ngraph TD\\n evil --> x\\u2028y\\"]; a [b=\\"c"\n' + BASE
    code, out, err = run(tmp_path, "diagram", "s.yaml", "--format", fmt,
                         files={"s.yaml": text})
    assert code == 0, err
    first = out.splitlines()[0]
    assert "evil" in first and "\u2028" not in out
    assert not any(line.lstrip().startswith(("evil", "graph TD", "}")) for line in
                   out.splitlines()[1:-1])
    if fmt == "dot":
        assert first.count('"') - first.count('\\"') == 2  # one quoted name, closed


def test_terminal_escapes_refused_with_a_line(tmp_path):
    text = BASE + 'title: "\\e[31mred"\n'
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2 and "s.yaml:4: control character U+001B" in err
    assert "\x1b" not in err


def test_raw_control_character_has_a_line(tmp_path):
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": BASE + "title: a\x07b\n"})
    assert code == 2 and "s.yaml:4: character U+0007" in err and "position" not in err


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1.0e+999"])
def test_non_finite_numbers_refused(tmp_path, value):
    code, _, err = run(tmp_path, "params", "s.yaml",
                       files={"s.yaml": BASE + f"  - dropout: {{p: {value}}}\n"})
    assert code == 2 and "s.yaml:4:" in err and "not a finite number" in err


def test_json_is_strict_everywhere(tmp_path):
    from cnnstat.render.report import json_text

    assert json.loads(json_text({"a": float("nan"), "b": [float("inf")]})) == \
        {"a": None, "b": [None]}
    for args in (("explain", "dropout", "-f", "json"), ("explain", "lrn", "-f", "json"),
                 ("params", "lenet5", "-f", "json")):
        code, out, _ = run(tmp_path, *args)
        assert code == 0
        json.loads(out, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))


@pytest.mark.parametrize("args,message", [
    (("explain", "lrn", "--beta", "nan"), "--beta must be a finite number"),
    (("explain", "lrn", "--beta", "1e308"), "--beta must be a finite number"),
    (("explain", "lrn", "--beta", "1e11"), "out of range"),
    (("params", "lenet5", "--input", ""), "--input '' must look like"),
    (("params", "lenet5", "--input", "1x³²x32"), "must look like 3x224x224"),
    (("params", "lenet5", "--input", "1x" + "9" * 5000 + "x32"), "characters cut"),
    (("calc", "3x227x227 | conv 96 k² s4"), "cannot read kernel='²'"),
    (("calc", "9" * 5000 + "x227x3 | conv 96 k11"), "must look like"),
    (("params", "x" * 5000), "no bundled spec named"),
    (("params", "x" * 5000 + ".yaml"), "longer than the system allows"),
    (("compare", "lenet5", "alexnet", "--plot", "no/dir/p.png"), "folder no/dir does not"),
])
def test_located_errors(tmp_path, args, message):
    code, _, err = run(tmp_path, *args)
    assert code == 2 and message in err, err


@pytest.mark.parametrize("text,message", [
    (BASE + "published:\n  params: {value: " + "9" * 5000 + ", source: x}\n",
     "s.yaml:5: a number with 5,000 digits"),
    (BASE + "published:\n  params: {value: '" + "9" * 5000 + "', source: x}\n",
     "is not a number like"),
    (BASE + "published:\n  params: {value: '1." + "9" * 5000 + "M', source: x}\n",
     "is not a number like"),
    ("vars: [1, 2]\n" + BASE, "s.yaml:1: 'vars' must map variable names to numbers or expressions"),
    ("vars: abc\n" + BASE, "s.yaml:1: 'vars' must map variable names to numbers or expressions"),
    ("input: [1, 8, 8]\nblocks:\n  u: {layers: [relu]}\nlayers:\n"
     "  - repeat: {name: r, times: 2, block: [u]}\n", "s.yaml:5 (layer 'repeat'): unknown block"),
    (BASE + "  - residual: {survival: 2, layers: [relu]}\n",
     "'survival' must be a probability above 0 and at most 1, not 2"),
])
def test_spec_errors(tmp_path, text, message):
    code, _, err = run(tmp_path, "params", "s.yaml", files={"s.yaml": text})
    assert code == 2 and message in err, err


# ------------------------------------------------------------------ properties

@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path, data):
    (tmp_path / "r.yaml").write_bytes(data)
    result, seconds = invoke(["params", "r.yaml"], tmp_path)
    assert_clean(result, seconds)


_KEYS = st.sampled_from(["input", "layers", "blocks", "vars", "name", "title", "published",
                         "conv", "relu", "repeat", "residual", "parallel", "seq", "out",
                         "kernel", "times", "block", "branches", "merge", "value", "source",
                         "p", "dropout", "x", ""])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                     st.sampled_from(["3x224x224", "same", "add", "concat", "relu", "$w",
                                      "$w * 2", "²", "1" * 50]))
_YAML = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=40)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=st.fixed_dictionaries({"input": _YAML, "layers": _YAML},
                                 optional={"blocks": _YAML, "vars": _YAML,
                                           "published": _YAML, "title": _YAML}))
def test_random_yaml(tmp_path, doc):
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(doc), "utf-8")
    for args in (["params", "r.yaml"], ["diagram", "r.yaml"]):
        result, seconds = invoke(args, tmp_path)
        assert_clean(result, seconds)
