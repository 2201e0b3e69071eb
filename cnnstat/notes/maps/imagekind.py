"""An input's channels as its kind of image states them: ``a 120 x 120 CMYK image as
input`` (4), ``32x32 RGB images`` (3), ``a 28 x 28 grayscale image`` (1), ``64x64 RGBA
pictures`` (4). A later input shape written with its channels, ``(None, 120, 120, 1)``,
``(1, 120, 120)``, ``120x120x1``, on a line that names the input, is judged against them
where its sides are the image's: right when the count agrees, wrong when not (the note's
own kind of image, said before). A note that names two kinds, a line naming a network, or a line that speaks of
converting, of channels added or dropped, or names a kind of its own, is not judged."""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.modelfacts.models import mentions

CHANNELS = {"rgb": 3, "bgr": 3, "color": 3, "colour": 3, "cmyk": 4, "rgba": 4, "argb": 4,
            "grayscale": 1, "greyscale": 1, "gray-scale": 1, "grey-scale": 1, "monochrome": 1}
_KINDS = r"(RGBA|ARGB|RGB|BGR|CMYK|colou?r|gr[ae]y-?scale|monochrome)"
_STATED = re.compile(r"(?<![\d.])(\d{2,4})\s*(?:x|×|\*|by)\s*(\d{2,4})\s+(?:pixels?\s+)?"
                     + _KINDS + r"\s+(?:images?|inputs?|pictures?|photos?)\b", re.I)
_SHAPE = re.compile(r"\(\s*(?:None\s*,\s*|-1\s*,\s*|\?\s*,\s*)?(\d{1,4})\s*,\s*(\d{1,4})\s*,\s*"
                    r"(\d{1,4})\s*\)|(?<![\d.])(\d{1,4})\s*[x×]\s*(\d{1,4})\s*[x×]\s*(\d{1,4})"
                    r"(?![\d.])", re.I)
_INPUT = re.compile(r"\binput", re.I)
_OTHER = re.compile(r"conver|transform|to\s+gr[ae]y|stack|repeat|concat|add(?:s|ed|ing)?\s+"
                    r"(?:a|an|one)\s+|drop|alpha|channel|" + _KINDS, re.I)
NEEDS = ("x", "×", "by", "(", "input")


class Kind:
    """The note's input image: its side and its channels, once stated."""

    def __init__(self) -> None:
        self.side: int | None = None
        self.channels: int | None = None
        self.kinds: set[int] = set()

    def check_line(self, number: int, masked: str) -> list[Claim | Skip]:
        stated = list(_STATED.finditer(masked))
        for m in stated:
            if m.group(1) == m.group(2):
                self.side = int(m.group(1))
                self.kinds.add(CHANNELS[m.group(3).lower().replace("colour", "color")])
        if stated or self.side is None or len(self.kinds) != 1 or \
                not _INPUT.search(masked) or _OTHER.search(masked) or mentions(masked):
            # a network named: its input is its spec's (``specfacts``), not the note's image
            return []
        want = next(iter(self.kinds))
        out: list[Claim | Skip] = []
        for m in _SHAPE.finditer(masked):
            a, b, c = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
            if a == b == self.side and 1 <= c <= 4:
                got = c
            elif b == c == self.side and 1 <= a <= 4:
                got = a  # channels first: (1, 120, 120)
            else:
                continue
            text = m.group(0)
            fixed = text[::-1].replace(str(got), str(want), 1)[::-1] if a == b else \
                text.replace(str(got), str(want), 1)
            out.append(Claim(number, f"input {text}", "shape", text, fixed,
                             "right" if got == want else "wrong",
                             f"the input image said before has {want} channel"
                             f"{'s' if want > 1 else ''}", (), "" if got == want else fixed,
                             confidence=0.9))
        return out
