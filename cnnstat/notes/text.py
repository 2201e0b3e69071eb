"""A note as lines to read: markup masked out, the parts that are not prose set aside.

Every ``Line`` keeps its ``raw`` text and a ``masked`` copy of exactly the same length in
which what is not content is blanked with spaces: links and images (their URLs are full
of digits), HTML tags, footnote marks, struck-through text, heading hashes, list and
quote markers, backticks, ``$``, bold markers. Positions found in ``masked`` are
positions in ``raw``, which is what ``--fix`` edits.

Set aside (``kind == "skip"``): YAML front matter, fenced code in a programming language,
and the markers of an unresolved merge conflict (both sides of the conflict are read).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

from cnnstat.notes.reading.brackets import square_groups
from cnnstat.notes.reading.boxtable import STARTS as _BOX_STARTS, unbox
from cnnstat.notes.reading.mathfence import LABELS as PY_LABELS, Ahead, python, worked
from cnnstat.notes.reading.katex import unrepeat
from cnnstat.notes.reading.normalise import unglue
from cnnstat.notes.signs import Gated

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
# a fence labelled with a language no CNN note's code is written in, taken only for its
# colours (GitBook's ```scheme around a table of layers), is read as text too
# a code line of a fence that names no language, read as Python because it parses as
# Python (``mathfence.python``): its readers' "wrong" is shown as unsure, the language a guess
CODE_GUESSED = "code (the fence names no language; read as Python)"
_READABLE_FENCES = {"", "text", "txt", "math", "markdown", "md", "plain", "plaintext",
                    "scheme", "lisp", "clojure", "haskell", "ocaml", "erlang", "prolog"}
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
# a list marker, or a part's roman numeral (an exam's "(ii) (5*5*3 + 1) * 16 = 1,216"):
# a label, no operand (a letter "(b)" may be a choice, ``paramcounts/choices``: kept)
_LEAD = re.compile(r"^(\s*(?:>\s?)*\s*(?:[-*+]\s+|\d{1,3}[.)]\s+|\(?(?:i{1,3}|iv|vi{0,3})\)\s+)?)")
# every quantifier is bounded, so a line of unclosed brackets costs a bounded amount of
# work per character, never a rescan to the end of the line
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,600}\)")
_LINK_TARGET = re.compile(r"\]\([^)\n]{0,600}\)")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
_FOOTNOTE = re.compile(r"\[\^[^\]\n]{0,100}\]:?")
_STRIKE = re.compile(r"~~[^~\n]{0,400}~~")
# a citation: "... + 1 [12]", "61M parameters [3, 4]." (never a list after a sign or a
# bracket, "= [3, 4]", "([3])", nor a link's text)
_CITATION = re.compile(r"(?<![=+\-*/×(,\[\]])(?<![=+\-*/×(,\[]\s)\[\d{1,3}(?:\s?[,–-]\s?\d{1,3}){0,4}\]"
                       r"(?=\s*$|[.,;:)]|\s+(?:and|or|for|in|is|are|was|were|which|that|shows?|"
                       r"says?|reports?|gives?|\()(?![A-Za-z]))")
# (never a list of counts: "[2, 2, 2, 2] blocks", "[3, 4, 6, 3] bottleneck blocks")
_BOLD = re.compile(r"\*\*|__")
# each pattern with a test of what it cannot match without (a cheap ``in``)
_MARKUP = ((_IMAGE, lambda s: "![" in s), (_LINK_TARGET, lambda s: "](" in s),
           (_URL, lambda s: "://" in s or "www." in s), (_TAG, lambda s: "<" in s),
           (_FOOTNOTE, lambda s: "[^" in s), (_STRIKE, lambda s: "~~" in s),
           (_CITATION, lambda s: "]" in s))
# `$` ends an expression (each $…$ span is read on its own, never across a `$`): it is
# masked as a bar, which no expression reads through
_MARKS = str.maketrans("`$[]", " ¦  ")
# a multiplication sign alone in its math, between two numbers: "5 $$\times$$ 5 = 25"
_LONE_SIGN = re.compile(r"(?<=[0-9])(\s*)(\${1,2}\s*)(\\(?:times|cdot|div|ast))\s*\${1,2}"
                        r"(?=\s*[0-9])")
# a single * or _ that opens or closes emphasis (*3 x 3 = 9*), not a product (3 * 3, 3*3,
# and "(3* 3 * 20": a digit or bracket, the star, a space and a digit or bracket)
# an opening mark: "_" or "*" after a space or bracket, not a star between two numbers
# ("784 *75", "(5 *5 *1 + 1)": a product written with spaces on one side only)
# (never a mark escaped with a backslash: "3 \* 3 \* 64", "28\*28" in Markdown's source)
_EMPHASIS = re.compile(r"(?<!\\)(?:(?:(?<=^)|(?<=[\s(]))"
                       r"(?:_|\*(?![0-9(])|(?<![0-9)]\s)(?<![0-9)]\s\s)\*)"
                       r"(?=[^\s*_])|"
                       r"(?<=[^\s*_])(?:_|(?<![0-9)])\*|\*(?!\s+[0-9(]))(?=$|[\s),.;:!?]))")
_TABS = str.maketrans("\t", " ")
# a symbol whose UTF-8 bytes were read back as Windows-1252, -1253 or -1251 text
# ("β†’" for →, "â‰ˆ" for ≈, "Ã—" for ×): the symbol, then spaces to the same length
_MOJIBAKE = re.compile("[âβвÃΓГÂΒВ][\u0080-\u2122]{1,2}")
_MOJIBAKE_LEADS = "âβвÃΓГÂΒВ"
_SYMBOLS = frozenset("→←⇒≈×—–’‘“”…·≤≥")
_BYTE_OF: dict[str, int] = {}
for _codec in ("cp1252", "cp1253", "cp1251"):
    for _b in range(0x80, 0x100):
        _BYTE_OF.setdefault(bytes([_b]).decode(_codec, "ignore") or "\0", _b)
_BYTE_OF.pop("\0", None)
_BYTE_OF.setdefault("ˆ", 0x88)  # 1253 leaves 0x88 undefined; decoders read it as 1252's


def _unmangle(m: re.Match) -> str:
    got = m.group(0)
    try:
        ch = bytes(_BYTE_OF[c] for c in got).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        ch = ""
    if len(ch) != 1:  # two characters read as three: the last is the next one's
        try:
            ch = bytes(_BYTE_OF[c] for c in got[:2]).decode("utf-8")
            return ch + " " + got[2] if ch in _SYMBOLS else got
        except (KeyError, UnicodeDecodeError):
            return got
    return ch + " " * (len(got) - 1) if ch in _SYMBOLS else got


MAX_LINE_CHARS = 2000  # a longer line is refused at once, not read


_HAS_NUMBER = re.compile("[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]")
_LEAD_STARTS = frozenset(" \t>-*+")
_MAYBE_MODEL = Gated(("net", "vgg", "nin", "wrn", "incep"), r"net|vgg|nin|wrn|incep", re.I)


class Line(NamedTuple):
    number: int  # 1-based
    raw: str  # without the line ending
    masked: str  # same length as raw
    kind: str  # "text" | "heading" | "table" | "skip"
    reason: str = ""  # why a "skip" line is skipped


def _spaces(m: re.Match) -> str:
    return " " * (m.end() - m.start())


# a pair of escaped brackets (GitBook writes every bracket so): a bracket of the text, or
# LaTeX's inline math where it holds a sign of an equation or a command, blanked
_ESCAPED_BRACKETS = re.compile(r"\\\(([^\n]{0,300}?)\\\)")


def _bracket(m: re.Match) -> str:
    inner = m.group(1)
    if "=" in inner or "\\" in inner:
        return _math(m)
    return " (" + inner + " )"


def _math(m: re.Match) -> str:
    """Inline math's delimiters marked as ``$`` is (``¦``): its figures stay apart from
    the words around it ("\\( Conv \\enspace 5 \\) layer" is no count of layers)."""
    return " ¦" + m.group(1) + "¦ "


def mask(raw: str, pasted: bool = True) -> str:
    """``raw`` with links, tags, markup and list markers replaced by spaces.

    Linear in the length of the line: each pattern is matched once, left to right, with
    bounded quantifiers, and the blanking is done in one list (never by rebuilding the
    string per match). KaTeX pasted with its own source keeps one copy (``pasted=False``:
    both, for ``--fix`` to find the other)."""
    s = raw.translate(_TABS)
    for rx, sign in _MARKUP:
        if sign(s):  # most lines hold none of these: no pattern is run for them
            s = rx.sub(_spaces, s)
    for rx in (_HEADING, _LEAD):
        m = rx.match(s)
        if m and m.end():
            s = " " * m.end() + s[m.end():]
    out: list[str] | None = None

    def blank(start: int, end: int) -> None:
        nonlocal out
        if out is None:
            out = list(s)
        out[start:end] = " " * (end - start)

    # bold markers, except ** between digits (a power: 2**10)
    for m in (_BOLD.finditer(s) if "**" in s or "__" in s else ()):
        before = s[m.start() - 1] if m.start() else ""
        after = s[m.end()] if m.end() < len(s) else ""
        if m.group(0) == "**" and "0" <= before <= "9" and \
                ("0" <= after <= "9" or after == "("):
            continue
        blank(m.start(), m.end())
    if out is not None:
        s = "".join(out)
    if "*" in s or "_" in s:
        s = _EMPHASIS.sub(_spaces, s)
        if "\\*" in s:  # Markdown's escaped star is a star: "28\*28" reads as "28 *28"
            s = s.replace("\\*", " *")
    if "\\(" in s:  # Markdown's escaped bracket "\(3 x 3\)" is a bracket; "\( a = b \)" math
        # a line whose escaped brackets hold a command or an equation writes LaTeX's
        # inline math with them: each pair is math there ("a stride of \\(2\\)")
        math = any("=" in p.group(1) or "\\" in p.group(1)
                   for p in _ESCAPED_BRACKETS.finditer(s))
        s = _ESCAPED_BRACKETS.sub(_math if math else _bracket, s)
    if "[(" in s or "[ (" in s:
        s = square_groups(s)  # "[(227 - 11) / 4] + 1": brackets of the calculation
    if "$" in s and "\\" in s:  # "3 $$\times$$ 3": a sign alone in math, between numbers
        s = _LONE_SIGN.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3) +
                           " " * (m.end() - m.end(3)), s)
    s = s.translate(_MARKS)
    if any(c in s for c in _MOJIBAKE_LEADS):
        s = _MOJIBAKE.sub(_unmangle, s)
    if pasted:
        s = unglue(s)  # KaTeX pasted with its source: one copy is read
    s = unrepeat(s)  # a product written again for screen readers: one copy is read
    assert len(s) == len(raw)
    return s


from cnnstat.notes.source import split_lines  # noqa: E402  (every newline convention)


def read_lines(text: str) -> list[Line]:
    return list(iter_lines(split_lines(text)))


MASKS_KEPT = 4096  # distinct lines whose mask is remembered (notes repeat lines)


# a table's separator row, with or without the outer pipes: "---|---|:---:"
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")


# a grid table's rule, drawn with pluses at the joins: "+------+-----+", "+=====+====+"
GRID_RULE = re.compile(r"^\s*\+(?:[-=:]{2,}\+){2,}\s*$")


def iter_lines(raw_lines: Iterable[str]) -> Iterator[Line]:
    """The note's lines, one at a time as they come (memory stays flat: the state is the
    front matter and fence in progress, a bounded memo of masks, and one line held back
    to see whether a separator row under it makes it a table's header)."""
    held: Line | None = None
    in_table = False  # a table written without its outer pipes, in progress
    for line in _iter_lines(raw_lines):
        if line.kind == "text" and "|" in line.raw and (
                in_table or (held is not None and _SEPARATOR.match(line.raw))):
            if held is not None:
                yield held._replace(kind="table")
                held = None
            in_table = True
            yield line._replace(kind="table")
            continue
        in_table = False
        if held is not None:
            yield held
            held = None
        if line.kind == "text" and line.raw.count("|") >= 2:
            held = line  # "Model | Params |": a header, if a separator row follows
            continue
        yield line
    if held is not None:
        yield held


