"""The one error type users see: a spec problem located by file, line and layer path."""

from __future__ import annotations


MAX_MESSAGE = 1000  # characters; a value quoted from a hostile spec can be megabytes


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut in the middle to at most about ``limit`` characters, saying so."""
    if len(text) <= limit:
        return text
    head, tail = text[:limit * 3 // 4], text[-(limit // 5):]
    return f"{head} … ({len(text) - len(head) - len(tail):,} characters cut) … {tail}"


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
