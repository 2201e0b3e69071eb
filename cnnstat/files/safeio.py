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


# ---------------------------------------------------------------------------------------
# Writing: every file cnnstat writes (import -o, --plot, the peaks cache, check --fix's
# backups have their own exclusive create in cnnstat/notes/fix.py) goes through
# ``write_file``.

def identity(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names (symlinks followed); None if none."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def check_target(path: str | Path, *, replace: bool, inputs=(), what: str = "output",
                 force_hint: str = "--force") -> None:
    """Refuse, before any work is written, an output path that is a symlink, not a regular
    file, one of this run's ``inputs``, or (unless ``replace``) an existing file."""
    shown = str(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as err:
        reason = describe_os_error(err) if isinstance(err, OSError) else "not a valid path"
        raise SpecError(f"cannot write {what} {shown}: {reason}") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise SpecError(f"cannot write {what} {shown}: it is a symbolic link, and cnnstat "
                        "never writes through one (remove it, or name the file it points to)")
    if st is not None and kind_of(st):
        raise SpecError(f"cannot write {what} {shown}: it is {kind_of(st)}, not a file")
    here = identity(path)
    for source in inputs:
        if here is not None and identity(source) == here:
            raise SpecError(f"cannot write {what} {shown}: it is {source}, an input of this "
                            "same run; name another file")
    if st is not None and not replace:
        raise SpecError(f"{shown} exists already; cnnstat replaces a file only with "
                        f"{force_hint} (nothing was written)")
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise SpecError(f"cannot write {what} {shown}: its folder "
                        f"{os.path.dirname(shown) or '.'} does not exist")


def write_file(path: str | Path, data, *, replace: bool = False, inputs=(),
               what: str = "output", force_hint: str = "--force") -> str:
    """Write ``data`` (bytes, or a function given a binary file object) to ``path``
    atomically: into a temporary file in the same folder, synced, then renamed onto the
    path; a failure (a full disk, ``ulimit -f``, a kill) leaves any old file whole.

    Refused with a ``SpecError`` (nothing written): a symlink at ``path`` (never written
    through), something not a regular file, a path that is one of ``inputs`` (the files
    this run reads), and an existing file unless ``replace``. Returns the path written.
    """
    check_target(path, replace=replace, inputs=inputs, what=what, force_hint=force_hint)
    import tempfile

    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    try:
        old = os.stat(target)
        mode = stat.S_IMODE(old.st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as err:
        raise SpecError(f"cannot write {what} {path}: {describe_os_error(err)}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.",
                                   suffix=".cnnstat-tmp", dir=folder)
    except OSError as err:
        raise SpecError(f"cannot write {what} {path}: {describe_os_error(err)}") from None
    try:
        try:
            if callable(data):
                with os.fdopen(os.dup(fd), "wb") as fh:
                    data(fh)
            else:
                write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            check_target(path, replace=True, inputs=inputs, what=what)  # changed meanwhile?
            os.replace(tmp, target)
        else:
            try:  # no-clobber: link fails if a file appeared at the path meanwhile
                os.link(tmp, target)
            except FileExistsError:
                raise SpecError(f"{path} exists already (it appeared while cnnstat was "
                                f"writing); nothing was written") from None
            except OSError:  # no hard links on this file system
                check_target(path, replace=False, inputs=inputs, what=what)
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
    except OSError as err:
        raise SpecError(f"cannot write {what} {path}: {describe_os_error(err)}; any old "
                        "file there is unchanged") from None
    finally:
        if os.path.lexists(tmp):
            try:
                os.unlink(tmp)
            except OSError:
                pass
    fsync_dir(folder)
    return str(path)
