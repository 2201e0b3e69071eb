"""The published JSON Schema: generated from the layer registry, and every spec obeys it."""

import json

import pytest
import yaml

from cnnstat.spec.schema import build_schema
from tests.conftest import ROOT, SPECS

jsonschema = pytest.importorskip("jsonschema")
SCHEMA_FILE = ROOT / "cnnstat" / "spec" / "schema.json"


def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == build_schema(), \
        "run: python -m cnnstat.spec.schema > cnnstat/spec/schema.json"


@pytest.mark.parametrize("path", sorted(SPECS.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_spec_validates(path):
    errors = list(validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not errors, [e.message for e in errors[:3]]


@pytest.mark.parametrize("text", [
    "input: [3, 32, 32]\nlayers:\n  - conv: {out: 8, kernal: 3}\n",   # misspelt argument
    "input: [3, 32, 32]\nlayers:\n  - conv: {kernel: 3}\n",            # missing 'out'
    "input: [3, 32, 32]\nlayers: []\n",                                 # no layers
    "input: [3, 32, 32]\nlayer:\n  - relu\n",                           # misspelt key
    "input: [3, 32, 32]\nlayers:\n  - maxpool: {kernel: 2, ceil_mode: 1.5}\n",
])
def test_schema_rejects_bad_specs(text):
    assert list(validator().iter_errors(yaml.safe_load(text)))
