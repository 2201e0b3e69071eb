"""Spec.to_yaml (torch-free): every bundled spec written as YAML parses back to the same
rows, and the folded text is shorter than or close to the hand-written one."""

import pytest

from tests.conftest import ROOT, SPECS

BUNDLED = sorted(p.stem for p in SPECS.glob("*.yaml"))


def rows(spec):
    from cnnstat.analysis import analyze

    a = analyze(spec)
    return [(r.name, r.type, r.output, r.params, r.trainable, r.buffers, r.macs, r.ops)
            for r in a.rows], a.totals


def reparse(text):
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml

    return parse_spec(load_yaml(text, file="<to_yaml>"), file="<to_yaml>")


@pytest.mark.parametrize("name", BUNDLED + ["../tests/fixtures/modern_kinds"])
def test_every_bundled_spec_round_trips(name):
    from cnnstat.models.zoo import load

    spec = load(str(SPECS / f"{name}.yaml"))
    text = spec.to_yaml()
    again = reparse(text)
    assert rows(again) == rows(spec)
    assert again.published.keys() == spec.published.keys()


def test_resnet50_folds_into_one_block_and_four_repeats():
    from cnnstat.models.zoo import load

    text = load("resnet50-tv").to_yaml()
    assert text.count("- repeat: {name: layer") == 4
    assert "first: {stride: 2}" in text
    assert '"4*$out"' in text  # the expansion written as an expression of the width
    assert len(text.splitlines()) < 45


def test_scalars_read_back_as_written():
    from cnnstat.spec.write import scalar
    from cnnstat.spec.yamlload import load_yaml

    for value in (1e-05, 0.001, True, "same", "4*$out", "yes", "a b", [1, 7], (3, 3), 12):
        text = scalar(value)
        back = load_yaml(f"v: {text}\n", file="x")["v"]
        want = 3 if value == (3, 3) else list(value) if isinstance(value, (list, tuple)) \
            else value
        assert back == want, (value, text, back)


def test_names_that_the_counters_give_are_not_written():
    """A layer named as the parser would name it says nothing; others say name:."""
    text = reparse("input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, kernel: 3}\n"
                   "  - relu: {name: act}\n  - conv: {name: conv2, out: 4, kernel: 1}\n"
                   ).to_yaml()
    assert "- conv: {out: 4, kernel: 3}" in text
    assert "- relu: {name: act}" in text
    assert "- conv: {out: 4, kernel: 1}" in text  # conv2 is the counter's own name
