"""Whether a change to the checker's machinery left its verdicts byte-identical.

    python benchmarks/check_identity.py save DIR      # before the change: the outputs
    python benchmarks/check_identity.py compare DIR   # after: the same bytes, note by note

"Before" may be another checkout (``git archive main | tar -x -C /tmp/base``, then
``python /tmp/base/benchmarks/check_identity.py save DIR``): each checkout runs its own
code, and the fixtures are named from the checkout's root, so both name them alike.

Runs ``cnnstat check -f json NOTE`` (a fresh process each, as a user would) on every
``*.md`` of the real-note sets beside the checkout (``shared/real-notes/set-a``,
``set-b``, ``dev-notes/set-e``, whichever are there; ``--notes`` names others) and of
``tests/fixtures/notes``, and keeps each note's exit status and standard output in DIR
(``save``) or compares them with what DIR holds (``compare``), listing every note whose
output changed. A speed change to the pipeline, the prefilters or the shared memos must
leave this list empty. Two processes at a time (``--jobs``).

``--in-process`` is the quick form (about a minute, not ten): every claim and skip of
``check_file`` (their ``repr``), note by note in one process, for every real-note set beside
the checkout (``shared/real-notes/set-*``, ``dev-notes/set-*``), ``benchmarks/corpus`` and
the fixtures, and of two 1 MB notes built as ``check_speed.py`` builds its own (set-b's
lines, and every set's), whose lines no note holds. The CLI's rendering is not in it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sets() -> list[Path]:
    found = []
    for up in (ROOT.parent, ROOT.parent.parent):
        for rel in ("shared/real-notes/set-a", "shared/real-notes/set-b", "dev-notes/set-e"):
            if (up / rel).is_dir() and not any(f.name == (up / rel).name and
                                                f.parent.name == (up / rel).parent.name
                                                for f in found):
                found.append(up / rel)
    return found


def notes(folders: list[Path]) -> list[Path]:
    """Every note of ``folders``; those inside the checkout named from its root (so that
    two checkouts, before and after, name them and print them alike)."""
    found = sorted(p for folder in folders for p in folder.rglob("*.md"))
    return [p.relative_to(ROOT) if p.is_relative_to(ROOT) else p for p in found]


def _all_sets() -> list[Path]:
    """Every real-note set beside the checkout (``--in-process``)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        found = sorted((up / "shared" / "real-notes").glob("set-*")) + \
            sorted((up / "dev-notes").glob("set-*"))
        if found:
            return [f for f in found if f.is_dir()]
    return []


def in_process(folders: list[Path]) -> dict[str, str]:
    """Each note's claims and skips, one ``repr`` a line, by the note's key; and the two
    built notes'."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import check_speed
    from cnnstat.notes.check import check_file, check_text

    def dump(result) -> str:
        return "\n".join(map(repr, result.claims)) + "\n--\n" + \
            "\n".join(map(repr, result.skipped)) + "\n"

    outs = {_key(note): dump(check_file(ROOT / note if not note.is_absolute() else note))
            for note in notes(folders)}
    sets = [f for f in folders if f.parent.name in ("real-notes", "dev-notes")]
    for name, chosen in (("built-set-b", [f for f in sets if f.name == "set-b"]),
                         ("built-all", sets)):
        if chosen:
            text = check_speed.build(check_speed.source_lines(chosen), 1_000_000, seed=7)
            outs[name] = dump(check_text(text))
    return outs


def _key(note: Path) -> str:
    return hashlib.sha1(str(note).encode()).hexdigest()[:16] + "-" + note.name


def run(note: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    got = subprocess.run([sys.executable, "-m", "cnnstat", "check", "-f", "json", str(note)],
                         capture_output=True, env=env, cwd=ROOT, timeout=600)
    return {"note": str(note), "rc": got.returncode,
            "stdout": got.stdout.decode("utf-8", "replace")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "compare"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--notes", type=Path, nargs="+", default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--in-process", action="store_true",
                    help="every set's notes and two built MBs, in this process (quick)")
    args = ap.parse_args()
    if args.in_process:
        return _in_process(args)
    folders = [f.resolve() for f in args.notes or _sets()] + \
        [ROOT / "tests" / "fixtures" / "notes"]
    todo = notes(folders)
    with ThreadPoolExecutor(args.jobs) as pool:
        outs = list(pool.map(run, todo))
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for out in outs:
            (args.dir / (_key(Path(out["note"])) + ".json")).write_text(
                json.dumps(out, ensure_ascii=False), encoding="utf-8")
        print(f"{len(outs)} notes saved in {args.dir} ({', '.join(map(str, folders))})")
        return 0
    changed = missing = 0
    for out in outs:
        kept = args.dir / (_key(Path(out["note"])) + ".json")
        if not kept.is_file():
            print(f"NEW      {out['note']} (not in {args.dir})")
            missing += 1
            continue
        before = json.loads(kept.read_text(encoding="utf-8"))
        if before != out:
            changed += 1
            print(f"CHANGED  {out['note']} (rc {before['rc']} -> {out['rc']})")
    print(f"{len(outs)} notes: {changed} changed, {missing} not saved before")
    return 1 if changed or missing else 0


def _in_process(args) -> int:
    folders = [f.resolve() for f in args.notes or _all_sets()] + \
        [ROOT / "benchmarks" / "corpus", ROOT / "tests" / "fixtures" / "notes"]
    outs = in_process(folders)
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for key, text in outs.items():
            (args.dir / (key + ".txt")).write_text(text, encoding="utf-8")
        print(f"{len(outs)} outputs saved in {args.dir}")
        return 0
    changed = missing = 0
    for key, text in outs.items():
        kept = args.dir / (key + ".txt")
        if not kept.is_file():
            print(f"NEW      {key} (not in {args.dir})")
            missing += 1
        elif kept.read_text(encoding="utf-8") != text:
            changed += 1
            print(f"CHANGED  {key}")
    print(f"{len(outs)} outputs: {changed} changed, {missing} not saved before")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
