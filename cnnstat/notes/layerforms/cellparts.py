"""A layer table's cells that hold several numbers: a packed cell's parts (``7,0,2``, ``3/1``,
``3x3, 2`` under ``K,P,S``) and a kernel cell written as the weights' shape (``3*3*64*128``,
TensorFlow's ``1*2*2*1``). ``layercols`` reads the one figure of a cell."""

from __future__ import annotations

import functools
import re

from cnnstat.notes.layerforms.layercols import GLOSS, clean


_PRODUCT = re.compile(r"[(\[]?\s*(\d{1,4})(?:\s*[x*]\s*(\d{1,4})){1,3}\s*[)\]]?")


@functools.lru_cache(maxsize=4096)  # a table is read again a row at a time
def kernel_shape(raw: str) -> tuple[int, int | None] | None:
    """A kernel cell written as the weights' shape: ``3*3*64*128`` (k·k·c_in·c_out: the
    window and the filters), ``3 * 3 * 32`` or ``2 x 2`` (the window), TensorFlow's ksize
    ``1*2*2*1`` (the window between the ones); None for another cell."""
    text = clean(raw).replace("X", "x")
    if _PRODUCT.fullmatch(text) is None:
        return None
    dims = [int(x) for x in re.findall(r"\d+", text)]
    if len(dims) == 4 and dims[0] == dims[3] == 1 and dims[1] == dims[2] > 1:
        return dims[1], None
    if dims[0] != dims[1] or dims[0] > 64:
        return None
    return dims[0], dims[3] if len(dims) == 4 else None




def numbers(raw: str, count: int) -> list[int | None] | None:
    """A packed cell's parts (``7,0,2``, ``3/1``, ``3x3, 2``): ``count`` numbers, a square
    window's side for ``3x3``, with a word in brackets after them allowed (``2,0,2 (MP)``);
    None where the cell holds another count of parts."""
    text = clean(raw)
    if not text or text in ("-", "—", "–"):
        return None
    parts = [p for p in re.split(r"\s*[,/;]\s*|(?<=\d)\s*-\s*(?=\d)|\s+", text.strip("()[] "))
             if p]
    if len(parts) != count:
        bare = GLOSS.sub("", text)  # "2,0,2 (MP)": the window, and a word on the row
        return numbers(bare, count) if bare != text and bare else None
    out: list[int | None] = []
    for p in parts:
        m = re.fullmatch(r"(\d{1,3})(?:x(\d{1,3}))?", p.lower())
        if m is None or (m.group(2) and m.group(2) != m.group(1)):
            return None
        out.append(int(m.group(1)))
    return out
