"""Where bundled specs live, and how a name or a path becomes a loaded ``Spec``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cnnstat.errors import SpecError
from cnnstat.layers import did_you_mean
from cnnstat.spec.graph import Spec
from cnnstat.spec.parse import load_spec_file


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
    names = bundled_names()
    raise SpecError(f"no bundled spec named '{name_or_path}'{did_you_mean(name_or_path, names)}"
                    " (see `cnnstat list`, or give a path to a .yaml file)")


@lru_cache(maxsize=256)
def _load(path: str, mtime: float) -> Spec:
    return load_spec_file(path)


def load(name_or_path: str, overrides: list[str] | None = None) -> Spec:
    """Load a bundled spec by name (``vgg16``) or any spec file by path. ``overrides``
    (``["width_mult=0.75"]``, the CLI's ``--set``) replace values of the spec's ``vars``."""
    path = resolve(name_or_path)
    if overrides:
        from cnnstat.spec.parse import parse_overrides

        return load_spec_file(path, parse_overrides(overrides))
    return _load(str(path), path.stat().st_mtime)
