"""The row grammar of each summary style: one raw line in, one ``Row`` out (or None).

Styles with a fixed layout have a regular expression each:

* ``keras``: ``name (Type)  (None, 30, 30, 32)  896  [connected to]``, Keras 2 (with
  or without its blank separator lines, cells cut by width) and Keras 3 (box-drawing
  cells ``│ … │``; the type may come on the next line);
* ``torchsummary``: ``Conv2d-1  [-1, 64, 64, 64]  1,792``;
* ``mxnet``: ``conv1(Convolution)  64x112x112  9472  data``, spaces or dashes between.

Styles read by their header's columns (cells split at two or more spaces, or at ``|``):
torchinfo (``├─Conv2d: 1-1  [1, 64, 112, 112]  9,408``, depth-indented), fastai
(``Conv2d  64 x 4 x 14 x 14  40  True``), DL4J (``name (ConvolutionLayer)  3,64  1,792
W:{64,3,3,3}, b:{1,64}  [input]``), docstring tables (``Conv2d_1_depthwise  288
3,612,672``: name, params, MACs), and whitespace-aligned or pipe-separated tables.

Every expression is bounded and anchored: a line is read in time linear in its length.
Shapes are stored as cnnstat stores them: per sample, channels first.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.summary.kinds import family

Shape = tuple[int, ...]
BOX = str.maketrans({c: " " for c in "│┃║|"})

_KERAS = re.compile(
    r"^ *(?P<name>[A-Za-z_][\w./:-]{0,80})"
    r"(?: +\( ?(?P<type>[A-Za-z]\w{0,40})?(?P<close>\))?)?"  # "( Conv2D)": a space in
    r" +(?P<shape>\[?\( ?(?:None|[0-9]{1,9})(?:, ?(?:None|[0-9]{1,9})){0,6},?\)\]?)"
    r" +(?P<params>[0-9][0-9,]{0,20})(?P<rest> .{0,400})? *$")
_TORCH = re.compile(r"^ *(?P<type>[A-Za-z]\w{0,40})-(?P<idx>[0-9]{1,5}) +"
                    r"\[(?P<shape>-?[0-9]{1,9}(?:, ?[0-9]{1,9}){0,6})\] +"
                    r"(?P<params>[0-9][0-9,]{0,20}) *$")
# MXNet's print_summary: ``conv1(Convolution)   64x112x112   9472   data`` (the shape per
# sample, channels first; the layer it reads last), its cells cut by spaces, or by dashes
# where a page ran them together (``fc6(FullyConnected)-----4096-----56627200-----flatten``)
_MXNET = re.compile(r"^[ `]*(?P<name>[A-Za-z_][\w./:]{0,80})\((?P<type>[A-Za-z_]\w{0,40})\)"
                    r"[ -]{2,}(?P<shape>[0-9]{1,9}(?:x[0-9]{1,9}){0,5})[ -]{2,}"
                    r"(?P<params>[0-9]{1,12})(?:[ -]{2,}(?P<prev>[A-Za-z_][\w./:]{0,80}))?[ `]*$")
_MORE_INPUT = re.compile(r"^ {20,}(?P<prev>[A-Za-z_][\w./:]{0,80}) *$")  # its other inputs
_REF = re.compile(r"([A-Za-z_][\w./:-]{0,80})\[[0-9]{1,4}\]\[[0-9]{1,4}\]")
_CONTINUED = re.compile(r"^ {1,40}(?P<frag>[\w(][\w./:-]{0,80}\)?)?"
                        r"(?P<refs>(?: +\[?'?[A-Za-z_][\w./:-]{0,80}\[[0-9]{1,4}\]\[[0-9]{1,4}\]"
                        r"'?,?\]?){0,8}) *$")
_NUM = re.compile(r"^\(?([0-9][0-9,]{0,20})\)?$")
_TREE = re.compile(r"^[│|├└─+ ]*")
_INFO_NAME = re.compile(r"^(?P<type>[A-Za-z]\w{0,40})(?:: (?P<depth>[0-9]{1,3})-[0-9]{1,5})?$")
_NAMED = re.compile(r"^(?P<name>[A-Za-z_][\w./:-]{0,80}) +\((?P<type>[A-Za-z]\w{0,40})\)$")
_INDEXED = re.compile(r"^(?P<type>[A-Za-z]\w{0,40})-[0-9]{1,5}$")
_SCOPE = re.compile(r"^(?P<name>[A-Za-z_][\w./-]{0,120}):?$")
_DIMS = re.compile(r"^[\[(]?(?:None|-?[0-9]{1,9})(?:(?:, ?| ?[x×] ?)[0-9]{1,9}){0,6}[\])]?$")


class Row(NamedTuple):
    line: int
    name: str  # the layer's name as printed ("" when the style prints none)
    type: str  # the type as printed
    family: str | None  # see kinds.TYPES; None: not judged
    shape: Shape | None  # output, per sample, channels first
    params: int | None  # None: "--" or "-" (torchinfo, DL4J: none)
    span: tuple[int, int]  # of the parameter count in the raw line
    style: str
    shape_span: tuple[int, int] = (0, 0)
    inputs: tuple[str, ...] = ()  # the layers it reads, where the table names them
    depth: int = 0  # torchinfo nesting
    closed: bool = True  # the type was printed whole (Keras may continue it below)
    macs: int | None = None
    macs_span: tuple[int, int] = (0, 0)
    io: tuple[int, int] | None = None  # DL4J nIn, nOut
    weights: tuple[Shape, ...] = ()  # DL4J ParamsShape: W:{...}, b:{...}
    frozen: bool = False  # torchinfo prints frozen counts in brackets
    batch: int = 1  # the batch the shapes were printed with (-1 and None: 1)


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _last_first(dims: Shape) -> Shape:
    """Keras prints channels last: (H, W, C) -> (C, H, W), (L, C) -> (C, L)."""
    return dims if len(dims) < 2 else (dims[-1],) + dims[:-1]


def parse_shape(text: str, channels_last: bool) -> Shape | None:
    """``(None, 30, 30, 32)``, ``[-1, 64, 32, 32]``, ``[1, 64, 112, 112]``,
    ``64 x 4 x 14 x 14``: the first entry is the batch and is dropped."""
    text = text.strip().strip("[]").strip("()")
    parts = [p.strip() for p in re.split(r",|\bx\b|×", text, maxsplit=8) if p.strip()]
    if len(parts) < 2 or not all(p.isdecimal() for p in parts[1:]) or \
            not (parts[0] in ("None", "-1") or parts[0].isdecimal()):
        return None
    dims = tuple(int(p) for p in parts[1:] if len(p) <= 9)
    if len(dims) != len(parts) - 1:
        return None
    return _last_first(dims) if channels_last else dims


def keras(number: int, raw: str) -> Row | None:
    m = _KERAS.match(raw.translate(BOX))
    if not m:
        return None
    shape = parse_shape(m.group("shape").strip("[]"), channels_last=True)
    if shape is None:
        return None
    name, type_ = m.group("name"), m.group("type") or ""
    closed = bool(m.group("close"))
    refs = tuple(_REF.findall(m.group("rest") or ""))
    return Row(number, name, type_, family(type_, name, closed), shape, _int(m.group("params")),
               m.span("params"), "keras", m.span("shape"), refs, closed=closed)


def torchsummary(number: int, raw: str) -> Row | None:
    m = _TORCH.match(raw)
    if not m:
        return None
    shape = parse_shape(m.group("shape"), channels_last=False)
    if shape is None:
        return None
    t, first = m.group("type"), m.group("shape").split(",")[0]
    return Row(number, "", t, family(t, "", True), shape, _int(m.group("params")),
               m.span("params"), "torchsummary", m.span("shape"),
               batch=max(1, abs(int(first))))


def mxnet(number: int, raw: str) -> Row | None:
    m = _MXNET.match(raw)
    if not m:
        return None
    shape = tuple(int(d) for d in m.group("shape").split("x"))
    name, type_ = m.group("name"), m.group("type")
    return Row(number, name, type_, family(type_, name, True), shape, int(m.group("params")),
               m.span("params"), "mxnet", m.span("shape"),
               (m.group("prev"),) if m.group("prev") else ())


def continuation(row: Row, raw: str) -> Row | None:
    """The next line of a Keras row whose cells were too wide: the rest of its name or
    type, more of its "Connected to" list; of an MXNet row, another layer it reads.
    None when the line is not one."""
    if row.style == "mxnet":
        m = _MORE_INPUT.match(raw)
        return None if m is None else row._replace(inputs=row.inputs + (m.group("prev"),))
    m = _CONTINUED.match(raw.translate(BOX))
    if not m or not (m.group("frag") or m.group("refs")):
        return None
    row = row._replace(inputs=row.inputs + tuple(_REF.findall(m.group("refs") or "")))
    frag = m.group("frag") or ""
    if not frag:
        return row
    if row.closed and row.type:
        return None  # a whole row needs no more name or type
    name, type_, closed = row.name, row.type, False
    if "(" in frag:
        before, _, after = frag.partition("(")
        name, type_ = name + before, after
    elif row.type or raw.translate(BOX).rstrip().endswith(")"):
        type_ += frag
    else:
        name += frag
    if type_.endswith(")"):
        type_, closed = type_[:-1], True
    return row._replace(name=name, type=type_, closed=closed,
                        family=family(type_, name, closed))


class Columns(NamedTuple):
    """A header's columns: each role and its index."""

    roles: tuple[str, ...]
    pipes: bool


