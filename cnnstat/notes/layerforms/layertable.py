"""A layer table, rebuilt row by row through the layer algebra.

Whatever the table's layout (``layercols`` names its columns and reads its cells; a table
on its side, a layer a column, is turned first), each row is a layer whose window
(kernel, stride, padding, dilation) comes from its columns or its own name, and the rows
chain: a row reads what the row above gave.

* **Output size** (``layersizes``): from the row's input cell or the row above's output,
  down to the first fully connected or flattening row. A row that cannot be rebuilt (no
  window, several layers, a join) is passed over, its stated output read on; a conv with
  no stride stated anywhere is taken at stride 1, a pooling at its window (a size that
  disagrees is unsure); a transposed convolution has its own rule.
* **Parameters** (``layerparams``): every row, fully connected ones included.
* **Depth** (``layerdepth``): a map's depth against the row's filters (words, or the
  kernel's shape ``3*3*64*128``); a pooling keeps its input's; a flattening row's count;
  a concatenation that names the row it joins.
* **Receptive field, jump and start** (``layerfields``): the growth rule
  (``analysis.grow``), ``r_out = r_in + (k - 1)·d·j_in`` and ``j_out = j_in·s``, from a field of 1 and a jump
  of 1 at the first row, and the first window's centre ``start_out = start_in +
  ((k - 1)·d/2 - p)·j_in`` from 0.5, carried down the true chain (a slip is not carried
  on). A column may give each row's figure *after* its layer or *before* it (computed a
  row late): the column's own figures decide which, and so does the working a cell shows
  (``13+(3-1)*4``: the kernel of the row above is the row above's layer); a column that
  fits the chain nowhere is not judged.
* **A worked cell** (``9+(3-1)* 2 = 13``, ``2 * 2 = 4``): its own arithmetic, and its
  result against the chain.

A row that keeps the field (ReLU, LRN, batch norm) is judged against the chain like any
other (a slip above it that it repeats is carried: wrong). A concatenation with no window
whose field and jump repeat the row above's passes the traced path on.
A row that names no window and is not a layer that keeps the size (ReLU, batch norm),
or that ends the spatial chain (a fully connected layer, an Inception module, a
concatenation, a row standing for repeated layers), ends the fields and the parameters
(the sizes below it are still judged from its stated output, except in a table on its
side, read strictly).
"""

from __future__ import annotations

import re

from cnnstat.notes.layerforms import (cellparts, tablelayout, layercols, layerdepth, layerfields,
                                      layerparams, leftout, layersizes)
from cnnstat.notes.claims import Claim, Skip




# the columns this reader judges
JUDGED = {"out", "rf", "j", "start", "params", "rf_in", "j_in", "start_in"}
_OUT_WORDS = re.compile(r"out|출력|size|크기", re.I)  # a column of sizes, whatever they hold

def bars(raw: str, outer: bool = True) -> list[tuple[str, int, int]]:
    """A row's cells as written (raw text, start, end), split at unescaped bars; with
    ``outer`` False the row has no pipes at its ends (``a | b | c``)."""
    cuts = [i for i, ch in enumerate(raw) if ch == "|" and (i == 0 or raw[i - 1] != "\\")]
    if not outer:
        cuts = [-1] + cuts + [len(raw)]
    elif cuts:  # a row of a table written without its outer pipes ("conv1 | 3 | 1")
        if raw[:cuts[0]].strip():
            cuts.insert(0, -1)
        if raw[cuts[-1] + 1:].strip():
            cuts.append(len(raw))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        text = raw[a + 1:b]
        lead = len(text) - len(text.lstrip())
        out.append((text.strip(), a + 1 + lead, a + 1 + lead + len(text.strip())))
    return out


