"""A named network's shapes traced at a stated input size, one layer a line.

Notes print or copy a network's feature maps a line at a time, after naming the network
and its input::

    ResNet-18 at 256 pixels                      (the network: a heading or a short line)
    input shape: torch.Size([1, 3, 256, 256])    (the input, batch first)
    conv1 shape: torch.Size([1, 64, 128, 128])   (a layer's name, then its output)
    Conv3x3(64) + ReLU (batch, 64, 224, 224)     (a layer in words, then its output)

The network is walked with the layer algebra (``analysis.walk_rows``) from the bundled
spec at that input. A line whose first word is one of the spec's layer names (``conv1``,
``layer2``, ``fc``) is judged against that layer's output: wrong only when it agrees with
no spec the name means, and only after an earlier map of the trace agreed (a first map
that disagrees says the note traces another variant: the trace stops). A line without such a name is right when its map is the output
of a layer after the one the last line matched. Else, when the line names the layer's
kind (``Conv3x3(128)``, ``MaxPool``, ``Linear``), the next layer of that kind with the
channels the line states gives another size: wrong. Otherwise it is not judged (the note
may skip layers or describe another variant).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import mentions, resolve

# a map with its batch first: torch.Size([1, 64, 55, 55]), (batch, 64, 224, 224), (N, 16, 14, 14)
_MAP = re.compile(r"(?:torch\.Size\(\s*\[?|[\[(])\s*(?P<batch>[0-9]{1,4}|batch(?:_size)?|N|B|bs|None)"
                  r"\s*,\s*(?P<dims>[0-9]{1,6}(?:\s*,\s*[0-9]{1,6}){0,3})\s*[\])]\)?")
_INPUT = re.compile(r"^\W*(?:input|입력)(?:\s*(?:shape|size|크기))?\s*[:=]", re.I)
_NAME = re.compile(r"^\W*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:shape|output|out)?\s*[:=]?\s*", re.I)
_ANY = re.compile(r"[\[(]\s*(?:[0-9]|batch|N\b|B\b|bs\b|None)", re.I)
_CHAIN = re.compile(r"(?<![0-9x×.(])[0-9]{1,4}(?:\s*(?:→|->)\s*[0-9]{1,4}(?![0-9x×.(]))"
                    r"{2,40}")
_KIND = re.compile(r"conv|pool|linear|dense|fc", re.I)
_KINDS = {"conv": "conv", "pool": "pool", "linear": "linear", "dense": "linear", "fc": "linear"}
MAX_ROWS = 4000  # a bigger network is not traced


class _Net(NamedTuple):
    specs: tuple[str, ...]
    line: int


@lru_cache(maxsize=256)
def spec_input(spec: str) -> tuple[int, ...] | None:
    """A bundled spec's own input (channels, height, width); None where it does not load."""
    from cnnstat.models.zoo import load_bundled

    try:
        return tuple(load_bundled(spec).input)
    except Exception:  # noqa: BLE001 - a spec that does not load
        return None


@lru_cache(maxsize=64)
def _walked(spec: str, dims: tuple[int, ...]) -> tuple | None:
    """A bundled spec's rows at the input ``dims`` (remembered: notes name the same
    network at the same input again and again); None where it does not take it."""
    from cnnstat.analysis import walk_rows
    from cnnstat.models.zoo import load_bundled

    try:
        return tuple(walk_rows(load_bundled(spec), dims))
    except Exception:  # noqa: BLE001 - a network that does not take this input
        return None


