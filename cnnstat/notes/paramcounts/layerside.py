"""A parameter count in the comment lines next to a layer's code, not on its line::

    self.bn1 = nn.BatchNorm2d(24)
    # number of parameters: 24                  <- the BatchNorm's: 2 x 24 = 48

    # given an input of 3136: 3136*128 + 128 = 401536 parameters
    layers.Dense(128, activation='relu'),      <- its input is what the model gives

A run of comment lines belongs to the code line just above it (no blank between) and to
the one just below it (no blank between); a run with a blank on both sides belongs to no
layer. Where a run between two layers agrees with one of them only, the note's way is
learnt (comments under their layer, or over it): a later run between two is then judged
against the one its way gives. The layer is read by ``layercomment.layer`` (PyTorch's ``Linear``, ``Conv1d``,
``Conv2d``, ``BatchNorm1d``/``2d``; Keras's ``Dense`` and ``Conv2D``, whose input, where
the call does not give it, is the shape the Keras reader's model walk has before the layer,
``kerascode.Model.before``); a layer that holds no parameters (a pooling, an activation, a
dropout, a flatten) counts 0 (a figure other than 0 beside it may count its features: not judged); any other
code next to the run is unknown.

The count (``layercomment.figure``) is right where it is the count of a layer the run
belongs to; wrong only where every code line next to the run is a layer whose count is
known and it is none of theirs (nor the weights alone of one with biases, nor, for a batch
norm, the four numbers a channel Keras lists with the running statistics). A comment that
names a kind of layer (``# Conv2d: 1,792 params`` under an ``nn.Linear``) counts a layer
of that kind: a neighbour of another kind is not the one it counts.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim

CONFIDENCE = 0.85  # the run is taken to count a layer next to it
_FREE = re.compile(r"(?<![\w.])(?:(?:torch\.)?nn\.|(?:tf\.)?(?:keras\.)?layers\.)?"
                   r"(?:MaxPool\w*|AvgPool\w*|MaxPooling\w*|AveragePooling\w*|Global\w*Pool\w*|"
                   r"ReLU\d?|LeakyReLU|ELU|GELU|SiLU|Sigmoid|Tanh|Softmax|Dropout\w*|Flatten|"
                   r"Activation|Identity)\s*\(")
_BARE = re.compile(r"^[#/\s]*([\d\s()*+x×·]+?)\s*(?:=\s*[\d,]+)?\s*$")
GAP = object()  # a blank or the block's edge: no layer on that side


def keras_input(name: str, number: int, keras) -> int | None:
    """A Keras call's input channels or features, where the Keras reader's model walk
    has the shape before the layer it read on this line (``kerascode.Model.before``)."""
    if keras is not None and keras.last == number and keras.before is not None \
            and name in ("Dense", "Conv2D", "Convolution2D"):
        return keras.before[0] if (len(keras.before) == 1) == (name == "Dense") else None
    return None


class Sides:
    """The code line last seen and the run of comment lines under it."""

    def __init__(self) -> None:
        self.last = -10  # the last code or comment line seen
        self.above: object = GAP  # what the code line above the run holds
        self.run: list[tuple[int, tuple]] = []  # the run's lines and their figures
        self.code: tuple[int, object] | None = None  # the last code line, what it holds
        self.waiting = False  # a run waits for the call that opens on the next line
        self.placed = [0, 0]  # runs whose count agreed with the layer above, below only

    def line(self, number: int, raw: str, comment: str, code: str, closed, held: bool,
             keras) -> list[Claim]:
        """``closed``: (name, args) of the call ``layercomment`` closed on this line, if
        any; ``held``: a call is open past this line; ``keras``: the Keras reader's model."""
        from cnnstat.notes.paramcounts.layercomment import figure
        out: list[Claim] = []
        if number != self.last + 1 and not self.waiting:
            out += self._close(GAP)
        if not raw.strip():
            out += self._close(GAP) if not self.waiting else self._close(GAP)
            self.code, self.last = None, number
            return out
        self.last = number
        if not code.strip():
            if not self.run:
                self.above = self.code[1] if self.code and self.code[0] == number - 1 else GAP
            told = figure(comment)  # a whole and its weights told together: not here
            got = told[0] if told and len(told) == 1 else _bare(comment)
            if got is not None and _named(comment):
                got = (*got[:3], got[3] if len(got) > 3 else None, _named(comment))
            self.run.append((number, got))
            return out
        if held:  # a call going on over lines: the run waits for it to close
            self.waiting = self.waiting or bool(self.run)
            return out
        what = self._what(number, code, closed, keras)
        out += self._close(what)
        self.waiting = False
        self.code = (number, what)
        return out

    def flush(self) -> list[Claim]:
        """The fence closed under the run: nothing below it."""
        self.last = -10
        return self._close(GAP)

    def _what(self, number: int, code: str, closed, keras) -> object:
        """A layer's (shown, weights, biases), 0 for a layer without parameters, None for
        anything else."""
        from cnnstat.notes.paramcounts.layercomment import layer
        if closed is not None:
            name, args = closed
            c_in = keras_input(name, number, keras)
            try:
                return layer(name, args, c_in)
            except (SpecError, ValueError, TypeError, ZeroDivisionError):
                return None  # sizes no layer has (a note's numbers zeroed or huge)
        return 0 if _FREE.search(code) and code.count("(") <= 2 else None

    def _close(self, below: object) -> list[Claim]:
        run, above, self.run, self.above = self.run, self.above, [], GAP
        self.waiting = False
        both = [s for s in (above, below) if s is not GAP]
        if not run or not both:
            return []
        out = []
        for number, got in run:
            if got is None:
                continue
            sides = both  # each comment's own: a filter below narrows it for that one
            stated, text, weights_word = got[:3]
            if len(got) > 3 and got[3] is not None:  # a bare calculation: of a layer
                sides = [s for s in sides if isinstance(s, tuple) and s[2] in got[3]]
                if not sides:  # whose outputs it names
                    continue
            if len(got) > 4:  # "# Conv2d: 1,792 params." under a Linear: the kind it names
                sides = [s for s in sides if not isinstance(s, tuple) or {_kind(s[0])} == got[4]]
                if not sides:
                    continue
            near, verdicts = sides, [_verdict(stated, weights_word, s) for s in sides]
            if len(sides) == 2 and verdicts.count("right") == 1:
                self.placed[verdicts.index("right")] += 1
            elif len(sides) == 2 and "right" not in verdicts and \
                    self.placed[0] != self.placed[1]:
                # the note's own way, learnt from the runs that agreed: under its layer,
                # or over it
                keep = 0 if self.placed[0] > self.placed[1] else 1
                near, verdicts = [sides[keep]], [verdicts[keep]]
            if "right" in verdicts:
                s = near[verdicts.index("right")]
                out.append(Claim(number, text, "params", text, int(stated), "right",
                                 _how(s), confidence=CONFIDENCE))
            elif all(v == "wrong" for v in verdicts) and isinstance(near[0], tuple):
                s = near[0]
                total = s[1] + s[2]
                out.append(Claim(number, text, "params", text, total, "wrong",
                                 _how(s) + (" (the layer the comment is under)" if
                                            len(near) > 1 else ""), confidence=CONFIDENCE))
        return out


