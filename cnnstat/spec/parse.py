"""YAML spec -> ``Spec`` graph: blocks expanded, names assigned, every error located."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from cnnstat.errors import SpecError, shorten
from cnnstat.layers import KINDS, KINDS_POINTER, MERGES, SHORTCUTS, Kind, did_you_mean
from cnnstat.spec.expr import evaluate, is_expression
from cnnstat.spec.graph import (INPUT_NAME, AuxNode, FromNode, JoinNode, LayerNode, Node,
                                ParallelNode, Published, ResidualNode, SeqNode, Spec,
                                dense_layers)
from cnnstat.spec.refs import resolve as resolve_ref, without
from cnnstat.spec.yamlload import LineDict, LineList, load_yaml

TOP_KEYS = ("name", "title", "paper", "input", "matches", "notes", "published", "vars",
            "stochastic_depth", "blocks", "layers", "extends")
# what a spec that ``extends`` another may set; the structure comes from the base
EXTENDS_KEYS = ("name", "title", "paper", "input", "matches", "notes", "published", "vars",
                "extends")
PUBLISHED_KEYS = ("params", "trainable_params", "macs", "depth", "top1", "top5")
COMPOSITES = ("seq", "repeat", "parallel", "residual", "gate", "aux", "join")
MAX_LAYERS = 10_000  # resnet1202, the largest bundled spec, has 4,208 rows; see safety16 notes
MAX_REPEAT = 10_000
MAX_DIM = 100_000
MAX_NESTING = 48  # layer lists inside layer lists (blocks, repeat, residual, ...); 6 suffice
_NAME = re.compile(r"^[A-Za-z0-9_]+$")
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only: '²'.isdigit() is True, int('²') fails


class _Ctx:
    """Parsing state: block definitions, name counters, the block call stack."""

    def __init__(self, file: str, blocks: dict[str, LineDict],
                 variables: dict[str, Any] | None = None) -> None:
        self.file = file
        self.blocks = blocks
        self.vars = variables or {}  # the spec's vars: seen in every block too
        self.counters: dict[tuple[str, str], int] = {}
        self.names: set[str] = set()
        self.stack: list[str] = []
        self.layers = 0
        self.depth = 0  # layer lists being parsed, one inside the other
        self.line = 0  # line of the composite item being parsed

    def name(self, scope: str, explicit: Any, prefix: str, hint: str = "") -> str:
        """Full name of a new row: ``scope.explicit``, or ``scope.prefixN`` counted per scope."""
        if explicit is None:
            n = self.counters.get((scope, prefix), 0) + 1
            self.counters[(scope, prefix)] = n
            local = f"{prefix}{n}"
        else:
            local = str(explicit)
            if not _NAME.match(local):
                raise SpecError(f"name {local!r} may use only letters, digits and _ "
                                "(dots are added by nesting)")
        full = f"{scope}.{local}" if scope else local
        if full == INPUT_NAME:
            raise SpecError("the name 'input' is the network's input (in from: and like:); "
                            "name this layer otherwise", path=full)
        if full in self.names:
            raise SpecError(f"the name '{full}' is used twice{hint}", path=full)
        self.names.add(full)
        return full

    def count_layer(self) -> None:
        self.layers += 1
        if self.layers > MAX_LAYERS:
            raise SpecError(f"the spec expands to more than {MAX_LAYERS:,} layers; "
                            "check its repeat counts")


def _join(scope: str, local: str) -> str:
    return f"{scope}.{local}" if scope else local


def _resolve(value: Any, env: dict[str, Any]) -> Any:
    """Substitute block arguments: ``$name`` alone keeps its type; arithmetic gives an int."""
    if isinstance(value, str):
        m = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", value.strip())
        if m:
            if m.group(1) not in env:
                known = ", ".join(f"${k}" for k in sorted(env)) or "none"
                raise SpecError(f"unknown argument {value.strip()} (arguments here: {known})")
            return env[m.group(1)]
        if is_expression(value):
            return evaluate(value, env)
        return value
    if isinstance(value, list):
        return [_resolve(v, env) for v in value]
    return value


def _mapping(value: Any, what: str, line: int) -> LineDict:
    if value is None:
        empty = LineDict()
        empty.line, empty.key_lines = line, {}
        return empty
    if not isinstance(value, LineDict):
        raise SpecError(f"{what} must be a mapping of named arguments, not {value!r}", line=line)
    return value


def _split_item(item: Any, line: int) -> tuple[str, LineDict]:
    if isinstance(item, str):
        return item, _mapping(None, item, line)
    if isinstance(item, LineDict) and len(item) == 1:
        (key, value), = item.items()
        return str(key), _mapping(value, f"'{key}'", item.line)
    raise SpecError("each layer is written `kind: {arg: value, ...}` (or just `kind`), "
                    f"one per list item; got {item!r}", line=line)


def _parse_list(items: Any, scope: str, env: dict, ctx: _Ctx, line: int,
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


def _parse_item(item: Any, line: int, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    key, args = _split_item(item, line)
    if "from" in args and key != "join":  # named input: the item reads an earlier output
        try:
            source = resolve_ref(_resolve(args["from"], env), scope, ctx.names)
        except SpecError as err:
            raise err.locate(file=ctx.file, line=args.line_of("from"), path=_join(scope, key))
        rest = without(args, "from")
        wrapped = LineDict({key: rest}) if rest else key
        if rest:
            wrapped.line, wrapped.key_lines = args.line, {key: args.line}
        nodes = _parse_item(wrapped, line, scope, env, ctx)
        return [FromNode(source, SeqNode(nodes), line)]
    try:
        if key.startswith("$"):  # a kind or block named by an argument: `- $act`
            named = _resolve(key, env)
            if not isinstance(named, str):
                raise SpecError(f"{key} names the layer kind here, but it is {named!r}")
            key = named
        if key in KINDS:
            return [_leaf(KINDS[key], args, scope, env, ctx)]
        if key in ctx.blocks:
            explicit = _resolve(args.get("name"), env)
            here = ctx.name(scope, explicit, key)
            call = {k: v for k, v in args.items() if k != "name"}
            return [_call_block(key, call, args, here, env, ctx)]
        handler = _COMPOSITE.get(key)
        if handler is None:
            options = list(KINDS) + list(ctx.blocks) + list(COMPOSITES)
            raise SpecError(f"unknown layer kind '{key}'{did_you_mean(key, options)} "
                            f"({KINDS_POINTER})")
        ctx.line = line
        return handler(args, scope, env, ctx)
    except SpecError as err:
        raise err.locate(file=ctx.file, line=line, path=_join(scope, key))


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


def _leaf(cls: type[Kind], args: LineDict, scope: str, env: dict, ctx: _Ctx) -> LayerNode:
    explicit = _resolve(args.get("name"), env)
    full = ctx.name(scope, explicit, cls.prefix)
    try:
        functional = _functional(args.get("functional"))
        given = {k: _resolve(v, env) for k, v in args.items() if k not in LAYER_KEYS}
        kind = cls.make(given)
        for key, arg in cls.args.items():  # names of other layers, as full names
            if arg.type == "layer" and kind.values[key] is not None:
                kind.values[key] = resolve_ref(kind.values[key], scope, ctx.names - {full})
        ctx.count_layer()
    except SpecError as err:
        raise err.locate(line=args.line, path=full)
    return LayerNode(full, kind, args.line, functional)


def _check_keys(args: LineDict, allowed: tuple[str, ...], what: str) -> None:
    for k in args:
        if k not in allowed:
            raise SpecError(f"{what} has no key '{k}'{did_you_mean(str(k), allowed)} "
                            f"(its keys: {', '.join(allowed)})", line=args.line_of(k))


def _call_block(block: str, call: dict, site: LineDict, here: str, env: dict,
                ctx: _Ctx) -> SeqNode:
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
        inner[k] = _resolve(v, env)
    for k, default in declared.items():  # in order: a default may use the ones before
        if k not in call:
            if default == "required":
                raise SpecError(f"block '{block}' needs argument '{k}'", path=here)
            try:
                inner[k] = _resolve(default, inner)
            except SpecError as err:
                line = declared.line_of(k) if isinstance(declared, LineDict) else body.line
                raise SpecError(f"block '{block}' argument '{k}': its default {default!r}: "
                                f"{err.message} (a default may use the arguments declared "
                                "before it)", file=ctx.file, line=line, path=here) from None
    ctx.stack.append(block)
    try:
        return _parse_list(body.get("layers"), here, inner, ctx, body.line)
    finally:
        ctx.stack.pop()


def _seq(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    _check_keys(args, ("name", "layers"), "seq")
    if "name" not in args:
        raise SpecError("seq needs a 'name' (it groups layers under that name)", line=args.line)
    here = ctx.name(scope, _resolve(args["name"], env), "seq")
    return [_parse_list(args.get("layers"), here, env, ctx, args.line)]


def _int_arg(args: LineDict, key: str, env: dict, lo: int, hi: int) -> int:
    value = _resolve(args.get(key), env)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise SpecError(f"'{key}' must be an integer from {lo} to {hi:,}, not {value!r}",
                        line=args.line_of(key))
    return value


def _repeat(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    _check_keys(args, ("name", "times", "block", "with", "first", "layers", "prefix", "start",
                       "index", "feature_list"), "repeat")
    if "name" not in args and "start" not in args:
        raise SpecError("repeat needs a 'name' (repetitions are named name.0, name.1, ...) "
                        "or a 'start' (they are named start, start+1, ... in the current "
                        "scope, as torchvision numbers a Sequential's blocks)", line=args.line)
    here = ctx.name(scope, _resolve(args["name"], env), "repeat") if "name" in args else scope
    try:
        times = _int_arg(args, "times", env, 0, MAX_REPEAT)  # 0: a scaled depth may leave none
        start = _int_arg(args, "start", env, 0, MAX_REPEAT) if "start" in args else 0
    except SpecError as err:
        raise err.locate(path=here)
    prefix = str(_resolve(args.get("prefix", ""), env))
    if prefix and not _NAME.match(prefix):
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
            nodes.append(_parse_list(args["layers"], ctx.name(here, f"{prefix}{start + i}", ""),
                                     _indexed(env, args, i), ctx, args.line_of("layers")))
        return _container(args, nodes)
    block = _resolve(args["block"], env)  # a block named by an argument: block: $kind
    if not isinstance(block, str) or block not in ctx.blocks:
        raise SpecError(f"unknown block '{block}'{did_you_mean(str(block), ctx.blocks)}",
                        line=args.line_of("block"))
    common = _mapping(args.get("with"), "'with'", args.line_of("with"))
    first = _mapping(args.get("first"), "'first'", args.line_of("first"))
    for i in range(times):
        call: dict[str, Any] = dict(common)
        site = common
        if i == 0:
            call.update(first)
            site = first if first else common
        nodes.append(_call_block(block, call, site, ctx.name(here, f"{prefix}{start + i}", ""),
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


def _branches(args: LineDict, here: str, env: dict, ctx: _Ctx) -> list[SeqNode]:
    branches = args.get("branches")
    if not isinstance(branches, LineDict) or len(branches) < 2:
        raise SpecError("'branches' must map two or more branch names to layer lists",
                        line=args.line_of("branches"))
    hint = "" if "name" in args else \
        ("; two unnamed parallels in one scope give their branches the same names: give "
         "each parallel a 'name:'")
    return [_parse_list(layers, ctx.name(here, name, "", hint), env, ctx, branches.line_of(name),
                        what=f"branches.{name}")
            for name, layers in branches.items()]


def _probability(args: LineDict, key: str, env: dict, *, zero_ok: bool) -> float | None:
    if key not in args:
        return None
    value = _resolve(args[key], env)
    if isinstance(value, Fraction):
        value = float(value)
    low_ok = (lambda v: v >= 0) if zero_ok else (lambda v: v > 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low_ok(value) \
            or value > 1:
        bound = "from 0 to 1" if zero_ok else "above 0 and at most 1"
        raise SpecError(f"'{key}' must be a probability {bound}, not {value!r}",
                        line=args.line_of(key))
    return float(value)


def _parallel(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    _check_keys(args, ("name", "merge", "branches", "drop_path"), "parallel")
    merge = args.get("merge")
    if merge not in MERGES:
        raise SpecError(f"parallel 'merge' must be one of {', '.join(MERGES)}, not {merge!r}",
                        line=args.line_of("merge"))
    line = ctx.line
    here = ctx.name(scope, _resolve(args["name"], env), "") if "name" in args else scope
    drop = _probability(args, "drop_path", env, zero_ok=True)
    if drop == 1:
        raise SpecError("'drop_path' 1 would drop every branch; at least one is kept",
                        line=args.line_of("drop_path"))
    branches = _branches(args, here, env, ctx)
    return [ParallelNode(ctx.name(here, None, merge), merge, branches, line, drop)]


def _residual(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    _check_keys(args, ("name", "layers", "shortcut", "merge", "survival"), "residual")
    line = ctx.line
    merge = args.get("merge", "add")
    if merge not in ("add", "concat"):
        raise SpecError(f"residual 'merge' is add or concat, not {merge!r}",
                        line=args.line_of("merge"))
    survival = _probability(args, "survival", env, zero_ok=False)
    here = ctx.name(scope, _resolve(args["name"], env), "") if "name" in args else scope
    body = _parse_list(args.get("layers"), here, env, ctx, args.line_of("layers"))
    shortcut: str | SeqNode = args.get("shortcut", "auto" if merge == "add" else "identity")
    if isinstance(shortcut, LineList):
        shortcut = _parse_list(shortcut, _join(here, "downsample"), env, ctx,
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


def _gate(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    """``gate: {name, layers}``: the input times what its layers compute from it (a
    C x 1 x 1 gate, squeeze-and-excitation); a residual whose merge is ``mul`` with an
    identity shortcut, its layers named under ``name``."""
    _check_keys(args, ("name", "layers"), "gate")
    line = ctx.line
    here = ctx.name(scope, _resolve(args["name"], env), "") if "name" in args else scope
    body = _parse_list(args.get("layers"), here, env, ctx, args.line_of("layers"))
    return [ResidualNode(ctx.name(here, None, "mul"), here, body, "identity", line, "mul")]


def _aux(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    _check_keys(args, ("name", "layers", "inference"), "aux")
    if "name" not in args:
        raise SpecError("aux needs a 'name' (its layers are named under it)", line=args.line)
    line = ctx.line
    here = ctx.name(scope, _resolve(args["name"], env), "aux")
    inference = _resolve(args.get("inference", False), env)
    if not isinstance(inference, bool):
        raise SpecError(f"aux 'inference' is true or false, not {inference!r}",
                        line=args.line_of("inference"))
    return [AuxNode(here, _parse_list(args.get("layers"), here, env, ctx, args.line_of("layers")),
                    line, inference)]


def _join_item(args: LineDict, scope: str, env: dict, ctx: _Ctx) -> list[Node]:
    """``join: {merge, from: [NAME, ...], name}``: a merge of earlier outputs by name."""
    _check_keys(args, ("name", "merge", "from"), "join")
    merge = args.get("merge")
    if merge not in MERGES:
        raise SpecError(f"join 'merge' must be one of {', '.join(MERGES)}, not {merge!r}",
                        line=args.line_of("merge"))
    raw = _resolve(args.get("from"), env)
    if not isinstance(raw, list) or len(raw) < 2:
        raise SpecError("join 'from' must list two or more earlier layers or scopes by name",
                        line=args.line_of("from"))
    try:
        sources = [resolve_ref(r, scope, ctx.names) for r in raw]
    except SpecError as err:
        raise err.locate(line=args.line_of("from"))
    name = ctx.name(scope, _resolve(args.get("name"), env), merge)
    return [JoinNode(name, merge, sources, ctx.line)]


_COMPOSITE = {"seq": _seq, "repeat": _repeat, "parallel": _parallel, "residual": _residual,
              "gate": _gate, "aux": _aux, "join": _join_item}


def _stochastic_depth(entry: Any, line: int) -> float | None:
    """``stochastic_depth: {last: p_L}``: Huang et al.'s linear decay rule."""
    if entry is None:
        return None
    if not isinstance(entry, LineDict) or set(entry) != {"last"}:
        raise SpecError("'stochastic_depth' is {last: p}: the l-th of the L residual blocks "
                        "survives training with probability 1 - l/L x (1 - p)", line=line)
    last = _probability(entry, "last", {}, zero_ok=False)
    return last


