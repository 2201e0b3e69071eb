"""One layer set out as labelled fields, a field a line, as course notes write an example::

    Input volume: 6x6x3
    Standard convolution:
    * Filter size = 3x3x3
    * Number of filter = 5
    * Output = 4x4x5                      <- 6 - 3 + 1 = 4, five filters: right

    입력: 32x32x3 / 필터 크기: 5x5 / 스트라이드: 1 / 필터 개수: 6 / 출력: 28x28x6

A field is ``label: value`` or ``label = value`` (list markers and emphasis masked): the
input (``Input``, ``Input volume``, ``입력``), the filter or kernel (``Filter``, ``Filter
size``, ``커널 크기``: ``k x k``, ``k x k x C`` or ``k``), the count of filters (``Number of
filters``, ``# filters``, ``필터 개수``), ``Stride``, ``Padding`` (a number, ``same``,
``valid``) and the output (``Output``, ``Output size``, ``출력``). The input starts a record;
the output ends it and is judged, the height and width by the layer algebra
(``shapes.judge``: a stride or padding not given is not guessed: right where the usual
defaults give the size, unsure where another setting would, wrong where none can), the
channels as the count of filters (a pooling's, where the record names one, as its
input's). A heading, a field of another label with a number, or a line of prose with a
number between ends the record unjudged; so does a gap of more than ``GAP`` lines. A
pooling's window (``Pool: 3x3``, ``풀링 크기``) is its kernel, its stride the window where
none is given. A record that names a transposed, dilated, grouped or depthwise layer, or
upsampling, in its lines or the ``ABOVE`` lines before it, is not judged (the plain rule
is not that layer's). Read in prose, lists and code alike (a plain fence).

The same layer written as a record of keys in code (a JavaScript object, a JSON or YAML
mapping, a Python dict; ``FieldRecord``, the reader "layer as a record")::

    {
      name: 'VGG Block',
      input: '224×224×64',
      kernel: '3×3',
      stride: 1,
      padding: 1,
      filters: 128,
      output: '224×224×128',        <- (224 + 2 - 3)/1 + 1 = 224, 128 filters: right
    },

is read as its keys come (``key: value``, the key quoted or not); a line that closes a
brace, or a blank, ends the record. On the ``output`` line, where the record has given
the input's sides, the kernel, the stride and the padding (a number, ``1 pixel (same)``
or ``'same'``/``'valid'``), the output is worked out by the same layer algebra, nothing
left unstated: a pooling where the record's name or kind says pool (or its kernel is a
``window``), else a convolution whose channels are the ``filters`` (or the count its
kernel's text gives, ``3×3 filter, 64 filters``; unknown, the channels are not judged).
Right where the output agrees; wrong where it does not (the stride that would give it
named). Both writings share the layer's algebra (``shapejudge.judge``), its channels
(``_channels``) and their confidence.
"""

from __future__ import annotations

import re
from collections import deque

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps.shapejudge import Kernel, judge

GAP = 4  # lines between two fields of one record
CONFIDENCE = 0.85  # the fields are taken to set out one layer (both writings)
NEEDS = ("input", "Input", "INPUT", "입력", "filter", "Filter", "kernel", "Kernel", "필터", "커널",
         "stride", "Stride", "패딩", "padding", "Padding", "output", "Output", "OUTPUT", "출력",
         "스트라이드", "pool", "Pool", "풀링",
         # and the words that make a record another layer's (``_OTHER``), read to see them
         "ranspos", "deconv", "psampl", "-sampl", "ilat", "atrous", "roup", "epthwise", "전치",
         "역합성곱", "업샘플", "팽창", "확장",
         # and a docstring's quotes, which end a record whose output came first
         '"""', "'''")