def _iter_lines(raw_lines: Iterable[str]) -> Iterator[Line]:
    in_front = False
    fence: str | None = None
    fence_readable = True
    guessed = False  # the fence names no language; its lines are read as Python
    masks: dict[str, str] = {}  # mask() of each distinct line (notes repeat lines)
    ahead = Ahead(raw_lines)  # a Python fence's lines, read ahead: a worked answer?
    for i, raw in enumerate(ahead):
        n = i + 1
        if i == 0:
            in_front = raw.strip() == "---"
        if in_front:
            yield Line(n, raw, " " * len(raw), "skip", "front matter")
            if i > 0 and raw.strip() in ("---", "..."):
                in_front = False
            continue
        fm = _FENCE.match(raw)
        if fence is None and fm:
            fence = fm.group(1)[0] * 3
            guessed = not fm.group(2) and python(ahead.fence(fence))
            fence_readable = (fm.group(2).lower() in _READABLE_FENCES and not guessed) or (
                fm.group(2).lower() in PY_LABELS and worked(ahead.fence(fence)))
            rest = raw[fm.end():]
            if not fm.group(2) and rest.lstrip().startswith("|") and rest.count("|") >= 2:
                # a table's first row glued to its fence (```| model | params |): the
                # fence opens and the row is read, its backticks blanked
                yield Line(n, raw, " " * fm.end() + mask(rest), "table")
                continue
            yield Line(n, raw, " " * len(raw), "skip", "code fence")
            continue
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
                yield Line(n, raw, " " * len(raw), "skip", "code fence")
                continue
            if not fence_readable:
                yield Line(n, raw, " " * len(raw), "skip", CODE_GUESSED if guessed else "code")
                continue
        if _CONFLICT.match(raw):
            yield Line(n, raw, " " * len(raw), "skip", "merge-conflict marker")
            continue
        if raw.lstrip()[:1] in _BOX_STARTS:
            raw = unbox(raw)  # a box-drawn table's row or rule, as a pipe table's
        if len(raw) > MAX_LINE_CHARS:
            yield Line(n, raw, " " * len(raw), "skip",
                       f"a line of {len(raw):,} characters: lines longer than "
                       f"{MAX_LINE_CHARS:,} are not read")
            continue
        if not _HAS_NUMBER.search(raw) and not _HEADING.match(raw) and \
                (len(raw) > 80 or not _MAYBE_MODEL.search(raw)):
            # prose without a number, not a heading, and not a short line that could name
            # the model of a section: read only by the rules in letters (``C_in x C_out +
            # C_out``), so its list marker is blanked, never read as a minus
            masked = raw
            lead = _LEAD.match(raw) if raw[:1] in _LEAD_STARTS else None
            if lead and lead.group(1).strip():
                masked = " " * lead.end() + raw[lead.end():]
        else:
            masked = masks.get(raw)
            if masked is None:
                if len(masks) >= MASKS_KEPT:
                    masks.clear()
                masked = masks[raw] = mask(raw)
        if _HEADING.match(raw):
            kind = "heading"
        elif raw.strip().startswith("|") and raw.count("|") >= 2:
            kind = "table"
        elif raw.lstrip().startswith("+") and GRID_RULE.match(raw):
            kind = "table"  # a grid table's rule (+-----+-----+): the table goes on
        else:
            kind = "text"
        if masked == raw:
            # the raw text itself where masking changed nothing (a third of the lines): a
            # test of both texts (``raw is not masked``) reads it once, a lookup by either
            # finds the other's entry without comparing them
            masked = raw
        yield Line(n, raw, masked, kind)


def table_cells(line: Line) -> list[tuple[str, int, int]]:
    """The cells of a table row: (masked text stripped, start, end) in raw positions."""
    s = line.masked
    bars = [i for i, ch in enumerate(line.raw) if ch == "|" and (i == 0 or line.raw[i - 1] != "\\")]
    if bars and line.raw[:bars[0]].strip():  # "AlexNet | 2012 |": no pipe before the first
        bars.insert(0, -1)
    if bars and line.raw[bars[-1] + 1:].strip():  # nor after the last
        bars.append(len(line.raw))
    cells = []
    for a, b in zip(bars, bars[1:]):
        text = s[a + 1:b]
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        cells.append((stripped, a + 1 + lead, a + 1 + lead + len(stripped)))
    return cells


def is_separator_row(line: Line) -> bool:
    cells = table_cells(line)
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?", c[0]) for c in cells if c[0])
