"""What the readers that carry no state between lines found, remembered per distinct line
text: notes repeat lines, and a repeated line's findings are the first one's, moved to its
own line number. At most ``KEPT`` entries are kept (then the memo starts again), so
memory stays flat however long the note.
"""

from __future__ import annotations

from cnnstat.notes.arithmetic import arith
from cnnstat.notes.modelfacts import (depths, factlines, facttables, parts, ranges, ratios,
                                      respective, variants)
from cnnstat.notes.rules import formula, symbolic
from cnnstat.notes.reading import runs
from cnnstat.notes.maps import shapes
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention
from cnnstat.notes.reading.normalise import Token, scan
from cnnstat.notes.reading.numerals import Refused
from cnnstat.notes.text import Line, table_cells

KEPT = 4096  # memo entries (a few per distinct line)


class LineMemo:
    """The readers that carry no state between lines, remembered per distinct line text
    (notes repeat lines): a repeated line's claims and skips are the first one's, moved to
    its own line number. Keys hold everything such a reader reads (the raw and masked text,
    and the section's model where it is used)."""

    def __init__(self) -> None:
        self._seen: dict[tuple, tuple] = {}

    def _room(self) -> None:
        if len(self._seen) >= KEPT:  # memory stays flat however long the note
            self._seen.clear()

    def _get(self, key: tuple, line: Line, read) -> tuple:
        hit = self._seen.get(key)
        if hit is None:
            got = read()
            self._room()
            hit = self._seen[key] = (line.number if any(
                part and isinstance(part[0], (Claim, Skip)) for part in got) else None, got)
        number, got = hit  # number None: nothing in it carries a line number
        return got if number is None or number == line.number else \
            _moved(got, line.number - number)

    def tokens(self, line: Line) -> tuple[list[Token] | None, str]:
        got = self._seen.get(("tokens", line.masked))
        if got is None:
            self._room()
            got = self._seen[("tokens", line.masked)] = _tokens(line)
        return got

    def arithmetic(self, line: Line) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
        c, s, used = self._get(("arith", line.raw, line.masked), line,
                               lambda: _arithmetic(line, self.tokens(line)[0]))
        return list(c), list(s), list(used)

    def formula(self, line: Line, tokens: list[Token]) -> list[Claim]:
        (got,) = self._get(("formula", line.raw, line.masked), line,
                           lambda: (formula.check_line(line.number, line.raw, tokens)[0],))
        return list(got)

    def algebra(self, line: Line, tokens: list[Token]) -> list[Token] | None:
        got = self._seen.get(("algebra", line.masked), ())
        if got == ():
            self._room()
            got = self._seen[("algebra", line.masked)] = symbolic.algebra_tokens(tokens)
        return got

    def table(self, block: list[Line]) -> tuple[list[Claim], list[Skip]]:
        """A table's model figures: a repeated table's are the first one's, moved down."""
        key = ("table",) + tuple((row.raw, row.masked) for row in block)
        c, s = self._get(key, block[0], lambda: facttables.table(block, table_cells))
        return list(c), list(s)

    def ratios(self, line: Line, heading: Mention | None) -> tuple[list[Claim], list[Skip]]:
        c, s = self._get(("ratios", line.masked, heading), line,
                         lambda: ratios.check_line(line.number, line.masked, heading))
        return list(c), list(s)

    def parts(self, line: Line, tokens: list[Token], used: list[tuple[int, int]],
              heading: Mention | None, above: str) -> tuple[list[Claim], list[Skip]]:
        c, s = self._get(("parts", line.masked, heading, above), line,
                         lambda: parts.check_line(line.number, line.masked, tokens, used,
                                                  heading, above))
        return list(c), list(s)

    def facts(self, line: Line, tokens: list[Token], used: list[tuple[int, int]],
              heading: Mention | None) -> tuple[list[Claim], list[Skip]]:
        """A depth list's claims and the prose facts (figures not already read as a sum,
        a list or a shape)."""
        def read() -> tuple[list[Claim], list[Skip]]:
            listed, list_spans = depths.depth_list(line.number, line.masked)
            listed += variants.check_line(line.number, line.masked)  # "ResNet-52"
            layered, layer_spans = depths.layer_list(line.number, line.masked)
            listed, list_spans = listed + layered, list_spans + layer_spans
            ranged, range_spans = ([], []) if list_spans else ranges.layer_range(
                line.number, line.masked, heading)
            listed, list_spans = listed + ranged, list_spans + range_spans  # "11 to 19 layers"
            each, each_spans = respective.check_line(line.number, line.masked)
            listed += [c for c in each if isinstance(c, Claim)]  # "13 and 16, respectively"
            list_spans = list_spans + each_spans
            taken = used + list_spans + [(it.start, it.end) for it in shapes.items(line.masked)]
            fc, fs = factlines.prose(line.number, line.raw, line.masked, tokens, taken, heading)
            return listed + fc, [s for s in each if not isinstance(s, Claim)] + fs

        c, s = self._get(("facts", line.raw, line.masked, heading), line, read)
        return list(c), list(s)


def _moved(got: tuple, shift: int) -> tuple:
    """Each list of claims and skips in ``got`` moved ``shift`` lines down; other parts
    (spans) as they are."""
    out = []
    for part in got:
        if part and isinstance(part[0], (Claim, Skip)):
            part = [_restamp(x, shift) for x in part]
        out.append(part)
    return tuple(out)


def _restamp(item: Claim | Skip, shift: int) -> Claim | Skip:
    if isinstance(item, Claim) and item.edits:
        return item._replace(line=item.line + shift,
                             edits=tuple(e._replace(line=e.line + shift) for e in item.edits))
    return item._replace(line=item.line + shift)


def _tokens(line: Line) -> tuple[list[Token] | None, str]:
    try:
        return scan(line.masked), ""
    except Refused as err:
        return None, str(err)


_COMPUTES = frozenset(("EQ", "APPROX", "OP"))


def _arithmetic(line: Line, tokens: list[Token] | None
                ) -> tuple[list[Claim], list[Skip], list[tuple[int, int]]]:
    if tokens is None:
        return [], [Skip(line.number, line.raw.strip()[:80], "not read: a number too long "
                                                              "or an exponent too large")], []
    if not any(t.kind in _COMPUTES for t in tokens):
        return [], [], []  # no '=', no operator: no arithmetic (``arith.check_line``), and
        # ``drop_annotations`` only drops tokens, so none of these would appear
    claims, skips, used = arith.check_line(line.number, line.raw,
                                           runs.drop_annotations(tokens))
    # an '=' next to a number that no claim used: a formula with variables or symbols
    for k, tok in enumerate(tokens):
        if tok.kind not in ("EQ", "APPROX") or any(a <= tok.start < b for a, b in used):
            continue
        left = tokens[max(0, k - 4):k]
        right = tokens[k + 1:k + 5]
        if any(t.kind == "NUM" for t in left) and any(t.kind == "NUM" for t in right) and \
                not any(s.line == line.number for s in skips):
            skips.append(Skip(line.number, " ".join(line.raw.split())[:100],
                              "not a numeric equation (variables or symbols)"))
    return claims, skips, used
