"""The channels of a colour or a grayscale image, said beside a shape or a count.

    #input_shape : 장 수, 가로, 세로, 1(흑백)/2(컬러)       wrong: a colour image has 3
    RGB 이미지는 3채널, 흑백 이미지는 1채널이다.            right, right
    a grayscale input has 1 channel; a color one has 3 channels

A colour (RGB) image has three channels, red, green and blue; a grayscale one has one.
What is said of the colour image: 3 right; 4 unsure (RGBA, with its alpha); 1 or 2 wrong
(no colour image has them); any other count unsure (a multispectral image). Of a grayscale
image: 1 right, any other unsure (a gray image copied into three channels for a network
that takes RGB, with an alpha). Read where the count and the kind stand together: a
count glossed with the kind in brackets (``1(흑백)``, ``3 (RGB)``), the kind then its count
of channels (``컬러 이미지는 3채널``, ``RGB: 3 channels``, ``colour images have 3 channels``),
or the count of channels then the kind (``3 channels for colour``, ``1 channel (grayscale)``).
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Skip

_COLOUR = r"colou?r(?:ed)?|rgb(?![a-z])|컬러|칼라|색상|천연색"
_GRAY = r"gr[ae]y(?:\s*-?\s*scale)?|monochrome|mono(?![a-z])|흑백|회색조|그레이\s*스케일|그레이"
_KIND = rf"(?P<kind>{_COLOUR}|{_GRAY})"
_CHANNELS = r"(?:channels?|채널|ch(?![a-z]))"
_FORMS = (
    # 1(흑백) / 2(컬러), 3 (RGB)
    re.compile(rf"(?<![\d.,x×*])(?P<n>\d)(?![\d,.]\d|\d)\s*\(\s*{_KIND}\s*\)", re.I),
    # 컬러 이미지는 3채널, RGB: 3 channels, colour images have 3 channels
    re.compile(rf"{_KIND}\s*(?:images?|inputs?|ones?|pictures?|photos?|이미지|사진|영상|입력)?\s*"
               rf"(?:은|는|의|이면|일\s*때|:|=|→|->|has|have|uses?|with|takes?|is|are)?\s*"
               rf"(?:채널\s*(?:수|이|은|는)?\s*)?(?P<n>\d)(?![\d,.]\d|\d)\s*(?:개\s*)?(?:의\s*)?{_CHANNELS}?",
               re.I),
    # 3 channels for colour, 1 channel (grayscale), 3채널 컬러
    # after a comma that ends a shape's side (``images(256*256, 3 channels for RGB)``),
    # not one in a list of small counts (``1,2 channels``)
    re.compile(rf"(?<![\d.x×*])(?<!(?<![\d,])\d,)(?P<n>\d)(?![\d,.]\d|\d)\s*(?:개\s*(?:의\s*)?)?"
               rf"{_CHANNELS}\s*"
               rf"(?:for|of|in|per|\(|,|짜리|인)?\s*(?:an?\s+|the\s+)?{_KIND}", re.I),
)
_NEEDS = ("color", "colour", "rgb", "컬러", "칼라", "색상", "천연색", "gray", "grey", "mono",
          "흑백", "회색조", "그레이")


def check_line(number: int, text: str) -> list[Claim | Skip]:
    low = text.lower()
    if not any(w in low for w in _NEEDS) or not any(c.isdigit() for c in text):
        return []
    out: list[Claim | Skip] = []
    seen: set[int] = set()
    for i, rx in enumerate(_FORMS):
        for m in rx.finditer(text):
            if m.start("n") in seen:
                continue
            if i == 1 and not re.search(_CHANNELS, m.group(0), re.I) and \
                    not re.search(r"channel|채널|shape|input|입력", text, re.I):
                continue  # "RGB 3": a count of channels only where channels are spoken of
            seen.add(m.start("n"))
            out.append(_judge(number, text, m.group("kind"), int(m.group("n"))))
    return out


def _judge(number: int, text: str, kind: str, n: int) -> Claim | Skip:
    colour = re.fullmatch(_COLOUR, kind.strip(), re.I) is not None
    want = 3 if colour else 1
    shown = " ".join(text.split())[:120]
    name = "a colour (RGB) image" if colour else "a grayscale image"
    if n == want:
        return Claim(number, shown, "model", str(n), str(want), "right",
                     f"{name} has {want} channel{'s' if want > 1 else ''}")
    if colour and n in (1, 2):
        return Claim(number, shown, "model", str(n), str(want), "wrong",
                     f"{name} has 3 channels (red, green, blue), not {n}", confidence=0.9)
    return Skip(number, shown, f"unsure: {n} channels of {name} (an alpha channel, a gray "
                               "image copied to three, another kind of image)")


NEEDS = _NEEDS
__all__ = ["check_line", "NEEDS"]
