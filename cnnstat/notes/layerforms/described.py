"""A layer table whose rows tell each layer in words, its output among them::

    | Layer           | Description                                 |
    |:---------------:|:-------------------------------------------:|
    | Input           | 32x32x1 greyscale image                     |
    | Convolution 5x5 | 1x1 stride, valid padding, outputs 28x28x6  |
    | RELU            |                                             |
    | Max pooling     | 2x2 stride,  outputs 14x14x6                |
    | Flatten         | outputs 400                                 |
    | Fully connected | input 400, outputs 120                      |

(the form of many project READMEs; ``layertable`` reads a table whose columns name
kernel, stride or output, and passes a ``Description`` column over as remarks). Here a
row's cells are read together as the layer's words: its kind (conv, pooling, flatten,
fully connected, or a layer that keeps the map: ReLU, dropout, batch norm), its window
from the name or the words (``Convolution 5x5``, ``5x5 kernel``), its stride (``1x1 stride``,
``stride 2``), its padding (``valid``/``same``, ``padding 1``) and the map it ``outputs``.
Each map comes from the map above (the ``Input`` row's, then each row's stated output)
through the layer algebra (``walkthrough.judge_layer``): a stride or padding not written
is not guessed (a size another would give is unsure), a pooling whose window is not
written is taken at its stride and a size that does not give is not judged; a pooling
keeps its input's channels; a conv's channels are its own (not judged). A flatten's or
a fully connected row's ``input`` count is the product of the map above. A row the
reader cannot tell (another kind, two layers, a setting written twice) ends the chain
until a row states its output map again.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.layerforms.layertable import block_rows
from cnnstat.notes.maps.walkthrough import _AVG, _CONV, _POOL, Layer, Map, judge_layer

NEEDS = ("output", "출력")
_TENSOR = (r"([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,4})\s*[x×X*]\s*([0-9]{1,5})"
           r"(?![0-9]|\s*[x×X*]\s*[0-9])")
_OUT = r"(?:\boutputs?\b|출력)\s*(?:[:=]|of|is|은|는)?\s*"
_OUTPUTS = re.compile(_OUT + r"\(?\s*"
                      r"([0-9]{1,4})\s*[x×X*,]\s*([0-9]{1,4})\s*[x×X*,]\s*([0-9]{1,5})"
                      r"(?![0-9]|\s*[x×X*]\s*[0-9])|" + _OUT +
                      r"([0-9]{1,6})(?![0-9]|\s*[x×X*,]\s*[0-9])", re.I)
_MAP = re.compile(r"(?<![0-9.])" + _TENSOR)
_INPUT_COUNT = re.compile(r"(?:\binputs?\b|입력)\s*(?:[:=]|of|is|은|는)?\s*([0-9]{1,6})"
                          r"(?![0-9]|\s*[x×X*]\s*[0-9])", re.I)
_FC = re.compile(r"완전\s*연결|전결합|fully[\s-]*connected|\bdense\b|\blinear\b|\bfc\d*\b",
                 re.I)
_FLAT = re.compile(r"flatten|평탄화", re.I)
_KEEPS = re.compile(r"^\s*(?:relu|elu|leaky\s*relu|tanh|sigmoid|dropout|batch\s*norm\w*|bn|lrn|"
                    r"softmax|activation)\b", re.I)
_INPUT_ROW = re.compile(r"^\s*(?:input\b|입력)", re.I)
# a window written as a square product before a kernel word or in the layer's name
_SQUARE = r"([0-9]{1,2})\s*[x×X*]\s*([0-9]{1,2})"
_ST = r"(?:\bstrides?\b|스트라이드)"
_STRIDE_SQ = re.compile(_SQUARE + r"\s*" + _ST + "|" + _ST + r"\s*(?:[:=]|of)?\s*" + _SQUARE +
                        "|" + _ST + r"\s*(?:[:=]|of)?\s*([0-9]{1,2})(?![0-9]|\s*[x×X*])|"
                        r"([0-9]{1,2})\s*" + _ST, re.I)
_KERNEL = re.compile(_SQUARE + r"\s*(?:kernel|filter|window|patch|pool)|"
                     r"(?:kernel|filter|window)\s*(?:size)?\s*(?:[:=]|of)?\s*" + _SQUARE, re.I)
_NAMED_K = re.compile(r"(?:conv\w*|pool\w*|합성곱|컨볼루션|풀링)\s*\(?\s*" + _SQUARE, re.I)
_PAD = re.compile(r"\b(valid|same)\b(?:\s*(?:padding|패딩))?|"
                  r"(?:padding|패딩)\s*(?:[:=]|of)?\s*'?(valid|same)|"
                  r"(?:\bpad(?:ding)?|패딩)\s*(?:[:=]|of)?\s*([0-9])(?![0-9x×])", re.I)


def _one(found: list) -> object:
    """The one value a line gives (None if none, False if two differ)."""
    vals = set(found)
    return False if len(vals) > 1 else (vals.pop() if vals else None)


def _square(a: str, b: str) -> int | bool:
    return int(a) if a == b else False


def _layer(name: str, words: str) -> tuple[str, Layer | None, bool]:
    """The row's kind ("conv", "pool", "flat", "fc", "keep", "input" or "other"), its
    layer (conv or pooling, settings read) and whether its window was written."""
    text = f"{name} , {words}"
    if _INPUT_ROW.match(name):
        return "input", None, False
    conv, pool = bool(_CONV.search(name)), bool(_POOL.search(name))
    if not conv and not pool:
        if _FLAT.search(name):
            return "flat", None, False
        if _FC.search(name):
            return "fc", None, False
        if _KEEPS.match(name):
            return "keep", None, False
        return "other", None, False
    if conv and pool:
        return "other", None, False
    strides = [_square(m.group(1), m.group(2)) if m.group(1) else
               _square(m.group(3), m.group(4)) if m.group(3) else int(m.group(5) or m.group(6))
               for m in _STRIDE_SQ.finditer(text)]
    taken = [m.span() for m in _STRIDE_SQ.finditer(text)]
    kernels = [_square(m.group(1) or m.group(3), m.group(2) or m.group(4))
               for m in _KERNEL.finditer(text)
               if not any(a <= m.start() < b for a, b in taken)]
    kernels += [_square(m.group(1), m.group(2)) for m in _NAMED_K.finditer(name)]
    pads = [(m.group(1) or m.group(2) or "").lower() or int(m.group(3))
            for m in _PAD.finditer(text)]
    stride, k, pad = _one(strides), _one(kernels), _one(pads)
    if False in (stride, k, pad):
        return "other", None, False
    padding = 0 if pad == "valid" else pad
    stated = k is not None
    if k is None:
        if not pool or stride is None:
            return "other", None, False
        k = stride  # a pooling's window unwritten: its stride, the usual (judged only right)
    return ("pool" if pool else "conv"), Layer(pool, bool(_AVG.search(text)), int(k), stride,
                                               padding, None), stated


def check(block) -> list[Claim | Skip]:
    rows = block_rows(block or [])
    if len(rows) < 3 or not any(_OUTPUTS.search(c) for _, cells in rows[1:]
                                for c, _, _ in cells):
        return []
    out: list[Claim | Skip] = []
    last: Map | None = None
    count: int | None = None  # the features a flattened map or a fully connected row gives
    for number, cells in rows[1:]:
        texts = [c for c, _, _ in cells]
        if not texts or all(re.fullmatch(r":?-*:?", t) for t in texts):
            continue
        name, words = texts[0], " , ".join(texts[1:])
        kind, lay, stated = _layer(name, words)
        start = cells[1][1] if len(cells) > 1 else cells[0][2]
        raw = block[[r.number for r in block].index(number)].raw
        said = _OUTPUTS.search(raw, start)
        stated_map = None
        if said and said.group(1):
            h, w, c = (int(said.group(i)) for i in (1, 2, 3))
            stated_map = Map(h, w, c, said.start(1), said.end(3),
                             (said.span(1), said.span(2)))
        stated_count = int(said.group(4)) if said and said.group(4) else None
        if kind == "input":
            m = _MAP.search(raw, start)
            last = Map(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.start(), m.end(),
                       (m.span(1), m.span(2))) if m else None
            count = None
            continue
        if kind == "keep":
            if stated_map is not None:
                last = stated_map
            continue
        if kind in ("flat", "fc"):
            fed = _INPUT_COUNT.search(raw, start)
            want = last.h * last.w * last.c if last is not None else count
            for got, what in ((fed, "input"), (said if kind == "flat" else None, "output")):
                if got is None or want is None or (what == "output" and stated_count is None):
                    continue
                n = int(got.group(got.lastindex))
                src = f"{last.h}x{last.w}x{last.c}" if last is not None else str(count)
                out.append(Claim(number, f"{name}: {what} {n} from {src}", "shape", str(n),
                                 want, "right" if n == want else "wrong",
                                 "a map flattened is the product of its sides and channels"))
            last, count = None, stated_count
            continue
        if kind == "other" or lay is None:
            last, count = stated_map, None
            continue
        if stated_map is None:
            last = None
            continue
        if last is not None:
            got = judge_layer(number, lay, last, stated_map)
            if isinstance(got, Claim) and not stated and got.verdict == "wrong" and \
                    got.actual.rsplit("x", 1)[0] != f"{stated_map.h}x{stated_map.w}":
                got = Skip(number, got.text, "unsure: the pooling's window is not written")
            out.append(got)
            if isinstance(got, Claim) and got.verdict == "wrong":
                last = None
                continue
        last = stated_map
    return out
