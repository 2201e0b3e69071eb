"""The readers of output sizes and shapes written in prose, lists and tables, registered
together (``registry.READERS`` splices them in after the arithmetic, whose claims ``size
intent`` re-reads): a labelled walkthrough carrying its map across lines (``labelwalk``),
maps counted beside their tensor (``mapcount``), a chain of sizes through one layer
repeated (``repeatchain``), numbered layers' inputs against the outputs above
(``layerio``), a block of layers a line and the map it gives (``blockwalk``), a layer's
rule of thumb with no map (``shrinkrule``), an output-size formula against the layer set
out above it (``sizeintent``), a layer call on one line with the shapes it takes and gives
(``layercall``), a layer table told in words (``layerforms.described``), a count of
filters and the map it gives (``filtercount``), a global pooling (``globalpool``), a layer's
fields a line (``fieldlines``), a concatenation's channels (``concat``) and an output
multiplied by its input's channels (``timeschannels``).
"""

from __future__ import annotations

from cnnstat.notes.layerforms import described, labelwidth
from cnnstat.notes.layerforms.layertable import block_rows
from cnnstat.notes.maps import (blockpool, blockwalk, concat, drawnwork, fieldlines, filtercount,
                               globalpool, imagekind, labelledconv, labelwalk,
                               layercall, layerio, mapcount, namedmaps, repeatchain, settingline,
                               shrinkrule, sizeintent, timeschannels, valuecount)
from cnnstat.notes.pipeline import DIGITS, Reader
from cnnstat.notes.precedence import YIELDS, Supersede

