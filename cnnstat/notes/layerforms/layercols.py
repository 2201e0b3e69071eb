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

import functools
import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.settings import CONV_WORD

# the roles a header cell may name, the first that fits (a calculation's column first: it
# holds working, not the figure; the receptive field before the kernel, whose "k" it may
# hold as a symbol)
_SUB = r"(?:\s*[_ ]?\s*\{?\s*(?:l|i|in|out|0|1|n|\d)?\s*\}?)?"
_ROLE_WORDS = {
    "calc": r"계산|calc|working|formula|expression|수식|(?:^|\s)식$",
    "rf": rf"\brf\b|^rf|^[gl]rf$|re[cs]\w*p\w*\s*fi\w*|수용\s*(?:영역|장|야)?|리셉티브|^r{_SUB}$",
    "j": rf"\bjump|^j{_SUB}$|점프|(?:effective|total|cumulative|누적)\s*(?:stride|스트라이드)|"
         r"stride\s*\((?:cumulative|total|effective|누적)",
    "start": r"^start|^center|^centre|시작|중심",  # the first window's centre (in pixels)
    "d": r"dilat|^d$|^rate$|팽창|확장",
    "p": r"^pad|^p$|패딩|padding",
    "s": rf"stride|^s{_SUB}$|스트라이드|보폭",
    "k": rf"kernel|^k{_SUB}$|^f$|커널|(?:filter|필터)\s*(?:size|크기)|window|윈도우",
    "c": r"channel|^#?\s*(?:of\s*)?filters?$|^n[ _]?c|채널|(?:필터|filter)\s*(?:수|개수|count|#)"
         r"|^depth$",
    "params": r"param|weights|파라미터|매개|가중치",
    "in": r"^in(?:put)?\b|^입력|^(?:n|w|h)[ _]?(?:in|i|l-1)$|^n$",
    "out": r"^out(?:put)?|^출력|feature\s*map|특징\s*맵|피처\s*맵|^(?:n|w|h)[ _]?(?:out|o|l)$|"
           r"^(?:map|spatial|output)\s*size$|^maps?$|^(?:feature\s*)?maps?\s*size",
    "layer": r"layer|name|type|^op|층|레이어|연산|구분|module|block|stage|계층|모듈",
    # a column of remarks: prose about the row, never its window
    "note": r"^(?:notes?|remarks?|comments?|description|explanation|why|purpose|설명|비고|"
            r"참고|메모)\b",
}
_ROLES = tuple((role, re.compile(words, re.I)) for role, words in _ROLE_WORDS.items())
_ROLES_BY = dict(_ROLES)
_BEFORE = re.compile(r"[_ ]\{?(?:in|i|l-1|prev)\}?$|\((?:in|input|before|이전|입력)\)|^(?:입력|이전)\s|"
                     r"\bbefore\b|\bin$", re.I)
# "J(out)", "RF_out", "r_{out}", "jump (after)": the figure after the row's layer
_AFTER = re.compile(r"[_ ]\{?out\}?$|\(\s*(?:out|output|after|출력|이후)\s*\)$|(?<=[a-z])out$|"
                    r"\bafter\b", re.I)


def said_after(cell: str) -> bool:
    """A receptive-field or jump header that says its figure is the one after the row's
    layer (``J(out)``, ``r_out``, ``RF (after)``)."""
    return bool(_AFTER.search(clean(cell).replace("*", "").strip()))


# a header written as the rule of its column: a short left side, then working
_HEAD_EQUATION = re.compile(r"^([^=()]{1,12}?)\s*=\s*[^=]*[-+*/x][^=]*$")
# a symbol, then when its figure is taken: "j after", "r before" (``_BEFORE`` reads it)
_SYMBOL_WHEN = re.compile(r"(?<=^[A-Za-z])\s+(?:after|before|이후)$", re.I)


# the parts of a packed header (``K,P,S``, ``k/s``): single symbols or short words
_PACK_SPLIT = re.compile(r"\s*[,/;·\-]\s*|\s+")
_PACK_PARTS = {"k": "k", "kernel": "k", "f": "k", "s": "s", "stride": "s", "p": "p",
               "pad": "p", "padding": "p", "d": "d", "dilation": "d", "커널": "k",
               "스트라이드": "s", "패딩": "p", "patch": "k", "window": "k", "filter": "k",
               "필터": "k", "윈도우": "k"}
_SIZE_WORD = re.compile(r"\s*(?:size|크기)\s*")


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
    return list(_roles(tuple(head)))


