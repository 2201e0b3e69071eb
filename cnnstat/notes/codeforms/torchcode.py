"""Shapes a note's PyTorch code prints: a layer built with ``nn.Conv2d``/``nn.MaxPool2d``/
``nn.AvgPool2d``/``nn.ConvTranspose2d``/``nn.Linear`` (on the last dimension, of any
rank), an input made with ``torch.randn(1, 3, 32, 32)`` or ``torch.randn(3)`` (or ``Tensor``,
``zeros``, ``ones``, ``rand``, ``empty``), the layer applied (``out = conv(x)``), and the
``torch.Size([1, 6, 28, 28])`` the note shows for it: in a comment on that line, or in
the printed output after the code (the next lines, fenced or indented).

The output is computed by the layer algebra (``torchlayer.apply``), never by a formula of
its own (a conv's dilation too). A constructor ``torchlayer`` does not take apart (a string
padding other than ``'same'``, groups) makes the layer unknown, and what it
prints is not judged. A printed shape equal to an input's is that input printed.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.codeforms.paramshape import SHOWN, param_shape
from cnnstat.notes.codeforms.torchlayer import LAYER, POSITIONS, Layer, apply, build, layer, \
    split_args
from cnnstat.notes.kept import KEPT, keep

_ASSIGN = re.compile(r"^\s*(?:self\.)?([A-Za-z_]\w*)\s*=\s*(.{1,300})$")
# an input of any rank from 1 to 4: torch.randn(3), torch.randn(8, 512), (1, 3, 32, 32)
_INPUT = re.compile(r"torch\.(?:Tensor|FloatTensor|randn|rand|zeros|ones|empty)\s*\(\s*"
                    r"\(?\s*([0-9]{1,5}(?:\s*,\s*[0-9]{1,5}){0,3})\s*,?\s*\)?\s*\)")
_CALL = re.compile(r"^(?:self\.)?([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)\s*\)")
# layers applied one in another: conv2(conv1(x))
_NESTED = re.compile(r"^((?:(?:self\.)?[A-Za-z_]\w*\s*\(\s*){2,6})([A-Za-z_]\w*)((?:\s*\)){2,6})$")
_NAME_CALL = re.compile(r"(?:self\.)?([A-Za-z_]\w*)\s*\(")
_SIZE = re.compile(r"torch\.Size\(\s*\[\s*([0-9]{1,5}(?:\s*,\s*[0-9]{1,5}){0,3})\s*\]\s*\)")
_PRINTED = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*(?:shape\b|size\s*\(\s*\))")
# numpy: an array made with its shape, a product of two, a shape printed as a tuple
_NP_INPUT = re.compile(r"np\.(?:random\.randn|random\.rand|zeros|ones|empty)\s*\(\s*"
                       r"\(?\s*([0-9]{1,5}(?:\s*,\s*[0-9]{1,5}){0,3})\s*,?\s*\)?\s*\)")
_M = r"(\w+(?:\.T)?)"  # an array, or its transpose
_PRODUCT = re.compile(r"np\.(?:dot|matmul)\s*\(\s*" + _M + r"\s*,\s*" + _M + r"\s*\)\s*$|" + _M +
                      r"\s*@\s*" + _M + r"\s*$|(\w+)\.dot\s*\(\s*" + _M + r"\s*\)\s*$")
_TUPLE = re.compile(r"(?<!\w)[(\[]\s*([0-9]{1,5}(?:\s*,\s*[0-9]{1,5}){0,3})\s*,?\s*[)\]]")
_SEQUENTIAL = re.compile(r"^nn\.Sequential\s*\((.{0,1000})\)\s*$")
# layers that keep the shape of what they are given
_KEEPS = re.compile(r"^nn\.(?:ReLU|ReLU6|Tanh|Sigmoid|GELU|SiLU|LeakyReLU|Dropout2?d?|"
                    r"BatchNorm2d|Identity)\s*\(.{0,80}\)$")
WINDOW = 15  # lines after the code in which its printed output is looked for
SPAN = 12  # lines a constructor's call may go on over
# a layer's output shown, not named: "convt(y).shape", "print(pool(x).size())"
_SHOWN_CALL = re.compile(r"^\s*(?:print\s*\(\s*)?(?:self\.)?([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*)"
                         r"\s*\)\s*\.\s*(?:shape\b|size\s*\(\s*\))")
# a print with its label first: print("weight shape:", layer.weight.shape)
_PRINT_LABEL = re.compile(r"print\s*\(\s*(['\"])([^'\"{}]{2,40})\1\s*,")
_OPENS = re.compile(r"\s*(?:nn\.|torch\.)\w+\s*\(")


class Session:
    """The layers, inputs and outputs of the code read so far, and the shapes its
    output has still to show."""

    def __init__(self) -> None:
        self.layers: dict[str, list[Layer]] = {}
        self.shapes: dict[str, tuple[int, ...]] = {}
        self.inputs: dict[tuple[int, ...], bool] = {}
        self.forgot = False  # an input was forgotten: any shape shown may be one
        self.due: list[tuple[str, tuple[int, ...], str]] = []  # (what, shape, var) to show
        self.last_code = -WINDOW
        self.last_shown = -WINDOW  # the last line that showed a due output
        self.open: list[str] = []  # a constructor's call going on over lines
        self.labels: dict[str, tuple] = {}  # a print's label -> the tensor it shows
        from cnnstat.notes.codeforms import modulerun  # (it builds its layers with this module)
        self.classes, self._beside = modulerun.Classes(), modulerun.beside  # the note's nn.Modules
        self._rebound = modulerun.rebound

    def _joined(self, raw: str) -> str | None:
        """A layer's or input's constructor that goes on over several lines (``conv =
        nn.Conv2d(in_channels=8,`` ... ``kernel_size=5)``), joined into one line once it
        closes; None while it is open. Any other line as it is."""
        code = raw.partition("#")[0]
        if self.open:
            self.open.append(code.strip())
            text = " ".join(self.open)
            if text.count("(") > text.count(")") and len(self.open) < SPAN:
                return None
            self.open = []
            return text
        a = _ASSIGN.match(code.rstrip())
        if a and _OPENS.match(a.group(2)) and a.group(2).count("(") > a.group(2).count(")"):
            self.open = [code.rstrip()]
            return None
        return raw

    def code_line(self, number: int, raw: str) -> list[Claim]:
        self.classes.see(raw)
        joined = self._joined(raw)
        if joined is None:
            return []
        raw = joined
        if number - max(self.last_code, self.last_shown) > WINDOW:
            self.due = []  # outputs never shown: the new code's come next
        self.last_code = number
        code, _, comment = raw.partition("#")
        for name in self._rebound(code):
            self.shapes.pop(name, None)  # for x in ... / x, y = ... / x += ...: not known
        a = _ASSIGN.match(code.rstrip())
        shown = _SHOWN_CALL.match(code) if a is None else None
        if shown and shown.group(1) in self.layers and shown.group(2) in self.shapes:
            # convt(y).shape: the layer's output shown without a name
            out = apply(self.layers[shown.group(1)], self.shapes[shown.group(2)])
            if out is not None and len(self.due) < KEPT:
                self.due.append((f"{shown.group(1)}({shown.group(2)})", out, ""))
                if "Size" not in comment:  # print(model(x).shape)  # (2, 10)
                    return self._beside(number, comment, self.due)
        for name, which in SHOWN.findall(code) if a is None else ():
            built = self.layers.get(name)  # print(layer.weight.shape): its parameter's
            want = param_shape(built[0], which) if built and len(built) == 1 else None
            if want is not None and comment.strip():
                self.due = []  # the comment beside it is this tensor's, not one shown before
            if want is not None and len(self.due) < KEPT:
                self.due.append((f"{name}.{which}", want, ""))
                self._label(code, (f"{name}.{which}", want, ""))
        if a is None:  # print(x.shape, y.shape)  # torch.Size([3]) torch.Size([4])
            shown_names = _PRINTED.findall(SHOWN.sub("", code))
            due = next((d for d in self.due if shown_names and d[2] == shown_names[-1]), None)
            if due is not None and len(shown_names) == 1:
                self._label(code, due)  # print("output:", y.shape)
            return self.text_line(number, comment, shown_names) if comment else []
        var, rhs = a.groups()
        built = self._layers(rhs.strip())
        part = self.classes.part(rhs) if built is None else None  # Net(10): the note's own
        built = [Layer("module", {"run": part}, None, rhs.strip())] if part else built
        if built is not None:
            keep(self.layers, var, built)
            return []
        inp = _INPUT.search(rhs) or _NP_INPUT.search(rhs)
        if inp:
            shape = tuple(int(x) for x in inp.group(1).split(","))
            self.forgot |= not keep(self.inputs, shape)
            wrap = rhs[:inp.start()].strip().rstrip("(").strip()  # pool(torch.randn(...))
            known = wrap.removeprefix("self.") in self.layers
            if known or not wrap or wrap.endswith("Variable"):
                keep(self.shapes, var, shape)
            else:
                self.shapes.pop(var, None)  # model(torch.randn(...)): a module not read
            if not known:
                return []
            rhs = f"{wrap}({var})"
        prod = _PRODUCT.match(rhs.strip())
        if prod:  # np.dot(W, x), np.matmul(A, B), A @ B, A.dot(B)
            a, b = (prod.group(1), prod.group(2)) if prod.group(1) else \
                (prod.group(3) or prod.group(5), prod.group(4) or prod.group(6))
            out = _matmul(self._array(a), self._array(b))
            self.shapes.pop(var, None)
            if out is not None:
                keep(self.shapes, var, out)
                if len(self.due) < KEPT:
                    self.due.append((f"{a} @ {b}", out, var))
            return self.text_line(number, comment, _PRINTED.findall(SHOWN.sub("", code))) if comment else []
        call = _CALL.match(rhs.strip())
        nested = _NESTED.match(rhs.strip())
        names = _NAME_CALL.findall(nested.group(1))[::-1] if nested else \
            [call.group(1)] if call else []
        given = nested.group(2) if nested else call.group(2) if call else None
        if nested and nested.group(3).count(")") != len(names):
            names = []
        if names and all(n in self.layers for n in names) and given in self.shapes:
            out = apply([x for n in names for x in self.layers[n]], self.shapes[given])
            self.shapes.pop(var, None)
            if out is not None:
                keep(self.shapes, var, out)
                if len(self.due) < KEPT:  # past that, the outputs are left unjudged
                    self.due.append((rhs.strip() if nested else f"{names[0]}({given})",
                                     out, var))
                    if "Size" not in comment:  # out = conv(x)  # shape: (1, 32, 224, 224)
                        return self._beside(number, comment, self.due)
        else:
            self.shapes.pop(var, None)  # a tensor made some other way: its shape not known
        return self.text_line(number, comment) if comment else []

    def _layers(self, rhs: str) -> list[Layer] | None:
        """The layers an expression builds: one constructor, or ``nn.Sequential`` of
        constructors and names built before; None when any part is not read."""
        seq = _SEQUENTIAL.match(rhs)
        if seq is None:
            one = layer(rhs)
            return [one] if one is not None else None
        out: list[Layer] = []
        for part in split_args(seq.group(1)):
            part = part.strip()
            if part in self.layers:
                out += self.layers[part]
            elif _KEEPS.match(part):
                continue
            else:
                one = layer(part)
                if one is None:
                    return None
                out.append(one)
        return out or None

    def prose_line(self, number: int, raw: str) -> list[Claim]:
        """A line outside a fence: code pasted without one (``conv = nn.Conv2d(...)``,
        ``out = conv(x)``) is read as code, anything else for a shape shown."""
        joined = self._joined(raw)
        if joined is None:
            return []
        raw = joined
        a = _ASSIGN.match(raw.partition("#")[0].rstrip())
        if a is None and _SHOWN_CALL.match(raw):
            return self.code_line(number, raw)
        if a is not None and (LAYER.search(a.group(2)) or _INPUT.search(a.group(2)) or
                              _SEQUENTIAL.match(a.group(2).strip()) or
                              (_CALL.match(a.group(2).strip()) and
                               _CALL.match(a.group(2).strip()).group(1) in self.layers)):
            return self.code_line(number, raw)
        return self.text_line(number, raw)

    def _label(self, code: str, due: tuple) -> None:
        """``print("weight shape:", layer.weight.shape)``: the output line that starts with
        the label shows that tensor, whether or not a comment showed it already."""
        m = _PRINT_LABEL.search(code)
        if m and len(self.labels) < KEPT:
            self.labels[m.group(2).strip()] = due

    def text_line(self, number: int, masked: str, names: list[str] | None = None) -> list[Claim]:
        """A ``torch.Size([...])`` shown: the next output due, judged; or, beside code
        that prints named tensors' shapes, each named tensor's."""
        labelled = next((d for k, d in self.labels.items() if masked.lstrip().startswith(k)),
                        None) if self.labels and "Size" in masked else None
        if labelled is not None and number - max(self.last_code, self.last_shown) <= WINDOW:
            sizes = list(_SIZE.finditer(masked))
            if len(sizes) == 1:  # "weight shape: torch.Size([3, 4])" under its print
                if labelled in self.due:
                    self.due.remove(labelled)
                self.last_shown = number
                return self._named(number, [""], sizes, due=labelled)
        if names and ("(" in masked or "[" in masked) and "Size" not in masked:  # "# (4,)"
            tuples = list(_TUPLE.finditer(masked))
            if len(names) == len(tuples) and all(n in self.shapes for n in names):
                return self._named(number, names, tuples, "")
        if "Size" not in masked:
            return []
        sizes = list(_SIZE.finditer(masked))
        if names and len(names) == len(sizes) and all(n in self.shapes for n in names):
            return self._named(number, names, sizes)
        if names and not all(n in self.shapes for n in names):
            return []  # print(y.shape) of a tensor made some other way: no output due
        claims = []
        for m in sizes:
            shown = tuple(int(x) for x in m.group(1).split(","))
            if number - max(self.last_code, self.last_shown) > WINDOW or not self.due:
                break  # (the output goes on while it keeps showing shapes)
            if (shown in self.inputs or self.forgot) and shown != self.due[0][1]:
                continue  # the input, printed
            what, want, _ = self.due.pop(0)
            self.last_shown = number
            text = f"{what} -> torch.Size({list(shown)})"
            ok = shown == want
            claims.append(Claim(number, text, "shape", m.group(0), f"torch.Size({list(want)})",
                                "right" if ok else "wrong",
                                f"layer algebra: {what} gives {list(want)}"))
        return claims


    def _array(self, name: str) -> tuple[int, ...] | None:
        """An array's shape by its name; ``W.T`` reversed (2-D)."""
        shape = self.shapes.get(name.removesuffix(".T"))
        return shape[::-1] if shape is not None and name.endswith(".T") else shape

    def _named(self, number: int, names: list[str], sizes: list[re.Match],
               how: str = "torch.Size", due: tuple | None = None) -> list[Claim]:
        claims = []
        given = due
        for name, m in zip(names, sizes):
            shown = tuple(int(x) for x in m.group(1).split(","))
            due = given or next((d for d in self.due if d[2] == name), None)
            made = self.shapes.get(name)
            if due is None and made is not None:  # an input, or an output shown before
                due = (name, made, name)
            if due is None:
                continue  # a tensor no layer here gave
            if due in self.due:
                self.due.remove(due)
            self.last_shown = number
            what, want, _ = due
            written = f"torch.Size({list(want)})" if how else str(want)
            claims.append(Claim(number, f"{what} -> {m.group(0)}", "shape",
                                m.group(0), written,
                                "right" if shown == want else "wrong",
                                f"{'layer algebra' if how else 'the matrix product'}: "
                                f"{what} gives {list(want)}"))
        return claims


def _matmul(a: tuple[int, ...] | None, b: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """The shape of a product of 1-D and 2-D arrays (numpy's dot and matmul agree there);
    None where the inner sizes differ or a shape is not known."""
    if a is None or b is None or not (1 <= len(a) <= 2 and 1 <= len(b) <= 2):
        return None
    if a[-1] != b[0]:
        return None
    return a[:-1] + b[1:]


# Layer, POSITIONS, layer, build, apply: ``torchlayer``'s, which the code readers reach here
__all__ = ["Session", "Layer", "POSITIONS", "layer", "build", "apply", "Skip"]