# the kind of layer a comment names: its count is that layer's, not a neighbour of
# another kind ("# Conv2d: 1,792 params" under an nn.Linear compares the two)
_KINDS = (("conv", re.compile(r"conv|합성곱|컨볼루션", re.I)),
          ("linear", re.compile(r"linear|dense|\bfc\d*\b|fully[\s-]*connected|완전\s*연결", re.I)),
          ("bn", re.compile(r"batch\s*norm|\bbn\d*\b", re.I)))


def _named(comment: str) -> frozenset:
    return frozenset(k for k, rx in _KINDS if rx.search(comment))


def _kind(shown: str) -> str:
    return next((k for k, rx in _KINDS if rx.match(shown)), "")


def _bare(comment: str) -> tuple | None:
    """A comment that is nothing but a count worked out, biases and all (``# (160+1)*32``,
    ``# (2*2)*4*10 + 10 = 170``): its value, text, False (no weights word) and its numbers,
    one of which must be the outputs of the layer it counts."""
    from cnnstat.notes.paramcounts.layercomment import _value
    m = _BARE.match(comment)
    if m is None or "+" not in m.group(1) or not re.search(r"[*x×·]", m.group(1)):
        return None
    body = m.group(0).strip().lstrip("#/ \t")
    got = _value(body)
    if got is None:
        return None
    return got[0], body, False, {int(n) for n in re.findall(r"\d+", m.group(1))}


def _verdict(stated, weights_word: bool, side: object) -> str:
    if side is None:
        return "unknown"
    if side == 0:  # "# Flatten: 3136 parameters" counts its features, loosely
        return "right" if stated == 0 else "unknown"
    shown, weights, biases = side
    total = weights + biases
    if (stated == weights and weights_word) or (stated == total and not (weights_word and
                                                                         biases)):
        return "right"
    if stated in (weights, total) or (shown.startswith("BatchNorm") and stated == 2 * total):
        return "unknown"  # the weights alone; a batch norm with its running statistics
    return "wrong"


def _how(side: object) -> str:
    if side == 0:
        return "a layer without parameters"
    shown, weights, biases = side
    if not biases:
        return f"{shown}: {weights:,} parameters"
    return f"{shown}: {weights:,} weights + {biases:,} biases = {weights + biases:,}"
