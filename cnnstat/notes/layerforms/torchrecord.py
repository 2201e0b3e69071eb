"""A Torch7 (Lua ``nn``) module printed as a table of its fields, one ``key : value`` a
line between braces, its tensors as ``CudaTensor - size: 8x392``::

    3 :
      {
        padding : 2
        kW : 7
        nInputPlane : 8
        gradWeight : CudaTensor - size: 12x392      <- 12 x (8*7*7): right
        output : CudaTensor - size: 1x12x59x59      <- 7x7, stride 1, pad 2 on 61: right
        finput : CudaTensor - size: 392x3481        <- (8*7*7) x (59*59): right
        weight : CudaTensor - size: 12x392
        nOutputPlane : 12
        kH : 7
        dH : 1
        dW : 1
      }

The fields come in any order (a Lua table's), so a record is judged when its brace
closes. A convolution (``kW``, ``kH``, ``dW``, ``dH``, ``nInputPlane``, ``nOutputPlane``;
its padding ``padding`` or ``padW``/``padH``, none meaning 0) has its weight (and
gradWeight) judged as ``nOutputPlane x nInputPlane*kH*kW`` (the MM form) or
``nOutputPlane x nInputPlane x kH x kW``, its bias (and gradBias) as ``nOutputPlane``. Its
output is judged by the layer algebra where its input is known: the output of the module
printed just before it (the next entry of an ``nn.Sequential``), whose channels must be its
``nInputPlane``. What does not agree is unsure, never wrong (a module of another kind
printed alike, a listing that is no chain); a transposed, dilated or grouped conv is not
read. ``finput`` (the unfolded input) is judged against the output
the record prints: ``nInputPlane*kH*kW x outH*outW``. A pooling (``kW`` ... ``dH`` and no
planes) passes its input's channels on; its output is judged the same way, floor mode
unless ``ceil_mode`` is true.
"""

from __future__ import annotations

import re
from math import prod

from cnnstat.notes.claims import Claim, Skip

CONFIDENCE = 0.8  # the printout taken to be a Torch7 module's (read on every line: its
# braces' lines hold no word a prefilter slot of the code stage has room for, ``prefilter.FEW``)
GAP = 3  # lines between one record's close and the next record's opening
_FIELD = re.compile(r"^\s*(\w{1,30})\s+:\s+(.{1,80}?)\s*$")
_TENSOR = re.compile(r"^(?:\w{0,12}Tensor)\s*-\s*size:\s*(\d{1,6}(?:x\d{1,6}){0,3})$")
_OPEN = re.compile(r"^\s*(?:\d{1,3}\s*:\s*)?\{\s*$")
_CLOSE = re.compile(r"^\s*}\s*,?\s*$")
_SETTINGS = ("kW", "kH", "dW", "dH")
_OTHER = {"adjW", "adjH", "dilationW", "dilationH", "groups", "nGroups"}  # not read


def _dims(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("x"))


class Printout:
    """The record in progress and the output of the one closed just before it."""

    def __init__(self) -> None:
        self.fields: dict[str, tuple[int, str]] | None = None
        self.before: tuple[int, tuple[int, ...] | None] | None = None  # (closed at, output)

    def line(self, number: int, raw: str) -> list[Claim | Skip]:
        if self.fields is None and "{" not in raw:
            return []
        if _OPEN.match(raw):
            if self.before is not None and number - self.before[0] > GAP:
                self.before = None
            self.fields = {}
            return []
        if self.fields is None:
            return []
        if _CLOSE.match(raw):
            fields, self.fields = self.fields, None
            return self._closed(number, fields)
        m = _FIELD.match(raw)
        if m is not None:
            self.fields[m.group(1)] = (number, m.group(2))
        return []

    def _closed(self, number: int, fields: dict) -> list[Claim | Skip]:
        before, self.before = self.before, None
        size = {k: _dims(t.group(1)) for k, (_, v) in fields.items()
                for t in (_TENSOR.match(v),) if t}
        out = size.get("output")
        self.before = (number, out[1:] if out and len(out) == 4 else out)
        ints = {k: int(v) for k, (_, v) in fields.items() if v.isdigit()}
        if not all(k in ints for k in _SETTINGS):
            return []
        (kw, kh, dw, dh), planes = (ints[k] for k in _SETTINGS), ("nInputPlane" in ints,
                                                                     "nOutputPlane" in ints)
        if kw != kh or dw != dh or planes[0] != planes[1] or _OTHER & set(fields):
            return []  # a kernel or stride not square, a transposed or dilated conv: not read
        pad = ints.get("padding", ints.get("padW", 0))
        if ints.get("padH", pad) != pad or ("padding" in fields and "padding" not in ints):
            return []
        conv = planes[0]
        c_in = ints.get("nInputPlane") if conv else None
        c_out = ints.get("nOutputPlane") if conv else None
        claims: list[Claim | Skip] = []
        if conv:
            for key in ("weight", "gradWeight", "bias", "gradBias"):
                if key in size:
                    want = ((c_out,) if "ias" in key else
                            (c_out, c_in * kh * kw) if len(size[key]) == 2 else (c_out, c_in, kh, kw))
                    claims.append(self._claim(fields[key][0], key, size[key], want,
                                              f"{c_out} planes out, {c_in} in, {kh}x{kw} kernel"))
        given = before[1] if before is not None else None
        if out is not None and given is not None and len(given) == 3 and \
                (not conv or given[0] == c_in):
            got = _applied(conv, kw, dw, pad, c_out, given,
                           fields.get("ceil_mode", (0, ""))[1].lower() == "true")
            if got is not None:
                claims.append(self._claim(fields["output"][0], "output", out[-3:], got,
                                          f"{'conv' if conv else 'pooling'} {kh}x{kw}, stride "
                                          f"{dw}, padding {pad} on the output above, "
                                          f"{'x'.join(map(str, given))}: the layer algebra"))
        if conv and out is not None and "finput" in size and len(size["finput"]) >= 2:
            want = (c_in * kh * kw, prod(out[-2:]))
            claims.append(self._claim(fields["finput"][0], "finput", size["finput"][-2:], want,
                                      f"the input unfolded: {c_in}*{kh}*{kw} rows, one column "
                                      f"an output position ({'x'.join(map(str, out[-2:]))})"))
        return claims

    @staticmethod
    def _claim(number: int, key: str, said: tuple, want: tuple, how: str) -> Claim | Skip:
        """Right where the printout agrees; unsure, never wrong, where it does not (a
        module of a kind this reader takes for another, a listing that is no chain)."""
        text, shown = f"{key}: {'x'.join(map(str, said))}", "x".join(map(str, want))
        if tuple(said) == tuple(want):
            return Claim(number, text, "shape", "x".join(map(str, said)), shown, "right", how,
                         shown=shown, confidence=CONFIDENCE)
        return Skip(number, text, f"unsure: {how} gives {shown}")


def _applied(conv: bool, k: int, s: int, pad: int, c_out, given: tuple, ceil: bool):
    from cnnstat.errors import SpecError
    from cnnstat.layers import KINDS

    args = {"kernel": k, "stride": s, "padding": pad}
    if ceil:
        args["ceil_mode"] = True
    try:
        kind = KINDS["conv"].make(dict(args, out=c_out)) if conv else KINDS["maxpool"].make(args)
        return tuple(kind.apply(given).output)
    except (SpecError, ValueError, KeyError, TypeError):
        return None


def read(at) -> list:
    """The reader (``registry``): the note's printout is ``at.state.torch_record``."""
    return at.state.torch_record.line(at.line.number, at.line.raw)
