"""What the comments of TensorFlow 1 code say of the shapes it gives, judged against one
carried state (``tfflow.Flow``) through the fenced block.

A comment describes the code it annotates: one beside a statement, that statement; a
comment block on lines of its own, the statements under it up to the next comment or
blank line (its *group*). Sizes in it: a map ``16*16``, ``14x14x16``, ``(28, 28, 1)``; a
flattened or dense size after an output word (``Output = 2048``, ``output batch x
256``). An input word before a size (``input``, ``입력``) makes it the group's input; an
output word or an arrow, one of its outputs; otherwise it may be either. A size is right
where some tensor of the group it may be has it (sides, or sides and channels, channels
first or last; a 1-D size, the flattened count), and wrong where every tensor of the
group is known and none has it: the comment was left from an earlier input or layer.
A size of a kernel, filter, weights or stride (``3x3x16 filters``) is not a map. Beside a
variable made with a literal shape (``W = tf.Variable(tf.zeros([1024, 5]))  # 784x10
matrix``), a size with as many dims is the variable's shape.

An input the code does not give (a function's parameter) may be stated by a comment:
``images: input 40x40x3`` over the block that reads it; the chain starts there.
"""

from __future__ import annotations

import ast
import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.codeforms import layersaid
from cnnstat.notes.codeforms.tfflow import SIGNS, Flow, Tensor, Weight
from cnnstat.notes.reading.settings import POOL_WORD

HOW = "the layer algebra, carried through the TensorFlow code from its input"
_NUM = r"\d{1,6}"
_BATCHW = r"(?:batch(?:_size)?|None|N|-1)"
# a size: a tuple/list of 2-4 dims (a batch first allowed), a product of 2-3 numbers, or a
# count after a batch word (``batch x 256``)
_SIZE = re.compile(
    r"[(\[]\s*(?:" + _BATCHW + r"\s*,\s*)?(?P<t>" + _NUM + r"(?:\s*,\s*" + _NUM + r"){1,2})"
    r"\s*[)\]]|(?<![\w.*+/-])(?P<p>" + _NUM + r"(?:\s*[*x×]\s*" + _NUM + r"){1,2})"
    r"(?!\w|\.\d|\s*[*x×+/-]\s*\d|\s*\))|" + _BATCHW + r"\s*[*x×]\s*(?P<b>" + _NUM + r")\b")
# a count written alone after an output or input word: "Output = 400", "output - 120"
_ALONE = re.compile(r"\b(?:output|input)s?\s*(?:size|dim\w*|shape)?\s*(?:=|:|-|is)\s*"
                    r"(?P<n>" + _NUM + r")(?!\w|\.\d|\s*[*x×,])", re.I)
_INPUT = re.compile(r"\binputs?\b|\bin\s*[:=]|입력|\blast data\b", re.I)
_OUTPUT = re.compile(r"\boutputs?\b|\bout\s*[:=]|출력|\bbecomes?\b|->|→|=>|\bto\b", re.I)
_NOT_MAP = re.compile(r"kernel|filter|weight|stride|param|bias|patch|window|가중치|커널|필터",
                      re.I)
# words after a size that make it a layer's setting, not a map: "3x3 conv", "2x2 max pool"
_HYPER = re.compile(r"\s*[-_ ]?(?:conv|filter|kernel|stride|pool|max|avg|average|mean|window|"
                    r"patch|receptive|dilat|pad|필터|커널|합성곱|풀링|스트라이드)", re.I)
# words after a size that make it the network's input, or where a chain starts from
_IMAGE = re.compile(r"\s*(?:\w+\s+)?(?:images?|pictures?|photos?|pixels?|inputs?|이미지|사진|픽셀|"
                    r"입력)", re.I)
_FROM = re.compile(r"[^,;.]{0,20}?(?:->|→|=>|\bto\b|\binto\b|\bbecomes?\b)", re.I)
_MATRIX = re.compile(r"matrix|shape|list|vector|array|행렬", re.I)
MAX_LINES = 40  # lines a statement may span
HELPER = 4  # statements a helper's body may hold (a longer def is the model, run in order)
SEED_SPAN = 12  # lines above a first op that a comment stating its input may stand
CLAUSE = re.compile(r"[,;.]\s|\band\b")


