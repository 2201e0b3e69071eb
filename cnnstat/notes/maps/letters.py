"""Layer settings by their letters, as course notes write them: ``s = 4, p = 0``
(``96@ 11x11, s = 4, p = 0``, ``(3x3, s=1 p=1)``), and the filter's size ``f = 3`` beside
a stride or padding letter (``f = 3, s = 1, p = 0 with 10 filters``), each letter with its
layer's index after it or not (``f^{[1]} = 3``, ``s[2] = 2``; masked brackets leave
``f 2 = 3``), written tight (``\\left[ 1 \\right]``, blanked wide, is a diagram's, not
read). ``walkthrough.describe`` reads a layer's settings with them.
"""

from __future__ import annotations

import re

from cnnstat.notes.maps.mapread import maps
from cnnstat.notes.signs import Gated

# a stride or padding by its letter: "96@ 11x11, s = 4, p = 0", "(3x3, s=1 p=1)"; the filter's
# size beside one of them ("f = 3, s = 1, p = 0"), a layer's index after each: "f^{[1]} = 3"
LETTER = Gated(("=",), r"(?<![A-Za-z0-9_.\\])([fsp])(?:\^\{? {0,2}\[? {0,2}[0-9l]{1,2} {0,2}\]? {0,2}\}?|"
               r"\[? {0,2}[0-9l]{1,2} {0,2}\]| [0-9l]{1,2} {1,2})?\s*=\s*([0-9]{1,2})(?![0-9]|\.[0-9])", re.I)


def f_letter(masked: str) -> set[str]:
    """The filter's size by its letter, lower-case ``f`` (the course notation), on a line
    with no map before it: a map there may be the layer's input or, in a diagram's arrow
    pointing back (``7 x 7 x 40 @<{f = 5, s = 2}<< 17 x 17 x 20``), its output."""
    found = [m for m in LETTER.finditer(masked) if m.group(1) == "f"]
    if found and any(mp.start < found[0].start() for mp in maps(masked)):
        return set()
    return {m.group(2) for m in found}
