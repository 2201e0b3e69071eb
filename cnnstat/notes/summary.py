"""Pasted model summaries: Keras ``model.summary()`` and torchsummary tables.

Each row is rebuilt from the row before it: a Dense/Linear layer has (inputs + 1) x
outputs parameters (or inputs x outputs without a bias), the inputs being the previous
row's output flattened; pooling, flatten, dropout and activation rows have none; batch
norm has 4 x C in Keras (gamma, beta and the two running statistics) and 2 x C in
PyTorch (the statistics are buffers there); a convolution's count is right when some
kernel size k from 1 to 11 gives it, (k*k*C_in + 1) x C_out or without the bias, and is
left "unsure" otherwise (a grouped or depthwise convolution writes the same row). The
totals are the sum of the rows when every row between the header and the total was
read; trainable plus non-trainable is the total; torchsummary's "Params size (MB)" is
the total x 4 bytes in MiB (2^20 bytes), which torchsummary labels MB.

Rows are read from the raw lines, inside code fences too, where summaries are pasted.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.numbers import agrees, read_number

_KERAS = re.compile(r"^[\s│|]*(?P<name>[A-Za-z_][\w./-]{0,80}) +\((?P<type>[A-Za-z][A-Za-z0-9_]{0,40})\)?"
                    r"[\s│|]*\[?\((?P<shape>[-0-9A-Za-z, ]{0,80})\)\]?[\s│|]*"
                    r"(?P<params>[0-9][0-9,]{0,20})(?P<rest>[\s│|]*.{0,200})$")
_TORCH = re.compile(r"^\s*(?P<type>[A-Za-z][A-Za-z0-9_]{0,40})-(?P<idx>[0-9]{1,5}) +"
                    r"\[(?P<shape>[-0-9, ]{1,80})\] +(?P<params>[0-9][0-9,]{0,20})\s*$")
_HEADER = re.compile(r"^[\s│|┃]*Layer \(type", re.I)
_RULE = re.compile(r"^[\s│|┃=_\-─━┏┓┗┛┡┩┣┫╇╈┳┻╋┃└┘┌┐├┤┬┴┼]*$")
_TOTAL = re.compile(r"^\s*Total params:\s*([0-9][0-9,]*)")
_TRAINABLE = re.compile(r"^\s*Trainable params:\s*([0-9][0-9,]*)")
_FROZEN = re.compile(r"^\s*Non-trainable params:\s*([0-9][0-9,]*)")
_OTHER_SIZES = re.compile(r"^\s*(?:Input size|Forward/backward pass size|Estimated Total Size|"
                          r"Total mult-adds|Model:)", re.I)
_SIZE = re.compile(r"^\s*Params size \(MB\):\s*([0-9]+(?:\.[0-9]+)?)")
_ZERO = ("pool", "flatten", "dropout", "relu", "activation", "add", "concatenate", "padding",
         "softmax", "reshape", "identity", "input", "sigmoid", "tanh", "lambda")


class Row(NamedTuple):
    line: int
    kind: str  # lower case, as typed: conv2d, dense, linear, maxpool2d ...
    shape: tuple[int, ...]  # without the batch dimension
    params: int
    span: tuple[int, int]
    torch: bool
    shape_span: tuple[int, int] = (0, 0)


def _shape(text: str) -> tuple[int, ...] | None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or parts[0] not in ("None", "-1"):
        return None
    try:
        dims = tuple(int(p) for p in parts[1:] if len(p) <= 9)
    except ValueError:
        return None
    return dims if len(dims) == len(parts) - 1 else None


def _int(text: str) -> int:
    return int(text.replace(",", ""))


class Summary:
    """The rows of the summary being read, and whether any line in it was not read."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.gap = False
        self.active = False
        self.total: int | None = None
        self.trainable: int | None = None

    def start(self) -> None:
        self.rows, self.gap, self.active, self.total = [], False, True, None
        self.trainable = None

    def check_line(self, number: int, raw: str) -> tuple[list[Claim], list[Skip], bool]:
        """Claims of one raw line; the flag says the line belonged to a summary."""
        if len(raw) > 400:
            return [], [], False
        if _HEADER.match(raw):
            self.start()
            return [], [], True
        torch = _TORCH.match(raw)
        keras = None if torch else _KERAS.match(raw)
        m = torch or keras
        if m:
            shape = _shape(m.group("shape"))
            if shape is None:
                return [], [], False
            if not self.active:
                self.start()
            kind = m.group("type").lower()
            name = m.group("name").lower() if keras else ""
            if any(z in name for z in _ZERO) and not any(z in kind for z in _ZERO):
                kind = name  # Keras cuts long type names: (AveragePo for AveragePooling2D
            row = Row(number, kind, shape, _int(m.group("params")),
                      m.span("params"), bool(torch), m.span("shape"))
            out = self._row(row)
            self.rows.append(row)
            why = [] if out else [Skip(number, " ".join(raw.split())[:100],
                                       "a summary row not rebuilt: the first row, or a "
                                       "layer whose count depends on settings the table "
                                       "does not show")]
            return out, why, True
        if not self.active:
            return [], [], False
        for rx, what in ((_TOTAL, "total"), (_TRAINABLE, "trainable"),
                         (_FROZEN, "frozen"), (_SIZE, "size")):
            t = rx.match(raw)
            if t:
                return self._totals(number, what, t), [], True
        if _RULE.match(raw) or _OTHER_SIZES.match(raw):
            return [], [], True
        if raw.lstrip().startswith(("```", "~~~")) or \
                (self.total is not None and not raw.strip()):
            self.active = False  # the summary ends with its fence, or after its totals
            return [], [], False
        if raw.strip():
            if self.total is not None:
                self.active = False
                return [], [], False
            self.gap = True  # a line that is not a row: the sum is no longer known
        return [], [], True

    def _row(self, row: Row) -> list[Claim]:
        prev = self.rows[-1] if self.rows else None
        text = f"{row.kind} {row.shape}: {row.params:,} parameters"
        kind = row.kind.rstrip("0123456789_")
        claimed = f"{row.params:,}"

        def judged(ok: bool, actual: int, how: str) -> Claim:
            a, b = row.span
            edits = () if ok else (Edit(row.line, a, b, str(actual)),)
            return Claim(row.line, text, "summary", claimed, actual,
                         "right" if ok else "wrong", how, edits, str(actual))

        if any(z in kind for z in _ZERO) and "conv" not in kind:
            out = [judged(row.params == 0, 0, f"a {row.kind} layer has no parameters")]
            if kind == "flatten" and prev is not None and len(row.shape) == 1:
                n = 1
                for d in prev.shape:
                    n *= d
                ok = row.shape[0] == n
                a, b = row.shape_span
                out.append(Claim(row.line, f"flatten of {prev.shape}: {row.shape[0]:,}",
                                 "summary", str(row.shape[0]), n, "right" if ok else "wrong",
                                 " x ".join(str(d) for d in prev.shape) + f" = {n:,}",
                                 () if ok else (Edit(row.line, a, b, f"None, {n}"),), str(n)))
            return out
        if kind.startswith("batchnorm") or kind.startswith("batchnormalization"):
            c = row.shape[-1] if not row.torch else row.shape[0]
            want = 2 * c if row.torch else 4 * c
            return [judged(row.params in (2 * c, 4 * c), want,
                           f"batch norm of {c} channels: " +
                           ("2 x C (PyTorch keeps the statistics as buffers)" if row.torch
                            else "4 x C (gamma, beta, moving mean and variance)"))]
        if kind in ("dense", "linear"):
            if prev is None or len(row.shape) != 1:
                return []
            n_in = 1
            for d in prev.shape:
                n_in *= d
            n_out = row.shape[0]
            with_bias = (n_in + 1) * n_out
            ok = row.params in (with_bias, n_in * n_out)
            return [judged(ok, row.params if ok else with_bias, f"({n_in:,} inputs + 1) x {n_out:,} outputs, the "
                                          f"inputs from line {prev.line}")]
        if kind in ("conv2d",) and prev is not None and len(row.shape) == 3:
            c_in = prev.shape[-1] if not prev.torch else prev.shape[0]
            c_out = row.shape[-1] if not row.torch else row.shape[0]
            for k in range(1, 12):
                if row.params in ((k * k * c_in + 1) * c_out, k * k * c_in * c_out):
                    return [judged(True, row.params,
                                   f"a {k}x{k} kernel: ({k}*{k}*{c_in} + 1) x {c_out}")]
        return []

    def _totals(self, number: int, what: str, m: re.Match) -> list[Claim]:
        text = m.group(0).strip()
        a, b = m.span(1)
        if what == "size":
            if self.total is None:
                return []
            got = read_number(m.group(1), 0)
            if got is None:
                return []
            mib = Fraction(self.total * 4, 2**20)
            ok = agrees(mib, got[0])
            shown = f"{float(mib):.2f}"
            return [Claim(number, text, "summary", m.group(1), float(f"{float(mib):.2f}"),
                          "right" if ok else "wrong",
                          f"{self.total:,} x 4 bytes / 2^20 (MiB, which torchsummary "
                          "labels MB)", () if ok else (Edit(number, a, b, shown),), shown)]
        value = _int(m.group(1))
        if what == "total":
            self.total = value
            if not self.rows or self.gap:
                return []
            want = sum(r.params for r in self.rows)
            ok = value == want
            return [Claim(number, text, "summary", m.group(1), want, "right" if ok else "wrong",
                          f"the sum of the {len(self.rows)} rows above",
                          () if ok else (Edit(number, a, b, f"{want:,}"),), f"{want:,}")]
        if what == "frozen" and self.total is not None and self.trainable is not None:
            want = self.total - self.trainable
            ok = value == want
            return [Claim(number, text, "summary", m.group(1), want, "right" if ok else "wrong",
                          "total - trainable", () if ok else (Edit(number, a, b, f"{want:,}"),),
                          f"{want:,}")]
        if what == "trainable":
            self.trainable = value
        return []