def _with_survival(node: Node, last: float, count: int, seen: list[int]) -> Node:
    """Give every residual without an explicit ``survival`` Huang et al.'s linear decay
    p_l = 1 - l/L (1 - p_L), l = 1..L in spec order."""
    if isinstance(node, SeqNode):
        return node._replace(items=[_with_survival(n, last, count, seen) for n in node.items])
    if isinstance(node, ParallelNode):
        return node._replace(branches=[_with_survival(b, last, count, seen)
                                       for b in node.branches])
    if isinstance(node, (AuxNode, FromNode)):
        return node._replace(body=_with_survival(node.body, last, count, seen))
    if isinstance(node, ResidualNode):
        seen[0] += 1
        p = node.survival if node.survival is not None else 1 - seen[0] / count * (1 - last)
        body = _with_survival(node.body, last, count, seen)
        return node._replace(body=body, survival=p)
    return node


def _count_residuals(node: Node) -> int:
    if isinstance(node, SeqNode):
        return sum(_count_residuals(n) for n in node.items)
    if isinstance(node, ParallelNode):
        return sum(_count_residuals(b) for b in node.branches)
    if isinstance(node, (AuxNode, FromNode)):
        return _count_residuals(node.body)
    if isinstance(node, ResidualNode):
        return 1 + _count_residuals(node.body)
    return 0