READERS = [
    # "16x16x128 → ConvT(128, 64, 4, 2, 1) → 32x32x64": the map a call gives the map before
    # it; "MaxPooling2D((2, 2)) on (None, 13, 13, 64) gives (None, 6, 6, 64)": a call in prose
    Reader("a layer call with its shapes", "prose", lambda at: layercall.check_line(
        at.line.number, at.line.masked, at.line.raw), needs=layercall.NEEDS),
    # "a 120 x 120 CMYK image as input", then "input shape (None, 120, 120, 1)": 4 channels
    Reader("input channels of its kind of image", "prose+heading", lambda at:
           at.state.image_kind.check_line(at.line.number, at.line.masked), needs=imagekind.NEEDS),
    # "- Layer 1: input 28x28x1, output 14x14x32" / "- Layer 2: input 12x12x32, ...": the chain
    Reader("numbered layers' inputs", "prose",
           lambda at: at.state.layer_io.check_line(at.line.number, at.line.masked),
           needs=layerio.NEEDS),
    # "five MaxPool2d(2, 2) layers: 224 → 112 → 56 → 28 → 14 → 7": one layer repeated
    Reader("sizes through a layer repeated", "prose",
           lambda at: repeatchain.check_line(at.line.number, at.line.masked),
           needs=repeatchain.NEEDS),
    # "(5 - 3 + 2)/2 + 1 = 2" / "Similarly, the height is also 2": the line above's size
    Reader("other side told the same", "prose",
           lambda at: at.state.restate.other_side(at.line.number, at.line.masked),
           needs=("height", "width", "높이", "너비", "세로", "가로")),
    # "a 3x3 conv reduces the size by 2 px (if stride=2)", "2x2 풀링은 크기를 절반으로 줄인다"
    Reader("a layer's rule of thumb", "prose",
           lambda at: shrinkrule.check_line(at.line.number, at.line.masked),
           confidence=shrinkrule.CONFIDENCE, needs=shrinkrule.NEEDS),
    # "the output is 3x3x10, these 90 values go to the FC", "13x13x256 (43,264 values)"
    Reader("values a volume holds", "prose", lambda at: valuecount.check_line(
        at.line.number, at.line.masked), needs=valuecount.NEEDS),
    Reader("maps counted beside their tensor", "prose",  # "6장의 feature map(16x10x10)"
           lambda at: mapcount.check_line(at.line.number, at.line.masked),
           needs=mapcount.NEEDS),
    # "Input: 107 x 107" / "Conv1: F = 5 x 5, S = 2 -> 51 x 51": the map carried
    Reader("labelled walkthrough", "prose",
           lambda at: at.state.label_walk.check_line(at.line.number, at.line.masked),
           needs=labelwalk.NEEDS, supersedes=tuple(
               Supersede(r, kind="shape", same_figure=True) for r in ("shapes", "step",
                                                                      "walkthrough"))),
    # "k=3, s=2, p=1 on 8x8: 8x8 -> 15x15" under "## Transposed conv"; "3x3, dilation 2, on
    # 32x32: 32 - 9 + 1 = 24": a transposed or dilated conv's settings, input and output
    Reader("transposed or dilated conv set out", "every+heading", lambda at:
           at.state.setting_line.check_line(at.line.number, at.line.masked,
                                            at.line.kind == "heading"), needs=settingline.NEEDS,
           supersedes=(Supersede("shapes", kind="shape", same_figure=True),)),
    # "Conv(96, 11×11, stride=4) → ReLU → MaxPool(3×3, stride=2)" / "Output: 55 × 55 × 96"
    Reader("block walkthrough", "prose",
           lambda at: at.state.block_walk.check_line(at.line.number, at.line.masked),
           confidence=blockwalk.CONFIDENCE, needs=DIGITS),
    # a layer set out, for the output-size formula worked out under it (``size intent``)
    Reader("layer for a size formula", "prose",
           lambda at: at.state.size_intent.learn(at.line.number, at.line.masked) or [],
           needs=sizeintent.NEEDS),
    # "(17 - 4)/1 + 1 = 14" under `nn.MaxPool2d(4, 4)`: right arithmetic, the wrong stride
    Reader("size intent", "claims", lambda at: at.state.size_intent.check(
        at.line.number, at.line.masked, at.arithmetic), confidence=sizeintent.CONFIDENCE,
           needs=("/",), supersedes=(Supersede("arithmetic", same_figure=True),)),
    # | Convolution 5x5 | 1x1 stride, valid padding, outputs 28x28x6 |: a layer in words
    Reader("layer table in words", "table", lambda at: described.check(at.block),
           needs=described.NEEDS),
    # "VGG 16" / "| 입력 | 224 x 224 x 3 |" / "- 풀링 이후 사이즈는 64x112x112": the spec's maps
    Reader("named net's maps", "prose+heading", lambda at: at.state.named_maps.check_line(
        at.line.number, at.line.raw, at.line.masked)[0], needs=namedmaps.NEEDS,
           supersedes=(Supersede(YIELDS),)),
    Reader("named net's maps in a table", "table", lambda at: at.state.named_maps.table(
        at.block), needs=namedmaps.NEEDS, supersedes=(Supersede(YIELDS),)),
    # "1. 입력: 6x6 Matrix" over "[ [9, 4, 1, 6, 5], ... ]": the rows and columns written
    Reader("matrix under its size", "every", lambda at: at.state.matrices.check_line(
        at.line.number, at.line.masked, at.line.raw)[0]),  # every line: a label between
    # "│ 1 │ 2 │ 0 │ * │ 1 │ 0 │ = │ 3 │ 2 │", or "input (5x5)   kernel (3x3)" over two
    # grids and "output" over a third: a convolution or pooling drawn, its output's cells
    Reader("a convolution or pooling worked on drawn grids", "every+heading+code",
           lambda at: at.state.drawings.feed(at.line.number, at.line.raw,
                                             at.line.kind == "heading"),
           confidence=drawnwork.CONFIDENCE),
    # "input image: 224x224x3" / "conv1 = Conv2d(3,64,3) stride=1, padding=1" / "Flatten(...)"
    Reader("layer calls listed", "every", lambda at: at.state.bare_calls.check_line(
        at.line.number, at.line.masked)[0], needs=DIGITS),  # a line without leaves it
    # "| CONV3-64 | [56x56x256] |": the filters a VGG-style label writes, against the row's map
    Reader("a conv label's filters", "table", lambda at: labelwidth.check(
        block_rows(at.block or [])), needs=labelwidth.NEEDS),
    # "Input Shape: (7, 9, 3) Output Shape : (3, 8, 2) K : (5, 2) P : (0, 0) S : (1, 1)"
    Reader("one conv's fields labelled", "prose", lambda at: labelledconv.check_line(
        at.line.number, at.line.masked), needs=labelledconv.NEEDS),
    # "if you use 6 filters would be 28 x 28 x 6": the channels are the filters' count;
    # "average pool ... from a 7x7x1024 volume to a 1x1x1024 volume": a global pooling.
    # Each gives way where another reader judged a shape on the line
    Reader("channels of a count of filters", "prose", lambda at: filtercount.check_line(
        at.line.number, at.line.masked), confidence=filtercount.CONFIDENCE,
           needs=filtercount.NEEDS, supersedes=(Supersede(YIELDS, kind="shape"),)),
    Reader("global pooling in prose", "prose", lambda at: globalpool.check_line(
        at.line.number, at.line.masked), needs=globalpool.NEEDS,
           supersedes=(Supersede(YIELDS, kind="shape"),)),
    # "Input volume: 6x6x3" / "* Filter size = 3x3x3" / "* Number of filter = 5" / "* Output
    # = 4x4x5": one layer's fields a line; "28 × 28 × 256 (64 + 128 + 32 + 32)": a concat
    Reader("a layer's fields over lines", "every+heading", lambda at:
           at.state.field_lines.check_line(at.line.number, at.line.masked,
                                           at.line.kind == "heading"),
           confidence=fieldlines.CONFIDENCE, needs=fieldlines.NEEDS,
           supersedes=(Supersede(YIELDS, kind="shape"),)),
    # "55 x 55 x 96 ... as the image has 3 channels, 55 x 55 x 96 x 3": the filters span them
    Reader("output times the input's channels", "prose", lambda at: timeschannels.check_line(
        at.line.number, at.line.masked), confidence=timeschannels.CONFIDENCE,
           needs=timeschannels.NEEDS),
    # the same in code (a docstring's lines), read raw; every code line, for its end
    Reader("a layer's fields over lines in code", "code", lambda at:
           at.state.field_lines.check_line(at.line.number, at.line.raw, False),
           confidence=fieldlines.CONFIDENCE, supersedes=(Supersede(YIELDS, kind="shape"),)),
    Reader("channels of a concatenation", "prose", lambda at: concat.check_line(
        at.line.number, at.line.masked), needs=concat.NEEDS,
           supersedes=(Supersede(YIELDS, kind="shape"),)),
    # "Block 1: Conv3-64 × 2 → MaxPool [224→112]": a stage's side, halved by its pooling
    Reader("a stage and its pooling, sides in brackets", "every", lambda at: blockpool.check_line(
        at.line.number, at.line.raw), needs=blockpool.NEEDS,
           supersedes=(Supersede(YIELDS, kind="shape"),)),
]
