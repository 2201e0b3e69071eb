"""The glue between the pipeline and the readers' modules: each function takes the line
(``pipeline.At``) and the note's state and calls one module's ``check_line`` (or keeps
what a heading says), so that ``registry.READERS`` stays a list of one-line entries."""

from __future__ import annotations

from cnnstat.notes.arithmetic import arith, leadop, tablecalc
from cnnstat.notes.arithmetic.arithchain import steps_across
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.maps import shapes
from cnnstat.notes.pipeline import MAX_LINE_NUMBERS, _NUMBER_RUN, At, Items
from cnnstat.notes.text import table_cells


def both(got: tuple) -> list:
    return list(got[0]) + list(got[1])


def arithmetic(at: At) -> Items:
    state, line = at.state, at.line
    c, s, at.used = state.memo.arithmetic(line)
    above = state.bare if state.bare is not None and state.bare.line == line.number - 1 \
        else None
    joined = arith.continued(line.number, at.tokens, above, state.bare_label) \
        if above is not None else None
    if joined is not None:
        c = [joined] + c
    c, bare = steps_across(line.number, at.tokens, above, c, state.bare_label)  # "= 8 + 3"
    if leadop.lead(at.tokens):  # "$+$ (32*32) * 192 * 9 * 64 = 130,023,424" under a sum
        c, lead = leadop.joined(line.number, at.tokens, c, state.bare)
        s = list(s) + lead
    at.arithmetic = c
    state.bare = bare[0] if len(bare) == 1 and bare[0].verdict == "info" else None
    state.bare_label = arith.label(at.tokens) if state.bare is not None else ()
    return c + s


def map_shapes(at: At) -> Items:
    state, line = at.state, at.line
    if state.counts.restates(line.masked):
        return []  # "how many 3x3 convs take 199x199 to 1x1": many layers, not one
    prev = state.scenario if state.scenario is not None and \
        state.scenario.line == line.number - 1 else None
    sc, ss, state.scenario = shapes.check_line(line.number, line.raw, line.masked, prev)
    return sc + ss


def algebra(at: At) -> Items:
    at.state.algebra.define(at.line.number, at.line.masked)  # "Let m = C/4, g = 2, C = 16"
    algebra = at.state.memo.algebra(at.line, at.tokens)
    if algebra is None:
        return []
    return both(at.state.algebra.check_line(at.line.number, at.line.raw, algebra))


def mobile_heading(at: At) -> Items:
    at.state.mobile.heading(at.line.raw)  # MobileNet's symbols: which section
    at.state.walkthrough.heading(at.line.raw)  # a depthwise section: filters per channel
    return []


def per_channel(at: At) -> Items:
    """Any line that names a depthwise, separable or grouped conv (the walkthrough's filters
    are one channel's for a few lines)."""
    at.state.walkthrough.passage(at.line.number, at.line.raw)
    return []


def trace_heading(at: At) -> Items:
    at.state.trace.check_line(at.line.number, at.line.raw, at.line.masked)  # the net named
    return []


def breakdown(at: At) -> Items:
    return at.state.breakdown.check_line(at.line.number, at.line.raw, at.line.masked)


def breakdown_heading(at: At) -> Items:
    """The network a heading names; a heading that names none ends a network a sentence
    of the section before named (``MobileNetV2 의 MBConv``, then ``## Receptive field
    연습``): the breakdown goes on only with the parent heading's network (or a member of
    the family it names)."""
    from cnnstat.notes.modelfacts.models import mentions, resolve

    state = at.state.breakdown
    if state.net is not None and not mentions(at.line.masked):
        parent = resolve(at.state.heading) if at.state.heading is not None else None
        # a family's heading ("# VGG") goes on with the member a sentence under it named
        if parent is None or not set(state.net.specs) <= set(parent.specs):
            state.net = None
    breakdown(at)
    return []


def table_arithmetic(at: At) -> Items:
    cells = tablecalc.check(at.block or [], table_cells)  # "| (7-3)/2+1 | 3 |"
    done = {(c.line, c.text.split(" = ")[0]) for c in cells}
    out: list[Claim | Skip] = list(cells)
    for row in at.block or ():
        if len(_NUMBER_RUN.findall(row.masked)) <= MAX_LINE_NUMBERS:
            c, s, _ = at.state.memo.arithmetic(row)
            out += [x for x in c if x.verdict != "info" or (x.line, x.text) not in done]
            out += s
    return out
