"""A named network's figures set out layer by layer: a breakdown.

Notes list what each layer (or each group of layers) of a network they have named holds,
as a table or as aligned ``label : figure`` lines::

    Layer | Parameters                     conv3-64  x 2   : 38,720
    conv1 (7x7, s2) | 9,408                fc1             : 102,764,544
    Layer1 (3 blocks) | 215,808            TOTAL           : 138,357,544
    | C1 | Conv | 6 | 5x5 | 28x28 | 156 |  Conv-1 | 55x55x96 | 96*(11*11*3+1) | 55*55*96*363
    the first conv layer has 9,408 parameters   (the n-th layer of a kind, in one clause)

A grouped conv's figures are also right counted as one ungrouped layer (AlexNet's two
halves are often written as one). The label names rows of the bundled spec (``cnnstat.analysis.walk_rows`` at the spec's
input): a layer or scope by its name (``conv1``, ``layer1``, ``C1``), the n-th layer of a
kind (``Conv-1``, ``MaxPool-2``, ``FC-3``), VGG's ``conv3-64 x 2`` (the next two 3x3
convs with 64 filters), or the whole network (``Total``). What a figure counts comes from
its column's heading (parameters; operations, FLOPs or MACs; output size), else from the
nearest line above that speaks of parameters or operations. A figure is right when it
agrees with a spec the network's name means, wrong when it agrees with none and another
figure of the same breakdown (or row) agreed before it (else the note may set out another
variant); a label no spec has, or a figure whose quantity is not said, is not judged.
The n-th layer of a kind and its figure, in one clause, are read by ``nthparams``.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.modelfacts import nthparams, specrows
from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.factjudge import made_after
from cnnstat.notes.modelfacts.models import mentions, resolve
from cnnstat.notes.arithmetic.arithunits import rounded
from cnnstat.notes.reading.numbers import agrees, cell_value
from cnnstat.notes.signs import Gated

_PARAMS = Gated(("param", "파라미터", "매개", "weights"), r"param|파라미터|매개\s*변수|weights",
                re.I)
# a word of its own: "ptflops" and "thop" name tools with conventions of their own
_OPS = Gated(("ops", "operation", "flop", "mac", "mult", "연산", "곱셈"),
             r"\bops\b|operations|(?<![A-Za-z])flops?\b|\bmacs?\b|\bmult|연산|곱셈", re.I)
# "the receptive field at each layer is ...": the figures below are receptive fields
_RF = Gated(("receptive", "rf", "수용"), r"receptive\s*field|(?<![A-Za-z])RF(?![A-Za-z])|"
            r"수용\s*(?:영역|야|장)", re.I)
_OUTPUT = re.compile(r"output|출력|shape|feature\s*map|size", re.I)
_FLOPS = re.compile(r"flop", re.I)
_ROW = re.compile(r"^\s*(?:[-*+•]\s+)?(?P<label>[A-Za-z][\w.\- ]{0,30}?(?:\s*[x×]\s*\d{1,2})?)"
                  r"(?:\s*\([^()]{0,30}\))?\s*[:|]\s*(?P<rest>.+)$")


def _row(raw: str) -> re.Match | None:
    """``_ROW.match(raw)``; a line without its ':' or '|' is not tried."""
    return _ROW.match(raw) if ":" in raw or "|" in raw else None


_KIND = re.compile(r"^(conv|maxpool|avgpool|pool|fc|dense|linear)[-_ ]?(\d{1,2})$")
_STAGED = re.compile(r"^conv(\d)[_-](\d)$")
_VGG = re.compile(r"^conv(\d)-(\d{2,4})\s*[x×]\s*(\d{1,2})$")
_TOTAL = re.compile(r"^(?:total|합계|총계|전체|sum)$", re.I)
_SHAPE = re.compile(r"^(\d{1,4})\s*[x×]\s*(\d{1,4})(?:\s*[x×]\s*(\d{1,5}))?$")
_TYPES = {"conv": "conv", "maxpool": "maxpool", "avgpool": "avgpool", "pool": "pool",
          "fc": "linear", "dense": "linear", "linear": "linear"}
_DIGIT = re.compile(r"[0-9]")
_NEURONS = Gated(("neurons", "뉴런", "units"), r"neurons|뉴런|units\s+(?:in|per)\s+(?:each\s+)?layer", re.I)
_LIST = re.compile(r"[0-9][0-9,]*(?:\s*[–—-]+\s*[0-9][0-9,]*){3,}")
_FIGURE_CELL = re.compile(r"[\d(]")
_RULE_CELL = re.compile(r":?-+:?")
_EMPTY_CELL = re.compile(r":?-*:?")
WINDOW = 15  # lines a "parameters" line above sets the quantity for


class _Net(NamedTuple):
    specs: tuple[str, ...]
    generic: bool


class Breakdown:
    def __init__(self) -> None:
        self.net: _Net | None = None
        self.header: list[str] | None = None
        self.context: tuple[str, int] | None = None  # ("params" | "ops", line)
        self.cursor: dict[str, int] = {}
        # figures of this breakdown that agreed (a wrong one needs one); the spec rows a
        self.agreed, self.seen = 0, None  # table's labels named so far (``table``)

    # ------------------------------------------------------------------ lines
    def check_line(self, number: int, raw: str, masked: str) -> list[Claim]:
        row: re.Match | None | bool = False  # _row(raw), matched once when asked
        found = mentions(masked)
        if len({m.family for m in found}) == 1 and not (row := _row(raw)):
            res = resolve(found[0])
            if made_after(found[0], masked):  # "an example inspired by LeNet-5": not its rows
                self.net = None
            elif res.specs and (self.net is None or set(res.specs) != set(self.net.specs)):
                self.net = _Net(tuple(res.specs), res.generic)
                self.cursor, self.agreed = {}, 0
        params, ops = _PARAMS.search(masked), _OPS.search(masked)
        if _RF.search(masked) and not params and not ops and \
                not (row := _row(raw) if row is False else row):
            self.context = ("rf", number)
        elif self.context is not None and self.context[0] == "rf" and \
                _OUTPUT.search(masked) and not (row := _row(raw) if row is False else row):
            self.context = None  # "output sizes of the same layers:": no longer fields
        elif params and not ops:
            self.context = ("params", number)
        elif ops and not params:
            self.context = ("ops", number)
        if self.net is None and "|" not in raw:
            # no network named: nothing to claim (every claim below needs one); what the
            # line changes is the table heading, ended by a line of prose
            if raw.strip():
                self.header = None
            return []
        digits = _DIGIT.search(masked) is not None
        if self.net is not None and digits and _NEURONS.search(masked):
            listed = _LIST.search(masked)
            if listed is not None:
                return self._neurons(number, listed)
        if self.net is not None and digits and nthparams.said(masked):
            return self._ordinal(number, masked)
        if "|" in raw:
            cells = [c.strip() for c in raw.strip().strip("|").split("|")]
            if not any(_FIGURE_CELL.match(c) for c in cells[1:]) and \
                    not any(_RULE_CELL.fullmatch(c) for c in cells):
                self.header, self.agreed = cells, 0
                return []
            if all(_EMPTY_CELL.fullmatch(c) for c in cells):
                return []
        else:
            m = (_row(raw) if row is False else row) if digits else None
            if m is None or not re.match(r"\s*[0-9]", m.group("rest")):
                if raw.strip():
                    self.header = None if "|" not in raw else self.header
                return []
            cells = [m.group("label"), m.group("rest")]
            self.header = None
        return self.row(number, cells, self.header)

    def _neurons(self, number: int, listed: re.Match) -> list[Claim]:
        """``253,440–186,624–64,896–...``: the units of each weight layer in turn (its
        output's elements), from the first; right when a spec gives every one."""
        stated = [int(x.replace(",", "")) for x in re.findall(r"[0-9][0-9,]*[0-9]|[0-9]",
                                                             listed.group(0))]
        best = None
        for spec in self.net.specs:
            rows = [r for r in (specrows.walk(spec) or []) if r.params and r.kind is not None
                    and r.type in ("conv", "linear")]
            if len(rows) < len(stated):
                continue
            units = [specrows.elements(r.output) for r in rows[:len(stated)]]
            same = sum(a == b for a, b in zip(units, stated))
            if best is None or same > best[0]:
                best = (same, spec, units)
        if best is None or best[0] * 2 < len(stated):
            return []  # most do not match: another network, or not its units
        same, spec, units = best
        text = listed.group(0).strip()
        if same == len(stated):
            return [Claim(number, text, "model", text, text, "right",
                          f"{spec}: the output elements of each weight layer")]
        k = next(i for i, (a, b) in enumerate(zip(units, stated)) if a != b)
        return [Claim(number, text, "model", f"{stated[k]:,}", f"{units[k]:,}", "wrong",
                      f"{spec}: weight layer {k + 1} has {units[k]:,} units (its output's "
                      f"elements), not {stated[k]:,}")]

    def _ordinal(self, number: int, masked: str) -> list[Claim]:
        """``첫 번째 convolution layer의 parameter 수가 2.7k``: the n-th layer of a kind,
        its parameters and a figure, in one clause (``nthparams``), judged."""
        out: list[Claim] = []
        for one in nthparams.clauses(masked, self.net.specs, _OPS):
            got = self._judge(number, one.label, one.figure, "params", one.groups,
                              len(one.groups) < len(self.net.specs), one.about)
            if got is not None and cell_value(one.figure)[0] is not None:
                out.append(got)
        return out

    def table(self, rows: list, cells_of) -> list[Claim]:
        """A markdown table's rows, its first row the heading."""
        from cnnstat.notes.text import is_separator_row

        body = [r for r in rows if not is_separator_row(r)]
        if len(body) < 2 or self.net is None:
            return []
        header = [c[0] for c in cells_of(body[0])]
        self.agreed, self.seen = 0, set()
        out: list[Claim] = []
        for row in body[1:]:
            out += self.row(row.number, [c[0] for c in cells_of(row)], header)
        self.seen = None
        return out

    # ------------------------------------------------------------------ one row
    def row(self, number: int, cells: list[str], header: list[str] | None) -> list[Claim]:
        if self.net is None or len(cells) < 2:
            return []
        label = re.sub(r"\s*\([^()]*\)\s*$", "", cells[0]).strip()
        whats = [self._quantity(header[i] if header and i < len(header) else None, number)
                 for i in range(1, len(cells))]
        if not any(whats) and not _VGG.match(label.lower().replace(" ", "")):
            return []  # no figure says what it counts (and no VGG group moves the cursor)
        everything = "(all)" in cells[0].lower()
        groups = {spec: self._rows(spec, label, everything) for spec in self.net.specs}
        if not any(groups.values()) and self.agreed >= 2:  # a run under way: "covv3_3"
            label = specrows.respelt(label)
            groups = {spec: self._rows(spec, label, everything) for spec in self.net.specs}
        # "relu (49)": a kind counted over its rows; the rows the label finds must be as many
        count = re.search(r"\(\s*([0-9]{1,4})\s*\)\s*$", cells[0])
        groups = {s: g for s, g in groups.items()
                  if g and (count is None or len(g) == int(count.group(1)))
                  and specrows.as_glossed(g, cells[0])}
        if not groups:
            return []
        again = self.seen is not None and specrows.again(self.seen, groups)
        claims = []
        for cell, what in zip(cells[1:], whats):
            if what is None:
                continue
            cell = cell.split("#")[0].strip()
            got = self._judge(number, label, cell, what, groups, len(groups) <
                              len(self.net.specs))
            if got is not None and again and got.verdict == "wrong":
                continue  # a label written again ("CONV3" thrice): which layer is unsure
            if got is not None and got.verdict == "right":
                self.agreed += self.agreed >= 0
            elif got is not None and self.agreed <= 0:
                # nothing agreed yet: maybe another variant, whose figures then never stand
                # as wrong, though one agrees later (LeNet-5's 10x10x16 with 8 channels in)
                self.agreed = -1
                continue
            if got is not None:
                claims.append(got)
        if claims and header is None and self.context is not None:
            self.context = (self.context[0], number)  # a run of rows keeps its quantity
        return claims

    def _quantity(self, head: str | None, number: int) -> str | None:
        if head is not None:
            if _RF.search(head):
                return "rf"
            if _PARAMS.search(head):
                return "params"
            if _OPS.search(head):
                return "flops" if _FLOPS.search(head) else "ops"
            if _OUTPUT.search(head) and not re.search(r"input|입력", head, re.I):
                return "output"
            return None
        if self.context is not None and number - self.context[1] <= WINDOW:
            return self.context[0]
        return None

    def _rows(self, spec: str, label: str, everything: bool) -> list:
        rows = specrows.walk(spec)
        if rows is None:
            return []
        key = re.sub(r"[-_ ]", "", label.lower())
        if _TOTAL.match(key):
            return list(rows)
        named = specrows.named(spec, key, label.lower() + ".")
        if named:
            return named
        if everything and key in ("batchnorm", "bn"):
            return [r for r in rows if r.type == "bn"]
        m = _STAGED.match(label.lower())
        if m and spec.startswith("vgg"):  # VGG's conv3_2: the 2nd conv of the 3rd stage
            stage, convs = 1, []
            for r in rows:
                if r.type == "maxpool":
                    stage += 1
                elif r.type == "conv" and stage == int(m.group(1)):
                    convs.append(r)
            n = int(m.group(2))
            return [convs[n - 1]] if 0 < n <= len(convs) else []
        if m:
            return []  # "conv2_1" of another family: a block's layer, not the 21st conv
        m = _KIND.match(key)
        if m:
            kind = _TYPES[m.group(1)]
            of_kind = [r for r in rows if kind in r.type and r.kind is not None]
            n = int(m.group(2))
            return [of_kind[n - 1]] if 0 < n <= len(of_kind) else []
        m = _VGG.match(label.lower().replace(" ", ""))
        if m:
            width, count = int(m.group(2)), int(m.group(3))
            start = self.cursor.get(spec, 0)
            picked = [i for i in range(start, len(rows)) if rows[i].type == "conv"
                      and rows[i].output[0] == width][:count]
            if count and len(picked) == count:
                self.cursor[spec] = picked[-1] + 1
                return [rows[i] for i in picked]
        return []

    def _judge(self, number: int, label: str, cell: str, what: str, groups: dict,
               partial: bool, about: bool = False) -> Claim | None:
        shape = _SHAPE.match(cell)
        if what == "rf":
            return self._field(number, label, cell, groups, partial)
        if what == "output":
            if shape is None:
                return None
            dims = [int(g) for g in shape.groups() if g]
            # "55x55x96" is H x W x C; "28x28" the height and width alone
            stated = (dims[-1], dims[0], dims[1]) if len(dims) == 3 else tuple(dims)
            verdicts = {s: g[-1].output for s, g in groups.items()}
            ok = [s for s, g in groups.items() if any((out if len(dims) == 3 else out[1:])
                                                      == stated for out in specrows.outputs(s, g[-1]))]
            shown = "x".join(map(str, (o := tuple(next(iter(verdicts.values()))))[1:] + o[:1]))
            return self._claim(number, label, cell, ok, verdicts, partial, shown, what)
        if shape is not None and "x" in cell.lower() and not re.search(r"[*(+]", cell):
            return None  # a kernel or a size in a figure's column
        value, written = cell_value(cell)
        if value is None:
            return None
        written = rounded(written) if about and written else written  # "약": to its digits
        sums = {}
        for s, g in groups.items():
            if what == "params":
                sums[s] = tuple(Fraction(sum(specrows.params(r, one) for r in g)) for one in (0, 1))
            else:
                macs = [Fraction(sum(specrows.macs(r, one) for r in g)) for one in (0, 1)]
                sums[s] = tuple(macs) + ((2 * macs[0], 2 * macs[1])
                                         if what in ("ops", "flops") else ())
        ok = [s for s, vals in sums.items()
              if any(v == value if written is None else agrees(v, written) for v in vals)]
        shown = f"{int(next(iter(sums.values()))[0]):,}"
        return self._claim(number, label, cell, ok, sums, partial, shown, what)

    def _field(self, number: int, label: str, cell: str, groups: dict,
               partial: bool) -> Claim | None:
        """A receptive field written beside a layer's name ("pool2: 16x16", "conv3_1: 24"),
        against the field the spec's rows grow to at that layer (``analysis`` walks them)."""
        m = re.fullmatch(r"(\d{1,4})(?:\s*[x×]\s*(\d{1,4}))?(?:\s*(?:pixels?|px|픽셀))?", cell)
        if m is None:
            return None
        h = int(m.group(1))
        w = int(m.group(2)) if m.group(2) else h
        fields = {s: tuple(g[-1].rf) for s, g in groups.items()}
        ok = [s for s, rf in fields.items() if tuple(rf) == (h, w)]
        rf = next(iter(fields.values()))
        shown = f"{rf[0]}x{rf[1]}" if m.group(2) else str(rf[0])
        return self._claim(number, label, cell, ok, fields, partial, shown, "rf")

    def _claim(self, number, label, cell, ok, seen, partial, shown, what) -> Claim | None:
        if not ok and partial and self.agreed < 2:
            return None  # a label only some specs have: unsure, unless the rows before
            # agreed with the specs that have it (a breakdown under way, "conv4_3" of VGG)
        spec = ok[0] if ok else next(iter(seen))
        name = {"params": "parameters", "ops": "multiply-adds (or FLOPs)",
                "flops": "FLOPs (or multiply-adds)", "output": "output",
                "rf": "receptive field"}[what]
        kind = "receptive field" if what == "rf" else "model"
        return Claim(number, f"{label}: {cell}", kind, cell, shown if not ok else cell,
                     "right" if ok else "wrong",
                     f"{spec}: {label} has {shown} {name}" if not ok else
                     f"{spec}: {label}'s {name} (layer algebra)")

