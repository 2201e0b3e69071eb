"""Reading a note file: its encoding (UTF-8, or UTF-16/32 named by a byte-order mark),
every newline convention (``\\n``, ``\\r\\n`` and a lone ``\\r``), and the size limit.

``read_note`` returns the whole text (``check --fix`` rewrites it); ``read_note_as`` also
says how to encode it back. ``iter_note_lines`` reads a file of any size in chunks and
yields its lines, holding one chunk and one line at a time.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator, NamedTuple

from cnnstat.errors import SpecError

MAX_NOTE_BYTES = 100 * 2**20  # a bigger file is refused before it is read
CHUNK = 1 << 20


class NoteError(ValueError):
    """A file that cannot be read as a note (missing, a directory, not text)."""


class Encoding(NamedTuple):
    name: str  # the Python codec, without BOM handling
    bom: bytes  # written back in front of the text

    @property
    def label(self) -> str:
        return self.name.upper() + (" with a byte-order mark" if self.bom and
                                    self.name == "utf-8" else "")

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.name)


UTF8 = Encoding("utf-8", b"")
# longest first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = (Encoding("utf-32-le", codecs.BOM_UTF32_LE), Encoding("utf-32-be", codecs.BOM_UTF32_BE),
         Encoding("utf-8", codecs.BOM_UTF8), Encoding("utf-16-le", codecs.BOM_UTF16_LE),
         Encoding("utf-16-be", codecs.BOM_UTF16_BE))

_NEWLINE = re.compile(r"\r\n|\n|\r")


def split_lines(text: str) -> list[str]:
    """Lines without their endings: ``\\n``, ``\\r\\n`` and a lone ``\\r`` (old Mac) each
    end a line; nothing else does. A final line ending adds no empty line."""
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def iter_split_lines(text: str) -> Iterator[str]:
    """``split_lines(text)`` one line at a time, without a list of them all."""
    start, end = 0, len(text)
    for m in _NEWLINE.finditer(text):
        yield text[start:m.start()]
        start = m.end()
    if start < end:
        yield text[start:]


def split_keep_ends(text: str) -> list[str]:
    """Lines with their endings, as ``split_lines`` cuts them: ``"".join`` gives back
    ``text`` exactly."""
    out, start = [], 0
    for m in _NEWLINE.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _encoding(path: str | Path, head: bytes) -> Encoding:
    """The encoding a note's first bytes declare; a NoteError names what it looks like
    when it is not text cnnstat reads."""
    for enc in _BOMS:
        if head.startswith(enc.bom):
            return enc
    if b"\0" in head[:8192]:
        sample = head[:4096]
        even, odd = sample[0::2], sample[1::2]
        guess = ""
        if sample and sample[1::4].count(0) + sample[2::4].count(0) + \
                sample[3::4].count(0) > 0.9 * 3 * len(sample[1::4]) and sample[0::4].count(0) == 0:
            guess = "UTF-32-LE"
        elif sample and sample[0::4].count(0) + sample[1::4].count(0) + \
                sample[2::4].count(0) > 0.9 * 3 * len(sample[0::4]) and sample[3::4].count(0) == 0:
            guess = "UTF-32-BE"
        elif odd and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            guess = "UTF-16-LE"
        elif even and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            guess = "UTF-16-BE"
        if guess:
            raise NoteError(f"{path}: looks like {guess} text without a byte-order mark; "
                            "save it as UTF-8 (or with a byte-order mark) to check it")
        raise NoteError(f"{path}: a binary file, not a note")
    return UTF8


def read_note_as(path: str | Path) -> tuple[str, Encoding]:
    """The text of the note at ``path`` and its encoding (``Encoding.encode`` writes a
    fixed text back in it)."""
    from cnnstat.files.safeio import read_capped

    try:  # stat'ed before it is read: a FIFO, a folder or a 5 GB file is refused first
        data = read_capped(path, MAX_NOTE_BYTES, "note")
    except SpecError as err:
        raise NoteError(str(err)) from None
    enc = _encoding(path, data[:8192])
    try:
        text = data[len(enc.bom):].decode(enc.name)
    except UnicodeDecodeError as err:
        raise NoteError(f"{path}: not {enc.label} text ({err.reason} at byte "
                        f"{err.start + len(enc.bom)})") from None
    if enc is not UTF8 and "\0" in text:
        raise NoteError(f"{path}: a binary file, not a note")
    return text, enc


def read_note(path: str | Path) -> str:
    """The text of the note at ``path`` (UTF-8, or UTF-16/32 with a byte-order mark)."""
    return read_note_as(path)[0]


def iter_note_lines(path: str | Path, chunk: int = CHUNK) -> Iterator[str]:
    """The note's lines without their endings, read ``chunk`` bytes at a time: memory
    stays flat however big the file (up to ``MAX_NOTE_BYTES``)."""
    from cnnstat.files.safeio import check_file, describe_os_error

    try:
        check_file(path, MAX_NOTE_BYTES, "note")
        fh = open(path, "rb")
    except SpecError as err:
        raise NoteError(str(err)) from None
    except OSError as err:
        raise NoteError(f"{path}: {describe_os_error(err)}") from None
    with fh:
        enc = _encoding(path, fh.read(8192))
        fh.seek(len(enc.bom))
        decoder = codecs.getincrementaldecoder(enc.name)()
        data, offset, carry = fh.read(chunk), len(enc.bom), ""
        while True:
            final = not data
            try:
                text = carry + decoder.decode(data, final=final)
            except UnicodeDecodeError as err:
                raise NoteError(f"{path}: not {enc.label} text ({err.reason} near byte "
                                f"{offset + err.start})") from None
            offset += len(data)
            if not final and text.endswith("\r"):  # may be the first half of \r\n
                text, carry = text[:-1], "\r"
            else:
                carry = ""
            parts = _NEWLINE.split(text)
            if final:
                if parts and parts[-1] == "":
                    parts.pop()
                yield from parts
                return
            carry = parts.pop() + carry
            yield from parts
            data = fh.read(chunk)
            if len(carry) > MAX_NOTE_BYTES:  # pragma: no cover - bounded by the file size
                raise NoteError(f"{path}: a line longer than the whole size limit")