def block_rows(block) -> list[tuple[int, list[tuple[str, int, int]]]]:
    """A markdown table's lines as (line number, cells), with or without its outer pipes
    (as its header is written)."""
    outer = bool(block) and block[0].raw.strip().startswith("|")
    if outer:
        return [(r.number, bars(r.raw.rstrip(), outer)) for r in block]
    # without outer pipes, a bar that ends a row ("c1| 28| 3|") closes its last cell
    return [(r.number, bars(r.raw.rstrip()[:-1] if r.raw.rstrip().endswith("|") else
                            r.raw.rstrip(), outer)) for r in block]


def check(rows: list[tuple[int, list[tuple[str, int, int]]]], ceil: bool = False
          ) -> list[Claim | Skip]:
    """The claims of a table given as (line number, cells) rows, the header first; with
    ``ceil`` the note has said that its sizes round up (``ceil_mode``, ".5 counted as 1")."""
    if len(rows) < 2:
        return []
    head = [c for c, _, _ in rows[0][1]]
    body = [row for row in rows[1:] if not tablelayout.separator(row[1])]
    head, body = tablelayout.arrows(head, body)  # "227x227x3 → 55x55x96": the input and the output
    turned = False  # a table on its side is read strictly: nothing guessed, nothing passed over
    if not JUDGED & {r for found in layercols.roles(head) for r in found}:
        rows = tablelayout.turned(rows, JUDGED)  # a table on its side: a layer a column, a quantity a row
        if not rows:
            return []
        head, turned = [c for c, _, _ in rows[0][1]], True
        body = [row for row in rows[1:] if not tablelayout.separator(row[1])]
    where = _columns(head, body)
    if where is None:
        return []
    said: list[str] = []
    rows = layerfields.resolve_dilation(_layers(body, where, len(head), said,
                                                guess=not turned), where)
    # the true chain: down to a row that cannot be rebuilt (the parameters), and to a
    # fully connected or flattening row or a stride not stated or guessed (the fields)
    layers = rows[:next((i for i, lay in enumerate(rows) if lay.kind == "gap"), len(rows))]
    if not rows:
        return []
    # no kernel column, an output column: a row with no window is no gap for the counts,
    # its map's channels go on to the row under it (a conv's kernel from its count)
    counted = rows if "k" not in where and "out" in where and not _SUMMARY_HEAD.search(
        " ".join(head)) else layers
    out: list[Claim | Skip] = layerparams.params(counted, where) if "params" in where and \
        counted else []
    if "params" in where and not {"k", "s", "p", "d", "in", "rf", "j", "start"} & set(where) \
            and not any(lay.kind in ("layer", "pool") for lay in rows):
        return out  # "Layer (type) | Output Shape | Param #" and no window: a summary's
    # the sizes: every row from the stated output above it, down to a fully connected
    # or flattening row (a row not rebuilt is passed over, its output read on)
    spatial = rows[:next((i for i, lay in enumerate(rows) if lay.kind in ("fc", "flat") or
                          (turned and (lay.kind == "gap" or not lay.s))), len(rows))]
    # bare sizes that grow down the rows, each row from its own input: cases apart
    cases = "out" in where and _growing(body, where["out"][0], len(head)) and \
        _cases(head, body, where)
    out += layerdepth.merge(layersizes.sizes(spatial, where, ceil, cases),
                            layerdepth.depths(spatial, where, said))
    out += layerdepth.flattened(rows, len(spatial), where) + \
        layerdepth.joins(spatial, where, said) + \
        (layerdepth.fc_inputs(rows, len(spatial), where) if not turned else [])
    end = next((i for i, lay in enumerate(layers) if lay.kind in ("fc", "flat", "up") or
                not lay.s or "s" in lay.guessed or "k" in lay.guessed), len(layers))
    layers = layers[:end]
    chains = layerfields.chain(layers)
    force = {r: 1 if layercols.said_after(head[where[r][0]]) else None for r in ("rf", "j", "start")
             if r in where}
    since = layerfields.both_slipped(layers, where, chains, force)
    peers = {r: where[r][0] for r in ("rf", "j") if r in where}
    for role in ("rf", "j", "start"):
        if role in where:
            out += layerfields.column(layers, where[role][0], role, chains, force=force[role],
                                      jumps=where.get("j", (None,))[0], since=since,
                                      peers=peers)
        if role + "_in" in where:  # r_in beside r_out: the figure before the row's layer
            out += layerfields.column(layers, where[role + "_in"][0], role, chains, force=0)
    return out


