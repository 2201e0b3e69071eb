"""The composite items of a layer list: ``seq`` (a named group), ``repeat`` (a block or
layers N times), ``parallel`` (branches merged), ``residual`` (a body and its shortcut),
``gate`` (the input times what its layers compute), ``aux`` (an auxiliary head) and
``join`` (a merge of earlier outputs by name)."""

from __future__ import annotations

import re
from typing import Any

from cnnstat.errors import SpecError
from cnnstat.layers import MERGES, SHORTCUTS, did_you_mean
from cnnstat.spec.context import (NAME, Ctx, check_keys, mapping, probability, scoped,
                                  substitute)
from cnnstat.spec.graph import (AuxNode, JoinNode, Node, ParallelNode, ResidualNode, SeqNode,
                                dense_layers)
from cnnstat.spec.items import call_block, parse_list
from cnnstat.spec.refs import resolve as resolve_ref
from cnnstat.spec.yamlload import LineDict, LineList

MAX_REPEAT = 10_000


def _seq(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    check_keys(args, ("name", "layers"), "seq")
    if "name" not in args:
        raise SpecError("seq needs a 'name' (it groups layers under that name)", line=args.line)
    here = ctx.name(scope, substitute(args["name"], env), "seq")
    return [parse_list(args.get("layers"), here, env, ctx, args.line)]


def _int_arg(args: LineDict, key: str, env: dict, lo: int, hi: int) -> int:
    value = substitute(args.get(key), env)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise SpecError(f"'{key}' must be an integer from {lo} to {hi:,}, not {value!r}",
                        line=args.line_of(key))
    return value


def _repeat(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    check_keys(args, ("name", "times", "block", "with", "first", "layers", "prefix", "start",
                       "index", "feature_list"), "repeat")
    if "name" not in args and "start" not in args:
        raise SpecError("repeat needs a 'name' (repetitions are named name.0, name.1, ...) "
                        "or a 'start' (they are named start, start+1, ... in the current "
                        "scope, as torchvision numbers a Sequential's blocks)", line=args.line)
    here = ctx.name(scope, substitute(args["name"], env), "repeat") if "name" in args else scope
    try:
        times = _int_arg(args, "times", env, 0, MAX_REPEAT)  # 0: a scaled depth may leave none
        start = _int_arg(args, "start", env, 0, MAX_REPEAT) if "start" in args else 0
    except SpecError as err:
        raise err.locate(path=here)
    prefix = str(substitute(args.get("prefix", ""), env))
    if prefix and not NAME.match(prefix):
        raise SpecError(f"repeat 'prefix' {prefix!r} may use only letters, digits and _",
                        line=args.line_of("prefix"))
    if ("block" in args) == ("layers" in args):
        raise SpecError("repeat takes either 'block' (with 'with' and 'first') or 'layers'",
                        line=args.line)
    nodes: list[Node] = []
    if "layers" in args:
        if "first" in args or "with" in args:
            raise SpecError("'first' and 'with' go with 'block', not 'layers'", line=args.line)
        for i in range(times):
            nodes.append(parse_list(args["layers"], ctx.name(here, f"{prefix}{start + i}", ""),
                                    _indexed(env, args, i), ctx, args.line_of("layers")))
        return _container(args, nodes)
    block = substitute(args["block"], env)  # a block named by an argument: block: $kind
    if not isinstance(block, str) or block not in ctx.blocks:
        raise SpecError(f"unknown block '{block}'{did_you_mean(str(block), ctx.blocks)}",
                        line=args.line_of("block"))
    common = mapping(args.get("with"), "'with'", args.line_of("with"))
    first = mapping(args.get("first"), "'first'", args.line_of("first"))
    for i in range(times):
        call: dict[str, Any] = dict(common)
        site = common
        if i == 0:
            call.update(first)
            site = first if first else common
        nodes.append(call_block(block, call, site, ctx.name(here, f"{prefix}{start + i}", ""),
                                _indexed(env, args, i), ctx))
    return _container(args, nodes)


def _container(args: LineDict, nodes: list[Node]) -> list[Node]:
    """A named repeat is one call (torch's ``nn.Sequential`` of the repetitions, e.g.
    ResNet's ``layer1``): its caller holds its input until its last repetition returns
    (``cnnstat.mem.dataflow``). Without a name the repetitions are items of the current
    sequence (numbered from ``start`` in its scope). ``feature_list: true`` runs the
    repetitions, each a dense layer, as torchvision's ``_DenseBlock`` (``dense_layers``)."""
    listed = args.get("feature_list", False)
    if not isinstance(listed, bool):
        raise SpecError(f"repeat 'feature_list' is true or false, not {listed!r}",
                        line=args.line_of("feature_list"))
    if listed and "name" not in args:
        raise SpecError("repeat 'feature_list' needs a 'name': the list belongs to the "
                        "block that the repeat is", line=args.line_of("feature_list"))
    node = SeqNode(nodes, listed)
    if listed:
        try:
            dense_layers(node)
        except ValueError as err:
            raise SpecError(f"repeat 'feature_list': {err}", line=args.line_of("feature_list"))
    return [node] if "name" in args else nodes


def _indexed(env: dict, args: LineDict, i: int) -> dict:
    """``index: NAME``: the repetition's 0-based index as ``$NAME`` in its arguments."""
    if "index" not in args:
        return env
    name = args["index"]
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise SpecError(f"repeat 'index' names a variable (letters, digits, _), not {name!r}",
                        line=args.line_of("index"))
    return {**env, name: i}


def _branches(args: LineDict, here: str, env: dict, ctx: Ctx) -> list[SeqNode]:
    branches = args.get("branches")
    if not isinstance(branches, LineDict) or len(branches) < 2:
        raise SpecError("'branches' must map two or more branch names to layer lists",
                        line=args.line_of("branches"))
    hint = "" if "name" in args else \
        ("; two unnamed parallels in one scope give their branches the same names: give "
         "each parallel a 'name:'")
    return [parse_list(layers, ctx.name(here, name, "", hint), env, ctx, branches.line_of(name),
                       what=f"branches.{name}")
            for name, layers in branches.items()]


def _parallel(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    check_keys(args, ("name", "merge", "branches", "drop_path"), "parallel")
    merge = args.get("merge")
    if merge not in MERGES:
        raise SpecError(f"parallel 'merge' must be one of {', '.join(MERGES)}, not {merge!r}",
                        line=args.line_of("merge"))
    line = ctx.line
    here = ctx.name(scope, substitute(args["name"], env), "") if "name" in args else scope
    drop = probability(args, "drop_path", env, zero_ok=True)
    if drop == 1:
        raise SpecError("'drop_path' 1 would drop every branch; at least one is kept",
                        line=args.line_of("drop_path"))
    branches = _branches(args, here, env, ctx)
    return [ParallelNode(ctx.name(here, None, merge), merge, branches, line, drop)]


def _residual(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    check_keys(args, ("name", "layers", "shortcut", "merge", "survival"), "residual")
    line = ctx.line
    merge = args.get("merge", "add")
    if merge not in ("add", "concat"):
        raise SpecError(f"residual 'merge' is add or concat, not {merge!r}",
                        line=args.line_of("merge"))
    survival = probability(args, "survival", env, zero_ok=False)
    here = ctx.name(scope, substitute(args["name"], env), "") if "name" in args else scope
    body = parse_list(args.get("layers"), here, env, ctx, args.line_of("layers"))
    shortcut: str | SeqNode = args.get("shortcut", "auto" if merge == "add" else "identity")
    if isinstance(shortcut, LineList):
        shortcut = parse_list(shortcut, scoped(here, "downsample"), env, ctx,
                              args.line_of("shortcut"), what="shortcut")
    elif shortcut not in SHORTCUTS:
        raise SpecError("residual 'shortcut' is auto (identity when shapes match, else a 1x1 "
                        "projection), zeropad (identity when shapes match, else subsample and "
                        "pad channels with zeros), identity, if_same (identity when shapes "
                        "match, else no residual at all), or a list of layers; "
                        f"not {shortcut!r}",
                        line=args.line_of("shortcut"))
    return [ResidualNode(ctx.name(here, None, merge), here, body, shortcut, line, merge,
                         survival)]


def _gate(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    """``gate: {name, layers}``: the input times what its layers compute from it (a
    C x 1 x 1 gate, squeeze-and-excitation); a residual whose merge is ``mul`` with an
    identity shortcut, its layers named under ``name``."""
    check_keys(args, ("name", "layers"), "gate")
    line = ctx.line
    here = ctx.name(scope, substitute(args["name"], env), "") if "name" in args else scope
    body = parse_list(args.get("layers"), here, env, ctx, args.line_of("layers"))
    return [ResidualNode(ctx.name(here, None, "mul"), here, body, "identity", line, "mul")]


def _aux(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    check_keys(args, ("name", "layers", "inference"), "aux")
    if "name" not in args:
        raise SpecError("aux needs a 'name' (its layers are named under it)", line=args.line)
    line = ctx.line
    here = ctx.name(scope, substitute(args["name"], env), "aux")
    inference = substitute(args.get("inference", False), env)
    if not isinstance(inference, bool):
        raise SpecError(f"aux 'inference' is true or false, not {inference!r}",
                        line=args.line_of("inference"))
    return [AuxNode(here, parse_list(args.get("layers"), here, env, ctx, args.line_of("layers")),
                    line, inference)]


def _join_item(args: LineDict, scope: str, env: dict, ctx: Ctx) -> list[Node]:
    """``join: {merge, from: [NAME, ...], name}``: a merge of earlier outputs by name."""
    check_keys(args, ("name", "merge", "from"), "join")
    merge = args.get("merge")
    if merge not in MERGES:
        raise SpecError(f"join 'merge' must be one of {', '.join(MERGES)}, not {merge!r}",
                        line=args.line_of("merge"))
    raw = substitute(args.get("from"), env)
    if not isinstance(raw, list) or len(raw) < 2:
        raise SpecError("join 'from' must list two or more earlier layers or scopes by name",
                        line=args.line_of("from"))
    try:
        sources = [resolve_ref(r, scope, ctx.names) for r in raw]
    except SpecError as err:
        raise err.locate(line=args.line_of("from"))
    name = ctx.name(scope, substitute(args.get("name"), env), merge)
    return [JoinNode(name, merge, sources, ctx.line)]


COMPOSITES = {"seq": _seq, "repeat": _repeat, "parallel": _parallel, "residual": _residual,
              "gate": _gate, "aux": _aux, "join": _join_item}
