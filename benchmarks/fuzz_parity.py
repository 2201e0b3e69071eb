"""Fuzz the analysis against PyTorch: thousands of random specs, every disagreement counted.

For each random spec (``tests/strategies.py``: stacks and blocks of convs with random
kernel, stride, padding, dilation, groups and bias, pools with ceil mode, connection-table
convs, trainable subsampling, concat/add/mean merges, residuals with projection,
zero-padding or concat shortcuts, auxiliary heads, linear and RBF heads, random input
sizes and batch sizes) the analysis and torch must agree: both reject it, or both accept
it with the same output shape, parameters, buffers and MACs at every layer (torch's
numbers from a forward pass on the meta device under FlopCounterMode). Then random
invalid specs must each give a located ``SpecError`` (the CLI's exit 2), never a crash.

Prints how many cases were tried, how many were valid, and how many disagreed (with the
first few). Exit status 1 on any disagreement.

Usage: python benchmarks/fuzz_parity.py [--cases 3000] [--invalid 1000] [--seed N]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from tests.strategies import disagreement, invalid_specs, to_spec, valid_specs  # noqa: E402


def run(n: int, strategy, check, rng_seed: int) -> None:
    @seed(rng_seed)
    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def body(case):
        check(case)

    body()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=3000, help="random valid-looking specs")
    ap.add_argument("--invalid", type=int, default=1000, help="random invalid specs")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=3, help="disagreements to print in full")
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    stats: Counter = Counter()
    found: list[tuple[dict, int, str]] = []

    def parity(case):
        doc, batch = case
        stats["tried"] += 1
        try:
            analyze(to_spec(doc), batch=batch)
            stats["valid"] += 1
        except SpecError:
            stats["rejected"] += 1
        try:
            problem = disagreement(doc, batch)
        except Exception as err:  # noqa: BLE001 - a crash is a disagreement too
            problem = f"crash: {type(err).__name__}: {err}"
        if problem:
            found.append((doc, batch, problem))

    def clean_error(doc):
        stats["invalid tried"] += 1
        try:
            analyze(to_spec(doc, file="bad.yaml"))
        except SpecError as err:
            if str(err).startswith("bad.yaml"):
                stats["clean errors"] += 1
                return
            found.append((doc, 1, f"error without its file: {err}"))
            return
        except Exception as err:  # noqa: BLE001
            found.append((doc, 1, f"crash instead of a SpecError: {type(err).__name__}: {err}"))
            return
        found.append((doc, 1, "an invalid spec was accepted"))

    start = time.perf_counter()
    run(args.cases, valid_specs(), parity, args.seed)
    mid = time.perf_counter()
    run(args.invalid, invalid_specs(), clean_error, args.seed)
    end = time.perf_counter()

    print(f"parity:  {stats['tried']:,} random specs tried ({stats['valid']:,} valid, "
          f"{stats['rejected']:,} rejected by the analysis) in {mid - start:.1f} s")
    print(f"errors:  {stats['invalid tried']:,} random invalid specs tried, "
          f"{stats['clean errors']:,} clean located errors, in {end - mid:.1f} s")
    print(f"disagreements: {len(found)}")
    for doc, batch, problem in found[:args.show]:
        print(f"\n--- batch {batch}: {problem}\n{yaml.safe_dump(doc, sort_keys=False)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