@functools.lru_cache(maxsize=1024)  # a note repeats its headers (and lines of code)
def _roles(head: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for cell in head:
        cell = re.sub(r"(?<=[a-z]{3})_(?=[a-z]{3})", " ", cell)  # "feature_map", "param_num"
        name = re.sub(r"\s*\([^()]*\)\s*$", "", clean(cell).replace("*", "")).strip() or \
            clean(cell).replace("*", "").strip()
        eq = _HEAD_EQUATION.match(name)
        if eq:  # "r = r + (k-1)*j", "RF = RF_prev + (k - 1)·jump": its left side's role
            cell = name = eq.group(1)
        name = _SYMBOL_WHEN.sub("", name)  # "j after", "r before": the symbol's role
        parts = [p for p in _PACK_SPLIT.split(name.strip("()[] ").lower()) if p]
        if len(re.split(r"\s*[,/;·\-]\s*", name)) >= 2:  # "patch size/stride": the words
            parts = [_SIZE_WORD.sub("", p).strip() for p in  # between the marks
                     re.split(r"\s*[,/;·\-]\s*", name.strip("()[] ").lower()) if p.strip()]
        packed = [_PACK_PARTS.get(p) for p in parts]
        if len(parts) >= 2 and all(packed) and len(set(packed)) == len(packed):
            out.append(tuple(packed))
            continue
        whole = clean(cell).replace("*", "")
        # "Stride (cumulative)" is a jump, whatever the word before its brackets
        role = "j" if _ROLES_BY["j"].search(whole) and not _ROLES_BY["j"].search(name) else \
            next((r for r, rx in _ROLES if rx.search(name)), None)
        if role is None:  # "수용 영역 (RF)", "Jump (in)": the words in brackets
            role = next((r for r, rx in _ROLES if rx.search(whole)), None)
        if role in ("rf", "j", "start") and _BEFORE.search(whole):
            role += "_in"  # r_in, j_in, "RF (in)": the figure before the row's layer
        out.append((role,) if role else ())
    return tuple(out)


class Value(NamedTuple):
    """A cell's figure: ``side`` (a number, or a square map's side), the text it was
    written as, where in the cell it stands, and the expression worked out before it."""

    side: int
    text: str
    start: int  # in the cell's raw text
    end: int
    expr: str = ""


_NUM = r"\d{1,5}"
_SIZE = re.compile(rf"[(\[]?\s*({_NUM})(?:\s*[x,X*]\s*({_NUM}))?(?:\s*[x,X*]\s*({_NUM}))?\s*[)\]]?")
_OPS = re.compile(r"[-+*/x()]")
_UNIT = re.compile(r"(?<=\d)\s*(?:px|pixels?|픽셀)\b\.?|(?<=\d)\s*픽셀", re.I)
# a batch's place before a map's sides: "(None, 28, 28, 32)", "[-1, 64, 56, 56]", "(B, 3, ...)"
_BATCH = re.compile(r"(?<=^[(\[])\s*(?:none|-1|b|n|batch(?:_size)?|bs)\s*,\s*(?=\d)", re.I)
_AT = re.compile(r"(\d{1,5})\s*@\s*(\d{1,5})\s*x\s*(\d{1,5})", re.I)


def _square(m: re.Match) -> int | None:
    dims = [int(g) for g in m.groups() if g is not None]
    if len(dims) == 1:
        return dims[0]
    if len(dims) == 2:
        return dims[0] if dims[0] == dims[1] else None
    if dims[0] == dims[1]:
        return dims[0]  # H x W x C
    return dims[1] if dims[1] == dims[2] else None  # C x H x W


@functools.lru_cache(maxsize=4096)  # a table is read again a row at a time
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
    body = _BATCH.sub("", _UNIT.sub("", clean(text)))  # "224 px"; "(None, 28, 28, 32)"
    at_map = _AT.fullmatch(body)  # LeNet's "6@28x28": the maps' count, then their size
    if at_map:
        body = f"{at_map.group(2)}x{at_map.group(3)}x{at_map.group(1)}"
    m = _SIZE.fullmatch(body)
    if m is None:  # a gloss after it: "3 (floor)", "9 (9x9)"
        body = re.sub(r"\s*\([^()]*\)\s*$", "", body)
        m = _SIZE.fullmatch(body)
    if m is None:
        return None
    side = _square(m)
    if side is None:
        return None
    at = raw.find(m.group(1))
    if at_map:
        return Value(side, at_map.group(0), 0, 0)
    return Value(side, body, max(at, 0), max(at, 0) + len(body)) if at >= 0 else None


GLOSS = re.compile(r"\s*\([^()]*[A-Za-z가-힣][^()]*\)\s*$")  # "(MP)", "(Dil=2)" after a cell


# ---------------------------------------------------------------- a layer's own words
_KERNEL = re.compile(r"(?<![\d.])(\d{1,2})\s*[xX×*]\s*(\d{1,2})(?![\d.]|\s*[xX×*]\s*\d)")
_KERNEL_WORD = re.compile(r"(?<![A-Za-z0-9])(?:k|kernel(?:[ _]size)?|커널)\s*[=:]?\s*(\d{1,2})"
                          r"(?![\d.x×])", re.I)
_SLASH = re.compile(r"/\s*(\d)(?![\d.x×])")  # "3x3/2": a stride after the window
_DIL = re.compile(r"(?<![A-Za-z0-9])(?:d|dil|dilation|rate)\s*[=:]?\s*(\d{1,2})(?![\d.x×])", re.I)


def gloss_dilation(raw: str) -> int | None:
    """The dilation a word in brackets after a window's numbers states (``5,2,1 (Dil=2)``)."""
    m = GLOSS.search(clean(raw))
    d = _DIL.search(m.group(0)) if m else None
    return int(d.group(1)) if d else None
_POOL = re.compile(r"pool|풀링|subsampl|서브\s*샘플|^\s*S\d\b", re.I)  # LeNet's S2, S4
_CONV = CONV_WORD
_PASS = re.compile(r"relu|batch\s*norm|\bbn\d*\b|dropout|\bdrop\d+\b|activation|\blrn\d*\b|norm|활성|정규화|"
                   r"드롭", re.I)  # "bn1", "lrn2": a layer's name numbered
_FC = re.compile(r"\bfc|dense|linear|fully|완전\s*연결|classifier|분류|\bf\d\b|output\s+layer|"
                 r"출력\s*층", re.I)
_FLAT = re.compile(r"flatten|global|\bgap\b|평탄", re.I)
_END = re.compile(r"softmax|concat|inception|incep|module|block|residual|branch|transpos|"
                  r"deconv|upsampl|up-?conv|unpool|업샘플|전치", re.I)
# a transposed convolution ("Up-Convolution", "ConvTranspose2d", "deconv"): its own rule
_UP = re.compile(r"transpose|deconv|up-?\s?conv|전치\s*합성곱", re.I)
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
    kind: str  # "layer" | "pool" | "pass" (a size kept) | "fc" | "flat" | "end" | "input" | ""


@functools.lru_cache(maxsize=4096)  # a table is read again a row at a time
def layer(raw: str) -> Words:
    text = clean(raw).replace("\\", " ")
    conv = _CONV.search(text)
    kind = ("input" if _INPUT.match(text) else "" if _RESULT.match(text) else
            # a row of two layers ("conv1 + max pool") is neither's
            "end" if _END.search(text) or _REPEAT.search(text) or (conv and _POOL.search(text))
            else _flat_or_fc(text) if _FLAT.search(text) else "fc" if _FC.search(text) else
            "layer" if conv else "pool" if _POOL.search(text) else
            "pass" if _PASS.search(text) else "layer" if text.strip() else "")
    k = next((int(a) for a, b in _KERNEL.findall(text) if a == b), None)
    if k is None:
        m = _KERNEL_WORD.search(text)
        k = int(m.group(1)) if m else None
    # the stride and padding in words as the prose reader reads them ("stride 2", "s=2",
    # "s2", "pad 3", "p=1", "same padding", "valid")
    from cnnstat.notes.reading.settings import NO_PAD, PAD, SAME_PAD, STRIDE
    m = STRIDE.search(text) or _SLASH.search(text)
    s = int(next(g for g in m.groups() if g)) if m else None
    m = PAD.search(text)
    p: int | str | None = int(next(g for g in m.groups() if g)) if m else None
    if p is None and (SAME_PAD.search(text) or re.search(r"\bsame\b", text, re.I)):
        p = "same"
    elif p is None and NO_PAD.search(text):
        p = "valid"
    m = _DIL.search(text)
    if kind == "end" and k is not None and _UP.search(text) and not _REPEAT.search(text) \
            and not re.search(r"concat|inception|module|block|residual|branch|upsampl|unpool",
                              text, re.I):
        kind = "up"
    elif kind == "end" and k is not None and conv and not _REPEAT.search(text) and \
            not _POOL.search(text) and not _END.search(re.sub(r"softmax", "", text, flags=re.I)):
        kind = "layer"  # "2 filters (1x1) + Softmax": a conv with its activation
    got = Words(k, s, p, int(m.group(1)) if m else None, kind)
    return _positional(text, got) or got


# one conv or pooling of a module: "INCEP_1_CON", "inception3a_pool", "res2a_branch2b"
_BRANCH = re.compile(r"^(?!.*(?:concat|transpos|deconv|up-?conv|upsampl|unpool|softmax))"
                     r"(?:.*(?<![A-Za-z])(max|avg|pool)|.*(?<![A-Za-z])(?:conv?|branch)"
                     r"(?![A-Za-z]))", re.I)


def branch(text: str) -> str | None:
    """A row naming one conv ("layer") or pooling ("pool") of a module; None for several."""
    if _REPEAT.search(text) or (_CONV.search(text) and _POOL.search(text)):
        return None  # "[3x3, 64] x 2", "conv1 + max pool": several layers
    m = _BRANCH.search(text)
    return None if m is None else "pool" if m.group(1) else "layer"


def _flat_or_fc(text: str) -> str:
    """A row that flattens: a flattening alone, or a dense layer that flattens what it is
    given first (``FC6 | Dense | Flatten → 4096``: its output is the dense's); a global
    pooling and a dense in one row is a row of two layers."""
    if not _FC.search(text):
        return "flat"
    return "end" if re.search(r"global|\bgap\b", text, re.I) else "fc"


# PyTorch's arguments by position: Conv2d(in, out, k, s, p), MaxPool2d(k, s, p)
_CALL = re.compile(r"(conv\w*|\w*pool\w*)\s*\(\s*(\d+(?:\s*,\s*\d+){0,4})\s*\)", re.I)


def _positional(text: str, got: Words) -> Words | None:
    m = _CALL.search(text)
    if m is None:
        return None
    args = [int(x) for x in re.findall(r"\d+", m.group(2))]
    if m.group(1).lower().startswith("conv"):
        args = args[2:]  # the channels in and out come first
    if not args:
        return None
    k, s, p = (args + [None, None])[:3]
    if _POOL.search(m.group(1)) and s is None:
        s = k  # a pooling's stride is its kernel unless stated
    if not _POOL.search(m.group(1)):
        s, p = s if s is not None else 1, p if p is not None else 0  # Conv2d's defaults
    return got._replace(k=k, s=s, p=p if p is not None else 0)


# ---------------------------------------------------------------- a row read as a layer
CONFIDENCE = 0.9  # the columns are read from their header words, the window from a name
GUESSED = 0.6  # a size judged with its padding or input guessed


class Layer(NamedTuple):
    number: int
    cells: list[tuple[str, int, int]]  # raw text, start, end in the line
    k: int
    s: int
    p: int | str | None
    d: int
    kind: str  # "layer" | "pool" | "pass" | "input" | "up" | "gap" | ""
    lines: tuple[int, ...] = ()  # each cell's line, where a table is written on its side
    # what was not stated but taken as usual: "s" (a conv's stride 1, a pooling's its
    # window): a size that disagrees with it is unsure, never wrong
    guessed: str = ""


def line_of(lay: Layer, col: int) -> int:
    return lay.lines[col] if lay.lines else lay.number


def worked(number: int, raw: str, start: int, v: Value) -> list[Claim]:
    """A cell's own working, ``9+(3-1)* 2 = 13``: its arithmetic."""
    if not v.expr:
        return []
    from cnnstat.notes.reading.grammar import evaluate
    from cnnstat.notes.reading.numerals import Refused
    try:
        got = evaluate(v.expr)
    except (Refused, ValueError, ZeroDivisionError, OverflowError):
        return []
    ok = got == v.side
    shown = str(got.numerator) if got.denominator == 1 else str(float(got))
    return [Claim(number, f"{v.expr} = {v.text}", "arithmetic", v.text, shown,
                  "right" if ok else "wrong", "a table cell's working and its result",
                  () if ok or got.denominator != 1 else edit(number, raw, start, v, got),
                  "" if ok else shown)]


def edit(number: int, raw: str, start: int, v: Value, want) -> tuple[Edit, ...]:
    if not re.fullmatch(r"\d+", v.text):
        return ()
    return (Edit(number, start + v.start, start + v.end, str(want)),)


def row_name(lay: Layer) -> str:
    return clean(lay.cells[0][0])[:40]
