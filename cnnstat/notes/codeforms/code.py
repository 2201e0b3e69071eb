"""Numbers in code comments: a parameter count written after the line that prints it.

A note pastes code such as::

    model = torchvision.models.resnet18()
    print(sum(p.numel() for p in model.parameters()))  # 11,689,512

The model is the torchvision constructor named in the same code block, and the comment
on a line that counts parameters (``numel()``, ``parameters()``, ``count_params()``) is
its parameter count, checked exactly against the bundled torchvision twin. Other
comments (``# 97.5 MB``, ``# torch.Size([1, 64, 55, 55])``) depend on code this reader
does not run, and are listed as not judged.

A string the code prints with a worked calculation in it (``print("H_out = (4-1)*2 + 1 =
7")``) is read like prose: ``literals`` keeps the text of such strings, everything else
blanked, for the arithmetic reader; so is a comment that works a calculation out in
numbers (``# (150-3+2*0)/1+1 = 148``, ``comment``): its arithmetic needs no code run.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit, Skip

_CONSTRUCTOR = re.compile(r"models\.([a-z][a-z0-9_]{1,40})\s*\(")
_COUNT = re.compile(r"(?:numel\(\)|parameters\(\)|count_params\(\))[^#]{0,200}#\s*"
                    r"(?:total\s*params:?\s*)?([0-9][0-9,_]{0,15})\s*$", re.I)
_COMMENT_NUMBER = re.compile(r"#.{0,200}[0-9]")
# a string literal on one line ("..." or '...'), with an '=' and a digit in it
_LITERAL = re.compile(r"""(?<![A-Za-z0-9_])[fFrRbB]?(["'])((?:(?!\1)[^\\\n]){0,300})\1""")
_WORKED = re.compile(r"[0-9][^=]*=\s*[0-9(]|=[^=]*[0-9]")
# "# 3×224×224 × 64×224×224 ≈ 461 billion": a product and its rounded value
_ABOUT = re.compile(r"[0-9][^=≈]*[*×x][^=≈]*≈\s*[0-9]")


def literals(raw: str) -> str | None:
    """``raw`` with all but its string literals that hold a worked calculation blanked
    (same length, so positions are kept); None when there is none. ``{…}`` in an
    f-string is code, and is blanked too."""
    if len(raw) > 400 or "=" not in raw:
        return None
    out = [" "] * len(raw)
    found = False
    for m in _LITERAL.finditer(raw):
        body = m.group(2)
        if not _WORKED.search(body) or not any("0" <= ch <= "9" for ch in body):
            continue
        a = m.start(2)
        depth = 0
        for k, ch in enumerate(body):
            depth += ch == "{"
            if depth == 0:
                out[a + k] = ch
            depth -= ch == "}" and depth > 0
        found = True
    return "".join(out) if found else None


def comment(raw: str) -> str | None:
    """``raw`` with all but the text of its comment (after a ``#`` or ``//`` outside a
    string) blanked, same length, where the comment works a calculation out in numbers
    (``# (74-3+0)/1+1 = 72``, ``// 7*7*64 = 3136``, ``# 3×32×32 × 16 ≈ 49K``): arithmetic
    that needs no code run.
    None where there is no such comment."""
    from cnnstat.notes.arithmetic.juxtaposed import LAYOUT  # "# 64(3*3*32+1) 18496 params"

    if len(raw) > 400 or ("=" not in raw and "≈" not in raw and not LAYOUT.search(raw)) or \
            ("#" not in raw and "//" not in raw):
        return None
    quote = ""
    # C's "#define N 150 // 5*5*6 = 150" (or one switched off, "//#define ..."): the '#'
    # opens no comment, the '//' after the directive does
    directive = _DIRECTIVE.match(raw)
    for k in range(directive.end() if directive else 0, len(raw)):
        ch = raw[k]
        if quote:
            quote = "" if ch == quote and raw[k - 1] != "\\" else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and not directive or raw.startswith("//", k) and (
                directive or _slashes_open_comment(raw[:k])):
            start = k + 1 + (ch == "/")
            while start < len(raw) and raw[start] in "#/":
                start += 1
            said = raw[start:]
            return " " * start + said if _WORKED.search(said) or LAYOUT.search(said) or \
                _ABOUT.search(said) else None
    return None


_DIRECTIVE = re.compile(r"\s*(?://\s*)?#(?:define|undef|include|ifn?def|pragma)\b")


_ASSIGNED = re.compile(r"^(?P<lhs>\s*(?:(?:let|const|var|val|int|long|double|float|auto)\s+)?"
                       r"[A-Za-z_][A-Za-z0-9_.\[\]]{0,40}\s*=(?!=)\s*)"
                       r"(?P<expr>[0-9(][0-9\s()*/+\-,._]*?)\s*(?P<semi>;?)\s*"
                       r"(?P<mark>#|//)\s*(?P<eq>=|->|→)?\s*(?P<fig>[0-9][0-9,._]*)"
                       r"(?:\s*[A-Za-z가-힣]{1,12})?(?:\s*\((?![^)]*(?i:round|ceil|floor|up\b|approx|about|rough|estim|trunc))"
                       r"[A-Za-z가-힣 \-]{1,40}\))?\s*$")


def assigned(raw: str) -> str | None:
    """``totalParams = 156 + 12 + 1516;  # = 1,684``, ``n = 3*3*64*128  # 73728``: a
    variable given a calculation in numbers, its value in the comment after it, as the
    arithmetic reader reads ``156 + 12 + 1516 = 1,684`` (same length: the name blanked,
    the comment's mark made the ``=``). None for any other line."""
    if len(raw) > 400 or ("#" not in raw and "//" not in raw):
        return None
    m = _ASSIGNED.match(raw)
    if m is None or not re.search(r"[0-9]\s*[*/+\-]\s*[0-9(]", m.group("expr")):
        return None
    out = list(raw)
    for k in range(m.start("lhs"), m.end("lhs")):
        out[k] = " "
    if m.group("semi"):
        out[m.start("semi")] = " "
    a, b = m.span("mark")
    out[a:b] = "=" + " " * (b - a - 1)
    if m.group("eq"):
        c, d = m.span("eq")
        out[c:d] = " " * (d - c)
    return "".join(out)


_VALUED = re.compile(r"^(?P<lhs>\s*(?:#define\s+[A-Za-z_]\w{0,60}\s+|(?:(?:const|static|int|long|"
                     r"auto|let|var|val)\s+){0,3}[A-Za-z_][\w.]{0,60}\s*=(?!=)\s*))"
                     r"(?P<val>[0-9]{1,12})\s*;?\s*(?P<mark>#|//)\s*"
                     r"(?P<expr>[0-9(][0-9\s()*/+\-]{0,120}?)\s*;?\s*$")
_FACTORS = re.compile(r"[0-9]+")


def valued(raw: str) -> str | None:
    """``#define len_weight_c5 48000 // 5*5*16*120``, ``n = 4704  # 28*28*6``: a value,
    with the calculation that gives it in the comment after it, read as ``48000 =
    5*5*16*120`` (same length: the name blanked, the comment's mark made the ``=``). None
    for any other line, and where a product's factor is the value (``k = 3  # 3*3``: a
    kernel's sides, not its value)."""
    if len(raw) > 400 or ("#" not in raw and "//" not in raw):
        return None
    m = _VALUED.match(raw)
    if m is None or not re.search(r"[0-9)]\s*[*/+\-]\s*[0-9(]", m.group("expr")):
        return None
    expr = m.group("expr")
    if m.group("mark") == "//" and not re.search(r"#define|;", raw[:m.start("mark")]):
        return None  # Python's "h = 224 // 2 * 2" floors: a comment after a statement's end
    if m.group("mark") == "#" and "#define" in m.group("lhs"):
        return None
    if m.group("val") in _FACTORS.findall(expr) and not set(expr) & set("+-/"):
        return None
    out = [" "] * len(raw)
    out[m.start("val"):m.end("val")] = m.group("val")
    out[m.start("mark")] = "="
    out[m.start("expr"):m.end("expr")] = expr
    return "".join(out)


_WORKED_ROW = re.compile(r"[0-9)]\s*=\s*[0-9]")
_CODE_SIGNS = re.compile(r"==|!=|<=|>=|[A-Za-z_][\w.\]]*\s*[-+*/]?=(?!=)|[;{}]|\bdef\b|\breturn\b|"
                         r"\bprint\b|#|//")


def worked(raw: str) -> str | None:
    """A line of a code block that no language would run: a calculation in numbers then
    ``=`` and its result, with no assignment, comparison or statement (``(5*5*1+1)*32 =
    832``, ``conv2d_1: 28-(5-1) = 24 -> 32x24x24``: notes typed in a fence). The line
    itself, to be read as prose; None for any other line, and for cells aligned by spaces."""
    if len(raw) > 400 or "=" not in raw or not _WORKED_ROW.search(raw) or \
            _CODE_SIGNS.search(raw) or re.search(r"\S\s{3,}\S", raw.strip()):
        return None  # cells aligned by spaces: a number of one may join the next's sum
    return raw


def _slashes_open_comment(before: str) -> bool:
    """``//`` opens a C or JavaScript comment where it starts the line or follows the end
    of a statement (``int n = 3;  // ...``); ``(h - k) // s`` is Python's floor division,
    ``http://`` an address."""
    code = before.rstrip()
    return not code or code[-1] in ";{},"


class Block:
    """The code block being read: the model its code builds."""

    def __init__(self) -> None:
        self.model: str | None = None
        self.quoted = False  # inside a triple-quoted string

    def reset(self) -> None:
        self.model = None
        self.quoted = False

    def in_string(self, raw: str) -> str | None:
        """The line itself where it stands inside a triple-quoted string (a docstring, or
        notes kept in a string between the code: ``1 (input) * 2 * 2 (kernelsize) * 10 +
        10 = 50``) and works a calculation out in numbers: prose, read as prose is. Called
        on every line of a block, in order, to follow the quotes."""
        marks = raw.count("'''") + raw.count('"""')
        inside = self.quoted and not marks
        if marks % 2:
            self.quoted = not self.quoted
        if not inside or len(raw) > 400 or not _WORKED.search(raw):
            return None
        return raw

    def check_line(self, number: int, raw: str) -> tuple[list[Claim], list[Skip]]:
        if len(raw) > 400:
            return [], []
        m = _CONSTRUCTOR.search(raw)
        if m:
            self.model = m.group(1)
        c = _COUNT.search(raw)
        if c:
            return self._count(number, c), []
        if _COMMENT_NUMBER.search(raw):
            return [], [Skip(number, " ".join(raw.split())[:100],
                             "a number in a code comment that depends on code not run")]
        return [], []

    def _count(self, number: int, m: re.Match) -> list[Claim]:
        from cnnstat.notes.modelfacts.models import _bundled, figures

        if self.model is None:
            return []
        names = _bundled()
        spec = next((n for n in (f"{self.model}-tv", self.model) if n in names), None)
        f = figures(spec) if spec else None
        if f is None:
            return []
        claimed = int(m.group(1).replace(",", "").replace("_", ""))
        ok = claimed == f.params
        text = f"torchvision {self.model}: {m.group(1)} parameters"
        a, b = m.span(1)
        return [Claim(number, text, "model", m.group(1), f.params, "right" if ok else "wrong",
                      f"{f.label}: {f.params:,} parameters",
                      () if ok else (Edit(number, a, b, f"{f.params:,}"),), f"{f.params:,}")]


def shown_arithmetic(at) -> list:
    """The reader of calculations a code block shows in numbers (``registry``): a string
    it prints (``print("H_out = (4-1)*2 + 1 = 7")``), a comment (``# (74-3+0)/1+1 = 72``),
    a line of a triple-quoted string (notes kept in code: its formulas in symbols too,
    ``FLOPs = 2*(9*C*C*H*W) = 18*C^2*H*W``), a variable given a calculation with its value
    in the comment after it (``total = 156 + 12  # = 168``)."""
    from cnnstat.notes.text import Line

    out: list = []
    number, raw = at.line.number, at.line.raw
    for shown in (literals(raw), comment(raw), at.state.code.in_string(raw) or worked(raw),
                  assigned(raw), valued(raw)):
        if shown is None:
            continue
        line = Line(number, raw, shown, "text")
        c, s, _ = at.state.memo.arithmetic(line)
        got = _algebra(at, line) if shown is raw else []
        if any(isinstance(x, Claim) for x in got):
            s = [x for x in s if "symbol" not in x.reason]  # as in prose: the algebra's
        out += c + s + got
    return out


def _algebra(at, line) -> list:
    """A line of prose's formula in symbols, judged as the prose reader judges one."""
    tokens = at.state.memo.tokens(line)[0]
    if not tokens:
        return []
    found = at.state.memo.algebra(line, tokens)
    if found is None:
        return []
    got = at.state.algebra.check_line(line.number, line.raw, found)
    return list(got[0]) + list(got[1])
