"""The work of verify's receptive-field check (cnnstat/torch/fieldcheck.py) per bundled
spec, in float64 MACs: one forward at ``field_input`` up to the last probed layer, plus
one backward per probed layer (about twice its prefix's MACs), at the check's batch (4
samples where the model has a product to detach, else 3). Deterministic, unlike a timing
on a shared machine; the biggest specs first.

Usage: python benchmarks/fieldcheck_cost.py [--top 12]
"""

from __future__ import annotations

import argparse
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    import cnnstat
    from cnnstat.torch import fieldcheck as fc
    from cnnstat.models.zoo import bundled_names

    out = []
    for name in bundled_names():
        spec = cnnstat.load(name)
        shape = fc.field_input(spec)
        rows = fc.walk_rows(spec, shape)
        chosen = fc._affordable(rows, fc._chosen(rows))
        if not chosen:
            continue
        batch = 4 if any(r.type == "mul" for r in rows) else 3
        total, upto = 0, {}
        for r in rows:
            total += r.macs
            upto[r.name] = total
        work = batch * (upto[chosen[-1].name] + sum(2 * upto[c.name] for c in chosen))
        out.append((work, name, shape, len(chosen)))
    print("GMAC (float64)  spec  check input  probes")
    for work, name, shape, n in sorted(out, reverse=True)[:args.top]:
        print(f"{work / 1e9:9.2f}  {name}  {'x'.join(map(str, shape))}  {n}")
    print(f"{sum(w for w, *_ in out) / 1e9:9.1f}  in all, {len(out)} specs probed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
