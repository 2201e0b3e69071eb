"""`check --fix` never loses the user's text (issue 16): the seven loss modes, kills at
every step, read-only and unwritable notes, hard links, and no stray writes.

Each run is a real subprocess; ``CNNSTAT_FIX_HOOK`` (test-only) kills it or pauses it at
named points of the write path in ``cnnstat/notes/fix.py``.
"""

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = "# notes\n\n- 5 x 5 x 3 x 32 = 2,500\n- plain prose stays\n"
FIXED = "# notes\n\n- 5 x 5 x 3 x 32 = 2,400\n- plain prose stays\n"
POINTS = ["computed", "locked", "backup-open", "backup-done", "temp-written", "renamed"]


def start(*args, hook=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "CNNSTAT_FIX_HOOK"}
    if hook:
        env["CNNSTAT_FIX_HOOK"] = hook
    return subprocess.Popen([sys.executable, "-m", "cnnstat", "check", "--fix", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=cwd or ROOT, env=env)


def run(*args, **kw):
    proc = start(*args, **kw)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def snapshot(folder: Path) -> dict:
    """name -> (bytes or link target, mode) of everything in ``folder``."""
    out = {}
    for p in sorted(folder.iterdir()):
        if p.is_symlink():
            out[p.name] = ("link", os.readlink(p))
        else:
            out[p.name] = (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
    return out


def wait_for(path: Path, proc) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture
def note(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "other.txt").write_text("someone else's file\n")
    n = folder / "n.md"
    n.write_text(ORIGINAL)
    return n


def backups(folder: Path):
    return sorted(p.name for p in folder.iterdir() if ".bak" in p.name)


def test_plain_fix_keeps_mode_and_writes_nothing_else(note):
    note.chmod(0o640)
    before = snapshot(note.parent)
    code, out, err = run(str(note))
    assert code == 1, err
    assert note.read_text() == FIXED
    assert (note.parent / "n.md.bak").read_text() == ORIGINAL
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    after = snapshot(note.parent)
    assert set(after) == set(before) | {"n.md.bak"}
    assert after["other.txt"] == before["other.txt"]
    assert "n.md.bak" in err


def test_1_same_file_named_twice(note):
    link = note.parent / "alias.md"
    link.symlink_to("n.md")
    code, _, err = run(str(note), "./" + note.name, str(link), cwd=note.parent)
    assert code == 1, err
    assert note.read_text() == FIXED
    assert backups(note.parent) == ["n.md.bak"]
    assert (note.parent / "n.md.bak").read_text() == ORIGINAL


def test_2_two_runs_at_once(note):
    first = start(str(note), hook=f"locked:pause:{note.parent.parent}")
    wait_for(note.parent.parent / "locked.ready", first)
    gate = note.parent.parent / "second"
    gate.mkdir()
    # the second run reads the original and computes the same fix, then waits for the lock
    second = start(str(note), hook=f"computed:pause:{gate}")
    wait_for(gate / "computed.ready", second)
    (gate / "computed.go").touch()
    time.sleep(0.3)  # let it block on the lock (if it is slower, it still finds a change)
    (note.parent.parent / "locked.go").touch()
    assert first.wait(60) == 1
    out, err = second.communicate(timeout=60)
    assert second.returncode == 2, err
    assert "changed" in err
    assert note.read_text() == FIXED
    assert backups(note.parent) == ["n.md.bak"]
    assert (note.parent / "n.md.bak").read_text() == ORIGINAL


def test_2_many_runs_at_once_keep_the_original(note):
    procs = [start(str(note)) for _ in range(4)]
    codes = sorted(p.wait(60) for p in procs)
    assert codes.count(1) >= 1 and set(codes) <= {0, 1, 2}  # 0: read after the fix
    assert note.read_text() == FIXED
    assert ORIGINAL in [(note.parent / b).read_text() for b in backups(note.parent)]


@pytest.mark.parametrize("point", ["computed", "temp-written"])
def test_3_edit_saved_while_fixing_is_kept(note, point):
    proc = start(str(note), hook=f"{point}:pause:{note.parent.parent}")
    wait_for(note.parent.parent / f"{point}.ready", proc)
    edited = ORIGINAL + "- a line the user added meanwhile\n"
    note.write_text(edited)
    (note.parent.parent / f"{point}.go").touch()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, err
    assert "changed" in err
    assert note.read_text() == edited
    names = set(os.listdir(note.parent))
    assert names <= {"n.md", "other.txt", "n.md.bak"}
    if "n.md.bak" in names:
        assert (note.parent / "n.md.bak").read_text() == ORIGINAL


def test_4_backup_symlink_is_not_followed(note):
    other = note.parent / "other.txt"
    (note.parent / "n.md.bak").symlink_to("other.txt")
    code, _, err = run(str(note))
    assert code == 1, err
    assert other.read_text() == "someone else's file\n"
    assert os.readlink(note.parent / "n.md.bak") == "other.txt"
    assert (note.parent / "n.md.bak.1").read_text() == ORIGINAL
    assert note.read_text() == FIXED


def test_5_symlinked_note_fixes_its_target(note, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(note)
    code, _, err = run(str(link))
    assert code == 1, err
    assert link.is_symlink() and os.readlink(link) == str(note)
    assert note.read_text() == FIXED
    assert (note.parent / "n.md.bak").read_text() == ORIGINAL
    assert sorted(os.listdir(tmp_path)) == ["link.md", "notes"]


def test_6_existing_backup_is_kept(note):
    mine = note.parent / "n.md.bak"
    mine.write_text("the user's own backup\n")
    (note.parent / "n.md.bak.1").write_text("another one\n")
    code, _, err = run(str(note))
    assert code == 1, err
    assert mine.read_text() == "the user's own backup\n"
    assert (note.parent / "n.md.bak.1").read_text() == "another one\n"
    assert (note.parent / "n.md.bak.2").read_text() == ORIGINAL
    assert "n.md.bak.2" in err


@pytest.mark.parametrize("point", ["backup-open", "temp-written"])
def test_7_a_rerun_removes_what_a_killed_run_left(note, point):
    """A kill while the backup or the fixed text was being written left a hidden
    temporary file that stayed for good; the next --fix of the same note (which holds
    the note's lock, so no live run owns such a file) removes it, and nothing else."""
    folder = note.parent
    kept = [".n.md.x.abcdefgh.cnnstat-bak",  # another note's (n.md.x) temporary
            ".n.md.abcdefgh.cnnstat-bak.mine",  # not a name mkstemp gives
            "n.md.abcdefgh.cnnstat-fix"]  # not hidden
    for name in kept:
        (folder / name).write_text("not cnnstat's\n")
    proc = start(str(note), hook=f"{point}:kill")
    proc.communicate(timeout=60)
    assert proc.returncode == -9
    left = [p.name for p in folder.iterdir() if p.name.endswith((".cnnstat-bak",
                                                                  ".cnnstat-fix"))
            and p.name not in kept]
    assert len(left) == 1, left  # the killed run's own temporary
    code, _, err = run(str(note))
    assert code == 1, err  # fixed: the note had a wrong claim
    assert note.read_text() == FIXED
    assert not (folder / left[0]).exists()
    for name in kept:
        assert (folder / name).read_text() == "not cnnstat's\n", name


@pytest.mark.parametrize("point", POINTS)
def test_7_kill_at_every_step(note, point):
    earlier = note.parent / "n.md.bak"
    earlier.write_text("an earlier backup\n")
    proc = start(str(note), hook=f"{point}:kill")
    proc.communicate(timeout=60)
    assert proc.returncode == -9  # the hook was reached and killed the process
    assert earlier.read_text() == "an earlier backup\n"
    texts = [note.read_text()] + [(note.parent / b).read_text() for b in backups(note.parent)]
    assert ORIGINAL in texts
    assert note.read_text() in (ORIGINAL, FIXED)  # never half of each
    for name in os.listdir(note.parent):
        assert (name in ("n.md", "other.txt") or name.startswith("n.md.bak")
                or (name.startswith(".n.md.") and name.endswith((".cnnstat-fix",
                                                                  ".cnnstat-bak")))), name
    # issue 22: a kill while the backup is written never leaves an empty or partial
    # n.md.bak.1 (it used to be created empty, then filled)
    for b in backups(note.parent):
        assert (note.parent / b).read_text() in ("an earlier backup\n", ORIGINAL), b
    code, _, err = run(str(note))  # a rerun completes the job
    assert note.read_text() == FIXED
    assert earlier.read_text() == "an earlier backup\n"


def test_read_only_note_is_refused(note):
    note.chmod(0o444)
    before = snapshot(note.parent)
    code, _, err = run(str(note))
    assert code == 2
    assert "read-only" in err
    assert snapshot(note.parent) == before


def test_note_the_user_cannot_write_is_refused(note, monkeypatch):
    """A note owned by someone else (0644) in a folder the user can write: os.access says
    no, and nothing is written, although a rename in the folder would succeed."""
    from cnnstat.notes import fix

    real_access = os.access
    monkeypatch.setattr(fix.os, "access", lambda p, mode, **kw: False
                        if str(p) == str(note) and mode & os.W_OK else real_access(p, mode))
    before = snapshot(note.parent)
    with pytest.raises(fix.Refused, match="not writable"):
        fix.write(note, ORIGINAL, FIXED)
    assert snapshot(note.parent) == before


def test_folder_the_user_cannot_write_is_refused(note, monkeypatch):
    from cnnstat.notes import fix

    real_access = os.access
    monkeypatch.setattr(fix.os, "access", lambda p, mode, **kw: False
                        if str(p) == str(note.parent) else real_access(p, mode))
    before = snapshot(note.parent)
    with pytest.raises(fix.Refused, match="folder"):
        fix.write(note, ORIGINAL, FIXED)
    assert snapshot(note.parent) == before


def test_hard_links_are_kept(note, tmp_path):
    twin = tmp_path / "twin.md"
    os.link(note, twin)
    code, _, err = run(str(note))
    assert code == 1, err
    assert note.read_text() == FIXED and twin.read_text() == FIXED
    assert os.path.samefile(note, twin)
    assert (note.parent / "n.md.bak").read_text() == ORIGINAL


def test_directory_and_fifo_given_as_notes(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, _, err = run(str(fifo))
    assert code == 2 and "named pipe" in err
    code, _, err = run(str(tmp_path))
    assert code == 2 and "directory" in err


@pytest.mark.parametrize("point", ["backup-open", "backup-done", "temp-written"])
def test_hard_linked_note_killed_while_fixing(note, tmp_path, point):
    """In-place writing starts only once the backup is synced: a kill leaves the original
    in the note or in the backup."""
    twin = tmp_path / "twin.md"
    os.link(note, twin)
    proc = start(str(note), hook=f"{point}:kill")
    proc.communicate(timeout=60)
    assert proc.returncode == -9
    texts = [note.read_text()] + [(note.parent / b).read_text() for b in backups(note.parent)]
    assert ORIGINAL in texts
    assert os.path.samefile(note, twin)
