"""What a command hands over to be printed: a ``Report`` (a title, named columns,
records of raw values, key/value sections) and the formatting of one value (``human``,
``si``, ``mib``, receptive fields, JSON text). How a report is written out is
``cnnstat.render.formats``; the boxed text table is ``cnnstat.render.text``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, NamedTuple

# csv, json and unicodedata are imported where they are used: a table of ASCII text, what
# most commands print, needs none of them (start-up, benchmarks/startup.py)

FORMATS = ("table", "json", "csv", "markdown")
DEFAULT_WIDTH = 80



class Column(NamedTuple):
    key: str
    title: str
    numeric: bool = False
    fmt: Callable[[Any], str] | None = None
    rank: int = 0  # lower ranks are kept first when the width is short; ties keep order
    wrap: bool = False  # long text that may wrap onto several lines
    plain: Callable[[Any], str] | None = None  # the CSV cell, when ``fmt`` groups digits

    def show(self, value: Any) -> str:
        if self.fmt is not None:
            return self.fmt(value)
        return human(value)


class Section(NamedTuple):
    """Key/value lines under a table: (label, shown value, note)."""

    title: str
    lines: list[tuple[str, str, str]]


class Report(NamedTuple):
    title: str
    columns: list[Column]
    records: list[dict[str, Any]]
    sections: list[Section] = []  # never mutated
    footnote: str = ""
    data: Any = None  # the JSON document; defaults to the records


def human(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, (tuple, list)):
        return "x".join(str(v) for v in value)
    return str(value)


def si(value: float, unit: str = "") -> str:
    """15470264320 -> '15.47 G'; exact integers are printed beside, never instead."""
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"{value / scale:.2f} {prefix}{unit}"
    return f"{value:g} {unit}".rstrip()


def mib(n: int) -> str:
    return f"{n / 2**20:,.2f} MiB"


def json_text(doc: Any) -> str:
    """Strict JSON: a NaN or infinity (never valid JSON) is written as null; an exact
    fraction (a receptive field after upsampling) as a float."""
    import json

    try:
        return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False, default=_plain)
    except ValueError:
        return json.dumps(_finite(doc), indent=2, ensure_ascii=False, allow_nan=False,
                          default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def fmt_rf(rf: tuple, grouped: bool = True) -> str:
    """A receptive field (or jump) for tables: ``11``, ``11x7``, ``5,589`` (thousands
    separators, as every count in a table has them; none with ``grouped=False``, for
    CSV); after upsampling a fraction of an input pixel, shown to 4 significant digits
    (``14.5``)."""
    g = "," if grouped else ""
    h, w = (f"{float(v):.4g}" if isinstance(v, Fraction) else f"{v:{g}}" for v in rf)
    return h if rf[0] == rf[1] else f"{h}x{w}"


def rf_plain(rf: tuple) -> str:
    """``fmt_rf`` for a CSV cell: ``5589``."""
    return fmt_rf(rf, grouped=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


# --------------------------------------------------------------------------- choosing

def pick(report: Report, names: str | None) -> Report:
    """The report with only the columns named in ``names`` (``"name,output,params"``: keys
    or titles, any case), in that order; ``None`` leaves it as it is."""
    if not names:
        return report
    from cnnstat.errors import SpecError

    by_name: dict[str, Column] = {}
    for c in report.columns:
        by_name.setdefault(c.key.lower(), c)
        by_name.setdefault(c.title.lower(), c)
    chosen: list[Column] = []
    for name in (n.strip().lower() for n in names.split(",")):
        if not name:
            continue
        if name not in by_name:
            raise SpecError(f"--columns: no column {name!r} here; the columns are "
                            + ", ".join(c.key for c in report.columns))
        if by_name[name] not in chosen:
            chosen.append(by_name[name])
    if not chosen:
        raise SpecError("--columns needs at least one column name, e.g. --columns "
                        + ",".join(c.key for c in report.columns[:3]))
    # the user asked for exactly these: every one is shown, in the order given
    chosen = [c._replace(rank=i) for i, c in enumerate(chosen)]
    return report._replace(columns=chosen)
