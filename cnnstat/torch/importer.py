"""Any PyTorch model -> a spec that reads like a hand-written one (``cnnstat import``).

``from_torch(module, input=(3, 224, 224))`` traces the module on the meta device
(``cnnstat.torch.trace``), reads the flat trace as residuals and branches
(``cnnstat.spec.dag``), writes it as YAML with scopes, blocks and repeats
(``cnnstat.spec.write``), parses that text like any spec, and checks that its params and
buffers are the module's. ``import_target("torchvision:resnet50")`` first builds the
module a target names (``cnnstat.torch.targets``). Weights are never loaded.
"""

from __future__ import annotations

import copy
import re
import textwrap
from typing import Any

import torch
from torch import nn

from cnnstat.errors import SpecError
from cnnstat.spec.dag import to_tree
from cnnstat.spec.graph import Spec
from cnnstat.spec.parse import parse_spec
from cnnstat.spec.write import to_yaml
from cnnstat.spec.yamlload import load_yaml
from cnnstat.torch.trace import trace_fx, trace_hooks


def _count(tensors) -> int:
    return sum(t.numel() for t in tensors)


def _uncalled(model: nn.Module, called: set[str]) -> list[str]:
    """Modules with weights of their own that no traced op came from."""
    out = []
    for path, mod in model.named_modules():
        own = list(mod.parameters(recurse=False)) + list(mod.buffers(recurse=False))
        if own and path not in called and not any(path.startswith(c + ".") for c in called) \
                and not any(c.startswith(path + ".") and c.count(".") == path.count(".") + 1
                            and hasattr(mod, c.rpartition(".")[2]) and
                            not isinstance(getattr(mod, c.rpartition(".")[2]), nn.Module)
                            for c in called):
            out.append(path)
    return out


def _trace(model: nn.Module, x: torch.Tensor) -> tuple[list, list[int], str]:
    """The trace and how it was made: fx, else hooks, with why fx failed."""
    try:
        ops, outs = trace_fx(model, x)
        return ops, outs, "torch.fx"
    except SpecError:
        raise
    except Exception as err:  # fx could not trace: data-dependent control flow and the like
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    try:
        ops, outs = trace_hooks(model, x)
    except SpecError:
        raise
    except Exception as err:
        why = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise SpecError(
            "cannot trace the model: torch.fx failed (" + reason[:200] + ") and running it on "
            "the meta device failed too (" + why[:200] + ")" + _why_meta_failed(err)) from None
    return ops, outs, f"module hooks (torch.fx could not trace it: {reason[:120]})"


def _why_meta_failed(err: Exception) -> str:
    """What the meta run's failure says about the model: only an error about meta tensors
    (``.item()``, a copy out of one) means a forward that branches on tensor values."""
    if isinstance(err, RecursionError):
        return "; the model nests too deeply to run (RecursionError)"
    text = str(err)
    if "meta" in text.lower() or type(err).__name__ in ("DataDependentOutputException",
                                                         "DynamicOutputShapeException"):
        return ("; a forward that branches on tensor values cannot run there, since meta "
                "tensors have shapes but no values")
    return f"; the model's forward raised {type(err).__name__}"


