"""A spec's values beside its layers: the input shape, the published figures (a number
with its source and rounding) and ``matches:`` (the builder of the same network)."""

from __future__ import annotations

import re
from typing import Any

from cnnstat.errors import SpecError
from cnnstat.spec.context import check_keys
from cnnstat.spec.graph import Published
from cnnstat.spec.yamlload import LineDict

MAX_DIM = 100_000
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only: '²'.isdigit() is True, int('²') fails
_NUMBER = re.compile(r"^\s*([0-9][0-9,_]{0,29})(?:\.([0-9]{1,20}))?\s*([KMGB])?\s*$")
_UNITS = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9}


def parse_published(key: str, entry: Any, line: int) -> Published:
    if not isinstance(entry, LineDict) or set(entry) - {"value", "source", "rounding"} \
            or "source" not in entry or "value" not in entry:
        raise SpecError(f"published '{key}' must be a mapping with 'value' and 'source' "
                        "(where the figure comes from), and optionally 'rounding'", line=line)
    rounding = entry.get("rounding", "nearest")
    if rounding not in ("nearest", "down"):
        raise SpecError(f"published '{key}' rounding must be nearest or down, not {rounding!r}",
                        line=entry.line_of("rounding"))
    raw = entry["value"]
    text = str(raw)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise SpecError(f"published '{key}' value must be a number, not {raw!r}", line=line)
    if isinstance(raw, int):
        return Published(key, raw, str(entry["source"]), text, line=line)
    if isinstance(raw, float):
        text = repr(raw)
    m = _NUMBER.match(text)
    if not m:
        raise SpecError(f"published '{key}' value {raw!r} is not a number like 138357544, "
                        "\"138M\" or \"15.47G\"", line=entry.line_of("value"))
    whole, frac, suffix = m.group(1).replace(",", "").replace("_", ""), m.group(2), m.group(3)
    unit = _UNITS[suffix]
    value = float(f"{whole}.{frac or 0}") * unit
    digits = len(frac) if frac else (0 if suffix else None)
    if digits is None:
        value = int(whole)
    return Published(key, value, str(entry["source"]), text, unit=unit, digits=digits,
                     rounding=rounding, line=line)


def parse_shape(value: Any, *, what: str = "input") -> tuple[int, ...]:
    """``[3, 224, 224]`` or ``"3x224x224"`` -> ``(3, 224, 224)``, channels first."""
    if isinstance(value, str):
        parts = re.split(r"\s*[x×,]\s*", value.strip())
        if not all(_DIGITS.fullmatch(p) for p in parts):
            raise SpecError(f"{what} {value!r} must look like 3x224x224 (channels first)")
        dims = [int(p) for p in parts]
    elif isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool)
                                         for v in value):
        dims = list(value)
    else:
        raise SpecError(f"{what} must be [C, H, W] or \"CxHxW\", not {value!r}")
    if len(dims) not in (1, 3):
        raise SpecError(f"{what} {value!r} must have 3 dimensions (C, H, W) or 1 (features)")
    if any(d < 1 or d > MAX_DIM for d in dims):
        raise SpecError(f"{what} {value!r}: each dimension must be from 1 to {MAX_DIM:,}")
    return tuple(dims)


_KWARG = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_matches(value: Any, line: int) -> tuple[str | None, tuple[tuple[str, Any], ...]]:
    """``matches:`` as the builder and its keyword arguments. Two forms: the builder's dotted
    name (``torchvision.models.resnet50``), or ``{builder: NAME, kwargs: {aux_logits: false}}``
    when the builder's defaults build another network. Keyword values are YAML scalars."""
    if value is None:
        return None, ()
    if isinstance(value, str):
        builder, kwargs = value, LineDict()
    elif isinstance(value, LineDict):
        check_keys(value, ("builder", "kwargs"), "matches")
        builder, kwargs = value.get("builder"), value.get("kwargs") or LineDict()
        if not isinstance(kwargs, LineDict):
            raise SpecError("matches 'kwargs' must map keyword names to values",
                            line=value.line_of("kwargs"))
    else:
        raise SpecError("'matches' must be a builder name (torchvision.models.resnet50) or "
                        "{builder: NAME, kwargs: {...}}", line=line)
    if not isinstance(builder, str) or not builder.strip():
        raise SpecError("matches needs a 'builder', e.g. torchvision.models.googlenet", line=line)
    for key, arg in kwargs.items():
        if not _KWARG.match(str(key)):
            raise SpecError(f"matches kwargs: {str(key)!r} is not a keyword name",
                            line=kwargs.line_of(key))
        if isinstance(arg, (list, dict)):
            raise SpecError(f"matches kwargs: '{key}' must be a number, string, true, false "
                            "or null", line=kwargs.line_of(key))
    return builder.strip(), tuple((str(k), v) for k, v in kwargs.items())
