"""The lines under a summary: totals, trainable and frozen counts, and sizes.

* the total is the sum of the rows' counts, when every line between the header and the
  total was read (torchinfo's "(recursive)" rows are not counted, as torchinfo does);
* trainable + non-trainable (DL4J: frozen) is the total;
* Keras's trainable count is the total less the batch-norm moving statistics (2C per
  layer) when no layer is frozen; where it is not, the line is left unsure;
* sizes: torchsummary's "Params size (MB)" is the total x 4 bytes in MiB (2^20 bytes,
  which torchsummary labels MB), and its "Forward/backward pass size (MB)" twice the
  output elements of every row x 4 bytes, in MiB; torchinfo's "Params size (MB)" is the
  total x 4 bytes in MB (10^6); Keras prints each count's float32 bytes in units of
  1024 ("56.37 MB", "10.75 KB"); torchinfo's "Total mult-adds" is, as torchinfo counts
  them, each conv's weights and bias times its output positions and batch, and every
  other layer's parameters times the batch;
* torchsummary's "Estimated Total Size (MB)" is the sum of its input, forward/backward
  and params sizes before each was rounded: the printed total is within 0.02 of the sum
  of the three printed figures (each printed to 2 places), and wrong beyond it. Its
  "Input size (MB)" (the input's elements x batch x 4 bytes / 2^20) is not judged: the
  input's shape is not in the table;
* torchscan's "Model size (params + buffers)" is the total x 4 bytes in MiB where no
  buffer adds to it: right when it is that; a figure above it may be the buffers', so
  it is never wrong for that alone; its "Total RAM usage" is the model size and the
  "Framework & CUDA overhead" printed above it added, within their rounding (``summed``).
"""

from __future__ import annotations

import re
from fractions import Fraction

from cnnstat.layers import numel
from cnnstat.notes.signs import has_any
from cnnstat.notes.summary.rows import Row

_COUNT = (r"\s*[:：= ]\s*([0-9][0-9,]{0,20})"
          r"(?:\s*\(([0-9]{1,12}(?:\.[0-9]{1,4})?) ?(Byte|B|KB|MB|GB|TB)\))?")
_MB = r"\s*[:：]\s*([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*$"
_KO_PARAMS = r"(?:파라미터|매개\s*변수|모수)(?:\s*(?:수|개수|갯수))?"
# each total's label as the tools print it, and as Korean notes write it
LABELS = {
    "total": r"Total (?:params|parameters)|(?:총|전체)\s*" + _KO_PARAMS,
    "trainable": r"(?:Total )?Trainable (?:params|parameters)|(?:(?:총|전체)\s*)?(?:학습|훈련)\s*"
                 r"가능한\s*" + _KO_PARAMS,
    "frozen": r"(?:Total )?(?:Non-trainable|Frozen) (?:params|parameters)|(?:(?:총|전체)\s*)?"
              r"(?:학습|훈련)\s*(?:불가능한|되지\s*않는|불가)\s*" + _KO_PARAMS,
    "size": r"(?:Params size|파라미터\s*크기)\s*\(MB\)",
    "pass": r"(?:Forward/backward pass size|순전파\s*/\s*역전파\s*(?:패스\s*)?크기)\s*\(MB\)",
    "input": r"(?:Input size|입력\s*크기)\s*\(MB\)",
    "estimated": r"(?:Estimated Total Size|(?:예상|추정)\s*(?:총|전체)\s*크기)\s*\(MB\)",
}
LINES = tuple((kind, re.compile(r"^\s*(?:" + label + ")" + (_COUNT if kind in ("total", "trainable",
                                                                          "frozen") else _MB),
                                re.I if kind in ("total", "trainable", "frozen") else 0))
              for kind, label in LABELS.items()) + (
    ("macs", re.compile(r"^\s*Total mult-adds(?: \((?:Units\.)?([MGT])[A-Z]{0,10}\))?:\s*"
                        r"([0-9][0-9,]{0,20}"
                        r"(?:\.[0-9]{1,4})?)\s*$")),
    # torchscan: the weights and buffers in MiB (it prints "Mb")
    ("model size", re.compile(r"^\s*Model size \(params \+ buffers\)\s*:\s*([0-9]{1,9}(?:\.[0-9]{1,4})?)"
                              r"\s*Mb\s*$")),
    # torchscan: the framework's own memory, and the model's and that added up
    ("overhead", re.compile(r"^\s*Framework & CUDA overhead\s*:\s*([0-9]{1,9}(?:\.[0-9]{1,4})?)\s*Mb\s*$")),
    ("ram", re.compile(r"^\s*Total RAM usage\s*:\s*([0-9]{1,9}(?:\.[0-9]{1,4})?)\s*Mb\s*$")),
)
# every line of ``LINES`` in one pattern (each keeps its own case rule), tried before them
# all: built from ``LINES`` itself, so a line added there is never turned away here
_ANY_LABEL = re.compile("|".join(("(?i:" if rx.flags & re.I else "(?:") + rx.pattern + ")"
                                 for _, rx in LINES))
