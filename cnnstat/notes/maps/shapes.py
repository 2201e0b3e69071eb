"""Shape claims: an input size, a conv or pool with its kernel (stride, padding), and the
output size the note says it gives, in prose or as a chain (``32x32 → 5x5 conv → 28x28``).

Sizes and kernels are square products (``28x28``, ``55 x 55 x 96``, ``3 by 3``). A product
is a kernel when a kernel word follows it (``5x5 conv``, ``3 x 3 overlapping max pooling``,
``11 x 11 x 3 커널``) or precedes it (``6 filters(5x5)``); otherwise it is a feature-map
size. ``stride N`` and ``padding N`` (``padding 없이``, ``no padding``: 0; ``same``) belong
to the kernel whose part of the line they are in.

The output is computed by the layer algebra itself (``cnnstat.layers``: ``Kind.make``,
``apply``), never by a formula of its own. A stride or padding the note does not state is
not guessed: the claim is right if the usual default (stride 1 for conv, the kernel for
pooling; padding 0) gives the size, skipped if some other stride or padding would, and
wrong only when none can.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cnnstat.notes.claims import Claim, Edit, Skip
from cnnstat.notes.maps.kernelsettings import kernel_settings
from cnnstat.notes.maps.shapeitems import _ON_INPUT, Item, items
from cnnstat.notes.reading.normalise import plain_latex
from cnnstat.notes.reading.questions import asks, options
from cnnstat.notes.maps.shapejudge import Kernel, carried as _carried, judge, other_input, \
    padded, repeated  # noqa: F401 (read from here too)
from cnnstat.notes.maps.shapewords import _ARROW, corrects as _corrects, count as _count, \
    kernel_restated as _restated, padded_shown as _padded, repeats as _repeats, \
    spread as _spread, steps as _steps, other_kind

# what a kernel stated first gives the input after it: "3x3 pooling to a 15x15 map gives 7x7"
_GIVES = re.compile(r"^\s*\W{0,3}(?:\w+\s+){0,4}?(?:gives?|gets?|obtains?|leaves?|produces?|"
                    r"yields?|results?\s+in|becomes?|outputs?|returns?|to|into)\s+(?:a\s+|an\s+)?"
                    r"\W{0,2}$", re.I)
_PUNCT = re.compile(r"^[^.;]{0,30}[,:]\s*$")  # "3x3/2 max pooling, 55x55 becomes"
_BECAUSE = re.compile(r"\b(?:as|because|since|when)\b")
_LEAD = re.compile(r"(?:\bof|\bfrom|\bmaps|\bturns|\btakes|\breduces|\bshrinks|\bconverts)\s+(?:(?:a|an|the)\s+)?\W{0,2}\s*$", re.I)
_UNSUPPORTED = re.compile(r"upsampl|group|separable|depthwise", re.I)
_INPUT_MARK = re.compile(r"^\W{0,3}(?:인|의)?\s*(?:입력|input)|^\s*\)?\s*(?:input|입력)", re.I)
_AGAIN = re.compile(r"한\s*번\s*더|다시|again|once more|one more time", re.I)
_KEEPS = re.compile(r"\bkeep|\bstays?\b|\bremains?\b|\bpreserv|unchanged|유지|그대로", re.I)
_ON = re.compile(r"\bon\s+(?:(?:a|an|the)\s+)?\W{0,2}\s*$", re.I)
_BRANCHES = re.compile(r"\s\|\s")  # branches set side by side with a bar between them
_BARE_POOL = re.compile(r"(?:average|avg|mean|global|max)[\s_-]*pool|\bgap\b|평균\s*풀링|전역",
                        re.I)
# "C1: 6@28x28 (5x5 conv) -> S2: 6@14x14 (2x2 subsampling) -> ...": the layer in brackets
# after a map may be the one that made it, or the next one: which is not said
_GLOSSED = re.compile(r"[0-9]\s*\(\s*[^()]{0,40}?(?:conv|pool|subsampl|합성곱|풀링)[^()]{0,40}\)\s*"
                      r"(?:->|→|=>|⇒)", re.I)
_NEXT_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|-->)")
_CLAUSE = re.compile(r"[;.]\s|\b(?:and|but|while|whereas)\s|(?:고|며|지만|는데)\s")


class Scenario(NamedTuple):
    """What a line leaves for the next one to build on: its input size and padding, and
    the last size it gave (a walkthrough's next layer goes on from that)."""

    size: int
    line: int
    padding: int | str | None
    out: int | None = None
    pool: bool | None = None  # whether the padding was a pooling's


def _own_input(masked: str, found: list[Item], idx: int, current: Item,
               pending: list[Kernel]) -> bool:
    """A size after the kernels with an arrow and another size after it is the layers' own
    input written again, where the map before the kernels does not give it and it gives
    the next (``... i.e. a 60x60x16 map. Then 2x2 max pooling: 60x60x16 -> 30x30x16``)."""
    it = found[idx]
    nxt = found[idx + 1] if idx + 1 < len(found) else None
    return nxt is not None and nxt.kind == "size" and \
        _ARROW.match(masked[it.end:nxt.start]) is not None and \
        judge(current.n, pending, it.n)[0] == "wrong" and \
        judge(it.n, pending, nxt.n)[0] != "wrong"


def _each_counted(masked: str, pending: list, pend_items: list[Item]) -> list:
    """A chain of several layers, each as many times as a count before its window says
    ("went through four 2x2 pools and then a 3x3 conv": the pooling four times)."""
    if len(pending) < 2:
        return pending
    return [k for k, it in zip(pending, pend_items)
            for _ in range(_repeats(masked, it.start, it.end) or 1)]


# a line that speaks of a layer run again and again ("how many 3x3 convs reach 1x1"): an
# output the layer gives only repeated is where the stack ends, not a slip in one layer
_REPEAT = re.compile(r"how many|times|repeat|until|reach|stack|success|consecutive|in a row|"
                     r"몇\s*번|몇\s*개|반복|쌓|연속|될 때까지", re.I)


def check_line(number: int, raw: str, masked: str, scenario: Scenario | None
               ) -> tuple[list[Claim], list[Skip], Scenario | None]:
    """Shape claims of one line; ``scenario`` is the previous line's, when this line
    goes on with it (same paragraph)."""
    found = items(masked)
    masked = plain_latex(masked)  # at the same positions: "3\times3 filter" as "3×3"
    kernels = [it for it in found if it.kind == "kernel"]
    sizes = [it for it in found if it.kind == "size"]
    if not kernels or not sizes:
        return [], [], None
    if asks(masked) or options(masked):  # "Given a 32x32 input and 2x2 pooling, what is
        # the output?", "A: 14x14, B: 28x28, C: 7x7": givens and candidates
        return [], [Skip(number, raw.strip(), "a question: its sizes are givens")], None
    if _UNSUPPORTED.search(masked):
        return [], [Skip(number, raw.strip(), "grouped, separable or upsampling layers are "
                                              "not read in prose")], None
    settings = kernel_settings(masked, kernels)
    if settings is None:
        return [], [Skip(number, raw.strip(), "two different strides or paddings for one "
                                              "layer")], None
    settings = _spread(masked, settings)
    if settings is None:
        return [], [Skip(number, raw.strip(), "a dilated or transposed layer whose settings "
                                              "are not all read")], None
    settings = [_padded(k, s, sizes) for k, s in zip(kernels, settings)]
    by_item = {id(k): s for k, s in zip(kernels, settings)}
    claims: list[Claim] = []
    skips: list[Skip] = []
    made: list[tuple[int, list[Kernel]]] = []  # each claim's input and layers

    def claim(src: int, src_text: str, chain: list[Kernel], dst: Item, times: int = 1,
              depth: int | None = None) -> None:
        full = chain * times
        verdict, got, note = judge(src, full, dst.n)
        bare = padded(src, full, {s.n for s in sizes if s.end <= dst.start}) \
            if verdict == "wrong" else None
        if bare:  # the map it reads is written padded already: its padding spent
            chain = full = bare
            verdict, got, note = judge(src, full, dst.n)
        made.append((src, full))
        kept = depth if depth and all(k.pool for k in full) else None
        if verdict == "right" and kept and dst.depth and dst.depth != kept:
            # pooling keeps its input's channels: "55x55x96 ... to 27x27x256" is wrong
            claims.append(Claim(number, f"{src_text}x{kept} → pooling → {dst.n}x{dst.n}x"
                                f"{dst.depth}", "shape", f"{dst.n}x{dst.n}x{dst.depth}",
                                f"{got}x{got}x{kept}", "wrong", "pooling keeps its input's "
                                f"{kept} channels", (), f"{got}x{got}x{kept}"))
            return
        link = " → ".join(k.describe() for k in chain)
        if times > 1:
            link = f"({link}) ×{times}"
        text = f"{src_text} → {link} → {dst.n}x{dst.n}"
        if verdict == "wrong" and len(full) == 1 and _restated(masked, found, src, dst):
            verdict, note = "skip", "unsure: a map the size of its kernel: the kernel again?"
        elif verdict == "wrong" and (alt := other_input(masked, src, full, dst.n)):
            verdict, note = "skip", f"unsure: the line's {alt} is an input that gives it"
        elif verdict == "wrong" and not any(k.pool for k in full) and \
                _BARE_POOL.search(masked):
            # "an average pool and a 1x1 conv go from 7x7x832 to 1x1x128": a pooling
            # named with no window (global, or its window elsewhere) may stand between
            verdict, note = "skip", "unsure: a pooling named without its window may stand " \
                                    "between"
        if verdict == "skip":
            skips.append(Skip(number, text, note))
            return
        again = repeated(src, full, dst.n) if verdict == "wrong" and times == 1 and \
            _REPEAT.search(masked) else None
        if again:
            skips.append(Skip(number, text, f"unsure: the layer {again} times over gives "
                                            f"{dst.n}x{dst.n}: a stack of it, not one?"))
            return
        actual = f"{got}x{got}" if got is not None else "impossible"
        detail = "layer algebra: " + (
            "(n - 1)s - 2p + d(k - 1) + output_padding + 1" if any(k.transposed for k in full)
            else "floor((n + 2p - d(k - 1) - 1) / s) + 1" if any(k.dilation > 1 for k in full)
            else "floor((n + 2p - k) / s) + 1")
        edits: tuple[Edit, ...] = ()
        if verdict == "wrong" and got is not None:
            edits = tuple(Edit(number, a, b, str(got)) for a, b in dst.spans)
        claims.append(Claim(number, text, "shape", f"{dst.n}x{dst.n}", actual, verdict,
                            detail, edits, str(got)))

    # "3x3 conv로 11x11x256 입력을 11x11x128로": a leading kernel, then input and output
    if len(found) == 3 and found[0].kind == "kernel" and sizes == found[1:] and \
            _INPUT_MARK.search(masked[found[1].end:found[1].end + 12]):
        s1, s2 = sizes
        claim(s1.n, f"{s1.n}x{s1.n}", [by_item[id(found[0])]], s2, depth=s1.depth)
        return claims, skips, Scenario(s1.n, number, settings[0].padding, s2.n,
                                       settings[0].pool)

    current: Item | None = None
    base: int | None = None  # the input this line starts from
    pending: list[Kernel] = []
    last: list[Kernel] = []
    last_item: Item | None = None  # the kernel that ends `last`
    prev_end = 0
    inherited = scenario
    first_input: int | None = None
    lead: Item | None = None  # an input written after the kernel it goes through
    own: Item | None = None  # a size the line gives as its layer's input, the next its output
    pend_start = 0  # where the kernels not yet applied begin
    pend_items: list[Item] = []  # the windows of the kernels not yet applied
    for idx, it in enumerate(found):
        if _BRANCHES.search(masked, prev_end, it.start):
            # "(1x1 64 | 1x1 96 → 3x3 128 | ...)": parallel branches, no chain across
            current = base = lead = own = last_item = inherited = None
            pending, last = [], []
        if it.kind == "kernel":
            kern = by_item[id(it)]
            pend_start = it.start if not pending else pend_start
            pend_item = it
            pend_items = [it] if not pending else pend_items + [it]
            if kern.padding is None and inherited is not None and not pending and \
                    current is None and inherited.pool == kern.pool:
                # another setting of the same layer's input; a conv's padding is no
                # pooling's after it ("padding 1 → 32x32" / "2x2 max pooling → 16x16")
                kern = kern._replace(padding=inherited.padding)
            pending.append(kern)
        else:
            between = masked[prev_end:it.start]
            times = _count(between)
            if current is not None and pending and _ON_INPUT.search(between) and \
                    _BECAUSE.search(masked, current.end, pend_start):
                # "an output of 7x7 as we apply the 5x5 window to a 12x12 space": the
                # size before is what the kernels give the input after them
                claim(it.n, f"{it.n}x{it.n}", pending, current)
            elif current is not None and pending and _ON_INPUT.search(between) and \
                    (_CLAUSE.search(masked, current.end, pend_start) or _ON.search(between)):
                lead = it  # "...: 56x56; a 3x3/2 pooling on 13x13 gives 6x6", "I had
                # 30x30 for the 3x3 conv on 32x32": the layer runs on the input it names
            elif current is not None and pending:
                rep = _repeats(masked, pend_item.start, pend_item.end) \
                    if len(pending) == 1 and not times else None
                if rep:  # "3 stages of 2x2 pooling leave a 4x4 map"
                    claim(current.n, f"{current.n}x{current.n}", pending, it, rep)
                elif times and times > 1:
                    claim(current.n, f"{current.n}x{current.n}", pending, it, times)
                elif _own_input(masked, found, idx, current, pending):
                    own = it  # "a 60x60x16 map. Then 2x2 pooling: 60x60x16 -> 30x30x16"
                else:  # "four 2x2 pools ... then a 3x3 conv": each layer its own count
                    claim(current.n, f"{current.n}x{current.n}",
                          _each_counted(masked, pending, pend_items), it, depth=current.depth)
            elif current is None and pending and inherited is not None and \
                    not _ON_INPUT.search(between):
                base = _carried(inherited, pending, it.n)
                first_input = base
                nxt = found[idx + 1] if idx + 1 < len(found) else None
                carried_wrong = judge(base, pending, it.n)[0] == "wrong"
                if carried_wrong and nxt is not None and nxt.kind == "size":
                    # "2x2 맥스풀링을 하면 24x24가 12x12로": a size with another after it
                    # is the layer's own input, not what the carried map gives
                    base = first_input = None
                    own = it
                elif carried_wrong and _KEEPS.search(masked) and \
                        judge(it.n, pending, it.n)[0] == "right":
                    base = first_input = it.n  # "a 3x3 conv keeps 32x32 with padding 1"
                    claim(base, f"{base}x{base}", pending, it)
                else:
                    claim(base, f"{base}x{base}", pending, it)
            elif current is not None and not pending and last and current is lead and \
                    _ARROW.match(between) and len(last) == 1 and not _NEXT_ARROW.match(
                        masked, it.end) and not _repeats(masked, last_item.start, last_item.end):
                # "max pool 2x2, stride 2: 56x56 -> 28x28": one layer, one step after it
                claim(current.n, f"{current.n}x{current.n}", last, it, depth=current.depth)
            elif current is not None and not pending and last and _ARROW.match(between):
                # "two 3x3 convs, no padding: 7 x 7 -> 5 x 5 -> 3 x 3": the kernel stated
                # before the chain, once a step (or its count in one step)
                steps, sure = _steps(masked, found, last, it)
                if steps:
                    claim(current.n, f"{current.n}x{current.n}", last, it, steps)
                    if not sure and claims and claims[-1].verdict == "wrong":
                        c = claims.pop()  # no count says each step is that kernel alone
                        skips.append(Skip(number, c.text, "unsure: a step of the chain the "
                                          "kernel stated before it does not give; another "
                                          "layer may stand between"))
            elif current is not None and not pending and last and \
                    (current is lead and _GIVES.search(between) or current is own):
                rep = _repeats(masked, last_item.start, last_item.end) if len(last) == 1 \
                    else None  # "Two 3x3 convs take 32x32 to 28x28"
                claim(current.n, f"{current.n}x{current.n}", last, it, rep or 1,
                      depth=current.depth)
            elif current is not None and not pending and made and \
                    _corrects(between, masked[it.end:it.end + 12]):
                src, chain = made[-1]  # another output for the step just judged
                claim(src, f"{src}x{src}", chain, it)
            elif current is not None and not pending and last and (times or _AGAIN.search(
                    between)) and not other_kind(between, all(k.pool for k in last)):
                if times and times > 1 and base is not None:
                    claim(base, f"{base}x{base}", last, it, times)
                elif _AGAIN.search(between) or times == 1:
                    claim(current.n, f"{current.n}x{current.n}", last, it)
            if current is None and pending and (_ON_INPUT.search(between) or
                                                _LEAD.search(between) or
                                                _PUNCT.match(between)):
                lead = it
            if current is None and base is None:
                base = it.n
                first_input = it.n
            if pending:
                last, last_item = pending, pend_item
            current = it
            pending = []
        prev_end = it.end
    if any(c.verdict == "wrong" for c in claims) and _GLOSSED.search(masked):
        skips += [Skip(number, c.text, "unsure: a layer in brackets after a map, then an "
                       "arrow, may be the one that made the map") for c in claims
                  if c.verdict == "wrong"]
        claims = [c for c in claims if c.verdict != "wrong"]
    if not claims:
        return claims, skips, None
    pad = settings[0].padding if settings else None
    return claims, skips, Scenario(first_input or sizes[0].n, number, pad,
                                   current.n if current is not None else None,
                                   settings[0].pool if settings else None)

