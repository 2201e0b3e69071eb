"""``extends: BASE``: a spec that takes another's structure (blocks, layers, stochastic
depth) with its own name, input, figures and variable values; and a spec file read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cnnstat.errors import SpecError
from cnnstat.layers import did_you_mean
from cnnstat.spec.context import NAME, check_keys
from cnnstat.spec.yamlload import LineDict, load_yaml

# what a spec that ``extends`` another may set; the structure comes from the base
EXTENDS_KEYS = ("name", "title", "paper", "input", "matches", "notes", "published", "vars",
                "extends")


class Overrides(dict):
    """Values for a spec's ``vars``: ``--set`` ones, and (``derived``: name -> line) those
    a spec that ``extends`` another gives in its own ``vars``, which errors must not blame
    on ``--set``."""

    derived: dict[str, int | None] = {}


def read_spec(path: Path) -> Any:
    from cnnstat.files.safeio import read_capped
    from cnnstat.spec.yamlload import MAX_BYTES

    try:
        text = read_capped(path, MAX_BYTES, "spec").decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError("spec is not UTF-8 text", file=str(path)) from None
    return load_yaml(text, file=str(path))


def _override_text(value: Any) -> str:
    """A derived spec's ``vars`` value as an override (what ``--set`` would say)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return repr(value) if isinstance(value, float) else str(value)
    raise SpecError(f"a variable's value must be a number or an expression, not {value!r}")


def extend(data: LineDict, path: Path, overrides: dict[str, str]
           ) -> tuple[Any, str | None, dict[str, str]]:
    """``extends: BASE``: the base spec's structure (blocks, layers, stochastic depth) with
    this file's name, input, figures and variable values. Returns the merged data, the
    base's file (where its layers' lines are) and the overrides."""
    check_keys(data, EXTENDS_KEYS, "a spec that extends another")
    base_name = data["extends"]
    if not isinstance(base_name, str) or not NAME.match(base_name.replace("-", "_")):
        raise SpecError("'extends' names a spec in the same folder, without .yaml",
                        line=data.line_of("extends"))
    base_path = path.parent / f"{base_name}.yaml"
    if not base_path.is_file():
        raise SpecError(f"'extends': no spec '{base_name}' next to this one",
                        line=data.line_of("extends"))
    base = read_spec(base_path)
    if not isinstance(base, LineDict) or "extends" in base:
        raise SpecError(f"'extends': {base_name} must be a full spec (one that extends none)",
                        line=data.line_of("extends"))
    merged = LineDict(base)
    merged.line, merged.key_lines = base.line, dict(base.key_lines)
    for key in ("name", "title", "paper", "input", "matches", "notes", "published"):
        merged.pop(key, None)
        if key in data:
            merged[key] = data[key]
            merged.key_lines[key] = data.line_of(key)
    mine = data.get("vars") or {}
    if not isinstance(mine, dict):
        raise SpecError("'vars' must map variable names to values", line=data.line_of("vars"))
    known = [str(k) for k in (base.get("vars") or {})]
    for name in mine:
        if str(name) not in known:
            raise SpecError(f"'vars': {base_name} has no variable '{name}'"
                            f"{did_you_mean(str(name), known)} (its variables: "
                            f"{', '.join(known) or 'none'})", line=mine.line_of(name)
                            if isinstance(mine, LineDict) else data.line_of("vars"))
    try:
        values = {str(k): _override_text(v) for k, v in mine.items()}
    except SpecError as err:
        raise err.locate(line=data.line_of("vars"))
    merged_values = Overrides({**values, **overrides})
    merged_values.derived = {k: (mine.line_of(k) if isinstance(mine, LineDict)
                                 else data.line_of("vars"))
                             for k in values if k not in overrides}
    return merged, str(base_path), merged_values