def from_torch(module: nn.Module, input: tuple[int, ...] = (3, 224, 224), *,
               name: str | None = None, title: str | None = None, matches: str | None = None,
               source: str | None = None) -> Spec:
    """A spec of ``module`` at ``input`` (C, H, W), parsed from the YAML that
    ``Spec.to_yaml()`` returns. Raises ``SpecError`` for a module or op with no layer kind
    (naming it), or a model that cannot be traced."""
    model = module
    if any(p.device.type != "meta" for p in list(module.parameters()) + list(module.buffers())):
        model = copy.deepcopy(module).to("meta")
    was_training = model.training
    x = torch.empty((1, *input), device="meta")
    try:
        model.eval()
        ops, outs, how = _trace(model, x)
        called = {op.name for op in ops if not op.free}
        missing = _uncalled(model, called)
        if missing:  # auxiliary heads run in training only (GoogLeNet, Inception-v3)
            model.train()
            try:
                t_ops, t_outs, t_how = _trace(model, x)
            except SpecError:
                t_ops = None
            if t_ops is not None and not _uncalled(model, {o.name for o in t_ops if not o.free}):
                ops, outs, how = t_ops, t_outs, t_how + "; training mode, for its auxiliary heads"
    finally:
        model.train(was_training)
    missing = _uncalled(model, {op.name for op in ops if not op.free})
    renamed = _sanitise(ops)
    tree = to_tree(ops, outs)
    cls = type(module).__name__
    name = name or cls.lower()
    spec = Spec(name=name, title=title or f"{cls} (imported)", file="<import>",
                input=tuple(input), root=tree, matches=matches)
    free = frozenset(op.name for op in ops if op.free) | _free_merges(tree)
    types = {_clean(p): type(m).__name__ for p, m in model.named_modules() if p}
    header = textwrap.wrap(
        f"Imported by `cnnstat import` from {source or cls} on the meta device (no weights "
        f"loaded), traced with {how}. Layer names are the module paths; repeated modules are "
        "folded into blocks. Check it with `cnnstat verify`.", 86)
    text, nested = to_yaml(spec, header=header, free=free, types=types, published_hint=True)
    renamed += nested
    if renamed:
        shown = ", ".join(f"{a} -> {b}" for a, b in renamed[:3])
        more = f" and {len(renamed) - 3} more" if len(renamed) > 3 else ""
        note = textwrap.wrap(f"{len(renamed)} layer name(s) nest differently from the module "
                             f"paths: {shown}{more}", 86)
        text = text.replace("\nname: ", "\n" + "".join(f"# {n}\n" for n in note) + "name: ", 1)
    parsed = parse_spec(load_yaml(text, file=f"<import {source or cls}>"),
                        file=f"<import {source or cls}>")
    _check_counts(parsed, module, missing)
    return parsed._replace(source=text)


def _clean(path: str) -> str:
    """A module path as spec names allow it: letters, digits and _ between the dots."""
    return ".".join(re.sub(r"[^A-Za-z0-9_]", "_", part) or "_" for part in path.split("."))


def _sanitise(ops) -> list[tuple[str, str]]:
    renamed = []
    for op in ops:
        if not op.free:
            clean = _clean(op.name)
            if clean != op.name:
                renamed.append((op.name, clean))
                op.name = clean
    return renamed


def _free_merges(tree) -> frozenset[str]:
    from cnnstat.spec.graph import ParallelNode, ResidualNode, SeqNode, AuxNode

    out: set[str] = set()

    def walk(n) -> None:
        if isinstance(n, SeqNode):
            for i in n.items:
                walk(i)
        elif isinstance(n, (ParallelNode, ResidualNode)):
            if "@" in n.name:
                out.add(n.name)
            for b in (n.branches if isinstance(n, ParallelNode) else [n.body]):
                walk(b)
            if isinstance(n, ResidualNode) and isinstance(n.shortcut, SeqNode):
                walk(n.shortcut)
        elif isinstance(n, AuxNode):
            walk(n.body)

    walk(tree)
    return frozenset(out)


def _check_counts(spec: Spec, module: nn.Module, missing: list[str]) -> None:
    from cnnstat.analysis import analyze

    a = analyze(spec)
    params, buffers = _count(module.parameters()), _count(module.buffers())
    if a.totals.params != params or a.totals.buffers != buffers:
        extra = f"; modules whose weights no traced op used: {', '.join(missing[:5])}" \
            if missing else ""
        raise SpecError(f"the imported spec has {a.totals.params:,} params and "
                        f"{a.totals.buffers:,} buffers but the module has {params:,} and "
                        f"{buffers:,}{extra}")


def import_target(target: str, input: tuple[int, ...] | None = None,
                  kwargs: dict[str, Any] | None = None) -> Spec:
    """``torchvision:resnet50``, ``timm:NAME``, ``package.module:factory`` or
    ``path/to/file.py:ClassName`` as a spec."""
    from cnnstat.torch.targets import build_target

    built = build_target(target, kwargs or {})
    shape = tuple(input) if input is not None else built.input
    return from_torch(built.module, shape, name=built.name, title=built.title,
                      matches=built.matches, source=target)