def _is_stochastic(node: Node) -> bool:
    if isinstance(node, AuxNode):
        return not node.inference or _is_stochastic(node.body)
    if isinstance(node, SeqNode):
        return any(_is_stochastic(n) for n in node.items)
    if isinstance(node, FromNode):
        return _is_stochastic(node.body)
    if isinstance(node, ParallelNode):
        return node.drop_path is not None or any(_is_stochastic(b) for b in node.branches)
    if isinstance(node, ResidualNode):
        return node.survival is not None or _is_stochastic(node.body)
    return False


# --------------------------------------------------------------------------- top level

_NUMBER = re.compile(r"^\s*([0-9][0-9,_]{0,29})(?:\.([0-9]{1,20}))?\s*([KMGB])?\s*$")
_UNITS = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9}


def parse_published(key: str, entry: Any, line: int) -> Published:
    if not isinstance(entry, LineDict) or set(entry) - {"value", "source", "rounding"} \
            or "source" not in entry or "value" not in entry:
        raise SpecError(f"published '{key}' must be a mapping with 'value' and 'source' "
                        "(where the figure comes from), and optionally 'rounding'", line=line)
    rounding = entry.get("rounding", "nearest")
    if rounding not in ("nearest", "down"):
        raise SpecError(f"published '{key}' rounding must be nearest or down, not {rounding!r}",
                        line=entry.line_of("rounding"))
    raw = entry["value"]
    text = str(raw)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise SpecError(f"published '{key}' value must be a number, not {raw!r}", line=line)
    if isinstance(raw, int):
        return Published(key, raw, str(entry["source"]), text, line=line)
    if isinstance(raw, float):
        text = repr(raw)
    m = _NUMBER.match(text)
    if not m:
        raise SpecError(f"published '{key}' value {raw!r} is not a number like 138357544, "
                        "\"138M\" or \"15.47G\"", line=entry.line_of("value"))
    whole, frac, suffix = m.group(1).replace(",", "").replace("_", ""), m.group(2), m.group(3)
    unit = _UNITS[suffix]
    value = float(f"{whole}.{frac or 0}") * unit
    digits = len(frac) if frac else (0 if suffix else None)
    if digits is None:
        value = int(whole)
    return Published(key, value, str(entry["source"]), text, unit=unit, digits=digits,
                     rounding=rounding, line=line)


