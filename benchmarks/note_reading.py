"""Memory of reading a big note: ``read_note`` (the whole text, what ``check`` uses
today) against ``iter_note_lines`` (one chunk at a time), each in a fresh process.

    python benchmarks/note_reading.py [MEGABYTES]     (default 100)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

MB = int(sys.argv[1]) if len(sys.argv) > 1 else 100
LINE = "- 3 x 3 x 64 = 576: a worked product in a long study note, line after line\n"

READERS = {
    "read_note (whole text)": "from cnnstat.notes.source import read_note\n"
                              "n = len(read_note(sys.argv[1]).splitlines())\n",
    "iter_note_lines (chunks)": "from cnnstat.notes.source import iter_note_lines\n"
                                "n = sum(1 for _ in iter_note_lines(sys.argv[1]))\n",
}


def main() -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.md")
        with open(path, "w") as fh:
            block = LINE * 1000
            while fh.tell() < MB * 10**6:
                fh.write(block)
        size = os.path.getsize(path)
        print(f"a note of {size / 1e6:,.0f} MB, {size // len(LINE):,} lines")
        for label, body in READERS.items():
            code = ("import resource, sys, time\nstart = time.perf_counter()\n" + body +
                    "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                    "time.perf_counter() - start)\n")
            proc = subprocess.run([sys.executable, "-c", code, path], capture_output=True,
                                  text=True, env={**os.environ, "PYTHONPATH": root},
                                  check=True)
            n, peak_kib, seconds = proc.stdout.split()
            print(f"  {label:26} {int(n):>10,} lines  peak RSS {int(peak_kib) / 1024:8,.0f} MiB"
                  f"  {float(seconds):6.2f} s")


if __name__ == "__main__":
    main()
