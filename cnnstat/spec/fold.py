"""Fold repeated structure of an outline into ``blocks:`` and ``repeat``. Torch-free.

Two scopes (``seq`` groups) fold into one block when they differ only in argument
values: their *structural hash* (kinds, argument names, nesting, names, merges) is
equal. Values equal in every occurrence stay literal; the others become the block's
arguments (columns of equal values share one; a column that is an integer multiple of
another is written ``4*$out``); an argument's default is its most common value when
at least half the calls use it. A scope whose items are calls of one block named
``prefix0, prefix1, ...`` (consecutive) with the same arguments after the first becomes
a ``repeat`` with ``with`` and ``first``. Innermost scopes fold first, so a block can
call another.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any, Iterator

from cnnstat.layers import KINDS
from cnnstat.spec.outlineitems import (AuxHead, Call, Group, Item, Join, Leaf, Outline, Par,
                                       Repeat, Res)

_CONTAINERS = {"", "Scope", "Sequential", "ModuleList", "ModuleDict"}
RESERVED = set(KINDS) | {"seq", "repeat", "parallel", "residual", "aux", "gate", "join"}


def _children(it: Item) -> Iterator[list[Item]]:
    """The item lists directly inside ``it``."""
    if isinstance(it, (Group, AuxHead)):
        yield it.items
    elif isinstance(it, Par):
        for _, b in it.branches:
            yield b
    elif isinstance(it, Res):
        yield it.items
        if isinstance(it.shortcut, list):
            yield it.shortcut


def _groups(items: list[Item]) -> Iterator[Group]:
    """Every group below ``items``, innermost first."""
    for it in items:
        for sub in _children(it):
            yield from _groups(sub)
        if isinstance(it, Group):
            yield it


def signature(items: list[Item]) -> tuple:
    """Everything about ``items`` except argument values."""
    return tuple(_sig(it) for it in items)


def _sig(it: Item) -> tuple:
    return (it.source,) + _shape_sig(it)


def _shape_sig(it: Item) -> tuple:
    if isinstance(it, Join):
        return ("J", it.name, it.merge, tuple(it.sources))
    if isinstance(it, Leaf):
        return ("L", it.kind.name, it.name if it.show else None, tuple(it.kind.values),
                it.functional)
    if isinstance(it, Group):
        return ("G", it.name, signature(it.items))
    if isinstance(it, Par):
        return ("P", it.merge, it.drop_path, tuple((b, signature(x)) for b, x in it.branches))
    if isinstance(it, Res):
        short = it.shortcut if isinstance(it.shortcut, str) else signature(it.shortcut)
        return ("R", it.merge, it.survival, signature(it.items), short)
    if isinstance(it, AuxHead):
        return ("A", it.name, it.inference, signature(it.items))
    if isinstance(it, Call):
        return ("C", it.block, it.name, tuple(it.args))
    if isinstance(it, Repeat):
        return ("RP", it.name, it.block, it.times, it.prefix, it.start,
                tuple(sorted((k, _key(v)) for k, v in it.with_.items())),
                tuple(sorted((k, _key(v)) for k, v in it.first.items())))
    raise TypeError(it)  # pragma: no cover


def _key(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def slots(items: list[Item]) -> list[tuple[Any, str]]:
    """The argument values of ``items`` in signature order, as (owner, key)."""
    out: list[tuple[Any, str]] = []
    for it in items:
        if isinstance(it, Leaf):
            out.extend((it, k) for k in it.kind.values)
        elif isinstance(it, Call):
            out.extend((it, k) for k in it.args)
        for sub in _children(it):
            out.extend(slots(sub))
    return out


def _value(owner: Any, key: str) -> Any:
    if isinstance(owner, Leaf):
        return owner.subst.get(key, owner.kind.values[key])
    return owner.args[key]


def _snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip("_"))
    name = re.sub(r"[^A-Za-z0-9_]", "_", name).lower().strip("_")
    return name or "block"


class _Folder:
    def __init__(self, outline: Outline, types: dict[str, str], root: list[Item]) -> None:
        self.outline = outline
        self.types = types
        self.root = root
        self.paths: dict[int, str] = {}
        self._paths(root, "")

    def _paths(self, items: list[Item], scope: str) -> None:
        for it in items:
            here = scope
            if isinstance(it, (Group, AuxHead)):
                here = f"{scope}.{it.name}" if scope else it.name
                self.paths[id(it)] = here
            if isinstance(it, Par):
                for b, sub in it.branches:
                    self._paths(sub, f"{scope}.{b}" if scope else b)
                continue
            if isinstance(it, Res) and isinstance(it.shortcut, list):
                self._paths(it.shortcut, f"{scope}.downsample" if scope else "downsample")
            for sub in _children(it):
                if not (isinstance(it, Res) and sub is it.shortcut):
                    self._paths(sub, here)

    def block_name(self, group: Group) -> str:
        cls = self.types.get(self.paths.get(id(group), ""), "")
        base = "block" if cls in _CONTAINERS else _snake(cls)
        if base in RESERVED:
            base += "_block"
        name, k = base, 2
        while name in self.outline.blocks:
            name = f"{base}{k}"
            k += 1
        return name

    def run(self) -> None:
        done: set[int] = set()
        while True:
            ready = [g for g in _groups(self.root) if id(g) not in done and
                     all(id(s) in done for sub in _children(g) for s in _groups(sub))]
            if not ready:
                return
            by_sig: dict[tuple, list[Group]] = {}
            for g in ready:
                done.add(id(g))
                self.to_repeat(g)
                if not hasattr(g, "repeat"):
                    by_sig.setdefault(signature(g.items), []).append(g)
            for groups in by_sig.values():
                if len(groups) >= 2:
                    self.make_block(groups)

    def make_block(self, groups: list[Group]) -> None:
        positions = [slots(g.items) for g in groups]
        columns = [tuple(_value(*p[i]) for p in positions) for i in range(len(positions[0]))]
        params: dict[tuple, str] = {}  # a varying column -> its argument name
        exprs: dict[int, str] = {}  # slot index -> "$name" or "k*$name"
        defaults: dict[str, Any] = {}
        for i, col in enumerate(columns):
            if len(set(map(_key, col))) == 1:
                continue
            if col in params:
                exprs[i] = f"${params[col]}"
                continue
            multiple = self.multiple(col, params)
            if multiple:
                exprs[i] = multiple
                continue
            base = positions[0][i][1]
            name, k = base, 2
            while name in params.values():
                name = f"{base}{k}"
                k += 1
            params[col] = name
            exprs[i] = f"${name}"
            value, n = Counter(map(_key, col)).most_common(1)[0]
            defaults[name] = _unkey(value) if 2 * n >= len(col) else "required"
        body = copy.deepcopy(groups[0].items)
        for i, (owner, key) in enumerate(slots(body)):
            if i in exprs:
                if isinstance(owner, Leaf):
                    owner.subst[key] = exprs[i]
                else:
                    owner.args[key] = exprs[i]
        name = self.block_name(groups[0])
        self.outline.blocks[name] = (defaults, body)
        for g in groups:
            args = {p: _unkey(col[groups.index(g)]) for col, p in params.items()}
            call = Call(name, g.name, args, g.source)
            g.items = [call]  # the group becomes a call; `_unwrap` swaps it in its parent
            g.call = call  # type: ignore[attr-defined]

    @staticmethod
    def multiple(col: tuple, params: dict[tuple, str]) -> str | None:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in col):
            return None
        for other, name in params.items():
            if all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in other):
                ratio = col[0] // other[0]
                if ratio >= 2 and all(c == ratio * o for c, o in zip(col, other)):
                    return f"{ratio}*${name}"
        return None

    def to_repeat(self, g: Group) -> None:
        """A group of consecutively numbered calls of one block becomes a repeat."""
        calls = [getattr(i, "call", None) for i in g.items]
        if len(calls) < 2 or any(c is None or c.source for c in calls):
            return
        blocks = {c.block for c in calls}  # type: ignore[union-attr]
        m = [re.fullmatch(r"([A-Za-z_]*?)(\d+)", c.name) for c in calls]  # type: ignore[union-attr]
        if len(blocks) != 1 or not all(m):
            return
        prefix = m[0].group(1)  # type: ignore[union-attr]
        start = int(m[0].group(2))  # type: ignore[union-attr]
        if any(x.group(1) != prefix or x.group(2) != str(start + i)  # type: ignore[union-attr]
               for i, x in enumerate(m)):
            return
        rest = [c.args for c in calls[1:]]  # type: ignore[union-attr]
        if any(r != rest[0] for r in rest):
            return
        block = blocks.pop()
        defaults = self.outline.blocks[block][0]
        with_ = {k: v for k, v in rest[0].items() if defaults.get(k) != v}
        first = {k: v for k, v in calls[0].args.items()  # type: ignore[union-attr]
                 if v != rest[0][k]}
        g.items = [Repeat(g.name, block, len(calls), with_, first, prefix, start, g.source)]
        g.repeat = g.items[0]  # type: ignore[attr-defined]


def _unkey(v: Any) -> Any:
    return v


def _unwrap(items: list[Item]) -> list[Item]:
    """Swap folded groups for their call or repeat, everywhere."""
    out: list[Item] = []
    for it in items:
        if isinstance(it, Group) and hasattr(it, "repeat"):
            out.append(it.repeat)  # type: ignore[attr-defined]
            continue
        if isinstance(it, Group) and hasattr(it, "call"):
            out.append(it.call)  # type: ignore[attr-defined]
            continue
        if isinstance(it, (Group, AuxHead)):
            it.items = _unwrap(it.items)
        elif isinstance(it, Par):
            it.branches = [(b, _unwrap(x)) for b, x in it.branches]
        elif isinstance(it, Res):
            it.items = _unwrap(it.items)
            if isinstance(it.shortcut, list):
                it.shortcut = _unwrap(it.shortcut)
        out.append(it)
    return out


def fold(outline: Outline, types: dict[str, str] | None = None) -> Outline:
    """Fold ``outline`` in place (and return it). ``types`` maps a scope's path to the
    class of the module there, to name blocks after it (``Bottleneck`` -> bottleneck)."""
    _Folder(outline, types or {}, outline.items).run()
    outline.items = _unwrap(outline.items)
    for name, (defaults, body) in outline.blocks.items():
        outline.blocks[name] = (defaults, _unwrap(body))
    return outline
