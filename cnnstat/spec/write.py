"""A ``Spec`` as YAML text that reads like a hand-written spec and parses back to the same
rows: ``outline`` finds the scopes and names, ``fold`` the blocks and repeats, and this
module writes the text. Torch-free; ``Spec.to_yaml()`` calls ``to_yaml``."""

from __future__ import annotations

import json
import re
from typing import Any

from cnnstat.layers import _default
from cnnstat.spec.fold import fold
from cnnstat.spec.graph import Spec
from cnnstat.spec.outline import outline
from cnnstat.spec.outlineitems import (AuxHead, Call, Group, Item, Join, Leaf, Par, Repeat,
                                       Res)

_PLAIN = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$*+/().\-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(v: Any) -> str:
    """One value in YAML flow style, as the safe loader will read it back."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        text = repr(v)
        if "e" in text and "." not in text.split("e")[0]:  # YAML 1.1 floats need a dot
            mantissa, exp = text.split("e")
            text = f"{mantissa}.0e{exp}"
        return text
    if isinstance(v, (tuple, list)):
        if len(v) == 2 and not isinstance(v[0], (tuple, list)) and v[0] == v[1]:
            return scalar(v[0])
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    if v is None:
        return "null"
    text = str(v)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _name(text: str) -> str:
    return text if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", text) and \
        text.lower() not in _YAML_WORDS else json.dumps(text)


def _flow(pairs: list[tuple[str, Any]]) -> str:
    return "{" + ", ".join(f"{k}: {v if isinstance(v, _Raw) else scalar(v)}"
                           for k, v in pairs) + "}"


class _Raw(str):
    """Already YAML text."""


def _leaf_args(leaf: Leaf) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    if leaf.show:
        pairs.append(("name", _Raw(_name(leaf.name or ""))))
    if leaf.source is not None:
        pairs.append(("from", leaf.source))
    for key, value in leaf.kind.values.items():
        if key in leaf.subst:
            pairs.append((key, _Raw(scalar(leaf.subst[key]))))
        elif value is not None and value != _default(leaf.kind.args[key]):
            pairs.append((key, value))
    if leaf.functional is not None:
        pairs.append(("functional", leaf.functional))
    return pairs


class _Writer:
    def __init__(self, blocks: dict[str, tuple[dict[str, Any], list[Item]]]) -> None:
        self.lines: list[str] = []
        self.blocks = blocks

    def out(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def _length(self, it: Item) -> int:
        """Lines ``it`` was written as (the last item written)."""
        probe = _Writer(self.blocks)
        probe.item(it, 0)
        return len(probe.lines)

    def items(self, items: list[Item], indent: int) -> None:
        for it in items:
            self.item(it, indent)

    def item(self, it: Item, ind: int) -> None:
        start = len(self.lines)
        self._item(it, ind)
        if it.source is not None and not isinstance(it, (Leaf, Call, Repeat)):
            # a composite: `from:` as its first key (the line after `- kind:`)
            self.lines.insert(start + 1, " " * (ind + 4) + f"from: {scalar(it.source)}")

    def _item(self, it: Item, ind: int) -> None:
        if isinstance(it, Join):
            pairs = [("name", _Raw(_name(it.name))), ("merge", it.merge),
                     ("from", _Raw("[" + ", ".join(scalar(s) for s in it.sources) + "]"))]
            self.out(ind, f"- join: {_flow(pairs)}")
        elif isinstance(it, Leaf):
            pairs = _leaf_args(it)
            self.out(ind, f"- {it.kind.name}: {_flow(pairs)}" if pairs else f"- {it.kind.name}")
        elif isinstance(it, Group) and len(it.items) == 1 and isinstance(it.items[0], (Res, Par)) \
                and it.items[0].source is None:
            # a scope holding one residual, gate or parallel: that node, named
            self.item(it.items[0], ind)
            self.lines.insert(len(self.lines) - self._length(it.items[0]) + 1,
                              " " * (ind + 4) + f"name: {_name(it.name)}")
        elif isinstance(it, (Group, AuxHead)):  # a scope of its own: seq, or an aux head
            self.out(ind, "- seq:" if isinstance(it, Group) else "- aux:")
            self.out(ind + 4, f"name: {_name(it.name)}")
            if isinstance(it, AuxHead) and it.inference:
                self.out(ind + 4, "inference: true")
            self.out(ind + 4, "layers:")
            self.items(it.items, ind + 6)
        elif isinstance(it, Par):
            self.out(ind, "- parallel:")
            self.out(ind + 4, f"merge: {it.merge}")
            if it.drop_path is not None:
                self.out(ind + 4, f"drop_path: {scalar(it.drop_path)}")
            self.out(ind + 4, "branches:")
            for b, sub in it.branches:
                self.out(ind + 6, f"{_name(b)}:")
                self.items(sub, ind + 8)
        elif isinstance(it, Res) and it.merge == "mul":
            self.out(ind, "- gate:")
            self.out(ind + 4, "layers:")
            self.items(it.items, ind + 6)
        elif isinstance(it, Res):
            self.out(ind, "- residual:")
            if it.merge != "add":
                self.out(ind + 4, f"merge: {it.merge}")
            default = "auto" if it.merge == "add" else "identity"
            if isinstance(it.shortcut, list):
                self.out(ind + 4, "shortcut:")
                self.items(it.shortcut, ind + 6)
            elif it.shortcut != default:
                self.out(ind + 4, f"shortcut: {it.shortcut}")
            if it.survival is not None:
                self.out(ind + 4, f"survival: {scalar(it.survival)}")
            self.out(ind + 4, "layers:")
            self.items(it.items, ind + 6)
        elif isinstance(it, Call):
            defaults = self.blocks[it.block][0]
            pairs = [("name", _Raw(_name(it.name)))] + [
                (k, _Raw(scalar(v)) if isinstance(v, str) else v)
                for k, v in it.args.items() if defaults.get(k) != v]
            if it.source is not None:
                pairs.append(("from", it.source))
            self.out(ind, f"- {it.block}: {_flow(pairs)}")
        elif isinstance(it, Repeat):
            defaults = self.blocks[it.block][0]
            pairs: list[tuple[str, Any]] = [("name", _Raw(_name(it.name))), ("times", it.times)]
            if it.prefix:
                pairs.append(("prefix", _Raw(_name(it.prefix))))
            if it.start:
                pairs.append(("start", it.start))
            pairs.append(("block", _Raw(it.block)))
            if it.with_:
                pairs.append(("with", _Raw(_flow(list(it.with_.items())))))
            if it.first:
                pairs.append(("first", _Raw(_flow(list(it.first.items())))))
            del defaults
            if it.source is not None:
                pairs.append(("from", it.source))
            self.out(ind, f"- repeat: {_flow(pairs)}")
        else:  # pragma: no cover
            raise TypeError(it)


def _published(spec: Spec) -> list[str]:
    lines = []
    for key, p in spec.published.items():
        value = p.text if p.digits is not None else int(p.value)
        pairs: list[tuple[str, Any]] = [("value", value), ("source", p.source)]
        if p.rounding != "nearest":
            pairs.append(("rounding", p.rounding))
        lines.append(f"  {key}: {_flow(pairs)}")
    return lines


def to_yaml(spec: Spec, *, header: list[str] | tuple[str, ...] = (),
            free: frozenset[str] = frozenset(), types: dict[str, str] | None = None,
            folded: bool = True, published_hint: bool = False) -> tuple[str, list]:
    """``(text, renamed)``: the spec as YAML, and the ``(wanted, given)`` layer names the
    language could not keep where their layers sit (see ``outline``)."""
    from cnnstat.analysis import analyze

    a = analyze(spec)
    shapes = {r.name: (r.inputs[0], r.output) for r in a.rows}
    shapes[""] = (spec.input, a.output)
    o = outline(spec.root, shapes, free)
    if folded:
        fold(o, types)
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append(f"name: {scalar(spec.name)}")
    lines.append(f"title: {scalar(spec.title)}")
    if spec.paper:
        lines.append(f"paper: {scalar(spec.paper)}")
    if spec.matches:
        lines.append(f"matches: {scalar(spec.matches)}")
    lines.append(f"input: [{', '.join(map(str, spec.input))}]")
    if spec.published:
        lines.append("published:")
        lines.extend(_published(spec))
    elif published_hint:
        lines.append("# published:   # figures to check, each with its source; yours to fill in")
        lines.append('#   params: {value: ..., source: "..."}')
    w = _Writer(o.blocks)
    if o.blocks:
        w.out(0, "blocks:")
        for name, (defaults, body) in o.blocks.items():
            w.out(2, f"{name}:")
            if defaults:
                w.out(4, f"args: {_flow(list(defaults.items()))}")
            w.out(4, "layers:")
            w.items(body, 6)
    w.out(0, "layers:")
    w.items(o.items, 2)
    return "\n".join(lines + w.lines) + "\n", o.renamed
