"""A layer table's parameter column, row by row (``layertable`` reads the table).

A convolution's count is ``(k·k·c_in + 1)·c_out`` (a depthwise one, ``dw`` or
``depthwise`` in its name, ``(k·k + 1)·c_in``), a fully connected layer's ``(n_in + 1)·
n_out`` with ``n_in`` the map above flattened (``h·w·c``) or the layer above's width, a
pooling or flattening row's none. The channels come from the table's own cells only: a
channels or filters column, or a map written with its depth (``55x55x96``, ``(28, 28,
192)``); ``c_in`` is the row above's (or the input row's) channels. A count that leaves
the biases out (``k·k·c_in·c_out``) is unsure, not wrong: a table may count weights
alone. A row whose channels are not both known is not judged.
"""

from __future__ import annotations

import functools
import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.layerforms.cellparts import kernel_shape
from cnnstat.notes.layerforms.layercols import CONFIDENCE, Layer, clean, line_of, row_name
from cnnstat.notes.reading.settings import CONV_WORD

_COUNT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,12})$")
_DEPTHWISE = re.compile(r"\bdw\b|depthwise|depth-wise|깊이\s*별", re.I)
_OTHER = re.compile(r"separable|\bsep\b|group|\bg\s*=|분리", re.I)


_PRODUCT = re.compile(r"[(\d][\d()+*x×]{2,60}")  # "(3*3*64+1)*128": a count worked out
_WORKED = re.compile(r"([(\d][\d()+*x×]{2,60})=(\d{1,3}(?:,\d{3})+|\d{1,12})")


def _worked_kernel(raw: str) -> int | None:
    """The window of a count worked out as the weights' shape: ``(3x3x24)x24 = 5184``
    (k·k·c_in·c_out) gives 3; None for another cell."""
    m = _WORKED.fullmatch(clean(raw).replace(" ", ""))
    dims = [int(x) for x in re.findall(r"\d+", m.group(1))] if m and "+" not in m.group(1) \
        else []
    return dims[0] if len(dims) == 4 and dims[0] == dims[1] <= 11 else None


def _count(raw: str) -> int | None:
    text = clean(raw).replace(" ", "")
    worked = _WORKED.fullmatch(text)
    if worked:  # "(3x3x24)x24 = 5184": the figure stated (its working is arithmetic's)
        text = worked.group(2)
    if text in ("-", "—", "–"):
        return 0
    m = _COUNT.match(text)
    if m is None and _PRODUCT.fullmatch(text) and "*" in text and text.count("(") == \
            text.count(")"):
        return _worked(text.replace("x", "*").replace("×", "*"))
    return int(m.group(1).replace(",", "")) if m else None


def _worked(expr: str) -> int | None:
    from cnnstat.notes.reading.grammar import evaluate
    from cnnstat.notes.reading.numerals import Refused
    try:
        got = evaluate(expr)
    except (Refused, ValueError, ZeroDivisionError, OverflowError):
        return None
    return int(got) if got.denominator == 1 else None


@functools.lru_cache(maxsize=4096)  # a table is read again a row at a time
def _map(raw: str) -> tuple[int, int] | None:
    """A map's side and depth: ``55x55x96`` (or ``96x55x55``, ``(55, 55, 96)``, ``6@28x28``)."""
    at = re.fullmatch(r"\s*(\d{1,5})\s*@\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*", clean(raw))
    if at:
        return (int(at.group(2)), int(at.group(1))) if at.group(2) == at.group(3) else None
    text = re.sub(r"^([(\[])\s*(?:none|-1|b|n|batch(?:_size)?|bs)\s*,\s*(?=\d)", r"\1",
                  clean(raw).strip(), flags=re.I)  # "(None, 28, 28, 32)": the batch aside
    text = re.sub(r"(?<=\d)\s*\([^()]*\)$", "", text)  # "13x13x256 (43,264 values)": a gloss
    nums = [int(x) for x in re.findall(r"\d{1,6}", text)]
    if len(nums) != 3 or not re.fullmatch(r"[\s(\[]*\d+(?:\s*[x×,*]\s*\d+){2}[\s)\]]*",
                                          text):
        return None
    a, b, c = nums
    return (a, c) if a == b else (b, a) if b == c else None


