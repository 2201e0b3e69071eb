"""The readers of parameter counts stated apart from their working (registered in
``registry.READERS`` after the carried totals, whose closing sums ``aheadsum`` waits on):
``intent``'s (a conv set out in a sentence, a line that speaks of parameters, a count of
the wrong quantity or with a slipped bias term),
a total stated ahead of its sum (``aheadsum``), a quiz's count below its question
(``paramquiz``), a chain of PyTorch layers beside its count (``callchain``), a table's
column of shares (``tableshare``), a ratio of the figures worked out above (``ratioabove``),
weights and biases a line each, then their total (``partstotal``); a layer's count in the
sentence that sets it out (``paramwords``) and a named network's costs listed layer by layer
(``layerlist``)."""

from __future__ import annotations

from cnnstat.notes.arithmetic import aheadsum, partstotal, ratioabove, tablechange, tableshare
from cnnstat.notes.codeforms import callchain
from cnnstat.notes.layerforms import layertable
from cnnstat.notes.costs import layerlist
from cnnstat.notes.paramcounts import (biasper, densecount, dwcount, kernelcount, mapcount,
                                       paramquiz,
                                       runningcount, windowvalues,
                                       paramwords, wordcount)
from cnnstat.notes.pipeline import Reader
from cnnstat.notes.summary import context
from cnnstat.notes.precedence import Supersede

