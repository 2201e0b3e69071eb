"""How long `cnnstat diagram MODEL --format svg` takes on the largest bundled specs.

    python benchmarks/diagram_speed.py

Prints, per model and depth, the best of 5 runs of: analysis (as every command does),
drawing tree, layout and SVG text, and the whole in-process command; the target is
resnet1202 at --depth 2 in under 1 s.
"""

from __future__ import annotations

import time

from cnnstat.analysis import analyze
from cnnstat.draw import to_svg
from cnnstat.models.zoo import load

CASES = [("resnet1202", 2), ("resnet1202", None), ("preact-resnet1001", 2),
         ("densenet264", None), ("resnet152-tv", None)]


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    print(f"{'model':<20} {'depth':>5} {'analyse':>9} {'draw':>9} {'total':>9} {'boxes':>6}"
          f" {'SVG KiB':>8}")
    for name, depth in CASES:
        spec = load(name)
        t_an = best(lambda: analyze(spec))
        a = analyze(spec)
        t_draw = best(lambda: to_svg(a, depth))
        svg = to_svg(a, depth)
        boxes = svg.count('class="node')
        print(f"{name:<20} {str(depth or '-'):>5} {t_an:>8.3f}s {t_draw:>8.3f}s "
              f"{t_an + t_draw:>8.3f}s {boxes:>6} {len(svg.encode()) / 1024:>8.0f}")


if __name__ == "__main__":
    main()
