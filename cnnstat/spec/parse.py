"""YAML spec -> ``Spec`` graph: blocks expanded, names assigned, every error located.

The top level lives here (the spec's keys, its ``vars`` with ``--set`` overrides, the
entry points); ``items`` and ``composites`` parse the layers, ``fields`` the values beside
them, ``stochastic`` the survival of residual blocks, ``extends`` a spec built on another."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, did_you_mean
from cnnstat.spec.composites import COMPOSITES
from cnnstat.spec.context import Ctx, check_keys, substitute
from cnnstat.spec.expr import evaluate
from cnnstat.spec.extends import extend, read_spec
from cnnstat.spec.fields import parse_matches, parse_published, parse_shape
from cnnstat.spec.graph import Spec
from cnnstat.spec.items import parse_list
from cnnstat.spec.stochastic import (count_residuals, is_stochastic, stochastic_depth,
                                     with_survival)
from cnnstat.spec.yamlload import LineDict

TOP_KEYS = ("name", "title", "paper", "input", "matches", "notes", "published", "vars",
            "stochastic_depth", "blocks", "layers", "extends")
PUBLISHED_KEYS = ("params", "trainable_params", "macs", "depth", "top1", "top5")


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
                env[name] = substitute(value, env)
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
    check_keys(data, TOP_KEYS, "a spec")
    for key in ("input", "layers"):
        if key not in data:
            raise SpecError(f"the spec has no '{key}'", line=data.line)
    blocks = data.get("blocks") or LineDict()
    if not isinstance(blocks, LineDict):
        raise SpecError("'blocks' must map block names to definitions", line=data.line_of("blocks"))
    for name, body in blocks.items():
        where = blocks.line_of(name)
        if name in KINDS or name in COMPOSITES:
            raise SpecError(f"block name '{name}' is already a layer kind", line=where)
        if not isinstance(body, LineDict) or "layers" not in body:
            raise SpecError(f"block '{name}' must be a mapping with 'layers' (and 'args')",
                            line=where)
        check_keys(body, ("args", "layers", "doc"), f"block '{name}'")
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
    ctx = Ctx(file=layers_file, blocks=dict(blocks), variables=env, composites=COMPOSITES)
    root = parse_list(data["layers"], "", env, ctx, data.line_of("layers"))
    last = stochastic_depth(data.get("stochastic_depth"), data.line_of("stochastic_depth"))
    if last is not None:
        count = count_residuals(root)
        if not count:
            raise SpecError("'stochastic_depth' needs residual blocks to drop",
                            line=data.line_of("stochastic_depth"))
        root = with_survival(root, last, count, [0])  # type: ignore[assignment]
    builder, kwargs = parse_matches(data.get("matches"), data.line_of("matches"))
    return Spec(name=name, title=str(data.get("title") or name), file=file, input=shape,
                root=root, paper=data.get("paper"), matches=builder, matches_kwargs=kwargs,
                notes=data.get("notes"), published=published, input_line=data.line_of("input"),
                stochastic=is_stochastic(root))


def load_spec_file(path: str | Path, overrides: dict[str, str] | None = None) -> Spec:
    path = Path(path)
    data = read_spec(path)
    overrides = overrides or {}
    layers_file = None
    if isinstance(data, LineDict) and "extends" in data:
        try:
            data, layers_file, overrides = extend(data, path, overrides)
        except SpecError as err:
            raise err.locate(file=str(path))
    return parse_spec(data, file=str(path), overrides=overrides, layers_file=layers_file)
