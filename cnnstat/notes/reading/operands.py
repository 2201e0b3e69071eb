"""The role of an operand in a stated rule: a letter, a letter with a subscript, a word.

A note writes the same rule in many spellings: ``W2 = (W1 - F + 2P)/S + 1``,
``h_o = h_i + 2p - k_h + 1``, ``N(output) = (N(input) + 2*Padding - K)/S + 1``,
``(Input height - kernel height + 2padding)/stride_v + 1``, ``(원본이미지 사이즈 - 필터이미지
사이즈)/stride + 1``, ``(filter height * filter width * filter depth + 1) * number of
filters``. Each operand is read into one role of a conv:

    n   the input's side          o   the output's side
    k   the kernel's side         kv  the kernel's volume (height*width*depth)
    s   the stride                p   the padding
    d   the dilation          ke  the dilated kernel's side, d(k - 1) + 1
    sh  what a valid conv takes off a side (줄어든 shape), k - 1
    r, ro  a receptive field before and after a layer; j, jo  its jump (the stride product)
    ci  input channels (a dense layer's inputs)
    co  output channels, filters (a dense layer's units)
    b1  one bias ("+ bias" in a filter's bracket; the biases, plural, are co)

``role`` says whether the role was named by a word or a subscript (sure) or guessed from
a bare letter (``W``, ``F``, ``P``, ``S``: the course notation, a guess a legend may
override). Words are read by what they hold (an input word and a size word; a filter
word and a count word), so ``input_size``, ``Input height`` and ``입력 크기`` are one role.
"""

from __future__ import annotations

import re
from functools import lru_cache

# a bare letter's usual role in an output-size or parameter rule (a guess)
_LETTERS = {"W": "n", "H": "n", "I": "n", "N": "n", "X": "n", "n": "n", "w": "n", "h": "n",
            "i": "n", "x": "n", "O": "o", "o": "o", "F": "k", "K": "k", "k": "k", "f": "k",
            "M": "co", "m": "co", "S": "s", "s": "s", "P": "p", "p": "p", "D": "d", "d": "d", "r": "r", "j": "j",
            "J": "j"}
_IN_SUB = {"in", "i", "1", "input", "prev", "l", "0"}
_OUT_SUB = {"out", "o", "2", "output", "new", "next"}
_SIDE_SUB = {"h", "w", "x", "y", "v", "height", "width"}
_SYMBOL = re.compile(r"([A-Za-z])(?:_?\{?([A-Za-z0-9]{1,6})\}?)?(['′]?)")
_OUTPUT_OF = {"n": "o", "r": "ro", "j": "jo"}  # an input's role, its output's

_WORD = {  # what a word says, each a set of spellings (lower case, after _ and . are spaces)
    "in": {"input", "in", "inputs", "original", "원본", "입력", "인풋", "원본이미지", "입력이미지", "prev"},
    "out": {"output", "out", "outputs", "new", "출력", "아웃풋", "next"},
    "size": {"size", "width", "height", "length", "len", "side", "크기", "사이즈", "h", "w",
             "너비", "높이", "폭", "image", "volume", "shape", "이미지"},
    "kernel": {"kernel", "filter", "window", "필터", "커널", "필터이미지", "pool", "pooling",
               "풀링"},
    "count": {"number", "num", "n", "no", "count", "개수", "수", "갯수", "#", "nb"},
    "rf": {"rf", "receptive", "field", "수용", "영역", "수용영역"},
    "jump": {"jump", "점프"},
    "eff": {"effective", "dilated", "유효", "실효"},
    "shrink": {"줄어든", "줄어드는", "reduction", "shrink", "shrinks", "shrinkage", "감소"},
    "channel": {"channel", "channels", "채널", "depth", "깊이", "dim", "features", "feature",
                "노드", "node", "nodes", "units", "unit", "neurons", "neuron", "dims"},
}
_FILLER = {"layer", "layers", "conv", "convolution", "convolutional", "map", "total", "레이어",
           "층", "the", "값", "zero"}  # "zero padding", "zeroPadding": the padding
_FIXED = {"stride": "s", "strides": "s", "스트라이드": "s", "padding": "p", "pad": "p",
          "패딩": "p", "zeropadding": "p", "dilation": "d", "dilationfactor": "d", "dilationrate": "d",
          "filters": "co", "kernels": "co", "units": "co", "biases": "co", "bias": "b1",
          "편향": "b1", "channels": "ci", "채널": "ci", "filter": "k", "kernel": "k",
          "kernelsize": "k", "filtersize": "k", "ksize": "k", "input": "n", "입력": "n",
          "output": "o", "출력": "o",
          # one side's setting, as MatConvNet and the frameworks' docs name them: PADTOP +
          # PADBOTTOM is 2p, FH the kernel's height, DILATEY and STRIDEY the vertical ones
          **{f"pad{side}": "p" for side in ("top", "bottom", "left", "right")},
          **{f"padding{side}": "p" for side in ("top", "bottom", "left", "right")},
          **{f"{w}{a}": r for w, r in (("stride", "s"), ("dilate", "d"), ("dilation", "d"))
             for a in ("x", "y", "h", "w")},
          "fh": "k", "fw": "k", "kh": "k", "kw": "k", "yh": "o", "yw": "o"}
