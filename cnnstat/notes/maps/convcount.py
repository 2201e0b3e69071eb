"""How many convolutions take a map from one size to another: a question that sets it
(``How many times must a 3x3 convolution be applied to go from 199x199 to 1x1?``,
``25x25에서 1x1이 되려면 5x5 합성곱을 몇 번 해야 할까?``) and the counts its answer states
below it (``99 convolutions``, ``applied 100 times``, ``"99" 3x3 convolutions``, ``n = 100``,
``Number of convolutions required: 100``, ``합성곱 12번``).

Each convolution is valid with stride 1 (the only way a count takes a size down to another
one), so it takes ``k - 1`` off a side: the count is ``(N - M) / (k - 1)``. A question that
states a stride or padding other than 1 and 0, or sizes that no whole count joins, sets
nothing. The answer runs until another question, ``SPAN`` lines or a heading (one under
a question that is itself a heading goes on with the answer); a count far
from the true one (under half or over twice it) is of something else and not judged.
"""

from __future__ import annotations

import re

from cnnstat.notes.maps import sizechain
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.settings import CONV_WORD

SPAN = 120  # lines an answer may run on (a chain of sizes written out, one a line)
# a question of a count of convolutions: "how many times", "how many 3x3 convolutions",
# "몇 번", "몇 개의 합성곱"; not "how many parameters"
_ASK = re.compile(r"how\s+many\s+(?:times\b|(?:\d{1,2}\s*[x×]\s*\d{1,2}\s+)?(?:conv|layers\b))|"
                  r"몇\s*(?:번|회|층|개의\s*(?:\d{1,2}\s*[x×]\s*\d{1,2}\s*)?(?:합성곱|컨볼루션|층|레이어))",
                  re.I)
_CONV = CONV_WORD
_SIZE = re.compile(r"(?<![0-9A-Za-z_.])(\d{1,4})\s*[x×*]\s*(\d{1,4})"
                   r"(?![0-9A-Za-z_]|\.\d|\s*[x×*]\s*\d)")
_KERNEL_AFTER = re.compile(r"\s*(?:conv|kernel|filter|matrix|합성곱|컨볼루션|커널|필터)", re.I)
_KERNEL_BEFORE = re.compile(r"(?:kernels?|filters?|커널|필터)\s*(?:of\s+)?(?:size\s+)?$", re.I)
_SETTING = re.compile(r"(stride|padding|스트라이드|패딩)\s*(?:of|=|:|is|가|는)?\s*(\d+)", re.I)
_SAME = re.compile(r"\bsame\b|dilat|transpos|upsampl", re.I)
# a count and what it counts: "99 convolutions", "100 times", "합성곱 12번"
# (a half written out: "199/2 = 99.5 layers"; "a 100 such operations")
_COUNT = re.compile(r"(?<![\w.,x×*/+\-])[\"'“”]?(\d{1,4}(?:\.5)?)[\"'“”]?\s*(?:more\s+)?"
                    r"(?:\d{1,2}\s*[x×]\s*\d{1,2}\s*)?(?:convolutions?\b|convs?\b|"
                    r"conv(?:olution(?:al)?)?\s+(?:layers?|operations?)\b|layers\b|times\b|steps\b|"
                    r"such\s+operations\b|"
                    r"번|회)", re.I)
# a count's label, the count the last number after it: "Number of convolutions: 100",
# "No. of terms ... = 100", "n = 100" (the unknown the working solves for), "Total: 20 * 5 = 100"
_LABEL = re.compile(r"(?:number|no\.?)\s+of\s+(?:convolutions?|convs?|layers|terms|times|"
                    r"steps|operations)|\b[nx]\s*=|^\s*total\b|횟수", re.I)
_LAST = re.compile(r"(?:=|:|\bis|\bare)\s*[\"'“”]?(\d{1,4})[\"'“”]?\s*\.?\s*$", re.I)
_OTHER = re.compile(r"param|weight|pixel|channel|filter|파라미터|가중치|채널", re.I)
_NEXT_QUESTION = re.compile(r"^\s*(?:Q\s*\d+|\d+\s*[.)])\s*\S.{0,200}?"
                            r"(?:\b(?:what|why|how|which|explain)\b|무엇|왜|어떻게|몇|얼마)", re.I)

# a count offered beside another: "99 or 100 times", "99~100번"
_EITHER = re.compile(r"(?<![\d.])(\d{1,4})\s*(?:or|to|~|-|–|/|또는|혹은)\s*[\"'“”]?$", re.I)
# an answer worked as an arithmetic progression: its n counts the terms, the sizes
_TERMS = re.compile(r"progression|\bterms\b|\ba_?n\s*=\s*a_?1|\(n\s*-\s*1\)\s*[*×x·]?\s*d\b|등차", re.I)


