"""Numbers as study notes write them: ``294,912``, ``56_448``, ``205'056``, ``1,28,800`` (after ``=``),
``60M``, ``60.97 M``, ``2,4 M``, ``60 million``, ``= 120m`` (a result's glued m), ``553 MB``, ``4만``, ``2억 5000만``,
``6천만``, ``6 천만``. ``read_number`` reads one at a position into a ``Number``: its
exact value (``fractions.Fraction``) *and* the precision it was written with, so that a
claim is judged to the digits it shows. Every number is bounded: more than
``MAX_DIGITS`` digits is refused at once.

This is the numeral half of the one normalisation pass (``normalise.scan`` calls it for
every number of a line); nothing else in ``notes/`` reads digit groups or scales.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

MAX_DIGITS = 30  # a longer number is refused, not read

BYTE_UNITS = {"b": 1, "bytes": 1, "byte": 1, "바이트": 1, "kb": 10**3, "mb": 10**6,
              "gb": 10**9, "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30,
              "tib": 2**40}
_BYTES = re.compile(r" ?(KiB|MiB|GiB|TiB|[KkMGT]B|[KMGT]b|B|bytes?|바이트)(?:(?<=[KkMGTi]B)s)?(?![A-Za-z])")  # MBs, KiBs
_ONE = Fraction(1)
# what can follow the digits of a number and change it: a point or comma, a scale (K M B
# G k 만 억 조 십 백 천), a byte unit, a space before a unit or a scale word
_MAY_FOLLOW = frozenset(".,KMBGTk만억조십백천 \u00a0b바¦eE")
# after a number and one space, what may begin a scale or a unit that changes it (a Korean
# unit, a byte unit, a letter scale, a scale word: "6 천만", "553 MB", "120 M", "60 million");
# after anything else the number is read as it stands. The empty string: the line ends.
_MAY_FOLLOW_SPACE = frozenset("십백천만억조KMGTkBb바tm")
_EXPONENT = re.compile(r"[eE]([+-]?[0-9]{1,2})(?!\w|\.\d)")
_COUNTED = re.compile(r"\s?(?:FLOPs?|FLOPS|MACs?|MAdds|mult-?adds|multiply-adds|ops\b|"
                      r"operations|params?\b|parameters|weights|connections|연산|파라미터)",
                      re.I)
# a line that writes B as billion before what it counts ("0.39B FLOPs", "1.5B params")
_BILLIONS = re.compile(r"\d\s?B(?i:" + _COUNTED.pattern + ")")
# a width in bytes multiplied after a figure: "1.65B × 4 bytes", "2.5B * 2 B (fp16)"
_TIMES_WIDTH = re.compile(r"\s*[×x*·]\s*[0-9]+(?:\.[0-9]+)?\s?(?:bytes?|B(?![A-Za-z]))")
# what after a result's glued "m" makes it a unit, not a million: m², ms, mm, m/s, m^2
_NOT_MILLION = re.compile(r"[A-Za-z0-9²³^/·*]")
SUFFIXES = {"K": 10**3, "k": 10**3, "M": 10**6, "B": 10**9, "G": 10**9}
WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9,
               # their short forms: "120 Mil", "2.5 mln", "3.8 bn", "1.2 bil"
               "mil": 10**6, "mln": 10**6, "bn": 10**9, "bil": 10**9}
KOREAN_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}
KOREAN_SMALL = {"십": 10, "백": 100, "천": 1000}


class Refused(ValueError):
    """Input the parser will not read: too long, too large, or not an expression."""


class Number(NamedTuple):
    """A number as written: its exact value and the precision it was written with."""

    value: Fraction
    precision: Fraction  # value of one unit in the last digit shown (60M -> 10**6)
    text: str
    style: str  # "plain" | "grouped" (294,912) | "suffix" | "word" | "korean"
    unit: int = 1  # the scale written after the digits (M -> 10**6)
    unit_text: str = ""  # "M", " million", "만", ...
    decimals: int = 0  # digits after the point, in the unit


# writes it); LaTeX writes a group's comma in braces (3{,}000{,}000) so that it takes no
# space after it
_DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]{1,3}(?:_[0-9]{3})+(?![0-9_])|"
                     r"[0-9]{1,3}(?:'[0-9]{3})+(?![0-9'])|"  # Swiss: 205'056
                     r"[0-9]{1,3}(?:,\\?![0-9]{3})+(?![0-9])|"  # LaTeX's 86,\!704 (or 86,!704)
                     r"[0-9]{1,3}(?:\{,\}[0-9]{3})+(?![0-9])|[0-9]+")
# Indian grouping (1,28,800 = 128,800): read only where a result is expected, after '='
_INDIAN = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9,])")
_TEXT_UNIT = re.compile(r"\\(?:text|mathrm|textrm|mbox)\{( ?[^{}\\]{1,12})\}")
_RUN = re.compile(r"[0-9,_'!\\]*")
_DECIMAL_COMMA = re.compile(r",([0-9]{1,2})(?= ?[KMBG](?![A-Za-z]))")
_FRACTION = re.compile(r"\.([0-9]+)(?![0-9])")
_VERSION = re.compile(r"\.[0-9]+\.[0-9]")
# the words take a plural; their short forms none, and "BN" in capitals is a batch norm
# ("+ 2 BNs × 128", "3 BN layers"), never a billion
_WORD_SCALE = re.compile(r"[ \u00a0]?(?:(?i:(thousand|million|billion))s?|(?i:(mil|mln|bil))|"
                         r"(bn|Bn))(?![A-Za-z])")
_KOREAN_RUN = re.compile(r"(?:[0-9,.]|\{,\})*")
# a space, then a Korean unit that ends the number ("6 천만 개", "3 억"): not "3 천천히"
_SPACED_KOREAN = re.compile(r"[ ¦][십백천]?[만억조](?![\uac00-\ud7a3])|[ ¦][만억조](?=\s?개)")
_KOREAN_NEXT = re.compile(r"[ \u00a0]?([0-9]{1,4}|[0-9],[0-9]{3})(?=[십백천만억조])")


_new = tuple.__new__  # a Number made without its class's keyword-reading constructor


def is_digit(ch: str) -> bool:
    """An ASCII digit: the only digits a number is read from."""
    return "0" <= ch <= "9"


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"


def _int(digits: str) -> int:
    return int(digits.replace(",", "").replace("_", "").replace("'", "").replace("{", "")
               .replace("}", "").replace("\\", "").replace("!", ""))


def read_number(s: str, i: int, result: bool = False) -> tuple[Number, int] | None:
    """Read the number starting at ``s[i]`` (a digit): digits, an optional fraction, and
    a scale (``M``, `` million``, Korean ``만``/``억``...). Returns it and the end index.
    Raises ``Refused`` for a number longer than ``MAX_DIGITS`` digits."""
    m = (_INDIAN.match(s, i) if result else None) or _DIGITS.match(s, i)
    if not m:
        return None
    digits = m.group(0)
    if len(digits) > MAX_DIGITS:
        run = _RUN.match(s, i).group(0)
        if sum(ch.isdigit() for ch in run) > MAX_DIGITS:
            raise Refused(f"a number of more than {MAX_DIGITS} digits is refused")
    j = m.end()
    frac = ""
    fm = _FRACTION.match(s, j) if s.startswith(".", j) else None
    if fm and not _VERSION.match(s, j):  # not a version number 1.1.2
        frac = fm.group(1)
        if len(frac) > MAX_DIGITS:
            raise Refused(f"a number of more than {MAX_DIGITS} digits is refused")
        j = fm.end()
    nxt = s[j] if j < len(s) else ""
    if nxt == "\\" and s.startswith("\\", j):
        tm = _TEXT_UNIT.match(s, j)  # 5.4\text{M}, 1.2\text{억}: the scale in LaTeX text
        if tm:
            got = read_number(s[:j] + tm.group(1) + " ", i, result)
            if got and got[1] == j + len(tm.group(1)) and got[0].unit != 1:
                return got[0]._replace(text=s[i:tm.end()]), tm.end()
    if not frac and (nxt not in _MAY_FOLLOW or
                     (nxt == " " and s[j + 1:j + 2] not in _MAY_FOLLOW_SPACE)) and \
            not (result and nxt == "m"):
        # the common case, a plain integer followed by a space or a mark: no scale to read
        if digits.isascii() and digits.isdigit():  # no group marks: the commonest
            return _new(Number, (Fraction(int(digits)), _ONE, digits, "plain", 1, "", 0)), j
        value = _int(digits)
        return (Number(Fraction(value), _ONE, digits,
                       "grouped" if "," in digits or "_" in digits or "'" in digits
                       else "plain"),
                j)
    base = Fraction(_int(digits))
    if frac:
        base += Fraction(int(frac), 10 ** len(frac))
    style = "grouped" if "," in digits or "_" in digits or "'" in digits else "plain"
    em = _EXPONENT.match(s, j) if nxt in "eE" and style == "plain" else None
    if em:  # 10e6, 1.2e9, 5e-4: scientific notation, precise to the mantissa's last digit
        from cnnstat.notes.reading.powers import ten_to  # powers reads Number from here

        mantissa = Number(base, Fraction(1, 10 ** len(frac)), "", "plain", 1, "", len(frac))
        return ten_to(mantissa, int(em.group(1)), s[i:em.end()]), em.end()
    # Korean units: 4만, 14만, 2억 5000만, 6천만, 1.5억; "6 천만" with a space
    if j < len(s) and (s[j] in KOREAN_BIG or s[j] in KOREAN_SMALL):
        return _read_korean(s, i, base, len(frac))
    if (s.startswith(" ", j) or s.startswith("¦", j)) and _SPACED_KOREAN.match(s, j):
        # "6 천만", and "$1{,}445$만": the unit after the math span's closing $ (a bar)
        num, end = _read_korean(s[:j] + s[j + 1:], i, base, len(frac))
        return num._replace(text=s[i:end + 1]), end + 1
    # a decimal comma before a scale: 2,4 M (2.4 million), as European notes write it
    dm = _DECIMAL_COMMA.match(s, j) if "," not in digits and not frac else None
    if dm:
        frac = dm.group(1)
        base += Fraction(int(frac), 10 ** len(frac))
        j = dm.end(1)
    # bytes: 553 MB, 527.8MiB, 93 bytes (a decimal MB may be a MiB mislabelled, as
    # torchsummary labels it: ``agrees`` accepts either)
    bm = _BYTES.match(s, j)
    if bm and bm.group(1) == "B" and _COUNTED.match(s, bm.end()):
        bm = None  # 0.39B FLOPs, 1.5B params: a bare B before what is counted is billion
    elif bm and bm.group(0) == "B" and (frac or digits not in ("1", "2", "4", "8")) and \
            _BILLIONS.search(s):
        bm = None  # "0.39B FLOPs; B7: 66M, 37B": a glued B the line writes as billion
        # (not a parameter's width: "1.5B params x 4B = 6 GB")
    elif bm and bm.group(0) == "B" and (frac or digits not in ("1", "2", "4", "8")) and \
            _TIMES_WIDTH.match(s, bm.end()):
        bm = None  # "1.65B x 4 bytes": a count times a width in bytes (bytes by bytes is
        # no size): the B is billion
    if bm:
        unit_text = bm.group(1)
        unit = BYTE_UNITS[unit_text.lower() if unit_text.lower() in BYTE_UNITS else unit_text]
        prec = Fraction(unit, 10 ** len(frac))
        return (Number(base * unit, prec, s[i:bm.end()], "bytes", unit, s[j:bm.end()],
                       len(frac)), bm.end())
    # a letter suffix: 60M, 1.5G, 120 M (not 60Mb, not 5Gx)
    sp = 1 if (j + 1 < len(s) and s[j] == " " and s[j + 1] in "KMBG") else 0
    k = j + sp
    if k < len(s) and s[k] in SUFFIXES and \
            not (k + 1 < len(s) and s[k + 1].isascii() and s[k + 1].isalpha()):
        unit = SUFFIXES[s[k]]
        prec = Fraction(unit, 10 ** len(frac))
        if not frac:  # 800K, 120 M: the zeros of the mantissa are rounding
            mantissa = _int(digits)
            while mantissa and mantissa % 10 == 0:
                mantissa //= 10
                prec *= 10
        return (Number(base * unit, prec, s[i:k + 1], "suffix", unit, s[j:k + 1], len(frac)),
                k + 1)
    if result and s.startswith("m", j) and not _NOT_MILLION.match(s, j + 1):
        # "= 120m", "= 2.4m": a result a calculation gives, its m a million (notes write
        # it so); glued to the figure only, and not a unit (m², ms, mm, m/s)
        prec = Fraction(10**6, 10 ** len(frac))
        if not frac:
            mantissa = _int(digits)
            while mantissa and mantissa % 10 == 0:
                mantissa //= 10
                prec *= 10
        return (Number(base * 10**6, prec, s[i:j + 1], "suffix", 10**6, "m", len(frac)), j + 1)
    wm = _WORD_SCALE.match(s, j)
    if wm and wm.group(1) == "BN":
        wm = None  # "3 × 256 BN", "64 BN params": capital BN is batch norm, not billion
    if wm:
        unit = WORD_SCALES[next(g for g in wm.groups() if g).lower()]
        prec = Fraction(unit, 10 ** len(frac))
        end = wm.end()
        return (Number(base * unit, prec, s[i:end], "word", unit, s[j:end], len(frac)), end)
    return Number(base, Fraction(1, 10 ** len(frac)), s[i:j], style, 1, "", len(frac)), j


def number_at(s: str, i: int) -> tuple[Number, int] | None:
    """``read_number``, where a number past ``MAX_DIGITS`` digits is no figure (None), as a
    reader that only judges figures takes it."""
    try:
        return read_number(s, i)
    except Refused:
        return None


def _read_korean(s: str, i: int, first: Fraction, decimals: int) -> tuple[Number, int]:
    """``2억 5000만`` = 250,000,000; ``6천만`` = 60,000,000; precision: the last unit."""
    total = Fraction(0)
    group = Fraction(0)  # below 만: 천/백/십 parts
    cur: Fraction | None = first
    j = _KOREAN_RUN.match(s, i).end()
    last_unit = Fraction(1)
    small_unit = None
    while True:
        ch = s[j] if j < len(s) else ""
        if ch in KOREAN_SMALL:
            unit = KOREAN_SMALL[ch]
            group += (cur if cur is not None else 1) * unit
            small_unit = unit
            cur = None
            j += 1
        elif ch in KOREAN_BIG:
            unit = KOREAN_BIG[ch]
            group += cur if cur is not None else 0
            if group == 0:
                break
            total += group * unit
            last_unit = Fraction(unit * (small_unit or 1))
            group, cur, small_unit = Fraction(0), None, None
            j += 1
        else:
            # another group after a space: "2억 5000만" (digits must end in a unit)
            m = _KOREAN_NEXT.match(s, j)
            if m and cur is None and (total or group):  # 1억 3천 8백만
                cur = Fraction(int(m.group(1).replace(",", "")))  # 1억 3,800만
                j = m.end()
                continue
            break
    if cur is not None:
        group += cur
        last_unit = Fraction(1)
    elif group:
        last_unit = Fraction(small_unit or 1)
    total += group
    prec = last_unit / 10**decimals if decimals else last_unit
    text = s[i:j]
    return Number(total, prec, text, "korean", int(last_unit), "", decimals), j
