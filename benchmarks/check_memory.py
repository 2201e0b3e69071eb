"""Peak memory of checking a big note, each size in a fresh process: the whole text at
once (``check_text``, what ``check --fix`` needs) against the note streamed line by line
(``iter_check`` over ``iter_note_lines``, each finding counted and let go).

    python benchmarks/check_memory.py [MEGABYTES ...]     (default 2 8 32)
    python benchmarks/check_memory.py --streamed 4 16 64  (the streamed reader alone)

The note is built as ``check_speed.py`` builds one: the lines of the real notes beside
the checkout (``shared/real-notes/set-b``) with every number varied, pass after pass, so
no two passes repeat a line; without them, a fixed worked line varied the same way.
Streaming is flat when its peak stays near the interpreter's own as the note grows; the
whole text grows with the note (the text, its lines, and every finding kept).

The peak is the child's own ``VmHWM`` (``/proc/self/status``), not ``ru_maxrss``: on
Linux a child's ``ru_maxrss`` starts at its parent's peak, and this parent has just built
the note (about 170 MiB for 32 MB), so every child reported at least that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import check_speed  # noqa: E402

MODES = {
    "whole text (check_text)":
        "from cnnstat.notes.check import check_text\n"
        "from cnnstat.notes.source import read_note\n"
        "r = check_text(read_note(path))\n"
        "n = len(r.claims) + len(r.skipped)\n",
    "streamed (iter_check)":
        "from cnnstat.notes.check import iter_check\n"
        "from cnnstat.notes.source import iter_note_lines\n"
        "n = sum(len(c) + len(s) for c, s in iter_check(iter_note_lines(path)))\n",
}
FALLBACK = ["- conv1: 3 x 3 x 64 = 576 weights, (224 - 3 + 2*1)/1 + 1 = 224",
            "A prose line between the worked ones, with no figure in it at all."]


# the child's own peak resident set: VmHWM belongs to the process's memory map, which
# exec replaces; ru_maxrss on Linux carries the parent's peak over into the child
PEAK = ("import resource\n"
        "def _peak_kib():\n"
        "    try:\n"
        "        with open('/proc/self/status') as fh:\n"
        "            for line in fh:\n"
        "                if line.startswith('VmHWM:'):\n"
        "                    return int(line.split()[1])\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n")


def main() -> int:
    args = sys.argv[1:]
    modes = dict(MODES)
    if "--streamed" in args:
        args.remove("--streamed")
        modes = {k: v for k, v in MODES.items() if k.startswith("streamed")}
    sizes = [float(a) for a in args] or [2, 8, 32]
    shared = check_speed._shared()
    lines = check_speed.source_lines([shared]) if shared is not None else FALLBACK
    print(f"lines varied from {shared or 'a fixed worked line'}")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.md")
        for mb in sizes:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(check_speed.build(lines, int(mb * 10**6)))
            print(f"a note of {os.path.getsize(path) / 1e6:,.0f} MB")
            for label, body in modes.items():
                code = (PEAK + "import sys, time\npath = sys.argv[1]\n"
                        "start = time.process_time()\n" + body +
                        "print(n, _peak_kib(), time.process_time() - start)\n")
                proc = subprocess.run([sys.executable, "-c", code, path],
                                      capture_output=True, text=True, check=True,
                                      env={**os.environ, "PYTHONPATH": str(ROOT)})
                n, peak_kib, seconds = proc.stdout.split()
                print(f"  {label:26} {int(n):>9,} findings  peak RSS "
                      f"{int(peak_kib) / 1024:7,.0f} MiB  CPU {float(seconds):7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