def _split(raw: str) -> tuple[str, str]:
    """A line's code and its comment (a ``#`` outside quotes)."""
    quote = None
    for i, ch in enumerate(raw):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return raw[:i], raw[i + 1:]
    return raw, ""


def mentions(comment: str) -> list[tuple[re.Match, tuple[int, ...], str]]:
    """The sizes a comment states: each match, its dims, and its role (``in``, ``out``,
    ``any``); sizes of kernels, filters or weights left out."""
    out = []
    kernels = [k.span() for k in layersaid.kernels(comment)]  # "convolution 3x3": no map
    found = [(m, "s") for m in _SIZE.finditer(comment) if m.span() not in kernels] + \
        [(m, "n") for m in _ALONE.finditer(comment)]
    for m, how in sorted(found, key=lambda f: f[0].start()):
        if how == "n":
            text, start = m.group("n"), m.start("n")
        else:
            key = next(k for k in ("t", "p", "b") if m.group(k))
            text, start = m.group(key), m.start(key)
        if any(start < e and s < start + len(text) for _, (s, e), _ in
               ((0, o[0].span(), 0) for o in out)):
            continue
        dims = tuple(int(d) for d in re.findall(r"\d+", text))
        clause_start = max([c.end() for c in CLAUSE.finditer(comment, 0, start)] or [0])
        before = comment[clause_start:start]
        after = comment[start + len(text):start + len(text) + 12]
        if _NOT_MAP.search(before[-14:]) or _HYPER.match(after):
            continue
        i, o = _INPUT.search(before), [x for x in _OUTPUT.finditer(before)]
        role = "any"
        if o and (i is None or o[-1].start() > i.start()):
            role = "out"
        elif i is not None:
            role = "in"
        if _IMAGE.match(after) or (role != "in" and _FROM.match(comment, start + len(text))):
            continue  # "our 28x28 image", "28x28 is down to 7x7": a size before this block's
        out.append((m, dims, role) if how == "s" else (m, dims, role))
    return out


def fits(dims: tuple[int, ...], t: Tensor) -> bool | None:
    """Whether a stated size is the tensor's; None where the tensor's unknown dims decide."""
    def same(a: tuple, b: tuple) -> bool | None:
        if any(x is not None and x != y for x, y in zip(a, b)):
            return False
        return True if None not in a else None
    if len(t) == 3:
        if len(dims) == 2:
            return same(t[:2], dims)
        if len(dims) == 3:
            hwc, chw = same(t, dims), same((t[2], t[0], t[1]), dims)
            return True if True in (hwc, chw) else None if None in (hwc, chw) else False
        if len(dims) == 1:
            if None in t:
                return None
            return t[0] * t[1] * t[2] == dims[0]
        return False
    if len(t) == 1:
        n = 1
        for d in dims:
            n *= d
        return same(t, (n,))
    return None


def _show(dims: tuple, t: Tensor) -> str:
    if None in t:  # sides unknown, channels known: "?x?x6"
        return "x".join("?" if d is None else str(d) for d in t)
    if len(t) == 3 and len(dims) == 2:
        return f"{t[0]}x{t[1]}"
    if len(t) == 3 and len(dims) == 3:
        return "x".join(map(str, t))
    if len(t) == 3 and len(dims) == 1:
        return str(t[0] * t[1] * t[2])
    return str(t[0])


class Block:
    """A fenced block's lines, read whole when its fence closes (``fence``)."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []

    def feed(self, number: int, raw: str) -> list:
        self.lines.append((number, raw))
        return []

    def first(self) -> int | None:
        """The block's first line, where it holds code this reader follows."""
        if self.lines and any(s in raw for _, raw in self.lines for s in SIGNS):
            return self.lines[0][0]
        return None

    def fence(self, taken: set[int] = frozenset()) -> list[Claim]:
        """The block's claims, but on ``taken`` lines: a shape another reader of code
        judged there (the Keras reader reads ``tf.layers`` calls) is its."""
        lines, self.lines = self.lines, []
        if not lines or not any(s in raw for _, raw in lines for s in SIGNS):
            return []
        try:
            return [c for c in _read(lines) if c.line not in taken]
        except (RecursionError, ValueError, TypeError, ZeroDivisionError):
            return []


