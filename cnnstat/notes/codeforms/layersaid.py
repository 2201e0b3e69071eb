"""A conv's settings as a comment gives them, against the layer the code builds under or
beside it: ``# 1st convolution 3x3 with 16 feature maps`` over ``W_conv1 =
weight_variable([3, 3, 1, 32])``, ``# 5x5 conv, 64 filters`` over ``nn.Conv2d(32, 64, 3)``,
``# 합성곱 3x3, 필터 16개``. Templates are copied and their code changed while the comment
stays: the code is what runs, so the comment is judged against it.

Read from the comment: a square kernel (``3x3``, ``5*5``) with a conv word just before or
after it (conv, convolution, kernel, filter, 합성곱, 컨볼루션, 커널, 필터), and a filter count
(``16 feature maps``, ``32 filters``, ``64 output channels``, ``필터 16개``, ``16개의 필터``).
Each is right where it is the layer's (the kernel's height and width, its output channels),
and wrong where it is not; unsure where it is another conv's of the same code (the comment
may be that layer's, stale or misplaced), unless an ordinal in the comment (``2nd``,
``second``, ``conv2``, ``두 번째``) is this conv's place among them.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

CONFIDENCE = 0.85  # the comment is taken to describe the layer under or beside it
UNSURE = 0.4  # below precedence.WRONG_NEEDS: a figure another conv of the code has
_CONV = r"(?:conv\w*|kernels?|filters?|합성곱|컨볼루션|커널|필터)"
_KERNEL = re.compile(r"(?<![\w.*×])(?P<a>\d{1,2})\s*[x×*]\s*(?P<b>\d{1,2})"
                     r"(?!\s*[x×*]\s*\d|[\w.]|\s*(?:->|→|=>))", re.I)
_BEFORE = re.compile(_CONV + r"\W{0,3}(?:\w+\W{1,3})?$", re.I)
_AFTER = re.compile(r"\W{0,3}" + _CONV, re.I)
_COUNT = re.compile(r"(?<![\w.*×])(?P<n>\d{1,4})\s*(?:개의\s*)?(?:feature\s*maps?|filters?|"
                    r"kernels?|out(?:put)?\s*channels?|특성\s*맵|특징\s*맵|필터|커널)(?!\w)|"
                    r"(?:필터|커널)\s*(?P<k>\d{1,4})\s*개", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}
_ORDINAL = re.compile(r"\b(\d)(?:st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|sixth)\b|"
                      r"\bconv_?(\d)\b|(\d|첫|두|세|네|다섯)\s*번째", re.I)


def kernels(comment: str) -> list[re.Match]:
    """The square kernels a comment names beside a conv word."""
    out = []
    for m in _KERNEL.finditer(comment):
        a, b = int(m.group("a")), int(m.group("b"))
        if a != b or not 1 <= a <= 11:
            continue
        if _BEFORE.search(comment[max(0, m.start() - 24):m.start()]) or \
                _AFTER.match(comment, m.end()):
            out.append(m)
    return out


def _place(comment: str) -> set[int]:
    found = set()
    for m in _ORDINAL.finditer(comment):
        g = next(x for x in m.groups() if x)
        found.add(int(g) if g.isdecimal() else _ORDINALS[g.lower()])
    return found


def conv(line: int, comment: str, kernel: tuple[int, int] | None, out: int | None,
         others: list[tuple[tuple[int, int] | None, int | None]], place: int,
         how: str) -> list[Claim]:
    """The claims of a comment on a conv whose kernel is ``kernel`` (height, width) and
    whose filters are ``out`` (None: not known); ``others``: the other convs of the code,
    ``place``: this conv's among all of them (1 the first)."""
    pinned = place in _place(comment)
    claims = []
    if kernel is not None:
        for m in kernels(comment):
            k = int(m.group("a"))
            ok = (k, k) == tuple(kernel)
            elsewhere = any(o is not None and (k, k) == tuple(o) for o, _ in others)
            claims.append(_claim(line, m.group(0), f"{kernel[0]}x{kernel[1]}", ok,
                                 elsewhere and not pinned, f"the kernel {how}"))
    if out is not None:
        for m in _COUNT.finditer(comment):
            n = int(m.group("n") or m.group("k"))
            elsewhere = any(o == n for _, o in others)
            claims.append(_claim(line, m.group(0), f"{out} filters", n == out,
                                 elsewhere and not pinned, f"the filter count {how}"))
    return claims


def _claim(line: int, text: str, want: str, ok: bool, unsure: bool, how: str) -> Claim:
    if not ok and unsure:
        how += "; another conv of the code has the figure the comment gives"
    return Claim(line, text.strip(), "model", text.strip(), want, "right" if ok else "wrong",
                 how, (), want, UNSURE if unsure and not ok else CONFIDENCE)


def dense(line: int, comment: str, sizes: tuple[int | None, int | None], how: str
          ) -> list[Claim]:
    """``# fc1 3136 -> 1024`` over a layer of ``sizes`` (inputs, outputs): each side of the
    arrow against the layer's (``layernote``'s reading of the comment)."""
    from cnnstat.notes.codeforms.layernote import _linear, _number
    m = _linear(comment)
    if m is None:
        return []
    a, b = _number(m.group("a")), _number(m.group("b"))
    x, y = sizes
    if a == b or (x is None and y is None):
        return []  # "7x7x64 -> 3136": the flatten before the layer, not the layer
    off = (x is not None and x != a) or (y is not None and y != b)
    if not off and (x is None or y is None):
        return []
    want = f"{x if x is not None else a} -> {y if y is not None else b}"
    return [Claim(line, comment.strip(), "shape", m.group(0), want, "wrong" if off else
                  "right", how, (), "", CONFIDENCE)]


def weights(block: list[tuple[int, str]], made: list[tuple], convs: list[tuple]) -> list[Claim]:
    """A comment block over (or beside) the statements that make one layer's weights with
    literal shapes (TensorFlow: ``weight_variable([3, 3, 1, 32])``, ``[3136, 1024]``):
    a conv's kernel and filters, a dense layer's inputs and outputs. ``convs``: every
    conv filter of the code, in order."""
    filters = [w for w in made if len(w) == 4]
    mats = [w for w in made if len(w) == 2]
    out: list[Claim] = []
    if len(filters) == 1 and not mats:
        w = filters[0]
        place = next((k + 1 for k, c in enumerate(convs) if c is w), 0)
        others = [((c[0], c[1]), c[3]) for c in convs if c is not w]
        how = f"of the filter the code makes, [{', '.join(map(str, w))}]"
        for number, comment in block:
            out += conv(number, comment, (w[0], w[1]) if None not in w[:2] else None,
                        w[3], others, place, how)
    elif len(mats) == 1 and not filters:
        w = mats[0]
        how = f"the matrix the code makes, [{w[0]}, {w[1]}]"
        for number, comment in block:
            out += dense(number, comment, (w[0], w[1]), how)
    return out
