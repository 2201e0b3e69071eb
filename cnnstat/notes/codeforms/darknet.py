"""Darknet's layer log, as ``./darknet detector`` prints it while it builds a network:

    layer     filters    size              input                output
        0 conv     32  3 x 3 / 1   416 x 416 x   3   ->   416 x 416 x  32  0.299 BFLOPs
        1 max          2 x 2 / 2   416 x 416 x  32   ->   208 x 208 x  32
        2 conv     64       3 x 3/ 2    416 x 416 x  32 ->  208 x 208 x  64 1.595 BF
    Total BFLOPS 65.879

Each row's output is rebuilt from its own input (darknet prints width first):

* ``conv``: ``(w + 2·pad - size) / stride + 1`` channels ``filters``. Darknet's ``pad=1``
  is ``size / 2`` and ``pad=0`` none; an output that neither gives but some other padding
  could is left unsure (``padding=`` may set any). A dilation ``(d)`` after the stride
  widens the kernel to ``d·(size - 1) + 1``. Its BFLOPs are ``2 · filters · size² ·
  (channels / groups) · out_h · out_w / 10^9`` (``l.bflops`` in darknet's
  ``convolutional_layer.c``: a multiply-add counted as two), printed to 3 places.
* ``max`` / ``avg`` with a window: ``(w + padding - size) / stride + 1`` with darknet's
  default ``padding = size - 1``; ``size² · c · out_h · out_w / 10^9`` BF
  (``maxpool_layer.c``). The channels are kept.
* ``upsample`` by ``n``: each side times ``n``, the channels kept.
* row ``i + 1`` reads row ``i``'s output (as rebuilt) when both are rows of these kinds;
  a route or shortcut between them is a row of its own.
* ``Total BFLOPS``: the sum of the BF printed on the rows above, within their rounding,
  when every row with a BF figure was read; a total above the sum is unsure (a layer
  that prints no BF may still count), one below it wrong.
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Edit, Skip

_IN = r"(?P<iw>\d{1,5}) {0,4}x {0,4}(?P<ih>\d{1,5}) {0,4}x {0,4}(?P<ic>\d{1,5})\s*->\s*"
_OUT = r"(?P<out>(?P<ow>\d{1,5}) {0,4}x {0,4}(?P<oh>\d{1,5}) {0,4}x {0,4}(?P<oc>\d{1,5}))"
_BF = r"(?:\s+(?P<bf>\d{1,4}\.\d{1,4})\s*(?:BFLOPs|BF)\b)?\s*$"
_WINDOW = r"(?P<k>\d{1,2}) {0,4}x {0,4}(?P<k2>\d{1,2}) {0,4}/ {0,4}(?P<s>\d{1,2})"
_CONV = re.compile(r"^\s*(?P<idx>\d{1,4})\s+conv\s+(?P<n>\d{1,5})(?:\s*/\s*(?P<g>\d{1,5}))?\s+"
                   + _WINDOW + r"(?:\s*\(\s*(?P<d>\d{1,2})\s*\))?\s+" + _IN + _OUT + _BF,
                   re.I)
_POOL = re.compile(r"^\s*(?P<idx>\d{1,4})\s+(?P<kind>max|avg)\s+" + _WINDOW + r"\s+" + _IN + _OUT
                   + _BF, re.I)
_UP = re.compile(r"^\s*(?P<idx>\d{1,4})\s+upsample\s+(?P<f>\d{1,2}) ?x\s+" + _IN + _OUT + r"\s*$",
                 re.I)
# a BF figure on a line that is no row this reader knows: a total below is not judged
_ANY_BF = re.compile(r"\d\.\d{1,4}\s*(?:BFLOPs|BF)\s*$", re.I)
# the row of another layer (shortcut, route, yolo): its BF counts in the total
_OTHER_ROW = re.compile(r"^\s*\d{1,4}\s+[A-Za-z][^\n]{0,200}?\s(?P<bf>\d{1,4}\.\d{1,4})\s*"
                        r"(?:BFLOPs|BF)\s*$", re.I)
_FIRST = re.compile(r"^\s*0\s")  # layer 0: the log starts
_HEADER = re.compile(r"^\s*layer\s+filters\s+size", re.I)
_TOTAL = re.compile(r"^\s*Total\s+BFLOPS\s+(?P<t>\d{1,6}\.\d{1,4})\s*$", re.I)


def _ints(m: re.Match, prefix: str) -> list[int]:
    return [int(m.group(prefix + x)) for x in "whc"]


def _places(text: str) -> int:
    return len(text.split(".")[1])


def _rounds(value: Fraction, text: str) -> bool:
    return abs(Fraction(text) - value) <= Fraction(1, 2 * 10**_places(text)) + \
        Fraction(1, 10**9)


class Log:
    """The rows of the Darknet log being read, and the BF figures printed on them."""

    def __init__(self) -> None:
        self.bf: list[str] = []  # the BF figures of the rows read since the header
        self.complete = False  # a header was seen and every BF row since was read
        self.prev: tuple[int, list[int]] | None = None  # the last row: its index, output

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        if "->" not in masked and "BF" not in masked and "ayer" not in masked:
            return []  # no row, total or header of a log (most lines: a cheap test)
        if _HEADER.match(masked):
            self.bf, self.complete = [], True
            return []
        total = _TOTAL.match(masked)
        if total:
            return self._total(number, total)
        for rx, read in ((_CONV, self._conv), (_POOL, self._pool), (_UP, self._upsample)):
            m = rx.match(masked)
            if m:
                if _FIRST.match(masked):  # the log's first row: a total sums from here
                    self.bf, self.complete = [], True
                got = read(number, m)
                return got + self._follows(number, m, got)
        self.prev = None  # another layer (route, shortcut): the next row reads elsewhere
        other = _OTHER_ROW.match(masked)
        if other:  # a row of another layer (shortcut, route...): its BF counts in the total
            self.bf.append(other.group("bf"))
        elif _ANY_BF.search(masked):  # a BF figure on a line that is no row of the log
            self.complete = False
        return []

    def _follows(self, number: int, m: re.Match, got: list) -> list[Claim | Skip]:
        """Layer i + 1 reads layer i's output (a route or shortcut between them has an
        index of its own): an input that is not the row above's output (as rebuilt) is
        wrong."""
        idx, ins, outs = int(m.group("idx")), _ints(m, "i"), _ints(m, "o")
        fixed = [c for c in got if isinstance(c, Claim) and c.kind == "shape"]
        if any(c.verdict == "wrong" for c in fixed):
            outs = [int(x) for x in fixed[0].actual.split(" x ")]
        elif not fixed:
            outs = []  # unsure of this row's output: the next row is not judged by it
        prev, self.prev = self.prev, ((idx, outs) if outs else None)
        if prev is None or idx != prev[0] + 1 or ins == prev[1]:
            return []
        shown = " x ".join(map(str, prev[1]))
        return [self._claim(number, m, "iw", " x ".join(map(str, ins)), shown, False,
                            "shape", f"layer {idx} reads layer {prev[0]}'s output, {shown}")]

    # ------------------------------------------------------------------ rows
    def _claim(self, number: int, m: re.Match, group: str, claimed: str, actual: str,
               ok: bool, kind: str, how: str) -> Claim:
        edits = () if ok else (Edit(number, m.start(group), m.end(group), actual),)
        text = " ".join(m.group(0).split())[:100]
        return Claim(number, text, kind, claimed, actual, "right" if ok else "wrong", how,
                     edits, actual)

    def _shape(self, number: int, m: re.Match, outs: list[int], want: list[list[int]],
               unsure: bool, how: str) -> list[Claim | Skip]:
        claimed = " x ".join(map(str, outs))
        if outs in want:
            return [self._claim(number, m, "out", claimed, claimed, True, "shape", how)]
        if unsure:
            return [Skip(number, " ".join(m.group(0).split())[:100],
                         "unsure: a darknet output that another padding could give")]
        shown = " x ".join(map(str, want[0]))
        return [self._claim(number, m, "out", claimed, shown, False, "shape", how)]

    def _conv(self, number: int, m: re.Match) -> list[Claim | Skip]:
        w, h, c = _ints(m, "i")
        n, k, s = int(m.group("n")), int(m.group("k")), int(m.group("s"))
        g = int(m.group("g") or 1)
        d = int(m.group("d") or 1)
        if int(m.group("k2")) != k or s < 1 or g < 1 or c % g:
            return []
        span = d * (k - 1) + 1
        outs = _ints(m, "o")

        def side(x: int, pad: int) -> int:
            return (x + 2 * pad - span) // s + 1

        want = [[side(w, p), side(h, p), n] for p in (k // 2 * d, 0)]
        others = {(side(w, p), side(h, p)) for p in range(span)}
        got = self._shape(number, m, outs, want, tuple(outs[:2]) in others and outs[2] == n,
                          f"conv {k}x{k}/{s}" + (f" dilation {d}" if d > 1 else "") +
                          f" on {w} x {h}: (w + 2·pad - {span}) / {s} + 1, pad {k // 2 * d} "
                          f"(darknet's pad=1) or 0; {n} filters")
        ow, oh = outs[0], outs[1]
        return got + self._bf(number, m, 2 * n * k * k * (c // g) * ow * oh,
                              f"2 x {n} x {k}x{k} x {c // g} x {ow} x {oh} / 10^9 "
                              "(darknet's BFLOPs: a multiply-add is 2)")

    def _pool(self, number: int, m: re.Match) -> list[Claim | Skip]:
        w, h, c = _ints(m, "i")
        k, s = int(m.group("k")), int(m.group("s"))
        if int(m.group("k2")) != k or s < 1:
            return []
        outs = _ints(m, "o")
        want = [[(w + k - 1 - k) // s + 1, (h + k - 1 - k) // s + 1, c]]
        others = {((w + p - k) // s + 1, (h + p - k) // s + 1) for p in range(2 * k)}
        got = self._shape(number, m, outs, want, tuple(outs[:2]) in others and outs[2] == c,
                          f"{m.group('kind')} {k}x{k}/{s} on {w} x {h}: (w + {k - 1} - {k})"
                          f" / {s} + 1 (darknet's padding = size - 1); channels kept")
        return got + self._bf(number, m, k * k * c * outs[0] * outs[1],
                              f"{k}x{k} x {c} x {outs[0]} x {outs[1]} / 10^9 "
                              "(darknet's pooling BF)")

    def _bf(self, number: int, m: re.Match, ops: int, how: str) -> list[Claim | Skip]:
        """The row's BF figure, if printed: ``ops`` / 10^9 to the places printed."""
        bf = m.group("bf")
        if bf is None:
            return []
        self.bf.append(bf)
        value = Fraction(ops, 10**9)
        shown = f"{float(value):.{_places(bf)}f}"
        return [self._claim(number, m, "bf", bf, shown, _rounds(value, bf), "flops", how)]

    def _upsample(self, number: int, m: re.Match) -> list[Claim | Skip]:
        f = int(m.group("f"))
        w, h, c = _ints(m, "i")
        return self._shape(number, m, _ints(m, "o"), [[w * f, h * f, c]], False,
                           f"upsample x{f}: each side times {f}, channels kept")

    # ------------------------------------------------------------------ total
    def _total(self, number: int, m: re.Match) -> list[Claim | Skip]:
        if not self.complete or not self.bf:
            return []
        text = m.group("t")
        got = sum((Fraction(b) for b in self.bf), Fraction(0))
        slack = sum((Fraction(1, 2 * 10**_places(b)) for b in self.bf), Fraction(0)) + \
            Fraction(1, 2 * 10**_places(text))
        ok = abs(Fraction(text) - got) <= slack
        shown = f"{float(got):.{_places(text)}f}"
        self.complete = False
        if Fraction(text) > got + slack:  # a layer whose BF was not printed may add to it
            return [Skip(number, " ".join(m.group(0).split()),
                         f"unsure: more than the {len(self.bf)} BF figures above ({shown}); "
                         "a layer that printed none may add to the total")]
        return [Claim(number, " ".join(m.group(0).split()), "flops", text, shown,
                      "right" if ok else "wrong",
                      f"the sum of the {len(self.bf)} BF figures above "
                      f"(within their rounding)",
                      () if ok else (Edit(number, m.start("t"), m.end("t"), shown),), shown)]
