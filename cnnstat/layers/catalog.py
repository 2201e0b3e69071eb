"""The layer kinds as a catalogue for people (``cnnstat kinds``, docs/spec.md's "Layer
kinds"): read from the registered classes, so a kind added with ``@register`` appears
without any list to update. Each entry's counting rules are its class's docstring, the
one place those rules are written."""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers.args import Arg, _fmt_val
from cnnstat.layers.base import KINDS, did_you_mean
from cnnstat.layers.merge import MERGES


OPTIONAL = "(optional)"  # an argument whose absence has its own meaning (pool stride)


class ArgInfo(NamedTuple):
    name: str
    type: str
    default: str | None  # None: required
    doc: str

    def short(self) -> str:
        """``out`` (required), ``stride=1``, or ``stride?`` (optional, no fixed default)."""
        if self.default is None:
            return self.name
        return f"{self.name}?" if self.default == OPTIONAL else f"{self.name}={self.default}"


class KindInfo(NamedTuple):
    name: str
    family: str  # the module of cnnstat/layers it lives in: conv, pool, norm, ...
    summary: str  # the one-line ``doc`` of the class
    rules: str  # the class docstring: what it computes and how it is counted
    args: tuple[ArgInfo, ...]

    def as_json(self) -> dict:
        return {"kind": self.name, "family": self.family, "summary": self.summary,
                "rules": self.rules,
                "args": [{"name": a.name, "type": a.type, "required": a.default is None,
                          "default": a.default, "doc": a.doc} for a in self.args]}


def _prose(doc: str | None) -> str:
    """A docstring as one paragraph of plain text (``x`` literals become `x`)."""
    return re.sub(r"``([^`]*)``", r"`\1`", " ".join((doc or "").split()))


def _default(arg: Arg) -> str | None:
    if arg.required:
        return None
    if arg.default is None:
        return OPTIONAL
    value = arg.default
    if isinstance(value, str):
        return value
    return _fmt_val(arg.coerce("", value))


def kinds() -> list[KindInfo]:
    """Every registered layer kind, in registration order (family by family)."""
    return [KindInfo(name, cls.__module__.rsplit(".", 1)[-1], cls.doc, _prose(cls.__doc__),
                     tuple(ArgInfo(key, arg.type, _default(arg), arg.doc)
                           for key, arg in cls.args.items()))
            for name, cls in KINDS.items()]


def merges() -> list[KindInfo]:
    """The merges that ``parallel`` and ``residual`` produce (not written as layers)."""
    return [KindInfo(name, "merge", _prose(type(m).__doc__).split(". ")[0], _prose(type(m).__doc__),
                     ()) for name, m in MERGES.items()]


def find(name: str) -> KindInfo:
    """One kind (or merge) by name; a SpecError with a suggestion otherwise."""
    every = {k.name: k for k in kinds() + merges()}
    if name in every:
        return every[name]
    raise SpecError(f"no layer kind named {name!r}{did_you_mean(name, every)} "
                    "(`cnnstat kinds` lists them)")


def _args_text(k: KindInfo) -> str:
    return ", ".join(a.short() for a in k.args)


def _card(k: KindInfo) -> str:
    """One cell of the listing: ``[out, kernel, stride=1, ...] 2-D convolution (nn.Conv2d);
    params = ...``."""
    head = f"[{_args_text(k)}] " if k.args else ""
    rules = k.rules
    first = re.match(r"([^.]*?)\.\s+", rules)  # "Max pooling. ops = ...": the summary says it
    if first and not re.search(r"[=^*]|\b(al|e\.g|i\.e)$", first.group(1)):
        rules = rules[first.end():]
    return f"{head}{k.summary}. {rules}"


def report(name: str | None = None):
    """``cnnstat kinds``: every kind with its arguments and counting rules; ``cnnstat kinds
    NAME``: one kind, argument by argument."""
    from cnnstat.render.report import Column, Report, Section

    if name is None:
        every = kinds() + merges()
        # one line per kind, its text wrapping beside the name: a table would need a
        # column as wide as the longest rule
        lines = [(k.name, "", _card(k)) for k in every]
        return Report(f"Layer kinds ({len(every) - len(MERGES)}) and merges ({len(MERGES)}): "
                      "[arguments] what each is; what it computes, how it counts", [], [],
                      [Section("", lines)],
                      "A spec writes a layer as `kind: {arg: value}` (docs/spec.md). "
                      "In [...], name=value: the default; name alone: required; name?: "
                      "optional. Merges are made by `parallel` and `residual`. MACs: "
                      "multiply-accumulates (one multiply-add = 1; FLOPs = 2 x MACs); ops: "
                      "other elementwise operations. `cnnstat kinds KIND` shows one kind.",
                      {"kinds": [k.as_json() for k in every]})
    k = find(name)
    records = [{"arg": a.name, "type": a.type,
                "default": "required" if a.default is None else a.default, "doc": a.doc}
               for a in k.args]
    columns = [Column("arg", "argument", rank=0), Column("type", "type", rank=2),
               Column("default", "default", rank=1), Column("doc", "meaning", rank=3, wrap=True)]
    return Report(f"{k.name} ({k.family}): {k.summary}", columns if records else [], records,
                  [Section("What it computes, how it counts", [])],
                  k.rules, k.as_json())
