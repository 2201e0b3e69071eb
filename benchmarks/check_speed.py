"""How fast `cnnstat check` reads a 1 MB note of distinct, realistic lines (issue 19).

    python benchmarks/check_speed.py                 # 1 MB, from ../shared/real-notes
    python benchmarks/check_speed.py --size 250000 --notes DIR

The note is built at run time from real notes beside the checkout (``set-b`` of
``shared/real-notes`` unless ``--notes`` names other folders; their text is never copied
into the repository; set-a is the project's held-back set and is left to the integrator,
who may pass it with ``--notes``): every
line of every note, with each of its numbers replaced by another of the same number of
digits, drawn from a seeded generator, pass after pass until the size is reached. No two
passes repeat a line, so the per-line memo of the checker gains nothing that a real note
would not give it. Prints the CPU seconds of ``check_text`` (CPU time does not count
waiting for a busy machine's cores), the claims found, and the peak Python memory at a
quarter, half and the full size: memory flat means the peak grows with the note, not
faster. The goal is under 1 s of CPU for 1 MB; it is not met. On 2026-12-06 (branch
``speed2``, the shared 2-core machine under a load average of 9-13, run 3 times in turn
with main 3fb3af3, ``--notes ../shared/real-notes/set-b``) it printed 7.62, 5.91, 6.00 s
for the MB at main (median 6.00) and 5.54, 5.39, 5.61 s with the collector's young
generation at 100,000 while checking (median 5.54, 8% less), peak 13.1 and 13.0 MiB; on a
quiet machine main printed about 4.3 s. CPU seconds of the same code vary by 10% or more
run to run under that load; the instructions that ``valgrind --tool=cachegrind`` counts
are steadier, but miss what the collector costs in cache misses
(``docs/check-history.md``, "Memory and speed"). Later that day (branch ``speed3``,
load average 9-11, the MB's
second check alone, as here, main bf46946 and the branch in turn three times) main took
5.77, 5.78, 5.96 s (median 5.78) and ``speed3`` 6.76, 5.22, 5.45 s (median 5.45, 6%
less, within the noise; by instructions, cachegrind on the 250 KB note checked once, 3.4%
less): cheap necessary tests in five readers, no verdict changed. On 2026-12-07 (branch
``speed`` from main 90ee3e7, load average 10-14 from other sessions) more such tests:
costly patterns and work asked only where the line holds what they need (the arithmetic
memo, nthconv, blockwalk, breakdown, rulelines, kerascode, kerasprose, doubts; ``ast`` no
longer parses an assignment's right side that holds no arithmetic); no verdict changed
(``check_identity.py --in-process``, 564 outputs). By instructions (cachegrind, the 250
KB note checked once, the start-up subtracted) 10.07 billion at main and 9.70 billion at
the branch, 3.7% less (the note's building, the same in both, included). CPU seconds of
the MB under that load, main and the branch in turn, twice: 6.44 and 6.52 s at main, 5.98
and 5.52 s at the branch (an earlier pair, the branch two commits before: 5.61 and 6.21
s): at that load the noise is as large as the gain. The goal is far: the CPU is spread
over some 90 readers, about 40 of them called on each line with a number and a sign of a
claim, none above 7% of the whole.
On 2026-12-07 (branch ``sp`` from 7f0f0ca, load average 5-11 from other sessions),
profiled first: no structural hot spot is left. The prefilters already decide every
reader's words in one scan of a line (``prefilter.Words``); the cost is spread as thin
below them as above (some 149,000 reader calls and 515,000 regular-expression calls on
the 250 KB note; no pattern above 3% of the whole, the tokens shared through the memo;
the pure helpers several readers ask of the same line were ``mapread.maps``, 5,504 calls
on 1,519 texts, and ``walkthrough.describe``, now remembered). With those and more cheap
necessary tests (``symvalues`` parses only runs with '=' and a symbol, ``paramabove``,
gated patterns in ``measured``, ``quizoptions``, ``rflist``), no verdict changed
(``check_identity.py --in-process``, 1,354 outputs, 0 changed). By instructions
(``valgrind --tool=cachegrind --cache-sim=no`` on the 250 KB note checked once after
a 20 KB warm-up, the run without the check, 10.03 billion, subtracted): 17.05 billion
at 7f0f0ca, 15.60 billion at the branch, 8.5% less. CPU seconds of that check, main and
the branch in turn, twice, at load 10: 2.75 and 2.57 s at main, 2.35 and 2.34 s at the
branch (about 12% less). The MB's figure was not taken in turn that day (one run of main
at that load printed 4.74 s for the half MB before it was stopped).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_NUMBER = re.compile(r"[0-9]+")


def _shared() -> Path | None:
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "real-notes").is_dir():
            return up / "shared" / "real-notes" / "set-b"
    return None


def source_lines(folders: list[Path]) -> list[str]:
    lines: list[str] = []
    for note in sorted(p for folder in folders for p in folder.glob("*.md")):
        if note.name in ("README.md", "SOURCES.md"):
            continue
        lines += note.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines


def build(lines: list[str], size: int, seed: int = 19) -> str:
    rng = random.Random(seed)

    def vary(m: re.Match) -> str:
        digits = len(m.group(0))
        if digits == 1:
            return str(rng.randint(1, 9))
        return str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))

    out: list[str] = []
    total = 0
    while total < size:
        for line in lines:
            new = _NUMBER.sub(vary, line)
            out.append(new)
            total += len(new.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(out) + "\n"


def measure(text: str) -> tuple[float, int, int, int]:
    from cnnstat.notes.check import check_text

    tracemalloc.start()
    t0 = time.process_time()
    result = check_text(text)
    cpu = time.process_time() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t0 = time.process_time()
    check_text(text)  # again, without tracemalloc's overhead, for the CPU figure
    cpu = time.process_time() - t0
    return cpu, len(result.claims), len(result.skipped), peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes of note (1 MB)")
    ap.add_argument("--notes", type=Path, nargs="+", default=None,
                    help="folders of real notes (default: shared/real-notes/set-b beside "
                         "the checkout)")
    args = ap.parse_args()
    folders = args.notes or [f for f in (_shared(),) if f is not None]
    if not folders or not all(f.is_dir() for f in folders):
        print("no real notes found (shared/real-notes/set-b beside the checkout); "
              "pass --notes")
        return 2
    lines = source_lines(folders)
    if not lines:
        print(f"{', '.join(map(str, folders))}: no notes")
        return 2
    from cnnstat.notes.check import check_text

    check_text(build(lines, 20_000, seed=1))  # load the bundled specs once, outside timing
    for part in (args.size // 4, args.size // 2, args.size):
        text = build(lines, part)
        cpu, claims, skips, peak = measure(text)
        mark = "  SLOW" if part == args.size and cpu > part / 1_000_000 else ""
        print(f"{len(text.encode('utf-8')):>9,} bytes  {text.count(chr(10)):>6,} lines  "
              f"CPU {cpu:6.2f} s  claims {claims:>6,}  skipped {skips:>6,}  "
              f"peak {peak / 2**20:6.1f} MiB{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