_FIELD = re.compile(r"^\s*([A-Za-z#가-힣][A-Za-z#가-힣 ._()-]{0,30}?)\s*[:=]\s*(\S.{0,80}?)\s*$")
_LABELS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in (
    ("input", r"(?:input|입력)(?:\s*(?:volume|size|shape|image|map|feature\s*map|크기|이미지))?"),
    ("kernel", r"(?:filter|kernel|window|필터|커널)(?:\s*(?:size|shape|크기|사이즈))?"),
    ("pool", r"(?:max\s*|average\s*|avg\s*)?pool(?:ing)?(?:\s*(?:size|window))?|풀링(?:\s*크기)?"),
    ("count", r"(?:(?:number|no\.?|#)\s*(?:of\s*)?(?:filters?|kernels?)|filters|kernels|"
              r"(?:필터|커널)\s*(?:의\s*)?(?:개수|수))"),
    ("stride", r"strides?|스트라이드"),
    ("padding", r"padding|pad|패딩"),
    ("output", r"(?:output|출력)(?:\s*(?:volume|size|shape|map|크기))?"),
    ("channels", r"(?:input|output|입력|출력)\s*(?:channels?|채널(?:\s*수)?)"),
))
_MAP = re.compile(r"^\W{0,2}(\d{1,5})\s*[x×X*]\s*(\d{1,5})(?:\s*[x×X*]\s*(\d{1,5}))?\W{0,3}"
                  r"(?:\s+[^\d=+\-/]*)?$")
_KERNEL = re.compile(r"^\W{0,2}(\d{1,2})(?:\s*[x×X*]\s*(\d{1,2})(?:\s*[x×X*]\s*\d{1,5})?)?"
                     r"\W{0,3}(?:\s+[^\d=+\-/]*)?$")
_INT = re.compile(r"^\W{0,2}(\d{1,5})\W{0,3}(?:\s+[^\d=+\-/]*)?$")
_PAD_WORD = re.compile(r"^\W{0,2}(same|valid)\b", re.I)
_POOL = re.compile(r"pool|풀링", re.I)
# a layer whose output is not the plain rule's, named in the record or the lines above it
_OTHER = re.compile(r"transpos|deconv|upsampl|up-sampl|dilat|atrous|group|depthwise|전치|"
                    r"역합성곱|업샘플|팽창|확장\s*합성곱", re.I)
ABOVE = 4  # lines above a record whose words may make it another layer's
_DIGIT = re.compile(r"\d")

# a record of keys in code (``FieldRecord``)
RECORD_NEEDS = (":", "=")
_KEY = re.compile(r"""^\s*["']?([A-Za-z_]\w{0,30})["']?\s*[:=]\s*(.{1,120}?)\s*,?\s*$""")
_CLOSE = re.compile(r"^\s*[}\])]")
_SIDES = re.compile(r"(\d{1,5})\s*[x×*]\s*(\d{1,5})(?:\s*[x×*]\s*(\d{1,5}))?")
_LIST = re.compile(r"^[\[(]\s*(\d{1,5})\s*,\s*(\d{1,5})\s*(?:,\s*(\d{1,5})\s*)?[\])]$")
_KEY_INT = re.compile(r"^['\"]?(\d{1,4})(?:\s*(?:pixels?|px))?(?:\s*\((?:same|valid)\))?['\"]?$",
                      re.I)
_KEY_KERNEL = re.compile(r"^['\"]?(\d{1,2})(?:\s*[x×*]\s*(\d{1,2}))?(?:\s+(?:filter|kernel|window)s?)?"
                         r"(?:\s*,\s*(\d{1,5})\s+(?:filters|kernels))?\s*['\"]?$", re.I)
_KEY_POOL = re.compile(r"pool", re.I)


def _channels(pool: bool, given: int | None, count: int | None) -> int | None:
    """The output's channels: a pooling keeps its input's, a conv gives one per filter;
    None where the record does not say."""
    return given if pool else count


