"""The readers of a note, registered once (``READERS``: each ``Reader(name, stage, read,
confidence, supersedes, needs)``), and the state they keep from line to line
(``notestate.NoteState``). ``check`` streams a note's lines through them
(``pipeline.Checker``); ``precedence.settle`` decides what stands where their claims meet.
The glue a few entries need between a line and their module is in ``adapters``.
"""

from __future__ import annotations

from cnnstat.notes.modelfacts import datasetsizes, widths
from cnnstat.notes.modelfacts import (above, comparisons, datasets, depths, differences, facts,
                                      heads, named, parts, stages, specfacts,
                                      readers as factreaders)
from cnnstat.notes.arithmetic import (bracketed, carried, coltotal, labelled, listtotal,
                                      positions, reduction, resultbelow, tabletotal, totalahead,
                                      readers as arithreaders)
from cnnstat.notes.maps import arrowcalls, convequation, kernelarrow, fieldlines, flatcount, aspect, proseflow, continuity, fsp, padding, \
    prosemaps, steps, walkthrough, weightrows
from cnnstat.notes.layerforms import branches, channelgloss, layerblock, layeritems, torchrecord, \
    layertable, wbtable
from cnnstat.notes.codeforms import classcomment, code, settingnote, echoed, initwalk, sidearrow, layernote, layerformula, commentchain, \
    kerascode, kerasflat, kerasordinal, kerasprint, inceptionchain, settingrows, snippetcount
from cnnstat.notes import counts
from cnnstat.notes.costs import costwords, flops, flopsfig, layerrow, weightsize
from cnnstat.notes.paramcounts import layercomment, paramabove, paramchain, stacking, tensorcount
from cnnstat.notes.receptivefield import doubling, receptive, rfcode, rflist, rfnamed, rfnames, \
    rfnettable, rfordinal, rfwalk, rfwords
from cnnstat.notes.rules import rulelines, symvalues
from cnnstat.notes.claims import Claim
from cnnstat.notes.modelfacts.models import NAME_SIGNS
from cnnstat.notes.pipeline import DIGITS, _NUMBER_RUN, Reader
from cnnstat.notes.precedence import Supersede
from cnnstat.notes.summary import footer, tabled
from cnnstat.notes.summary.named import table as summary_totals
from cnnstat.notes.summary.reader import claim as summary_claim
from cnnstat.notes.text import table_cells
from cnnstat.notes.adapters import (algebra as _algebra, arithmetic as _arithmetic,
                                    both as _both, breakdown as _breakdown,
                                    breakdown_heading as _breakdown_heading,
                                    map_shapes as _shapes, mobile_heading as _mobile_heading,
                                    per_channel as _per_channel,
                                    table_arithmetic as _table_arithmetic,
                                    trace_heading as _trace_heading)


# what the rules in words and code are written with (``general``): parameters, an output
# size, a shape list "[batch_size, ...]", a function's return
_RULE_WORDS = ("param", "파라미터", "output", "출력", "batch", "return")
_PRODUCT_SIGNS = ("x", "×", "*", "\\times")  # a product (X folds to x)
# a layer's own notation (f s p, kernel_size=, a kernel written as a product) judged by
# its reader stands for the pooling the words between two maps name
_POOLED = (Supersede("pooling between maps", kind="shape"),)
# a slot of the code stage shared by two readers (``prefilter.FEW``): a listing's counts
# and a summary footer's sizes
_COUNTS_SIZES = tuple(dict.fromkeys(tensorcount.NEEDS + footer.NEEDS))
_DARKNET_WORDS = ("->", "bf", "layer")  # a row, a BF figure or total, the log's header

