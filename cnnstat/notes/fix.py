"""``--fix``: write the correct numbers into a note, keeping a backup of the original.

Only the numbers of wrong claims change; everything else, line endings included, stays
byte for byte. Whatever happens (a kill at any instant, two runs at once, an edit saved
meanwhile, symlinks, the same note named twice) the original text survives intact in the
note or in its backup, and no file but the note and its new backup is written: see
:func:`write`. A kill between writing the temporary file and renaming it can leave that
hidden ``.NOTE.*.cnnstat-fix`` file beside the note (the note itself is untouched then);
the next ``--fix`` of that note removes it.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import stat
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from cnnstat.errors import printable
from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.source import UTF8, split_keep_ends
from cnnstat.files.safeio import fsync_dir
from cnnstat.files.safeio import write_all as _write_all

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no advisory lock, the re-read remains
    fcntl = None  # type: ignore[assignment]


def apply(text: str, claims: list[Claim]) -> str:
    """``text`` with the edits of every wrong claim applied (overlapping ones dropped)."""
    edits: dict[int, list[Edit]] = {}
    for c in claims:
        if c.verdict == "wrong":
            for e in c.edits:
                edits.setdefault(e.line, []).append(e)
    if not edits:
        return text
    lines = split_keep_ends(text)  # the lines the checker numbered, endings kept
    for number, line_edits in edits.items():
        idx = number - 1
        line = lines[idx]
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        last = len(body) + 1
        line_edits = line_edits + _twins(body, line_edits)
        for e in sorted(set(line_edits), key=lambda e: e.start, reverse=True):
            if e.end > last:
                continue  # overlaps an edit already made
            body = body[:e.start] + e.new + body[e.end:]
            last = e.start
        lines[idx] = body + ending
    return "".join(lines)


def _twins(body: str, edits: list[Edit]) -> list[Edit]:
    """KaTeX pasted with its source (``3×3+1=113\\times3 + 1 = 11``): the checker read one
    copy; the same number in the other copy is corrected with it."""
    if "\\" not in body and "^" not in body and "_" not in body and "−" not in body and \
            "∗" not in body:
        return []
    from cnnstat.notes.reading.katex import twin
    from cnnstat.notes.text import mask

    masked = mask(body, pasted=False)
    out = []
    for e in edits:
        span = twin(masked, e.start, e.end)
        if span is not None and body[span[0]:span[1]] == body[e.start:e.end]:
            out.append(e._replace(start=span[0], end=span[1]))
    return out


def diff(path: str, old: str, new: str) -> str:
    """The unified diff of the fix, safe to print: each line's ending dropped and every
    control character in it escaped, so a carriage return or a backspace in the note
    cannot make the shown diff say something else than the file does."""
    lines = difflib.unified_diff([printable(s.rstrip("\r\n"), newlines=False)
                                  for s in split_keep_ends(old)],
                                 [printable(s.rstrip("\r\n"), newlines=False)
                                  for s in split_keep_ends(new)],
                                 fromfile=printable(f"{path} (before)", newlines=False),
                                 tofile=printable(f"{path} (fixed)", newlines=False),
                                 lineterm="")
    return "".join(line + "\n" for line in lines)


class Refused(Exception):
    """A note ``--fix`` will not touch; the message says why (nothing was written)."""


class Fixed(NamedTuple):
    path: str  # the file written: the note's real path (a symlink's target)
    backup: str  # where the original bytes are kept


def identity(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file a path names, following symlinks; None if unreadable.

    Two paths with one identity are one note: ``--fix`` writes it once.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _hook(point: str) -> None:
    """Test-only: ``CNNSTAT_FIX_HOOK=point:kill`` kills this process at ``point``;
    ``point:pause:DIR`` writes ``DIR/point.ready`` and waits for ``DIR/point.go``."""
    spec = os.environ.get("CNNSTAT_FIX_HOOK")
    if not spec:
        return
    want, _, action = spec.partition(":")
    if want != point:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action.startswith("pause:"):
        folder = Path(action[len("pause:"):])
        (folder / f"{point}.ready").touch()
        deadline = time.monotonic() + 30
        while not (folder / f"{point}.go").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


def _may_write(st: os.stat_result, path: str) -> bool:
    """Could the user write this file? A read-only mode counts even for root."""
    if not os.access(path, os.W_OK):
        return False
    if st.st_mode & 0o222 == 0:
        return False  # 0444: the user made it read-only
    return True


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _lock(path: str) -> tuple[int, os.stat_result]:
    """Open and flock the file ``path`` names now (retrying if it was replaced meanwhile)."""
    for _ in range(100):
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            now = os.stat(path, follow_symlinks=False)
        except BaseException:
            os.close(fd)
            raise
        if (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino):
            return fd, held
        os.close(fd)  # another run replaced it while we waited: lock the new file
    raise Refused("it keeps being replaced while --fix waits for it")


def _remove_stale_temps(target: str) -> None:
    """Remove the hidden temporary files a killed earlier run left beside ``target``.

    Called under the note's lock: a run makes its temporaries only while it holds that
    lock, and renames or removes them before letting go, so any still there belong to a
    run that was killed. Only regular files with the exact names ``tempfile.mkstemp``
    gives them here (``.NOTE.`` + 8 characters + ``.cnnstat-bak``/``-fix``) are removed.
    """
    folder, base = os.path.split(target)
    ours = re.compile(r"\." + re.escape(base) + r"\.[a-z0-9_]{8}\.cnnstat-(?:bak|fix)")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not ours.fullmatch(name):
            continue
        path = os.path.join(folder, name)
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            pass


def _backup(target: str, data: bytes, mode: int) -> str:
    """Write ``data`` to a new ``target.bak`` (``.bak.1``, ``.bak.2`` … if taken).

    The bytes go to a hidden temporary file first, synced, which is then hard-linked to
    the first free backup name: a backup is either absent or whole, never a 0-byte or
    partial file (a kill mid-write leaves only the hidden ``.NOTE.*.cnnstat-bak``). The
    link never replaces an existing backup nor follows a symlink planted in its place.
    """
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.",
                               suffix=".cnnstat-bak", dir=folder)
    try:
        try:
            os.fchmod(fd, mode & 0o666)
            _hook("backup-open")
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        for n in range(1000):
            name = f"{target}.bak" + (f".{n}" if n else "")
            try:
                os.link(tmp, name)
            except FileExistsError:
                continue
            fsync_dir(folder)
            return name
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    raise Refused(f"{target}.bak and 999 numbered backups exist already")


def write(path: str | Path, computed_from: str, new: str, encoding=None) -> Fixed:
    """Replace the note at ``path`` with ``new``, keeping the original in a new backup.

    ``computed_from`` is the text the fix was computed from. Under an advisory lock the
    note is read again, and written only if it still holds exactly that text; otherwise
    :class:`Refused` (an edit made meanwhile is never reverted). A symlinked note has its
    target fixed. A note with several hard links is rewritten in place after the backup,
    so every link sees the fix; otherwise the fix goes to a temporary file in the same
    folder, is synced, and is renamed over the note. Read-only notes, notes the user
    cannot write and notes in folders the user cannot write are refused.
    """
    try:
        enc = encoding or UTF8  # the note's own encoding, byte-order mark included
        return _write(str(path), enc.encode(computed_from), enc.encode(new))
    except OSError as err:
        raise Refused(f"{err.strerror or err}") from None


def _write(path: str, expected: bytes, new: bytes) -> Fixed:
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    st = os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        raise Refused("not a regular file")
    if not _may_write(st, target):
        raise Refused("the note is read-only or not writable by you")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Refused(f"its folder {folder} is not writable by you")
    _hook("computed")
    fd, st = _lock(target)
    try:
        if _read_all(fd) != expected:
            raise Refused("it changed while it was being checked; run `check --fix` again")
        _hook("locked")
        _remove_stale_temps(target)
        backup = _backup(target, expected, stat.S_IMODE(st.st_mode))
        _hook("backup-done")
        if st.st_nlink > 1:
            _in_place(target, new)
        else:
            _replace(target, fd, expected, new, st)
    finally:
        os.close(fd)  # releases the lock
    return Fixed(target, backup)


def _in_place(target: str, new: bytes) -> None:
    """Hard-linked note: overwrite its content (the backup is already synced)."""
    out = os.open(target, os.O_WRONLY | os.O_NOFOLLOW)
    try:
        _write_all(out, new)
        os.ftruncate(out, len(new))
        _hook("temp-written")
        os.fsync(out)
    finally:
        os.close(out)


def _replace(target: str, fd: int, expected: bytes, new: bytes, st: os.stat_result) -> None:
    tmp_fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.",
                                   suffix=".cnnstat-fix", dir=os.path.dirname(target))
    try:
        try:
            _write_all(tmp_fd, new)
            os.fchmod(tmp_fd, stat.S_IMODE(st.st_mode))
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(tmp_fd, st.st_uid, st.st_gid)
                except OSError:
                    pass
            os.fsync(tmp_fd)
        finally:
            os.close(tmp_fd)
        _hook("temp-written")
        # editors ignore flock: one last look just before the rename
        if _read_all(fd) != expected or identity(target) != (st.st_dev, st.st_ino):
            raise Refused("it changed while it was being fixed; run `check --fix` again")
        os.replace(tmp, target)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    _hook("renamed")
    fsync_dir(os.path.dirname(target))
