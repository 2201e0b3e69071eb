"""Named inputs: how a spec names an earlier layer's output (``from: NAME``, ``join``'s
``from: [...]``, ``upsample``'s ``like: NAME``). Torch-free.

A reference is looked up from the scope it is written in outwards, as a block's own
names hide outer ones: ``cv1`` written in ``neck.c3_1`` means ``neck.c3_1.cv1`` if that
name exists so far, else ``neck.cv1``, else ``cv1``. A name may be a row's or a scope's
(a block call, ``seq``, ``repeat``, residual or branch: its output is its last row so
far), or ``input``, the network's input. Only names given *before* the reference count:
a layer reads outputs computed before it.
"""

from __future__ import annotations

from typing import Any

from cnnstat.errors import SpecError
from cnnstat.layers import did_you_mean
from cnnstat.spec.graph import INPUT_NAME
from cnnstat.spec.yamlload import LineDict


def resolve(ref: Any, scope: str, names: set[str]) -> str:
    """The full name ``ref`` stands for in ``scope``, given the ``names`` so far."""
    if not isinstance(ref, str) or not ref or any(not p for p in ref.split(".")):
        raise SpecError(f"a named input is an earlier layer's or scope's name (or 'input'), "
                        f"not {ref!r}")
    parts = scope.split(".") if scope else []
    for i in range(len(parts), -1, -1):
        full = ".".join(parts[:i] + [ref])
        if full in names:
            return full
    if ref == INPUT_NAME:
        return INPUT_NAME
    tried = [".".join(parts[:i] + [ref]) for i in range(len(parts), -1, -1)]
    raise SpecError(f"'{ref}' names no layer or scope before this one (looked for "
                    f"{', '.join(tried)}){did_you_mean(ref, names)}")


def without(args: LineDict, key: str) -> LineDict:
    """``args`` less ``key``, keeping the lines."""
    out = LineDict({k: v for k, v in args.items() if k != key})
    out.line, out.key_lines = args.line, {k: v for k, v in args.key_lines.items() if k != key}
    return out
