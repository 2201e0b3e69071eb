"""A layer written as a record of named fields, one a line (a JavaScript object, a JSON
or YAML mapping, a Python dict)::

    {
      name: 'VGG Block',
      input: '224×224×64',
      kernel: '3×3',
      stride: 1,
      padding: 1,
      filters: 128,
      output: '224×224×128',        <- (224 + 2 - 3)/1 + 1 = 224, 128 filters: right
    },

The fields are read as they come (``key: value``, the key quoted or not); a line that
closes a brace, or a blank, ends the record. On the ``output`` line, where the record
has given the input's sides, the kernel, the stride and the padding (a number, ``1 pixel
(same)`` or ``'same'``/``'valid'``), the output is worked out by the layer algebra: a
pooling where the record's name or kind says pool (its channels the input's), else a
convolution (its channels the ``filters``, or the count of filters its kernel's text
gives, ``3×3 filter, 64 filters``; unknown, the channels are not judged). Right where the
output agrees; wrong where it does not.
"""

from __future__ import annotations

import re

from cnnstat.errors import SpecError
from cnnstat.notes.claims import Claim

CONFIDENCE = 0.85  # the fields are taken to describe one layer
NEEDS = (":", "=")
_FIELD = re.compile(r"""^\s*["']?([A-Za-z_]\w{0,30})["']?\s*[:=]\s*(.{1,120}?)\s*,?\s*$""")
_CLOSE = re.compile(r"^\s*[}\])]")
_SIDES = re.compile(r"(\d{1,5})\s*[x×*]\s*(\d{1,5})(?:\s*[x×*]\s*(\d{1,5}))?")
_LIST = re.compile(r"^[\[(]\s*(\d{1,5})\s*,\s*(\d{1,5})\s*(?:,\s*(\d{1,5})\s*)?[\])]$")
_INT = re.compile(r"^['\"]?(\d{1,4})(?:\s*(?:pixels?|px))?(?:\s*\((?:same|valid)\))?['\"]?$", re.I)
_KERNEL = re.compile(r"^['\"]?(\d{1,2})(?:\s*[x×*]\s*(\d{1,2}))?(?:\s+(?:filter|kernel|window)s?)?"
                     r"(?:\s*,\s*(\d{1,5})\s+(?:filters|kernels))?\s*['\"]?$", re.I)
_POOL = re.compile(r"pool", re.I)
# the settings of a named network's layer a record may give, as a sentence words them
_SETTING_WORDS = {"stride": "stride", "strides": "stride", "kernel": "kernel",
                  "kernel_size": "kernel", "padding": "padding", "filters": "filters",
                  "out_channels": "filters"}
_VALUE = re.compile(r"^\d{1,4}(?:\s*[x×]\s*\d{1,2})?$")


def _shape(text: str) -> tuple[int, ...] | None:
    """(H, W) or (H, W, C) of a field's value: ``'224×224×64'``, ``[224, 224, 64]``."""
    text = text.strip().strip("'\"`")
    m = _LIST.match(text) or _SIDES.match(text)
    if m is None or (m.re is _SIDES and text[m.end():].strip(" ,")
                     and not re.match(r"\s*(?:RGB|image|feature map|map|input|volume)",
                                      text[m.end():], re.I)):
        return None
    return tuple(int(g) for g in m.groups() if g)


class Record:
    """The fields of the record in progress."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.last = -10

    def line(self, number: int, raw: str) -> list[Claim]:
        if number - self.last > 1 or not raw.strip() or _CLOSE.match(raw) or \
                raw.rstrip().endswith("{"):
            self.fields = {}
        self.last = number
        m = _FIELD.match(raw)
        if m is None:
            return []
        key, value = m.group(1).lower(), m.group(2)
        self.fields[key] = value
        return self._judge(number, value) if key == "output" else self._named(number, key, value)

    def _named(self, number: int, key: str, value: str) -> list[Claim]:
        """A setting of a record named for a network's layer (``name: 'AlexNet Conv1'`` over
        ``stride: 2``): the network's own, by the specs (``specfacts``, as in a sentence
        "AlexNet Conv1: stride 2"); judged on the setting's line, right or wrong."""
        word = _SETTING_WORDS.get(key)
        name = self.fields.get("name", "").strip().strip("'\"`")
        value = value.strip().strip("'\"`")
        if word is None or not name or not _VALUE.match(value):
            return []
        from cnnstat.notes.modelfacts import specfacts

        said = f"{value} {word}" if word == "filters" else f"{word} {value}"
        return [c for c in specfacts.check_line(number, f"{name}: {said}")[0]
                if f" {word} " in c.text]  # this setting's claim only

    def _judge(self, number: int, value: str) -> list[Claim]:
        from cnnstat.layers import KINDS

        said, given = _shape(value), _shape(self.fields.get("input", ""))
        kernel = _KERNEL.match(self.fields.get("kernel", "").strip())
        stride = _INT.match(self.fields.get("stride", "").strip())
        pad_text = self.fields.get("padding", "").strip().strip("'\"").lower()
        pad = _INT.match(pad_text)
        if None in (said, given, kernel, stride) or len(said) != len(given) or \
                (pad is None and pad_text not in ("same", "valid")):
            return []
        k, s = int(kernel.group(1)), int(stride.group(1))
        if kernel.group(2) and int(kernel.group(2)) != k:
            return []
        name = " ".join(self.fields.get(f, "") for f in ("name", "type", "kind", "layer"))
        pool = bool(_POOL.search(name) or re.search(r"window", self.fields.get("kernel", ""),
                                                       re.I))
        filters = self.fields.get("filters", "").strip().strip("'\"")
        out_c = None if pool else int(filters) if filters.isdigit() else \
            int(kernel.group(3)) if kernel.group(3) else None
        c = given[2] if len(given) == 3 else 1
        padding = "same" if pad_text == "same" else 0 if pad_text == "valid" else int(pad.group(1))
        if padding == "same" and s != 1:
            return []  # TensorFlow's or PyTorch's "same" at a stride: not said which
        args = {"kernel": k, "stride": s, "padding": padding}
        try:
            if pool:
                got = KINDS["maxpool"].make(args).apply((c,) + given[:2]).output
            else:
                got = KINDS["conv"].make(dict(args, out=out_c or 1)).apply((c,) + given[:2]).output
        except (SpecError, ValueError, KeyError, TypeError):
            return []
        want = got[1:] + ((got[0],) if len(said) == 3 else ())
        if len(said) == 3 and not pool and out_c is None:
            said, want = said[:2], want[:2]  # the channels: the filters, not given
        how = (f"{'pooling' if pool else 'conv'} {k}x{k}, stride {s}, padding {padding} on "
               f"{'x'.join(map(str, given))}: the layer algebra")
        shown = "x".join(map(str, want))
        if tuple(said) != tuple(want):  # the stride that would give the output stated
            fits = [t for t in range(1, 9) if t != s and isinstance(padding, int) and
                    (given[0] + 2 * padding - k) // t + 1 == said[0]]
            how += f"; stride {fits[0]} would give {said[0]}" if fits else ""
        return [Claim(number, value.strip().strip("'\""), "shape", value.strip().strip("'\""),
                      shown, "right" if tuple(said) == tuple(want) else "wrong", how,
                      confidence=CONFIDENCE)]


def read(at) -> list[Claim]:
    """The reader (``registry``): the note's record is ``at.state.record``."""
    return at.state.record.line(at.line.number, at.line.raw)


__all__ = ["Record", "read"]
