"""Run the generated hostile corpus (``tests/hostile_corpus.py``) through the CLI and print,
for each case, the exit status and seconds; then the counts (clean / failing) and the
slowest cases. A case fails on a traceback, an exit status other than 0/1/2, more than
``--seconds``, or an error line over 1,500 characters. Also times the largest spec the
layer cap allows (10,000 layers) in each output format.

Usage: python benchmarks/hostile.py [--seconds 10] [--quiet]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from typer.testing import CliRunner  # noqa: E402

from cnnstat.cli import app  # noqa: E402
from hostile_corpus import cases  # noqa: E402


def run_case(files: dict, args: list[str]):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            path = os.path.join(folder, name)
            if callable(text):
                text(path)
            else:
                Path(path).write_text(text, "utf-8")
        here = os.getcwd()
        os.chdir(folder)
        try:
            start = time.perf_counter()
            result = CliRunner().invoke(app, args)
            return result, time.perf_counter() - start
        finally:
            os.chdir(here)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--quiet", action="store_true")
    opts = parser.parse_args()
    timings, failing = [], []
    for case, files, args in cases():
        result, seconds = run_case(files, args)
        problem = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            problem = f"traceback {result.exception!r}"[:120]
        elif result.exit_code not in (0, 1, 2):
            problem = f"exit {result.exit_code}"
        elif seconds > opts.seconds:
            problem = f"{seconds:.1f} s"
        elif any(len(line) > 1500 for line in result.stderr.splitlines()):
            problem = "an error line over 1,500 characters"
        timings.append((seconds, case))
        if problem:
            failing.append((case, problem))
        if not opts.quiet:
            print(f"{result.exit_code}  {seconds:6.2f} s  {case}{'  FAIL: ' + problem if problem else ''}")
    print(f"\n{len(timings)} cases: {len(timings) - len(failing)} clean, {len(failing)} failing; "
          f"total {sum(t for t, _ in timings):.1f} s")
    for seconds, case in sorted(timings, reverse=True)[:5]:
        print(f"  slowest: {seconds:.2f} s  {case}")
    big = "input: [8, 16, 16]\nlayers:\n  - repeat: {name: r, times: 4999, layers: " \
          "[{conv: {out: 8, kernel: 3, padding: 1}}, relu]}\n"
    for fmt in ("json", "csv", "table"):
        _, seconds = run_case({"s.yaml": big}, ["params", "s.yaml", "-f", fmt])
        print(f"10,000-layer spec, params -f {fmt}: {seconds:.2f} s")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