_LABEL_ALONE = [(kind, re.compile(r"^\s*(?:" + label + r")\s*$", re.I))
                for kind, label in LABELS.items()]


def label_kind(cell: str) -> str | None:
    """The total a table cell labels (``Params size (MB)``, ``총 파라미터 수``), or None."""
    return next((kind for kind, rx in _LABEL_ALONE if rx.match(cell)), None)


OTHER = re.compile(r"^\s*(?:Input size|Estimated Total Size|Model:|Batch size|"
                   r"Optimizer|Loss function|Callbacks|Params size)", re.I)
# a counter's figures, one or several on a line (``MACs/FLOPs: 7,631,368,192``, ``FLOPs:
# 15.47G, Params: 138.36M``, ``Computational complexity: 15.5 GMac``, ``연산량: 15.5 GFLOPs``)
_FIGURE = re.compile(
    r"(?P<label>(?:#\s*)?(?:Total\s+)?(?:[GMK]?MACs?(?:\s*/\s*[GMK]?FLOPs?)?|"
    r"[GMK]?FLOPs?(?:\s*/\s*[GMK]?MACs?)?|"
    r"MAdds|Mult-Adds|multiply-adds|Computational complexity|연산량|곱셈\s*수|"
    r"Params|Parameters|Number of parameters|#\s*params|파라미터\s*수)"
    r"\s*(?:\(\s*(?P<unit1>[KMGTB])[A-Za-z]{0,6}\s*\))?)\s*[:：=]\s*"
    r"(?P<num>[0-9][0-9,]{0,20}(?:\.[0-9]{1,6})?)(?![.,]?[0-9])(?:\s*(?P<unit2>[KMGTB])"
    r"(?=MAC|FLOP|(?![A-Za-z])))?(?:\s*(?P<word>MACs?|FLOPs?|params)(?![\w\s]*[:：=]))?", re.I)
_SEP = re.compile(r"^[\s,;|/]*$")
_SCALES = {"K": 10**3, "M": 10**6, "G": 10**9, "B": 10**9, "T": 10**12}


# what every match of ``_FIGURE`` holds: a digit, a sign between label and figure, and a
# word of its label (case-folded); a line without one of each is no counter's figures
_FIGURE_SIGNS = (":", "：", "=")
_FIGURE_WORDS = ("mac", "flop", "madds", "mult-adds", "multiply-adds",
                 "computational complexity", "연산량", "곱셈", "param", "파라미터")
_DIGIT = re.compile(r"[0-9]")


def figures(raw: str) -> list[tuple[str, Fraction, Fraction, tuple[int, int]]]:
    """A line that is nothing but a counter's labelled figures: each one's kind
    (``macs``, ``flops``, ``count``), value, the worth of its last digit, and span."""
    if len(raw) > 200 or not _DIGIT.search(raw) or \
            not any(map(raw.__contains__, _FIGURE_SIGNS)) or not has_any(raw, _FIGURE_WORDS):
        return []
    out, at = [], 0
    for m in _FIGURE.finditer(raw):
        if not _SEP.match(raw[at:m.start()]):
            return []
        at = m.end()
        label, word = m.group("label").lower(), (m.group("word") or "").lower()
        unit = (m.group("unit2") or m.group("unit1") or "").upper()
        lead = re.match(r"(?:total\s+)?([gmk])(?:mac|flop)", label)
        scale = _SCALES.get(unit) or (_SCALES[lead.group(1).upper()] if lead else 1)
        if "param" in label or "파라미터" in label:
            kind = "count"
        elif "flop" in label or "연산량" in label or "flop" in word:
            kind = "flops"
        else:
            kind = "macs"
        text = m.group("num").replace(",", "")
        places = len(text.split(".")[1]) if "." in text else 0
        out.append((kind, Fraction(text) * scale, Fraction(scale, 10**places),
                    m.span("num")))
    return out if out and _SEP.match(raw[at:]) else []


