"""The worker's side of ``cnnstat import``: build and trace an import target, return the
spec's YAML text. ``cnnstat.zoo.import_spec`` runs it in a worker process
(``cnnstat.worker``) so that the model's code cannot exit cnnstat, hang it, or print into
its output; the parent parses the text it gets back like any spec."""

from __future__ import annotations

from typing import Any

from cnnstat.errors import SpecError


def check_size(module: Any, target: str) -> None:
    """A model with more leaf modules than a spec may have layers is refused before it is
    traced (a 20,000-ReLU Sequential took 11 s to be refused for its YAML before)."""
    from cnnstat.spec.parse import MAX_LAYERS

    leaves = 0
    for m in module.modules():
        if next(m.children(), None) is None:
            leaves += 1
            if leaves > MAX_LAYERS:
                raise SpecError(f"{target}: the model has more than {MAX_LAYERS:,} leaf "
                                f"modules, and a spec may have at most {MAX_LAYERS:,} layers")


def import_text(target: str, input: list[int] | None, kwargs: dict[str, Any]) -> str:
    """``cnnstat.torch.importer.import_target``, with the model's size checked between
    building and tracing, as text (runs in the worker)."""
    from cnnstat.torch.importer import from_torch
    from cnnstat.torch.targets import build_target

    built = build_target(target, kwargs or {})
    check_size(built.module, target)
    shape = tuple(input) if input else built.input
    spec = from_torch(built.module, shape, name=built.name, title=built.title,
                      matches=built.matches, source=target)
    return spec.source
