"""A network's figure the writer read off code they ran: ``I have run the code of X, and
LeNet-5 has 44426 trainable parameters``, ``Running the authors' script, VGG-16 gives ...``,
``repo의 코드를 돌려 보니 ResNet-18의 파라미터는 ...``. The figure is the count of the network
that code builds (its input size, its head, a conv over the whole map written as a dense
layer), which may be no bundled spec's: a count off every spec is unsure, never wrong.

The sign is a sentence in which the writer (``I``, ``we``) ran, executed or reproduced a
piece of code (``code``, ``script``, ``repo``, ``implementation``, ``notebook``), or a
clause ``running/after running ... code``, or built the network in a framework (``when I
implement the model with Keras``, ``my PyTorch implementation``, ``케라스로 구현해 보니``);
it holds for the rest of its paragraph (an issue's post, a question's body). A count the
writer works out by hand (``I counted``, ``I get 130M``) is no run of code and is judged as
before; nor is a zoo network a counter printed for (``printedcount``: the bundled spec is
the zoo's)."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.signs import Gated

_CODE = r"(?:code|codes|script|scripts|repo|repository|implementation|notebook|program|example)\b"
_FRAMEWORK = (r"(?:keras|tf\.keras|pytorch|torch|tensorflow|tf|caffe|mxnet|jax|flax|paddle|"
              r"케라스|파이토치|텐서플로우?)\b")
# every match holds a code word (``_CODE``, its Korean ones) or a framework's name
_RAN = Gated(("code", "script", "repo", "implementation", "notebook", "program", "example",
              "코드", "스크립트", "소스", "구현", "노트북", "keras", "torch", "tensorflow", "tf",
              "caffe", "mxnet", "jax", "flax", "paddle", "케라스", "파이토치", "텐서플로"),
    r"\b(?:I|we)(?:'ve|\s+have|\s+had)?\s+(?:just\s+|also\s+|now\s+)?(?:run|ran|re-?run|re-?ran|"
    r"executed|reproduced|re-?implemented)\s+(?:[\w'’.-]+\s+){0,5}?" + _CODE + "|"
    r"\b(?:running|executing|after\s+running|when\s+(?:I|we)\s+run)\s+(?:[\w'’.-]+\s+){0,5}?"
    + _CODE + "|"
    r"(?:코드|스크립트|소스|구현|노트북)\s*(?:를|을)?\s*(?:직접\s*)?(?:실행|돌려|돌리|돌렸)|"
    # the writer's own build in a framework: "When I implement the model with Keras, I get
    # ~25M", "my PyTorch implementation", "케라스로 구현해 보니"
    r"\b(?:I|we)(?:'ve|\s+have|\s+had)?\s+(?:just\s+|also\s+)?(?:re-?)?(?:implement(?:ed)?|buil[dt]|"
    r"coded|wrote|write|code)\s+(?:[\w'’.-]+\s+){0,5}?(?:with|in|using|on)\s+(?:[\w.]+\s+)?"
    + _FRAMEWORK + r"|\b(?:my|our)\s+(?:own\s+)?" + _FRAMEWORK + r"\s+(?:implementation|model|code|"
    r"version|port)|" + _FRAMEWORK + r"\s*(?:로|으로)\s*(?:직접\s*)?(?:구현|만들|만든|짜|작성)",
    re.I)


class Paragraph:
    """The line of the paragraph so far on which the writer ran code, if any."""

    def __init__(self) -> None:
        self.ran: int | None = None

    def see(self, number: int, masked: str, above: str) -> list:
        """A line of prose (``above``: the paragraph's line before it, empty at its
        start): remembers a sentence that runs code; a new paragraph forgets it."""
        if not above:
            self.ran = None
        if _RAN.search(masked):
            self.ran = number
        return []

    def doubt(self, items: list) -> list:
        """``items`` (a model reader's claims and skips) with each "wrong" figure of a
        network unsure where the paragraph ran code: it is that code's network."""
        if self.ran is None:
            return items
        return [Skip(x.line, x.text, f"unsure: the figure of the code run on line {self.ran}, "
                                     f"which may build the network otherwise ({x.detail})")
                if isinstance(x, Claim) and x.kind == "model" and x.verdict == "wrong"
                else x for x in items]