_UNITS = ("B", "KB", "MB", "GB", "TB")
_SCALE = {"M": 10**6, "G": 10**9, "T": 10**12, None: 1}


def opens(raw: str) -> bool:
    """Is ``raw`` a total a block of totals alone may open with?"""
    if not _DIGIT.search(raw):  # every total's pattern holds one
        return False
    return (_ANY_LABEL.match(raw) is not None and any(whole(rx.match(raw)) for _, rx in LINES)) \
        or bool(figures(raw))


def whole(m: re.Match | None) -> bool:
    """A total that is the whole line (``Total params: 60M`` in prose is not one)."""
    return m is not None and not m.string[m.end():].strip()


def keras_size(n_bytes: int) -> tuple[str, str]:
    """Keras's readable size: divide by 1024 while the value is 1024 or more."""
    v, unit = Fraction(n_bytes), 0
    while v >= 1024 and unit < len(_UNITS) - 1:
        v, unit = v / 1024, unit + 1
    return f"{float(v):.2f}", _UNITS[unit]


def rounds_to(value: Fraction, text: str) -> bool:
    """Does ``text`` (printed with its decimals) show ``value``?"""
    places = len(text.split(".")[1]) if "." in text else 0
    return f"{float(value):.{places}f}" == text or \
        abs(Fraction(text) - value) <= Fraction(1, 2 * 10**places)


def torchinfo_macs(rows: list[Row]) -> int | None:
    """torchinfo's mult-adds from the rows, or None when a row with parameters is not a
    layer whose rule is known (a block cut at the depth limit holds hidden layers)."""
    total = 0
    for r in rows:
        if not r.params:
            continue
        if r.family in ("conv", "depthwise") and r.shape and len(r.shape) >= 2:
            total += r.params * r.batch * numel(r.shape[1:])
        elif r.family in ("linear", "bn", "layernorm") and r.shape:
            total += r.params * r.batch
        else:
            return None
    return total


# a printed total that adds up sizes printed above it: their keys, and how it is told
SUMS = {"estimated": (("input", "pass", "size"), "input {} + forward/backward {} + params {} "
                      "(MB as torchsummary prints them, each rounded)"),
        "ram": (("model size", "overhead"), "model size {} + framework & CUDA overhead {} "
                "(Mb as torchscan prints them, each rounded)")}


def summed(number: int, what: str, m: re.Match, sizes: dict[str, str], claim) -> list:
    """torchsummary's estimated total against the three sizes printed above it, or
    torchscan's RAM usage against its two: each printed to its places, the sum within
    their rounding, else wrong."""
    keys, told = SUMS[what]
    parts = [sizes.get(k) for k in keys]
    if any(p is None for p in parts):
        return []
    text = m.group(1)
    got = sum(Fraction(p) for p in parts)  # type: ignore[arg-type]
    slack = sum(Fraction(1, 2 * 10**_places(p)) for p in parts + [text])  # type: ignore
    ok = abs(Fraction(text) - got) <= slack
    shown = f"{float(got):.{max(_places(text), 2)}f}"
    return [claim(number, m.group(0).strip(), text, float(shown), ok, told.format(*parts),
                  m.span(1), shown)]


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


AREAS = (9, 25, 49, 121)  # a square kernel's area (3x3 to 11x11)


def bias_gap(rows, value: int, want: int) -> tuple[str, float]:
    """A stated total over the rows' sum by the biases (one per output channel) of one
    conv row whose count reads as a kernel without bias (``Conv2d ... 9,216`` under a
    total that counts its 32 biases; a conv before a batch norm often has none, a dense
    layer seldom): the row's count or the total slipped, and which is not known. The
    reason and the confidence of the total's verdict."""
    surplus = value - want
    fits = [r for r in rows if r.family == "conv" and r.shape and r.params
            and r.shape[0] == surplus > 0 and r.params % surplus == 0]
    if len(fits) > 1:
        fits = [r for r in fits if any((r.params // surplus) % a == 0 for a in AREAS)]
    if len(fits) != 1:
        return "", 1.0
    return f"; or line {fits[0].line}'s row left out its {surplus} biases", 0.4
