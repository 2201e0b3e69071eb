"""LeNet's ``count@size`` worked out as an equation (``512@1x3x3 = 3072``, ``16@5x5 =
400``): the count of maps times their sides, so the ``@`` multiplies. Written as ``x``
at the same place (positions stay the raw line's), and only before a result that no word
follows (``6@28x28 = 6 maps`` glosses the figure, it is no product)."""

from __future__ import annotations

import re

_AT = re.compile(r"(?<![\w.,@])\d{1,5}\s*(@)\s*\d{1,4}(?:\s*[x×X*]\s*\d{1,4}){1,3}\s*=\s*"
                 r"\d[\d,]*(?:\.\d+)?(?=\s*(?:[?.;:)]|$))")


def at_products(s: str) -> str:
    """``s`` with the ``@`` of each ``count@sides = total`` written as ``x``."""
    if "@" not in s:
        return s
    chars = list(s)
    for m in _AT.finditer(s):
        chars[m.start(1)] = "x"
    return "".join(chars)
