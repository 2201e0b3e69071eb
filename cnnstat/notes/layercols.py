"""The columns and cells of a layer table: what each header names, and what each cell holds.

A layer table sets a network out a layer a row, its columns named by a word or a symbol::

    | Layer | K,P,S | Input | Output | RF              | Jump      |
    | conv  | 7,0,2 | 224   | 109    | 7               | 2         |
    | pool  | 3,0,2 | 109   | 54     | 7+(3-1)*2 = 11  | 2 * 2 = 4 |

``roles`` names each header cell's column (``kernel``/``k``/``f``/``커널``, ``stride``/``s``/
``스트라이드``, ``padding``, ``dilation``, ``input``/``입력``, ``output``/``feature map``/
``출력``, ``RF``/``receptive field``/``수용 영역``, ``jump``/``j``, channels, parameters,
a calculation), and a header cell that packs several (``K,P,S``, ``k/s``, ``(k, s, p)``)
a role for each part, read from the matching part of each row's cell. ``layer`` reads
the window a layer's own name states (``Conv(7x7) S=2``, ``maxpool 3x3/2``,
``3x3 conv, stride 1, pad 1``, ``7×7 합성곱, 스트라이드 2``), and ``value`` a cell's figure:
a number, a square side (``56x56``, ``112x112x64``, ``(28, 28, 192)``), or a worked
expression and its result (``13+(3-1)* 4 =21``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# the roles a header cell may name, the first that fits (a calculation's column first: it
# holds working, not the figure; the receptive field before the kernel, whose "k" it may
# hold as a symbol)
_SUB = r"(?:\s*[_ ]?\s*\{?\s*(?:l|i|in|out|0|1|n|\d)?\s*\}?)?"
_ROLES = (
    ("calc", re.compile(r"계산|calc|working|formula|expression|수식|(?:^|\s)식$", re.I)),
    ("rf", re.compile(rf"\brf\b|^rf|re[cs]\w*p\w*\s*fi\w*|수용\s*(?:영역|장|야)?|^r{_SUB}$",
                      re.I)),
    ("j", re.compile(rf"\bjump|^j{_SUB}$|점프|(?:effective|total|cumulative|누적)\s*"
                     r"(?:stride|스트라이드)", re.I)),
    ("d", re.compile(r"dilat|^d$|^rate$|팽창|확장", re.I)),
    ("p", re.compile(r"^pad|^p$|패딩|padding", re.I)),
    ("s", re.compile(rf"stride|^s{_SUB}$|스트라이드|보폭", re.I)),
    ("k", re.compile(rf"kernel|^k{_SUB}$|^f$|커널|(?:filter|필터)\s*(?:size|크기)|"
                     r"kernel\s*\(?filter|window|윈도우", re.I)),
    ("c", re.compile(r"channel|^#?\s*(?:of\s*)?filters?$|^n[ _]?c|채널|(?:필터|filter)\s*"
                     r"(?:수|개수|count|#)|^depth$", re.I)),
    ("params", re.compile(r"param|weights|파라미터|매개", re.I)),
    ("in", re.compile(r"^in(?:put)?\b|^입력|^(?:n|w|h)[ _]?(?:in|i|l-1)$|^n$", re.I)),
    ("out", re.compile(r"^out(?:put)?|^출력|feature\s*map|특징\s*맵|^(?:n|w|h)[ _]?(?:out|o|l)$|"
                       r"^(?:map|spatial|output)\s*size$|^maps?$|^(?:feature\s*)?maps?\s*size", re.I)),
    ("layer", re.compile(r"layer|name|type|^op|층|레이어|연산|구분|module|block|stage|"
                         r"계층|모듈", re.I)),
)
# the parts of a packed header (``K,P,S``, ``k/s``): single symbols or short words
_PACK_SPLIT = re.compile(r"\s*[,/;·]\s*|\s+")
_PACK_PARTS = {"k": "k", "kernel": "k", "f": "k", "s": "s", "stride": "s", "p": "p",
               "pad": "p", "padding": "p", "d": "d", "dilation": "d", "커널": "k",
               "스트라이드": "s", "패딩": "p"}


def clean(text: str) -> str:
    """A cell without its markup: LaTeX's ``$``, code's backticks, bold markers, HTML tags,
    ``\\times`` and ``\\cdot`` as the products they are."""
    text = re.sub(r"</?[A-Za-z][^<>]{0,80}>", " ", text)
    text = text.replace("\\times", "x").replace("\\cdot", "*").replace("×", "x")
    text = text.replace("\\left", "").replace("\\right", "").replace("\\", " ")
    for mark in ("$", "`", "**", "__", "{", "}"):
        text = text.replace(mark, " ")
    return " ".join(text.split())


def roles(head: list[str]) -> list[tuple[str, ...]]:
    """Each header cell's roles: one, several for a packed cell, or none (``()``)."""
    out: list[tuple[str, ...]] = []
    for cell in head:
        name = re.sub(r"\s*\([^()]*\)\s*$", "", clean(cell).replace("*", "")).strip() or \
            clean(cell).replace("*", "").strip()
        parts = [p for p in _PACK_SPLIT.split(name.strip("()[] ").lower()) if p]
        packed = [_PACK_PARTS.get(p) for p in parts]
        if len(parts) >= 2 and all(packed) and len(set(packed)) == len(packed):
            out.append(tuple(packed))
            continue
        role = next((r for r, rx in _ROLES if rx.search(name)), None)
        if role is None:  # "수용 영역 (RF)", "Jump (in)": the words in brackets
            role = next((r for r, rx in _ROLES if rx.search(clean(cell))), None)
        out.append((role,) if role else ())
    return out


