"""The words that set a layer's stride and padding in prose, tables and code comments
(``stride 2``, ``s=2``, ``s2``, ``스트라이드는 2``, ``padding 1``, ``p1``, ``no padding``,
``same padding``): one definition, read by the size readers (``maps``), the layer tables
(``layerforms``) and the model facts about one layer's settings (``modelfacts``); a
kernel, dilation and output padding stated in words (``k=3``, ``kernel size 3``,
``dilation 2``, ``d=2``, ``rate 2``, ``output_padding=1``, ``no output_padding``); and the
word that names a pooling layer (``pool``, ``풀링``), which they read beside them."""

from __future__ import annotations

import re

# a number that starts a product is a size, not the setting: "no padding: 7 x 7 -> 5 x 5"
NOT_SIZE = r"(?!\d|\.\d|\s*[x×X*]\s*\d)"  # "stride of 4." ends a sentence: it is read
# the value signed before its word, a layer list's shorthand ("3x3 kernel +2 pad +4 stride"):
# the word then has no value after it ("+2 stride: 27x27x96" is the output map, no stride 27)
SIGNED_BEFORE = r"(?<![\w.)])\+([0-9]{1,2})\s*"
# the value bare before its word as a list's item, after a comma or bracket ("11x11 kernel,
# 4 stride : 54x54x96", "(3x3, 1 stride)"); never an item of a list of numbers ("1,2,2,1 strides")
LISTED_BEFORE = (r"(?:(?<=[^\d\s,],)|(?<=[^\d\s,], )|(?<=\d[x×X]\d, )|(?<=\()|(?<=\( ))"
                 r"([0-9]{1,2})\s+")


def value_after(group: int) -> str:
    """A setting's value after its word, as group ``group`` of the pattern: a number that
    starts a map is not it ("stride: 27x27x96", "pad: 32 x 32"), unless the map is the
    value squared, one digit ("stride 2x2")."""
    return (r"([0-9]{1,2})(?:(?<![0-9]{2})(?=\s*[x×X*]\s*\%d(?![\d.]|\s*[x×X*]\s*\d))|" % group) \
        + NOT_SIZE + ")"


STRIDE = re.compile(r"(?:strides?|스트라이드)(?:\s+(?:size|length))?\s*(?:[=:]|는|가|를|은|of)?"
                    r"\s*(\d+)" + NOT_SIZE +
                    r"|\bs\s*=\s*(\d+)|(?<![A-Za-z0-9])s(\d{1,2})(?![A-Za-z0-9])"
                    # a square stride written as a product: "stride 2x2" is 2 each way
                    r"|(?:strides?|스트라이드)\s*(?:[=:]|of)?\s*([1-9])\s*[x×X*]\s*(?:\4)(?![\d.,])"
                    r"|" + SIGNED_BEFORE + r"(?:strides?|스트라이드)\b"
                    r"|" + LISTED_BEFORE + r"(?:strides?|스트라이드)\b",
                    re.I)
# the stride word just before a product: "stride 2x2" is a setting, not a map
# (not a word whose value is signed before it: "+2 stride: 27x27x96" is the map)
STRIDE_BEFORE = re.compile(r"(?<!\+\d )(?<!\+\d)(?<!\+\d\d )(?<!\+\d\d)"
                           r"(?:strides?|스트라이드)\s*(?:[=:]|of)?\s*$", re.I)
PAD = re.compile(r"(?:padding|pad|패딩)\s*(?:[=:]|는|가|를|은|of)?\s*(\d+)" + NOT_SIZE +
                 r"|\bp\s*=\s*(\d+)|(?<![A-Za-z0-9])p(\d{1,2})(?![A-Za-z0-9])"
                 r"|" + SIGNED_BEFORE + r"(?:padding|pad|패딩)"
                 r"|" + LISTED_BEFORE + r"(?:padding|pad|패딩)\b", re.I)
NO_PAD = re.compile(r"(?:padding|패딩)\s*(?:을|를)?\s*(?:없이|없는|없음|안\s*하|하지\s*않)"
                    r"|no\s+padding|without\s+padding|\bvalid\b", re.I)
