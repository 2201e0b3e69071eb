"""A layer table's channels, row by row (``layertable`` reads the table).

A map written with its depth (``55 x 55 x 96``, ``224*224*64``, ``(56, 56, 64)``,
``64x56x56``) in an output column is judged against what the row's own cells say the
depth must be: a convolution's filters, stated in its words (``96 filters (11x11)``,
``Sixteen 5x5 filters``, ``filters=64``, ``64개``) or as the last factor of its kernel's
shape (``3*3*64*128``); a pooling or a layer that keeps the size (ReLU, batch norm)
keeps the depth it is given (its own input cell's, or the row above's output). A row
whose filters are not stated, a map whose depth cannot be told from its sides
(``28x14x5``), a join or a row of several layers is not judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.layerforms import cellparts
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.layerforms.layercols import CONFIDENCE, Layer, clean, line_of, row_name
from cnnstat.notes.layerforms.layerparams import _map

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty-two": 32, "sixty-four": 64})
_FILTERS = re.compile(r"(?<![\w.])(\d{1,5}|[a-z]+(?:-[a-z]+)?)\s+(?:(?:\d{1,2}\s*[x×*]\s*\d{1,2}|"
                      r"conv\w*|convolution(?:al)?)\s+)?(?:filters|kernels|channels)\b|"
                      r"\b(?:filters|out_channels|num_filters)\s*[=:]\s*(\d{1,5})|"
                      r"(\d{1,5})\s*개의?\s*(?:\d{1,2}\s*[x×*]\s*\d{1,2}\s*)?(?:필터|커널)|"
                      r"(?:필터|커널)\s*(\d{1,5})\s*개", re.I)


def filters(text: str) -> int | None:
    """The filters a layer's words state (one count, or None)."""
    found = set()
    for m in _FILTERS.finditer(clean(text)):
        word = next(g for g in m.groups() if g)
        n = int(word) if word.isdecimal() else _NUMBER_WORDS.get(word.lower())
        if n is not None:
            found.add(n)
    return found.pop() if len(found) == 1 else None


def depths(rows: list[Layer], where: dict, words: list[str]) -> list[Claim | Skip]:
    """Each row's stated depth against its filters or the depth it was given; ``words``
    holds each row's own words (a row's text), ``rows`` the chain ``layersizes`` reads."""
    if "out" not in where:
        return []
    col_out = where["out"][0]
    col_in = where["in"][0] if "in" in where else None
    col_k = where["k"][0] if "k" in where else None
    out: list[Claim | Skip] = []
    above: int | None = None  # the depth the row above gave
    for lay, said in zip(rows, words):
        got = _map(lay.cells[col_out][0])
        given = _map(lay.cells[col_in][0]) if col_in is not None else None
        c_in = given[1] if given else above
        above = got[1] if got else None
        if got is None or lay.kind in ("input", "", "gap", "fc", "flat") or "j" in lay.guessed:
            continue
        if lay.kind in ("pool", "pass"):
            want, how = c_in, "a pooling keeps the depth it is given"
        else:
            shape = cellparts.kernel_shape(lay.cells[col_k][0]) if col_k is not None else None
            want = shape[1] if shape and shape[1] else filters(said)
            how = "a convolution's depth is its count of filters"
        if want is None:
            continue
        text, start, _ = lay.cells[col_out]
        name = row_name(lay)
        label = f"{name + ': ' if name else ''}depth of {clean(text)}"
        ok = got[1] == want
        fixed = _with_depth(clean(text), got, want)
        out.append(Claim(line_of(lay, col_out), label, "shape", clean(text), fixed,
                         "right" if ok else "wrong", f"{how}: {want}", (),
                         "" if ok else fixed, confidence=CONFIDENCE))
    return out


def _with_depth(text: str, got: tuple[int, int], want: int) -> str:
    """The map as written, its depth put right: ``112*112*120`` -> ``112*112*128``,
    ``[-1, 120, 56, 56]`` -> ``[-1, 128, 56, 56]`` (a batch before the map kept)."""
    nums = list(re.finditer(r"\d+", text))[-3:]
    at = nums[-1] if int(nums[-1].group()) == got[1] and int(nums[0].group()) == got[0] \
        else nums[0]
    return text[:at.start()] + str(want) + text[at.end():]


def merge(sizes: list[Claim | Skip], depths: list[Claim]) -> list[Claim | Skip]:
    """One verdict a row's map: a depth judged beside its side is folded into the side's
    claim (a right side with a wrong depth is the map's mistake); a depth alone stands."""
    out = list(sizes)
    at = {x.line: i for i, x in enumerate(out) if isinstance(x, Claim) and " → " in x.text}
    for d in depths:
        i = at.get(d.line)
        if i is None:
            if not any(x.line == d.line and not isinstance(x, Claim) for x in out):
                out.append(d)  # a side unsure: the depth is not judged either
            continue
        side = out[i]
        if side.verdict == "right" and d.verdict == "wrong":
            out[i] = d._replace(text=side.text, detail=f"{side.detail}; {d.detail}")
    return out