_ROLES = (("inputs", re.compile(r"vertex inputs|connected|inbound|previous layer", re.I)),
          ("io", re.compile(r"nin,? ?nout", re.I)),
          ("pshape", re.compile(r"params ?shape", re.I)),
          ("macs", re.compile(r"mult-?adds|macs?\b|madds", re.I)),
          ("in", re.compile(r"input shape", re.I)),
          ("other", re.compile(r"kernel|%|percent", re.I)),
          ("output", re.compile(r"output|shape", re.I)),
          ("params", re.compile(r"param|weights", re.I)),
          ("layer", re.compile(r"layer|name|type|module", re.I)))
_CELLS = re.compile(r" {2,}|\t+")


def split(raw: str, pipes: bool) -> list[tuple[str, int, int]]:
    """The cells of a line with their spans: at ``|`` or at runs of two spaces."""
    cells, start = [], 0
    text = raw if pipes else raw.replace("│", " ").replace("┃", " ")
    seps = list(re.finditer(r"\|", text) if pipes else _CELLS.finditer(text))
    for sep in seps + [None]:
        end = sep.start() if sep else len(text)
        cell = text[start:end]
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            cells.append((cell.strip(), start + lead, start + lead + len(cell.strip())))
        if sep:
            start = sep.end()
    return cells