class FieldLines:
    """The record in progress: its fields, the line of its last field, whether a pooling
    was named."""

    def __init__(self) -> None:
        self.fields: dict[str, str] | None = None
        self.last = -10
        self.pool = False
        self.before: deque[str] = deque(maxlen=ABOVE)  # the lines above the record
        self.other = False  # the record is another layer's (transposed, dilated, ...)

    def check_line(self, number: int, masked: str, heading: bool) -> list[Claim | Skip]:
        self.before.append(masked)
        return self._read(number, masked, heading)

    def _close(self) -> list[Claim | Skip]:
        """The record whose output came before its kernel (``Output size: 28x28`` over
        ``Kernel size: 5x5``, ``Stride``, ``Padding``, as a docstring sets a layer out),
        judged where it ends, on its output's line."""
        fields, self.fields = self.fields, None
        if not fields or "output_line" not in fields or "kernel" not in fields or self.other:
            return []
        return self._judge(int(fields["output_line"]), fields)

    def _read(self, number: int, masked: str, heading: bool) -> list[Claim | Skip]:
        out: list[Claim | Skip] = []
        if heading or number - self.last > GAP:
            out = self._close()
        if masked.strip() in ('"""', "'''"):  # a docstring ends
            return out + self._close()
        m = _FIELD.match(masked)
        kind = next((k for k, rx in _LABELS if rx.fullmatch(m.group(1).strip())), None) \
            if m else None
        if kind is None:
            if self.fields is not None and _DIGIT.search(masked):
                out += self._close()  # a line of another kind with a figure: the record ends
                self.before.clear()
            elif self.fields is not None and _POOL.search(masked):
                self.pool = True
            return out
        value = m.group(2)
        if kind == "input" or (kind == "output" and self.fields and "output_line" in self.fields):
            out += self._close()
        if kind == "channels":
            return out
        if kind == "input":
            self.fields, self.pool = {}, bool(_POOL.search(masked))
            self.other = any(_OTHER.search(b) for b in self.before)
        if self.fields is None:
            return out
        self.other |= bool(_OTHER.search(masked))
        if kind == "pool":
            kind, self.pool = "kernel", True
        self.fields[kind] = value
        self.last = number
        if kind != "output":
            return out
        if "kernel" not in self.fields:  # its settings may come under it
            self.fields["output_line"] = str(number)
            return out
        fields, self.fields = self.fields, None
        self.before.clear()  # what named this record's layer does not name the next one's
        return out + ([] if self.other else self._judge(number, fields))

    def _judge(self, number: int, fields: dict[str, str]) -> list[Claim | Skip]:
        given, said = _MAP.match(fields.get("input", "")), _MAP.match(fields["output"])
        kernel = _KERNEL.match(fields.get("kernel", ""))
        if given is None or said is None or kernel is None or \
                given.group(1) != given.group(2) or said.group(1) != said.group(2) or \
                (kernel.group(2) and kernel.group(2) != kernel.group(1)):
            return []
        stride = padding = None
        if "stride" in fields:
            s = _INT.match(fields["stride"])
            if s is None:
                return []
            stride = int(s.group(1))
        if "padding" in fields:
            word, p = _PAD_WORD.match(fields["padding"]), _INT.match(fields["padding"])
            if word is None and p is None:
                return []
            padding = int(p.group(1)) if p else 0 if word.group(1).lower() == "valid" else "same"
        count = _INT.match(fields.get("count", ""))
        n, k, out = int(given.group(1)), int(kernel.group(1)), int(said.group(1))
        layer = Kernel(k, self.pool, stride, padding)
        verdict, got, note = judge(n, [layer], out)
        depth = int(said.group(3)) if said.group(3) else None
        want_c = _channels(self.pool, int(given.group(3)) if given.group(3) else None,
                           int(count.group(1)) if count else None)
        text = f"{n}x{n} → {layer.describe()} → {fields['output'].strip()}"
        if depth is not None and want_c is not None and depth != want_c:
            shown = f"{got if got is not None else out}x{got if got is not None else out}x{want_c}"
            return [Claim(number, text, "shape", fields["output"].strip(), shown, "wrong",
                          "a pooling keeps its input's channels" if self.pool else
                          f"a conv gives one channel per filter: {want_c}", (), shown,
                          confidence=CONFIDENCE)]
        if verdict == "skip":
            return [Skip(number, text, f"unsure: {note}")]
        shown = f"{got}x{got}" + (f"x{depth}" if depth is not None else "")
        return [Claim(number, text, "shape", fields["output"].strip(), shown, verdict,
                      "layer algebra: floor((n + 2p - k) / s) + 1", (),
                      shown if verdict == "wrong" else "", confidence=CONFIDENCE)]