def parse_shape(value: Any, *, what: str = "input") -> tuple[int, ...]:
    """``[3, 224, 224]`` or ``"3x224x224"`` -> ``(3, 224, 224)``, channels first."""
    if isinstance(value, str):
        parts = re.split(r"\s*[x×,]\s*", value.strip())
        if not all(_DIGITS.fullmatch(p) for p in parts):
            raise SpecError(f"{what} {value!r} must look like 3x224x224 (channels first)")
        dims = [int(p) for p in parts]
    elif isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool)
                                         for v in value):
        dims = list(value)
    else:
        raise SpecError(f"{what} must be [C, H, W] or \"CxHxW\", not {value!r}")
    if len(dims) not in (1, 3):
        raise SpecError(f"{what} {value!r} must have 3 dimensions (C, H, W) or 1 (features)")
    if any(d < 1 or d > MAX_DIM for d in dims):
        raise SpecError(f"{what} {value!r}: each dimension must be from 1 to {MAX_DIM:,}")
    return tuple(dims)


class Overrides(dict):
    """Values for a spec's ``vars``: ``--set`` ones, and (``derived``: name -> line) those
    a spec that ``extends`` another gives in its own ``vars``, which errors must not blame
    on ``--set``."""

    derived: dict[str, int | None] = {}


