"""Where the CPU of `cnnstat check` goes on the benchmark's note: each reader's share.

    python benchmarks/reader_costs.py                  # the 1 MB note of check_speed.py
    python benchmarks/reader_costs.py --size 250000 --top 30

Builds the note as ``check_speed.py`` does (set-b's lines beside the checkout, every
number varied), checks it once to warm the bundled specs and caches, then once more with
each reader call timed (``time.process_time``: CPU, not a busy machine's waiting). Prints
the whole check's CPU, the pipeline's own (the whole less the readers: masking, the
pasted-summary reader, the tokeniser, the prefilter scan, settling), and for each reader
its CPU, its calls, the calls that found something, the calls on lines without a digit,
and its cost a call. The first reader of a line to ask for its tokens pays the tokeniser
(``carried total in prose`` or ``arithmetic``). The timing itself costs about 2 µs a call
outside the readers' own figures (two clock readings, the tallies): it is measured after
the check (the same wrapper around a reader that does nothing, called as often, on the
note's lines, less the plain call) and taken off the pipeline's own, and printed.

A reader that costs much on lines where it finds nothing is the place to look: a tighter
``needs`` (``pipeline.Reader``), or, for a reader that keeps state, a cheap necessary test
before its costly patterns (``docs/check-history.md``, "Memory and speed").
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    import check_speed
    from cnnstat.notes import check
    from cnnstat.notes.check import check_text

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--notes", type=Path, nargs="+", default=None)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    folders = args.notes or [f for f in (check_speed._shared(),) if f is not None]
    if not folders:
        print("no real notes found (shared/real-notes/set-b beside the checkout); pass --notes")
        return 2
    text = check_speed.build(check_speed.source_lines(folders), args.size)
    check_text(text)  # the specs loaded, the caches warm: as check_speed.py's second run

    cpu: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    found_on: dict[str, int] = defaultdict(int)
    bare: dict[str, int] = defaultdict(int)
    clock = time.process_time

    def timed(reader, cpu=cpu, calls=calls, found_on=found_on, bare=bare):
        read, name = reader.read, reader.name  # the reader, its calls timed

        def read_timed(at):
            t = clock()
            items = read(at)
            cpu[name] += clock() - t
            calls[name] += 1
            if at.block is None and not any("0" <= ch <= "9" for ch in at.line.masked):
                bare[name] += 1
            if items:
                found_on[name] += 1
            return items
        return reader._replace(read=read_timed)

    plain = check.READERS
    check.READERS = [timed(r) for r in plain]
    try:
        t = clock()
        check_text(text)
        whole = clock() - t
    finally:
        check.READERS = plain
    readers = sum(cpu.values())
    timing = _timing_cost(timed, text, sum(calls.values()))
    print(f"{len(text.encode('utf-8')):,} bytes: CPU {whole:.2f} s, readers {readers:.2f} s, "
          f"the pipeline's own {whole - readers - timing:.2f} s (the timing's own "
          f"{timing:.2f} s taken off)")
    print(f"{'CPU s':>7} {'calls':>7} {'found':>6} {'no digit':>8} {'µs/call':>8}  reader")
    for name in sorted(cpu, key=cpu.get, reverse=True)[:args.top]:
        print(f"{cpu[name]:7.3f} {calls[name]:7,} {found_on[name]:6,} {bare[name]:8,} "
              f"{1e6 * cpu[name] / calls[name]:8.1f}  {name}")
    return 0


def _timing_cost(timed, text: str, count: int) -> float:
    """CPU the timing wrapper adds to ``count`` reader calls: a reader that does nothing
    called so often on the note's lines, wrapped less plain."""
    from cnnstat.notes.pipeline import At, Reader
    from cnnstat.notes.text import read_lines

    ats = [At(line, None) for line in read_lines(text)[:2000]]
    rounds = max(1, count // len(ats))
    nothing = Reader("nothing", "every", lambda at: ())
    sink = defaultdict(float), defaultdict(int), defaultdict(int), defaultdict(int)
    spent = []
    for read in (nothing.read, timed(nothing, *sink).read):
        t = time.process_time()
        for _ in range(rounds):
            for at in ats:
                read(at)
        spent.append(time.process_time() - t)
    return max(0.0, spent[1] - spent[0]) * count / (rounds * len(ats))


if __name__ == "__main__":
    sys.exit(main())
