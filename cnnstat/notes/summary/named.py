"""Pasted summary totals under a network's name, judged against its bundled specs.

The network and the input are the context's (``context``: a line that is the name and
nothing more, a line that states the input); each total is worked out for every spec
the name resolves to (with and without batch norm, torchvision and the paper), at the
input stated (else the spec's own), every way a tool counts it (``variants``).

A figure is right when some variant gives it to the digits written. It is wrong when
none does and it is another network's figure (a sibling in the family: a block printed
under the wrong name; a network of another family is too often a stale name's), or a
rounded figure (``Params: 9.1M``, written by hand or a counter's short form) clearly
off: more than ``OFF`` from every variant, within a factor of two, where another
classifier head would not give it and, for multiply-adds, at an input the note states.
A count printed to the unit, or a size, that matches nothing is a tool's output for a
model changed somewhere no variant shows: unsure, as is anything else.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import FAMILIES, Mention, resolve
from cnnstat.notes.summary.context import Context, name_line
from cnnstat.notes.summary.variants import another_head, how, values, variants

OFF = Fraction(1, 10)  # a figure further than this from every variant is clearly off


class Verdict(NamedTuple):
    ok: bool | None  # None: unsure
    actual: Fraction
    how: str


def _agrees(value: Fraction, written: Fraction, step: Fraction) -> bool:
    """``written`` states ``value`` to its last digit (``step``), rounded or cut."""
    return abs(value - written) <= step / 2 or 0 <= value - written < step


def _family(model: Mention) -> list[str]:
    """Every bundled spec of the network's family (the siblings its figures may be)."""
    fam = next(f for f in FAMILIES if f[0] == model.family)
    if not fam[2]:
        return []
    return list(resolve(model._replace(number=None, text="")).specs)


def judge(kind: str, written: Fraction, step: Fraction, ctx: Context) -> Verdict | None:
    """The total ``written`` (its last digit worth ``step``) against the context's network."""
    if ctx.model is None:
        return None
    own = [(n, v) for n, v in ((n, variants(n, ctx.shape)) for n in resolve(ctx.model).specs)
           if v is not None]
    if not own:
        return None
    for _, v in own:
        for i, x in enumerate(values(kind, v)):
            if _agrees(x, written, step):
                return Verdict(True, x, f"{v.label}{_at(ctx)}: {how(kind, i)}")
    best = min((x for _, v in own for x in values(kind, v)), key=lambda x: abs(x - written))
    if kind in ("pass", "frozen") or (kind == "input" and not ctx.shape):
        return Verdict(None, best, "")
    names = {n for n, _ in own}
    others = [n for n in _family(ctx.model) if n not in names]
    for n in dict.fromkeys(others):
        v = variants(n, ctx.shape)
        hit = next((i for i, x in enumerate(values(kind, v)) if _agrees(x, written, step)),
                   None) if v is not None else None
        if hit is not None:  # the same builder and way of counting, for this network
            mine = next((w for m, w in own if _suffix(m) == _suffix(n)), own[0][1])
            return Verdict(False, values(kind, mine)[hit],
                           f"that is {v.label}'s figure; {mine.label}{_at(ctx)}: "
                           f"{how(kind, hit)}")
    if any(another_head(kind, v, written, step) for _, v in own):
        return Verdict(None, best, "")  # the network with another classifier
    near = abs(written - best) / best if best else Fraction(1)
    if kind == "size" or (kind != "input" and step <= 1) or \
            (kind in ("macs", "flops") and not ctx.shape):
        # a count printed to the unit (or a size) is a tool's, of the model the note ran:
        # changed somewhere no variant shows, unless another network's; at another input
        # the multiply-adds are another count
        return Verdict(None, best, "")
    if kind == "input" and any(_agrees(x * b, written, step) for _, v in own
                               for x in values(kind, v) for b in range(2, 1025)):
        return Verdict(None, best, "")  # a batch of b inputs (``batch_size=``)
    if kind == "input" or (OFF < near and best / 2 <= written <= 2 * best):
        usual = own[0][1]  # the name's usual spec, counted the usual way
        return Verdict(False, values(kind, usual)[0], f"{usual.label}{_at(ctx)}: "
                                                      f"{how(kind, 0)}; no variant gives "
                                                      "the figure written")
    return Verdict(None, best, "")


def _suffix(name: str) -> str:
    """What a spec's name adds to its network's (``_bn``, ``-tv``, ``-c``)."""
    return re.sub(r"^[a-z]+[0-9_]*?[0-9]+", "", name)


def _at(ctx: Context) -> str:
    return f" at {'x'.join(map(str, ctx.shape))}" if ctx.shape else ""


