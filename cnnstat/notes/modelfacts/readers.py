"""The readers of model facts that read a line alone (registered in ``registry.READERS``
through ``READERS``): the year a network came out, where a VGG's named layers stand in
torchvision's ``features``, the depths a section's family is listed in, its pooling's window
and stride, and the settings its paper trained it with."""

from __future__ import annotations

import re

from cnnstat.notes.codeforms import sidearrow
from cnnstat.notes.modelfacts import (above, built, convrows, headless, namedlist, slashed, convsettings, depths, hyphened,
                                      imagechannels, imagecounts, kernelsize, labelled,
                                      layerindex, modules, namedchain, namedmaps, nthmap, poolsettings, printedcount, training, years,
                                      vggarch)
from cnnstat.notes.layerforms.layertable import block_rows
from cnnstat.notes.maps import filterdepth
from cnnstat.notes.receptivefield import rfpairs
from cnnstat.notes.modelfacts.models import NAME_SIGNS
from cnnstat.notes.pipeline import At, Reader
from cnnstat.notes.precedence import YIELDS, Supersede

# a count in words before a kind of layer ("five convolutional layers", "세 개의 완전연결층");
# a line with digits is read by the model facts reader (claims), words and all
_WORDED = re.compile(r"(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+"
                     r"(?:[a-z]+\s+)?(?:conv|fully|fc\b|dense|layer))|"
                     r"(?:한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열)\s*개")
_DIGIT = re.compile(r"[0-9]")
_NEEDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "teen", "twenty", "개")


def _worded(at: At) -> list:
    """The model facts of a line without digits whose counts are written in words."""
    if _DIGIT.search(at.line.masked) or not _WORDED.search(at.line.masked):
        return []
    c, s = at.state.memo.facts(at.line, at.tokens, [], above.titled(at.state.titled)
                               or at.heading)
    return list(c) + list(s)


