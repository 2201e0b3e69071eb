"""A figure in MACs and the same cost in FLOPs, side by side::

    conv1 does 884,736 multiply-accumulates, which is about 1.77 MFLOPs
    That block needs 3.68 GMACs, so FLOPs(G) would be 1.84.        <- half, not twice
    conv2: 8,294,400 MACs, i.e. 8.3 MFLOPs                         <- once, not twice

A multiply-add is two floating-point operations, so the FLOPs figure is twice the MACs
figure: right. Once is the naming papers and torchvision use (a multiply-add called a
FLOP): not judged, unless the note has itself counted two FLOPs to a MAC (the rule stated,
"the multiply and the add counted separately", or an earlier pair at twice), when once
goes against the note's own rule: wrong. Any other factor (half, a slip) is wrong. Each
figure is taken to the digits it is written with; the two must be joined by nothing but a
connective ("i.e.", "or", "which is", "so ... would be", "about", "→", a bracket).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.costs import flops
from cnnstat.notes.adapters import both
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.normalise import plain_latex

_SCALES = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "B": 10**9,
           "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "만": 10**4, "억": 10**8}
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?"
_MAC = r"(?:MACC?s?|multiply[- ](?:adds?|accumulates?)|mult-?adds?)"
_FLOP = r"FLOPs?"
# "4 billion MACs = 8 billion operations": operations, ops counted as FLOPs are (a MAC is a
# multiply and an add); a figure the same as the MACs' is the naming of a MAC as one
# operation, never judged
_OPS = r"(?:FLOPs?|OPs?|operations)"
_OPERATIONS = re.compile(r"OPs?|operations", re.I)


def _side(k: str, unit: str) -> str:
    """A figure, its scale (``8.3M``, ``8.3 MFLOPs``) and its unit, named by ``k``."""
    return (rf"(?P<n{k}>{_NUM})\s*(?P<s{k}>[kKMGTB](?![a-z])|(?:thousand|million|billion|"
            rf"trillion)(?![a-z])|억|만(?!\s*[0-9]))?\s*"
            rf"(?:(?P<p{k}>[KMGT])(?=MAC|FLOP|OP|mac|flop|op))?(?P<u{k}>{unit})(?![A-Za-z])")


_JOIN = r"(?:\s*,)?\s*(?:\(\s*|(?:i\.?\s?e\.?|or|which\s+(?:is|means)|that\s+is|so|hence|" \
    r"i\.?\s?e\.?,|→|->|=|≈|~|about|roughly|approximately|around|or\s+about|즉|약)\s*){1,3}"
# "so FLOPs(G) would be 1.84": the FLOPs named, then their figure with the scale in brackets
_NAMED_AFTER = r"(?P<u2>FLOPs?)\s*\(\s*(?P<p2>[KMGT])\s*\)\s*(?:would\s+be|is|are|=|≈)\s*" \
    r"(?:about\s+)?(?P<n2>" + _NUM + r")(?![0-9A-Za-z])"


def _pair(first: str, second: str) -> re.Pattern:
    return re.compile(r"(?<![\w.,])" + _side("1", first) + _JOIN + _side("2", second), re.I)


_PAIRS = (_pair(_MAC, _OPS), _pair(_FLOP, _MAC),
          re.compile(r"(?<![\w.,])" + _side("1", _MAC) + r"(?:\s*,)?\s*(?:so|hence|and)\s+" + _NAMED_AFTER, re.I))
# the note's own rule: two FLOPs to a multiply-add; a line that speaks of the naming
# (once is then what it reports, not the note's own count)
_RULE_FORMS = (r"(?:count(?:ing)?|counted)\s+(?:the\s+)?(?:multipl\w*|mult)\s+and\s+(?:the\s+)?"
               r"add\w*\s+(?:separately|apart|as\s+two)",
               r"FLOPs?\s*(?:=|≈|is|are)\s*2\s*[x×*·]?\s*(?:the\s+)?MACs?",
               r"2\s*FLOPs?\s+(?:per|for\s+each|a)\s+MAC", r"1\s*MAC\s*=\s*2\s*FLOPs?")
_RULE = re.compile("|".join(_RULE_FORMS), re.I)
_NAMING = re.compile("|".join((r"call(?:s|ed)?\b", "naming", "named", "loosely", "paper",
                               "reported", "report", "torchvision", "fvcore", "thop", "ptflops",
                               "often", "convention", "sense", "actually", "really",
                               "보고", "부르", "불리", "표기", "관례")), re.I)
NEEDS = ("flop", "ops", "operations")
MIN_COST = 10  # a figure under it is a rate ("2 FLOPs" to a MAC), no layer's cost
_RATE = re.compile(r"(?:MACC?s?|FLOPs?|multiply[- ]adds?)\s*(?:=|≈|is)\s*$", re.I)


def _value(m: re.Match, k: str) -> tuple[Fraction, Fraction]:
    """The figure of side ``k`` and half its last written digit, at its scale."""
    text = m.group("n" + k).replace(",", "")
    scale = 1
    for g in ("s" + k, "p" + k):
        if m.groupdict().get(g):
            g = m.group(g)
            scale *= _SCALES[g if g in _SCALES else g.lower() if len(g) > 1 else g.upper()]
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Fraction(text) * scale, Fraction(scale, 2 * 10**decimals)


class Pairs:
    """Whether the note has counted two FLOPs to a MAC before the line."""

    def __init__(self) -> None:
        self.twice_at = 0  # the line that said so (0: none)

    def check_line(self, number: int, masked: str) -> tuple[list[Claim], list[Skip]]:
        masked = plain_latex(masked)
        if not re.search(r"flop|ops\b|operations", masked, re.I):
            return [], []
        claims: list[Claim] = []
        skips: list[Skip] = []
        for rx in _PAIRS:
            for m in rx.finditer(masked):
                if flops._REL.search(m.group(0)):
                    continue  # "4.1 GMACs ≈ 8.2 GFLOPs": read by flops.check_line
                self._judge(number, m, claims, skips, masked)
        if _RULE.search(masked) and not any(c.verdict == "wrong" for c in claims):
            self.twice_at = self.twice_at or number
        return claims, skips

    def _judge(self, number: int, m: re.Match, claims: list, skips: list, line: str) -> None:
        (a, ta), (b, tb) = _value(m, "1"), _value(m, "2")
        mac_first = not re.match(_FLOP, m.group("u1"), re.I)
        (mac, tm), (fl, tf) = ((a, ta), (b, tb)) if mac_first else ((b, tb), (a, ta))
        if mac < MIN_COST or fl < MIN_COST or _RATE.search(line, 0, m.start()):
            return  # "1 MACC = 2 FLOPs, so 300M MACs ≈ 600 MFLOPs": a rate, no cost
        text = " ".join(m.group(0).split())
        ratio = next((r for r in (Fraction(2), Fraction(1)) if abs(mac * r - fl) <= tf + r * tm),
                     None)
        if ratio == 2:
            claims.append(Claim(number, text, "cost", text, "FLOPs = 2 x MACs", "right",
                                "one multiply-add is 2 floating-point operations"))
            self.twice_at = self.twice_at or number
        elif ratio == 1 and (not self.twice_at or _NAMING.search(line) or
                             _OPERATIONS.fullmatch(m.group("u2" if mac_first else "u1"))):
            skips.append(Skip(number, text, "FLOPs used for multiply-adds, as papers and "
                                            "torchvision do: a naming, not judged"))
        else:
            want = mac * 2
            got = float(fl / mac)
            why = (f"line {self.twice_at} counts 2 FLOPs to a multiply-add; this counts 1"
                   if ratio == 1 else f"this says {got:.3g} FLOPs per multiply-add")
            claims.append(Claim(number, text, "cost", m.group("n2" if mac_first else "n1"),
                                f"{float(want):,.4g} FLOPs", "wrong",
                                "one multiply-add is 2 floating-point operations; " + why))


# the reader of this module (``registry.READERS`` takes it in this place)
READERS = [
    Reader("a MACs figure beside its FLOPs", "claims",
           lambda at: both(at.state.flop_pairs.check_line(at.line.number, at.line.masked)),
           needs=NEEDS),
]
