"""A network's stages written as a progression: ``64×3 → 128×4 → 256×6 → 512×3`` (each
stage's width and its blocks) or a list of block counts, ``[2, 2, 2, 2] blocks``.

The network is the one the line names, else its section's. Its stages are read from its
bundled spec: each top-level ``repeat`` (a ResNet's ``layer1``..``layer4``, a DenseNet's
dense blocks) with its block's width (a bottleneck's output is 4 x its width: either is
accepted, the same for every stage), or a stage of plain convs (VGG's ``stage1``..), for
the families whose stages are whole repeats (ResNet, ResNeXt, Wide ResNet, VGG, DenseNet). A
progression is right when its counts are the spec's, in order, and its widths are the
stages' widths; a stage left out or added makes it wrong. A family named without its
depth (``ResNet``) is not one network: nothing is said.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import Mention, mentions, resolve

_PAIR = r"(\d{1,4})\s*[×xX*]\s*(\d{1,4})"
_CHAIN = re.compile(rf"(?<![\d.]){_PAIR}(?:\s*(?:→|->|=>|,)\s*{_PAIR}){{2,6}}"
                    r"(?!\d|\.\d|\s*[×xX*]\s*\d)")
_PRODUCT = re.compile(r"\d\s*[×xX*]\s*\d")
_STAGE_WORD = re.compile(r"stage|block|conv\d_x|layer\d|스테이지|블록|단계", re.I)
# a list of block counts (brackets are masked): "[2, 2, 2, 2] blocks", "blocks per stage:
# (3, 4, 6, 3)", "dense blocks of [6, 12, 24, 16] layers", "블록 수 [3, 4, 6, 3]"
# (its last item may follow "and": "dense blocks of 6, 12, 24 and 16 layers")
_COUNTS = (r"(?<![\d.,])\s*[\[(]?\s*(?P<list>\d{1,2}(?:\s*,\s*\d{1,2}){1,6}"
           r"(?:\s*,?\s*(?:and|&|및)\s*\d{1,2}(?![\d,]|\.\d))?)\s*,?\s*[\])]?")
_LIST = re.compile(r"(?:blocks?(?:\s+per\s+stage)?|stages?|블록\s*(?:수|개수)?)\s*(?:of|[:=]|는|은)?"
                   + _COUNTS + r"|" + _COUNTS.replace("list", "list2") +
                   r"\s*(?:(?:bottleneck|basic|residual|dense)\s+)?(?:blocks?|블록)", re.I)
Stage = tuple[int, "int | None", int]  # blocks, width (None: not a channel count), expansion


# the specs whose stages are all repeats (or plain conv stages) of the paper's counts; in
# others a stage's first block stands apart from its repeat (ShuffleNet, WRN, pre-act
# ResNets), or a stage is not a repeat at all (MobileNet, ConvNeXt): their counts would
# be one short, and nothing is said of them
_WHOLE = re.compile(r"^(?:resnet\d+(?:-tv)?|resnext\d+_\w+|wide_resnet\d+_2|vgg\d+(?:_bn|-c)?|"
                    r"densenet(?:\d+|-bc-\d+-\d+))$")


@lru_cache(maxsize=64)
def stages_of(name: str) -> tuple[Stage, ...]:
    """The stages of a bundled spec, in order; () when it has none this reader knows."""
    if not _WHOLE.match(name):
        return ()
    from cnnstat.models import zoo
    from cnnstat.spec.yamlload import load_yaml
    try:
        path = zoo.resolve(name)
        doc = load_yaml(path.read_text(encoding="utf-8"), file=str(path))
    except Exception:  # noqa: BLE001 - a spec that does not load has no stages to judge by
        return ()
    if not isinstance(doc, dict):
        return ()
    out: list[Stage] = []
    _walk(doc.get("layers") or [], out)
    if not name.startswith(("resnet", "vgg")):  # a ResNeXt's or wide ResNet's block
        out = [(n, None, e) for n, _, e in out]  # width is not its output's channels
    return tuple(out)


def _walk(layers, out: list[Stage]) -> None:
    for item in layers if isinstance(layers, list) else []:
        if not isinstance(item, dict) or len(item) != 1:
            continue
        kind, args = next(iter(item.items()))
        if not isinstance(args, dict):
            continue
        if kind == "repeat" and isinstance(args.get("times"), int):
            width = (args.get("with") or {}).get("width")
            expansion = 4 if "bottleneck" in str(args.get("block", "")) else 1
            out.append((args["times"], width if isinstance(width, int) else None, expansion))
        elif kind == "seq":
            inner = args.get("layers") or []
            convs = [x["conv"].get("out") for x in inner
                     if isinstance(x, dict) and isinstance(x.get("conv"), dict)]
            if str(args.get("name", "")).startswith("stage") and convs and \
                    len(set(convs)) == 1 and isinstance(convs[0], int):
                out.append((len(convs), convs[0], 1))
            else:
                _walk(inner, out)


def _model(masked: str, heading: Mention | None) -> tuple[Mention, str] | None:
    found = mentions(masked)
    keys = {(m.family, m.key) for m in found}
    mention = found[0] if len(keys) == 1 else (heading if not found else None)
    if mention is None:
        return None
    got = resolve(mention)
    if got.generic or not got.specs:
        return None
    return mention, got.specs[0]


def check_line(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    if "," not in masked and "→" not in masked and "->" not in masked:
        return []  # neither a list nor a chain (most lines: a cheap test)
    low = masked.lower()
    chain = _CHAIN.search(masked) if _PRODUCT.search(masked) else None
    listed = None if chain or not any(w in low for w in ("block", "stage", "블록")) \
        else _LIST.search(masked)
    if chain is None and listed is None:
        return _bracketed(number, masked, heading)
    if chain is not None and not mentions(masked) and not _STAGE_WORD.search(masked):
        return []  # a chain of products under a heading, saying nothing of stages
    named = _model(masked, heading)
    if named is None:
        return []
    mention, spec = named
    stages = stages_of(spec)
    if len(stages) < 2:
        return []
    counts = [n for n, _, _ in stages]
    if chain is not None:
        pairs = [(int(a), int(b)) for a, b in re.findall(_PAIR, chain.group(0))]
        got = _read_pairs(pairs, stages)
        if got is None:
            return []
        widths, claimed = got
        text = chain.group(0)
    else:
        group = "list" if listed.group("list") else "list2"
        claimed = [int(x) for x in re.findall(r"\d+", listed.group(group))]
        if len(claimed) < 3:
            return []  # two counts: no list of stages
        widths, text = None, listed.group(group)
    if widths is not None and (len(widths) != len(stages) or
                               any(w is None for _, w, _ in stages)):
        ok_widths, scale = len(widths) == len(stages) and False, 1
        if any(w is None for _, w, _ in stages):
            return []  # stages without a width (DenseNet's growth): no widths to judge
    else:
        scale = next((e for e in sorted({1} | {x for _, _, x in stages})
                      if widths is not None and
                      all(c == w * e for c, (_, w, _) in zip(widths, stages))), None)
        ok_widths = widths is None or scale is not None
    ok = claimed == counts and ok_widths
    if widths is not None:
        want = " → ".join(f"{w * (scale or 1)}×{n}" for n, w, _ in stages)
    else:
        want = "[" + ", ".join(map(str, counts)) + "]"
    how = f"{spec}: {len(stages)} stages of " + ", ".join(map(str, counts)) + " blocks"
    if widths is not None:
        how += " (widths " + ", ".join(str(w) for _, w, _ in stages) + ")"
    return [Claim(number, f"{mention.text}: {' '.join(text.split())}", "model", text.strip(),
                  want, "right" if ok else "wrong", how, (), want)]


def _read_pairs(pairs: list[tuple[int, int]], stages) -> tuple[list[int], list[int]] | None:
    """(widths, counts) from ``width×blocks`` pairs, or ``blocks×width`` when the first
    numbers are the counts; None when neither column reads as widths."""
    def widths(col: list[int]) -> bool:
        return all(c >= 16 and c % 8 == 0 for c in col)

    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    if widths(a) and not widths(b):
        return a, b
    if widths(b) and not widths(a):
        return b, a
    return None


# "64(2), 128(2), 256(3), 512(3), 512(3)", "512(3+3)": each stage's width with its count
# in brackets (two stages of one width summed inside them)
_ITEM = re.compile(r"(?<![\w.])(\d{1,4})\s*\(\s*[x×]?\s*(\d{1,2}(?:\s*\+\s*\d{1,2})*)\s*\)")
_SEP = re.compile(r"\s*(?:,|→|->|=>|그리고|and)?\s*")


def _bracketed(number: int, masked: str, heading: Mention | None) -> list[Claim | Skip]:
    """Widths with their counts in brackets, three or more in a row, against the stages
    of the network the line names (or its section's): right when they are its stages in
    order, a stage's count split or summed over stages of one width as written."""
    runs: list[list[re.Match]] = []
    for m in _ITEM.finditer(masked):
        if runs and _SEP.fullmatch(masked[runs[-1][-1].end():m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    run = max(runs, key=len, default=[])
    if len(run) < 3 or not all(int(m.group(1)) >= 16 and int(m.group(1)) % 8 == 0
                               for m in run):
        return []
    named = _model(masked, heading)
    if named is None:
        return []
    mention, spec = named
    stages = stages_of(spec)
    if len(stages) < 2 or any(w is None for _, w, _ in stages):
        return []
    split = [(int(c), int(m.group(1))) for m in run
             for c in re.findall(r"\d+", m.group(2))]
    summed = [(sum(int(c) for c in re.findall(r"\d+", m.group(2))), int(m.group(1)))
              for m in run]
    ok = False
    for scale in sorted({1} | {e for _, _, e in stages}):
        want = [(n, w * scale) for n, w, _ in stages]
        if split == want or _merged(summed) == _merged(want):
            ok = True
    text = masked[run[0].start():run[-1].end()]
    want_text = ", ".join(f"{w}({n})" for n, w, _ in stages)
    how = f"{spec}: {len(stages)} stages, " + want_text
    firsts = [(n, w) for k, (n, w, _) in enumerate(stages) if not k or stages[k - 1][1] != w]
    if not ok and summed in ([(n, w * e) for n, w in firsts] for e in (1, stages[0][2])):
        # each width once with one stage's count: the widths the channels take, not a list
        # of the stages; the repeated stage is not said to be missing
        return [Skip(number, f"{mention.text}: {text}", f"unsure: each width once: {how}")]
    return [Claim(number, f"{mention.text}: {text}", "model", text, want_text,
                  "right" if ok else "wrong", how, (), want_text)]


def _merged(stages: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stages of one width in a row as one: [(3, 512), (3, 512)] -> [(6, 512)]."""
    out: list[tuple[int, int]] = []
    for n, w in stages:
        if out and out[-1][1] == w:
            out[-1] = (out[-1][0] + n, w)
        else:
            out.append((n, w))
    return out
