"""Rebuild a summary row from the rows that feed it, with cnnstat's layer algebra.

The input of a row is the row before it, or the rows its "Connected to" / "Vertex
Inputs" cell names. Each family asks its layer class (``cnnstat.layers``) for the
parameter count and output shape: a convolution's kernel is the one (1x1 to 11x11,
with or without a bias, plain or depthwise) whose ``Conv`` count equals the row's; a
dense layer's count is ``Linear`` on the input flattened (or on its last axis, as
Keras applies Dense to a feature map); batch norm is ``BatchNorm`` (PyTorch's 2C
parameters; Keras adds the 2C running statistics as non-trainable weights); pooling,
flatten, activations and merges have no parameters and the shapes their classes give.

A row is "wrong" only where no reading of it can be right: a zero-parameter layer with
parameters, a count that is no multiple of the output channels, or a count or shape
that fits none of the inputs the row can have. Where the input is not certain
(torchsummary and torchinfo print no edges, and a branch may read any earlier row),
a row that fits no input is left unsure.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from cnnstat.errors import SpecError
from cnnstat.layers import Add, Concat, fmt_shape, numel
from cnnstat.notes.claims import Claim
from cnnstat.notes.summary.fits import conv_fits, effect, nearest_conv, window_fits
from cnnstat.notes.summary.rows import Row, Shape

# where a table prints no edges (torchsummary, torchinfo), a branch may read an earlier
# row: the rows looked back at, and the distinct shapes among them that are tried
LOOK_BACK = 24
BRANCHES = 8


class Judge:
    """Claims of one row."""

    def __init__(self, row: Row, claim: Callable[..., Claim]) -> None:
        self.row = row
        self.claim = claim
        self.probe = False  # only whether the row fits: no claims written
        self.strict = False  # a conv: square kernels without groups only
        self.earlier: list[Shape] = []  # shapes a branch may read (for the nearest count)

    def params(self, ok: bool, actual: int, how: str) -> Claim:
        r = self.row
        if self.probe:
            return None  # type: ignore[return-value]
        return self.claim(r.line, f"{r.name or r.type} {fmt_shape(r.shape or ())}: "
                          f"{r.params:,} parameters".replace("  ", " "), f"{r.params:,}",
                          actual, ok, how,
                          r.span, f"{actual:,}")

    def shape(self, ok: bool, actual: Shape, how: str) -> Claim:
        r = self.row
        if self.probe:
            return None  # type: ignore[return-value]
        keras = r.style == "keras"
        shown = ", ".join(str(d) for d in ((actual[1:] + actual[:1]) if keras and
                                           len(actual) > 1 else actual))
        return self.claim(r.line, f"{r.name or r.type} output {fmt_shape(r.shape or ())}",
                          fmt_shape(r.shape or ()), fmt_shape(actual), ok, how,
                          r.shape_span if keras else (0, 0), shown)


class Outcome(NamedTuple):
    """What a rule finds: claims whatever the input (``fixed``), claims about the
    input read (``read``), and whether the row fits that input (None: cannot tell)."""

    fixed: list[Claim]
    read: list[Claim]
    fits: bool | None


def elided(row: Row, inputs: list[Row]) -> bool:
    """Whether rows were cut out of a pasted Keras summary just above ``row``: Keras
    prints a Flatten (or a global pooling) as a row of its own, and a Dense keeps every
    axis but the last, so a Dense printing a vector straight after a map cannot read that
    map (``input_1 (None, 224, 224, 3)`` then ``predictions (Dense) (None, 1000)``). Its
    input is unknown, and the totals are no longer the sum of the rows shown."""
    return (row.style == "keras" and row.family == "linear" and row.io is None
            and row.shape is not None and len(row.shape) == 1 and len(inputs) == 1
            and inputs[0].shape is not None and len(inputs[0].shape) > 1)


def judge(row: Row, inputs: list[Row], earlier: list[Row], sure: bool,
          claim: Callable[..., Claim]) -> list[Claim]:
    """Judge ``row`` reading ``inputs`` (the row before, or the rows it names). When
    the input is not ``sure``, a row that fits none is read against each earlier row
    (a branch), and is left unsure if none fits."""
    rule = RULES.get(row.family or "")
    if rule is None or row.shape is None and row.io is None:
        return []
    j = Judge(row, claim)
    j.earlier = list(dict.fromkeys(p.shape for p in reversed(earlier[-LOOK_BACK:])
                                   if p.shape))[:BRANCHES]
    for strict in ((True, False) if rule is _conv else (False,)):
        # a conv is first read with square kernels and no groups, on its input and then
        # on earlier rows, before a depthwise or 1 x k kernel may explain its count
        j.strict = strict
        got = _apply(rule, j, inputs, sure)
        if got.fits is not False:
            return got.fixed + got.read
        if not sure:
            found = _branch(rule, j, inputs, earlier, sure)
            if found is not None:
                return got.fixed + found
    return got.fixed + (got.read if sure else [])


def _branch(rule, j: Judge, inputs: list[Row], earlier: list[Row],
            sure: bool) -> list[Claim] | None:
    """The claims of the row read against the nearest earlier row it fits (a branch
    reads the block's input, printed rows above it); None when none fits."""
    tried = {i.shape for i in inputs}
    for prev in reversed(earlier[-LOOK_BACK:]):
        if prev.shape is None or prev.shape in tried or len(tried) > BRANCHES:
            continue
        tried.add(prev.shape)
        j.probe = True
        fits = _apply(rule, j, [prev], sure).fits
        j.probe = False
        if fits:
            other = _apply(rule, j, [prev], sure)
            return [c._replace(detail=f"{c.detail} (the input from line {prev.line})")
                    for c in other.read]
    return None


def _apply(rule, j: Judge, inputs: list[Row], sure: bool) -> Outcome:
    return rule(j, inputs, sure) if rule is _conv else rule(j, inputs)


def _zero(j: Judge, inputs: list[Row]) -> Outcome:
    """Pooling, flatten, activations, dropout: no parameters, and the output shape
    their class gives the input (kept; flattened; channels kept)."""
    r = j.row
    fixed = [] if r.params is None else \
        [j.params(r.params == 0, 0, f"{r.type or r.family} holds no parameters")]
    src = inputs[0].shape if len(inputs) == 1 else None
    if src is None or r.shape is None:
        return Outcome(fixed, [], None)
    fam, want = r.family, None
    if fam == "same":
        eff = effect("relu", (), src)
        want, how = eff and eff.output, f"keeps its input {fmt_shape(src)}"
    elif fam == "flatten":
        eff = effect("flatten", (), src)
        want, how = eff and eff.output, " x ".join(map(str, src)) + f" = {numel(src):,}"
        if want and len(r.shape) > 1 and numel(r.shape) == want[0]:
            want = r.shape
    elif fam == "gpool":
        eff = effect("global_avgpool", (), src) if len(src) == 3 else None
        want, how = eff and eff.output, f"one value per channel of {fmt_shape(src)}"
        if want and len(r.shape) == 1:
            want = want[:1]
    elif fam == "apool":
        size = r.shape[1:] if len(r.shape) == 3 else None
        eff = effect("adaptive_avgpool", (("size", size),), src) if size else None
        want, how = eff and eff.output, f"the channels of {fmt_shape(src)}"
    else:  # windowed pooling: the channels kept, and a window that gives the size
        if len(src) != len(r.shape) or len(src) not in (2, 3):
            return Outcome(fixed, [], None)
        found = window_fits(src, r.shape, None) if r.shape[0] == src[0] else None
        if r.shape[0] == src[0] and found is None:
            return Outcome(fixed, [], None)  # the window is not found: unsure
        want = r.shape if found else (src[0],) + r.shape[1:]
        how = f"{found} on {fmt_shape(src)}" if found else \
            f"pooling keeps the {src[0]} channels of {fmt_shape(src)}"
    if not want:
        return Outcome(fixed, [], None)
    ok = tuple(want) == r.shape
    return Outcome(fixed, [j.shape(ok, tuple(want), how)], ok)


def _bn(j: Judge, inputs: list[Row]) -> Outcome:
    """``BatchNorm``'s parameters (scale and shift), or none without them; Keras adds
    the running statistics (the class's buffers, less PyTorch's batch counter) as
    non-trainable weights, and may leave out the scale or the shift."""
    r = j.row
    eff = effect("bn", (), r.shape) if r.params is not None else None
    if eff is None:
        return Outcome([], [], None)
    stats, c = eff.buffers - 1, r.shape[0]
    torch = {eff.params, 0}
    keras = {stats + eff.params, stats + eff.params // 2, stats}
    want = stats + eff.params if r.style == "keras" else eff.params
    how = (f"4 x {c}: gamma, beta and the moving mean and variance" if r.style == "keras"
           else f"2 x {c}: weight and bias (PyTorch keeps the statistics as buffers)")
    ok = r.params in (keras if r.style == "keras" else torch | keras)
    return Outcome([j.params(ok, want, how)], [], None)


def _linear(j: Judge, inputs: list[Row]) -> Outcome:
    r = j.row
    if r.params is None:
        return Outcome([], [], None)
    if r.io:
        n_in, n_out = r.io
        src_ok = not inputs or inputs[0].io is None or inputs[0].family != "linear" \
            or inputs[0].io[1] == n_in
    else:
        if not inputs or inputs[0].shape is None or r.shape is None:
            return Outcome([], [], None)
        src, n_out = inputs[0].shape, r.shape[0]
        n_in = numel(src) if len(r.shape) == 1 else src[0]
        src_ok = len(r.shape) == 1 or r.shape[1:] == src[1:]
    counts = [e.params for b in (True, False)
              if (e := effect("linear", (("out", n_out), ("bias", b)), (n_in,)))]
    if not counts:
        return Outcome([], [], None)
    if src_ok and r.params in counts:
        how = f"({n_in:,} inputs + 1) x {n_out:,}" if r.params == counts[0] else \
            f"{n_in:,} x {n_out:,}, no bias"
        return Outcome([], [j.params(True, r.params, how)], True)
    how = f"({n_in:,} inputs + 1) x {n_out:,} outputs"
    if r.params % n_out:
        return Outcome([j.params(False, counts[0], f"{how}; {r.params:,} is no multiple "
                                 f"of {n_out:,}")], [], False)
    return Outcome([], [j.params(False, counts[0], how)], False)


def _conv(j: Judge, inputs: list[Row], sure: bool = False) -> Outcome:
    r = j.row
    if r.params is None or r.shape is None:
        return Outcome([], [], None)
    depthwise = r.family == "depthwise"
    first = not inputs
    srcs = [(c,) + r.shape[1:] for c in (3, 1)] if first else \
        [i.shape for i in inputs[:1] if i.shape]
    tries = [(s, True, True) for s in srcs] + [(s, True, False) for s in srcs] + \
        [(s, False, False) for s in srcs]  # square and plain first, on every input
    if j.strict:
        tries = [(s, True, True) for s in srcs]
    elif j.probe:
        tries = [(s, False, False) for s in srcs]
    for src, square, plain in tries:
        found = conv_fits(src, r.shape, r.params, depthwise, square, plain=plain)
        if found:
            text, kh, kw = found
            read = [j.params(True, r.params, text + (" (an image input)" if first else ""))]
            win = window_fits(src, r.shape, kh) if not first and kh == kw else None
            if win:
                read.append(j.shape(True, r.shape, f"{win} on {fmt_shape(src)}"))
            return Outcome([], read, True)
    c_out = r.shape[0]
    if not srcs or c_out < 1:  # no input read, or a map of no channels: nothing to say
        return Outcome([], [], None)
    if r.params % c_out == 0:
        if first or not sure or conv_fits(srcs[0], r.shape, r.params, depthwise,
                                           grouped=True):
            return Outcome([], [], None if first else False)  # some input may give it
    near = nearest_conv(srcs + ([] if sure else j.earlier), r.shape, r.params, depthwise)
    if near is None:
        return Outcome([], [], None)
    kernel, want = near
    why = (f"{r.params:,} is no multiple of the {c_out} output channels, as every kernel, "
           "bias and grouping gives" if r.params % c_out else
           f"no kernel from 1x1 to 11x11, with or without bias or groups, gives it from "
           f"{srcs[0][0]} channels")
    return Outcome([j.params(False, want, f"{why}; nearest: {kernel}, {want:,}")], [], False)


def _merge(j: Judge, inputs: list[Row]) -> Outcome:
    r = j.row
    fixed = [] if r.params is None else \
        [j.params(r.params == 0, 0, f"{r.type} holds no parameters")]
    shapes = [i.shape for i in inputs]
    if len(shapes) < 2 or any(s is None or len(s) != 3 for s in shapes) or r.shape is None:
        return Outcome(fixed, [], None)
    try:
        want = (Concat() if r.family == "concat" else Add()).combine(shapes).output
    except SpecError:
        return Outcome(fixed, [], None)
    how = " + ".join(str(s[0]) for s in shapes) + " channels" \
        if r.family == "concat" else "the shape of its inputs"
    return Outcome(fixed, [j.shape(want == r.shape, want, how)], want == r.shape)


RULES = {"same": _zero, "flatten": _zero, "gpool": _zero, "apool": _zero, "pool": _zero,
         "bn": _bn, "linear": _linear, "conv": _conv, "depthwise": _conv,
         "concat": _merge, "add": _merge}


def corrected(row: Row, got: list[Claim]) -> Row:
    """The row as rebuilt: later rows read it, and the total sums it, with its wrong
    count or shape corrected (a wrong row is reported once, not again in the total
    or in the row after it)."""
    for c in got:
        if c.verdict != "wrong":
            continue
        if isinstance(c.actual, int):
            row = row._replace(params=c.actual)
        elif isinstance(c.actual, str) and re.fullmatch(r"[0-9]{1,9}(?:x[0-9]{1,9}){0,5}",
                                                        c.actual):
            row = row._replace(shape=tuple(int(d) for d in c.actual.split("x")))
    return row
