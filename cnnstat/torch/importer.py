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
from cnnstat.runtime.worker import is_out_of_memory


def _count(tensors) -> int:
    return sum(t.numel() for t in tensors)


def _count_own(model: nn.Module, paths: list[str]) -> int:
    mods = dict(model.named_modules())
    return sum(_count(mods[p].parameters(recurse=False)) for p in paths)


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


def _counted(trace, model: nn.Module, x: torch.Tensor) -> tuple[list, list[int], int]:
    """A trace, and torch's own count of the forward's multiply-adds (FlopCounterMode
    FLOPs / 2): the imported spec must have the same."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        ops, outs = trace(model, x)
    return ops, outs, counter.get_total_flops() // 2


def _trace(model: nn.Module, x: torch.Tensor) -> tuple[list, list[int], str, int]:
    """The trace, how it was made (fx, else hooks, with why fx failed) and torch's MACs."""
    try:
        ops, outs, macs = _counted(trace_fx, model, x)
        return ops, outs, "torch.fx", macs
    except SpecError:
        raise
    except Exception as err:  # fx could not trace: data-dependent control flow and the like
        if is_out_of_memory(err):
            raise  # the worker names its memory limit
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    try:
        ops, outs, macs = _counted(trace_hooks, model, x)
    except SpecError:
        raise
    except Exception as err:
        if is_out_of_memory(err):
            raise
        why = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        size = "x".join(str(d) for d in x.shape[1:])
        if isinstance(err, RecursionError):
            raise SpecError("cannot trace the model: it nests too deeply to run "
                            "(RecursionError)") from None
        if _reads_values(err):
            raise SpecError(
                f"cannot trace the model: torch.fx failed ({reason[:200]}) and running it on "
                f"the meta device failed too ({why[:200]}); a forward that branches on tensor "
                "values cannot run there, since meta tensors have shapes but no values"
            ) from None
        raise SpecError(
            f"cannot trace the model: its forward raised {type(err).__name__} at input "
            f"{size}: {why[:300]} (torch.fx could not trace it either: {reason[:120]}). If "
            "the model expects another input size, give it with --input CxHxW") from None
    return ops, outs, f"module hooks (torch.fx could not trace it: {reason[:120]})", macs


def _reads_values(err: Exception) -> bool:
    """Only an error about meta tensors (``.item()``, a copy out of one) means a forward
    that reads tensor values; any other error is the model's own."""
    return "meta" in str(err).lower() or type(err).__name__ in (
        "DataDependentOutputException", "DynamicOutputShapeException")


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
    left_out: list[str] = []  # training-only heads that do not fit this input
    trained = False  # traced in training mode (for heads that run only then)
    try:
        model.eval()
        ops, outs, how, macs = _trace(model, x)
        missing = _uncalled(model, {op.name for op in ops if not op.free})
        if missing:  # auxiliary heads run in training only (GoogLeNet, Inception-v3)
            model.train()
            try:
                t_ops, t_outs, t_how, _ = _trace(model, x)
            except SpecError as err:
                t_ops = None
                why = err.message.removeprefix("cannot trace the model: ")
                why = why.split(" (torch.fx could not")[0]
            if t_ops is None:
                left_out = missing
                heads = sorted({p.split(".")[0] for p in missing})
                how += (f"; {', '.join(heads[:3])} left out ({_count_own(model, missing):,} "
                        "params): it runs in training mode only, and training mode does not "
                        f"trace at {'x'.join(map(str, input))} ({why[:160]})")
            elif not _uncalled(model, {o.name for o in t_ops if not o.free}):
                ops, outs, how = t_ops, t_outs, t_how + "; training mode, for its auxiliary heads"
                trained = True
    finally:
        model.train(was_training)
    missing = _uncalled(model, {op.name for op in ops if not op.free})
    renamed = _sanitise(ops)
    tree = to_tree(ops, outs, inference=not trained)
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
    _check_counts(parsed, module, missing, left_out, macs)
    return parsed._replace(source=text)


def _clean(path: str) -> str:
    """A module path as spec names allow it: letters, digits and _ between the dots."""
    return ".".join(re.sub(r"[^A-Za-z0-9_]", "_", part) or "_" for part in path.split("."))


