"""A bundled spec's rows as a breakdown in a note names them: each row's name folded as
labels are written, its parameters and multiply-adds with and without a grouped layer
counted whole (two-GPU AlexNet), walked once per spec (``analysis.walk_rows``)."""

from __future__ import annotations

import re

def elements(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def groups(row) -> int:
    values = getattr(row.kind, "values", None) or {}
    g = values.get("groups", 1)
    return g if isinstance(g, int) and g > 1 else 1


def params(row, whole: int) -> int:
    """A row's parameters; with ``whole`` a grouped conv counted as one (AlexNet's two
    GPU halves written as one layer: 256 x (5 x 5 x 96 + 1))."""
    g = groups(row) if whole else 1
    if g == 1:
        return row.params
    bias = row.output[0] if row.kind.values.get("bias") else 0
    return (row.params - bias) * g + bias


def macs(row, whole: int) -> int:
    return row.macs * (groups(row) if whole else 1)


_WALKED: dict[str, list | None] = {}
_NAMES: dict[str, list[str]] = {}


def names(spec: str) -> list[str]:
    """The spec's row names folded as labels are (``features.0`` -> ``features.0``,
    ``conv_1`` -> ``conv1``), once per spec."""
    if spec not in _NAMES:
        _NAMES[spec] = [re.sub(r"[-_ ]", "", r.name.lower()) for r in walk(spec) or []]
    return _NAMES[spec]


_LOWERED: dict[str, list[str]] = {}


def lowered(spec: str) -> list[str]:
    """The spec's row names in lower case (``layer1.0.conv1``), once per spec."""
    if spec not in _LOWERED:
        _LOWERED[spec] = [r.name.lower() for r in walk(spec) or []]
    return _LOWERED[spec]


_INDEXED: dict[str, tuple[dict[str, list[int]], dict[str, list[int]]]] = {}


def named(spec: str, key: str, scope: str) -> list:
    """The rows whose folded name (``names``) is ``key`` or whose name in lower case
    (``lowered``) starts with ``scope`` (which ends with "."), in order: looked up in an
    index of each name and each of its scopes (``layer1.``, ``layer1.0.``), once per
    spec, not by a pass over the rows (ResNet-152 has hundreds)."""
    if spec not in _INDEXED:
        by_name: dict[str, list[int]] = {}
        by_scope: dict[str, list[int]] = {}
        for i, (n, low) in enumerate(zip(names(spec), lowered(spec))):
            by_name.setdefault(n, []).append(i)
            for k, ch in enumerate(low):
                if ch == ".":
                    by_scope.setdefault(low[:k + 1], []).append(i)
        _INDEXED[spec] = (by_name, by_scope)
    by_name, by_scope = _INDEXED[spec]
    a, b = by_name.get(key, ()), by_scope.get(scope, ())
    rows = walk(spec) or []
    return [rows[i] for i in (sorted(set(a) | set(b)) if a and b else a or b)]


def walk(spec: str) -> list | None:
    if spec not in _WALKED:
        from cnnstat.analysis import walk_rows
        from cnnstat.models.zoo import load_bundled

        try:
            s = load_bundled(spec)
            _WALKED[spec] = walk_rows(s, s.input)
        except Exception:  # noqa: BLE001 - a spec that does not load is not used
            _WALKED[spec] = None
    return _WALKED[spec]


# the kind words a layer's label begins with, for a label with one letter slipped
_KINDS = ("conv", "pool", "dense", "linear", "maxpool", "avgpool", "layer")
_LEAD = re.compile(r"^([A-Za-z]{4,7})(?=[0-9_-])")


def respelt(label: str) -> str:
    """``covv3_3`` as ``conv3_3``: a label whose leading word is one letter (changed, or
    two swapped) from exactly one kind word; else the label as written."""
    m = _LEAD.match(label)
    if m is None:
        return label
    word = m.group(1).lower()
    near = [k for k in _KINDS if len(k) == len(word) and k != word and (
        sum(a != b for a, b in zip(k, word)) == 1 or
        any(word == k[:i] + k[i + 1] + k[i] + k[i + 2:] for i in range(len(k) - 1)))]
    return near[0] + label[m.end():] if len(near) == 1 else label


# "fc1 (400→120)", "conv2 (5x5, 6 -> 16)": the row's own layer, its width in and out
_GLOSS = re.compile(r"\(([^()]*?)(?<![\d.])(\d{1,5})\s*(?:→|->|=>|to)\s*(\d{1,5})(?![\d.])[^()]*\)")


def as_glossed(rows: list, label: str) -> bool:
    """Whether the spec's row a label names is the layer the label's brackets set out
    (``fc1 (400→120)`` is not LeNet-5's fc1, 120 → 84: the note numbers its own layers)."""
    m = _GLOSS.search(label)
    if m is None or len(rows) != 1:
        return True
    row = rows[0]
    width_in = row.inputs[0][0] if row.inputs and row.inputs[0] else None
    return (width_in, row.output[0] if row.output else None) == (int(m.group(2)),
                                                                  int(m.group(3)))


# the layers that keep their input's shape and that references place on either side of a
# neighbour (a conv that keeps its shape, a stride-1 pooling, stays where it is)
MOVABLE = frozenset(("lrn", "bn", "layernorm", "relu", "relu6", "gelu", "silu", "sigmoid",
                     "tanh", "hardswish", "dropout"))


def outputs(spec: str, row) -> list[tuple]:
    """The outputs a figure beside a row may state: the row's own, and for a row that keeps
    its input's shape (a normalisation, an activation, a dropout) the next output that
    differs, for references place such a layer on either side of its neighbour
    (AlexNet's LRN before its pooling in the paper, after it in CS231n's table)."""
    own = [tuple(row.output)]
    if row.type not in MOVABLE or not row.inputs or tuple(row.inputs[0]) != own[0]:
        return own
    rows = walk(spec) or []
    at = next((i for i, r in enumerate(rows) if r is row), None)
    after = next((tuple(r.output) for r in rows[at + 1:] if tuple(r.output) != own[0]),
                 None) if at is not None else None
    return own + [after] if after is not None else own


def again(seen: set, groups: dict) -> bool:
    """Whether every row a table's label names was named by a row above it (CONV3 written
    three times: the label names no one layer below its first row); records the rows."""
    ids = {id(r) for g in groups.values() for r in g}
    repeated = bool(ids) and ids <= seen
    seen |= ids
    return repeated
