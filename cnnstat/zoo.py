"""Where bundled specs live, and how a name or a path becomes a loaded ``Spec``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from cnnstat.errors import SpecError
from cnnstat.layers import did_you_mean
from cnnstat.spec.graph import Spec
from cnnstat.spec.parse import load_spec_file


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
    here = Path(__file__).resolve().parent
    for candidate in (here / "specs", here.parent / "specs"):
        if candidate.is_dir():
            return candidate
    raise SpecError(f"the bundled specs are missing (looked in {here / 'specs'})")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in specs_dir().glob("*.yaml"))


def resolve(name_or_path: str) -> Path:
    """A path to a spec file: an existing file, or the name of a bundled spec."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise SpecError("no such spec file", file=name_or_path)
        return path
    candidate = specs_dir() / f"{name_or_path}.yaml"
    if candidate.is_file():
        return candidate
    folded = bundled_by_folded_name(name_or_path)
    if folded is not None:
        return folded
    folded = {_fold(n): n for n in bundled_names()}
    close = did_you_mean(_fold(name_or_path), folded)
    for key, name in folded.items():  # suggest the real name, not its folded form
        close = close.replace(f"'{key}'", f"'{name}'")
    raise SpecError(f"no bundled spec named '{name_or_path}'{close}"
                    " (see `cnnstat list`, or give a path to a .yaml file)")


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


def load(name_or_path: str, overrides: list[str] | None = None) -> Spec:
    """Load a bundled spec by name (``vgg16``), any spec file by path, or a PyTorch model
    by import target (``torchvision:resnet50``, ``pkg.module:factory``,
    ``path/to/file.py:ClassName``: torch is imported only then). ``overrides``
    (``["width_mult=0.75"]``, the CLI's ``--set``) replace values of the spec's ``vars``."""
    if is_target(name_or_path) and not Path(name_or_path).exists():
        if overrides:
            raise SpecError("--set changes a spec's vars; an imported model has none")
        return _import(name_or_path)
    path = resolve(name_or_path)
    if overrides:
        from cnnstat.spec.parse import parse_overrides

        return load_spec_file(path, parse_overrides(overrides))
    return _load(str(path), path.stat().st_mtime)


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
def _import(target: str) -> Spec:
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        raise SpecError(f"'{target}' is an import target, which needs PyTorch; install it "
                        'with: pip install "cnnstat[torch]"')
    from cnnstat.torch.importer import import_target

    return import_target(target)
