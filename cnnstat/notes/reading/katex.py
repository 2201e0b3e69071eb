"""KaTeX pasted from a web page: the rendered text glued to its own LaTeX source.

Copying a page that typesets its math with KaTeX (blogs, Korean ones as often as English)
gives each formula twice, the rendering first, then the source it came from:
``5×5×1×6+6=1565\\times5\\times1\\times6 + 6 = 156``, ``28×28×628\\times28\\times6``,
``H×W×CH \\times W \\times C를``. Read as it stands, the glued copies make new numbers
(``1565``, ``628``) and wrong sums out of right ones.

``unglue(s)`` finds each such pair and blanks one copy with spaces, so every position
stays the raw line's (``--fix`` edits and columns point at the characters they name):

* the line is *projected*: whitespace, braces, ``^``, ``_`` and layout commands
  (``\\frac``, ``\\text``, ``\\left``, ``\\,`` ...) give nothing; a symbol command gives
  the character KaTeX renders for it (``\\times`` ×, ``\\cdot`` ⋅, ``\\div`` ÷, ``\\le`` ≤,
  Greek letters ...); ``-`` and ``*`` give the ``−`` and ``∗`` KaTeX renders; every other
  character itself. What only a source holds (a command, a brace, ``^``, ``_``, an ASCII
  ``-`` or ``*``) marks the character it gives as the source's;
* a pasted pair is then a square ``R R`` of the projection whose first half holds no
  source mark and whose second half holds one: it is found from the second half's first
  mark, trying as period each distance back to the same character before it;
* each half starts and ends where the raw text does not run on (``with 5×5``, not ``h5``;
  ``= 156 trainable``, not ``= 15|6``), and is at least three characters long.

The copy kept is the rendering where it reads the same as the source (only symbol
commands, sizing and spaces between), since every reader knows ``×``; it is the source
where the rendering lost its structure (``\\frac{a}{b}`` renders ``ab``, ``x^2`` renders
``x2``, ``\\text{N conv OPS}`` a name whose ends are gone).

Linear: the marks are visited once; each is tried against at most ``TRIES`` earlier
characters, each try bounded by ``MAX_HALF``.
"""

from __future__ import annotations

import re

TRIES = 8  # periods tried from one source mark
MAX_HALF = 400  # characters of the projection in one copy

_COMMAND = re.compile(r"\\([A-Za-z]+)")
# commands KaTeX renders as one character (or a word: \log, \max)
_SYMBOLS = {
    "times": "×", "cdot": "⋅", "div": "÷", "ast": "∗", "pm": "±", "mp": "∓",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "equiv": "≡", "to": "→", "rightarrow": "→", "Rightarrow": "⇒",
    "leftarrow": "←", "infty": "∞", "sqrt": "√", "sum": "∑", "prod": "∏", "lfloor": "⌊",
    "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "ldots": "…", "cdots": "⋯", "dots": "…",
    "prime": "′", "circ": "∘", "in": "∈", "partial": "∂", "nabla": "∇",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Delta": "Δ",
    "Gamma": "Γ", "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Omega": "Ω",
    "log": "log", "ln": "ln", "exp": "exp", "max": "max", "min": "min", "sin": "sin",
    "cos": "cos", "tan": "tan", "lim": "lim",
}
# commands that render nothing of their own (their argument, if any, renders itself)
_LAYOUT = {"frac", "dfrac", "tfrac", "over", "text", "textrm", "textbf", "textit", "mathrm",
           "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "operatorname",
           "mbox", "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
           "Bigr", "biggl", "biggr", "middle", "displaystyle", "textstyle", "quad", "qquad",
           "limits", "nolimits", "underbrace", "overbrace", "boxed"}
# what the rendering keeps as the source says it: sizing and spacing. Every other layout
# command loses something (a fraction's bar, where a \text{...} name begins and ends), so
# a source holding one is the copy kept
_TRANSPARENT = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
                "biggl", "biggr", "middle", "displaystyle", "textstyle", "quad", "qquad"}
_NORMAL = {"-": "−", "*": "∗", "·": "⋅", "✕": "×"}
_SPACING = frozenset(",;:! ")
_RUN_ON = re.compile(r"[0-9A-Za-z]")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063")  # KaTeX's struts
_BARRIER = "\x00"  # an unknown command: it renders as nothing a copy could match


