"""A calculation typed alone into a notebook cell or an interpreter, and the value it
echoes under it::

    ```python
    3*96*11*11+96+96*256*5*5+256
    ```

    ```
    650752
    ```

    >>> 224*224*3            In [4]: (227 - 11) // 4 + 1
    150528                   Out[4]: 55

The calculation is a line of numbers and Python's operators alone (``+ - * / // ** %``
and brackets; a ``>>>`` or ``In [n]:`` before it), the last line of its cell; the value
is a line holding one number alone (an ``Out[n]:`` before it), at most ``GAP`` lines under
it with nothing but a cell's fences and blanks between. The calculation is worked out as
Python would (``/`` divides, ``//`` floors). The value is right where it is the result (a
decimal to the digits it shows), and the calculation's line is then right too; else the
value is wrong (an echo is the interpreter's, so a figure other than the result was
typed or edited by hand).
"""

from __future__ import annotations

import ast
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim

GAP = 4  # the value's line under the calculation's: a fence, a blank and a fence between
CONFIDENCE = 0.9  # the number under the cell is taken to be what the cell echoed
_CALC = re.compile(r"^\s*(?:>>>\s*|In\s*\[\s*\d*\s*\]:\s*)?"
                   r"(?P<e>[0-9(][0-9 \t()+\-*/%.]*[0-9)])\s*$")
_VALUE = re.compile(r"^\s*(?:Out\s*\[\s*\d*\s*\]:\s*)?(?P<v>-?[0-9]+(?:\.[0-9]+)?)\s*$")
_OPERATOR = re.compile(r"[0-9)]\s*(?:[-+*/%]|\*\*|//)\s*[0-9(]")
NEEDS = r"^\s*(?:>>>|In\s*\[|Out\s*\[)?\s*[0-9(-]"  # a prefilter (a pattern)


def _value(node: ast.AST) -> Fraction | None:
    """A calculation of numbers as Python works it out, exactly; None for anything else."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Fraction(node.value) if type(node.value) is int else Fraction(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _value(node.operand)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if not isinstance(node, ast.BinOp):
        return None
    a, b = _value(node.left), _value(node.right)
    if a is None or b is None:
        return None
    op = node.op
    if isinstance(op, ast.Add):
        return a + b
    if isinstance(op, ast.Sub):
        return a - b
    if isinstance(op, ast.Mult):
        return a * b
    if isinstance(op, (ast.Div, ast.FloorDiv, ast.Mod)) and b == 0:
        return None
    if isinstance(op, ast.Div):
        return a / b
    if isinstance(op, ast.FloorDiv):
        return Fraction(a // b)
    if isinstance(op, ast.Mod):
        return a % b
    if isinstance(op, ast.Pow) and b.denominator == 1 and 0 <= b <= 64 and abs(a) < 10 ** 6:
        return a ** int(b)
    return None


def calculation(raw: str) -> tuple[str, Fraction] | None:
    """(the calculation as written, its value) of a line that holds one alone."""
    m = _CALC.match(raw)
    if m is None or not _OPERATOR.search(m.group("e")):
        return None
    text = m.group("e")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    got = _value(tree)
    return None if got is None else (text.strip(), got)


class Echo:
    """The calculation last typed alone, waiting for its value."""

    def __init__(self) -> None:
        self.held: tuple[int, str, Fraction] | None = None

    def code(self, number: int, raw: str) -> list[Claim]:
        """A line of code: a calculation alone is held; any other line lets it go (the
        calculation is then no cell's last line)."""
        got = calculation(raw) if raw.strip() else None
        if raw.strip():
            self.held = None if got is None else (number, *got)
        return []

    def text(self, number: int, raw: str) -> list[Claim]:
        """A line of prose or of a plain fence: an interpreter's calculation (``>>>``) is
        held; a value alone under the held one is judged."""
        held, self.held = self.held, None
        m = _VALUE.match(raw)
        if m is None or held is None or not 0 < number - held[0] <= GAP:
            got = calculation(raw) if re.match(r"\s*(?:>>>|In\s*\[)", raw) else None
            self.held = None if got is None else (number, *got)
            return []
        line, text, result = held
        said = m.group("v")
        stated = Fraction(said)
        places = len(said.partition(".")[2])
        close = abs(stated - result) <= Fraction(1, 2 * 10 ** places) if places else \
            stated == result
        shown = _shown(result)
        how = f"{text} = {shown}"
        if close:
            return [Claim(line, text, "arithmetic", shown, shown, "right",
                          "the value echoed under it", confidence=CONFIDENCE),
                    Claim(number, said, "arithmetic", said, shown, "right", how,
                          confidence=CONFIDENCE)]
        return [Claim(number, said, "arithmetic", said, shown, "wrong", how,
                      confidence=CONFIDENCE)]


def _shown(v: Fraction) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    return f"{float(v):.6g}"


__all__ = ["Echo", "calculation"]
