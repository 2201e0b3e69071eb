"""The lines under a summary: totals, trainable and frozen counts, and sizes.

* the total is the sum of the rows' counts, when every line between the header and the
  total was read (torchinfo's "(recursive)" rows are not counted, as torchinfo does);
* trainable + non-trainable (DL4J: frozen) is the total;
* Keras's trainable count is the total less the batch-norm moving statistics (2C per
  layer) when no layer is frozen; where it is not, the line is left unsure;
* sizes: torchsummary's "Params size (MB)" is the total x 4 bytes in MiB (2^20 bytes,
  which torchsummary labels MB), and its "Forward/backward pass size (MB)" twice the
  output elements of every row x 4 bytes, in MiB; torchinfo's "Params size (MB)" is the
  total x 4 bytes in MB (10^6); Keras prints each count's float32 bytes in units of
  1024 ("56.37 MB", "10.75 KB"); torchinfo's "Total mult-adds" is, as torchinfo counts
  them, each conv's weights and bias times its output positions and batch, and every
  other layer's parameters times the batch;
* torchsummary's "Estimated Total Size (MB)" is the sum of its input, forward/backward
  and params sizes before each was rounded: the printed total is within 0.02 of the sum
  of the three printed figures (each printed to 2 places), and wrong beyond it. Its
  "Input size (MB)" (the input's elements x batch x 4 bytes / 2^20) is not judged: the
  input's shape is not in the table.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.layers import numel
from cnnstat.notes.summary.rows import Row

_COUNT = (r"[: ]\s*([0-9][0-9,]{0,20})"
          r"(?:\s*\(([0-9]{1,12}(?:\.[0-9]{1,4})?) ?(Byte|B|KB|MB|GB|TB)\))?")
LINES = (
    ("total", re.compile(r"^\s*Total (?:params|parameters)\s*" + _COUNT, re.I)),
    ("trainable", re.compile(r"^\s*(?:Total )?Trainable (?:params|parameters)\s*" + _COUNT,
                             re.I)),
    ("frozen", re.compile(r"^\s*(?:Total )?(?:Non-trainable|Frozen) (?:params|parameters)\s*"
                          + _COUNT, re.I)),
    ("size", re.compile(r"^\s*Params size \(MB\):\s*([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*$")),
    ("pass", re.compile(r"^\s*Forward/backward pass size \(MB\):\s*"
                        r"([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*$")),
    ("input", re.compile(r"^\s*Input size \(MB\):\s*([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*$")),
    ("estimated", re.compile(r"^\s*Estimated Total Size \(MB\):\s*"
                             r"([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*$")),
    ("macs", re.compile(r"^\s*Total mult-adds(?: \((?:Units\.)?([MGT])[A-Z]{0,10}\))?:\s*"
                        r"([0-9][0-9,]{0,20}"
                        r"(?:\.[0-9]{1,4})?)\s*$")),
)
OTHER = re.compile(r"^\s*(?:Input size|Estimated Total Size|Model:|Batch size|"
                   r"Optimizer|Loss function|Callbacks|Params size)", re.I)
_UNITS = ("B", "KB", "MB", "GB", "TB")
_SCALE = {"M": 10**6, "G": 10**9, "T": 10**12, None: 1}


def keras_size(n_bytes: int) -> tuple[str, str]:
    """Keras's readable size: divide by 1024 while the value is 1024 or more."""
    v, unit = Fraction(n_bytes), 0
    while v >= 1024 and unit < len(_UNITS) - 1:
        v, unit = v / 1024, unit + 1
    return f"{float(v):.2f}", _UNITS[unit]


def rounds_to(value: Fraction, text: str) -> bool:
    """Does ``text`` (printed with its decimals) show ``value``?"""
    places = len(text.split(".")[1]) if "." in text else 0
    return f"{float(value):.{places}f}" == text or \
        abs(Fraction(text) - value) <= Fraction(1, 2 * 10**places)


def torchinfo_macs(rows: list[Row]) -> int | None:
    """torchinfo's mult-adds from the rows, or None when a row with parameters is not a
    layer whose rule is known (a block cut at the depth limit holds hidden layers)."""
    total = 0
    for r in rows:
        if not r.params:
            continue
        if r.family in ("conv", "depthwise") and r.shape and len(r.shape) >= 2:
            total += r.params * r.batch * numel(r.shape[1:])
        elif r.family in ("linear", "bn", "layernorm") and r.shape:
            total += r.params * r.batch
        else:
            return None
    return total


def estimated(number: int, m: re.Match, sizes: dict[str, str], claim) -> list:
    """torchsummary's estimated total against the three sizes printed above it: each
    printed to its places, the sum within their rounding, else wrong."""
    parts = [sizes.get(k) for k in ("input", "pass", "size")]
    if any(p is None for p in parts):
        return []
    text = m.group(1)
    got = sum(Fraction(p) for p in parts)  # type: ignore[arg-type]
    slack = sum(Fraction(1, 2 * 10**_places(p)) for p in parts + [text])  # type: ignore
    ok = abs(Fraction(text) - got) <= slack
    shown = f"{float(got):.{max(_places(text), 2)}f}"
    return [claim(number, m.group(0).strip(), text, float(shown), ok,
                  f"input {parts[0]} + forward/backward {parts[1]} + params {parts[2]} "
                  "(MB as torchsummary prints them, each rounded)", m.span(1), shown)]


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0