def _shape(text: str) -> tuple[int, ...] | None:
    """(H, W) or (H, W, C) of a key's value: ``'224×224×64'``, ``[224, 224, 64]``."""
    text = text.strip().strip("'\"`")
    m = _LIST.match(text) or _SIDES.match(text)
    if m is None or (m.re is _SIDES and text[m.end():].strip(" ,")
                     and not re.match(r"\s*(?:RGB|image|feature map|map|input|volume)",
                                      text[m.end():], re.I)):
        return None
    return tuple(int(g) for g in m.groups() if g)


# the settings of a named network's layer a record may give, as a sentence words them
_SETTING_WORDS = {"stride": "stride", "strides": "stride", "kernel": "kernel",
                  "kernel_size": "kernel", "padding": "padding", "filters": "filters",
                  "out_channels": "filters"}
_SETTING = re.compile(r"^\d{1,4}(?:\s*[x×]\s*\d{1,2})?$")


class FieldRecord:
    """The keys of the code record in progress."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.last = -10

    def line(self, number: int, raw: str) -> list[Claim]:
        if number - self.last > 1 or not raw.strip() or _CLOSE.match(raw) or \
                raw.rstrip().endswith("{"):
            self.fields = {}
        self.last = number
        m = _KEY.match(raw)
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
        if word is None or not name or not _SETTING.match(value):
            return []
        from cnnstat.notes.modelfacts import specfacts

        said = f"{value} {word}" if word == "filters" else f"{word} {value}"
        return [c for c in specfacts.check_line(number, f"{name}: {said}")[0]
                if f" {word} " in c.text]  # this setting's claim only

    def _judge(self, number: int, value: str) -> list[Claim]:
        said, given = _shape(value), _shape(self.fields.get("input", ""))
        kernel = _KEY_KERNEL.match(self.fields.get("kernel", "").strip())
        stride = _KEY_INT.match(self.fields.get("stride", "").strip())
        pad_text = self.fields.get("padding", "").strip().strip("'\"").lower()
        pad = _KEY_INT.match(pad_text)
        if None in (said, given, kernel, stride) or len(said) != len(given) or \
                (pad is None and pad_text not in ("same", "valid")):
            return []
        k, s = int(kernel.group(1)), int(stride.group(1))
        if kernel.group(2) and int(kernel.group(2)) != k:
            return []
        name = " ".join(self.fields.get(f, "") for f in ("name", "type", "kind", "layer"))
        pool = bool(_KEY_POOL.search(name) or re.search(r"window", self.fields.get("kernel", ""),
                                                           re.I))
        filters = self.fields.get("filters", "").strip().strip("'\"")
        count = int(filters) if filters.isdigit() else \
            int(kernel.group(3)) if kernel.group(3) else None
        count = 1 if count == 0 else count  # a conv of "0" filters is judged as one filter's
        padding = "same" if pad_text == "same" else 0 if pad_text == "valid" else int(pad.group(1))
        if padding == "same" and (s != 1 or pool):
            return []  # "same" at a stride: TensorFlow's or PyTorch's, not said which; no pooling's
        layer = Kernel(k, pool, s, padding)
        sides = tuple(judge(n, [layer], m)[1] for n, m in zip(given[:2], said[:2]))
        if None in sides:
            return []  # the layer cannot apply
        want_c = _channels(pool, given[2] if len(given) == 3 else None, count)
        if len(said) == 3 and want_c is None:
            said = said[:2]  # the channels: the filters, not given
        want = sides + ((want_c,) if len(said) == 3 else ())
        how = (f"{'pooling' if pool else 'conv'} {k}x{k}, stride {s}, padding {padding} on "
               f"{'x'.join(map(str, given))}: the layer algebra")
        shown = "x".join(map(str, want))
        if tuple(said) != want:  # the stride that would give the output stated
            fits = [t for t in range(1, 9) if t != s and isinstance(padding, int) and
                    judge(given[0], [layer._replace(stride=t)], said[0])[1] == said[0]]
            how += f"; stride {fits[0]} would give {said[0]}" if fits else ""
        return [Claim(number, value.strip().strip("'\""), "shape", value.strip().strip("'\""),
                      shown, "right" if tuple(said) == want else "wrong", how,
                      confidence=CONFIDENCE)]


def read_record(at) -> list[Claim]:
    """The reader "layer as a record" (``registry``): the note's record is
    ``at.state.record``."""
    return at.state.record.line(at.line.number, at.line.raw)