# The readers, in the order their findings are listed on a line. A new reader is one
# entry here: a name, the stage of lines it reads, and ``read(at)``; ``needs`` (its
# prefilter, ``pipeline.Reader``) spares it the lines it can neither claim nor learn from.
# A reader that keeps state is called on every line its ``needs`` admits; where its claims
# need more than what it learns (a network named, a rule above), it tests that first and
# returns (``breakdown``: no network, no claim). ``python benchmarks/reader_costs.py``
# gives each reader's CPU on the benchmark's MB, and ``benchmarks/check_identity.py
# compare DIR --in-process`` that a speed change left every verdict as it was.
READERS: list[Reader] = [
    Reader("datasets named", "summary+heading+code+every+table", heads.record),  # first
    # "I have run the code of X, but ..." : the paragraph's network figures are that code's
    Reader("code run in the paragraph", "every", lambda at: at.state.measured.see(
        at.line.number, at.line.masked, at.state.above)),
    # headings (the section's model is the pipeline's)
    Reader("mobilenet heading", "heading", _mobile_heading),
    Reader("named net heading", "heading", _trace_heading),
    Reader("breakdown heading", "heading", _breakdown_heading),
    # lines of code in a fence with a language
    Reader("rules in code", "code",
           lambda at: at.state.formulas.check_line(at.line.number, at.line.raw),
           needs=_RULE_WORDS),
    Reader("code", "code", lambda at: _both(at.state.code.check_line(at.line.number,
                                                                     at.line.raw))),
    Reader("torch code", "code",
           lambda at: at.state.torch.code_line(at.line.number, at.line.raw),
           supersedes=(Supersede("code", reason=""),)),
    # '# linear layer (64 * 4 * 4 -> 500)' over 'nn.Linear(...)', then the comment chains
    Reader("layer in a comment", "code", layernote.read, confidence=layernote.CONFIDENCE),
    Reader("shapes in code comments", "code", layernote.comments),
    Reader("shapes around a module's layers", "code", initwalk.read,  # every code line
           supersedes=(Supersede("shapes in code comments", kind="shape", same_figure=True),
                       Supersede("layer in a comment", kind="shape", same_figure=True))),
    Reader("printed arithmetic", "code", code.shown_arithmetic),
    Reader("formula beside its layer", "code",  # 'nn.MaxPool2d(2, 2)  # (28-2)/1+1 = 27'
           lambda at: layerformula.read(at.line.number, at.line.raw)),  # every code line
    Reader("printed values in code", "code",
           lambda at: at.state.printed.check_line(at.line.number, at.line.raw)),
    Reader("calculation echoed", "code", lambda at: at.state.echo.code(at.line.number, at.line.raw)),
    Reader("named net in code", "code",  # 'conv1 shape: torch.Size([...])'
           lambda at: at.state.trace.check_line(at.line.number, at.line.raw)[0],
           supersedes=(Supersede("code", reason=""),)),
    Reader("darknet log in code", "code",  # '0 conv 32 3 x 3 / 1 416 x 416 x 3 -> ...'
           lambda at: at.state.darknet.check_line(at.line.number, at.line.raw),
           needs=_DARKNET_WORDS),
    Reader("tensorflow code", "code",  # held whole, read when its fence closes
           lambda at: at.state.tf.feed(at.line.number, at.line.raw)),
    Reader("receptive field in code", "code",  # '# RF: 3' / 'Jout = 2' beside the layers,
           lambda at: at.state.rf_code.feed(at.line.number, at.line.raw) or [],  # at close
           confidence=rfcode.CONFIDENCE),
    Reader("keras shapes in code", "code",  # 'model.add(Conv2D(32, 3))  # (None, 26, 26, 32)'
           lambda at: at.state.keras.feed(at.line.number, at.line.raw),  # every code line
           supersedes=(Supersede("code", reason="code not run"),)),
    Reader("keras shape printed", "every+code",  # print('x.shape', x.shape), then its printout
           lambda at: kerasprint.read(at.state.keras, at.line.number, at.line.raw)),
    Reader("keras shapes listed above the model", "code",  # ''' (N, 5, 5, 1) ... '''
           lambda at: at.state.keras_list.line(at.line.number, at.line.raw, at.state.keras)),
    Reader("keras summary under the model", "code+summary",  # model.summary(), its table
           lambda at: at.state.keras_below.line(at.line.number, at.line.raw, at.state.keras)),
    *settingrows.READERS,  # '# t, c, n, s' over '[3, 40, 3, 2, 5],  # -> 28x28'
    *inceptionchain.READERS,  # 'inception_module(480, 192, ...)': its input, the one above's
    # every line of prose
    Reader("quiz options", "every",  # a quiz's options: candidates, not claims
           lambda at: at.state.options.see(at.line.number, at.line.masked) or []),
    Reader("keras shapes", "every",
           lambda at: at.state.keras.feed(at.line.number, at.line.raw, prose=True),
           needs=kerascode.CALL_NEEDS,
           supersedes=(Supersede("code", reason="code not run"),)),
    Reader("keras layer named by its place in prose", "every",  # 'the second MaxPooling2D ...'
           lambda at: kerasordinal.read(at.state.keras_below, at.line.number, at.line.raw),
           needs=kerasordinal.NEEDS),
    Reader("keras flat size told in prose", "every",  # 'after Flatten: 3,136 nodes'
           lambda at: kerasflat.told(at.state.keras, at.line.number, at.line.raw),
           needs=("flatten", "평탄화")),
    Reader("aligned model table", "every+code",  # 'EfficientNet-B0    5.3M    0.39B    224'
           lambda at: at.state.aligned.check_line(at.line)),
    # 'layer  k  s  RF', 'a | b | c'; in code too (a docstring's table, pipes and all)
    Reader("layer table without outer pipes", "every+code",
           lambda at: at.state.layer_lines.check_line(at.line)),
    Reader("layer table's header in a summary", "summary",  # its rows may be another's
           lambda at: at.state.layer_lines.summary_line(at.line)),
    Reader("darknet log", "every",
           lambda at: at.state.darknet.check_line(at.line.number, at.line.masked),
           needs=_DARKNET_WORDS,
           supersedes=tuple(Supersede(r, reason=why) for r in ("shapes", "walkthrough")
                            for why in (None, ""))),
    Reader("code comments in prose", "every", lambda at: at.state.code_comments.check_line(
        at.line.number, at.line.raw, prose=True), needs=commentchain.NEEDS),  # '// 32x32x16'
    Reader("torch in prose", "every",
           lambda at: at.state.torch.prose_line(at.line.number, at.line.raw)),
    Reader("printed values", "every",  # print(f"{total:,}")  # 25,557,032
           lambda at: at.state.printed.check_line(at.line.number, at.line.raw),
           needs=("=", "print")),
    Reader("value echoed", "every", lambda at: at.state.echo.text(at.line.number, at.line.raw),
           needs=echoed.NEEDS),  # '>>> 224*224*3' then '150528'
    Reader("rules in words", "every",
           lambda at: at.state.formulas.check_line(at.line.number, at.line.raw),
           needs=_RULE_WORDS),
    # a named network's figures layer by layer: 'conv3-64 x 2 : 38,720', 'Layer1 | 215,808'
    Reader("breakdown", "every", _breakdown),
    # "Total parameters: 64,630" / "- First layer: 62,880 parameters" / ...: the layers added
    Reader("total ahead of its layers", "every+heading", lambda at: at.state.ahead.check_line(
        at.line.number, at.line.masked, at.line.kind == "heading"),
           confidence=totalahead.CONFIDENCE),
    # "How many 3x3 convolutions take 199x199 to 1x1?", "99 convolutions", "199 | 197 | ..."
    Reader("count of convolutions", "every+heading", lambda at: at.state.counts.check_line(
        at.line.number, at.line.masked,
        len(at.line.raw) - len(at.line.raw.lstrip("#")) if at.line.kind == "heading" else 0),
           supersedes=tuple(Supersede(r, kind="shape") for r in ("shapes", "step",
                                                                 "walkthrough", "continuity"))),
    Reader("layers inline in prose", "every", lambda at: at.state.flow.check_line(
        at.line.number, at.line.masked), needs=proseflow.NEEDS),  # "`nn.Conv2d(1, 10, 3)`"
    Reader("flatten's length", "every+code+table", flatcount.read, needs=flatcount.NEEDS),  # 'Flatten → 400'
    Reader("classes beside an output layer", "code", classcomment.read, 0.9, needs=classcomment.NEEDS),  # "Dense(5, ...)  # 클래스 10개"
    Reader("count beside a layer's code", "every+code", layercomment.read, layercomment.CONFIDENCE),  # "nn.Linear(784, 60)  # params 47100", or under it
    Reader("tensor's elements", "every+code", tensorcount.read, tensorcount.CONFIDENCE, needs=_COUNTS_SIZES),  # "(96, 3, 11, 11)  param: 34848"
    Reader("summary footer alone", "every+code", footer.read, footer.CONFIDENCE, needs=_COUNTS_SIZES),  # "Estimated Total Size (MB): 130.03"
    Reader("layer as a record", "every+code", fieldlines.read_record, fieldlines.CONFIDENCE, needs=fieldlines.RECORD_NEEDS),  # "input: '224×224×64'," ... "output: ..."
    Reader("Torch7 module printed", "every+code", torchrecord.read, torchrecord.CONFIDENCE),  # "{", "kW : 7", "output : CudaTensor - size: 1x8x61x61", "}"
    Reader("a dataset's splits", "every+code", lambda at: datasetsizes.check_line(at.line.number, at.line.raw if at.line.kind == "skip" else at.line.masked), datasetsizes.CONFIDENCE, needs=datasetsizes.NEEDS),  # "MNIST is a collection of 70,000 digits, 60,000 for training"
    Reader("settings a comment gives its layer", "code", lambda at: at.state.setting_note.line(at.line.number, at.line.raw), settingnote.CONFIDENCE),  # "# 3x3 kernel, 20 output channels" over nn.Conv2d(2, 4, 3)
    Reader("calls a line with their maps", "every+code", lambda at: at.state.arrow_calls.line(at.line.number, at.line.raw), arrowcalls.CONFIDENCE, needs=arrowcalls.NEEDS),  # "Conv2d(32, 64, 4, stride=2) -> ReLU -> 8x8x64"
    Reader("sides beside a layer's call", "every+code", lambda at: sidearrow.check_line(at.line.number, at.line.raw), sidearrow.CONFIDENCE, needs=sidearrow.NEEDS),  # "nn.MaxPool2d(2),  # 224 → 112"
    Reader("total of labelled lines", "every",  # "... memory: 112*112*64=800K" / "TOTAL memory: 24M"
           lambda at: at.state.col_totals.check_line(at.line.number, at.line.masked),
           confidence=coltotal.CONFIDENCE, needs=coltotal.NEEDS),
    # every line of prose with at most MAX_LINE_NUMBERS numbers
    Reader("comparisons", "prose", lambda at: _both(comparisons.check_line(
        at.line.number, at.line.masked, at.heading)),  # no number needed
           needs=("than", "보다")),
    # "VGG16 takes 224x224 images", "GoogLeNet's first 7x7 conv has stride 2": the specs'
    Reader("input and first layer", "prose", lambda at: _both(specfacts.check_line(
        at.line.number, at.line.masked, at.heading, at.state.above)), needs=specfacts.NEEDS),
    # "VGG19 has three more convolutional layers than VGG16": both networks' specs
    Reader("differences between networks", "prose",
           lambda at: differences.check_line(at.line.number, at.line.masked),
           needs=differences.NEEDS),
    Reader("flops and macs in words", "prose",  # "MACs are twice the FLOPs": no number
           lambda at: [] if _NUMBER_RUN.search(at.line.masked) else flops.words(
               at.line.number, at.line.masked), needs=("flop",)),
    # "a 6x6x3 input with 5 filters of 3x3x3 costs 2,160 operations", then "depthwise: 432"
    Reader("costs in words", "prose",
           lambda at: at.state.costs.check_line(at.line.number, at.line.masked),
           needs=costwords.NEEDS),
    *rulelines.READERS, *symvalues.READERS, *snippetcount.READERS, *paramabove.READERS,  # cost formulas, output-size and parameter rules, their legends
    Reader("mobilenet symbols", "prose",
           lambda at: at.state.mobile.check_line(at.line.number, at.line.raw)),
    Reader("stages", "prose",  # "64×3 → 128×4 → 256×6 → 512×3", "[2, 2, 2, 2] blocks"
           lambda at: stages.check_line(at.line.number, at.line.masked, at.heading),
           needs=(",", "→", "->"),
           supersedes=(Supersede("model facts", kind="model"),
                       Supersede("named figures", kind="model"))),
    # a map may stand alone: "(14, 14, 32)"
    Reader("per-channel passage", "every", _per_channel, needs=walkthrough.PER_CHANNEL),
    Reader("joined maps", "prose", lambda at: at.state.joined.check_line(  # "stack all together"
        at.line.number, at.line.masked), needs=DIGITS),
    Reader("walkthrough", "prose", lambda at: [] if at.state.counts.restates(at.line.masked)
           or at.state.flow.unknown == at.line.number else _both(at.state.walkthrough.check_line(at.line.number, at.line.masked,
                                                      at.line.raw)),
           needs=DIGITS, supersedes=_POOLED),
    Reader("answer to a question", "prose",  # "Q: ... 2×2 pooling on a 16×16 map?" / "Answer: 8×8"
           lambda at: at.state.quiz.check_line(at.line.number, at.line.masked, at.line.raw)),
    # a layer set out a setting a line under its name, then its output: "Convolution
    # Layer1" / "필터 = (4, 4)" / "출력 채널 = 20" / "출력 Shape는 (36, 28, 20)"
    Reader("layer block heading", "heading", lambda at: at.state.blocks.check_line(
        at.line.number, at.line.masked), needs=layerblock.NEEDS),
    Reader("layer block", "every", lambda at: at.state.blocks.check_line(
        at.line.number, at.line.masked), needs=layerblock.NEEDS,
           supersedes=(Supersede("walkthrough", kind="shape"),)),
    # a named network's maps, a layer a line: 'Conv3x3(64) + ReLU (batch, 64, 224, 224)'
    Reader("named net", "prose", lambda at: at.state.trace.check_line(
        at.line.number, at.line.raw, at.line.masked)[0],
           needs=NAME_SIGNS + ("(", "[", "→", "->")),
    # lines with a number that may hold a claim ("5 * (5 * 5 * 1) + 5", then "this gives 130")
    Reader("calculation above", "code+heading+every",
           lambda at: at.state.below.see(at.line.number, at.state.bare)),
    Reader("arithmetic", "claims+heading", _arithmetic),
    Reader("result told below its calculation", "prose", lambda at: at.state.below.check_line(
        at.line.number, at.line.masked, lambda: at.tokens or []), needs=resultbelow.NEEDS),
    Reader("labelled chain", "claims",  # "2. conv2d_1 (Conv2D) = 64 * (288 + 1) = 18496"
           lambda at: [] if at.arithmetic else labelled.check_line(at.line.number,
                                                                   at.line.masked),
           needs=("=",)),
    Reader("total of a list", "claims",  # "456/2416/48120/10164/850, total 62,006"
           lambda at: listtotal.check_line(at.line.number, at.tokens), needs=listtotal.NEEDS),
    Reader("labelled parts in brackets", "claims",  # "23,296 params (23,232 weights + 64 biases)"
           lambda at: bracketed.labelled(at.line.number, at.line.masked),
           needs=bracketed.LABELLED_NEEDS),
    Reader("f s p layers", "claims",  # "28x28x8 → max pool f=2, s=2 → 14x14x8"
           lambda at: fsp.check_line(at.line.number, at.line.masked),
           confidence=fsp.CONFIDENCE, needs=fsp.NEEDS, supersedes=_POOLED),
    Reader("inception branches", "claims",  # "#1x1: 64, 3x3: 128, 5x5: 32, pool: 32, output 256"
           lambda at: branches.check_line(at.line.number, at.line.masked),
           confidence=branches.CONFIDENCE, needs=branches.NEEDS,
           # the branches are side by side, never a chain of layers
           supersedes=(Supersede("shapes", kind="shape"),)),
    Reader("restated size", "claims",  # "(224 - 3)/1 + 1 = 222" / "Output Size: 222x222x20"
           lambda at: at.state.restate.check_line(at.line.number, at.line.masked,
                                                  at.arithmetic)),
    # per-layer figures, then their total: "F1: ... = 44,660" (judged wrong: 45,100) / ...
    # / "44,660 + 5,340 + 10,164 = 60,164": the total against the corrected chain
    Reader("carried total in prose", "prose", lambda at: at.state.ledger.total_line(
        at.line.number, at.line.masked, at.tokens), confidence=carried.CONFIDENCE,
           needs=carried.TOTAL_NEEDS,
           supersedes=(Supersede("restated size", same_figure=True),
                       Supersede("restated size", reason="after a list of counts"))),
    Reader("carried totals", "claims", lambda at: at.state.ledger.check_line(
        at.line.number, at.line.masked, at.tokens, at.arithmetic),
           confidence=carried.CONFIDENCE, needs=carried.NEEDS,
           supersedes=(Supersede("arithmetic", kind="arithmetic", same_figure=True),
                       Supersede("restated size", same_figure=True))),
    *counts.READERS,  # intent; totals ahead of their sum, quizzes' counts, shares, calls
    # "Conv_3: (3*3*20+1)*40 = 7,240" / "Conv_4: (3*3*20+1)*40 = 7,240": Conv_4 takes 40 in
    Reader("grouped convs named", "every+heading",
           lambda at: at.state.param_chain.groups(at.line.masked),
           needs=paramchain.GROUPED_NEEDS),
    Reader("channels carried", "claims", lambda at: at.state.param_chain.check_line(
        at.line.number, at.line.masked, at.arithmetic),
           confidence=paramchain.CONFIDENCE, needs=carried.NEEDS),
    # two products (a kernel and a size); a line without leaves no scenario for the next
    # (only the line just above's is read on)
    # "* max pooling: 28x28 -> 14x14", "It becomes 14 * 14 after pooling.": one layer
    Reader("step's section", "every+heading", lambda at: at.state.steps.section.see(
        at.line.masked, at.line.kind == "heading")),  # "### transposed conv", "- deconv: ..."
    Reader("step", "claims", lambda at: [] if at.state.counts.restates(at.line.masked) else
           at.state.steps.check_line(at.line.number, at.line.masked), needs=steps.NEEDS),
    Reader("shapes", "claims", _shapes,
           supersedes=(Supersede("walkthrough", kind="shape"), Supersede("step")) + _POOLED,
           needs=_PRODUCT_SIGNS + ("by", "\\times")),
    Reader("convolution as an equation", "claims",  # "6x6 * 3x3 = 4x4"
           lambda at: convequation.check_line(at.line.number, at.line.masked),
           needs=convequation.NEEDS, supersedes=(Supersede("arithmetic"),)),  # not 6*6*3*3
    Reader("kernel between arrows", "claims",  # "28 x 28 x 192 -> 3 x 3 x 192 x 128 => ..."
           lambda at: kernelarrow.check_line(at.line.number, at.line.masked),
           confidence=kernelarrow.CONFIDENCE, needs=kernelarrow.NEEDS,
           supersedes=(Supersede("arithmetic"), Supersede("shapes", kind="shape"))),
    Reader("square layer", "claims",  # "enters as 28x18x1, we then deepen to 28x28x32"
           lambda at: aspect.check_line(at.line.number, at.line.masked),
           needs=_PRODUCT_SIGNS),
    Reader("a dataset's images", "prose",  # "MNIST digits enter as 28x18x1"
           lambda at: datasets.check_line(at.line.number, at.line.masked),
           needs=("mnist", "cifar", "svhn", "imagenet", "image-net", "image net")),
    Reader("pooling between maps", "claims",  # "... 28x28x32. Then max pooling: 14x14x32"
           lambda at: at.state.pooled.check_line(at.line.number, at.line.raw, at.line.masked)),
    Reader("costs of a map", "claims",
           lambda at: continuity.cost_line(at.state.walk, at.line.number, at.line.masked),
           needs=("ops", "operations", "mult", "madds", "macs", "flops", "연산", "곱셈")),
    Reader("continuity", "claims", lambda at: _both(at.state.walk.check_line(
        at.line.number, at.line.raw, at.line.masked)), needs=_PRODUCT_SIGNS),  # H x W x C
    *prosemaps.READERS,  # sizes in prose, lists and tables: walks, counts, formulas' intent
    Reader("formula", "claims", lambda at: at.state.memo.formula(at.line, at.tokens),
           needs=("=", "≈", "≒", "≃", "\\approx", "~", "～")),  # a result
    Reader("algebra", "claims", _algebra,
           supersedes=(Supersede("arithmetic", reason="symbol"),)),
    Reader("ratios", "claims",
           lambda at: _both(at.state.memo.ratios(at.line, at.heading)),
           needs=("배", "than", "compared", "/")),
    Reader("padding alone", "claims",  # "padding 1: 4x4 → 6x6"
           lambda at: padding.check_line(at.line.number, at.line.masked),
           needs=("pad", "패딩")),
    Reader("reduction", "claims",  # "358M, against 854M before: about 58% less"
           lambda at: reduction.check_line(at.line.number, at.line.masked, at.tokens),
           confidence=0.8, needs=("감소", "줄", "less", "fewer", "smaller", "drop", "reduc",
                                  "cut", "차이", "saving", "lower")),
    Reader("receptive field", "claims",  # its words, or a product "R*B" of a block's field
           lambda at: at.state.dilated.check_line(at.line.number, at.line.masked),
           needs=receptive._ANY.words + _PRODUCT_SIGNS),
    Reader("doubling dilations' field", "code+prose", lambda at: at.state.doubling.check_line(
        at.line.number, at.line.raw), needs=doubling.NEEDS),  # TCN: 1 + c(k-1)(2^L - 1)
    Reader("channel arguments glossed", "prose", lambda at: channelgloss.check_line(
        at.line.number, at.line.masked), needs=channelgloss.NEEDS),  # in_channels = width
    Reader("receptive field in words", "claims",  # "two stacked 3x3 convs see a 5x5"
           lambda at: rfwords.check_line(at.line.number, at.line.masked), needs=rfwords.NEEDS),
    Reader("receptive field layer by layer in words", "claims",  # "the second CONV layer has
           lambda at: rfordinal.check_line(at.line.number, at.line.masked),  # a 5x5 view of the
           needs=rfordinal.NEEDS),  # input": CS231n's stack of three 3x3 convs told a layer a sentence
    Reader("receptive field through prose", "claims",  # "first layer ... 5x5" / "RF is 5x5"
           lambda at: at.state.rf_walk.check_line(at.line.number, at.line.masked),
           confidence=rfwalk.CONFIDENCE, needs=rfwalk.NEEDS), *rflist.READERS, *rfnamed.READERS, *rfnettable.READERS, *weightrows.READERS, *layeritems.READERS, *widths.READERS, *layerrow.READERS,
    Reader("stacked layers", "claims",
           lambda at: stacking.check_line(at.line.number, at.line.masked) +
           stacking.check_stack(at.line.number, at.line.masked),
           needs=("param", "weight", "파라미터", "매개", "가중치")),
    Reader("output positions", "claims", lambda at: positions.check_line(
        at.line.number, at.line.masked, getattr(at.state.summary, "rows", [])),
           needs=("mult", "mac", "곱셈")),
    Reader("what a MAC is", "prose",  # "1 MACC = 1 multiplication + 1 addition (= 2 FLOPs)"
           lambda at: flops.definition(at.line.number, at.line.masked),
           needs=("mac", "multiply-acc", "multiply acc", "multiply-add", "multiply add")),
    Reader("flops and macs", "claims",
           lambda at: _both(flops.check_line(at.line.number, at.line.masked)),
           needs=("flop",)), *flopsfig.READERS,
    Reader("receptive-field table", "every",  # "Layer 2: RF = 5" under a uniform stack
           lambda at: at.state.rf_table.check_line(at.line.number, at.line.masked)),
    Reader("size of the weights", "claims",  # "#params=49326872, size=188.17MB"
           lambda at: _both(weightsize.check_line(at.line.number, at.line.masked)),
           needs=("param", "weight", "파라미터")),
    Reader("size of the weights above", "claims", lambda at: _both(weightsize.under_count(
        at.line.number, at.line.masked, at.state.above)), needs=weightsize.SIZE_NEEDS),
    # a figure with a word it is written with (facts.prose), or a family's list of depths;
    # in a heading too ("# How could ResNet-50 have 1B parameters?", an issue's title)
    Reader("model facts", "claims+heading", lambda at: at.state.measured.doubt(_both(
        at.state.memo.facts(at.line, at.tokens, at.used,
                            above.titled(at.state.titled) or at.heading))),
           needs=facts._FACT_HINT.words + depths._DEPTH_LIST.words),
    # "the FC layers hold about 120M parameters", "컨볼루션층은 200만 개": a part's figure
    Reader("figures of a part", "claims", lambda at: _both(at.state.memo.parts(
        at.line, at.tokens, at.used, at.heading, at.state.above)), needs=parts.NEEDS),
    # "It has about 60M parameters." after a line that names the network (same paragraph)
    Reader("count of the network above", "claims", lambda at: at.state.measured.doubt(_both(
        above.check_line(at.line.number, at.line.masked, at.state.above, at.tokens, at.used,
                         at.state.heading))),
           needs=("param", "파라미터", "매개")),
    *arithreaders.READERS, *factreaders.READERS,  # a figure twice; years, VGG indices, depths
    # a figure beside a name: "AlexNet(6800만)", "ResNet-34: 21,797,672"; the owner and
    # the quantity are read from where the figure stands: a guess, below the rules'
    Reader("named figures", "claims", lambda at: at.state.measured.doubt(_both(named.check_line(
        at.line.number, at.line.masked, at.tokens, at.state.memo.facts(
            at.line, at.tokens, at.used, at.heading)[0]))), confidence=0.8,
           needs=NAME_SIGNS),
    # a markdown table, its rows together
    Reader("table facts", "table", lambda at: _both(at.state.memo.table(at.block))),
    Reader("table arithmetic", "table", _table_arithmetic),
    # a layer a row: | Layer | K,P,S | Input | Output | RF | Jump |, rebuilt row by row
    Reader("layer table", "table",
           lambda at: layertable.check(layertable.block_rows(at.block or []),
                                       at.state.layer_lines.ceil),
           needs=DIGITS, supersedes=(Supersede("table arithmetic", kind="arithmetic"),)),
    Reader("field table by layer names", "table", lambda at: at.state.rf_names.check(
        layertable.block_rows(at.block or [])), confidence=rfnames.CONFIDENCE),
    Reader("field list by layer names", "every", lambda at: at.state.rf_names.item(  # - L3: 9
        at.line.number, at.line.masked), confidence=rfnames.CONFIDENCE),
    Reader("weights and biases table", "table", lambda at: wbtable.check([(n, [c[0] for c in cells]) for n, cells in layertable.block_rows(at.block or [])]), needs=wbtable.NEEDS),  # | Conv-1 | 55x55x96 | 34,848 | 96 | 34,944 |
    # | **Total** | | 86,838 |: the column's sum, against the layer table's corrected rows
    Reader("total row of a table", "table", lambda at: tabletotal.check(
        layertable.block_rows(at.block or []), [c for c in layertable.check(
            layertable.block_rows(at.block or []), at.state.layer_lines.ceil)
            if isinstance(c, Claim)]), confidence=tabletotal.CONFIDENCE,
           needs=tabletotal.NEEDS),
    # | Params size (MB) | 527.79 | under | Model | VGG16 |: a summary's totals in a table
    Reader("summary totals in a table", "table", lambda at: _both(summary_totals(
        at.block or [], table_cells, at.state.summary.context, summary_claim)),
           needs=("mb", "크기", "trainable", "frozen", "학습")),
    Reader("summary in a table", "table",  # | conv2d (Conv2D) | (None, 26, 26, 32) | 320 |
           lambda at: _both(tabled.check(at.block or [], at.state.summary)),
           needs=("param", "파라미터", "weight", "mac", "madd", "mult")),
    Reader("breakdown table", "table",
           lambda at: at.state.breakdown.table(at.block or [], table_cells)),
    # the lines a pasted summary took: a named network's breakdown reads on from them
    # ('Conv-1 | 55x55x96 | 34,944')
    Reader("breakdown in a summary", "summary", _breakdown),
]
