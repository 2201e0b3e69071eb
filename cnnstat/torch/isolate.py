"""The worker's side of ``cnnstat import``: build and trace an import target, return the
spec's YAML text. ``cnnstat.zoo.import_spec`` runs it in a worker process
(``cnnstat.worker``) so that the model's code cannot exit cnnstat, hang it, or print into
its output; the parent parses the text it gets back like any spec."""

from __future__ import annotations

from typing import Any


def import_text(target: str, input: list[int] | None, kwargs: dict[str, Any]) -> str:
    """``cnnstat.torch.importer.import_target`` as text (runs in the worker)."""
    from cnnstat.torch.importer import import_target

    spec = import_target(target, input=tuple(input) if input else None, kwargs=kwargs)
    return spec.source