def header(raw: str) -> Columns | None:
    """The columns of a summary header: short cells without digits, the first naming
    the layer, another a count (parameters or MACs)."""
    if len(raw) > 400 or raw.lstrip().startswith("|") or re.search(r"[0-9]", raw):
        return None  # a markdown table with outer pipes is the table reader's
    pipes = raw.count("|") >= 2
    cells = [c for c, _, _ in split(raw, pipes)]
    if not 2 <= len(cells) <= 8 or any(len(c) > 40 for c in cells):
        return None
    roles = tuple(next((r for r, rx in _ROLES if rx.search(c)), "other") for c in cells)
    if roles[0] != "layer" or not ({"params", "macs"} & set(roles)):
        return None
    if re.search(r"model|network|architecture|모델|네트워크", cells[0], re.I):
        return None  # "Model type | Model | Parameters": networks, the table reader's
    return Columns(roles, pipes)


def columns(number: int, raw: str, cols: Columns, style: str) -> Row | None:
    """A row of a header-read table, its cells taken in the header's order."""
    cells = split(raw, cols.pipes)
    alone = False  # the input printed with its shape alone
    if len(cells) == 2 < len(cols.roles) and "output" in cols.roles and \
            _INPUT_ROW.match(cells[0][0]):
        alone = True
        cells = [cells[0]] + [("--", 0, 0)] * (cols.roles.index("output") - 1) + [cells[1]]
    elif len(cells) != len(cols.roles):
        return None
    got = dict(zip(cols.roles, cells))
    layer = got["layer"][0]
    tree = _TREE.match(layer).group(0)
    depth = tree.count("│") + tree.count("|") + (1 if tree.strip() else 0)
    core = layer[len(tree):]
    name, type_ = "", core
    for rx in (_NAMED, _INFO_NAME, _INDEXED, _SCOPE):
        m = rx.match(core)
        if m:
            name = m.groupdict().get("name") or ""
            type_ = m.groupdict().get("type") or ""
            if m.groupdict().get("depth"):
                depth = int(m.group("depth"))
            break
    else:
        return None
    fam = family(type_, name, True) if type_ else _scoped(name)
    if alone:
        fam = "input"
    shape, shape_span, batch = None, (0, 0), 1
    if "output" in got:
        text, a, b = got["output"]
        tool = style != "plain" or re.match(r"\[?\(None|\[-?1,|\(-1,", text)  # torchscan: (-1, ...)
        batched = batch_first(text) if not tool else None
        if text not in ("--", "-") and (tool or batched is not None):
            # (a hand-typed 28x28x6 may be HWC or CHW)
            if not _DIMS.match(text):
                return None
            keras = text.lstrip("[").startswith("(None") or batched is True
            shape = parse_shape(re.sub(r" ?[x×] ?", ",", text) if batched is not None
                                else text, keras)
            shape_span = (a, b)
            first = re.match(r"[\[(]?([0-9]{1,9})\b", text)
            batch = int(first.group(1)) if first and shape is not None else 1
    params, span, frozen = _count(got.get("params"))
    if params is None and "params" in got:
        if got["params"][0] not in ("--", "-", "(recursive)"):
            return None
        params = 0 if got["params"][0] != "(recursive)" else None  # "--": none
    macs, macs_span, _ = _count(got.get("macs"))
    io = None
    if "io" in got and re.fullmatch(r"[0-9]{1,9},[0-9]{1,9}", got["io"][0]):
        io = tuple(int(x) for x in got["io"][0].split(","))  # type: ignore[assignment]
    weights = ()
    if "pshape" in got:
        weights = tuple(tuple(int(d) for d in g.split(",")) for g in
                        re.findall(r"\{([0-9]{1,9}(?:,[0-9]{1,9}){0,5})\}", got["pshape"][0]))
    inputs = ()
    if "inputs" in got:
        inputs = tuple(re.findall(r"[A-Za-z_][\w./:-]{0,80}", got["inputs"][0]))
    if params is None and macs is None and shape is None:
        return None
    return Row(number, name, type_, fam, shape, params, span, style, shape_span, inputs,
               depth, macs=macs, macs_span=macs_span, io=io, weights=weights, frozen=frozen,
               batch=batch)


