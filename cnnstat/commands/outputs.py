"""Files the commands write: ``import -o``, ``diagram -o``, ``report -o``, ``compare
--html`` and ``compare --plot``. One rule for all of them, through
``cnnstat.files.safeio.write_file``:

- checked before any work is done (``check_outputs``), and again as the file is written;
- an existing file is replaced only with ``--force``; otherwise exit 2, naming it;
- never written through a symbolic link, and never onto an input of the same run: a spec
  file, the Python file of an import target (``file.py:Class``, or the module of
  ``package.module:factory``), or any file the model's code loaded (``Spec.read``);
- written atomically (a temporary file in the same folder, synced, renamed): a full disk
  or a kill leaves any old file whole;
- ``-o -`` means standard output.

(``check --fix`` keeps its own numbered backups; cnnstat's calibration cache and
``specs/index.json`` are cnnstat's own files, replaced as they are refreshed.)
"""

from __future__ import annotations

import os
from typing import Iterable

FORCE_HELP = "Replace an output file that exists already (without it, an existing file " \
             "is an error and is left as it is)."


def wanted(path: str | None) -> bool:
    """Is ``path`` a file to write (not absent, not ``-`` for standard output)?"""
    return path is not None and path != "-"


def inputs_of(models: Iterable[str], specs: Iterable = ()) -> tuple[str, ...]:
    """The files a run reads, which an output must not replace: each model given as a
    file, the Python files an import target names (``cnnstat.models.zoo.target_files``),
    and for loaded ``specs`` their file and the files their model's code loaded."""
    from cnnstat.models.zoo import is_target, target_files

    files: list[str] = []
    for m in models:
        if os.path.isfile(m):
            files.append(m)
        elif is_target(m):
            files.extend(target_files(m))
    for spec in specs:
        if os.path.isfile(spec.file):
            files.append(spec.file)
        files.extend(spec.read)
    return tuple(dict.fromkeys(files))


def check_outputs(outputs: Iterable[tuple[str | None, str]], force: bool,
                  models: Iterable[str]) -> None:
    """Refuse, before any work, each ``(path, what)`` to be written that exists (unless
    ``force``), is a symlink or not a file, or is one of the run's inputs."""
    from cnnstat.files.safeio import check_target

    inputs = inputs_of(list(models))
    for path, what in outputs:
        if wanted(path):
            check_target(path, replace=force, inputs=inputs, what=what)


def write_output(path: str, data, *, force: bool, models: Iterable[str], specs: Iterable = (),
                 what: str) -> str:
    """Write ``data`` (text, bytes, or a function given a binary file) to ``path`` by the
    rule above."""
    from cnnstat.files.safeio import write_file

    if isinstance(data, str):
        data = data.encode("utf-8")
    return write_file(path, data, replace=force, inputs=inputs_of(list(models), list(specs)),
                      what=what)