def parse_overrides(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["width_mult=0.75", ...]`` (the CLI's ``--set``) -> ``{"width_mult": "0.75"}``."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or not value.strip():
            raise SpecError(f"--set takes NAME=VALUE (a spec variable and a number or "
                            f"expression), not {item[:80]!r}")
        out[name] = value.strip()
    return out


def _variables(data: LineDict, overrides: dict[str, str]) -> dict[str, Any]:
    """The spec's ``vars``, each an expression of the ones before it, with ``--set``
    overrides (which must name a variable the spec has)."""
    raw = data.get("vars")
    if raw is None:
        raw = LineDict()
        raw.line, raw.key_lines = data.line, {}
    if not isinstance(raw, LineDict):
        raise SpecError("'vars' must map variable names to numbers or expressions",
                        line=data.line_of("vars"))
    for name in overrides:
        if name not in raw:
            known = ", ".join(str(k) for k in raw) or "none"
            raise SpecError(f"--set {name}: the spec has no variable '{name}'"
                            f"{did_you_mean(name, [str(k) for k in raw])} (its variables: "
                            f"{known})", line=data.line_of("vars") if "vars" in data else None)
    env: dict[str, Any] = {}
    for name, value in raw.items():
        line = raw.line_of(name)
        try:
            if name in overrides:
                text = overrides[name]
                env[name] = {"true": True, "false": False}.get(text.lower()) \
                    if text.lower() in ("true", "false") else evaluate(text, env)
            else:
                env[name] = _resolve(value, env)
        except SpecError as err:
            derived = getattr(overrides, "derived", {})
            if name in derived:  # the derived spec's own vars, not --set
                raise SpecError(f"'vars' {name}: {err.message}", line=derived[name]) from None
            where = f"--set {name}={overrides[name]}: " if name in overrides else ""
            raise SpecError(where + err.message, line=line) from None
    return env


def parse_spec(data: Any, *, file: str, overrides: dict[str, str] | None = None,
               layers_file: str | None = None) -> Spec:
    """Build a ``Spec`` from loaded YAML; every problem is a located ``SpecError``.
    ``overrides`` replace the values of the spec's ``vars`` (the CLI's ``--set``);
    ``layers_file`` is where the blocks and layers were written, if not ``file`` (a spec
    that extends another)."""
    try:
        return _parse_spec(data, file, overrides or {}, layers_file or file)
    except SpecError as err:
        raise err.locate(file=file)


def _parse_spec(data: Any, file: str, overrides: dict[str, str], layers_file: str) -> Spec:
    if not isinstance(data, LineDict):
        raise SpecError("a spec is a YAML mapping with at least 'input' and 'layers'", line=1)
    _check_keys(data, TOP_KEYS, "a spec")
    for key in ("input", "layers"):
        if key not in data:
            raise SpecError(f"the spec has no '{key}'", line=data.line)
    blocks = data.get("blocks") or LineDict()
    if not isinstance(blocks, LineDict):
        raise SpecError("'blocks' must map block names to definitions", line=data.line_of("blocks"))
    for name, body in blocks.items():
        where = blocks.line_of(name)
        if name in KINDS or name in _COMPOSITE:
            raise SpecError(f"block name '{name}' is already a layer kind", line=where)
        if not isinstance(body, LineDict) or "layers" not in body:
            raise SpecError(f"block '{name}' must be a mapping with 'layers' (and 'args')",
                            line=where)
        _check_keys(body, ("args", "layers", "doc"), f"block '{name}'")
        if "args" in body and not isinstance(body["args"], LineDict):
            raise SpecError(f"block '{name}' 'args' must map names to defaults or 'required'",
                            line=body.line_of("args"))
    env = _variables(data, overrides)
    name = str(data.get("name") or Path(file).stem)
    try:
        shape = parse_shape(data["input"])
    except SpecError as err:
        raise err.locate(line=data.line_of("input"))
    published = {}
    pub = data.get("published") or LineDict()
    if not isinstance(pub, LineDict):
        raise SpecError("'published' must map figure names to {value, source}",
                        line=data.line_of("published"))
    for key, entry in pub.items():
        if key not in PUBLISHED_KEYS:
            raise SpecError(f"published has no figure '{key}'{did_you_mean(str(key), PUBLISHED_KEYS)}"
                            f" (known: {', '.join(PUBLISHED_KEYS)})", line=pub.line_of(key))
        published[key] = parse_published(key, entry, pub.line_of(key))
    ctx = _Ctx(file=layers_file, blocks=dict(blocks), variables=env)
    root = _parse_list(data["layers"], "", env, ctx, data.line_of("layers"))
    last = _stochastic_depth(data.get("stochastic_depth"), data.line_of("stochastic_depth"))
    if last is not None:
        count = _count_residuals(root)
        if not count:
            raise SpecError("'stochastic_depth' needs residual blocks to drop",
                            line=data.line_of("stochastic_depth"))
        root = _with_survival(root, last, count, [0])  # type: ignore[assignment]
    builder, kwargs = parse_matches(data.get("matches"), data.line_of("matches"))
    return Spec(name=name, title=str(data.get("title") or name), file=file, input=shape,
                root=root, paper=data.get("paper"), matches=builder, matches_kwargs=kwargs,
                notes=data.get("notes"), published=published, input_line=data.line_of("input"),
                stochastic=_is_stochastic(root))


_KWARG = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_matches(value: Any, line: int) -> tuple[str | None, tuple[tuple[str, Any], ...]]:
    """``matches:`` as the builder and its keyword arguments. Two forms: the builder's dotted
    name (``torchvision.models.resnet50``), or ``{builder: NAME, kwargs: {aux_logits: false}}``
    when the builder's defaults build another network. Keyword values are YAML scalars."""
    if value is None:
        return None, ()
    if isinstance(value, str):
        builder, kwargs = value, LineDict()
    elif isinstance(value, LineDict):
        _check_keys(value, ("builder", "kwargs"), "matches")
        builder, kwargs = value.get("builder"), value.get("kwargs") or LineDict()
        if not isinstance(kwargs, LineDict):
            raise SpecError("matches 'kwargs' must map keyword names to values",
                            line=value.line_of("kwargs"))
    else:
        raise SpecError("'matches' must be a builder name (torchvision.models.resnet50) or "
                        "{builder: NAME, kwargs: {...}}", line=line)
    if not isinstance(builder, str) or not builder.strip():
        raise SpecError("matches needs a 'builder', e.g. torchvision.models.googlenet", line=line)
    for key, arg in kwargs.items():
        if not _KWARG.match(str(key)):
            raise SpecError(f"matches kwargs: {str(key)!r} is not a keyword name",
                            line=kwargs.line_of(key))
        if isinstance(arg, (list, dict)):
            raise SpecError(f"matches kwargs: '{key}' must be a number, string, true, false "
                            "or null", line=kwargs.line_of(key))
    return builder.strip(), tuple((str(k), v) for k, v in kwargs.items())


def _read(path: Path) -> Any:
    from cnnstat.files.safeio import read_capped
    from cnnstat.spec.yamlload import MAX_BYTES

    try:
        text = read_capped(path, MAX_BYTES, "spec").decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError("spec is not UTF-8 text", file=str(path)) from None
    return load_yaml(text, file=str(path))


def _override_text(value: Any) -> str:
    """A derived spec's ``vars`` value as an override (what ``--set`` would say)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return repr(value) if isinstance(value, float) else str(value)
    raise SpecError(f"a variable's value must be a number or an expression, not {value!r}")


def _extend(data: LineDict, path: Path, overrides: dict[str, str]
            ) -> tuple[Any, str | None, dict[str, str]]:
    """``extends: BASE``: the base spec's structure (blocks, layers, stochastic depth) with
    this file's name, input, figures and variable values. Returns the merged data, the
    base's file (where its layers' lines are) and the overrides."""
    _check_keys(data, EXTENDS_KEYS, "a spec that extends another")
    base_name = data["extends"]
    if not isinstance(base_name, str) or not _NAME.match(base_name.replace("-", "_")):
        raise SpecError("'extends' names a spec in the same folder, without .yaml",
                        line=data.line_of("extends"))
    base_path = path.parent / f"{base_name}.yaml"
    if not base_path.is_file():
        raise SpecError(f"'extends': no spec '{base_name}' next to this one",
                        line=data.line_of("extends"))
    base = _read(base_path)
    if not isinstance(base, LineDict) or "extends" in base:
        raise SpecError(f"'extends': {base_name} must be a full spec (one that extends none)",
                        line=data.line_of("extends"))
    merged = LineDict(base)
    merged.line, merged.key_lines = base.line, dict(base.key_lines)
    for key in ("name", "title", "paper", "input", "matches", "notes", "published"):
        merged.pop(key, None)
        if key in data:
            merged[key] = data[key]
            merged.key_lines[key] = data.line_of(key)
    mine = data.get("vars") or {}
    if not isinstance(mine, dict):
        raise SpecError("'vars' must map variable names to values", line=data.line_of("vars"))
    known = [str(k) for k in (base.get("vars") or {})]
    for name in mine:
        if str(name) not in known:
            raise SpecError(f"'vars': {base_name} has no variable '{name}'"
                            f"{did_you_mean(str(name), known)} (its variables: "
                            f"{', '.join(known) or 'none'})", line=mine.line_of(name)
                            if isinstance(mine, LineDict) else data.line_of("vars"))
    try:
        values = {str(k): _override_text(v) for k, v in mine.items()}
    except SpecError as err:
        raise err.locate(line=data.line_of("vars"))
    merged_values = Overrides({**values, **overrides})
    merged_values.derived = {k: (mine.line_of(k) if isinstance(mine, LineDict)
                                 else data.line_of("vars"))
                             for k in values if k not in overrides}
    return merged, str(base_path), merged_values


def load_spec_file(path: str | Path, overrides: dict[str, str] | None = None) -> Spec:
    path = Path(path)
    data = _read(path)
    overrides = overrides or {}
    layers_file = None
    if isinstance(data, LineDict) and "extends" in data:
        try:
            data, layers_file, overrides = _extend(data, path, overrides)
        except SpecError as err:
            raise err.locate(file=str(path))
    return parse_spec(data, file=str(path), overrides=overrides, layers_file=layers_file)