READERS = [
    # convs in code, a fence with a language or without (read as prose): for intent
    Reader("layers in code", "code+every",
           lambda at: at.state.layers.code_line(at.line.number, at.line.raw) or []),
    # a conv set out in a sentence: "ten 5x5 filters on a 32x32x3 input" (for intent)
    Reader("layers in words", "prose",
           lambda at: at.state.layers.prose_line(at.line.number, at.line.masked) or [],
           needs=("filter", "kernel", "필터", "커널", "weight", "가중치", "bias", "channel", "채널",
                  "cout", "c_out")),
    Reader("parameters in a heading", "heading",  # "## 2. 파라미터 수": its section (intent)
           lambda at: at.state.layers.heading(at.line.masked)),
    Reader("parameters in words", "prose",  # "the number of parameters must be:" (intent)
           lambda at: at.state.layers.words(at.line.number, at.line.masked),
           needs=("param", "weight", "파라미터", "매개", "가중치")),
    # "FLOPS: [118013952, 12845056, ...]" under a heading naming resnet50, then its total
    # (the heading's network holds past a rule, "____", that ends the section's prose)
    Reader("costs listed layer by layer", "every", lambda at: at.state.cost_lists.check_line(
        at.line.number, at.line.masked, at.heading or next(
            (m for _, m in reversed(at.state.outline) if m is not None), None)),
           confidence=layerlist.CONFIDENCE, needs=layerlist.NEEDS),
    # "a dense layer of 784 inputs x 100 neurons has 61,400 weights": the layer's count
    Reader("layer parameters in words", "prose", lambda at: paramwords.check_line(
        at.line.number, at.line.masked), confidence=paramwords.CONFIDENCE,
           needs=paramwords.NEEDS),
    # "75 weights and 11 bias per filter": one bias an output channel (or unit)
    Reader("biases per filter", "prose", lambda at: biasper.check_line(
        at.line.number, at.line.masked), needs=biasper.NEEDS),
    # "5x5 필터로 1회 ... 파라미터 개수는 25개", "three stacked 3x3 kernels have 27 weights"
    Reader("parameters of a kernel in words", "prose", lambda at: kernelcount.check_line(
        at.line.number, at.line.masked), needs=kernelcount.NEEDS),
    # "16 kernels, each taking 6 channels: any output value combines 5 * 5 * 16 values"
    Reader("values one filter spans", "prose", lambda at: windowvalues.check_line(
        at.line.number, at.line.masked), confidence=windowvalues.CONFIDENCE,
           needs=windowvalues.NEEDS),
    # "creates a feature map of 26x26x20", then "number of parameters = 26x26x20 + ..."
    Reader("a map's values counted as parameters", "prose", lambda at: at.state.map_counts.check_line(
        at.line.number, at.line.masked), confidence=mapcount.CONFIDENCE, needs=mapcount.NEEDS),
    Reader("total ahead of its sum", "heading",  # "#### 총 파라미터 개수: 61,520개", then the sum
           lambda at: at.state.ledger.heading(at.line.masked, at.line.number, at.tokens),
           needs=aheadsum.NEEDS),
    # the pending total judged by a sum below: given apart, so that no finding of the
    # sum's line is taken for the pending line's
    Reader("total ahead of its sum, judged", "prose+claims",
           lambda at: at.state.ledger.ahead.take()),
    Reader("parameters asked in a question", "prose",  # "... 100 filters that are each 5x5.
           lambda at: at.state.param_quiz.check_line(  # How many parameters?" / "Ans: 2600"
               at.line.number, at.line.masked, at.line.raw), confidence=paramquiz.CONFIDENCE),
    Reader("layer calls in a sentence", "prose",  # "Linear(100, 50) -> Linear(50, 2): 5,152 params"
           lambda at: callchain.line(at.line.number, at.line.masked),
           confidence=callchain.CONFIDENCE, needs=callchain.NEEDS),
    Reader("intent", "claims", lambda at: at.state.layers.check(
        at.line.number, at.line.masked, at.arithmetic,  # "76x784+64 = 59660": the term's
        context.names_row(at.line.masked, at.state.summary.names)),  # a row's Param #
           supersedes=(Supersede("arithmetic", kind="arithmetic"),
                       # the same count read from the layer its sentence sets out
                       Supersede("layer parameters in words", kind="params",
                                 same_figure=True),
                       Supersede("a count under its layer", kind="params", same_figure=True))),
    *densecount.READERS,  # a dense layer's count: its biases, its inputs
    # "a 32 by 32 by 3 image ... 28 by 28 by 6 output", then "... 156 parameters" in words
    # (a worked calculation's count is intent's and the other readers')
    Reader("conv count in words under its maps", "claims", wordcount.read,
           confidence=wordcount.CONFIDENCE, needs=wordcount.NEEDS),
    *dwcount.READERS,  # a depthwise conv counted as a standard one
    # "3. ... A 5408x100 matrix. Running parameter count: N": the count so far down a list
    Reader("running parameter count", "prose", lambda at: at.state.running.check_line(
        at.line.number, at.line.masked, at.line.raw), confidence=runningcount.CONFIDENCE,
           needs=runningcount.NEEDS),
    Reader("weights and biases, then their total", "every",  # "Weights: ... = 864" /
           lambda at: at.state.parts_total.check_line(  # "Bias: 32" / "Total: 896"
               at.line.number, at.line.masked, at.tokens),
           confidence=partstotal.CONFIDENCE, needs=partstotal.NEEDS),
    Reader("results for a ratio", "claims",
           lambda at: at.state.ratios_above.results(at.line.number, at.arithmetic,
                                                     at.line.masked)),
    Reader("ratio of the figures above", "prose",  # "= 129,024" / "= 221,184" / "(1.71배)"
           lambda at: at.state.ratios_above.check_line(at.line.number, at.line.masked),
           confidence=ratioabove.CONFIDENCE, needs=ratioabove.NEEDS),
    # | SimpleANN | Linear(12032, 1024) -> ReLU -> Linear(1024, 1) | 12,321,793 |
    Reader("layer calls in a table", "table", lambda at: callchain.table(
        layertable.block_rows(at.block or [])), confidence=callchain.CONFIDENCE,
           needs=callchain.NEEDS),
    # | FC1 | 20,072,512 | 99.96% |: each row's share of the column's total
    Reader("share column of a table", "table", lambda at: tableshare.check(
        layertable.block_rows(at.block or [])), confidence=tableshare.CONFIDENCE,
           needs=tableshare.NEEDS),
    Reader("change column of a table", "table", lambda at: tablechange.check(  # +700%
        layertable.block_rows(at.block or [])), confidence=tablechange.CONFIDENCE,
           needs=tablechange.NEEDS),
    Reader("change between two figures", "prose",  # "1 → 7 (+600%)"
           lambda at: tablechange.check_line(at.line.number, at.line.masked),
           confidence=tablechange.CONFIDENCE, needs=tablechange.LINE_NEEDS),
]
