"""What running the model's code in a worker costs (``cnnstat.worker``), on
``import torchvision:resnet50``-sized work.

Each figure is a fresh interpreter (``python -c``), as a user's command is: torch is
imported once either way (in the worker when the parent has not imported it), so the
overhead is the fork or spawn, the JSON answer and the parent's parse of the YAML.

    PYTHONPATH=. /work/sidevenv/bin/python benchmarks/isolation_overhead.py [TARGET] [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

TARGET = sys.argv[1] if len(sys.argv) > 1 else "torchvision:resnet50"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3

IN_PROCESS = ("from cnnstat.torch.importer import import_target; "
              f"import_target({TARGET!r})")
ISOLATED = f"from cnnstat.zoo import import_spec; import_spec({TARGET!r})"
# the parent has imported torch already (verify, profile, a test run): fork inherits it
WARM = "import torch; " + ISOLATED


def wall(code: str, env: dict) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    env = dict(os.environ)
    base = wall(IN_PROCESS, env)
    print(f"{TARGET}: median of {RUNS} fresh runs")
    print(f"  in process (no worker)             {base:6.2f} s")
    for method in ("fork", "spawn"):
        env["CNNSTAT_WORKER_START"] = method
        for label, code in (("parent without torch", ISOLATED), ("parent with torch", WARM)):
            t = wall(code, env)
            print(f"  worker, {method:5}, {label:20} {t:6.2f} s  ({t - base:+.2f} s)")


if __name__ == "__main__":
    main()
