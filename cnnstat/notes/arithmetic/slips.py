"""A figure that is another figure copied with a slip of the hand.

A total written under the rows it adds, or a count copied from the line above, is the
figure it copies with one slip where its digits are the same but for one digit changed
(``1,250,858`` written ``1,250,958``) or two neighbours swapped (``1,205,858``): the
same length, the same magnitude, so no rounding, scale or other quantity explains it.
A figure that differs by more is some other quantity, not judged here.
"""

from __future__ import annotations

from fractions import Fraction

MIN_DIGITS = 4  # a short figure differs from another by a digit by chance


def slipped(written: Fraction, meant: Fraction) -> bool:
    """Whether ``written`` is ``meant`` with one digit changed or two neighbours swapped."""
    if written == meant or written.denominator != 1 or meant.denominator != 1 \
            or written < 0 or meant < 0:
        return False
    a, b = str(int(written)), str(int(meant))
    if len(a) != len(b) or len(a) < MIN_DIGITS:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 1:
        return diff[0] > 0  # the leading digit changed is another magnitude, not a slip
    return len(diff) == 2 and diff[1] == diff[0] + 1 and \
        a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