def params(layers: list[Layer], where: dict) -> list[Claim | Skip]:
    col = where["params"][0]
    c_col = where["c"][0] if "c" in where else None
    out_col = where["out"][0] if "out" in where else None
    in_col = where["in"][0] if "in" in where else None
    chans: int | None = None  # the channels going into the row
    feats: int | None = None  # the features a fully connected row reads (flattened)
    out: list[Claim | Skip] = []
    seen: set[int] = set()  # the channels of every map so far
    pending: list[tuple] = []  # convs whose kernel the table does not give
    for lay in layers:
        given = _map(lay.cells[in_col][0]) if in_col is not None else None
        c_in = given[1] if given else chans
        shape = _map(lay.cells[out_col][0]) if out_col is not None else None
        c_out = _count(lay.cells[c_col][0]) if c_col is not None else None
        kernel = kernel_shape(lay.cells[where["k"][0]][0]) if "k" in where else None
        if c_out is None and kernel and kernel[1]:
            c_out = kernel[1]  # "3*3*64*128": the filters, whatever the map says
        if c_out and shape and c_out != shape[1]:
            c_out = None  # a "depth" that is not the map's channels: which is meant?
        else:
            c_out = c_out or (shape[1] if shape else None)
        if lay.kind == "input":
            chans = c_out or c_in
            feats = shape[0] ** 2 * shape[1] if shape else None
            continue
        width = c_out
        if lay.kind == "fc" and width is None and out_col is not None:
            width = _count(lay.cells[out_col][0])
        want, how = _rule(lay, c_in, width, feats)
        stated = _count(lay.cells[col][0])
        text, a, _ = lay.cells[col]
        if want is not None and stated is not None and text.strip() not in ("-", "—", "–"):
            out += _judge(lay, col, text, stated, want, how, c_in, width)
        elif want is None and lay.kind == "gap" and stated and c_in and width and \
                _DEPTHWISE.search(row_name(lay)) and not _OTHER.search(row_name(lay)):
            out += _depthwise(lay, col, text, stated, c_in, width)
        elif want is None and lay.kind == "gap" and stated and c_in and width and \
                _CONV_NAME.search(row_name(lay)) and not _OTHER.search(row_name(lay)) and \
                not _DEPTHWISE.search(row_name(lay)):
            pending.append((lay, col, text, stated, c_in, width, frozenset(seen)))
        seen |= {c for c in (c_in, width) if c}
        if lay.kind in ("pool", "pass", "flat"):
            width = width or c_in
        chans = width
        side = shape[0] if shape else None
        if lay.kind == "pass" and side is None:
            continue  # a dropout after a dense layer: the features go on as they were
        feats = (side * side * width if side and width and lay.kind != "fc" else
                 width if lay.kind in ("fc", "flat") else None)
        if lay.kind == "flat" and shape is None and out_col is not None:
            feats = _count(lay.cells[out_col][0]) or feats
    return out + _kernels(pending)


_CONV_NAME = CONV_WORD
_ODD = (1, 3, 5, 7, 9, 11)


def _fits(stated: int, c_in: int, width: int) -> set[int]:
    """The odd kernels whose conv of c_in -> width channels counts ``stated`` (with its
    biases, or without)."""
    return {k for k in _ODD if stated in ((k * k * c_in + 1) * width, k * k * c_in * width)}


def _kernels(pending: list[tuple]) -> list[Claim | Skip]:
    """Convs whose kernel no column gives (a table of outputs and counts alone): a count
    that some odd kernel gives on the row's channels fits it; the kernel the table's other
    counts share (two or more rows, one kernel) is the table's, and a count that no kernel
    gives on these channels, nor on any map's channels above it (a shortcut reads an
    earlier map), is wrong against it."""
    fits = [_fits(stated, c_in, width) for _, _, _, stated, c_in, width, _ in pending]
    ones = [f for f in fits if len(f) == 1]
    table_k = ones[0] if len(ones) >= 2 and all(f == ones[0] for f in ones) and \
        all(not f or f == ones[0] for f in fits) else None
    out: list[Claim | Skip] = []
    for (lay, col, text, stated, c_in, width, seen), ks in zip(pending, fits):
        line, label = line_of(lay, col), f"{row_name(lay)}: params {text}".strip(": ")
        if ks:
            k = min(ks)
            bias = stated == (k * k * c_in + 1) * width
            out.append(Claim(line, label, "params", text, stated, "right",
                             f"a {k}x{k} conv, {c_in} -> {width} channels, the kernel the "
                             f"count implies: {k}·{k}·{c_in}·{width}" +
                             (f" + {width}" if bias else " (no biases)") + f" = {stated:,}",
                             confidence=CONFIDENCE))
            continue
        elsewhere = sorted(c for c in seen if _fits(stated, c, width))
        if table_k is None or elsewhere:
            out.append(Skip(line, label, "unsure: no kernel on the row's channels gives it" +
                            (f"; it fits a conv on the {elsewhere[0]} channels of a map "
                             "above" if elsewhere else "")))
            continue
        k = next(iter(table_k))
        want = (k * k * c_in + 1) * width
        other = next((c for c in range(1, 8193) if (k * k * c + 1) * width == stated), None)
        out.append(Claim(line, label, "params", text, want, "wrong",
                         f"the table's other convs count as {k}x{k}: ({k}·{k}·{c_in} + 1)·"
                         f"{width} = {want:,}" + (f"; {stated:,} counts {other} input "
                                                 f"channels, not {c_in}" if other else ""),
                         confidence=CONFIDENCE))
    return out


