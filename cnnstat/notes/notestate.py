"""What a note's earlier lines leave for later ones (``NoteState``): one object per reader
that keeps anything from line to line, made fresh for each note and, in part, for each
section. ``registry.READERS`` reads and writes it; ``pipeline.Checker`` makes it."""

from __future__ import annotations

from cnnstat.notes.modelfacts import aligned, breakdown, heads, measured, printedcount, training
from cnnstat.notes.maps import (answers, blockwalk, drawnwork, flatcount, continuity, convcount, imagekind, joined,
                               namedmaps, labelwalk, layerio, matrixsize, barecalls,
                                proseflow, pooled, restate, settingline, shapes, sizeintent, steps, trace,
                                walkthrough, weightrows)
from cnnstat.notes.arithmetic import (carried, coltotal, namedagain, nounslip, partstotal, ratioabove, softmax,
                                      resultbelow, totalahead)
from cnnstat.notes.codeforms import (code, commentchain, echoed, inceptionchain, initwalk, layernote,
                                     settingrows,
                                     darknet, kerasbelow, kerascode, keraslist, printed, snippetcount,
                                     tfnotes, torchcode)
from cnnstat.notes.costs import costwords, flopsfig, layerlist, separable
from cnnstat.notes.rules import (general, normshapes, roleformula, rulelines, symbolic, symshape,
                                symvalues)
from cnnstat.notes.paramcounts import densecount, intent, wordcount, layercomment, paramabove, paramchain, paramquiz, \
    tensorcount
from cnnstat.notes.paramcounts import mapcount, runningcount, toldtotal
from cnnstat.notes.modelfacts import headless, vggarch
from cnnstat.notes.maps import arrowcalls, fieldlines
from cnnstat.notes.codeforms import settingnote
from cnnstat.notes.receptivefield import rfpairs
from cnnstat.notes.layerforms import layerblock, layeritems, layerlines, torchrecord
from cnnstat.notes.receptivefield import (doubling, receptive, rfcode, rflist, rfnames, rfnettable,
                                         rftable, rfwalk)
from cnnstat.notes import summary
import cnnstat.notes.summary.footer  # noqa: F401 (summary.footer)
from cnnstat.notes.claims import Claim
from cnnstat.notes.reading import quizoptions
from cnnstat.notes.memo import LineMemo
from cnnstat.notes.modelfacts.models import Mention


