"""What an outline is (``outline``): the items of a spec as a person would write it, one
class per kind of item (a layer, ``seq``, ``parallel``, ``residual``, ``aux``, a block
call, ``repeat``, ``join``), which ``fold`` folds and ``write`` writes as YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from cnnstat.layers import Kind


@dataclass
class Leaf:
    kind: Kind
    name: str | None  # the local name wanted (None: automatic)
    show: bool = False  # write ``name:`` (decided by ``name_scopes``)
    subst: dict[str, str] = field(default_factory=dict)  # in a block: key -> "$arg"
    source: str | None = None  # ``from:``, a named input (every item may have one)
    functional: str | None = None  # ``functional:``, the function the model's code called


@dataclass
class Group:  # ``seq: {name, layers}``
    name: str
    items: list["Item"]
    source: str | None = None


@dataclass
class Par:  # ``parallel`` (unnamed: its scope is the enclosing one)
    merge: str
    branches: list[tuple[str, list["Item"]]]
    drop_path: float | None = None
    source: str | None = None


@dataclass
class Res:  # ``residual`` (unnamed)
    items: list["Item"]
    shortcut: Union[str, list["Item"]]
    merge: str = "add"
    survival: float | None = None
    source: str | None = None


@dataclass
class AuxHead:
    name: str
    items: list["Item"]
    source: str | None = None
    inference: bool = False


@dataclass
class Call:  # a call of a block made by folding: ``block: {name: X, arg: value}``
    block: str
    name: str
    args: dict[str, Any]
    source: str | None = None


@dataclass
class Repeat:
    name: str
    block: str
    times: int
    with_: dict[str, Any]
    first: dict[str, Any]
    prefix: str = ""
    start: int = 0
    source: str | None = None


@dataclass
class Join:  # ``join: {name, merge, from: [...]}``
    name: str
    merge: str
    sources: list[str]
    source: None = None  # a join reads only its own sources


Item = Union[Leaf, Group, Par, Res, AuxHead, Call, Repeat, Join]


@dataclass
class Outline:
    items: list[Item]
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (wanted, given)
    blocks: dict[str, tuple[dict[str, Any], list[Item]]] = field(default_factory=dict)