def _rule(lay: Layer, c_in, width, feats) -> tuple[int | None, str]:
    if "c" in lay.guessed or "k" in lay.guessed or "j" in lay.guessed:
        return None, ""  # a row that does not say what kind of layer it is
    if lay.kind in ("pool", "flat"):
        return 0, "a pooling or flattening layer learns nothing"
    if lay.kind == "fc":
        if feats is None or width is None:
            return None, ""
        return (feats + 1) * width, f"(n_in + 1)·n_out = ({feats:,} + 1)·{width:,}"
    if lay.kind != "layer" or c_in is None or width is None:
        return None, ""
    k, name = lay.k, " ".join(clean(c) for c, _, _ in lay.cells)
    if _OTHER.search(name):
        return None, ""  # a separable or grouped conv counts its parts another way
    if _DEPTHWISE.search(clean(lay.cells[0][0])):
        return (k * k + 1) * c_in, f"depthwise: (k·k + 1)·c = ({k}·{k} + 1)·{c_in}"
    return (k * k * c_in + 1) * width, f"(k·k·c_in + 1)·c_out = ({k}·{k}·{c_in} + 1)·{width}"


def _judge(lay, col, text, stated, want, how, c_in, width) -> list[Claim | Skip]:
    line, name = line_of(lay, col), row_name(lay)
    label = f"{name}: params {text}".strip(": ")
    if want == 0 and stated:  # LeNet's subsampling learns a weight and a bias a map
        return [Skip(line, label, "unsure: a pooling layer with trainable coefficients?")]
    for groups in (2, 4):  # AlexNet's two towers: each filter sees half the channels
        if lay.kind == "layer" and c_in and width and c_in % groups == 0 and \
                stated == (lay.k * lay.k * c_in // groups + 1) * width:
            return [Skip(line, label, f"unsure: {stated:,} is a grouped convolution's "
                                      f"({groups} groups); one group gives {want:,}")]
    if stated == want:
        return [Claim(line, label, "params", text, want, "right", how + f" = {want:,}",
                      confidence=CONFIDENCE)]
    if re.fullmatch(r"[CSF]\d", name.strip()):  # LeNet's own C3 connects maps in part
        return [Skip(line, label, f"unsure: LeNet's layers (C3's table of connections) "
                                  f"count otherwise than a full layer's {want:,}")]
    if c_in and width and lay.kind == "layer" and stated == want - width:
        return [Skip(line, label, f"unsure: {stated:,} leaves the biases out ({want:,} "
                                  f"with them); a table may count weights alone")]
    if lay.kind == "fc" and width and stated == want - width:
        return [Skip(line, label, f"unsure: {stated:,} leaves the biases out ({want:,} "
                                  f"with them)")]
    return [Claim(line, label, "params", text, want, "wrong", how + f" = {want:,}",
                  confidence=CONFIDENCE)]


def _depthwise(lay, col, text, stated, c_in, width) -> list[Claim]:
    """A depthwise row with no kernel column, its window read from its count's working
    (``(3x3x24)x24 = 5184``): each filter sees one channel, ``k·k·c`` weights (``+ c``
    biases); a count of ``k·k·c_in·c_out`` is a full convolution's. Not judged where the
    working gives no window or the channels change (a depth multiplier)."""
    k = _worked_kernel(text)
    if k is None or c_in != width:
        return []
    line, label = line_of(lay, col), f"{row_name(lay)}: params {text}".strip(": ")
    want, bare = (k * k + 1) * c_in, k * k * c_in
    how = f"depthwise: each filter sees one channel, {k}·{k}·{c_in}"
    if stated in (want, bare):
        return [Claim(line, label, "params", text, stated, "right",
                      how + (f" + {c_in}" if stated == want else " (no biases)") +
                      f" = {stated:,}", confidence=CONFIDENCE)]
    full = " (a full convolution's count)" if stated == bare * width else ""
    return [Claim(line, label, "params", text, bare, "wrong", how + f" = {bare:,} ({want:,} "
                  f"with biases), not {stated:,}{full}", confidence=CONFIDENCE)]
