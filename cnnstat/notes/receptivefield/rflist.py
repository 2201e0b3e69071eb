"""A receptive field worked down a network set out as lines, a layer a line (a numbered
or bulleted list, or plain lines), each naming its layer and window in words and stating
the field (and the jump) after it::

    1. Conv 7x7/2: RF 7, jump 2            - conv1 (3x3, stride 1): RF = 3, j = 1
    2. MaxPool 3x3/2: RF 11, jump 4        - pool1 (2x2, stride 2): RF = 4, j = 2
    3. LRNorm: RF 11, jump 4               RF after conv2 (3x3, s=1): 8
    합성곱 3x3, 스트라이드 1 → 수용 영역 19, 점프 4

Each line is a row of a layer table (its layer's words; its field; its jump; the figures
before the layer where the labels say so, ``r_in``, ``j_in``), and the rows so far are
judged as ``layertable`` judges a table: the window read from the words
(``layercols.layer``), the true chain grown by the analysis's rule (``analysis.grow``)
from a field and a jump of 1, a row that keeps the field (ReLU, LRN, a norm) passed
through, a row it cannot rebuild (no window, an Inception module, a conv with no stride
stated) ending the judging. A line between the rows holding only a layer that keeps the
field (``- ReLU``) is a row without figures; any other line ends the list, and so does a
blank line more. Nothing is judged where the list's first figure does not fit the chain
(it starts inside a network, or counts another way), nor on a line that states two
fields or names two windows (two layers on one line).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.layerforms import layercols, layerfields, layertable
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.precedence import Supersede
from cnnstat.notes.signs import Gated

_MARK = re.compile(r"\s*(?:(?P<bullet>[-*+•])\s+|\(?(?P<n>\d{1,3})(?P<close>[.)])\s+)?")
# a label and its figure: "RF 7", "RF = 7", "receptive field: 7x7", "r_out = 7",
# "jump 2", "j = 2", "수용 영역 7", "점프 2", "RF after conv1 (7x7/2): 7"
_LABEL = re.compile(r"(?<![A-Za-z0-9_])(?:(?P<rf>r\.?f\.?|receptive[\s_-]*field(?:\s+size)?|"
                    r"수용\s*영역|r(?=[\s_]*(?:\(?(?:in|out)\b|[=:])))|"
                    r"(?P<j>jump|점프|j(?=[\s_]*(?:\(?(?:in|out)\b|[=:]))))"
                    r"(?:[\s_]*\(?(?P<io>in|out|input|output)\)?(?![A-Za-z]))?"
                    r"(?:\s+(?:after|of|at)\s+(?P<named>[^:=;]{1,40}?)\s*(?:[=:：]|\bis\b)|"
                    r"\s*(?:[=:：]|->|→|\bis\b|(?=\d)))\s*", re.I)
_CLAUSE = re.compile(r"[^,;|]*")
_WINDOW = re.compile(r"\d\s*[x×]\s*\d")
_TRAIL = re.compile(r"[\s:,;=|(\-–—>→]+$")
GAP = 2  # a list's rows are on consecutive lines, or a blank line apart
MAX_ROWS = 60
_HEAD = {"rf": "RF", "j": "jump", "rf_in": "RF (in)", "j_in": "jump (in)"}


def _style(raw: str) -> tuple[str, int]:
    """How a line is marked as an item (its bullet, or a number's closing mark; ``""``
    for none) and its number (0 for none)."""
    mark = _MARK.match(raw)
    return mark.group("bullet") or mark.group("close") or "", int(mark.group("n") or 0)


# under a line about the receptive field, a row without its label: "after 2.MaxPool 3x3/2: 11"
_AFTER = re.compile(r"(?:after|past)\s+(?P<named>[^:=;]{1,40}?)\s*[:=]\s*", re.I)
_FIELD_WORDS = Gated(("receptive", "rf", "수용"),
                     r"receptive\s*field|(?<![A-Za-z])RF(?![A-Za-z])|수용\s*영역", re.I)
_OTHER_WORDS = Gated(("output", "size", "shape", "param", "flop", "mac", "출력", "크기", "파라미터"),
                     r"output|size|shape|param|flop|mac|출력|크기|파라미터", re.I)
LEAD = 12  # lines a lead about the field reaches down


def _row(raw: str, led: bool = False
         ) -> tuple[str, tuple[int, int], dict[str, tuple[str, int, int]]] | None:
    """A line's layer words (and where they stand) and its labelled figures by role (with
    ``led``, under a line about the field, ``after <layer>: <figure>`` too); None for a
    line that is no such row."""
    body_at = _MARK.match(raw).end()
    bare = _AFTER.match(raw, body_at) if led else None
    if bare is not None:
        clause = _CLAUSE.match(raw, bare.end()).group(0).rstrip()
        if clause.strip() and clause == raw[bare.end():].rstrip() and \
                layercols.value(clause) is not None and len(_WINDOW.findall(bare["named"])) < 2:
            return bare["named"].strip(), (bare.start("named"), bare.end("named")), {
                "rf": (clause, bare.end(), bare.end() + len(clause))}
    figures: dict[str, tuple[str, int, int]] = {}
    words, where = None, (body_at, body_at)
    for m in _LABEL.finditer(raw, body_at):
        role = "rf" if m.group("rf") else "j"
        if (m.group("io") or "out").lower().startswith("in"):
            role += "_in"
        clause = _CLAUSE.match(raw, m.end()).group(0).rstrip()
        if role in figures or layercols.value(clause) is None or not clause:
            return None  # two fields on one line, or a label with no figure after it
        figures[role] = (clause, m.end(), m.end() + len(clause))
        if words is None:
            words = _TRAIL.sub("", raw[body_at:m.start()])
            if not words.strip() and m.group("named"):
                words, where = m.group("named"), (m.start("named"), m.end("named"))
            else:
                where = (body_at, body_at + len(words))
    if words is None:  # no figure: a layer that keeps the field, alone on its line
        words = raw[body_at:].strip()
        if len(words) > 30 or layercols.layer(words).kind != "pass" or re.search(r"\d", words):
            return None
        return words, (body_at, body_at + len(words)), figures
    if not words.strip() or len(words) > 60 or len(_WINDOW.findall(words)) > 1:
        return None
    return words.strip(), where, figures


class Chain:
    """The list being read: its rows, each (line, layer cell, figures by role)."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, tuple[str, int, int], dict]] = []
        self.last = 0
        self.style = ("", 0)  # the last row's mark and number
        self.lead = -LEAD - 1  # the last line that spoke of the field and was no row

    def check_line(self, number: int, raw: str, table: bool = False, named=None
                   ) -> list[Claim | Skip]:
        """The line's claims; ``named``: the note's named network (``breakdown``), which
        judges a row that names a layer of it and no window (``- conv3_1: RF 24``)."""
        led = number - self.lead <= LEAD
        got = None if table or "|" in raw else _row(raw, led)
        if got is None and _FIELD_WORDS.search(raw):
            self.lead = number  # "Receptive field, layer by layer:" over the rows
        elif got is None and _OTHER_WORDS.search(raw):
            self.lead = -LEAD - 1  # "Output sizes:": the rows below are of another figure
        style = _style(raw)
        if got is None or number - self.last > GAP or style[0] != self.style[0] or (
                style[1] and style[1] != self.style[1] + 1):
            self.rows = []  # another list: another mark, or its numbers start again
        self.style = style
        if got is None:
            return []
        words, (a, b), figures = got
        if not self.rows:
            lay = layercols.layer(words)
            if not figures or (lay.k is None and lay.kind != "input"):
                if lay.k is None and named is not None and set(figures) == {"rf"}:
                    return named.row(number, [words, figures["rf"][0]], ["layer", "RF"])
                return []  # a list opens at a layer it can read
        self.rows.append((number, (raw[a:b], a, b), figures))
        self.last = number
        if len(self.rows) > MAX_ROWS:
            self.rows = []
            return []
        return self._judge(number)

    def _judge(self, number: int) -> list[Claim | Skip]:
        roles = [r for r in _HEAD if any(r in f for _, _, f in self.rows)]
        if not roles or len(self.rows) < 2 and not any(
                "rf" in f or "rf_in" in f for _, _, f in self.rows):
            return []
        head = [("layer", 0, 0)] + [(_HEAD[r], 0, 0) for r in roles]
        rows = [(line, [cell] + [f.get(r, ("", 0, 0)) for r in roles])
                for line, cell, f in self.rows]
        got = [c for c in layertable.check([(0, head)] + rows)
               if isinstance(c, Claim) and c.kind == "receptive field"]
        # the list's first figure of each role fits the chain, or nothing is judged
        for label in ("RF", "jump"):
            first = [c for c in got if f"{label} " in c.text and c.line == min(
                (x.line for x in got if f"{label} " in x.text), default=0)]
            if first and first[0].verdict != "right":
                return []
        chained = any("j" in f or "j_in" in f for _, _, f in self.rows)
        return [c if chained or c.verdict != "wrong" or c.claimed != str(
            self._alone(self.rows[-1][1][0])) else
            Skip(number, c.text, "unsure: the field this layer gives alone; the list may "
                                 "give each layer's own, not a chain's")
            for c in got if c.line == number]

    @staticmethod
    def _alone(words: str) -> int | None:
        """The field of the row's layer alone, on the input (``layerfields.chain``)."""
        lay = layercols.layer(words)
        if lay.k is None:
            return None
        one = layercols.Layer(0, [], lay.k, lay.s or 1, lay.p, lay.d or 1, lay.kind)
        return layerfields.chain([one])["rf"][0][1]


CONFIDENCE = 0.8  # the layers are read from a line's words, not from a table's columns

# the reader of this module (``registry.READERS`` takes it in this place): every line,
# its state the list being read
READERS = [
    Reader("receptive field down a list", "every",  # "2. MaxPool 3x3/2: RF 11, jump 4"
           lambda at: at.state.rf_list.check_line(at.line.number, at.line.raw,
                                                  at.line.kind == "table", at.state.breakdown),
           confidence=CONFIDENCE,
           # a field written as a square ("receptive field 7×7" then "11×11") is no map
           supersedes=tuple(Supersede(r) for r in (
               "labelled walkthrough", "walkthrough", "continuity", "step"))),
]
