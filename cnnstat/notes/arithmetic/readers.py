"""The arithmetic readers of prose figures that read a line alone (registered in
``registry.READERS`` through ``READERS``): one figure written twice in two notations, and
a ratio stated after the line's own last calculation, a rate of one count per another
(``rates``), a product said in words (``perunit``) and a value under a LaTeX brace
(``underbrace``)."""

from __future__ import annotations

from cnnstat.notes.arithmetic import namedagain, nounslip, perunit, rates, ratioabove, restated, sidebyside, softmax, \
    underbrace, wordworking
from cnnstat.notes.layerforms.layertable import block_rows
from cnnstat.notes.pipeline import Reader

READERS = [
    # "z = [2.0, 1.0, 0.1]", then "softmax(z) = [0.66, 0.24, 0.10]"
    Reader("a softmax worked out", "prose", lambda at: at.state.softmax.check_line(
        at.line.number, at.line.raw), needs=softmax.NEEDS),  # raw: masking drops brackets
    # "| conv4 | ... | 1,327,488 |", then "conv4가 약 13만 개로": the label's figure again
    Reader("a labelled figure said again", "every", lambda at: at.state.named_figures
           .check_line(at.line.number, at.line.raw, at.line.masked, at.line.kind),
           confidence=namedagain.CONFIDENCE),
    Reader("labelled figures of a table", "table", lambda at: at.state.named_figures.table(
        block_rows(at.block or []))),
    # "3억 580만(358M)", "138M (1억 3800만 개)": the two writings of one figure agree
    Reader("one figure in two notations", "claims", lambda at: restated.check_line(
        at.line.number, at.line.masked, at.tokens), confidence=0.9, needs=restated.NEEDS),
    # "(3x3x3)+(3x64) = 219. That is around 8 times smaller", "= 49C². 즉 45% 줄일 수 있다"
    Reader("ratio after the line's calculations", "claims", lambda at: at.state.ratios_above
           .check_tail(at.line.number, at.line.masked), confidence=ratioabove.CONFIDENCE,
           needs=("=", "≈")),
    # "76 parameters per filter, 10 of these, so 760": per unit x count = total
    Reader("a product said in words", "claims", lambda at: perunit.check_line(
        at.line.number, at.tokens), confidence=perunit.CONFIDENCE, needs=perunit.NEEDS),
    # "\underbrace{28 \times 28 \times 6}_{4704}": the brace's expression = the value under it
    Reader("a value under a brace", "claims", lambda at: underbrace.check_line(
        at.line.number, at.line.raw), needs=underbrace.NEEDS),
    # "(3 3 + 1) 8 30 30 = 72000": the product signs lost to Markdown's emphasis
    Reader("numbers side by side", "claims", lambda at: sidebyside.check_line(
        at.line.number, at.line.masked), confidence=sidebyside.CONFIDENCE,
           needs=sidebyside.NEEDS),
    # "156 trainable parameters (6 channel x (5 x 5 receptive field + 1 bias))": the
    # figure's working, its factors labelled in words
    Reader("a figure's working in labelled factors", "claims", lambda at: wordworking.check_line(
        at.line.number, at.line.masked), confidence=wordworking.CONFIDENCE, needs=wordworking.NEEDS),
    # "Output size: 24 * 24 (28-5 + 1) = 24": a map's side and its working in brackets
    Reader("a side and its working", "claims", lambda at: sidebyside.side_worked(
        at.line.number, at.line.masked), confidence=sidebyside.CONFIDENCE, needs=("(",)),
    # "= 196,608 features", then "196,908 features": a result said again, a digit slipped
    Reader("a result said again slipped", "prose", lambda at: at.state.noun_slips.check_line(
        at.line.number, at.line.masked), confidence=nounslip.CONFIDENCE, needs=nounslip.NEEDS),
    Reader("results for a slip below", "claims", lambda at: at.state.noun_slips.learn(
        at.line.number, at.line.masked, at.arithmetic), needs=("=", "≈")),
    # "23.7M params vs 50K training images. That's only 2 images per parameter"
    Reader("a count per another", "prose", lambda at: rates.check_line(
        at.line.number, at.line.masked, at.state.above or ""), confidence=rates.CONFIDENCE,
           needs=rates.NEEDS),
]
