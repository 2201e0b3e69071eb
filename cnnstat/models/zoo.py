"""Where bundled specs live, and how a name or a path becomes a loaded ``Spec``."""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from cnnstat.errors import SpecError, shorten
from cnnstat.files.safeio import check_file, describe_os_error
from cnnstat.layers import did_you_mean
from cnnstat.spec.graph import Spec
from cnnstat.spec.parse import load_spec_file
from cnnstat.spec.yamlload import MAX_BYTES


_DOTTED = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_TARGET = re.compile(rf"^(?:{_DOTTED}|.+\.py):{_DOTTED}$")


def is_target(text: str) -> bool:
    """Does ``text`` name a PyTorch model to import (``torchvision:resnet50``,
    ``timm:NAME``, ``package.module:factory``, ``path/to/file.py:ClassName``) rather than a
    bundled spec or a YAML file?"""
    return len(text) < 4096 and bool(_TARGET.match(text)) \
        and not text.endswith((".yaml", ".yml"))


def specs_dir() -> Path:
    """Bundled specs: inside the installed package, or ``specs/`` of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the cnnstat package
    for candidate in (here / "specs", here.parent / "specs"):
        if candidate.is_dir():
            return candidate
    raise SpecError(f"the bundled specs are missing (looked in {here / 'specs'})")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in specs_dir().glob("*.yaml"))


_BUNDLED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


def looks_like_path(text: str) -> bool:
    """``./vgg16``, ``x.yaml``, ``dir/x``: a path. ``vgg16``: the name of a bundled spec."""
    return ("/" in text or os.sep in text or (os.altsep or "/") in text
            or text.endswith((".yaml", ".yml")) or text in (".", ".."))


def resolve(name_or_path: str) -> Path:
    """A path to a spec file: a path (it looks like one), or the name of a bundled spec.

    A bare word is always a bundled name, and only the bundled specs can answer it, so a
    file that happens to be called ``vgg16`` in the current folder never replaces the
    bundled spec (write ``./vgg16`` for that file).
    """
    if not name_or_path:
        raise SpecError("no spec given: name a bundled spec (`cnnstat list`) or a .yaml file")
    if looks_like_path(name_or_path):
        check_file(name_or_path, MAX_BYTES, "spec")
        return Path(name_or_path)
    names = bundled_names()
    if _BUNDLED_NAME.fullmatch(name_or_path) and name_or_path in names:
        if os.path.lexists(name_or_path):
            print(f"note: '{name_or_path}' is the bundled spec; for the file of that name "
                  f"here, write ./{name_or_path}", file=sys.stderr)
        return specs_dir() / f"{name_or_path}.yaml"
    folded = bundled_by_folded_name(name_or_path)
    if folded is not None:  # VGG16, ResNet-50: the one bundled spec it can mean
        return folded
    hint = ""
    try:
        if os.path.lexists(name_or_path):
            hint = f"; for the file '{name_or_path}' here, write ./{name_or_path}"
    except (OSError, ValueError):
        pass
    shown = shorten(name_or_path, 80)
    by_fold = {_fold(n): n for n in names}
    close = did_you_mean(_fold(shown), by_fold)
    for key, name in by_fold.items():  # suggest the real name, not its folded form
        close = close.replace(f"'{key}'", f"'{name}'")
    raise SpecError(f"no bundled spec named {shown!r}{close}"
                    f"{hint} (see `cnnstat list`, or give a path to a .yaml file)")


def _fold(name: str) -> str:
    return name.casefold().replace("_", "").replace("-", "")


def bundled_by_folded_name(name: str) -> Path | None:
    """The bundled spec whose name matches ``name`` ignoring case and ``_`` / ``-``
    (``VGG16`` -> vgg16, ``ResNet-50`` -> resnet50); ``None`` unless exactly one
    does."""
    matches = [n for n in bundled_names() if _fold(n) == _fold(name)]
    return specs_dir() / f"{matches[0]}.yaml" if len(matches) == 1 else None


@lru_cache(maxsize=256)
def _load(path: str, mtime: float) -> Spec:
    return load_spec_file(path)


def load(name_or_path: str, overrides: list[str] | None = None,
         input: tuple[int, ...] | None = None) -> Spec:
    """Load a bundled spec by name (``vgg16``), any spec file by path, or a PyTorch model
    by import target (``torchvision:resnet50``, ``pkg.module:factory``,
    ``path/to/file.py:ClassName``: torch is imported only then). ``overrides``
    (``["width_mult=0.75"]``, the CLI's ``--set``) replace values of the spec's ``vars``.
    ``input`` (C, H, W): an import target is traced at that size (its adaptive pools and
    "same" pads depend on it); a spec file ignores it (``analyze`` takes it)."""
    if is_target(name_or_path) and not Path(name_or_path).exists():
        if overrides:
            raise SpecError("--set changes a spec's vars; an imported model has none")
        return _import(name_or_path, tuple(input) if input is not None else None)
    path = resolve(name_or_path)
    if overrides:
        from cnnstat.spec.parse import parse_overrides

        spec = load_spec_file(path, parse_overrides(overrides))
        return spec._replace(overridden=tuple(overrides))
    try:
        mtime = path.stat().st_mtime
    except OSError as err:
        raise SpecError(f"{name_or_path}: {describe_os_error(err)}") from None
    return _load(str(path), mtime)


def load_bundled(name: str) -> Spec:
    """A bundled spec by its exact name, for code that reads the zoo (the notes checker):
    never a file of that name in the current folder, and no note about one either (the
    note is for a name the user typed)."""
    if name not in bundled_names():
        raise SpecError(f"no bundled spec named {shorten(name, 80)!r}")
    path = specs_dir() / f"{name}.yaml"
    try:
        mtime = path.stat().st_mtime
    except OSError as err:
        raise SpecError(f"{name}: {describe_os_error(err)}") from None
    return _load(str(path), mtime)


def matches_of(spec: Spec) -> tuple[str, dict[str, Any]] | None:
    """The builder a spec is an exact twin of, with the keyword arguments it needs, or None:
    ``("torchvision.models.googlenet", {"aux_logits": False, "init_weights": False})``.
    Every reader of ``matches:`` (list, reports, benchmarks) goes through this."""
    if spec.matches is None:
        return None
    return spec.matches, dict(spec.matches_kwargs)


def matches_text(spec: Spec) -> str | None:
    """``matches_of`` as a Python call without its parentheses when there are no keyword
    arguments: ``torchvision.models.googlenet(aux_logits=False, init_weights=False)``."""
    match = matches_of(spec)
    if match is None:
        return None
    builder, kwargs = match
    if not kwargs:
        return builder
    return f"{builder}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


@lru_cache(maxsize=16)
def _import(target: str, input: tuple[int, ...] | None = None) -> Spec:
    return import_spec(target, input)


def import_timeout() -> float:
    """Seconds a model's code may run: ``CNNSTAT_TIMEOUT``, else 120 (``import
    --timeout`` passes its own)."""
    from cnnstat.runtime.worker import DEFAULT_TIMEOUT, env_float

    return env_float("CNNSTAT_TIMEOUT", DEFAULT_TIMEOUT)


def import_spec(target: str, input: tuple[int, ...] | None = None,
                kwargs: dict[str, Any] | None = None, *, timeout: float | None = None,
                memory: int | None = None) -> Spec:
    """An import target as a spec. The model's code (its module, builder and forward) runs
    in a worker process with a time and a memory limit (``cnnstat.runtime.worker``),
    bundled torchvision:/timm: builders too: whatever that code does (exit, hang, print, crash)
    is a ``SpecError`` here, and only the YAML text it returns comes back, parsed here like
    any spec."""
    import importlib.util

    try:
        has_torch = importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):
        has_torch = False
    if not has_torch:
        from cnnstat.runtime.install import install_hint

        raise SpecError(f"'{shorten(target, 200)}' is an import target, which needs "
                        f"PyTorch; install it with: {install_hint('torch')}")
    if not is_target(target):
        raise SpecError(f"'{shorten(target, 200)}' is not an import target; write "
                        "torchvision:NAME, timm:NAME, package.module:factory or "
                        "path/to/file.py:ClassName")
    from cnnstat.spec.parse import parse_spec
    from cnnstat.spec.yamlload import load_yaml
    from cnnstat.runtime.worker import run_isolated

    where = target.rpartition(":")[0]
    answer = run_isolated("cnnstat.torch.isolate:import_text",
                          (target, list(input) if input else None, dict(kwargs or {})),
                          what=f"import {shorten(target, 200)}",
                          timeout=import_timeout() if timeout is None else timeout,
                          memory=memory, file=where if where.endswith(".py") else None)
    text = answer.get("yaml") if isinstance(answer, dict) else None
    read = answer.get("read") if isinstance(answer, dict) else None
    if not isinstance(text, str) or not isinstance(read, list):
        raise SpecError(f"import {shorten(target, 200)}: the worker sent back no spec")
    label = f"<import {target}>"  # as cnnstat.torch.importer.from_torch labels it
    files = tuple(target_files(target)) + tuple(f for f in read if isinstance(f, str))
    return parse_spec(load_yaml(text, file=label), file=label)._replace(source=text,
                                                                        read=files)


def target_files(target: str) -> list[str]:
    """The Python files an import target names, found without running any of its code:
    ``path/to/file.py:Class`` -> that file; ``package.module:factory`` -> the module's
    source file (and its packages' ``__init__.py``), as ``importlib`` would find them on
    ``sys.path``. An output file must never replace one of them; the worker adds every
    file the code then loads (``Spec.read``)."""
    where = target.rpartition(":")[0]
    if where.endswith(".py"):
        return [where]
    import importlib.machinery
    import importlib.util

    files: list[str] = []
    locations = None
    parts = where.split(".")
    for i in range(len(parts)):
        name = ".".join(parts[:i + 1])
        try:
            if i == 0:  # a top-level name: finding it runs no code
                found = importlib.util.find_spec(name)
            else:  # a submodule: searched in its package's folders, the package not run
                found = importlib.machinery.PathFinder.find_spec(name, locations)
        except Exception:  # a finder's own error: the worker reports the files it loads
            found = None
        if found is None:
            break
        if found.has_location and isinstance(found.origin, str):
            files.append(found.origin)
        folders = found.submodule_search_locations
        if folders is None:
            break
        try:  # a namespace package's path is computed from its parent, not imported here
            locations = list(getattr(folders, "_path", folders))
        except Exception:
            break
    return files