def claims(number: int, raw: str, kind: str, value: Fraction, step: Fraction,
           span: tuple[int, int], internal: list[Claim], ctx: Context, claim,
           rows: bool = False) -> tuple[list[Claim], list[Skip]]:
    """The claim a total makes about the context's network, with what the summary's own
    arithmetic found on the line (``internal``): a mistake in that stands. Under rows
    that gave the figure (``rows``), the arithmetic's verdict stands unless the figure is
    another network's; else the network's verdict replaces the arithmetic's on the same
    figure; unsure, the arithmetic's is kept (or the line is left unsure)."""
    kind = "total" if kind == "count" else kind
    if kind not in _KINDS or ctx.model is None:
        return internal, []
    got = judge(kind, value, step, ctx)
    text = " ".join(raw.split())
    figure = raw[span[0]:span[1]]
    same = [c for c in internal if c.claimed == figure]
    if got is None or got.ok is None or (rows and same and got.ok):
        if internal or got is None or got.ok:
            return internal, []
        return [], [Skip(number, text, f"unsure: {ctx.model.text}{_at(ctx)} gives "
                                       f"{_write(got.actual, figure, step)} as "
                                       "its specs are counted; another head, builder or "
                                       "counter may give the figure written")]
    if any(c.verdict == "wrong" for c in same):
        return internal, []
    shown = _write(got.actual, figure, step)
    actual = int(got.actual) if got.actual.denominator == 1 else float(shown.replace(",", ""))
    return [c for c in internal if c.claimed != figure] + \
        [claim(number, text, figure, actual, bool(got.ok), got.how, span, shown)], []


_KINDS = ("total", "trainable", "frozen", "size", "input", "pass", "macs", "flops")


def _write(value: Fraction, like: str, step: Fraction) -> str:
    """``value`` written as ``like`` was: its decimals, its grouping, in its unit."""
    places = len(like.split(".")[1]) if "." in like else 0
    scale = step * 10**places
    v = value / scale
    text = f"{float(v):,.{places}f}" if "," in like else f"{float(v):.{places}f}"
    if places == 0 and v.denominator == 1:
        text = f"{int(v):,}" if "," in like else str(int(v))
    return text


_CELL = re.compile(r"^\s*([0-9][0-9,]{0,20}(?:\.[0-9]{1,6})?)\s*(?:(MB|MiB)|([KMGTB])(?![a-z]))?"
                   r"\s*(?:MACs?|FLOPs?|params)?\s*$", re.I)
_SCALE = {"K": 10**3, "M": 10**6, "G": 10**9, "B": 10**9, "T": 10**12}
# what a table of totals holds that the model tables' reader (``facttables``) leaves
_TABLE_KINDS = ("size", "input", "pass", "frozen")


def table(rows: list, cells_of, ctx: Context, claim) -> tuple[list[Claim], list[Skip]]:
    """A markdown table of totals: a label and its figure a row under a network's name
    (``| Model | VGG16 |`` above them, or a name before the table), or a column a total
    and a row a network (``| VGG16 | ... | 527.79 |``). Only the sizes and the frozen
    count are judged here: the model tables' reader judges the counts and multiply-adds."""
    from cnnstat.notes.summary import totals
    from cnnstat.notes.text import is_separator_row

    body = [r for r in rows if not is_separator_row(r)]
    if len(body) < 2:
        return [], []
    local = Context()
    local.model, local.shape = ctx.model, ctx.shape
    header = [c[0] for c in cells_of(body[0])]
    columns = [totals.label_kind(c) for c in header]
    named = [m for m in (name_line(c) for c in header) if m is not None]
    if len(named) == 1 and not any(columns):
        local.model, local.shape = named[0], None  # | Model | VGG16 |
    got: list[Claim] = []
    why: list[Skip] = []
    for row in body[1:]:
        cells = cells_of(row)
        if not cells:
            continue
        first = name_line(cells[0][0])
        if any(columns):  # a column a total, a row a network (or the one named above)
            if first is None and local.model is None:
                continue
            here = Context()
            here.model, here.shape = first or local.model, local.shape
            pairs = [(k, c) for k, c in zip(columns, cells)
                     if k in _TABLE_KINDS or (k and first is None)]
        else:  # a label and its figure
            kind = totals.label_kind(cells[0][0])
            if kind is None or len(cells) < 2:
                continue
            here, pairs = local, [(kind, cells[1])] if kind in _TABLE_KINDS else []
        for kind, (text, a, b) in pairs:
            m = _CELL.match(text)
            if not m:
                continue
            digits = m.group(1).replace(",", "")
            places = len(digits.split(".")[1]) if "." in digits else 0
            scale = _SCALE[m.group(3).upper()] if m.group(3) else 1
            if (m.group(2) and kind not in ("size", "input", "pass")) or \
                    (scale > 1 and kind in ("size", "input", "pass")):
                continue
            span = (a + m.start(1), a + m.end(1))
            c, w = claims(row.number, row.raw, kind, Fraction(digits) * scale,
                          Fraction(scale, 10**places), span, [], here, claim)
            got, why = got + c, why + w
    return got, why
