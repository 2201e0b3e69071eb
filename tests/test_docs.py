"""The documentation is the tool's own: every example output is what the command prints,
and every spec written in the README or docs/ is accepted by the parser and by the
shipped JSON Schema (as every bundled spec is, in tests/test_schema.py)."""

import json
import re

import pytest
import yaml

from tests.conftest import ROOT
from tests.doc_examples import DOCS, examples, run

SCHEMA_FILE = ROOT / "cnnstat" / "spec" / "schema.json"


def _doc_id(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", DOCS, ids=_doc_id)
def test_example_outputs_are_current(path):
    text = path.read_text(encoding="utf-8")
    for _, _, line, shown in examples(text):
        assert run(line) == shown, (f"{_doc_id(path)}: the output of `{line}` has changed; "
                                    "run: python -m tests.doc_examples --write")


def _spec_blocks():
    """(doc, index, YAML text) of every yaml block that is a whole spec (has layers)."""
    out = []
    for path in DOCS:
        blocks = re.findall(r"```ya?ml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        for i, block in enumerate(blocks):
            data = yaml.safe_load(block)
            if isinstance(data, dict) and "layers" in data:
                out.append(pytest.param(block, id=f"{_doc_id(path)}#{i}"))
    return out


def test_the_docs_have_spec_examples():
    assert len(_spec_blocks()) >= 2


@pytest.mark.parametrize("block", _spec_blocks())
def test_doc_spec_parses_and_analyses(block):
    from cnnstat.analysis import analyze
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml

    a = analyze(parse_spec(load_yaml(block, file="doc.yaml"), file="doc.yaml"))
    assert a.totals.params > 0 and all(c.ok is not False for c in a.checks)


@pytest.mark.parametrize("block", _spec_blocks())
def test_doc_spec_obeys_the_schema(block):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(block)))
    assert not errors, [e.message for e in errors[:3]]


def test_schema_takes_null_where_the_parser_does(tmp_path, cli):
    """`matches: null` (the spec guide's own example) and empty optional text fields."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    text = ("input: [3, 8, 8]\nname: null\ntitle: null\npaper: null\nnotes: null\n"
            "matches: null\nlayers:\n  - relu\n")
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
    path = tmp_path / "net.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("params", str(path), "-f", "json")
    assert code == 0, err
    bad = yaml.safe_load(text.replace("matches: null", "matches: 3"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_readme_is_short_and_links_the_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 250
    for doc in ("docs/commands.md", "docs/spec.md", "docs/conventions.md"):
        assert f"]({doc})" in readme and (ROOT / doc).is_file()
    # the install section works on any machine: no local wheels, no unpublished package
    assert "pip install ." in readme and "download.pytorch.org/whl/cpu" in readme
    assert 'pip install "cnnstat[' not in readme and "torch==2.13.0" not in readme


def test_undocumented_language_is_documented():
    guide = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    for needle in ("## vars", "Directly as a layer", "`seq: {name, layers}`",
                   "**Dropout** takes `p`", "**Pooling stride**"):
        assert needle in guide, needle