class NoteState:
    """What earlier lines leave for later ones: the model the section is about, the shape
    chain in progress, the feature-map shapes seen, the symbolic costs stated."""

    def __init__(self) -> None:
        self.heading: Mention | None = None
        self.options = quizoptions.Options()  # a quiz's options: candidates, not claims
        self.heads = heads.Seen()  # the datasets named: a network's count with their head
        self.above = self.line_text = self.titled = ""  # line above, this line, title line
        self.title_item: int | None = None  # the indent of the list item a title stands in
        self.scenario: shapes.Scenario | None = None
        self.walk = continuity.Walk()
        self.algebra = symbolic.Memory()
        self.sym_values = symvalues.Values()  # 'n=15, p=2', then 'nH=nW=n+2p=19'
        self.param_above = paramabove.Above()  # '96 filters 11x11 on 227x227x3', 'Params: ...'
        self.costs = costwords.Costs()  # a conv set out in words and the costs said of it
        self.cost_lists = layerlist.Lists()  # a named network's costs listed, for its total
        self.roles = roleformula.Formulas()  # legend symbols and named cost formulas
        self.rules = rulelines.Rules()  # an output-size or parameter rule, its legend
        self.weight_rows = weightrows.WeightRows()  # '64x64x3 | (3x3x3)x16 | ...'
        self.sym_shapes = symshape.Shapes()  # 'DK : Kernel 크기' then a map 'Dk x Dk x M'
        self.norm_shapes = normshapes.Shapes()  # 'x : N x D' then 'γ, β : 1 x D'
        self.summary = summary.Summary()
        self.setting_note = settingnote.SettingNote()  # '# 3x3 kernel, 20 output channels' over its layer
        self.arrow_calls = arrowcalls.ArrowCalls()  # 'Conv2d(32, 64, 4, stride=2) -> ReLU -> 8x8x64' a line
        self.record = fieldlines.FieldRecord()  # 'input: ...', 'kernel: ...', 'output: ...' a line
        self.torch_record = torchrecord.Printout()  # a Torch7 module's fields, '{' ... '}'
        self.field_lines = fieldlines.FieldLines()  # "Input volume: 6x6x3" ... "Output = 4x4x5"
        self.footer = summary.footer.Footer()  # 'Input size (MB): 41.94' with no table above
        self.code = code.Block()
        self.dilated = receptive.Stack()
        self.mobile = separable.Reader()
        self.torch = torchcode.Session()
        self.snippet = snippetcount.Snippet()  # 'x = nn.Conv2d(3, 8, 5)', then '608 parameters'
        self.layer_note = layernote.LayerNote()  # '# linear layer (64*4*4 -> 500)'
        self.code_comments = commentchain.Comments()  # '# Layer 2 - 14*14*32 to 7*7*64'
        self.init_walk = initwalk.Walk()  # '# (32, 220, 220)' over 'self.conv1 = nn.Conv2d(...)'
        self.layers = intent.Layers()
        self.word_counts = wordcount.Pairs()  # '32 by 32 by 3 ... 28 by 28 by 6', then '156 parameters'
        self.named_figures = namedagain.NamedFigures()  # '| conv4 | ... | 1,327,488 |'
        self.softmax = softmax.Softmax()  # 'z = [2.0, 1.0]', then 'softmax(z) = [0.73, 0.27]'
        self.layer_counts = layercomment.Calls()  # 'nn.Linear(784, 60)  # params 47100'
        self.tensor_rows = tensorcount.Listing()  # '(96, 3, 11, 11)  param: 34848', a total
        self.formulas = general.Formulas()
        self.walkthrough = walkthrough.Walkthrough()
        self.trace = trace.Trace()
        self.breakdown = breakdown.Breakdown()
        self.measured = measured.Paragraph()  # 'I have run the code of X': its figures
        self.built = printedcount.Built()  # 'models.resnet50()', then a counter's figure
        self.printed = printed.Printed()
        self.echo = echoed.Echo()  # '3*96*11*11 + 96' alone in a cell, then '34944' under it
        self.rf_table = rftable.Table()
        self.net_fields = rfnettable.Fields()  # '| layer | resnet18 | resnet50 |' fields
        self.rf_walk = rfwalk.Walk()  # a field followed through layers told in prose
        self.rf_list = rflist.Chain()  # a field worked down a list, a layer a line
        self.doubling = doubling.Stack()  # dilations doubling a level: the stack's field
        self.rf_names = rfnames.Names()  # a layer table's stack, for a field table by its names
        self.rf_code = rfcode.Fence()  # '# RF: 3' beside code, read when its fence closes
        self.col_totals = coltotal.Runs()  # "memory: 224*224*3=150K" lines, then a total
        self.restate = restate.Restate()
        self.ledger = carried.Ledger()  # per-layer figures, then their total
        self.param_chain = paramchain.Chain()  # channels from one count's layer to the next
        self.ahead = totalahead.Ahead()  # "Total parameters: N", then its layers
        self.counts = convcount.Counts()  # "how many 3x3 convs take 199x199 to 1x1?"
        self.flow = proseflow.Flow()  # "an input (1,28,28)", "`nn.Conv2d(1, 10, 3)`", ...
        self.darknet = darknet.Log()
        self.aligned = aligned.Table()
        self.layer_lines = layerlines.Table()
        self.dense = densecount.Dense()  # Dense / nn.Linear of the code, for a count of one
        self.running = runningcount.Run()  # '3. ... A 5408x100 matrix. Running count: N'
        self.map_counts = mapcount.Maps()  # 'a feature map of 26x26x20', then '#params = 26x26x20'
        self.flop_pairs = flopsfig.Pairs()  # "884,736 MACs, about 1.77 MFLOPs": 2 a MAC said
        self.layer_items = layeritems.Items()  # "1. Convolution using 64 filters" under VGG16
        self.keras = kerascode.Model()
        self.setting_rows = settingrows.Rows()  # '# t, c, n, s' then '[3, 40, 3, 2, 5],  # -> 28x28'
        self.inceptions = inceptionchain.Chain()  # the last Inception module's channels
        self.keras_list = keraslist.Listing()  # a docstring listing the model's shapes
        self.keras_below = kerasbelow.Below()  # model.summary(), then its printed table
        self.tf = tfnotes.Block()  # TensorFlow 1 code, read when its fence closes
        self.blocks = layerblock.Blocks()
        self.flat = flatcount.Flat()  # the map above a flatten ('5×5×16', then 'Flatten → 400')
        self.pooled = pooled.Pooled()
        self.joined = joined.Joined()  # maps on a line, for a join below ("stack all together")
        self.steps = steps.Steps()
        self.label_walk = labelwalk.LabelWalk()  # a labelled step's map, carried
        self.setting_line = settingline.SettingLine()  # a transposed conv's heading
        self.matrices = matrixsize.Matrices()  # '입력: 6x6 Matrix' over the matrix written
        self.drawings = drawnwork.DrawnWork()  # '│ 1 │ 2 │ * │ 1 │ 0 │': grids drawn, worked
        self.bare_calls = barecalls.Calls()  # 'Conv2d(3,64,3) stride=1' a line, from an input
        self.named_maps = namedmaps.NamedMaps()  # 'VGG 16' / '| 224 x 224 x 64 |': its spec's
        self.block_walk = blockwalk.BlockWalk()  # a block of layers a line, then its map
        self.size_intent = sizeintent.SizeIntent()  # the layer an output-size formula is of
        self.layer_io = layerio.LayerIO()  # a numbered layer's output, for the next one's input
        self.quiz = answers.Quiz()  # a question's layer and input, for its answer below
        self.param_quiz = paramquiz.Quiz()  # a question's layer, for its count below
        self.ratios_above = ratioabove.Results()  # results, for a ratio stated under them
        self.noun_slips = nounslip.Slips()  # '= 196,608 features', for '196,908 features'
        self.parts_total = partstotal.Parts()  # weights, biases, then their total
        self.image_kind = imagekind.Kind()  # 'a 120 x 120 CMYK image': 4 channels
        self.recipe = training.Recipe()  # a section's settings that were its paper's
        self.told = toldtotal.Totals()  # the totals shown, for a count told again
        self.vgg_arch = vggarch.Pending()  # a VGG's blocks, for the call naming it
        self.headless = headless.Rows()  # rows of a table pasted without its header
        self.rf_pairs = rfpairs.Lists()  # (kernel, stride) lists, for a helper's field
        self.outline: list[tuple[int, Mention | None]] = []  # headings above, by level
        self.bare: Claim | None = None  # a calculation left without its result
        self.below = resultbelow.Below()  # that calculation's result told on the next line
        self.bare_label: tuple[str, ...] = ()  # the words it was labelled with ("params =")
        self.memo = LineMemo()

    def settled(self, claims: list[Claim]) -> None:
        """A line's claims as settled (``pipeline.Checker``): what later lines carry."""
        self.ledger.settled(claims)
        self.told.learn(claims)

    def new_section(self, heading: Mention | None) -> None:
        if heading is not None and (self.heading is None or heading.key != self.heading.key):
            self.code_comments.module.__init__()  # another network's code: no module carried
        self.heading = heading
        self.scenario = None
        self.walk = continuity.Walk()
        self.algebra = symbolic.Memory()
        self.costs = costwords.Costs()
        self.cost_lists = layerlist.Lists()
