"""A parameter count said in the prose right after a snippet that builds one layer::

    ```
    x = nn.Conv2d(3, 8, 5, 1, 1, bias=True)
    print(np.prod(x.weight.shape) + x.bias.shape[0])
    ```
    This snippet confirms my results, 608 parameters.        (8*(5*5*3) + 8: right)

The snippet (code lines close together, ``GAP``: in a fence, or lines of an unlabelled
fence or the prose that read as code) builds exactly one ``nn.Conv2d`` or
``nn.Linear`` (``torchcode.layer`` reads its arguments; ``bias=False`` drops the biases);
the count (``608 parameters``, ``7,850 trainable params``) is on one of the ``NEAR`` prose
lines after it, a bare figure (one worked out, ``3*3*3*64 = 1728 parameters``, is the
calculation's: ``intent`` reads the layer above it too). Its count is the layer algebra's (``cnnstat.layers``). Right where it
agrees; a count that does not may be of another layer the prose speaks of, or of the
weights alone: unsure, never wrong.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.codeforms.torchcode import Layer, layer
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.reading.numerals import number_at

GAP = 3  # lines between two code lines of one snippet (a blank line, a fence)
NEAR = 4  # prose lines after the snippet's last code line a count may stand on
_CALL = re.compile(r"nn\.(?:Conv2d|Linear)\s*\(")
# a line of code outside a labelled fence: an import, an assignment, a call, an attribute
_CODE_LIKE = re.compile(r"\s*(?:(?:import|from)\s+\w|[A-Za-z_][\w.\[\]]*\s*(?:=[^=]|\()|"
                        r"[A-Za-z_]\w*(?:\.\w+)+\s*$)")
_NO_BIAS = re.compile(r"\bbias\s*=\s*False\b")
_COUNT = re.compile(r"(?<![\w.,])[0-9][0-9,]{0,12}(?=\s+(?:trainable\s+|learnable\s+)?"
                    r"(?:param(?:eter)?s|weights\s+and\s+biases)\b)", re.I)


class Snippet:
    """The layers the last snippet of code built, and its last line."""

    def __init__(self) -> None:
        self.layers: list[Layer] = []
        self.end = -GAP - NEAR - 1

    def code(self, number: int, raw: str, fenced: bool) -> list:
        """A line of code: in a fence with a language (``fenced``), or a line of an
        unlabelled fence or of the prose that reads as code (``x = nn.Conv2d(...)``,
        ``print(...)``, ``import torch``)."""
        if not fenced and not _CODE_LIKE.match(raw):
            return []
        if number - self.end > GAP:
            self.layers = []  # another snippet
        self.end = number
        if _CALL.search(raw):
            one = layer(raw.partition("#")[0].rstrip().rstrip(";"))
            self.layers.append(one if one is not None and one.kind in ("conv", "linear")
                               else None)
        return []

    def prose(self, number: int, masked: str) -> list[Claim | Skip]:
        if not 0 < number - self.end <= NEAR or len(self.layers) != 1 or self.layers[0] is None:
            return []
        one = self.layers[0]
        found = [m for m in _COUNT.finditer(masked)]
        if len(found) != 1 or "=" in masked[:found[0].start()]:
            return []  # a count worked out on the line is the calculation's (intent)
        got = number_at(masked, found[0].start())
        if got is None or got[0].value.denominator != 1:
            return []
        args = dict(one.args, bias=not _NO_BIAS.search(one.text))
        shape = (one.in_channels,) if one.kind == "linear" else (one.in_channels, 64, 64)
        try:
            want = KINDS()[one.kind].make(args).apply(shape).params
        except (SpecError, TypeError, ValueError):
            return []
        said = int(got[0].value)
        text = f"{one.text}: {got[0].text} parameters"
        if said == want:
            return [Claim(number, text, "params", got[0].text, want, "right",
                          f"the layer the snippet above builds: {want:,} (layer algebra)")]
        return [Skip(number, text, f"unsure: the snippet's {one.text} has {want:,}; the count "
                                   "may be another layer's, or the weights' alone")]


def KINDS():  # noqa: N802 - the layer algebra's table, imported when first used
    from cnnstat.layers import KINDS as kinds
    return kinds


READERS = [
    Reader("layer a snippet builds", "code+every", lambda at: at.state.snippet.code(
        at.line.number, at.line.raw, at.line.kind != "text")),
    # "x = nn.Conv2d(3, 8, 5)" in a fence, then "This confirms it: 608 parameters."
    Reader("count after a snippet", "claims", lambda at: at.state.snippet.prose(
        at.line.number, at.line.masked), needs=("param", "weights and biases")),
]