_ONE = {"s": "s", "p": "p", "d": "d", "b": "b1"}


def _known(w: str) -> bool:
    return w in _FILLER or w in _FIXED or any(w in spell for spell in _WORD.values())


_HANGUL = sorted({w for spell in _WORD.values() for w in spell if "가" <= w[0] <= "힣"} |
                 {"스트라이드", "패딩"}, key=len, reverse=True)


def _compound(w: str) -> list[str]:
    """A Korean word written as one (커널사이즈, 입력채널수): its known parts, or itself."""
    parts, rest = [], w
    while rest:
        head = next((h for h in _HANGUL if rest.startswith(h)), None)
        if head is None:
            return [w]
        parts.append(head)
        rest = rest[len(head):]
    return parts


def _near(a: str, b: str) -> bool:
    """One letter apart: left out, added, changed or two swapped (``channls``)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and
                                  a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_SPELLED = sorted({w for spell in _WORD.values() for w in spell if w.isascii() and len(w) >= 6}
                  | {w for w in _FIXED if w.isascii() and len(w) >= 6})


@lru_cache(maxsize=2048)
def spelled(w: str) -> str:
    """A role word misspelt by one letter (``channls``, ``kernal``, ``strdie``): the word
    it stands for, where one alone is that near; else the word as written."""
    if len(w) < 6 or not w.isascii() or not w.isalpha():
        return w
    near = [k for k in _SPELLED if _near(w, k)]
    return near[0] if len(near) == 1 else w


# a dense layer's own count by where it stands: the layer before's (its inputs), this one's
_BEFORE = {"previous", "prev", "preceding", "last", "이전", "앞"}
_THIS = {"current", "this", "next", "현재"}
_UNITS = {"n", "units", "unit", "neurons", "neuron", "nodes", "node", "size", "노드", "뉴런"}


def _kinds(words: list[str]) -> set[str] | None:
    """What the words say; None when a word says nothing a role is made of."""
    kinds: set[str] = set()
    words = [p for w in words for p in (_compound(w) if "가" <= w[0] <= "힣" else [w])]
    words = [w if _known(w) else spelled(w) for w in words]
    for w in words:
        got = {kind for kind, spell in _WORD.items() if w in spell}
        if w in ("filters", "kernels", "필터수"):
            got = {"kernel", "count"}
        elif w.startswith("stride") or w == "스트라이드":
            got = {"s"}
        elif w.startswith("pad") or w == "패딩":
            got = {"p"}
        elif w.startswith("dilation"):
            got = {"d"}
        elif w in ("bias", "biases", "편향"):
            got = {"b"}
        if not got and w not in _FILLER and len(w) > 1:
            return None
        kinds |= got
    return kinds


def word_role(text: str) -> str | None:
    """A role named by words (``number of filters``, ``input_size``, ``출력 노드 수``),
    None when the words name none, or more than one."""
    words = _words(text)
    if not words:
        return None
    joined = "".join(words)
    if joined in _FIXED:
        return _FIXED[joined]
    if len(words) > 1 and spelled(joined) in _FIXED:
        return _FIXED[spelled(joined)]
    if len(words) == 1 and not _known(joined) and spelled(joined) in _FIXED:
        return _FIXED[spelled(joined)]
    layer = {"layer", "층", "레이어"} & set(words)
    if layer and len(words) == 3 and words[-1] in _UNITS and words[0] in _BEFORE | _THIS:
        return "ci" if words[0] in _BEFORE else "co"  # "previous layer n", "current layer n"
    if layer and len(words) >= 3 and words[0] in _BEFORE | _THIS and words[1] in layer:
        # "이전 층 필터 수", "previous layer output depth", "현재 층 필터 수": the layer before
        # makes this one's input channels; a kernel is read as this layer's
        rest = [w[:-1] if w.endswith("의") and len(w) > 1 else w for w in words[2:]]
        got = word_role(" ".join(rest)) or ("co" if rest[-1] in ("깊이", "depth") else None)
        if got == "co":
            return "ci" if words[0] in _BEFORE else "co"
        if got == "k":
            return "k"  # other words go on to be read as before
    if re.search(r"\bor\b", text):
        parts = {word_role(p) for p in re.split(r"\bor\b", text)}
        return parts.pop() if len(parts) == 1 else None
    if len(words) >= 2 and words[0] == "n" and words[1] in ("h", "w", "c"):  # n_H_prev
        before = any(w in ("prev", "in", "input") for w in words[2:])
        return ("ci" if before else "co") if words[1] == "c" else "n" if before else "o"
    has = _kinds(words)
    if not has:
        return None
    for kind, role_in in (("rf", "r"), ("jump", "j")):
        if kind in has:
            rest = has - {kind, "size"}
            return role_in if rest <= {"in"} else _OUTPUT_OF[role_in] if rest == {"out"} \
                else None
    if "shrink" in has:  # 줄어든 shape: what a valid conv takes off a side
        return "sh" if has - {"shrink", "size"} <= {"out"} else None
    if "eff" in has:
        return "ke" if has - {"eff", "size"} == {"kernel"} else None
    single = has & set(_ONE)
    if single:
        return _ONE[single.pop()] if len(single) == 1 and has <= single | {"size"} else None
    if "kernel" in has:
        if "in" in has or "out" in has:
            return None
        if "count" in has:
            return "co"
        if "channel" in has:
            return "ci"  # a filter's depth
        return "k"
    if "channel" in has:
        if "in" in has and "out" not in has:
            return "ci"
        if "out" in has and "in" not in has:
            return "co"
        return None
    if "count" in has:
        return None
    if "out" in has and "in" not in has:
        return "o"
    if "in" in has and "out" not in has:
        return "n"
    return "n?" if has == {"size"} and len(words) == 1 else None  # height: the input's?


# a layer whose rules are not a standard conv's: a rule said of it is not held to one
OTHER_LAYER = re.compile(r"transpos|deconv|upsampl|up-sampl|fractionally|역합성곱|전치|"
                         r"separable|depthwise|depth-wise|pointwise|point-wise|깊이별|"
                         r"group", re.I)
_VOLUME = re.compile(r"height\s*\*\s*width\s*\*\s*depth|volume|부피", re.I)


def symbol_role(text: str) -> tuple[str, bool] | None:
    """``W``, ``W1``, ``W_2``, ``h_o``, ``k_h``, ``W_{out}``, ``stride_v`` is a word."""
    m = _SYMBOL.fullmatch(text)
    if m is None:
        return None
    base, sub = m.group(1), (m.group(2) or "").lower()
    role = _LETTERS.get(base) or _LETTERS.get(base.upper() if base.islower() else base)
    if base == "n" and sub in ("h", "w", "c"):
        return None  # n_H, n_C: the course's words for the output's side and channels
    if m.group(3):  # H', W': the output's
        return (_OUTPUT_OF[role], True) if role in ("n", "o") and not sub else None
    if base in "Cc" and sub in _IN_SUB | {""}:
        return ("ci", bool(sub)) if sub or base == "C" else None
    if base in "Cc" and sub in _OUT_SUB:
        return "co", True
    if base in "FfKk" and sub in ("num", "n", "count", "c"):
        return "co", True
    if role is None:
        return None
    if not sub:
        return role, False
    if sub in _SIDE_SUB:
        return role, (role != "n" or base in "HWhw") and role != "d"  # dW: torch's step
    if role in ("k", "s", "p", "d") and sub in _IN_SUB | _OUT_SUB:
        return role, False  # k_l, s_{l-1}: a layer's kernel or stride, still a letter
    if role in ("n", "o", "r", "j") and sub in _IN_SUB:
        return ("n" if role == "o" else role), True
    if role in ("n", "o", "r", "j") and sub in _OUT_SUB:
        return _OUTPUT_OF.get(role, role), True
    return None


def _words(text: str) -> list[str]:
    s = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # InputChannels
    s = re.sub(r"[_.\s~]+|(?<=[가-힣])(?=[a-zA-Z])|(?<=[a-zA-Z])(?=[가-힣])", " ", s)
    return [w for w in s.lower().split() if w not in ("of", "the", "a", "self", "의", "or")]


_SUBSCRIPTED = re.compile(r"^([A-Za-z])\s{4,}(in|out|prev|new|next|[lik]|l-1|i-1)$", re.I)


@lru_cache(maxsize=4096)  # a word's role is its own (the same words, line after line)
def role(text: str) -> tuple[str, bool] | None:
    """(role, named): named by a word or a subscript, or guessed from a bare letter."""
    text = text.strip()
    if not text:
        return None
    # "r<sub>Out</sub>" masked: a letter, the blanks of its tag, its subscript (r_Out)
    text = _SUBSCRIPTED.sub(r"\1_\2", text)
    sym = symbol_role(text)
    if sym is not None:
        return sym
    got = word_role(text)
    if got == "n?":
        return "n", False  # a size word alone: the input's side, a guess
    if got and re.fullmatch(r"n_?\{?[hwcHWC]\}?", text):
        return got, False  # n_C: the output's channels in the course, the input's elsewhere
    return (got, True) if got else None


@lru_cache(maxsize=1024)
def phrase_role(phrase: str) -> str | None:
    """A legend's phrase for a symbol (``the input volume``, ``number of strides``, ``the
    filter volume i.e. (height*width*depth)``): the role its words name."""
    p = re.sub(r"[`*:()]+", " ", phrase)
    if re.search(r"(?:filter|kernel|필터|커널)", p, re.I) and _VOLUME.search(phrase):
        return "kv"
    words = _words(p)
    for w in words:
        if w.startswith(("stride", "스트라이드")):
            return "s"
        if w.startswith(("padding", "패딩")):
            return "p"
    got = word_role(" ".join(words[:4])) or word_role(" ".join(words[:2]))
    return None if got == "n?" else got  # a size word alone names no role in a legend


__all__ = ["OTHER_LAYER", "role", "symbol_role", "word_role", "phrase_role"]