# (DLAI's "same convolutions", "32 same filters of 5 x 5"; never "the same filters", nor
# one the sentence denies: "no same padding", "same convolutions were not in use then")
SAME_PAD = re.compile(r"(?<!no )(?<!not )(?<!without )(?:"
                      r"same\s+padding|padding\s*[=:]?\s*['\"]?same|([\"'])same\1|"
                      r"(?<!the )(?<!these )(?<!those )(?<!same )\bsame\s+(?:conv\w*(?!\w)|filters?\b)"
                      # a bare item of a kernel's comma list ("Conv 5x5, same, 32", "5 x 5,
                      # same 32"; never "5x5, same as above")
                      r"|[0-9]\s*,\s*same\b(?=\s*(?:[,)]|[0-9]|$)))"
                      r"(?![\s\\)]*(?:enspace\s*)?(?:were|was|are|is|had|has|have)?\s*"
                      r"(?:not|never|n't|rarely|hardly)\b|\s*\w+n't\b)",
                      re.I)
# a stride or padding written straight after a square product makes it a layer's kernel
# ("(3x3, s=1 p=1)", "3x3, stride 2", "5x5 (pad 2)"): a map is given no stride
SETTING_AFTER = re.compile(r"\s*[,(/]?\s*(?:[sp]\s*=\s*\d|[sp]\d{1,2}\b|strides?\b|padding\b|"
                           r"pad\b|스트라이드|패딩)", re.I)
# a kernel, dilation and output padding stated by their words (a transposed or dilated
# conv's, ``maps/settingline``): the value is one group of the match, the others None
KERNEL_SIZE = re.compile(r"\bk\s*=\s*(\d{1,2})\b|kernel(?:_size|\s+size)?\s*(?:[=:]|of)?\s*"
                         r"(\d{1,2})(?![\d.]|\s*[x×*]\s*\d)", re.I)
DILATION = re.compile(r"dilation(?:\s*rate)?\s*(?:[=:]|of)?\s*(\d{1,2})(?![\d.]|\s*[x×*]\s*\d)"
                      r"|\bd\s*=\s*(\d{1,2})\b|\brate\s*(?:[=:]|of)?\s*(\d{1,2})\b"
                      r"|dilated\s+by\s+(\d{1,2})\b|(\d{1,2})-dilated", re.I)
OUT_PAD = re.compile(r"output_padding\s*[=:]?\s*(\d)|\bop\s*=\s*(\d)", re.I)
NO_OUT_PAD = re.compile(r"no\s+output_padding|output_padding\s*[=:]?\s*0\b", re.I)
POOL_WORD = re.compile(r"pool|풀링", re.I)
CONV_WORD = re.compile(r"conv|합성곱|컨볼루션", re.I)  # the convolution word, both languages
# two numbers multiplied (3x3, 28 × 28, 7*7): in every map a walkthrough reads (but a
# bracketed one), and in every bank of filters and square kernel
PRODUCT = re.compile(r"[0-9]\s*[x×X*]\s*[0-9]")


def stated(text: str) -> tuple[int | None, int | str | None] | None:
    """The one stride and the one padding a layer's words state (None where not stated;
    ``no padding``: 0, ``same``: "same"); None where two strides or two paddings are
    written, or a padding beside ``no padding``/``same`` that disagrees with it."""
    strides = {int(next(g for g in m.groups() if g)) for m in STRIDE.finditer(text)}
    pads = {int(next(g for g in m.groups() if g)) for m in PAD.finditer(text)}
    if len(strides) > 1 or len(pads) > 1:
        return None
    padding: int | str | None = pads.pop() if pads else None
    if NO_PAD.search(text):
        if padding not in (None, 0):
            return None
        padding = 0
    elif SAME_PAD.search(text):
        if padding is not None:
            return None
        padding = "same"
    return (strides.pop() if strides else None), padding


_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4"}
_WORD_STRIDE = re.compile(r"(?<=stride of )(?:one|two|three|four)\b|"
                          r"(?<=stride )(?:one|two|three|four)\b", re.I)


def stride_words(text: str) -> str:
    """``text`` with a stride's value in words as its digit (``a stride of two``: ``2``),
    each word kept as wide (its spans unchanged)."""
    if "stride" not in text and "Stride" not in text:
        return text
    return _WORD_STRIDE.sub(lambda m: _WORDS[m.group(0).lower()].ljust(len(m.group(0))), text)