def flattened(rows: list[Layer], end: int, where: dict) -> list[Claim]:
    """A flattening row under the last map (``Flatten | 25088`` under ``7 x 7 x 512``): its
    count is the map's side·side·depth."""
    if "out" not in where or end >= len(rows) or end == 0 or rows[end].kind != "flat":
        return []
    col = where["out"][0]
    above = _map(rows[end - 1].cells[col][0])
    text, _, _ = rows[end].cells[col]
    m = re.fullmatch(r"\(?\s*(?:none\s*,\s*|-1\s*,\s*)?(\d{1,3}(?:,\d{3})+|\d{1,9})\s*,?\s*\)?",
                     clean(text), re.I)
    if above is None or m is None:
        return []
    stated, want = int(m.group(1).replace(",", "")), above[0] * above[0] * above[1]
    ok = stated == want
    return [Claim(line_of(rows[end], col), f"{row_name(rows[end])}: {clean(text)}".strip(": "),
                  "shape", clean(text), want, "right" if ok else "wrong",
                  f"flattened: {above[0]}·{above[0]}·{above[1]} = {want:,}", (),
                  "" if ok else f"{want:,}" if "," in text else str(want),
                  confidence=CONFIDENCE)]


_JOIN = re.compile(r"concat|\bcat\b|연결", re.I)  # a sum ("add", "merge") keeps the depth
_CROP = re.compile(r"(\d{1,5})\s*[x×]\s*\1\s*(?:→|->|=>|to)\s*(\d{1,5})\s*[x×]\s*\2", re.I)


def joins(rows: list[Layer], where: dict, said: list[str]) -> list[Claim]:
    """A concatenation that names the earlier row it joins (``Crop & Concat | From
    Conv4-2 (64x64 → 56x56)``): its map keeps the row above's side and adds the two
    depths; a crop written beside it goes from the named row's side to the row above's."""
    if "out" not in where:
        return []
    col = where["out"][0]
    names = {row_name(lay).lower(): i for i, lay in enumerate(rows) if row_name(lay)}
    out: list[Claim] = []
    for i, (lay, text) in enumerate(zip(rows, said)):
        if i == 0 or lay.kind != "gap" or not _JOIN.search(text):
            continue
        named = [j for w in re.findall(r"[\w-]+", text) for j in [names.get(w.lower())]
                 if j is not None and j < i - 1]
        if len(set(named)) != 1:
            continue
        got, above = _map(lay.cells[col][0]), _map(rows[i - 1].cells[col][0])
        other = _map(rows[named[0]].cells[col][0])
        if got is None or above is None or other is None:
            continue
        line, raw = line_of(lay, col), clean(lay.cells[col][0])
        want = (above[0], above[1] + other[1])
        ok = got == want
        fixed = _with_depth(raw, (got[0], got[1]), want[1]) if got[0] == want[0] else ""
        if ok or fixed:
            out.append(Claim(line, f"{row_name(lay)}: {raw}", "shape", raw, fixed or raw,
                             "right" if ok else "wrong",
                             f"a concatenation keeps the side ({above[0]}) and adds the depths:"
                             f" {above[1]} + {other[1]} = {want[1]}", (), "" if ok else fixed,
                             confidence=CONFIDENCE))
        m = _CROP.search(text)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            ok = (a, b) == (other[0], above[0])
            out.append(Claim(line, f"{row_name(lay)}: crop {m.group(0)}", "shape", m.group(0),
                             f"{other[0]}x{other[0]} → {above[0]}x{above[0]}",
                             "right" if ok else "wrong",
                             f"the crop takes {row_name(rows[named[0]])}'s {other[0]} to the "
                             f"{above[0]} it joins", confidence=CONFIDENCE))
    return out


_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d{1,7})\s*(?:nodes?|neurons?|features?|units?|"
                    r"outputs?|classes|뉴런|노드|개)?", re.I)


def _features(raw: str) -> int | None:
    """A cell's count of features: ``400 nodes``, ``9,216``, or a map flattened
    (``5x5x16 (400 nodes total)``: the map, its gloss aside)."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", clean(raw))
    got = _map(text)
    if got is not None:
        return got[0] * got[0] * got[1]
    m = _COUNT.fullmatch(text)
    return int(m.group(1).replace(",", "")) if m else None


def fc_inputs(rows: list[Layer], start: int, where: dict) -> list[Claim | Skip]:
    """Below the maps, each row's input count against the row above's output
    (``FC1 | 400 nodes | 120 neurons`` under ``5x5x16``): right where they agree, unsure
    where they do not (a layer may be left out of the table)."""
    if "in" not in where or "out" not in where or start == 0:
        return []
    col_in, col_out = where["in"][0], where["out"][0]
    out: list[Claim | Skip] = []
    for i in range(start, len(rows)):
        lay = rows[i]
        n_in, above = _features(lay.cells[col_in][0]), _features(rows[i - 1].cells[col_out][0])
        if n_in is None or above is None:
            continue
        line, text = line_of(lay, col_in), clean(lay.cells[col_in][0])
        label = f"{row_name(lay)}: input {text}".strip(": ")
        out.append(Claim(line, label, "shape", text, above, "right",
                         "a row reads the row above's output (flattened)",
                         confidence=CONFIDENCE) if n_in == above else
                   Skip(line, label, f"unsure: the row above gave {above:,}; a layer may be "
                                     f"left out of the table"))
    return out
