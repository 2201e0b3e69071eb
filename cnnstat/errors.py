"""The one error type users see: a spec problem located by file, line and layer path."""

from __future__ import annotations


import re

MAX_MESSAGE = 1000  # characters; a value quoted from a hostile spec can be megabytes


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut in the middle to at most about ``limit`` characters, saying so."""
    if len(text) <= limit:
        return text
    head, tail = text[:limit * 3 // 4], text[-(limit // 5):]
    return f"{head} … ({len(text) - len(head) - len(tail):,} characters cut) … {tail}"


# C0 and C1 control characters (ESC, CR, backspace, BEL ...), DEL, and the Unicode
# controls that reorder or hide text (bidi overrides and isolates, line/paragraph
# separators): printed raw they let a file's text retitle the window, clear the screen or
# overprint what cnnstat says
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029"
                       "\u202a-\u202e\u2066-\u2069\ufeff]")
_CONTROLS_NO_NL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029"
                             "\u202a-\u202e\u2066-\u2069\ufeff]")


def _escaped(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` safe to print on a terminal: every control character written as an escape
    (``\\x1b``, ``\\r``, ``\\u202e``); tabs and (with ``newlines``) line feeds kept."""
    return (_CONTROLS if newlines else _CONTROLS_NO_NL).sub(_escaped, text)


class SpecError(Exception):
    """A problem in a spec or in user input.

    The CLI prints ``str(err)`` as one paragraph and exits with status 2; no traceback.
    ``file``, ``line`` and ``path`` (the hierarchical layer name) are filled in as the
    error travels up through the loader, whichever knows them first.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 path: str | None = None) -> None:
        message = shorten(message)
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.path = path

    def locate(self, *, file: str | None = None, line: int | None = None,
               path: str | None = None) -> "SpecError":
        """Fill in whatever location is still unknown; returns self for re-raising."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line = line
        if self.path is None:
            self.path = path
        return self

    def __str__(self) -> str:
        if self.file is None and self.line is None and self.path is None:
            return self.message  # not about a spec's content: a name, an option
        where = self.file or "<spec>"
        if self.line is not None:
            where += f":{self.line}"
        layer = f" (layer '{shorten(self.path, 200)}')" if self.path else ""
        return f"{where}{layer}: {self.message}"