# the input row of a header-read table, printed with its shape and nothing else
_INPUT_ROW = re.compile(r"^(?:input|inputs|data|x)$", re.I)
_BATCH_OF_ONE = re.compile(r"^1 ?[x×] ?([0-9]{1,6})(?: ?[x×] ?([0-9]{1,6}) ?[x×] ?([0-9]{1,6}))?$")


def batch_first(text: str) -> bool | None:
    """A shape a tool printed with its batch of one first (torchtools' ``1x64x112x112``,
    ``1x1000``): whether its channels come last (False: first), None where the text is
    not one or its layout is not told by it. A map's layout is the one whose height and
    width are equal and differ from the channels (``1x64x56x56`` is CHW, ``1x56x56x64``
    HWC); a map that is not square, or whose channels equal its side, tells nothing."""
    m = _BATCH_OF_ONE.match(text)
    if m is None:
        return None
    if m.group(2) is None:
        return False  # a vector: no layout
    a, b, c = (int(g) for g in m.groups())
    if b == c != a:
        return False
    if a == b != c:
        return True
    return None


def _count(cell: tuple[str, int, int] | None) -> tuple[int | None, tuple[int, int], bool]:
    if cell is None:
        return None, (0, 0), False
    m = _NUM.match(cell[0])
    if not m:
        return None, (0, 0), False
    a = cell[1] + cell[0].index(m.group(1))
    return _int(m.group(1)), (a, a + len(m.group(1))), cell[0].startswith("(")


def _scoped(name: str) -> str | None:
    """TF-slim scopes: ``MobilenetV1/Conv2d_1_depthwise/depthwise``."""
    low = name.lower()
    if "depthwise" in low:
        return "depthwise"
    if "pointwise" in low or re.search(r"(?:^|/)conv2d(?:_[0-9]+)?(?:/|$)", low):
        return "conv"
    if re.search(r"(?:^|/)(?:logits|fc[0-9]*|dense)(?:/|$)", low):
        return "linear"
    return None
