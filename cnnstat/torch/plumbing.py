"""Tensor plumbing between layers, as the tracer meets it: views, slices, pads, layout.

A mixin of ``cnnstat.torch.recorder.Recorder``. None of these ops is a layer of its own;
each is read as what it does to a map's channels: a reshape of a pooled map to a vector
and back (an SE block written with ``.view(b, c)`` and ``.view(b, c, 1, 1)``, whose
linears are then 1x1 convolutions), a broadcast of a per-channel gate (``expand_as``),
a channel slice (an equal ``split``), a zero ``F.pad`` (folded into the convolution that
reads it), a channels-last view (``permute``), ShuffleNet's channel shuffle. Anything
else reading such a tensor is an error op, raised only if the output needs it.
"""

from __future__ import annotations

from typing import Any

import torch

from cnnstat.errors import SpecError
from cnnstat.layers import KINDS
from cnnstat.torch.opmap import Args
from cnnstat.torch.opsteps import pad_steps

VIEWS = {"view", "reshape", "flatten", "unsqueeze", "squeeze", "expand", "expand_as",
         "broadcast_to", "getitem", "unflatten", "contiguous", "view_as", "reshape_as"}
# kinds that keep a pooled vector's meaning when it is a 1x1 map instead
VECTOR_SAFE = {"linear", "relu", "relu6", "sigmoid", "hardsigmoid", "silu", "hardswish",
               "tanh", "gelu", "leaky_relu", "dropout", "identity", "bn", "scale",
               "channel_conv"}


def display(func: Any) -> str:
    """The op as the user wrote it: ``torch.cat``, ``Tensor.view``, ``F.batch_norm``."""
    from cnnstat.torch.opmap import canonical

    if isinstance(func, str):
        return f"Tensor.{func}"
    mod = getattr(func, "__module__", None) or ""
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", repr(func))
    if name.startswith(("TensorBase.", "Tensor.")):
        return "Tensor." + name.split(".", 1)[1]
    if "boolean_dispatch" in name:
        name = canonical(func)
        mod = "torch.nn.functional"
    if name.startswith("_VariableFunctionsClass."):
        short = name.split(".", 1)[1]
        import torch.nn.functional as F

        # F.conv2d is torch.conv2d (one object): named as module code calls it
        if getattr(F, short, None) is func:
            return f"torch.nn.functional.{short}"
        return "torch." + short
    if mod in ("torch._C._nn", "torch.nn.functional"):
        return f"torch.nn.functional.{name}"
    if mod == "_operator":
        return f"operator.{name}"
    return f"{mod}.{name}" if mod else name


def where_of(func: Any, scope: str) -> str:
    return f"{display(func)} in " + (f"module {scope!r}" if scope else "the top-level forward")


def _shape(t: torch.Tensor) -> tuple[int, ...]:
    return tuple(int(d) for d in t.shape)


