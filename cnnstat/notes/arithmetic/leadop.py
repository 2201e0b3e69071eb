"""A calculation that opens with an operator: the line goes on with the sum the line
above left open (``Computations = (32*32) * 64 * (1*1) * 256``, a blank line, then ``$+$
(32*32) * 192 * (3*3) * 64 = 130,023,424``). Its result is of the two lines together, not
of the line's own terms: the result is judged against the line above's value plus the
line's terms; with no open calculation above (or an operator other than ``+``, whose
reach the line does not show), the line's own verdict of wrong is no sure one and is
left unsure."""

from __future__ import annotations

from fractions import Fraction

from cnnstat.notes.arithmetic.arithchain import as_num
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.reading.normalise import Token
from cnnstat.notes.reading.numbers import agrees, plain
from cnnstat.notes.reading.numerals import Refused, read_number

REACH = 2  # lines up to the open calculation (a blank line between, as Markdown's $$ needs)


def lead(tokens: list[Token]) -> str | None:
    """The operator a line's calculation opens with (markup before it skipped)."""
    toks = [t for t in tokens if not (t.kind == "OTHER" and t.text in "¦|`")]
    if len(toks) > 2 and toks[0].kind == "OP" and toks[0].text in "+*×·-−" and \
            toks[1].kind in ("NUM", "LP", "LB", "FRAC"):
        return toks[0].text
    return None


def joined(number: int, tokens: list[Token], claims: list[Claim], above: Claim | None
           ) -> tuple[list[Claim], list[Skip]]:
    """``claims`` with the line's first calculation read as going on from ``above`` (a
    calculation without its result, at most ``REACH`` lines up)."""
    op = lead(tokens)
    if op is None:
        return claims, []
    first = next((k for k, c in enumerate(claims) if isinstance(c, Claim) and
                  c.kind == "arithmetic" and c.claimed is not None and
                  c.verdict in ("right", "wrong")), None)
    if first is None or claims[first].verdict == "right":
        return claims, []
    c = claims[first]
    try:
        got = read_number(c.claimed, 0) if c.claimed[:1].isdigit() else None
    except Refused:
        got = None
    if above is None or not 0 < number - above.line <= REACH or op != "+" or got is None or \
            above.actual is None:
        return claims[:first] + claims[first + 1:], [Skip(
            number, c.text, f"unsure: the calculation opens with '{op}', going on from a "
                            "line above")]
    total = Fraction(above.actual) + Fraction(c.actual)
    ok = agrees(total, got[0], exact=True)
    text = f"{above.text} (line {above.line}) + {c.text}"
    new = Claim(number, text, "arithmetic", c.claimed, as_num(total), "right" if ok else "wrong",
                "" if ok else f"{plain(total)}, not {c.claimed}", () if ok else c.edits, c.shown)
    return claims[:first] + [new] + claims[first + 1:], []
