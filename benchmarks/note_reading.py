"""Memory and time of a big note, each step in a fresh process: reading it whole
(``read_note``) against line by line (``iter_note_lines``), then ``cnnstat check`` on it
through the CLI, as a table and as JSON (its output written to a file and counted).

    python benchmarks/note_reading.py [MEGABYTES] [--read-only]     (default 100)

The note repeats two worked lines (``LINE``: one right, one wrong) up to the size: the checker's per-line memo
makes each repeat cheap, so this measures what the CLI keeps per line, not the readers'
speed (``check_speed.py`` and ``check_memory.py`` vary every line). Peak RSS is the
process's own ``ru_maxrss``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

LINE = ("- 3 x 3 x 64 = 576 weights, a worked product in a long study note\n"
        "- and 3 x 3 x 128 = 1153 weights, a wrong one (1,152) on the next line\n")

READERS = {
    "read_note (whole text)": "from cnnstat.notes.source import read_note\n"
                              "n = len(read_note(sys.argv[1]).splitlines())\n",
    "iter_note_lines (chunks)": "from cnnstat.notes.source import iter_note_lines\n"
                                "n = sum(1 for _ in iter_note_lines(sys.argv[1]))\n",
}
# the CLI in this process, its output to a file: (label, arguments after the note)
CLI = {"cnnstat check (table)": [], "cnnstat check -f json": ["-f", "json"]}


def _run(code: str, args: list[str], root: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": root, "COLUMNS": "100"}, cwd=root,
                          check=True)
    return proc.stdout.split()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mb = float(args[0]) if args else 100
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.md")
        with open(path, "w") as fh:
            block = LINE * 1000
            while fh.tell() < mb * 10**6:
                fh.write(block)
        size = os.path.getsize(path)
        print(f"a note of {size / 1e6:,.0f} MB, {2 * size // len(LINE):,} lines")
        for label, body in READERS.items():
            code = ("import resource, sys, time\nstart = time.perf_counter()\n" + body +
                    "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                    "time.perf_counter() - start)\n")
            n, peak_kib, seconds = _run(code, [path], root)
            print(f"  {label:26} {int(n):>10,} lines  peak RSS {int(peak_kib) / 1024:8,.0f} MiB"
                  f"  {float(seconds):6.2f} s")
        if "--read-only" in sys.argv:
            return
        out = os.path.join(folder, "out.txt")
        for label, extra in CLI.items():
            code = ("import contextlib, resource, sys, time\n"
                    "from cnnstat.cli import main\n"
                    "path, out, extra = sys.argv[1], sys.argv[2], sys.argv[3:]\n"
                    "sys.argv = ['cnnstat', 'check', path, *extra]\n"
                    "start = time.perf_counter()\ncode = 0\n"
                    "with open(out, 'w') as fh, contextlib.redirect_stdout(fh):\n"
                    "    try:\n        main()\n"
                    "    except SystemExit as e:\n        code = e.code or 0\n"
                    "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                    "time.perf_counter() - start)\n")
            code_, peak_kib, seconds = _run(code, [path, out, *extra], root)
            print(f"  {label:26} exit {code_:>4}, {os.path.getsize(out) / 1e6:7,.0f} MB out"
                  f"  peak RSS {int(peak_kib) / 1024:8,.0f} MiB  {float(seconds):6.2f} s")


if __name__ == "__main__":
    main()
