"""The worker's side of ``cnnstat import``: ``import_target`` run on an import target,
answered as JSON-able data. ``cnnstat.models.zoo.import_spec`` runs it in a worker
process (``cnnstat.runtime.worker``) so that the model's code cannot exit cnnstat, hang it,
or print into its output; the parent parses the text it gets back like any spec."""

from __future__ import annotations

import sys
from typing import Any


def import_text(target: str, input: list[int] | None, kwargs: dict[str, Any]) -> dict:
    """``{"yaml": the spec's text, "read": [files]}``: the spec of
    ``cnnstat.torch.importer.import_target``, and the file of every module that building
    and tracing it loaded (the model's own source, the files it imports): inputs of this
    run, which an output file must never replace (cnnstat's own modules and torch, loaded
    before it, are not listed)."""
    from cnnstat.torch.importer import import_target

    before = set(sys.modules)
    spec = import_target(target, tuple(input) if input else None, kwargs)
    read = []
    for name in sorted(set(sys.modules) - before):
        file = getattr(sys.modules.get(name), "__file__", None)
        if isinstance(file, str):
            read.append(file)
    return {"yaml": spec.source, "read": read}
