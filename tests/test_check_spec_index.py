"""A breakdown's label looked up in an index of a spec's row names (``specrows.named``):
the same rows, in the same order, as a pass over every row (issue 19, speed)."""

from __future__ import annotations

import pytest

from cnnstat.notes.modelfacts import specrows


def _scan(spec: str, key: str, scope: str) -> list:
    rows = specrows.walk(spec) or []
    return [r for r, n, low in zip(rows, specrows.names(spec), specrows.lowered(spec))
            if n == key or low.startswith(scope)]


@pytest.mark.parametrize("spec", ["resnet18", "vgg16", "alexnet", "googlenet"])
def test_the_index_finds_what_a_pass_over_the_rows_finds(spec):
    rows = specrows.walk(spec)
    assert rows  # the spec is bundled and walks
    labels = {"total", "conv1", "fc", "layer1", "layer1.0", "features", "features.0",
              "classifier", "inception3a", "nothing"}
    for low in specrows.lowered(spec):  # every name and every scope of the spec
        parts = low.split(".")
        labels |= {".".join(parts[:k]) for k in range(1, len(parts) + 1)}
    found = 0
    for label in sorted(labels):
        key = label.replace("-", "").replace("_", "").replace(" ", "")
        got = specrows.named(spec, key, label + ".")
        assert got == _scan(spec, key, label + "."), label
        found += bool(got)
    assert found > 5
