"""The arguments of a layer kind: ``Arg`` (its type, default, bounds and choices)
checks a spec's value and normalises it (pairs become 2-tuples, a connection table a
tuple of rows); an argument's default as a given value would be, and a value as the
tables print it."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from cnnstat.errors import SpecError


REQUIRED = object()
_LAYER_NAME = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")


class Arg(NamedTuple):
    """One named argument of a layer kind."""

    type: str  # int | pair | padding | groups | bool | float | choice | table | layer
    default: Any = REQUIRED
    doc: str = ""
    min: float = 1
    max: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def coerce(self, name: str, value: Any) -> Any:
        """Check ``value`` and return it normalised (pairs become 2-tuples)."""
        if self.type == "bool":
            if not isinstance(value, bool):
                raise SpecError(f"argument '{name}' must be true or false, not {value!r}")
            return value
        if self.type == "float":
            if isinstance(value, Fraction):  # an exact result of a spec expression
                value = float(value)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SpecError(f"argument '{name}' must be a number, not {value!r}")
            self._bounds(name, value)
            return float(value)
        if self.type == "choice":
            if value not in self.choices:
                raise SpecError(f"argument '{name}' must be one of {', '.join(self.choices)}, "
                                f"not {value!r}")
            return value
        if self.type == "table":
            return self._table(name, value)
        if self.type == "layer":
            if not isinstance(value, str) or not _LAYER_NAME.match(value):
                raise SpecError(f"argument '{name}' names an earlier layer (letters, digits, "
                                f"_ and dots), not {value!r}")
            return value
        if self.type == "padding" and value in ("same", "valid"):
            return value
        if self.type == "groups" and value == "in":
            return value
        if self.type in ("pair", "padding"):
            items = list(value) if isinstance(value, (list, tuple)) else [value, value]
            four = self.type == "padding" and len(items) == 4
            if len(items) != 2 and not four:
                more = (", or four [top, bottom, left, right]" if self.type == "padding"
                        else "")
                raise SpecError(f"argument '{name}' must be one integer or a list of two "
                                f"[height, width]{more}, not {value!r}")
            return tuple(self._int(name, v) for v in items)
        return self._int(name, value)

    def _table(self, name: str, value: Any) -> tuple[tuple[int, ...], ...]:
        """A connection table: for each output map, the input maps it reads (0-based)."""
        if not isinstance(value, (list, tuple)) or not value:
            raise SpecError(f"argument '{name}' must be a list with, for each output map, "
                            f"the list of input maps it reads; not {value!r}")
        rows = []
        for i, row in enumerate(value):
            if not isinstance(row, (list, tuple)) or not row:
                raise SpecError(f"argument '{name}' row {i} must be a non-empty list of input "
                                f"map indices, not {row!r}")
            items = tuple(Arg("int", min=0).coerce(f"{name}[{i}]", v) for v in row)
            if len(set(items)) != len(items):
                raise SpecError(f"argument '{name}' row {i} lists an input map twice: {row!r}")
            rows.append(items)
        return tuple(rows)

    def _int(self, name: str, value: Any) -> int:
        if isinstance(value, Fraction):
            raise SpecError(f"argument '{name}' must be an integer, not {value} "
                            f"(= {float(value):g}); round it with floor(), ceil(), round() "
                            "or make_divisible()")
        if isinstance(value, bool) or not isinstance(value, int):
            extra = {"padding": ' or "same"/"valid"', "groups": ' or "in"'}.get(self.type, "")
            raise SpecError(f"argument '{name}' must be an integer{extra}, not {value!r}")
        self._bounds(name, value)
        return value

    def _bounds(self, name: str, value: float) -> None:
        if value < self.min:
            raise SpecError(f"argument '{name}' must be at least {self.min:g}, not {value!r}")
        if self.max is not None and value > self.max:
            raise SpecError(f"argument '{name}' must be at most {self.max:g}, not {value!r}")


@lru_cache(maxsize=None)
def _default(arg: Arg) -> Any:
    """An argument's default, normalised as a given value would be (cached: every row
    of every table asks)."""
    if arg.required or arg.default is None:
        return None
    return arg.coerce("", arg.default)


def _fmt_val(v: Any) -> str:
    if isinstance(v, tuple) and v and isinstance(v[0], tuple):  # a connection table
        return f"{len(v)}maps/{sum(len(row) for row in v)}links"
    if isinstance(v, tuple) and len(v) == 4:  # padding top, bottom, left, right
        return ",".join(map(str, v))
    if isinstance(v, tuple):
        return str(v[0]) if v[0] == v[1] else f"{v[0]}x{v[1]}"
    if isinstance(v, bool):
        return str(v).lower()
    return str(v)
