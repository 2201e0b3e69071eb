"""Receptive fields and jumps stated beside a network's code, layer by layer: in a comment
on the layer's line (``nn.Conv2d(1, 16, 3, padding=1)  # RF: 3, OP: 28``) or in the
comments and docstrings under it (``Jin = 1, S = 2, Jout = 2`` / ``Rfout = Rin +
(K-1)*Jin = 5 + (3-1)*1 = 7``), in PyTorch (``nn.Conv2d``, ``nn.MaxPool2d``,
``nn.AvgPool2d``) or Keras (``Conv2D``, ``MaxPooling2D``, ``AveragePooling2D``).

The fence is read whole, when it closes. Its windowed layers, in the order the code builds
them, make the true chain, grown by the analysis's rule (``cnnstat.analysis.grow``: ``r +
(k - 1)·d·j``, ``j·s``) from a field and a jump of 1; a statement is judged against the
chain after the last layer built above it (or on its line): a field or jump ``out`` (or
a bare ``RF``) after it, an ``in`` before it. A slip is not carried on: a figure whose own
step from the note's figure above is right, but that carries an earlier slip, is wrong,
and says where the slip was.

Nothing is judged where the order the layers are built in may not be the order data goes
through them: a ``forward`` that calls a module twice, or in another order; branches
(``torch.cat``, ``concatenate``, ``Add``); layers built in a loop or by a helper; a
functional window (``F.max_pool2d``) in the code; a window not read. Nor where the first
field stated does not fit the chain (the note counts from elsewhere), nor a jump whose
line states a stride (``S = 1``) other than its layer's.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms import kerasargs

_CALL = re.compile(r"(?<![\w.])(?:(?:nn|layers|keras\.layers|tf\.keras\.layers)\.)?"
                   r"(Conv[12]d|MaxPool[12]d|AvgPool[12]d|Conv[12]D|Convolution2D|"
                   r"SeparableConv2D|DepthwiseConv2D|MaxPool(?:ing)?[12]D|AveragePooling[12]D|"
                   r"AvgPool2D)\s*\(")
# what ends the chain: the map leaves its spatial layout, or is made larger
_END = re.compile(r"\b(?:Linear|Dense|Flatten|Adaptive\w*Pool\w*|Global\w*Pool\w*|"
                  r"ConvTranspose\w*|Conv2DTranspose|Upsampl\w*|UpSampling\w*)\b")
# what makes the text's order not the data's: branches, loops, helpers, functional windows
_TANGLED = re.compile(r"torch\.cat|\bconcatenate\b|\bConcatenate\b|\bAdd\s*\(|\badd\s*\(\s*\[|"
                      r"^\s*for\s|^\s*while\s|\bfor\s+\w+\s+in\b|_make_layer|"
                      r"\bF\.\w*(?:pool|conv)\w*\s*\(|functional\.\w*(?:pool|conv)|"
                      r"\btorch\.\w*pool\w*\s*\(|torch\.add|\+=|shortcut|downsample|residual|"
                      r"identity|(?<![\w.])[a-z_]*(?:conv|block|layer|bottleneck|inception|stage)"
                      r"\w*\s*\(|\b[A-Z]\w*(?:Block|Layer|Stage|Unit|Module|BN|Bn)\w*\s*\(")
# a residual sum in forward: "self.conv2(y) + x", "out + self.proj(x)"
_SUM = re.compile(r"\)\s*\+|\+\s*(?:self\.|x\b|out\b|y\b)")
_ATTR = re.compile(r"^\s*self\.(\w+)\s*=")
_SELF_CALL = re.compile(r"self\.(\w+)\s*\(")
_DEF = re.compile(r"^(\s*)def\s+(\w+)")
_CLASS = re.compile(r"^\s*class\s")
_NUM = r"(\d{1,4})(?:\s*[x×]\s*\1)?(?![\d.]|\s*[x×]\s*\d)"
# "RF", "Rf_out", "r_out", "Rin", "receptive field", "수용 영역"; "Jout", "J_in", "jump"
_LABEL = re.compile(r"(?<![A-Za-z0-9_])(?:(?P<rf>r\.?f|receptive[\s_-]*field|수용\s*영역)"
                    r"(?:[\s_]*\(?(?P<rfio>in|out|input|output)\)?(?![A-Za-z]))?|"
                    r"(?P<r>r)[\s_]*(?P<rio>in|out)(?![A-Za-z])|"
                    r"(?P<j>j|jump|점프)[\s_]*\(?(?P<jio>in|out)?\)?(?![A-Za-z]))"
                    r"\s*(?P<sep>[=:：]|->|→|is\b|of\b|-|[은는이가]\s)?", re.I)
_STRIDE = re.compile(r"(?<![A-Za-z0-9_])(?:s|stride)\s*[=:]\s*(\d{1,2})(?!\d)", re.I)
_WORDS = re.compile(r"\s*(?:[A-Za-z가-힣_]+\s+){0,3}[A-Za-z가-힣_]+\s*[=:：]")
MAX_FIELD = 4096


def _window(name: str, args: str) -> tuple[int, int, int] | None:
    """A layer's square kernel, stride and dilation from its call's arguments; None for
    one this reader does not read (a name, a tuple of two sides, a padding word of its
    own)."""
    pos, named = kerasargs.call_args(args)
    if name[-1] == "d":  # PyTorch: Conv2d(in, out, k, s, p, d), MaxPool2d(k, s, p, d)
        conv = name.startswith("Conv")
        at = 2 if conv else 0
        if set(named) - {"kernel_size", "stride", "padding", "dilation", "bias", "groups",
                         "in_channels", "out_channels", "ceil_mode", "padding_mode",
                         "count_include_pad", "return_indices"}:
            return None
        get = (lambda key, i: named.get(key) or (pos[at + i] if len(pos) > at + i else None))
        k = kerasargs.pair(get("kernel_size", 0))
        given = get("stride", 1)
        s = kerasargs.pair(given) if given not in (None, "None") else (1 if conv else k)
        d_text = get("dilation", 3)
        d = kerasargs.pair(d_text) if d_text is not None else 1
        pad = get("padding", 2)
        if pad is not None and kerasargs.pair(pad) is None and \
                pad.strip("'\"") not in ("same", "valid"):
            return None
    else:  # Keras: Conv2D(filters, kernel_size, strides), MaxPooling2D(pool_size, strides)
        pos, named = kerasargs.keras1(name, pos, named)
        got = kerasargs.window("Pool" in name, pos, named)
        if got is None:
            return None
        k, s, _ = got
        d_text = named.get("dilation_rate")
        d = kerasargs.pair(d_text) if d_text is not None else 1
    if k is None or s is None or d is None or not (1 <= k <= 64 and 1 <= s <= 64 and
                                                   1 <= d <= 64):
        return None
    return k, s, d


def _args(text: str, at: int) -> str | None:
    """The arguments of the call whose bracket opens at ``at``, or None if it is not
    closed on the line."""
    depth = 0
    for i in range(at, len(text)):
        depth += (text[i] in "([") - (text[i] in ")]")
        if depth == 0:
            return text[at + 1:i]
    return None


class Fence:
    """A fence's lines, read whole when it closes."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        # each windowed layer: (line, k, s, d, its module's name, its call) or None (unread)
        self.layers: list[tuple | None] = []
        self.said: list[tuple] = []  # (line, column, text, layers built above it)
        self.tangled = False
        self.ended: int | None = None  # how many layers were built before the chain ended
        self.owner = ""  # the module attribute being built
        self.docstring = False
        self.forward: list[str] | None = None  # modules forward calls, innermost first
        self.indent: int | None = None  # forward's own indent
        self.built_at = 0  # the line of the last layer built

    def feed(self, number: int, raw: str) -> None:
        code, text = raw, ""
        quotes = raw.count('"""') + raw.count("'''")
        if self.docstring:
            code, text = "", raw
        elif "#" in raw:
            code, _, text = raw.partition("#")
        if quotes % 2:
            self.docstring = not self.docstring
            if self.docstring:  # a docstring opens: the rest of the line is its text
                code, text = raw.split('"""' if '"""' in raw else "'''", 1)
        elif quotes and not self.docstring and not text:
            code, text = "", raw  # """ one line """
        if code.strip():
            self._code(number, code)
        if text and len(self.said) < 400 and re.search(r"\d", text):
            self.said.append((number, text, len(self.layers) if self.ended is None
                              else None,  # after the chain ended: nothing to judge
                              number != self.built_at))  # on a line of its own

    def _code(self, number: int, code: str) -> None:
        if _TANGLED.search(code):
            self.tangled = True
        if _CLASS.match(code):
            self.owner = ""
            self.tangled |= bool(self.layers)  # a second network in the fence
        m = _DEF.match(code)
        if m:
            self.indent = len(m.group(1)) if m.group(2) == "forward" else None
            if self.indent is not None and self.forward is None:
                self.forward = []
            return
        if self.indent is not None:
            if len(code) - len(code.lstrip()) <= self.indent and code.strip():
                self.indent = None
            else:
                self.forward += reversed(_SELF_CALL.findall(code))  # inner calls first
                self.tangled |= bool(_SUM.search(code))
                return
        attr = _ATTR.match(code)
        if attr:
            self.owner = attr.group(1)
        if _END.search(code) and self.ended is None:
            self.ended = len(self.layers)
        for m in _CALL.finditer(code):
            self.built_at = number
            args = _args(code, m.end() - 1)
            window = _window(m.group(1), args) if args is not None else None
            self.layers.append(None if window is None else
                               (number, *window, self.owner, m.group(0) + (args or "") + ")"))

    def fence(self) -> list[Claim]:
        try:
            return self._judge()
        finally:
            self.reset()

    def _order_ok(self) -> bool:
        """The layers' modules are called once each, in the order they were built."""
        if self.forward is None:
            return True
        owners = [lay[4] for lay in self.layers if lay is not None and lay[4]]
        built = list(dict.fromkeys(owners))
        called = [name for name in self.forward if name in built]
        return len(called) == len(set(called)) == len(built) and called == built

    def _judge(self) -> list[Claim]:
        if not self.layers or not self.said or self.tangled or not self._order_ok():
            return []
        from cnnstat.analysis import grow
        chain = [(1, 1)]  # (rf, jump) after each layer built
        for lay in self.layers:
            if lay is None:
                break
            _, k, s, d = lay[:4]
            rf, jump = grow((chain[-1][0],) * 2, (chain[-1][1],) * 2,
                            ((d * (k - 1) + 1,) * 2, (s, s)))
            chain.append((rf[0], jump[0]))
        for ahead in (False, True):  # a figure of the layer above it, or of the next one
            out = self._aligned(chain, ahead)
            if out is not None:
                return out
        return []

    def _aligned(self, chain, ahead: bool) -> list[Claim] | None:
        """The claims with each figure on a line of its own taken as the last layer's
        built above it, or (``ahead``) the next one's; None where the first figure does
        not fit the chain so aligned."""
        out: list[Claim] = []
        stated: dict[int, tuple[int, int]] = {}  # the note's field after n layers, its line
        anchored = None
        for number, text, built, own in self.said:
            for m in _LABEL.finditer(text):
                got = _figure(text, m)
                if got is None:
                    continue
                value, shown, side = got
                after = not (m.group("rfio") or m.group("rio") or m.group("jio") or side or
                             "out").lower().startswith("in")
                # the layer the figure is of: after it, or before it
                li = -1 if built is None else built - 1 + (ahead and own)
                if li < 0 or li + 1 >= len(chain):
                    continue
                role = "j" if m.group("j") else "rf"
                want = chain[li + 1 if after else li][role == "j"]
                if anchored is None:
                    anchored = value == want
                if not anchored:
                    return None
                s_said = _STRIDE.search(text)
                if role == "j" and s_said and int(s_said.group(1)) != self.layers[li][2]:
                    continue  # the note reads the layer's stride otherwise
                out.append(self._claim(number, m, shown, value, want, role, li, after,
                                       chain, stated))
                if role == "rf" and after:
                    stated[li + 1] = (value, number)
        return out if anchored else None

    def _claim(self, number, m, shown, value, want, role, li, after, chain, stated) -> Claim:
        lay = self.layers[li]
        _, k, s, d = lay[:4]
        r_in, j_in = chain[li]
        call = " ".join(lay[5].split())[:60]
        where = f"{'after' if after else 'before'} {call} (line {lay[0]})"
        if not after:
            how = f"{where}: the field and jump it is given, {r_in} and {j_in}"
        elif role == "rf":
            how = f"{where}: r = r_in + (k - 1)·d·j_in = {r_in} + ({k} - 1)·{d}·{j_in} = {want}"
            below = stated.get(li)
            if value != want and below and below[0] != r_in and \
                    value == below[0] + (k - 1) * d * j_in:
                how += (f"; the step from the note's {below[0]} (line {below[1]}) is right, "
                        f"but the field there is {r_in}")
        else:
            how = f"{where}: j = j_in·s = {j_in}·{s} = {want}"
        label = " ".join(m.group(0).split()).rstrip("=:- ")
        return Claim(number, f"{label} {shown}", "receptive field", shown, want,
                     "right" if value == want else "wrong", how, (),
                     "" if value == want else str(want), confidence=CONFIDENCE)


