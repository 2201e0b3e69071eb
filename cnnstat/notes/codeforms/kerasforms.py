"""The written forms of Keras code that ``kerascode`` reads: a layer's call (``Conv2D(``,
``tf.layers.conv2d(``), the layers that keep a shape, an input's shape (``input_shape=``,
``Input(shape=``), a functional or ``.add`` assignment, and the shape a comment gives as a
layer's output (``# (None, 26, 26, 32)``, the last of ``(None, 28, 28, 1) -> (None, 26,
26, 32)``). Patterns only: the model they build is ``kerascode.Model``.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim
from cnnstat.notes.codeforms.kerasprose import SHAPE as _SHAPE

CALL = re.compile(r"\b(Conv2D|Convolution2D|MaxPooling2D|MaxPool2D|AveragePooling2D|"
                   r"AvgPool2D|Flatten|Dense|GlobalAveragePooling2D|GlobalMaxPooling2D|"
                   r"Dropout|BatchNormalization|Activation|ReLU|LeakyReLU|InputLayer|Input|"
                   r"[A-Z]\w{0,40}|[a-z_]{0,20}(?:conv|pool|dense|flatten|dropout|"
                   r"batch_normalization)[a-z_0-9]{0,20})"
                   r"\s*\(([^()]{0,200}(?:\([^()]{0,60}\)[^()]{0,200}){0,6})\)")
KEEP = {"Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU"}
# TensorFlow's functions (``tf.layers.conv2d(inputs=x, filters=32, kernel_size=[5, 5],
# padding="same")``, ``max_pooling2d()`` named in prose) are Keras's layers by another
# name; any other call of a conv or a pooling (``conv2d(x, W, b)`` of the note's own,
# ``tf.nn.max_pool``) is a layer this reader cannot take apart
TF_NAMES = {"conv2d": "Conv2D", "max_pooling2d": "MaxPooling2D",
             "average_pooling2d": "AveragePooling2D", "dense": "Dense", "flatten": "Flatten",
             "dropout": "Dropout", "batch_normalization": "BatchNormalization"}
# ``tf.reshape(x, [-1, 28, 28, 1])``: the input, channels last
RESHAPE = re.compile(r"reshape\s*\([^,()]{1,80}(?:\([^()]{0,40}\))?[^,()]{0,40},\s*[\[(]\s*-1\s*,"
                      r"\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*[\])]")
# a shape offered for the layer just read: "Is not the shape [batch, 28, 28, 32] instead?"
INSTEAD = re.compile(r"\binstead\b|\bisn'?t\s+it\b|\bis\s+not\s+(?:it|the)\b|"
                      r"\bshould(?:n'?t|\s+not)?\s+(?:it\s+)?be\b|\bshall\s+be\b|\brather\b|대신|아닌가|아닐까|이어야", re.I)
INPUT_SHAPE = re.compile(r"(?:input_shape|shape|batch_input_shape)\s*=\s*[(\[]\s*(?:None\s*,\s*)?"
                    r"(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,?\s*[)\]]")
INT = re.compile(r"\d{1,5}")
# a map written without its batch, height, width and channels: (26, 26, 32), 26x26x32
PLAIN = re.compile(r"(?<![\w.*])[(\[]?\s*(\d{1,5}\s*(?:,|[x×])\s*\d{1,5}\s*(?:,|[x×])\s*\d{1,5})"
                    r"\s*[)\]]?(?![\w.]|\s*[x×*,]\s*\d)")
# a map after its batch with spaces alone between: "# N 9 9 20", "# None 13 13 32"
SPACED = re.compile(r"(?<![\w.])(?:N|None|batch)\s+(\d{1,5}\s+\d{1,5}\s+\d{1,5})(?![\w.]|\s*[x×*,.]?\s*\d)")
NOT_MAP = re.compile(r"kernel|filter|weight|param|커널|필터|가중치", re.I)
ARROW = re.compile(r"\s*(?:->|→|=>|⇒|\bto\b|-{1,2}>)\s*$")
# words that make a shape in prose the layer's input: "on a (None, 28, 28, 1) input"
GIVEN = re.compile(r"\s*(?:input|입력)|.{0,20}\b(?:on|from|takes?|given|receives?|input)\b",
                    re.I)
# words after a shape that make it the input: "(10, 10, 1)의 크기의 이미지를", "(28, 28, 1) images"
NAMED_INPUT = re.compile(r"\)?\s*(?:의|인|짜리)?\s*(?:크기|사이즈|모양|형태|shape|size|-?sized)?\s*"
                         r"(?:의|인)?\s*(?:입력|인풋|이미지|사진|영상|input|image|picture|photo)", re.I)


def given_after(text: str, at: int) -> bool:
    """Whether the words after a shape (from ``at``) make it the layer's input."""
    return GIVEN.match(text, at) is not None or NAMED_INPUT.match(text, at) is not None


# how a layer is applied: ``y = Conv2D(...)(x)`` reads x and gives y; ``net.add(...)``
# reads and gives net's output
FUNCTIONAL = re.compile(r"^\s*(?P<gives>\w{1,40})\s*=\s*.{0,300}\)\s*\(\s*(?P<takes>\w{1,40})\s*\)"
                         r"\s*$")