def _statements(lines: list[tuple[int, str]]) -> list[tuple[int, int, int, str, str]]:
    """Each statement: its first and last line, its indent, its code and its comment (the
    last line's); a comment line alone is a statement with no code."""
    out, held, first, indent = [], [], 0, 0
    for number, raw in lines:
        code, comment = _split(raw)
        if held:
            held.append(code)
            joined = "\n".join(held)
            if _depth(joined) <= 0 or len(held) > MAX_LINES:
                out.append((first, number, indent, joined, comment))
                held = []
            continue
        if not code.strip():
            out.append((number, number, -1, "", comment))
            continue
        indent = len(code) - len(code.lstrip())
        if _depth(code) > 0:
            held, first = [code.strip()], number
            continue
        out.append((number, number, indent, code.strip(), comment))
    return out


def _depth(code: str) -> int:
    """The brackets a text leaves open."""
    return sum(map(code.count, "([{")) - sum(map(code.count, ")]}"))


def _parse(code: str) -> ast.stmt | None:
    text = code.rstrip()
    if text.endswith(":"):
        text += " pass"
    try:
        body = ast.parse("\n".join(x.strip() for x in text.split("\n"))).body
    except SyntaxError:
        return None
    return body[0] if len(body) == 1 else None


def _read(lines: list[tuple[int, str]]) -> list[Claim]:
    flow = Flow()
    stmts = [(a, b, ind, code, com, _parse(code) if code else None)
             for a, b, ind, code, com in _statements(lines)]
    # the note's helpers: a def that returns a TensorFlow op; their bodies are not run
    inside: set[int] = set()
    for k, (a, _, ind, _, _, node) in enumerate(stmts):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = [s for s in stmts[k + 1:] if s[2] == -1 or s[2] > ind]
        end = next((j for j, s in enumerate(stmts[k + 1:]) if s[3] and s[2] <= ind),
                   len(stmts) - k - 1)
        body = stmts[k + 1:k + 1 + end]
        ret = [s[5] for s in body if isinstance(s[5], ast.Return) and s[5].value is not None]
        text = "\n".join(s[3] for s in body)
        code_lines = [x for x in body if x[3]]
        if len(ret) == 1 and "tf." in text and len(code_lines) <= HELPER and (
                isinstance(ret[0].value, ast.Call) or any(
                isinstance(s[5], ast.Assign) and "tf.nn." in s[3] for s in body)):
            params = [p.arg for p in node.args.args]
            defaults = dict(zip(params[len(params) - len(node.args.defaults):],
                                node.args.defaults))
            flow.helpers[node.name] = (params, defaults, [s[5] for s in body
                                                          if isinstance(s[5], ast.Assign)],
                                       ret[0].value)
            inside.update(range(k, k + 1 + end))
    for k, (_, _, ind, code, _, node) in enumerate(stmts):
        # weights made at the top level (a dict of them after the model's def) hold
        # wherever the model reads them
        if ind == 0 and k not in inside and isinstance(node, ast.Assign) and \
                isinstance(flow.value(node.value) if not isinstance(node.value, ast.Dict)
                           else Weight(), Weight):
            flow.assign(node)
    out: list[Claim] = []
    block: list[tuple[int, str]] = []  # the comment lines above the group in progress
    group: list[tuple[object, object]] = []  # (what each statement gives, its input)
    seeded = False
    recent: list[tuple[int, str]] = []  # comment lines, for an input a comment states

    groups: list[tuple[list, list, bool]] = []  # each comment block, its group, a pooling in it
    beside: list[tuple[list, list]] = []  # a comment beside its statement, what it gives
    pooled = False

    def close() -> None:
        nonlocal block, group, pooled
        if group:
            groups.append((block, group, pooled))
        block, group, pooled = [], [], False

    for k, (a, b, ind, code, comment, node) in enumerate(stmts):
        if k in inside:
            continue
        if not code:
            if group:
                close()
            if comment.strip():
                block.append((a, comment))
                recent.append((a, comment))
            else:
                close()
            continue
        if node is None:
            continue
        if not seeded and isinstance(node, ast.Assign):
            seeded = _seed(flow, node, [c for c in recent if c[0] >= a - SEED_SPAN] +
                           [(b, comment)])
        got = flow.assign(node)
        if got is None:
            continue
        if comment.strip():
            out.extend(_judge([(b, comment)], [got]))
            beside.append(([(b, comment)], [got]))
        group.append(got)
        pooled = pooled or bool(POOL_WORD.search(code))
    close()
    for k, (block, group, pooled) in enumerate(groups):
        if not block:
            continue
        later: list = []
        if not pooled and any(POOL_WORD.search(c) for _, c in block) and k + 1 < len(groups):
            # a pooling the comment speaks of is the code's below: its maps may be meant
            later = [g for g, _ in groups[k + 1][1] if isinstance(g, Tensor)]
        out.extend(_judge(block, group, later))
    return out + _settings(groups, beside)