READERS = [
    # "**Q9. Why do gradients vanish?**": a question's title, a topic of its own (no reading)
    Reader("a question's title", "every", lambda at: above.question_title(
        at.state, at.line.raw, at.line.masked), needs=("?",)),
    # "net = models.resnet34(weights='DEFAULT')  # 21M params": a zoo's constructor, its size
    Reader("size of a network built in code", "code", lambda at: built.check_line(
        at.line.number, at.line.raw), needs=built.NEEDS),
    # "VGG16 was proposed for the ImageNet challenge in 2014", "AlexNet (2012)"
    Reader("years of networks", "prose", lambda at: years.check_line(
        at.line.number, at.line.masked, at.state.above, at.line.raw), needs=years.NEEDS),
    # "{'0': 'conv1_1', '21': 'conv4_2'}" under VGG19, in prose or in code
    Reader("layer indices", "prose+code", lambda at: layerindex.check_line(
        at.line.number, at.line.raw, at.heading or at.state.heading), needs=layerindex.NEEDS),
    # "depth는 34, 50, 100까지" under a ResNet heading
    Reader("depths of the section's network", "claims", lambda at: depths.depth_words(
        at.line.number, at.line.masked, at.heading), needs=("depth", "깊이")),
    # "convolution layer : 5개", "- FC layers: 3" under an AlexNet heading
    Reader("labelled layer counts", "claims", lambda at: labelled.check_line(
        at.line.number, at.line.masked, at.heading), needs=labelled.NEEDS,
           # its label names the kind counted: the count is no depth of the network's
           supersedes=(Supersede("model facts", kind="model", same_figure=True),)),
    # "an 11-million-parameter ResNet-18 and a 60-million-parameter ResNet-50"
    Reader("sizes said before a network's name", "prose", lambda at: hyphened.check_line(
        at.line.number, at.line.masked), needs=hyphened.NEEDS),
    # "ZFNet keeps five convolutional layers", "다섯 개의 합성곱 층": no digit in the line
    Reader("counts in words", "prose", _worded, needs=_NEEDS),
    # "trained on over 14 million images in 1000 classes": one dataset's two figures
    Reader("images and classes of a dataset", "prose", lambda at: imagecounts.check_line(
        at.line.number, at.line.masked, at.state.above or ""),
           needs=("class", "categor", "클래스", "카테고리", "범주", "synset", "종류", "부류")),
    # "LeNet-5's kernels are 5x5", "커널 사이즈는 3 by 3" under a LeNet-5 heading
    Reader("kernel size of a network", "claims", lambda at: kernelsize.check_line(
        at.line.number, at.line.masked, at.heading), needs=("kernel", "filter", "커널", "필터")),
    # "stride는 3, 필터의 크기는 2로 정하며 pooling ..." under an AlexNet heading
    Reader("pooling of a network", "prose", lambda at: poolsettings.check_line(
        at.line.number, at.line.masked, at.heading, above.titled(at.state.titled)),
           confidence=0.9,
           needs=("pool", "풀링")),
    # "#input_shape : 장 수, 가로, 세로, 1(흑백)/2(컬러)", "RGB images have 3 channels"
    Reader("channels of an image", "prose+code", lambda at: imagechannels.check_line(
        at.line.number, at.line.raw if at.line.kind == "skip" else at.line.masked),
           needs=imagechannels.NEEDS),
    # "VGGNet 모델의 특징 ... 다음과 같습니다." then "- Convolutional layer: 3x3 filter / stride 1 / pad 1"
    Reader("convolutions of a network", "prose", lambda at: convsettings.check_line(
        at.line.number, at.line.masked, above.titled(at.state.titled)), confidence=0.9,
           needs=convsettings.NEEDS),
    # "GoogLeNet has 9 inception modules", "8개의 블럭으로 구성된 인셉션 모듈": its spec's
    Reader("modules a network stacks", "prose", lambda at: modules.check_line(
        at.line.number, at.line.masked, at.heading), confidence=0.9, needs=modules.NEEDS),
    # "0.00005의 가중치 감쇠", "momentum of 0.9" under a network's heading: its paper's
    Reader("training settings of a network", "prose", lambda at: training.check_line(
        at.line.number, at.line.masked, at.heading, at.state.recipe), confidence=0.9,
           needs=training.NEEDS),
    # "Params at a glance: AlexNet 60M, VGG16 138M, ResNet-50 25.6M": one quantity's list
    Reader("lists of networks' figures", "claims", lambda at: sum(namedlist.check_line(
        at.line.number, at.line.masked, at.tokens, at.state.memo.facts(
            at.line, at.tokens, at.used, at.heading)[0]), []), confidence=0.8, needs=NAME_SIGNS,
           supersedes=(Supersede("named figures", kind="model", same_figure=True),)),
    Reader("lists of networks' figures in a comment", "code", lambda at: sum(
        namedlist.in_comment(at.line.number, at.line.raw), []), confidence=0.8,
           needs=sidearrow.NEEDS),  # a comment's signs (the code stage's slots are few)
    # "lower than VGG-16/19 (15.3/19.6 billion FLOPs)": slash-joined names and figures
    Reader("slash-joined networks' figures", "claims", lambda at: sum(slashed.check_line(
        at.line.number, at.line.masked), []), confidence=0.8, needs=slashed.NEEDS),
    # "| C2 (Conv) | 5x5, same | 27x27x96 | 27x27x276 |" under AlexNet: conv2 has 256 filters
    Reader("channels of a named network's table", "table", lambda at: convrows.check(
        block_rows(at.block or []), at.state.heading), confidence=convrows.CONFIDENCE,
           needs=convrows.NEEDS, supersedes=(Supersede(YIELDS, kind="model"),)),  # breakdown's rows
    # "- Convolution 5 : 3x3 kernel, 1 padding : 12x12x384" under AlexNet: conv5 gives 256
    Reader("map of a named network's k-th conv", "prose", lambda at: nthmap.check_line(
        at.line.number, at.line.masked, at.heading), confidence=0.9, needs=nthmap.NEEDS),
    # "The output of layer S2 is 10x10x6" on LeNet-5: its S2 gives 14x14x6
    Reader("map of a network's layer by its paper's name", "prose", lambda at: namedmaps.check_line(
        at.line.number, at.line.masked, at.heading), confidence=0.9, needs=namedmaps.NEEDS),
    # "-> Pool2 (16@5x5)" under LeNet-5: its second pooling's map
    Reader("map of a named network's k-th layer in a chain", "prose", lambda at: namedchain.check_line(
        at.line.number, at.line.masked, at.heading), confidence=namedchain.CONFIDENCE,
           needs=namedchain.NEEDS),
    # "Residual-Network110 | GTX1080TI | 0.27M | 128 | ...": rows without their header
    Reader("rows of a table without its header", "prose", lambda at: at.state.headless.check_line(
        at.line.number, at.line.masked), confidence=headless.CONFIDENCE, needs=headless.NEEDS),
    *printedcount.READERS,  # "models.resnet50()" ... "Number of FLOPs: 24.64G"
    # "Total params: 393,472" then "학습 파라미터는 약 393k 정도": a total told again
    Reader("total told again", "claims", lambda at: at.state.told.check_line(
        at.line.number, at.line.masked, at.tokens), confidence=0.8,
           needs=("param", "파라미터", "매개")),
    # "arch16 = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))", "vgg16 = VGG(arch=arch16)"
    Reader("a VGG's blocks in code", "code", lambda at: at.state.vgg_arch.check_line(
        at.line.number, at.line.raw), confidence=0.9, needs=vggarch.NEEDS),
    # "layers = [(3, 1), (3, 1), (2, 2)]" then "print(calc_receptive_field(layers))  # RF: 8"
    Reader("a receptive-field helper's printout", "every+code", lambda at: at.state.rf_pairs.feed(
        at.line.number, at.line.raw), confidence=rfpairs.CONFIDENCE),
    # "an input of size [50 50 2] ... 20 filters of size [5x5x 1]": a filter spans the input
    Reader("a filter's depth against its input", "claims", lambda at: filterdepth.check_line(
        at.line.number, at.line.masked, at.line.raw), confidence=0.8, needs=filterdepth.NEEDS),
]
