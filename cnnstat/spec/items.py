"""A spec's list of layers -> graph nodes. Each item is a layer of a registered kind (a
leaf), a call of one of the spec's blocks, or a composite (``composites``); an item with
``from:`` reads an earlier output."""

from __future__ import annotations

import re
from typing import Any

from cnnstat.errors import SpecError, shorten
from cnnstat.layers import KINDS, KINDS_POINTER, Kind, did_you_mean
from cnnstat.spec.context import MAX_NESTING, Ctx, mapping, scoped, substitute
from cnnstat.spec.graph import FromNode, LayerNode, Node, SeqNode
from cnnstat.spec.refs import resolve as resolve_ref, without
from cnnstat.spec.yamlload import LineDict, LineList


def _split_item(item: Any, line: int) -> tuple[str, LineDict]:
    if isinstance(item, str):
        return item, mapping(None, item, line)
    if isinstance(item, LineDict) and len(item) == 1:
        (key, value), = item.items()
        return str(key), mapping(value, f"'{key}'", item.line)
    raise SpecError("each layer is written `kind: {arg: value, ...}` (or just `kind`), "
                    f"one per list item; got {item!r}", line=line)


def parse_list(items: Any, scope: str, env: dict, ctx: Ctx, line: int,
               what: str = "layers") -> SeqNode:
    if not isinstance(items, LineList) or not items:
        raise SpecError(f"'{what}' must be a non-empty list of layers", line=line)
    if ctx.depth >= MAX_NESTING:
        raise SpecError(f"layers nested deeper than {MAX_NESTING} levels (blocks, repeat, "
                        "residual, parallel, seq and aux inside one another)", line=line)
    nodes: list[Node] = []
    ctx.depth += 1
    try:
        for i, item in enumerate(items):
            nodes.extend(_parse_item(item, items.line_of(i), scope, env, ctx))
    finally:
        ctx.depth -= 1
    return SeqNode(nodes)


def _parse_item(item: Any, line: int, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    key, args = _split_item(item, line)
    if "from" in args and key != "join":  # named input: the item reads an earlier output
        try:
            source = resolve_ref(substitute(args["from"], env), scope, ctx.names)
        except SpecError as err:
            raise err.locate(file=ctx.file, line=args.line_of("from"), path=scoped(scope, key))
        rest = without(args, "from")
        wrapped = LineDict({key: rest}) if rest else key
        if rest:
            wrapped.line, wrapped.key_lines = args.line, {key: args.line}
        nodes = _parse_item(wrapped, line, scope, env, ctx)
        return [FromNode(source, SeqNode(nodes), line)]
    try:
        if key.startswith("$"):  # a kind or block named by an argument: `- $act`
            named = substitute(key, env)
            if not isinstance(named, str):
                raise SpecError(f"{key} names the layer kind here, but it is {named!r}")
            key = named
        if key in KINDS:
            return [_leaf(KINDS[key], args, scope, env, ctx)]
        if key in ctx.blocks:
            explicit = substitute(args.get("name"), env)
            here = ctx.name(scope, explicit, key)
            call = {k: v for k, v in args.items() if k != "name"}
            return [call_block(key, call, args, here, env, ctx)]
        handler = ctx.composites.get(key)
        if handler is None:
            options = list(KINDS) + list(ctx.blocks) + list(ctx.composites)
            raise SpecError(f"unknown layer kind '{key}'{did_you_mean(key, options)} "
                            f"({KINDS_POINTER})")
        ctx.line = line
        return handler(args, scope, env, ctx)
    except SpecError as err:
        raise err.locate(file=ctx.file, line=line, path=scoped(scope, key))


LAYER_KEYS = ("name", "functional")  # keys of every layer, beside its kind's arguments
_FUNCTION = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def _functional(value: Any) -> str | None:
    """A layer's ``functional:``: the function the model's code called for it, a dotted
    name (``torch.nn.functional.relu``, ``torch.flatten``, ``Tensor.relu``)."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 200 or not _FUNCTION.fullmatch(value):
        raise SpecError("functional must name the function the model's code called for "
                        "this layer, as a dotted name such as torch.nn.functional.relu, "
                        f"not {shorten(repr(value), 60)}")
    return value


def _leaf(cls: type[Kind], args: LineDict, scope: str, env: dict, ctx: Ctx) -> LayerNode:
    explicit = substitute(args.get("name"), env)
    full = ctx.name(scope, explicit, cls.prefix)
    try:
        functional = _functional(args.get("functional"))
        given = {k: substitute(v, env) for k, v in args.items() if k not in LAYER_KEYS}
        kind = cls.make(given)
        for key, arg in cls.args.items():  # names of other layers, as full names
            if arg.type == "layer" and kind.values[key] is not None:
                kind.values[key] = resolve_ref(kind.values[key], scope, ctx.names - {full})
        ctx.count_layer()
    except SpecError as err:
        raise err.locate(line=args.line, path=full)
    return LayerNode(full, kind, args.line, functional)


def call_block(block: str, call: dict, site: LineDict, here: str, env: dict,
               ctx: Ctx) -> SeqNode:
    if block in ctx.stack:
        chain = " -> ".join(ctx.stack + [block])
        raise SpecError(f"block '{block}' uses itself ({chain})", path=here)
    body = ctx.blocks[block]
    declared = body.get("args") or {}
    inner: dict[str, Any] = dict(ctx.vars)  # a block's own arguments hide spec variables
    for k, v in call.items():
        if k not in declared:
            raise SpecError(f"block '{block}' has no argument '{k}'{did_you_mean(str(k), declared)}"
                            f" (its arguments: {', '.join(declared) or 'none'})",
                            line=site.line_of(k), path=here)
        inner[k] = substitute(v, env)
    for k, default in declared.items():  # in order: a default may use the ones before
        if k not in call:
            if default == "required":
                raise SpecError(f"block '{block}' needs argument '{k}'", path=here)
            try:
                inner[k] = substitute(default, inner)
            except SpecError as err:
                line = declared.line_of(k) if isinstance(declared, LineDict) else body.line
                raise SpecError(f"block '{block}' argument '{k}': its default {default!r}: "
                                f"{err.message} (a default may use the arguments declared "
                                "before it)", file=ctx.file, line=line, path=here) from None
    ctx.stack.append(block)
    try:
        return parse_list(body.get("layers"), here, inner, ctx, body.line)
    finally:
        ctx.stack.pop()
