"""Which leaves of an outline say ``name:``: the parser names a layer by its kind's stem
and a counter per scope (``conv1``, ``conv2``), so a leaf whose wanted name is what the
counter gives it need not say it. Torch-free."""

from __future__ import annotations

from cnnstat.spec.outlineitems import AuxHead, Group, Item, Leaf, Par, Res


def name_scopes(items: list[Item]) -> None:
    """Decide, as the parser's counters will, which leaves must say ``name:``. A leaf
    whose wanted name is what its scope's counter gives it says nothing; a free leaf
    whose automatic name is taken by a named one gets a fresh explicit name."""
    _name_scope(items)


def _scope_leaves(items: list[Item]) -> list[Leaf]:
    """Leaves named in this very scope (residual bodies share their enclosing scope)."""
    out: list[Leaf] = []
    for it in items:
        if isinstance(it, Leaf):
            out.append(it)
        elif isinstance(it, Res):
            out.extend(_scope_leaves(it.items))
    return out


def _name_scope(items: list[Item]) -> None:
    leaves = _scope_leaves(items)
    wanted = {l.name for l in leaves if l.name is not None}
    counters: dict[str, int] = {}
    used: set[str] = set()
    for leaf in leaves:
        prefix = leaf.kind.prefix
        auto = f"{prefix}{counters.get(prefix, 0) + 1}"
        if (leaf.name is None or leaf.name == auto) and auto not in used and \
                (leaf.name == auto or auto not in wanted):
            counters[prefix] = counters.get(prefix, 0) + 1
            leaf.name, leaf.show = auto, False
        else:
            name = leaf.name
            if name is None or name in used:
                k = 1
                while f"{prefix}_{k}" in used or f"{prefix}_{k}" in wanted:
                    k += 1
                name = f"{prefix}_{k}"
            leaf.name, leaf.show = name, True
        used.add(leaf.name)
    for it in items:
        _name_children(it)


def _name_children(it: Item) -> None:
    if isinstance(it, (Group, AuxHead)):
        _name_scope(it.items)
    elif isinstance(it, Par):
        for _, b in it.branches:
            _name_scope(b)
    elif isinstance(it, Res):
        for sub in it.items:
            _name_children(sub)
        if isinstance(it.shortcut, list):
            _name_scope(it.shortcut)