class Value(NamedTuple):
    """A cell's figure: ``side`` (a number, or a square map's side), the text it was
    written as, where in the cell it stands, and the expression worked out before it."""

    side: int
    text: str
    start: int  # in the cell's raw text
    end: int
    expr: str = ""


_NUM = r"\d{1,5}"
_SIZE = re.compile(rf"\(?\s*({_NUM})(?:\s*[x,X*]\s*({_NUM}))?(?:\s*[x,X*]\s*({_NUM}))?\s*\)?")
_OPS = re.compile(r"[-+*/x()]")


def _square(m: re.Match) -> int | None:
    dims = [int(g) for g in m.groups() if g is not None]
    if len(dims) == 1:
        return dims[0]
    if len(dims) == 2:
        return dims[0] if dims[0] == dims[1] else None
    if dims[0] == dims[1]:
        return dims[0]  # H x W x C
    return dims[1] if dims[1] == dims[2] else None  # C x H x W


def value(raw: str) -> Value | None:
    """The figure a cell states: ``224``, ``07``, ``56x56``, ``112x112x64``, ``7x7``,
    ``(28, 28, 192)``, ``13+(3-1)* 4 =21`` (the result, and the working before it); a
    gloss in brackets after it (``3 (floor)``) is allowed. None for a cell with none."""
    text = raw.replace("×", "x").replace("\\times", "x")
    if "=" in text:
        left, _, right = text.rpartition("=")
        m = re.match(rf"[\s$]*({_NUM}(?:\s*x\s*{_NUM}){{0,2}})[\s$]*(?:\([^()]*\))?\s*$", right)
        if m is None or not _OPS.search(left) or not re.search(r"\d", left):
            return None
        got = _SIZE.fullmatch(m.group(1).strip())
        side = _square(got) if got else None
        if side is None:
            return None
        start = len(left) + 1 + m.start(1)
        return Value(side, m.group(1).strip(), start, start + len(m.group(1).strip()),
                     clean(left.replace("x", "*")))
    body = clean(text)
    body = re.sub(r"\s*\([^()]*[^\d\s,x()][^()]*\)\s*$", "", body)  # "3 (floor)"
    m = _SIZE.fullmatch(body)
    if m is None:
        return None
    side = _square(m)
    if side is None:
        return None
    at = raw.find(m.group(1))
    return Value(side, body, max(at, 0), max(at, 0) + len(body)) if at >= 0 else None