def _sanitise(ops) -> list[tuple[str, str]]:
    """Names as a spec allows them: letters, digits and _ between the dots; and a layer
    whose module also holds other layers (a ``BatchNorm2d`` subclass with an activation
    inside, as timm's ``BatchNormAct2d``) goes inside it, named for its kind: a spec
    name is a layer or a scope, never both."""
    renamed = []
    for op in ops:
        if not op.free:
            clean = _clean(op.name)
            if clean != op.name:
                renamed.append((op.name, clean))
                op.name = clean
    scopes = {".".join(op.name.split(".")[:i]) for op in ops
              for i in range(1, op.name.count(".") + 1)}
    taken = {op.name for op in ops}
    for op in ops:
        if op.name in scopes and not op.free:
            stem = op.kind.prefix if op.kind is not None else (op.merge or "layer")
            new, k = f"{op.name}.{stem}", 1
            while new in taken:
                k += 1
                new = f"{op.name}.{stem}{k}"
            taken.add(new)
            renamed.append((op.name, new))
            op.name = new
    return renamed


def _free_merges(tree) -> frozenset[str]:
    """Provisional names the tree made itself: merges, and the identity of a branch that
    is the fork's own tensor (``@identity1``); the writer names them."""
    from cnnstat.spec.graph import (AuxNode, FromNode, LayerNode, ParallelNode,
                                    ResidualNode, SeqNode)

    out: set[str] = set()

    def walk(n) -> None:
        if isinstance(n, SeqNode):
            for i in n.items:
                walk(i)
        elif isinstance(n, LayerNode):
            if "@" in n.name:
                out.add(n.name)
        elif isinstance(n, (ParallelNode, ResidualNode)):
            if "@" in n.name:
                out.add(n.name)
            for b in (n.branches if isinstance(n, ParallelNode) else [n.body]):
                walk(b)
            if isinstance(n, ResidualNode) and isinstance(n.shortcut, SeqNode):
                walk(n.shortcut)
        elif isinstance(n, (AuxNode, FromNode)):
            walk(n.body)

    walk(tree)
    return frozenset(out)


def _check_counts(spec: Spec, module: nn.Module, missing: list[str], left_out: list[str],
                  macs: int) -> None:
    """The spec's params and buffers are the module's (less the heads left out), and its
    MACs are torch's own count of the traced forward: never a wrong number."""
    from cnnstat.analysis import analyze

    a = analyze(spec)
    mods = dict(module.named_modules())
    params, buffers = _count(module.parameters()), _count(module.buffers())
    params -= sum(_count(mods[p].parameters(recurse=False)) for p in left_out)
    buffers -= sum(_count(mods[p].buffers(recurse=False)) for p in left_out)
    if a.totals.params != params or a.totals.buffers != buffers:
        extra = f"; modules whose weights no traced op used: {', '.join(missing[:5])}" \
            if missing else ""
        raise SpecError(f"the imported spec has {a.totals.params:,} params and "
                        f"{a.totals.buffers:,} buffers but the module has {params:,} and "
                        f"{buffers:,}{extra}")
    if a.totals.macs != macs:
        raise SpecError(f"the imported spec has {a.totals.macs:,} MACs but torch counts "
                        f"{macs:,} in the traced forward (FlopCounterMode / 2); some op was "
                        "read wrongly, so cnnstat gives no figure rather than a wrong one "
                        "(please report it with the model)")


def check_size(module: nn.Module, target: str) -> None:
    """A model with more leaf modules than a spec may have layers is refused before it is
    traced (a 20,000-ReLU Sequential took 11 s to be refused for its YAML before)."""
    from cnnstat.spec.context import MAX_LAYERS

    leaves = 0
    for m in module.modules():
        if next(m.children(), None) is None:
            leaves += 1
            if leaves > MAX_LAYERS:
                raise SpecError(f"{target}: the model has more than {MAX_LAYERS:,} leaf "
                                f"modules, and a spec may have at most {MAX_LAYERS:,} layers")


def import_target(target: str, input: tuple[int, ...] | None = None,
                  kwargs: dict[str, Any] | None = None) -> Spec:
    """``torchvision:resnet50``, ``timm:NAME``, ``package.module:factory`` or
    ``path/to/file.py:ClassName`` as a spec: the module built
    (``cnnstat.torch.targets``), its size checked, then traced (``from_torch``). The one
    way a target becomes a spec, in process or in the worker (``cnnstat.torch.isolate``)."""
    from cnnstat.torch.targets import build_target

    built = build_target(target, kwargs or {})
    check_size(built.module, target)
    shape = tuple(input) if input is not None else built.input
    try:
        return from_torch(built.module, shape, name=built.name, title=built.title,
                          matches=built.matches, source=target)
    except SpecError as err:  # located: the target whose tracing failed
        if err.message.startswith(target):
            raise
        raise SpecError(f"{target}: {err.message}", file=err.file, line=err.line,
                         path=err.path) from None
