"""How long `cnnstat check` takes on hostile notes and on a 1 MB ordinary one.

    python benchmarks/check_hostile.py            # every case, 1 MB each
    python benchmarks/check_hostile.py --size 200000

Each hostile case is one pathological pattern (a 10,000-digit number, unclosed
brackets, long runs of ``x``, ``123x123x…``, digits separated by spaces, ``×`` runs,
combining characters, HTML, links, repeated model names, a long table, superscripts)
written two ways: as a single line of the full size, which the checker refuses at once,
and cut into 1,000-character lines, which it reads. The ordinary note is the repository's
notes of the corpus (and ../shared/notes when present) repeated to the same size; the
dense one is the fixture notes, a claim on every line. Prints wall and CPU seconds per
case (CPU time does not count waiting for a busy machine's cores) and the claims and
skips found; a case over 1 s of CPU is marked SLOW.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PATTERNS = {
    "10,000-digit number": "1" * 10_000 + " = 1\n",
    "unclosed brackets": "(" * 997 + "1 =",
    "deep brackets": "(" * 400 + "1" + ")" * 400 + " = 1 ",
    "run of x": "3" + " x" * 500,
    "123x123x...": "x".join(["123"] * 250),
    "spaced digits": " ".join("1" * 500),
    "× run": "×" * 1000,
    "combining marks": "3\u0301x3\u0301 = 9\u0301 " * 80,
    "HTML": "<b>3</b>x<i>3</i> = 9 " * 45,
    "links": "[3x3](http://a.b/1x1 'x') " * 40,
    "model names": "VGG16 VGG-19 ResNet50 has 25.6M parameters " * 20,
    "shape chains": "224x224 → conv 7x7 s2 p3 → 112x112 → " * 25,
    "superscripts": "k²C² = 9C² 3² = 9 ⁹⁹⁹⁹⁹ " * 40,
    "table rows": "| VGG-16 | 138M | 16 |\n",
    "dollar spans": "$3 \\times 3 = 9$ " * 60,
    "emphasis": "*3 x 3 = 9* **2 x 2 = 4** _1 x 1 = 1_ " * 25,
}


def ordinary(size: int, dense: bool = False) -> str:
    """Study notes repeated to ``size``: the shared notes and the corpus (ordinary notes:
    prose with worked numbers), or the fixture notes (dense: a claim on every line)."""
    if dense:
        notes = sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    else:
        notes = sorted((ROOT / "benchmarks" / "corpus").rglob("*.md"))
        shared = ROOT.parent / "shared" / "notes"
        notes += sorted(shared.glob("*.txt")) if shared.is_dir() else []
    text = "\n".join(p.read_text("utf-8") for p in notes) + "\n"
    return (text * (size // len(text) + 1))[:size]


def lines_of(pattern: str, size: int) -> str:
    unit = pattern if pattern.endswith("\n") else pattern[:1000] + "\n"
    return (unit * (size // len(unit) + 1))[:size]


def run(name: str, text: str) -> float:
    from cnnstat.notes.check import check_text

    start, cpu = time.perf_counter(), time.process_time()
    result = check_text(text)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    flag = "  SLOW" if cpu > 1.0 else ""
    print(f"{name:<38} {len(text):>9,} chars {took:6.2f} s wall {cpu:6.2f} s cpu "
          f"{len(result.claims):>6} claims {len(result.skipped):>5} skipped{flag}")
    return cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000)
    args = ap.parse_args()
    import cnnstat.notes.check  # noqa: F401 - import time is not the checker's
    worst = 0.0
    worst = max(worst, run("ordinary notes", ordinary(args.size)))
    worst = max(worst, run("dense notes (a claim a line)", ordinary(args.size, dense=True)))
    for name, pattern in PATTERNS.items():
        single = pattern.replace("\n", " ") * (args.size // max(1, len(pattern)) + 1)
        worst = max(worst, run(f"{name}: one line", single[:args.size]))
        worst = max(worst, run(f"{name}: 1,000-char lines", lines_of(pattern, args.size)))
    print(f"slowest: {worst:.2f} s of CPU for {args.size:,} characters")


if __name__ == "__main__":
    main()