def numbers(raw: str, count: int) -> list[int | None] | None:
    """A packed cell's parts (``7,0,2``, ``3/1``, ``3x3, 2``): ``count`` numbers, a square
    window's side for ``3x3``; None where the cell holds another count of parts."""
    text = clean(raw)
    if not text or text in ("-", "—", "–"):
        return None
    parts = [p for p in re.split(r"\s*[,/;]\s*|\s+", text.strip("()[] ")) if p]
    if len(parts) != count:
        return None
    out: list[int | None] = []
    for p in parts:
        m = re.fullmatch(r"(\d{1,3})(?:x(\d{1,3}))?", p.lower())
        if m is None or (m.group(2) and m.group(2) != m.group(1)):
            return None
        out.append(int(m.group(1)))
    return out


# ---------------------------------------------------------------- a layer's own words
_KERNEL = re.compile(r"(?<![\d.])(\d{1,2})\s*[xX×*]\s*(\d{1,2})(?![\d.]|\s*[xX×*]\s*\d)")
_KERNEL_WORD = re.compile(r"(?<![A-Za-z0-9])(?:k|kernel(?:[ _]size)?|커널)\s*[=:]?\s*(\d{1,2})"
                          r"(?![\d.x×])", re.I)
_SLASH = re.compile(r"/\s*(\d)(?![\d.x×])")  # "3x3/2": a stride after the window
_DIL = re.compile(r"(?<![A-Za-z0-9])(?:d|dilation|rate)\s*[=:]?\s*(\d{1,2})(?![\d.x×])", re.I)
_POOL = re.compile(r"pool|풀링", re.I)
_PASS = re.compile(r"relu|batch\s*norm|\bbn\b|dropout|activation|\blrn\b|norm|활성|정규화|드롭",
                   re.I)
_END = re.compile(r"\bfc|dense|linear|flatten|softmax|global|\bgap\b|concat|fully|완전\s*연결|"
                  r"classifier|분류|inception|incep|module|block|residual|branch", re.I)
# a row that stands for several layers: "[3x3, 64] x 2", "5x Conv dw", "conv 3x3 ×2", "(x3)"
_REPEAT = re.compile(r"\]\s*[x×*]\s*\d|(?:^|\s)[x×]\s*\d+\s*$|^\s*\d+\s*[x×]\s*(?![\d\s])|"
                     r"\(\s*[x×]\s*\d+\s*\)|\btimes\b|반복", re.I)
_INPUT = re.compile(r"^\s*(?:input|image|입력|이미지)", re.I)
_RESULT = re.compile(r"^\s*(?:output|result|final|출력|결과|최종)\s*$", re.I)  # a row of no layer


class Words(NamedTuple):
    """What a layer's name states: its window, and what kind of row it is."""

    k: int | None
    s: int | None
    p: int | str | None  # a number, "same" or "valid"
    d: int | None
    kind: str  # "layer" | "pool" | "pass" (a size kept) | "end" | "input" | ""


def layer(raw: str) -> Words:
    text = clean(raw).replace("\\", " ")
    kind = ("input" if _INPUT.match(text) else "" if _RESULT.match(text) else
            "end" if _END.search(text) or _REPEAT.search(text) else
            "pool" if _POOL.search(text) else "pass" if _PASS.search(text) else
            "layer" if text.strip() else "")
    k = next((int(a) for a, b in _KERNEL.findall(text) if a == b), None)
    if k is None:
        m = _KERNEL_WORD.search(text)
        k = int(m.group(1)) if m else None
    # the stride and padding in words as the prose reader reads them ("stride 2", "s=2",
    # "s2", "pad 3", "p=1", "same padding", "valid")
    from cnnstat.notes.shapes import _NO_PAD, _PAD, _SAME_PAD, _STRIDE
    m = _STRIDE.search(text) or _SLASH.search(text)
    s = int(next(g for g in m.groups() if g)) if m else None
    m = _PAD.search(text)
    p: int | str | None = int(next(g for g in m.groups() if g)) if m else None
    if p is None and (_SAME_PAD.search(text) or re.search(r"\bsame\b", text, re.I)):
        p = "same"
    elif p is None and _NO_PAD.search(text):
        p = "valid"
    m = _DIL.search(text)
    return Words(k, s, p, int(m.group(1)) if m else None, kind)