class Trace:
    """The network the note names last and the trace in progress."""

    def __init__(self) -> None:
        self.net: _Net | None = None
        self._rows: dict[str, list] = {}  # spec -> rows at the stated input
        self._pending: tuple[str, ...] = ()  # specs whose rows are walked when first asked
        self.cursor: dict[str, int] = {}
        self.input: tuple[int, ...] | None = None
        self.agreed = 0  # maps of this trace the spec gave: a wrong one needs one before

    def _name(self, masked: str, number: int) -> None:
        """A line that names one network: the next input line traces it."""
        found = mentions(masked)
        if len({(m.family, m.key) for m in found}) != 1:
            return
        res = resolve(found[0])
        if not res.generic and res.specs:
            self.net = _Net(tuple(res.specs), number)

    def check_line(self, number: int, raw: str, masked: str | None = None
                   ) -> tuple[list[Claim], list[Skip]]:
        """``masked``: the line with markup blanked (the same length as ``raw``)."""
        masked = raw if masked is None else masked
        self._name(masked, number)
        if self.net is None:
            return [], []
        if "→" in masked or "->" in masked:
            chain = _CHAIN.search(masked)
            if chain is not None:
                return self._sizes(number, chain), []
        if not _ANY.search(masked):
            return [], []
        # a call's arguments are no map: MaxPool2d(2, 2), Linear(4096, 1000)
        found = [m for m in _MAP.finditer(masked)
                 if m.group(0).startswith("torch") or not m.start()
                 or not (masked[m.start() - 1].isalnum() or masked[m.start() - 1] == "_")]
        if len(found) != 1:
            return [], []
        m = found[0]
        dims = tuple(int(x) for x in re.split(r"\s*,\s*", m.group("dims")))
        if _INPUT.match(masked) and len(dims) == 3:
            self._start(dims)
            return [], []
        if not self.rows:
            return [], []
        name = _NAME.match(masked)
        ident = name.group(1) if name and name.end(1) <= m.start() else None
        word = _KIND.search(masked, 0, m.start())
        kind = _KINDS[word.group(0).lower()] if word else None
        verdicts = []
        for spec, rows in self.rows.items():
            verdicts.append(self._judge(spec, rows, ident, kind, dims))
        text = (raw if len(raw) == len(masked) else masked)[m.start():m.end()].strip()
        return self.settled(number, text, verdicts), []

    def settled(self, number: int, text: str, verdicts: list) -> list[Claim]:
        """The map's claim from each spec's verdict (``_judge``): right where one spec gives
        it; wrong where every spec judged it wrong after a map of the trace agreed."""
        judged = [v for v in verdicts if v is not None]
        if not judged:
            return []
        right = [v for v in judged if v[0] == "right"]
        if right:
            self.agreed += 1
            spec, row = right[0][1], right[0][2]
            return [Claim(number, text, "shape", text, _show(row.output), "right",
                          f"{spec} at {_show(self.input)}: {row.name}")]
        if len(judged) < len(verdicts):
            return []  # a name only some specs have: unsure
        if not self.agreed:  # the first map disagrees: the note's network is another
            self.rows = {}   # variant (a CIFAR ResNet-18); the trace stops, unjudged
            return []
        spec, row = judged[0][1], judged[0][2]
        return [Claim(number, text, "shape", text, _show(row.output), "wrong",
                      f"{spec} at {_show(self.input)}: {row.name} gives "
                      f"{_show(row.output)} (layer algebra)")]

    def _sizes(self, number: int, chain: re.Match) -> list[Claim]:
        """``224 → 112 → 56 → 28 → 14 → 7``: the network's spatial sizes in turn (a size
        repeated for each layer that keeps it counts once). Right when the network gives
        that run of sizes; else not judged (the chain may follow a part, or a variant)."""
        stated = [int(x) for x in re.findall(r"[0-9]+", chain.group(0))]
        run = [x for k, x in enumerate(stated) if k == 0 or x != stated[k - 1]]
        if len(run) < 3:
            return []
        for spec in self.net.specs:
            dims = self.input
            dims = dims or spec_input(spec)
            if dims is None:
                continue
            rows = _walked(spec, dims) or []
            sizes = [r.output[1] for r in rows if len(r.output) == 3]
            seq = [x for k, x in enumerate(sizes) if k == 0 or x != sizes[k - 1]]
            seq = [dims[1]] + seq if seq and seq[0] != dims[1] else seq
            if any(seq[i:i + len(run)] == run for i in range(len(seq) - len(run) + 1)):
                text = chain.group(0).strip()
                return [Claim(number, text, "shape", text, text, "right",
                              f"{spec} at {_show(dims)}: its maps' sizes in turn")]
        return []

    @property
    def rows(self) -> dict[str, list]:
        if self._pending:  # the specs named at the input, walked at the first map after it
            specs, self._pending = self._pending, ()
            for spec in specs:
                rows = _walked(spec, self.input)
                if rows is not None and len(rows) <= MAX_ROWS:
                    self._rows[spec] = rows
                    self.cursor[spec] = 0
        return self._rows

    @rows.setter
    def rows(self, rows: dict[str, list]) -> None:
        self._rows, self._pending = rows, ()

    def _start(self, dims: tuple[int, ...]) -> None:
        """An input line: the network named is walked at ``dims`` when a map follows (most
        input lines have none after them before the next)."""
        self.rows, self.cursor, self.input, self.agreed = {}, {}, dims, 0
        self._pending = self.net.specs

    def _judge(self, spec: str, rows: list, ident: str | None, kind: str | None,
               dims: tuple[int, ...]):
        if ident is not None:
            i = _scopes(spec, self.input).get(ident)  # a scope's output: its last row's
            if i is not None:
                self.cursor[spec] = i + 1
                return ("right" if tuple(rows[i].output) == dims else "wrong", spec, rows[i])
        for i in range(self.cursor[spec], len(rows)):
            if tuple(rows[i].output) == dims:
                self.cursor[spec] = i + 1
                return ("right", spec, rows[i])
        if kind is None:
            return None
        # no layer gives it: the next layer of the kind the line names, with the
        # channels it states, gives another size
        for i in range(self.cursor[spec], len(rows)):
            out = tuple(rows[i].output)
            if kind in rows[i].type and len(out) == len(dims) and out[0] == dims[0]:
                self.cursor[spec] = i + 1
                return ("wrong", spec, rows[i])
        return None


@lru_cache(maxsize=64)
def _scopes(spec: str, dims: tuple[int, ...]) -> dict[str, int]:
    """Each row name and each scope above it (``layer1``, ``layer1.0``) -> the index of
    its last row."""
    out: dict[str, int] = {}
    for i, r in enumerate(_walked(spec, dims) or ()):
        parts = r.name.split(".")
        for k in range(1, len(parts) + 1):
            out[".".join(parts[:k])] = i
    return out


def _show(shape) -> str:
    return "x".join(str(d) for d in shape)