def _columns(head: list[str], body) -> dict[str, tuple[int, int, int]] | None:
    """Each role's column (and its part of a packed one), as the header words and the
    cells under them say; None for a table with nothing this reader judges."""
    where: dict[str, tuple[int, int, int]] = {}  # role -> (column, part, parts)
    for col, found in enumerate(layercols.roles(head)):
        for part, role in enumerate(found):
            if role in where and role in ("layer", "note"):
                continue  # "Layer | Type": the first names the row, the rest are words
            if role == "p" and "p" in where and "p2" not in where:
                where["p2"] = (col, part, len(found))  # "Pad Left | Pad Right"
                continue
            if role in where:
                return None  # two columns of one role: not a table this reader knows
            where[role] = (col, part, len(found))
    if "c" in where and "k" not in where and sum(
            bool(re.fullmatch(r"\s*(\d{1,2})\s*[x×]\s*\1\s*", row[1][where["c"][0]][0]))
            for row in body if len(row[1]) == len(head)) >= 2:
        where["k"] = where.pop("c")  # "Filter | 3x3": a window, not a count of filters
    if "in" not in where and {"k", "s", "p"} <= set(where):  # cs231n's "W | F | S | P"
        where.update({"in": (col, 0, 1) for col, cell in enumerate(head)
                      if re.fullmatch(r"w\s*_?\s*[1i]?", layercols.clean(cell), re.I)})
    if "in" in where and "out" not in where and {"rf", "j", "start"} & set(where) and \
            layercols.clean(head[where["in"][0]]).lower() == "n":
        where["out"] = where.pop("in")  # receptive-field arithmetic: n features out
    if "out" in where and not _OUT_WORDS.search(head[where["out"][0]]) and \
            layercols.clean(head[where["out"][0]]).lower() != "n" and not any(
            re.search(r"\d\s*[x×*]\s*\d", row[1][where["out"][0]][0]) for row in body
            if len(row[1]) == len(head)):
        del where["out"]  # "Feature maps | 6": a count of maps, not their size
    if "out" in where and _growing(body, where["out"][0], len(head)) and \
            not _cases(head, body, where):
        del where["out"]  # "Output | 64", "128": channels, growing where sizes cannot
    return where if JUDGED & set(where) else None


_CHANNEL_HEAD = re.compile(r"\bch|channel|depth|filter|채널|필터", re.I)


def _cases(head: list[str], body, where) -> bool:
    """A table of cases, each row its own input (``| W | F | S | P | Output |``: 32, 5,
    1, 2, 32 / 7, 3, 2, 0, 3): no row's output is more than its input, the window's
    kernel and stride have columns, and neither size column names channels. Its output
    column may grow down the rows, each row starting again from its own input."""
    if not {"in", "k", "s"} <= set(where) or _CHANNEL_HEAD.search(
            head[where["in"][0]] + " " + head[where["out"][0]]):
        return False
    pairs = []
    for row in body:
        cells = row[1]
        if len(cells) != len(head):
            return False
        a = layercols.value(layercols.clean(cells[where["in"][0]][0]))
        b = layercols.value(layercols.clean(cells[where["out"][0]][0]))
        if a is None or b is None:
            return False
        pairs.append((a.side, b.side))
    return len(pairs) >= 2 and all(b <= a for a, b in pairs)


_UPWARD = re.compile(r"transpose|deconv|up-?\s?conv|upsampl|unpool|전치|업샘플", re.I)