CONFIDENCE = 0.8  # the layers' order is the code's, read line by line


def _figure(text: str, m: re.Match) -> tuple[int, str, str | None] | None:
    """The figure a label states: right after it (``RF: 3``, ``Jout = 2``, ``RF 5x5``,
    ``RF after this block: 7``), or at the end of the working after it (``Rfout = Rin +
    (K-1)*Jin = 1 + (3-1)*1 = 3``), within its clause (up to a comma, a semicolon or a
    bar)."""
    lead = re.split(r"[,;|]", text[:m.start()])[-1]
    if "=" in lead or re.search(r"[-+*/]\s*$", lead):
        return None  # "Rfout = Rin + (K-1)*Jin = ...": a symbol of the working, no label
    clause = re.split(r"[,;|]", text[m.end():], maxsplit=1)[0]
    sep, side = m.group("sep"), None
    words = _WORDS.match(clause) if not sep else None
    if words:  # "RF after this block: 7", "RF before the pool: 5"
        if _ELSEWHERE.search(words.group(0)):
            return None  # "RF of the next layer: 7", "RF of the whole network: 40"
        side = "in" if _BEFORE.search(words.group(0)) else "out"
        clause, sep = clause[words.end():], ":"
    if not sep:
        spaced = m.group(0)[-1:].isspace() or clause[:1].isspace()
        worded = m.group("rf") or (m.group("j") or "").lower() in ("jump", "점프")
        if not (spaced and worded and re.match(r"\s*\d", clause)):
            return None  # "j 3", "r in 5": a bare letter is no label without its sign
    # the figure, then words or a gloss, but no more working ("3 + 2", "3x3x64", "3.5")
    got = _FIGURE.match(clause)
    if got is None and "=" in clause and sep is not None and sep in "=:：":
        got = _FIGURE.match(clause.rsplit("=", 1)[1])  # the working's result
    if got is None or "=" in got.group(0):
        return None
    value = int(got.group(1))
    if not 1 <= value <= MAX_FIELD:
        return None
    return value, got.group(0).strip(), side


_BEFORE = re.compile(r"\b(?:before|prior|input|into|in)\b|입력|이전|전", re.I)
_ELSEWHERE = re.compile(r"\b(?:next|final|total|overall|whole|network|model|net|target|"
                        r"needed|required|desired)\b|다음|최종|전체|목표", re.I)
_FIGURE = re.compile(r"\s*" + _NUM + r"(?!\s*[x×*+/^=]|\s*-\s*\d|\s*(?:->|→|=>|to\s+\d))")