def asked(masked: str) -> tuple[int, int | None, int] | None:
    """(kernel, from, to) a question sets: a kernel written beside a convolution word,
    and two map sizes, the larger the start (one: the target, the start left to the
    chain the answer writes out); None where it sets none or another layer."""
    if not _ASK.search(masked) or not _CONV.search(masked) or _SAME.search(masked):
        return None
    if any(int(m.group(2)) != (1 if m.group(1).lower() in ("stride", "스트라이드") else 0)
           for m in _SETTING.finditer(masked)):
        return None
    kernels, maps = [], []
    for m in _SIZE.finditer(masked):
        if m.group(1) != m.group(2):
            return None  # a map or a kernel that is not square
        side = int(m.group(1))
        if _KERNEL_AFTER.match(masked, m.end()) or _KERNEL_BEFORE.search(masked, 0, m.start()):
            kernels.append(side)
        else:
            maps.append(side)
    if len(set(kernels)) != 1 or len(maps) not in (1, 2) or kernels[0] < 2:
        return None
    k, (small, big) = kernels[0], sorted(maps) if len(maps) == 2 else (maps[0], None)
    if small == big or (big is not None and (big - small) % (k - 1)):
        return None
    return k, big, small


# a division worked out in the answer ("Its 199/2 = 100."): its result, the count
_DIVIDED = re.compile(r"\d\s*\)?\s*[/÷]\s*\(?\s*\d[^=]{0,20}=\s*(\d{1,4})(?![\d.,]\d)")


def _claimed(masked: str, k: int, big: int | None = None) -> list[tuple[int, int, int]]:
    """(count, start, end) of the counts a line of the answer states; none on a line that
    names another kernel (``with 5x5 kernels it would take 50``). A division's result on a
    line of the answer is the count too, unless it is a size on the chain from ``big``
    (``(199 - 3)/2 ...``, not a count)."""
    if any(m.group(1) == m.group(2) and int(m.group(1)) != k and
           _KERNEL_AFTER.match(masked, m.end()) for m in _SIZE.finditer(masked)):
        return []
    found = [(float(m.group(1)) if "." in m.group(1) else int(m.group(1)), m.start(1), m.end(1))
             for m in _COUNT.finditer(masked)]
    if not found and _LABEL.search(masked) and not _OTHER.search(masked):
        m = _LAST.search(masked)
        if m is not None:
            found = [(int(m.group(1)), m.start(1), m.end(1))]
    if not found and big is not None and not _OTHER.search(masked):
        got = list(_DIVIDED.finditer(masked))
        if len(got) == 1 and (int(got[0].group(1)) > big or
                              (big - int(got[0].group(1))) % (k - 1)):
            found = [(int(got[0].group(1)), got[0].start(1), got[0].end(1))]
    return found


class Counts:
    """The question being answered: its kernel, sizes and line."""

    def __init__(self) -> None:
        self.question: tuple | None = None  # (line, k, from or None, to)
        self.level = 99  # the question's heading level; any heading ends a question in prose
        self.chain = sizechain.Chain()  # the sizes its answer writes out
        self.terms = False  # the answer counts a progression's terms (the sizes, one more)

    def restates(self, masked: str) -> bool:
        """Whether a line names the open question's kernel and both its sizes (``we are
        asked to apply 3x3 convolutions to reach 1x1 from 199x199``): the question again,
        not one layer taking one size to the other."""
        q = self.question
        if q is None:
            return False
        sides = {int(m.group(1)) for m in _SIZE.finditer(masked) if m.group(1) == m.group(2)}
        return None not in q and set(q[1:]) <= sides

    def check_line(self, number: int, masked: str, level: int = 0) -> list[Claim]:
        """``level``: a heading's (``###``: 3), 0 for any other line."""
        q = self.question
        asks = "?" in masked or "몇" in masked or "many" in masked.lower()  # cheap first
        if q is not None and (number - q[0] > SPAN or asks or 0 < level <= self.level or
                              _NEXT_QUESTION.match(masked)):
            self.question = q = None  # another question (one that sets nothing too)
        if asks:
            got = asked(masked)
            if got is not None:
                # a heading under the question's own goes on with its answer
                self.question, self.level = (number,) + got, level or 99
                self.chain.reset()
                self.terms = False
            return []
        if q is None:
            return []
        _, k, big, small = q
        self.terms = self.terms or _TERMS.search(masked) is not None
        # the question restated is no step of the chain
        out = [] if self.restates(masked) else self.chain.check_line(number, masked, k)
        if big is None:  # the start the chain written out begins with
            big = self.chain.first
            if big is None or big <= small or (big - small) % (k - 1):
                return out
        want = (big - small) // (k - 1)
        for count, start, end in _claimed(masked, k, big):
            other = _EITHER.search(masked, 0, start)
            if other is not None and int(other.group(1)) == want:
                continue  # "99 or 100 times": one of two offered is the count
            if not want / 2 <= count <= want * 2:
                continue  # a count of something else
            if count == want + 1 and self.terms and \
                    not any(m.start(1) == start for m in _COUNT.finditer(masked)):
                continue  # "n = 100" of "a_n = a_1 + (n - 1)d": the sizes counted, not the steps
            ok = count == want
            out.append(Claim(number, masked[start:end], "count", str(count), want,
                             "right" if ok else "wrong",
                             f"{want} valid {k}x{k} convolutions (stride 1) take {big}x{big} "
                             f"to {small}x{small}: ({big} - {small}) / ({k} - 1)",
                             () if ok else (Edit(number, start, end, str(want)),),
                             str(want)))
        return out
