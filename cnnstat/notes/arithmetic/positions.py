"""A conv's multiplications worked out in prose under a pasted summary: "for each of
14*14 = 196 locations we multiply 296 - 8 = 288 weights: 56,448 multiplications".

A conv multiplies its weights once per OUTPUT position; a strided conv has fewer of those
than input positions. The layer is the summary row whose parameter count and output
channels the sentence subtracts (``296 - 8``: the weights without the biases); its input
is the row above it. A sentence that names multiplications (or MACs) and ends its working
at ``= N`` is judged: N equal to the weights times the output positions is right, N equal
to the weights times the input positions is wrong; anything else is left alone. The
output positions are the row's shape, which the summary reader rebuilt with the layer
algebra.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_COUNTS = re.compile(r"multiplication|mult-?adds?|\bMACs?\b|곱셈", re.I)
_MINUS = re.compile(r"(?<![\d.,_])(\d{1,3}(?:[,_]\d{3})+|\d+)\s*[-−]\s*(\d+)(?![\d.,_]\d)")
_RESULT = re.compile(r"=\s*(\d{1,3}(?:[,_]\d{3})+|\d+)(?![\d.]\d)")


def _int(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def check_line(number: int, text: str, rows: list) -> list[Claim]:
    if not rows or not _COUNTS.search(text):
        return []
    out: list[Claim] = []
    for sentence in _SENTENCE.split(text):
        if not _COUNTS.search(sentence):
            continue
        results = _RESULT.findall(sentence)
        if not results:
            continue
        claimed = _int(results[-1])
        for m in _MINUS.finditer(sentence):
            params, channels = _int(m.group(1)), int(m.group(2))
            found = [i for i, r in enumerate(rows) if i and r.params == params and
                     r.shape is not None and len(r.shape) == 3 and r.shape[0] == channels]
            if len(found) != 1:
                continue
            row, above = rows[found[0]], rows[found[0] - 1]
            if above.shape is None or len(above.shape) != 3:
                continue
            weights = params - channels
            made = row.shape[1] * row.shape[2]
            read = above.shape[1] * above.shape[2]
            if claimed == made * weights:
                verdict = "right"
            elif claimed == read * weights and read != made:
                verdict = "wrong"
            else:
                continue
            out.append(Claim(number, sentence.strip()[:80], "macs", results[-1],
                             made * weights, verdict,
                             f"the {row.type} of line {row.line} makes "
                             f"{row.shape[1]}x{row.shape[2]} outputs from a "
                             f"{above.shape[1]}x{above.shape[2]} input; each multiplies its "
                             f"{weights:,} weights: {made}*{weights:,} = {made * weights:,}"))
            break
    return out
