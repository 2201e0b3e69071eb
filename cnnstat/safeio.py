"""Reading a user's file with its kind and size checked first (stat before read)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cnnstat.errors import SpecError

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def describe_os_error(err: OSError) -> str:
    """A short reason for an OSError on a path, without Python's repr of the path."""
    if err.errno == errno.ENAMETOOLONG:
        return "the file name is longer than the system allows"
    if err.errno == errno.ENOENT:
        return "no such file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return err.strerror or str(err)


def kind_of(st: os.stat_result) -> str | None:
    """None for a regular file, else what it is ("a directory", "a named pipe (FIFO)")."""
    for test, name in _KINDS:
        if test(st.st_mode):
            return name
    return None if stat.S_ISREG(st.st_mode) else "not a regular file"


def check_file(path: str | Path, limit: int, what: str) -> os.stat_result:
    """stat ``path``: a SpecError unless it is a regular file of at most ``limit`` bytes."""
    try:
        st = os.stat(path)
    except (OSError, ValueError) as err:
        if isinstance(err, FileNotFoundError):
            reason = "no such spec file" if what == "spec" else "no such file"
        else:
            reason = describe_os_error(err) if isinstance(err, OSError) else "not a valid path"
        raise SpecError(f"{path}: {reason}") from None
    kind = kind_of(st)
    if kind:
        raise SpecError(f"{path}: is {kind}, not a {what} file")
    if st.st_size > limit:
        raise SpecError(f"{path}: the {what} is {st.st_size:,} bytes "
                        f"({st.st_size / 2**20:,.1f} MiB); the limit is {limit:,} bytes "
                        f"({limit / 2**20:,.1f} MiB), checked before reading")
    return st


def read_capped(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (checked before reading)."""
    check_file(path, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise SpecError(f"{path}: {describe_os_error(err)}") from None
    try:
        kind = kind_of(os.fstat(fd))  # replaced between the stat and the open?
        if kind:
            raise SpecError(f"{path}: is {kind}, not a {what} file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise SpecError(f"{path}: the {what} is over the limit of {limit:,} bytes")
            chunks.append(chunk)
    except OSError as err:
        raise SpecError(f"{path}: {describe_os_error(err)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)