def _project(s: str) -> tuple[list[str], list[int], list[bool], list[bool]]:
    """The projection of ``s``: its characters, the raw position each came from, whether
    each is marked as the source's, and whether it came after a lossy mark."""
    chars: list[str] = []
    where: list[int] = []
    marked: list[bool] = []
    lossy: list[bool] = []
    pending = False  # a source mark that gave no character: the next one carries it
    lost = False
    i, n = 0, len(s)

    def emit(text: str, at: int, mark: bool) -> None:
        nonlocal pending, lost
        for ch in text:
            chars.append(ch)
            where.append(at)
            marked.append(mark or pending)
            lossy.append(lost)
            pending = False
            lost = False

    while i < n:
        ch = s[i]
        if ch.isspace() or ch in _INVISIBLE:
            i += 1
        elif ch == "\\":
            m = _COMMAND.match(s, i)
            if m:
                name = m.group(1)
                if name in _SYMBOLS:
                    emit(_SYMBOLS[name], i, True)
                elif name in _LAYOUT:
                    pending = True
                    lost = lost or name not in _TRANSPARENT
                else:
                    emit(_BARRIER, i, True)
                i = m.end()
            else:
                nxt = s[i + 1] if i + 1 < n else ""
                if nxt in _SPACING or nxt == "\\" or not nxt:
                    pending = True  # "\,", "\;", a line break "\\"
                else:
                    emit(nxt, i, True)  # "\{", "\%", "\_"
                i += 2
        elif ch in "{}^_":
            pending = True
            lost = lost or ch in "^_"
            i += 1
        elif ch in "-*":
            emit(_NORMAL[ch], i, True)
            i += 1
        else:
            emit(_NORMAL.get(ch, ch), i, False)
            i += 1
    return chars, where, marked, lossy


def unglue(s: str) -> str:
    """``s`` with one copy of each pasted rendering-and-source pair blanked (same length)."""
    found = _pairs(s)
    if not found:
        return s
    out = list(s)
    for lo, hi, _, _ in found:
        for k in range(lo, hi):
            if not out[k].isspace():
                out[k] = " "
    return "".join(out)


