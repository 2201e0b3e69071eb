"""Shapes a note writes beside its Keras layers: ``model.add(Conv2D(32, (3, 3),
input_shape=(28, 28, 1)))  # (None, 26, 26, 32)``, ``x = MaxPooling2D(2)(x)  # [batch,
13, 13, 32]``, or the shape alone in a comment on the line after the layer.

The layers are read in order (``Conv2D``, ``MaxPooling2D``/``AveragePooling2D``,
``Flatten``, ``Dense``, ``GlobalAveragePooling2D``, and the layers that keep a shape:
activations, dropout, batch norm); the first one's ``input_shape=(H, W, C)`` (or an
``Input(shape=(H, W, C))``) gives the shape they start from. Each output is computed by
the layer algebra (``kerasout``, channels first; Keras prints channels last). A shape
written beside a layer is judged against that output; where the input is not known, a
conv's channels are still its filter count, and a comment with the layer's input and
output (``# (None, 28, 28, 1) -> (None, 26, 26, 32)``) gives the input; ``'same'`` with
a stride is TensorFlow's (``ceil(n / s)``, ``layers.conv.same_sides``). A layer this
reader cannot take apart (dilation, an unknown call) makes the shapes below unknown until
the next ``input_shape``.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms import kerasflat, kerasinput
from cnnstat.notes.codeforms.commentpair import pair as comment_pair
from cnnstat.notes.codeforms.kerasargs import call_args, keras1, not_keras as _not_keras, unslash
from cnnstat.notes.codeforms.kerasforms import (  # noqa: F401 (CALL_NEEDS, JOIN, NEEDS)
    ADD, ASSIGNED, CALL, CALL_NEEDS, FUNCTIONAL, GIVEN, INPUT_SHAPE, INSTEAD, INT, JOIN, KEEP,
    NEEDS, OUT_WORD, RESHAPE, TF_NAMES, XSHAPE as _XSHAPE, comment_output, given_after, restated,
    uncomment, OPENS as _OPENS)
from cnnstat.notes.codeforms.kerasoff import Commented
from cnnstat.notes.codeforms.kerasout import POOLS, output
from cnnstat.notes.codeforms.kerasplace import Placement
from cnnstat.notes.codeforms.kerassaid import said as _said
from cnnstat.notes.codeforms.kerasprose import NAMED as _NAMED, SHAPE as _SHAPE, \
    canonical as _canonical, counts as _counts, sentence as _sentence

GUESSED = 0.4  # below precedence.WRONG_NEEDS: channels from a count stated lines above
CARRY = 8  # lines a pooling named in prose reads the layer above's channels from
GAP = 20  # lines after the last layer read that the model's shape is kept
WINDOW = 2  # a shape alone on a comment line belongs to the layer this many lines above
# every call ``CALL`` reads ends its name with a word's character, then its bracket: a
# line without one is not searched further
_CALLED = re.compile(r"\w\s*\(")
_STATEMENT = re.compile(r"\s*(?:\w+\.add\(|\w+\s*=\s*(?:\w+\.)*(?:Sequential|Model)\()")


class Model:
    """The Keras layers read so far: the shape after the last one (channels first)."""
    def __init__(self) -> None:
        self.shape: tuple[int, ...] | None = None
        self.filters: int | None = None  # the last conv's, when nothing else is known
        self.last = -10  # the line of the last layer read
        self.judged = -10  # the line whose shape was judged last
        self.var: str | None = None  # what holds the output: a tensor's or a model's name
        self.why = ""  # how the channels alone are known ("a conv with 32 filters ...")
        self.said: tuple[int, int] | None = None  # a filter count prose stated, its line
        self.stated = 0  # the line whose stated sides ``shape`` keeps (0: computed)
        self.guessed = False  # the channels are a count stated lines above the layer
        self.first = False  # the stated shape was written channels first (C, H, W)
        # a call left open on its line (``model.add(Conv2D(10, (2, 2),`` then ``padding=
        # 'same', ...)))  # (N, 10, 10, 10)``): its code so far, its first line and comment
        self.open: list[str] = []
        self.opened: tuple[int, str] = (0, "")
        self.model_line: tuple[int, str] | None = None  # ``model = Sequential()  # (N, 5, 5, 1)``
        self.before: tuple[int, ...] | None = None  # the last layer's input
        self.place = Placement()  # a comment's shape: the layer above's or below's
        self.commented = Commented()  # a model kept in comments, read while no other is
        self.call: tuple[str, str] | None = None  # the last layer's name and arguments
        self.begun: tuple = (-100, None)  # the last ``Sequential(``: its line, its name
        self.flats: list[tuple[int, tuple | None]] = []  # each Flatten: its line, its input
        self.origin: tuple | None = None  # the model's input as its code states it (H, W, C)
        self.printed: dict[str, tuple] = {}  # a print's label: its line, the shape (kerasprint)

    def feed(self, number: int, raw: str, prose: bool = False) -> list[Claim]:
        """A line of code or prose: a call that spans lines is read once it closes, as
        one line ending with the closing line's comment (its claims point at that line);
        a shape in the comment of the line that opens it, or of the line that starts the
        model, is the model's input, judged against the ``input_shape`` the call gives."""
        if not raw.strip():
            return []  # a blank: read by no prefilter, so by no state
        raw = self.commented.line(self, raw, prose)
        self.place.see(number, raw, self.last, uncomment(raw) is not None)
        code, hash_, comment = raw.partition("#")
        if self.open and _STATEMENT.match(code):
            self.open = []  # a new statement: the call left open never closed
        if not self.open:
            if not any(map(raw.casefold().__contains__, NEEDS)) and not _XSHAPE.match(raw):
                return kerasflat.said(self, number, raw)  # '# so 120 nodes'
            if "Sequential(" in code:
                self.model_line = (number, comment) if _SHAPE.search(comment) else None
                self.begun = (number, ASSIGNED.match(code) and ASSIGNED.match(code).group(1))
            if code.count("(") <= code.count(")") or not _OPENS.search(code):
                given = INPUT_SHAPE.search(code) if self.model_line else None
                return self._inputs(number, (0, ""), given) + restated(
                    self.check_line(number, raw, prose), number, comment,
                    INPUT_SHAPE.search(code), GUESSED) + kerasflat.said(self, number, raw)
            self.open, self.opened = [unslash(code)], (number, comment)
            return []
        self.open.append(unslash(code))
        joined = " ".join(self.open)
        if joined.count("(") > joined.count(")") and len(self.open) < JOIN:
            return []
        prefix = " ".join(self.open[:-1]) + " "
        self.open = []
        at = len(prefix) - len(raw) + len(raw.lstrip())  # the closing line's columns
        out = [c._replace(edits=tuple(e._replace(start=e.start - at, end=e.end - at)
                                      for e in c.edits))
               if isinstance(c, Claim) and c.line == number else c  # not one held above
               for c in self.check_line(number, prefix + raw.lstrip(), prose)]
        given = INPUT_SHAPE.search(joined)
        out = restated(out, number, comment, given, GUESSED)
        layer_out = self.shape if self.last == number else None
        return self._inputs(number, self.opened, given, layer_out,
                            comment_output(comment) is not None) + out

    def _inputs(self, now: int, opened: tuple[int, str], given: re.Match | None,
                layer_out: tuple[int, ...] | None = None, closing: bool = False
                ) -> list[Claim]:
        """The shape the model's line states, and the one the opening line's comment
        states, against the ``input_shape`` the call gives (channels last). The opening
        line's comment may be the layer's input or its output (``model.add(Conv2D(10,
        (3, 3),  # 출력 (N, 4, 4, 10)``): a word before the shape decides; without one, the
        reading it agrees with (the input first), and a shape that agrees with neither is
        judged as the input where the closing line gives a shape (the output), else as the
        output. ``layer_out``: the call's output (channels first), where it is known."""
        out = []
        for number, comment in (opened, self.model_line or (0, "")):
            shown = comment_output(comment) if given is not None and number >= now - JOIN else None
            if shown is None:
                continue
            dims = tuple(int(d) for d in INT.findall(shown.group(1)))
            want = tuple(int(g) for g in given.groups())
            if len(dims) != 3:
                continue
            said = OUT_WORD.search(comment, 0, shown.start()) if number == opened[0] \
                else None
            got = layer_out[1:] + layer_out[:1] if layer_out and len(layer_out) == 3 else None
            as_output = got is not None and number == opened[0] and dims != want and (
                said is not None or dims == got or (not closing and
                                                    not GIVEN.search(comment, 0, shown.start())))
            if as_output:
                text = ", ".join(map(str, got))
                out.append(Claim(number, shown.group(0), "shape", shown.group(1), text,
                                 "right" if dims == got else "wrong",
                                 f"the first layer's output, from input_shape=("
                                 f"{', '.join(map(str, want))}): the layer algebra"))
                continue
            text = ", ".join(map(str, want))
            out.append(Claim(number, shown.group(0), "shape", shown.group(1), text,
                             "right" if dims == want else "wrong",
                             f"the model's input: input_shape=({text}) on its first layer"))
        if given is not None:
            self.model_line = None
        return out

    def check_line(self, number: int, raw: str, prose: bool = False) -> list:
        """A line, and the shape a comment line above held for the layer it reads."""
        late, last = self.place.expire(number), self.last
        out = self._check_line(number, raw, prose)
        if self.last == number != last:
            late += self.place.resolve(number, INPUT_SHAPE.search(raw) is not None)
        return late + out

    def _check_line(self, number: int, raw: str, prose: bool = False) -> list[Claim]:
        """``prose``: a line of prose (or of code in a fence without a language), where
        the shape may follow the layer without a ``#``: ``Conv2D(32, 3) gives (None, 26,
        26, 32)``, one shape after the call, not said to be its input."""
        code, hash_, comment = raw.partition("#")
        bracket = "(" in raw or "[" in raw or _XSHAPE.match(raw) is not None
        layer = next((m for m in reversed(list(CALL.finditer(code)))
                      if m.group(1) not in ("Input", "Sequential")
                      and not m.group(1).endswith("Model")), None) \
            if bracket and _CALLED.search(code) else None
        named = None
        if prose and layer is None and bracket and _SHAPE.search(code):
            # a layer named without its call: "`conv2d` gives [batch_size, ...]", "the
            # pooling layer's output is (None, 14, 14, 32)", "합성곱 층의 출력은 ..."
            named = _NAMED.search(code[:_SHAPE.search(code).start()])
        if prose and layer is None and not hash_:
            said = _counts(code)
            if len(said) == 1 and not _SHAPE.search(code):
                self.said = (said.pop(), number)  # "the number of filters (here, 32)"
        if not bracket:
            return []  # no layer, no shape
        flow = FUNCTIONAL.match(code) or ADD.match(code)
        takes = flow.group("takes") if flow and layer is not None else None
        if "Sequential(" in code or number - self.last > GAP or \
                (takes is not None and takes != self.var):
            self.shape = self.filters = None  # another model, or code far below the last
            self.flats = []
        if flow is not None:
            self.var = flow.group("gives")
            if layer is None and takes is None and FUNCTIONAL.match(code):
                self.shape = self.filters = None  # a call not read: its output not known
        start = INPUT_SHAPE.search(code) or RESHAPE.search(code)
        if start and self._later_layer(start, layer, code):
            # Keras reads input_shape on a Sequential's first layer only: the model's own
            # input again is a copied line's; another may begin another model, not known
            if tuple(int(g) for g in start.groups()) != self.origin:
                self.shape = self.filters = None
            start = None
        if start:
            h, w, c = (int(g) for g in start.groups())
            self.shape, self.filters, self.stated, self.flats = (c, h, w), None, 0, []
            self.origin = (h, w, c)
            self.var = flow.group("gives") if flow else ASSIGNED.match(code) and \
                ASSIGNED.match(code).group(1)
            self.last = number  # the model's input: the layers below go on from it
        seed = comment_pair(comment) if layer is not None and hash_ and self.shape is None else None
        if seed is not None:  # "# (None, 28, 28, 1) -> (None, 26, 26, 32)": its input given
            self.shape, self.filters, self.stated = seed[0], None, 0
        if named is not None:
            self._apply((_canonical(named), ""), _sentence(code, named.start()), number)
            self.last, layer = number, named
        elif layer is not None:
            self._apply((layer.group(1), layer.group(2)),
                        _sentence(code, layer.start()) if prose else None, number)
            self.last = number
        elif prose and not hash_ and number - self.last <= WINDOW and INSTEAD.search(code):
            # "Isn't it [batch_size, 14, 14, 32]?": a shape offered for the layer above
            shown = comment_output(code)
            if shown is None or GIVEN.search(code, 0, shown.start()):
                return []
            return self._judge(number, 0, shown)
        elif code.strip():
            return []
        # a shape alone on a comment line: the layer just above's (once) or the one below's
        below = layer is None and not self.place.contiguous and \
            (number - self.last > WINDOW or self.judged >= self.last)
        shown, offset = (comment_output(comment), len(code) + 1) if hash_ else (None, 0)
        if shown is not None and (GIVEN.search(comment, 0, shown.start()) or
                                  given_after(comment, shown.end())):
            return kerasinput.judge(self, number, offset, shown, comment) if layer is None \
                and hash_ and not code.strip() else []  # "# input: (None, 28, 28, 1)"
        if not hash_ and prose and layer is not None:
            after = list(_SHAPE.finditer(code, layer.end()))
            if len(after) == 1 and not GIVEN.search(code, layer.end(), after[0].start()) \
                    and not given_after(code, after[0].end()):
                shown, offset = after[0], 0
        if shown is not None and layer is None and not below and \
                not self._from_input(comment, shown, self.before):
            below = True  # "# (26, 26, 32) -> (13, 13, 32)": from the layer above's output
        if shown is None and hash_ and layer is None and not code.strip():
            return kerasinput.alone(self, number, len(code) + 1, comment)
        if shown is None or (hash_ and not self._from_input(
                comment, shown, self.shape if below else self.before)):
            return []
        if below:  # no layer above to be had: the layer below's, if any
            return self.place.hold(number, lambda: self._try(number, offset, shown), [],
                                   out_word=OUT_WORD.search(comment, 0, shown.start()))
        self.judged = number
        if layer is None and hash_:  # alone on a comment line: the layer above's or below's
            snap, sides = self._snap(), self.shape is not None
            got = self._judge(number, offset, shown)
            if got and got[0].verdict == "wrong" and self.place.told(shown.group(0)):
                return self._restore(snap) or []  # an output two or more layers up, recalled
            if got and got[0].verdict == "right":
                self.place.above += sides  # its channels alone agreeing show no side
            elif got and not self.place.settled_above():
                self._restore(snap)
                return self.place.hold(number, lambda: self._try(number, offset, shown), got,
                                       self.place.contiguous)
            return got
        return self._judge(number, offset, shown)

    def _later_layer(self, start: re.Match, layer: re.Match | None, code: str) -> bool:
        """``input_shape=`` left on a layer added to a ``Sequential`` begun above whose
        input is already known (``model.add(Input(shape=(28, 28, 1)))``, a first layer's
        ``input_shape``): Keras builds the model from its first layer's and ignores a later
        one's (a copied line keeps it), so the shape carried on stays the model's where
        the later one is the model's input again; another leaves the shape unknown."""
        add = ADD.match(code)  # or the layer alone, its ``model.add(`` on the line above
        takes = add.group("takes") if add else None if ASSIGNED.match(code) else self.begun[1]
        return start.re is INPUT_SHAPE and start.group(0).lower().startswith(
            ("input_shape", "batch_input_shape")) and layer is not None and \
            layer.group(1) not in ("Input", "InputLayer") and self.shape is not None and \
            0 < self.begun[0] < self.last and takes is not None and self.begun[1] == takes

    def _from_input(self, text: str, shown: re.Match, before: tuple | None) -> bool:
        """Of ``A -> B``, A must be the layer's input where that is known: ``# (None, 4,
        4, 10) -> (None, 160)`` under a layer whose input is another shape is about
        another layer."""
        first = next((m for m in shown.re.finditer(text, 0, shown.start())), None)
        if first is None:
            return True
        dims = tuple(int(d) for d in INT.findall(first.group(1)))
        return before is None or dims in (before, before[1:] + before[:1])

    def _snap(self) -> tuple:
        return self.shape, self.filters, self.stated, self.first, self.why, self.guessed

    def _restore(self, snap: tuple) -> None:
        self.shape, self.filters, self.stated, self.first, self.why, self.guessed = snap

    def _try(self, number: int, offset: int, shown: re.Match) -> list[Claim]:
        """A shape judged against the model as it is now, the model left as it was."""
        snap = self._snap()
        try:
            return self._judge(number, offset, shown)
        finally:
            self._restore(snap)

    # ------------------------------------------------------------------ layers
    def _apply(self, call: tuple[str, str], sentence: str | None = None, number: int = 0) -> None:
        """``call``: the layer's name and its arguments' text; ``sentence``: the prose the
        layer is named in (``conv2d()`` with no arguments: its filters may be in the
        words around it, or in a line of prose just above)."""
        name, (pos, named) = call[0], call_args(call[1])
        self.before, self.place.run = self.place.passed(self.shape), number  # comments may follow
        self.call = call  # read again by ``kerassaid`` (the layer under its other padding)
        if name[:1].islower():
            name = TF_NAMES.get(name.rsplit(".", 1)[-1], "?")
        pos, named = keras1(name, pos, named)
        if name in ("Conv2D", "Convolution2D") and _not_keras(pos, named):
            name = "?"  # Conv2D(384, 256, kernel_size=3, stride=1, padding=1): a class of
            # the note's own with PyTorch's (in, out) arguments, no Keras layer
        if name in KEEP:
            return
        conv = name in ("Conv2D", "Convolution2D")
        pool = name in POOLS
        bare = sentence is not None and not call[1].strip()  # "conv2d()" in prose
        channels = self.shape[0] if self.shape is not None and len(self.shape) == 3 \
            else self.filters
        if sentence is not None and number - self.last > CARRY:
            channels = None  # prose far below the last layer: maybe another network's
        guessed = self.guessed
        self.filters, self.why, self.stated = None, "", 0
        self.guessed = False
        if conv and pos and pos[0].isdecimal():
            self.filters = int(pos[0])
        elif conv and named.get("filters", "").isdecimal():
            self.filters = int(named["filters"])
        elif conv and bare:
            said = _counts(sentence)
            if not said and self.said is not None and number - self.said[1] <= GAP:
                # a count a line above stated: maybe another layer's, so a shape that
                # disagrees with it is unsure, never wrong
                said, self.guessed = {self.said[0]}, True
            self.filters = said.pop() if len(said) == 1 else None
        if self.filters is not None:
            self.why = f"a conv with {self.filters} filters gives {self.filters} channels"
        if pool and bare:
            # a pooling named in prose without its window: only its channels are known,
            # its input's
            self.shape, self.filters, self.guessed = None, channels, guessed
            if channels is not None:
                self.why = f"a pooling layer keeps its input's {channels} channels"
            return
        if name == "Flatten":  # told again in the prose below (``kerasflat.told``)
            self.flats.append((number, self.shape if self.shape and len(self.shape) == 3 else None))
        try:
            self.shape = output(name, pos, named, self.shape, self.filters)
        except (SpecError, ValueError, KeyError, IndexError):
            self.shape = None

    # ------------------------------------------------------------------ shapes
    def _judge(self, number: int, offset: int, m: re.Match) -> list[Claim]:
        dims = tuple(int(d) for d in INT.findall(m.group(1)))
        claimed = tuple(dims[-1:] + dims[:-1]) if len(dims) == 3 else dims
        text = m.group(0)
        a, b = offset + m.start(1), offset + m.end(1)
        if self.shape is not None:
            want = self.shape
            ok = claimed == want
            shown = ", ".join(map(str, want[1:] + want[:1] if len(want) == 3 else want))
            how = "the layer algebra from the input above (Keras writes channels last)"
            if self.stated:  # the sides as a shape above stated them, the channels known
                how = f"{self.why}; the height and width as stated on line {self.stated}"
                if self.first:  # written channels first, as the shape above was
                    ok = dims == want
                    shown = ", ".join(map(str, want))
            if not ok:
                self.shape = want
        elif self.filters is not None and len(dims) == 3:
            # channels last (H, W, C: Keras, TensorFlow) or first (C, H, W: PyTorch), by
            # where the square sides stand; a shape that says neither is not read
            last, first = dims[0] == dims[1], dims[1] == dims[2]
            ok = (last and dims[2] == self.filters) or (first and dims[0] == self.filters)
            if not (last or first):
                return []
            self.first = first and not last
            if self.first:
                claimed = dims
                shown = ", ".join(map(str, (self.filters,) + dims[1:]))
            else:
                shown = ", ".join(map(str, dims[:-1] + (self.filters,)))
            how = self.why or f"a conv with {self.filters} filters gives {self.filters} channels"
            # the sides as stated (nothing says otherwise), the channels the layer's
            self.shape, self.stated = (self.filters,) + claimed[1:], number
        else:
            return []
        return _said(self, m, claimed, [Claim(
            number, text, "shape", m.group(1), shown, "right" if ok else "wrong", how,
            () if ok else (Edit(number, a, b, shown),), shown, GUESSED if self.guessed else 1.0)])