class Plumbing:
    ids: dict
    ops: list
    keep: list
    nhwc: set
    pending: dict
    padded: dict

    def alias(self, x: torch.Tensor, y: torch.Tensor) -> None:
        """``y`` is ``x`` seen another way: the same op's output."""
        self.keep.append(y)
        self.ids[id(y)] = self.ids[id(x)]
        for marks in (self.nhwc, self.broadcast):
            if id(x) in marks:
                marks.add(id(y))
        if id(x) in self.flat:
            self.flat[id(y)] = self.flat[id(x)]

    def views(self, op: str, args: tuple, xs: list, outs: list, where: str) -> bool:
        """A view, reshape, unsqueeze, expand or ``[:, :, None, None]`` of a traced
        tensor that changes only how it is seen; False: not one of these."""
        if op not in VIEWS or len(outs) != 1 or not xs or id(xs[0]) not in self.ids \
                or id(xs[0]) in self.pending:
            return False
        if op == "getitem" and not _plain_index(args[1] if len(args) > 1 else None):
            return False
        x, y = xs[0], outs[0]
        before, after = _shape(x), _shape(y)
        if id(x) in self.nhwc and before != after:
            return False
        if before == after:
            self.alias(x, y)
            return True
        n = before[0]
        if len(before) == 4 and before[2:] == (1, 1) and len(after) == 4 \
                and after[:2] == before[:2] and op in ("expand", "expand_as", "broadcast_to"):
            # a per-channel gate broadcast over a map: only a multiply may read it
            self.alias(x, y)
            self.broadcast.add(id(y))
            return True
        if id(x) in self.flat and after[:2] == (n, before[1]) and all(d == 1 for d in after[2:]):
            if len(after) == 3:  # half way: (N, C) -> (N, C, 1)
                self.fail([self.ids[id(x)]], [y], where,
                          f"{where} views a vector as (N, C, 1); only a view on to a "
                          "(N, C, 1, 1) map has a meaning in a spec")
                self.flat[id(y)] = self.flat[id(x)]
                return True
            if len(after) == 4:
                self.unflatten(self.flat[id(x)], y, where)
                return True
        return False

    def signal(self, op: str, xs: list, outs: list, scope: str, where: str) -> bool:
        """A pooled map or vector seen as a one-channel signal of its C values, (N, 1,
        C), or as (N, C, 1), for ECA's conv1d across the channels, however it is viewed
        there (``.view(b, 1, -1)``, ``.squeeze(-1).transpose(-1, -2)``) and back (to
        (N, C, 1, 1)): a vector all the way (``flat``), its conv a ``channel_conv``."""
        if len(xs) != 1 or len(outs) != 1 or id(xs[0]) not in self.ids \
                or id(xs[0]) in self.pending or id(xs[0]) in self.nhwc \
                or op not in VIEWS and op not in ("transpose", "swapaxes", "permute"):
            return False
        x, y = xs[0], outs[0]
        before, after = _shape(x), _shape(y)
        n = before[0]
        if len(before) == 4 and before[2:] == (1, 1) and id(x) not in self.flat:
            c = before[1]
            if after not in ((n, 1, c), (n, c, 1)) or c == 1:
                return False
            first = len(self.ops)  # the pooled map as a vector
            self.emit([("flatten", {})], [self.ids[id(x)]], y, None, scope, where)
            self.follow(x, [("flatten", {})], first, y, [y])
            return True
        if id(x) not in self.flat or len(before) not in (2, 3) or len(before) == 3 \
                and 1 not in before[1:]:
            return False
        c = before[1] * (before[2] if len(before) == 3 else 1)
        if after in ((n, 1, c), (n, c, 1)) or len(before) == 3 and after == (n, c):
            self.alias(x, y)
            return True
        if len(before) == 3 and after == (n, c, 1, 1):
            self.unflatten(self.flat[id(x)], y, where)
            return True
        return False

    def unflatten(self, chain: list[int], y: torch.Tensor, where: str) -> None:
        """A pooled map flattened to a vector, run through linears and activations, and
        viewed as an (N, C, 1, 1) map again: the same layers on the 1x1 map, the linears
        as 1x1 convolutions (the same weights and multiplies). The vector's own tensors
        become errors, if anything else reads them."""
        flatten = self.ops[chain[0]]
        users = {i: [u for u, op in enumerate(self.ops) if i in op.inputs and not op.error]
                 for i in chain}
        nexts = chain[1:] + [None]
        if any(users[i] != ([] if nxt is None else [nxt]) for i, nxt in zip(chain, nexts)):
            self.fail([chain[-1]], [y], where,
                      f"{where} views a vector as an (N, C, 1, 1) map while the vector is "
                      "read elsewhere too; a spec cannot hold both")
            return
        source = flatten.inputs[0]
        for i in chain[1:]:
            op = self.ops[i]
            op.inputs = [source if j == chain[0] else j for j in op.inputs]
            if op.kind is not None and op.kind.name == "linear":
                op.kind = KINDS["conv"].make({"out": op.kind.out, "kernel": 1,
                                              "bias": op.kind.bias})
        result = chain[-1] if len(chain) > 1 else source
        for t, c in list(self.flat.items()):
            if c[0] == chain[0]:  # the vectors on the way: gone from the spec
                del self.flat[t]
                self.fail([result], [], where, f"{where} views a vector as a map that is "
                          "also read as a vector; a spec cannot hold both")
                self.ids[t] = len(self.ops) - 1
        self.keep.append(y)
        self.ids[id(y)] = result

    def follow(self, x: torch.Tensor | None, steps: list, first: int, out: Any,
               outs: list) -> None:
        """After an op is emitted: a flatten of a 1x1 map starts a vector that may be
        viewed as a map again; linears and activations on it continue it."""
        if x is None or not steps or len(outs) != 1:
            return
        new = list(range(first, len(self.ops)))
        if id(x) in self.flat and all(k in VECTOR_SAFE for k, _ in steps):
            self.flat[id(outs[0])] = self.flat[id(x)] + new
        elif steps[-1][0] == "flatten" and x.dim() == 4 and (
                _shape(x)[2:] == (1, 1) or [k for k, _ in steps[-2:-1]] == ["global_avgpool"]):
            self.flat[id(outs[0])] = new[-1:]

    def slices(self, op: str, args: tuple, xs: list, outs: list, scope: str,
               where: str) -> bool:
        """``x[:, a:b]``: all channels (the map itself), an equal part (``split``) or
        any other run of channels (``slice``)."""
        if op != "getitem" or len(xs) != 1 or len(outs) != 1 or id(xs[0]) not in self.ids \
                or xs[0].dim() != 4 or id(xs[0]) in self.nhwc:
            return False
        index = args[1] if len(args) > 1 else None
        if not isinstance(index, tuple) or len(index) < 2 or not all(
                isinstance(i, slice) for i in index) or any(
                i != slice(None) for j, i in enumerate(index) if j != 1):
            return False
        x, y = xs[0], outs[0]
        c = int(x.shape[1])
        start, stop, step = index[1].indices(c)
        k = len(range(start, stop, step))
        if step == 1 and k == c:
            self.alias(x, y)
        elif step == 1 and k:
            self.emit([channel_slice(start, start + k, c)], [self.ids[id(x)]], y, None,
                      scope, where)
        else:
            self.fail([self.ids[id(x)]], [y], where,
                      f"{where} takes channels [{start}:{stop}:{step}] of {c}; cnnstat "
                      "takes channels in a run (slice: {start, stop}), not every "
                      f"{step}th (docs/spec.md#layer-kinds)")
        return True

    def setitem(self, args: tuple, xs: list, scope: str, where: str) -> bool:
        """``x[:, a:b] = y`` (and ``x[:, a:b] += y``, which Python runs as a getitem, an
        in-place add and this): from here on ``x`` is the concat of its channels before
        ``a``, ``y``, and its channels from ``b`` on (RexNet's residual into the first
        channels of a wider map). False: not a channel slice of a map."""
        if len(args) != 3 or len(xs) != 2 or not all(id(t) in self.ids for t in xs) \
                or args[0] is not xs[0] or args[2] is not xs[1]:
            return False
        x, value = xs
        index = _channel_index(args[1], x)
        if index is None or value.dim() != 4 or id(x) in self.nhwc:
            return False
        start, stop = index
        c = int(x.shape[1])
        if tuple(value.shape) != (x.shape[0], stop - start, *x.shape[2:]):
            return False
        source = self.ids[id(x)]
        parts = []
        for a, b in ((0, start), (stop, c)):
            if a < b:
                self.emit([channel_slice(a, b, c)], [source], [], None, scope, where)
                parts.append(len(self.ops) - 1)
        parts.insert(1 if start else 0, self.ids[id(value)])
        self.emit([("concat", None)], parts, x, None, scope, where)
        return True

    def pad(self, args: tuple, kwargs: dict, xs: list, outs: list, scope: str,
            func: Any) -> bool:
        """``F.pad`` of a map's height and width: a ``pad`` layer; a zero pad is also
        remembered, and folded into a convolution that reads it (TensorFlow's "same"
        padding stays the conv's own padding, as a person writes it)."""
        where = where_of(func, scope)
        if len(xs) != 1 or len(outs) != 1 or id(xs[0]) not in self.ids:
            return False
        a = Args(args, kwargs)
        pads, mode, value = a.get(1, "pad"), a.get(2, "mode", "constant"), a.get(3, "value")
        try:
            steps = pad_steps(pads, mode, value, xs[0].dim())
        except SpecError as err:
            self.fail([self.ids[id(xs[0])]], outs, where, f"{where}: {err.message} has no "
                      "cnnstat layer kind (docs/spec.md#layer-kinds)")
            return True
        source = self.ids[id(xs[0])]
        self.emit(steps, [source], outs[0], None, scope, where)
        if steps[0][1]["mode"] == "zeros":
            top, bottom, left, right = KINDS["pad"].make(steps[0][1]).sides()
            self.padded[id(outs[0])] = (source, (left, right, top, bottom))
        return True

    def unpad(self, x: torch.Tensor, steps: list, source: int, where: str):
        """A convolution reading an ``F.pad`` output: the pad becomes its padding."""
        if id(x) not in self.padded:
            return steps, source, None
        first = steps[0] if steps else None
        if first is None or first[0] != "conv" or isinstance(first[1]["padding"], str):
            return steps, source, None  # the pad's own error op stands
        left, right, top, bottom = self.padded[id(x)][1]
        p = first[1]["padding"]
        sides = [p] * 4 if isinstance(p, int) else ([p[0], p[0], p[1], p[1]] if len(p) == 2
                                                    else list(p))
        sides = [sides[0] + top, sides[1] + bottom, sides[2] + left, sides[3] + right]
        args = dict(first[1], padding=sides if (sides[0], sides[2]) != (sides[1], sides[3])
                    else [sides[0], sides[2]])
        return [("conv", args)] + steps[1:], self.padded[id(x)][0], None

    def layout(self, op: str, args: tuple, xs: list, outs: list) -> bool:
        """``permute(0, 2, 3, 1)`` makes a channels-last view of a map, ``permute(0, 3,
        1, 2)`` turns it back: no op, only the layout the next layers see."""
        if op != "permute" or len(xs) != 1 or len(outs) != 1 or id(xs[0]) not in self.ids:
            return False
        dims = args[1:] if len(args) > 2 else (args[1] if len(args) > 1 else ())
        dims = tuple(int(d) % 4 for d in dims)
        x, y = xs[0], outs[0]
        if dims == (0, 2, 3, 1) and id(x) not in self.nhwc:
            self.nhwc.add(id(y))
        elif dims == (0, 3, 1, 2) and id(x) in self.nhwc:
            pass
        else:
            return False
        self.keep.append(y)
        self.ids[id(y)] = self.ids[id(x)]
        return True

    def shuffle(self, op: str, xs: list, outs: list, scope: str) -> bool:
        """ShuffleNet's channel shuffle as written in Python: view (N, g, C/g, H, W),
        transpose(1, 2), contiguous, view (N, C, H, W); one ``shuffle`` op."""
        if len(outs) != 1 or not xs:
            return False
        where = f"Tensor.{op} in " + (f"module {scope!r}" if scope else "the top-level forward")
        x, y = xs[0], outs[0]
        state = self.pending.get(id(x))
        if op in ("view", "reshape", "unflatten") and state is None and x.dim() == 4 \
                and y.dim() == 5 and id(x) in self.ids and y.shape[0] == x.shape[0] \
                and y.shape[1] * y.shape[2] == x.shape[1] and y.shape[3:] == x.shape[2:]:
            self.pending[id(y)] = (self.ids[id(x)], "grouped", int(y.shape[1]))
        elif state is not None and op in ("transpose", "swapaxes", "permute") \
                and state[1] == "grouped" and y.dim() == 5 \
                and (y.shape[1], y.shape[2]) == (x.shape[2], x.shape[1]):
            self.pending[id(y)] = (state[0], "shuffled", state[2])
        elif state is not None and op in ("contiguous", "clone"):
            self.pending[id(y)] = state
        elif state is not None and state[1] == "shuffled" and y.dim() == 4 \
                and op in ("view", "reshape", "flatten"):
            self.emit([("shuffle", {"groups": state[2]})], [state[0]], y, None, scope, where)
        else:
            return False
        self.keep.append(y)
        self.part_way(y, where)
        return True

    def space_to_depth(self, op: str, args: tuple, xs: list, outs: list,
                       scope: str) -> bool:
        """Space-to-depth as written in Python: view (N, C, H/r, r, W/r, r), permute to
        (N, r, r, C, H/r, W/r) (TensorFlow's order, TResNet) or (N, C, r, r, H/r, W/r)
        (torch's pixel unshuffle), contiguous, view (N, C r^2, H/r, W/r); one
        ``pixel_unshuffle`` op with its ``order``."""
        if len(outs) != 1 or not xs:
            return False
        where = f"Tensor.{op} in " + (f"module {scope!r}" if scope else "the top-level forward")
        x, y = xs[0], outs[0]
        state = self.pending.get(id(x))
        dims = args[1:] if len(args) > 2 else (args[1] if len(args) > 1 else ())
        if op in ("view", "reshape") and state is None and x.dim() == 4 and y.dim() == 6 \
                and id(x) in self.ids and y.shape[3] == y.shape[5] > 1 \
                and tuple(y.shape) == (x.shape[0], x.shape[1], x.shape[2] // y.shape[3],
                                       y.shape[3], x.shape[3] // y.shape[3], y.shape[3]):
            self.pending[id(y)] = (self.ids[id(x)], "blocks_apart", int(y.shape[3]))
        elif state is not None and state[1] == "blocks_apart" and op == "permute" \
                and tuple(int(d) for d in dims) in _S2D:
            self.pending[id(y)] = (state[0], _S2D[tuple(int(d) for d in dims)], state[2])
        elif state is not None and state[1] in _S2D.values() and op in ("contiguous", "clone"):
            self.pending[id(y)] = state
        elif state is not None and state[1] in _S2D.values() and y.dim() == 4 \
                and op in ("view", "reshape", "flatten"):
            self.emit([("pixel_unshuffle", {"factor": state[2], "order": state[1]})],
                      [state[0]], y, None, scope, where)
        else:
            return False
        self.keep.append(y)
        self.part_way(y, where)
        return True

    def part_way(self, y: torch.Tensor, where: str) -> None:
        if id(y) in self.pending:  # part way: anything but the next step fails
            self.fail([self.pending[id(y)][0]], [y], where,
                      f"{where} views a map in {y.dim()} dimensions for something other "
                      "than a channel shuffle (N, G, C/G, H, W) or a space-to-depth (N, C, "
                      "H/r, r, W/r, r); cnnstat's layers read (N, C, H, W) maps")



# space-to-depth's permutes of (N, C, H/r, r, W/r, r): the order of the channels they make
_S2D = {(0, 3, 5, 1, 2, 4): "blocks", (0, 1, 3, 5, 2, 4): "channels"}


def channel_slice(start: int, stop: int, channels: int) -> tuple[str, dict]:
    """Channels [start:stop] of ``channels`` as a step: an equal part is a ``split``,
    any other run a ``slice``."""
    k = stop - start
    if channels % k == 0 and start % k == 0 and k < channels:
        return ("split", {"part": start // k, "parts": channels // k})
    return ("slice", {"start": start, "stop": stop})


def _channel_index(index: Any, x: torch.Tensor) -> tuple[int, int] | None:
    """``[:, a:b]`` (full slices elsewhere) of a 4-D map as (a, b), in range; else None."""
    if x.dim() != 4 or not isinstance(index, tuple) or len(index) < 2 or not all(
            isinstance(i, slice) for i in index) or any(
            i != slice(None) for j, i in enumerate(index) if j != 1):
        return None
    start, stop, step = index[1].indices(int(x.shape[1]))
    return (start, stop) if step == 1 and start < stop else None


def _plain_index(index: Any) -> bool:
    """An index of full slices, ``None`` and ``...`` only (a view, no selection)."""
    items = index if isinstance(index, tuple) else (index,)
    return all(i is None or i is Ellipsis or i == slice(None) for i in items)