def twin(s: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the copy ``unglue`` blanked writes ``s[start:end]`` (a number in the copy it
    kept), so that ``--fix`` can correct both; None if the span is in no such pair."""
    for lo, hi, kept, shift in _pairs(s):
        if kept[0] <= start and end <= kept[1]:
            _, where, d = shift
            try:
                k1, k2 = where.index(start), where.index(end - 1)
            except ValueError:
                return None
            o1, o2 = k1 + d, k2 + d
            if not (0 <= o1 <= o2 < len(where)):
                return None
            a, b = where[o1], where[o2] + 1
            return (a, b) if s[a:b] == s[start:end] else None
    return None


def _pairs(s: str) -> list:
    """Each pair found: the raw span blanked, the raw span kept, and (the projection, its
    raw positions, the shift from the kept copy's characters to the blanked one's)."""
    if "\\" not in s and "^" not in s and "_" not in s and \
            not ("−" in s and "-" in s) and not ("∗" in s and "*" in s):
        return []  # a source with nothing only a source holds is not told apart
    chars, where, marked, lossy = _project(s)
    n = len(chars)
    found = []
    clean = 0  # the first index of the stretch without marks the current mark follows
    a = 0
    while a < n:
        if not marked[a]:
            a += 1
            continue
        pair = _pair(s, chars, where, marked, clean, a)
        if pair is None:
            after = _source_first(s, chars, where, marked, clean, a)
            if after is not None:  # the source, then its rendering
                x, d = after
                seam = where[x + d]
                end = where[x + 2 * d - 1] + 1
                if any(lossy[x:x + d]):  # keep the source
                    found.append((seam, end, (where[x], seam), (chars, where, d)))
                else:
                    found.append((where[x], seam, (seam, end), (chars, where, -d)))
                clean = a = x + 2 * d
                continue
            clean = a + 1
            a += 1
            continue
        x, d, third = pair
        # the rendering holds no command: one raw character for each of its own
        seam = where[x + d - 1] + 1
        source_end = _source_end(s, where, x + 2 * d)
        # a third copy, the rendering again after its source (a page's accessible text,
        # then the source, then what is drawn): blanked whichever copy is kept
        end3 = where[x + 3 * d - 1] + 1 if third else source_end
        if any(lossy[x + d:x + 2 * d]) or _lossy_end(s, chars, where, x + 2 * d):
            # keep the source: blank the rendering (a number in the source maps back)
            found.append((where[x], seam, (seam, source_end), (chars, where, -d)))
        else:  # keep the rendering: blank the source
            found.append((seam, source_end, (where[x], seam), (chars, where, d)))
        if third:
            found.append((source_end, end3, found[-1][2], found[-1][3]))
        clean = a = x + (3 if third else 2) * d
    return found


def _periods(chars: list[str], marked: list[bool], clean: int, a: int, js: range):
    """For each of the first ``TRIES`` characters at ``js`` that repeat ``chars[a]`` (after
    it: unmarked): it, the period, and where the run of agreement ``chars[i] == chars[i +
    d]`` ending at the earlier of the two starts."""
    tried = 0
    for j in js:
        if chars[j] != chars[a] or (j > a and marked[j]):
            continue
        tried += 1
        if tried > TRIES:
            return
        d, left = abs(a - j), min(a, j)
        lo = left
        while lo > clean and chars[lo - 1] == chars[lo - 1 + d] and left - lo < MAX_HALF:
            lo -= 1
        yield j, d, lo


def _pair(s: str, chars: list[str], where: list[int], marked: list[bool], clean: int,
          a: int) -> tuple[int, int, bool] | None:
    """(start, period, whether a third copy follows) of a square whose second half holds
    the mark at ``a`` (its first) and whose first half lies in ``chars[clean:a]``; None if
    there is none. A rendering, its source and the rendering again (``128×128=16,384``
    three times over, glued) is a cube: its first copy starts where the line does not
    run on, and its third ends so; read as a square, its halves would start inside the
    first copy (``×128=16,384128``) and leave the third glued to the first."""
    n = len(chars)
    for j, d, lo in _periods(chars, marked, clean, a, range(a - 1, max(clean, a - MAX_HALF) - 1,
                                                           -1)):
        hi = j + 1
        while hi < a and hi + d < n and chars[hi] == chars[hi + d] and hi - j < MAX_HALF:
            hi += 1
        # x: the first half [x, x + d) within the run and before the mark; the second half
        # [x + d, x + 2d) holds the mark. The largest x whose edges do not run on.
        xs = range(min(hi - d, a - d), max(lo, a - 2 * d + 1) - 1, -1)
        for x in xs:
            if d >= 3 and _third(chars, marked, x, d) and _edges(s, chars, where, x, d, 3):
                return x, d, True
        for x in xs:
            if d >= 3 and _edges(s, chars, where, x, d):
                return x, d, False
    return None


def _source_first(s: str, chars: list[str], where: list[int], marked: list[bool],
                  clean: int, a: int) -> tuple[int, int] | None:
    """(start, period) of a square whose first half holds the mark at ``a`` and whose
    second half holds none: the source pasted before its rendering
    (``128\\times128=16,384128×128=16,384``); the leftmost start whose edges do not
    run on."""
    n = len(chars)
    for _, d, lo in _periods(chars, marked, clean, a, range(a + 1, min(n, a + MAX_HALF))):
        for x in range(max(lo, a - d + 1), a + 1):
            end = x + 2 * d
            if d < 3 or end > n or chars[x:x + d] != chars[x + d:end] or \
                    any(marked[x + d:end]):
                continue
            if _edges(s, chars, where, x, d):
                return x, d
    return None


def _third(chars: list[str], marked: list[bool], x: int, d: int) -> bool:
    """The rendering ``chars[x:x + d]`` follows its source once more, with no mark."""
    end = x + 3 * d
    return end <= len(chars) and chars[x + 2 * d:end] == chars[x:x + d] and \
        not any(marked[x + 2 * d:end])


def _edges(s: str, chars: list[str], where: list[int], x: int, d: int,
           copies: int = 2) -> bool:
    """Neither copy starts or ends in the middle of a number or a word of the raw line."""
    first = where[x]
    if first > 0 and _RUN_ON.match(s[first - 1]) and _RUN_ON.match(s[first]):
        return False
    end = x + copies * d  # the projection's index after the last copy
    if end < len(chars):
        last = where[end - 1]
        nxt = where[end]
        if nxt == last + 1 and _RUN_ON.match(s[last]) and _RUN_ON.match(s[nxt]):
            return False
    return True


def _source_end(s: str, where: list[int], end: int) -> int:
    """The raw position after the source copy: past closing braces and spacing commands
    that gave nothing, up to the next character the projection holds."""
    stop = where[end] if end < len(where) else len(s)
    k = where[end - 1] + 1
    # a command's name (\\times) spans more than its first character
    m = _COMMAND.match(s, where[end - 1])
    if m:
        k = m.end()
    while k < stop and (s[k] in "{}^_" or s[k] == "\\" and
                        (k + 1 < len(s) and s[k + 1] in _SPACING or
                         _COMMAND.match(s, k) and _COMMAND.match(s, k).group(1) in _LAYOUT)):
        m = _COMMAND.match(s, k)
        k = m.end() if m else k + (2 if s[k] == "\\" else 1)
    return k


def _lossy_end(s: str, chars: list[str], where: list[int], end: int) -> bool:
    """A lossy mark right after the second copy's last character (``x^2``'s ``^`` came
    before the 2; ``}`` closing a fraction comes after): read from the raw text."""
    if end == 0:
        return False
    k = where[end - 1] + 1
    stop = where[end] if end < len(where) else len(s)
    return any(c in "^_" for c in s[k:stop])


# a product written with spaces, then again without them: the page's text and the copy of
# its math for screen readers (``121 × 121 × 16 121×121×16``, ``4 × 4 4×4``)
_SPACED_THEN_TIGHT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*(?:\s+[×⋅·]\s+\d+(?:[.,]\d+)*)+)([ \u00a0]+)"
    r"(\d+(?:[.,]\d+)*(?:[×⋅·]\d+(?:[.,]\d+)*)+)"
    r"(?![\w×⋅·]|[.,]\d)")


def unrepeat(s: str) -> str:
    """``s`` with the tight copy of each spaced product that is written twice blanked (same
    length): ``4 × 4 4×4`` reads ``4 × 4``, not a product of ``4 4``."""
    if "×" not in s and "⋅" not in s and "·" not in s:
        return s
    out = None
    for m in _SPACED_THEN_TIGHT.finditer(s):
        if "".join(m.group(1).split()) != m.group(3):
            continue
        if out is None:
            out = list(s)
        for k in range(m.start(3), m.end(3)):
            out[k] = " "
    return s if out is None else "".join(out)

