"""The example outputs in README.md and docs/*.md are the tool's own output.

An example is a fenced ``text`` block whose first line is ``$ cnnstat ...`` (optionally
piped into ``| head -N``) and whose command is deterministic and needs no torch: its body
must equal what that command prints at 80 columns. ``tests/test_docs.py`` checks them;
after changing an output, regenerate them with::

    python -m tests.doc_examples --write
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# commands whose output depends only on their arguments (no timing, no torch, no files
# outside the repository)
CHECKED = ("params", "list", "compare", "calc", "explain", "conventions", "diagram",
           "kinds")
BLOCK = re.compile(r"```text\n(\$ cnnstat [^\n]*)\n(.*?)```", re.S)
WIDTH = "80"


def examples(text: str):
    """(start, end, command line, shown output) of every checked example in ``text``."""
    for m in BLOCK.finditer(text):
        line = m.group(1)[2:]
        body = m.group(2)
        if "\n$ " in "\n" + body:  # a second command in the block: not a single example
            continue
        cmd, head = split_head(line)
        try:
            args = shlex.split(cmd)
        except ValueError:
            continue
        if args[1] not in CHECKED or any(a in ("|", ">", ";", "&&") for a in args):
            continue
        if "--plot" in args or "--measured" in args:
            continue
        yield m.start(2), m.end(2), line, body


def split_head(line: str) -> tuple[str, int | None]:
    """``cnnstat params x | head -16`` -> (``cnnstat params x``, 16)."""
    m = re.fullmatch(r"(.*?)\s+\|\s+head -(\d+)\s*", line)
    return (m.group(1), int(m.group(2))) if m else (line, None)


def run(line: str) -> str:
    cmd, head = split_head(line)
    env = dict(os.environ, COLUMNS=WIDTH, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "cnnstat", *shlex.split(cmd)[1:]],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    out = proc.stdout
    if head is not None:
        out = "".join(out.splitlines(keepends=True)[:head])
    return out


def write() -> int:
    changed = 0
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        parts, last = [], 0
        for start, end, line, body in examples(text):
            parts += [text[last:start], run(line)]
            last = end
        new = "".join(parts) + text[last:]
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
            print(f"updated {path.relative_to(ROOT)}")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    write()
