"""Dotted row names and the scopes they sit in: ``layer2.0.conv1`` is in ``layer2.0``,
under ``layer2``; what is left of a name below a scope; the scope several names share; a
named input as written from inside a scope. Torch-free."""

from __future__ import annotations


def parts(name: str) -> list[str]:
    return name.split(".") if name else []


def parent(name: str) -> str:
    return name.rpartition(".")[0]


def under(name: str, scope: str) -> bool:
    return not scope or name.startswith(scope + ".")


def below(name: str, scope: str) -> list[str]:
    """``name``'s components below ``scope``; when it is not under ``scope``, what is left
    after the components the two share (the name is then re-rooted)."""
    a, s = parts(name), parts(scope)
    i = 0
    while i < len(a) - 1 and i < len(s) and a[i] == s[i]:
        i += 1
    return a[i:]


def common_scope(scopes: list[str]) -> str | None:
    if not scopes:
        return None
    split = [parts(s) for s in scopes]
    out = []
    for column in zip(*split):
        if len(set(column)) != 1:
            break
        out.append(column[0])
    return ".".join(out)


def relative(source: str | None, scope: str) -> str | None:
    """A named input as written in ``scope``: below it, relative (the parser looks there
    first), else in full."""
    if source is not None and scope and source.startswith(scope + "."):
        return source[len(scope) + 1:]
    return source