def _growing(body, col: int, width: int) -> bool:
    """An output column of bare numbers (no map's sides) that grows down the rows, with
    no layer that enlarges: counts of channels, not sizes."""
    seen: list[int] = []
    for row in body:
        cells = row[1]
        if len(cells) != width:
            continue
        if _UPWARD.search(" ".join(c for c, _, _ in cells)):
            return False
        text = layercols.clean(cells[col][0])
        if tablelayout.MAPPED.search(text):
            return False
        v = layercols.value(text)
        if v is not None:
            seen.append(v.side)
    return any(b > a for a, b in zip(seen, seen[1:]))


def _part(cells, at: tuple[int, int, int]) -> int | None:
    col, part, parts = at
    got = cellparts.numbers(cells[col][0], parts)
    return None if got is None else got[part]


def _layers(rows, where, width: int, said: list[str] | None = None, guess: bool = True
            ) -> list[layercols.Layer]:
    """The rows as layers. A row that cannot be rebuilt (no window, a row of several
    layers, a join, a row of another width) is a ``gap``: its stated output is still the
    input of the row below, but the true chain (fields, parameters) ends there. ``said``
    gathers each row's own words."""
    said = [] if said is None else said
    window = {r for r in ("k", "s", "p", "d") if r in where}
    columns = {at[0] for at in where.values()}
    out: list[layercols.Layer] = []
    names = leftout.Numbering()
    for number, cells, *lines in rows:
        said.append(" ".join(c for c, _, _ in cells))
        if len(cells) == width and (names.skips(cells[where.get("layer", (0,))[0]][0]) or
                                    leftout.elided(cells)):
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, "gap", *lines))
            continue  # "conv2_2 | pool2 | conv3_3": rows left out above it
        if len(cells) != width:
            cells = [("", 0, 0)] * width
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, "gap", *lines))
            continue
        got = {r: _part(cells, where[r]) for r in window}
        if "p2" in where and _part(cells, where["p2"]) != got.get("p"):
            # two paddings that differ (left 0, right 1): not rebuilt
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, "gap", *lines))
            continue
        shape = cellparts.kernel_shape(cells[where["k"][0]][0]) if "k" in where and \
            got.get("k") is None else None
        # a window column that holds words ("Six 5x5 filters, Stride 1, No padding") is
        # read as the layer's own words
        worded = {where[r][0] for r in window if got.get(r) is None and
                  re.search(r"[A-Za-z가-힣]{2}", cells[where[r][0]][0])}
        if "c" in where and not re.fullmatch(r"\s*[\d,]*\s*", cells[where["c"][0]][0]):
            worded.add(where["c"][0])  # "Filters | 96 11x11, stride 4": the layer's words
        named = where.get("layer", (-1,))[0]
        text = " ".join(c for i, (c, _, _) in enumerate(cells)
                        if i not in columns or i in worded or i == named)
        words = layercols.layer(text)
        said[-1] = text
        if named >= 0 and _NAME.match(cells[named][0]):
            # a row named "P1", "S2", "C3": a name, not a padding of 1 or a stride of 2
            words = layercols.layer(text.replace(cells[named][0], _NAME.sub(
                " ", cells[named][0]), 1))._replace(kind=words.kind)
        k = got.get("k") or (shape[0] if shape else None) or words.k
        s = got.get("s") or words.s
        p = got["p"] if got.get("p") is not None else words.p
        if "p" in where and got.get("p") is None and p is None and \
                re.fullmatch(r"[^\W\d]+", layercols.clean(cells[where["p"][0]][0])):
            p = layercols.layer("padding " + cells[where["p"][0]][0]).p  # "same", "valid"
        d = got.get("d") or words.d or 1
        if words.kind in ("end", "layer") and k is None and s is None and out and \
                _carried(cells, out[-1].cells, where, words):
            words = words._replace(kind="pass")  # a concatenation on the traced path
        guessed = ""
        said_d = layercols.gloss_dilation(cells[where["k"][0]][0]) if "k" in where and \
            "d" not in where and got.get("k") is not None else None
        if said_d and said_d > 1:  # "5,2,1 (Dil=2)": k the kernel, or the window it makes?
            d, guessed = said_d, "d"
        if not text.strip() and k is not None:
            words = words._replace(kind="layer")  # no words at all: a window's columns
        if words.kind == "layer" and "layer" not in where and not _KIND.search(text):
            guessed += "c"  # no name and no word of its kind: a conv or a pooling?
        if guess and k is None and p == "same" and words.kind == "layer":
            k, guessed = 1, guessed + "k"  # "384 filters, same": the size needs no window
        if guess and s is None and "s" not in where and k is not None and \
                words.kind in ("layer", "pool"):
            # no stride column and none in words: a conv's usual 1, a pooling's window
            s, guessed = (1 if words.kind == "layer" else k), guessed + "s"
        if words.kind == "end" and got.get("k") and got.get("s"):  # "INCEP_1_CON | 5 | 1"
            words = words._replace(kind=layercols.branch(text) or "end")
        if words.kind == "end" and got.get("k") and got.get("s") and _TRACED.search(text) \
                and {"rf", "rf_in"} & set(where):
            # "concat2 | 5 | 1 | 16": a join or module whose window the table's own columns
            # state (the path it traces through it): the field grows by it; its size and
            # count are not read ("j")
            words, guessed = words._replace(kind="layer"), guessed + "j"
        if words.kind == "end" or (out and out[-1].kind in ("fc", "flat") and
                                   words.kind not in ("fc", "flat", "pass", "")):
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, "gap", *lines))
            continue
        if words.kind in ("input", "fc", "flat") or (k is None and s is None and
                                                     words.kind in ("pass", "")):
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, words.kind or "", *lines))
            continue
        if k is None or not (1 <= k <= 64 and 0 <= (s or 0) <= 64 and d <= 64):
            out.append(layercols.Layer(number, cells, 1, 1, 0, 1, "gap", *lines))
            continue
        # a stride not stated (0) ends the spatial chain, not the parameter counts
        out.append(layercols.Layer(number, cells, k, s or 0, p, d, words.kind, *lines,
                                   guessed=guessed))
    return out


