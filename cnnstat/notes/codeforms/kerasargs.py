"""A Keras call's arguments as a note writes them: positional and named, Keras 1's words
read as Keras 2's, a square pair (``(3, 3)``, ``3``), a call carried on with a backslash.
The reader of Keras code (``kerascode``) reads calls through these."""

from __future__ import annotations

import re

_INT = re.compile(r"\d{1,5}")


def call_args(text: str) -> tuple[list[str], dict[str, str]]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        depth += (ch in "([") - (ch in ")]")
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    pos = [p for p in parts if not re.match(r"^\w+\s*=", p)]
    named = {m.group(1): m.group(2).strip() for p in parts
             for m in [re.match(r"^(\w+)\s*=\s*(.+)$", p)] if m}
    return pos, named


# Keras 1's argument names and their Keras 2 ones
_KERAS1 = {"nb_filter": "filters", "border_mode": "padding", "subsample": "strides",
           "dim_ordering": "data_format"}


def keras1(name: str, pos: list[str], named: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """A call in Keras 1's words read in Keras 2's: ``Convolution2D(32, 3, 3,
    border_mode='same', subsample=(2, 2))`` is 32 filters of 3x3 with stride 2, where
    Keras 2 would read the third number as the stride. ``Conv2D(32, 3, 3)`` with nothing
    else of Keras 1 may be either (Keras 2 took it as Keras 1's, with a warning; tf.keras
    takes the stride): its kernel is left unknown, so nothing below it is judged."""
    legacy = name == "Convolution2D" or any(k in _KERAS1 or k in ("nb_row", "nb_col")
                                            for k in named)
    three = name in ("Conv2D", "Convolution2D") and len(pos) >= 3 and pos[1].isdecimal() \
        and pos[2].isdecimal()
    if not legacy and not three:
        return pos, named
    named = {_KERAS1.get(k, k): v for k, v in named.items()}
    if "nb_row" in named and "nb_col" in named:
        named["kernel_size"] = f"({named.pop('nb_row')}, {named.pop('nb_col')})"
    if three:
        named["kernel_size"] = f"({pos[1]}, {pos[2]})" if legacy else "?"
        pos = pos[:1] + pos[3:]
    return pos, named


def unslash(code: str) -> str:
    """A line of code without the backslash that carries it on to the next line."""
    code = code.strip()
    return code[:-1].rstrip() if code.endswith("\\") else code


def pair(text: str | None) -> int | None:
    if text is None:
        return None
    nums = _INT.findall(text)
    if not nums or len(set(nums)) != 1 or not re.fullmatch(r"[\s(\[\d,)\]]+", text):
        return None
    return int(nums[0])


def window(pool: bool, pos: list[str], named: dict[str, str]) -> tuple[int, int, str] | None:
    """A Keras conv's or pooling's square kernel, stride and padding word (``'valid'`` or
    ``'same'``) from its arguments; a pooling's stride is its size unless given."""
    at = 0 if pool else 1  # the kernel's place among the positional arguments
    kernel = pair(named.get("pool_size" if pool else "kernel_size") or
                  (pos[at] if len(pos) > at else ("2" if pool else None)))
    given = named.get("strides") or (pos[at + 1] if len(pos) > at + 1 else None)
    stride = pair(given) if given not in (None, "None") else (kernel if pool else 1)
    padding = named.get("padding", "'valid'").strip("'\"").lower()
    if kernel is None or stride is None or padding not in ("valid", "same"):
        return None  # a kernel or stride not square (pair gives None), or not read
    return kernel, stride, padding


def not_keras(pos: list[str], named: dict[str, str]) -> bool:
    """Whether a ``Conv2D`` call is written with PyTorch's arguments: ``stride=``,
    ``bias=``, ``in_channels=``, an integer padding, or two counts before ``kernel_size=``."""
    return bool({"stride", "bias", "in_channels", "out_channels"} & named.keys()) or \
        named.get("padding", "").strip().isdecimal() or \
        (len(pos) >= 2 and pos[0].isdecimal() and pos[1].isdecimal() and "kernel_size" in named)
