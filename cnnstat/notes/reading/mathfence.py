"""A fence labelled Python that holds a worked answer, not code::

    ```python
    Conv2d parameters:
    (kernel_h × kernel_w × in_channels × out_channels) + bias
    = (3 × 3 × 3 × 64) + 64
    = 1,792 parameters
    ```

Notes (and the tools that write them) label a fence ``python`` for its colours. Such a
fence is read as text, as a fence without a language is, where its lines are no Python:
they do not parse (``ast``, indentation removed), none opens a statement Python's way
(``def``, ``class``, ``import``, ``for ...:``, ``print(``, ``x = f(...)``), and outside
comments they hold a sign Python does not write (``×``, ``÷``, ``≈``, ``→``, ``²``), a
line that opens with ``=``, or a calculation's result after ``=`` (``(32 - 5) / 2 + 1 =
14``). A fence of more than ``LIMIT`` lines, or one never closed, is
code as labelled.
"""

from __future__ import annotations

import ast
import re
import textwrap
from typing import Iterable, Iterator

LIMIT = 80  # the most lines a fence read ahead may hold
LABELS = {"python", "py", "python3", "ipython", "pycon"}
_MATH = re.compile(r"[×÷≈→⌊⌋⌈⌉√²³·]|^\s*=(?!=)|[0-9)]\s*=\s*[0-9][0-9,.]*\s*[A-Za-z]*\s*$", re.M)
_CODE = re.compile(r"^\s*(?:def|class|import|from|return|with|while|try|except|elif|else|"
                   r"assert|raise|pass|yield|global|lambda)\b|"
                   r"^\s*(?:for|if)\b.*:\s*$|^\s*print\s*\(|^\s*@\w|"
                   r"^\s*[A-Za-z_][\w.]*\s*=\s*[A-Za-z_][\w.]*\s*\(|^\s*>>>", re.M)


class Ahead:
    """The note's lines, with the lines of a fence readable ahead of their turn."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._source = iter(lines)
        self._kept: list[str] = []

    def __iter__(self) -> Iterator[str]:
        while True:
            if self._kept:
                yield self._kept.pop(0)
                continue
            try:
                yield next(self._source)
            except StopIteration:
                return

    def fence(self, marker: str) -> list[str] | None:
        """The lines up to the one that closes the fence ``marker`` opened (kept to be
        read in their turn), or None where it does not close within ``LIMIT`` lines."""
        kept, k = self._kept, 0  # each line tested once, not again with every line read
        while len(kept) <= LIMIT:
            while k < len(kept):
                if kept[k].strip().startswith(marker):
                    return kept[:k]
                k += 1
            try:
                kept.append(next(self._source))
            except StopIteration:
                return None
        return None


def worked(lines: list[str] | None) -> bool:
    """Whether a fence labelled Python holds a worked answer rather than code."""
    if not lines:
        return False
    text = "\n".join(lines)
    bare = "\n".join(line.split("#", 1)[0] for line in lines)
    if not _MATH.search(bare) or _CODE.search(bare):
        return False
    try:
        ast.parse(textwrap.dedent(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    return False


__all__ = ["Ahead", "LABELS", "worked"]


# the opening of a Python definition or import: a fence without a language that opens so
# and parses is code ("class Net(nn.Module):", "def forward(self, x):")
_OPENS_CODE = re.compile(r"^\s*(?:def\s+\w+\s*\(|class\s+\w+\s*[(:]|import\s+\w|from\s+[\w.]+\s+import\b)")


def python(lines: list[str] | None) -> bool:
    """Whether a fence without a language holds Python code: its first line that is not
    blank or a comment opens a definition or an import, and the whole parses."""
    first = next((line for line in lines or () if line.strip() and
                  not line.lstrip().startswith("#")), None)
    if first is None or not _OPENS_CODE.match(first):
        return False
    try:
        ast.parse(textwrap.dedent("\n".join(lines or ())))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