_KIND = re.compile(r"conv|합성곱|컨볼루션|dense|linear|pool", re.I)  # words that name a kind
_TRACED = re.compile(r"concat|incep|module|block|branch", re.I)  # a join a path goes through
# a pasted summary's header (Keras, torchsummary): the summary readers rebuild its rows
_SUMMARY_HEAD = re.compile(r"param\s*#|\(type\)|output\s+shape", re.I)
_NAME = re.compile(r"^\s*[A-Za-z]{1,2}\d{1,2}(?![\w.x×])")  # LeNet's and AlexNet's "C1", "P2"


# a row that joins branches: on a table that traces one path through them, it passes
# the path's field on as the row above left it
_JOIN = re.compile(r"^\W*(?:(?:\d{1,3}|[a-z])[.):]\s*)?(?:depth|filter|channel)?[\s_-]*"
                   r"(?:concat\w*|merge|add|eltwise|element-?wise\s+add)\W*$",
                   re.I)  # "10.DepthConcat", "f. concat", a residual "add"


def _carried(cells, above, where, words) -> bool:
    """A concatenation row with no window whose receptive-field and jump cells repeat the
    row above's (the path's figures carried through the join): the traced path passes it."""
    name = cells[where.get("layer", (0,))[0]][0]
    if not _JOIN.match(layercols.clean(name)) or words.d:
        return False
    roles = [r for r in ("rf", "j", "rf_in", "j_in") if r in where]
    if not roles:
        return False
    for r in roles:
        col = where[r][0]
        here, there = layercols.value(cells[col][0]), layercols.value(above[col][0])
        if here is None or there is None or here.side != there.side:
            return False
    return True