def _settings(groups: list[tuple[list, list, bool]], beside: list[tuple[list, list]]
              ) -> list[Claim]:
    """A layer's settings a comment gives (``layersaid``), against the weights made with
    literal shapes in the group it is over, or on the statement it is beside."""
    made = [[g for g, _ in group if isinstance(g, Weight)] for _, group, _ in groups]
    convs = [w for ws in made for w in ws if len(w) == 4]
    out: list[Claim] = []
    for (block, _, _), ws in zip(groups, made):
        out += layersaid.weights(block, ws, convs) if block else []
    for block, (got,) in beside:
        out += layersaid.weights(block, [got[0]], convs) if isinstance(got[0], Weight) else []
    return out


def _seed(flow: Flow, node: ast.Assign, comments: list[tuple[int, str]]) -> bool:
    """A first op whose input is a name the code never gives (a parameter) takes the
    map a comment above or beside it states as its input (``images: input 40x40x3``)."""
    call = node.value
    while isinstance(call, ast.BinOp):
        call = call.left
    if not isinstance(call, ast.Call) or not call.args or \
            not isinstance(call.args[0], ast.Name) or call.args[0].id in flow.env:
        return False
    func = ast.unparse(call.func)
    if not func.startswith(("tf.nn.", "tf.layers.", "slim.", "tf.contrib.")) and \
            not ("." not in func and "conv" in func.lower()):  # conv_layer(x, ...), unshown
        return False
    for _, comment in comments:
        for m, dims, role in mentions(comment):
            if role == "in" and len(dims) == 3:
                flow.env[call.args[0].id] = Tensor(dims)
                return True
    return False


def _judge(block: list[tuple[int, str]], group: list[tuple[object, object]],
           later: list | None = None) -> list[Claim]:
    """The sizes a comment block states, against the tensors of the group it is over
    (and ``later`` ones it may speak of: right, never wrong, where they have them)."""
    outs = [g for g, _ in group if isinstance(g, Tensor)]
    later = later or []
    unknown = any(g is None for g, _ in group)
    first_in = next((i for g, i in group if isinstance(g, Tensor)), None)
    weights = [g for g, _ in group if isinstance(g, Weight)]
    claims = []
    for number, comment in block:
        for m, dims, role in mentions(comment):
            if len(group) == 1 and weights and len(dims) == len(weights[0]) >= 2 \
                    and _MATRIX.search(comment):
                w = weights[0]
                if None in w:
                    continue
                ok = tuple(w) == dims
                claims.append(_claim(number, comment, m, dims, ok, "x".join(map(str, w)),
                                     "the literal shape the variable is made with"))
                continue
            pool = [first_in] if role == "in" else outs if role == "out" else \
                [first_in] + outs
            pool = [t for t in pool if t is not None]
            if not pool:
                continue
            got = [fits(dims, t) for t in pool]
            if role != "in" and True not in got and later:
                pool, got = pool + later, got + [fits(dims, t) for t in later]
            if True in got:
                best = max((k for k, g in enumerate(got) if g is True),
                           key=lambda k: (len(pool[k]) == 3) == (len(dims) > 1))
                claims.append(_claim(number, comment, m, dims, True, _show(dims, pool[best])))
            elif None not in got and not unknown and (role != "in" or first_in is not None):
                want = pool[0] if role == "in" else \
                    next((t for t in reversed(pool) if (len(t) == 3) == (len(dims) > 1)), pool[-1])
                claims.append(_claim(number, comment, m, dims, False, _show(dims, want)))
    return claims


def _claim(number: int, comment: str, m: re.Match, dims: tuple, ok: bool, shown: str,
           how: str = HOW) -> Claim:
    text = m.group(0).strip()
    return Claim(number, text, "shape", "x".join(map(str, dims)), shown,
                 "right" if ok else "wrong", how, (), shown)