ADD = re.compile(r"^\s*(?P<takes>(?P<gives>\w{1,40}))\.add\s*\(")
ASSIGNED = re.compile(r"^\s*(\w{1,40})\s*=")


def comment_output(comment: str) -> re.Match | None:
    """The shape a comment gives as the layer's output: its one shape, or the last of
    ``(None, 28, 28, 1) -> (None, 26, 26, 32)``; None for shapes set side by side."""
    shapes = list(_SHAPE.finditer(comment)) or list(SPACED.finditer(comment)) or [
        m for m in PLAIN.finditer(comment)  # not the tail of a longer list: "149,149,16,0"
        if not comment[:m.start()].rstrip().endswith((",", "x", "×", "*"))]
    if len(shapes) > 1 and not all(ARROW.match(comment, a.end(), b.start())
                                   for a, b in zip(shapes, shapes[1:])):
        return None
    if shapes and shapes[-1].re is PLAIN and NOT_MAP.search(comment):
        return None  # "# kernel 3x3x32": a filter's shape
    if shapes:
        return shapes[-1]
    word = FLAT_WORD.search(comment)  # a flat shape its word gives alone
    return FLAT.match(comment, word.end()) if word else None


# a comment line with a map in x's and no bracket: "# output shape = 24x24x64", "= 9216"
XSHAPE = re.compile(r"\s*#[^()\[\]]*?(?:\d\s*[x×]\s*\d+\s*[x×]\s*\d|"
                    r"\b(?:input|output)\s+(?:shape|size)\s*[=:]\s*\d|"
                    r"\b(?:N|None)\s+\d{1,5}\s+\d{1,5}\s+\d)", re.I)
# "# output shape = 9216", "# input shape: 128": one side, the shape's word before it
FLAT_WORD = re.compile(r"\b(?:input|output)\s+(?:shape|size)\s*[=:]\s*", re.I)
FLAT = re.compile(r"(\d{1,7})(?![\d,.]|\s*[x×*,/+-]\s*\d)")


# a word that makes a comment's shape the layer's output: "# output (N, 5, 8, 10)", "# 출력"
OUT_WORD = re.compile(r"출력|아웃풋|결과|\boutput|\bout\b|->|→", re.I)


def restated(claims: list, number: int, comment: str, given: re.Match | None,
             confidence: float) -> list:
    """A comment on the line that gives ``input_shape=(5, 5, 1)`` whose shape repeats it
    (``input_shape=(5, 5, 1)))  # (N, 5, 5, 1)``) and no word calls the output: a gloss
    of the input beside it, or the output mis-stated: its "wrong" takes ``confidence``
    (below ``precedence.WRONG_NEEDS``: unsure)."""
    shown = comment_output(comment) if given is not None else None
    if shown is None or OUT_WORD.search(comment, 0, shown.start()):
        return claims
    dims = tuple(int(d) for d in INT.findall(shown.group(1)))
    if dims != tuple(int(g) for g in given.groups()):
        return claims
    why = (f"the comment repeats input_shape=({', '.join(map(str, dims))}) beside it: the "
           "model's input glossed, or the layer's output mis-stated")
    return [c._replace(confidence=min(c.confidence, confidence), detail=f"{why}; the output "
                       f"is {c.actual}")
            if isinstance(c, Claim) and c.line == number and c.kind == "shape" and
            c.verdict == "wrong" else c for c in claims]


__all__ = ["CALL", "KEEP", "TF_NAMES", "RESHAPE", "INSTEAD", "INPUT_SHAPE", "INT", "PLAIN", "NOT_MAP", "ARROW", "GIVEN", "NAMED_INPUT", "given_after", "FUNCTIONAL", "ADD", "ASSIGNED", "comment_output", "OUT_WORD", "restated"]


# a line of Keras code commented out: ``# model.add(Conv2D(64, (3, 3), ...``, or a line that
# goes on with such a call (``#     padding='same'))  # (N, 28, 28, 64)``)
_COMMENTED = re.compile(r"\s*#\s?(?=\s*(?:model\.add\(|\w+\s*=\s*(?:layers\.)?[A-Z]\w*\("
                        r".*\)\s*\(\s*\w+\s*\)))")


def uncomment(raw: str, going_on: bool = False) -> str | None:
    """The line with its first ``#`` made a space (columns kept), where what follows it
    is a Keras layer's code (``going_on``: any line, a commented call being open); None
    otherwise."""
    m = _COMMENTED.match(raw) if not going_on else re.match(r"\s*#", raw)
    if m is None:
        return None
    at = raw.index("#")
    return raw[:at] + " " + raw[at + 1:]


# what a line must hold for this reader to claim or learn anything (``registry.READERS``)
NEEDS = ("(", "[", "channel", "filter", "kernel", "feature map", "채널", "필터", "커널")
# the lines a call left open may go on with: an argument, its value, the closing bracket
CALL_NEEDS = NEEDS + (")", ",", "=")
# a Keras layer's call opened on its line: ``model.add(Conv2D(10, kernel_size=(2, 2),``
OPENS = re.compile(r"\b(?:Conv2D|Convolution2D|MaxPooling2D|MaxPool2D|AveragePooling2D|"
                    r"AvgPool2D|Dense)\s*\(|\blayers\.\w+\s*\(")
JOIN = 12  # the lines a call may span (one argument a line: 7 or more)
