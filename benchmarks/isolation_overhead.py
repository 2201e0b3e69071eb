"""What running the model's code in a worker costs (``cnnstat.runtime.worker``), on
``import torchvision:resnet50``-sized work.

Each figure is a fresh interpreter (``python -c``), as a user's command is: torch is
imported once either way (in the worker when the parent has not imported it), so the
overhead is the fork or spawn, the JSON answer and the parent's parse of the YAML.

    PYTHONPATH=. /work/sidevenv/bin/python benchmarks/isolation_overhead.py [TARGET] [RUNS]
    PYTHONPATH=. /work/sidevenv/bin/python benchmarks/isolation_overhead.py --warm [TARGET] [RUNS]

``--warm``: the overhead alone, in one process that has imported torch already.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
TARGET = ARGS[0] if ARGS else "torchvision:resnet50"
RUNS = int(ARGS[1]) if len(ARGS) > 1 else 3

IN_PROCESS = ("from cnnstat.torch.importer import import_target; "
              f"import_target({TARGET!r})")
ISOLATED = f"from cnnstat.models.zoo import import_spec; import_spec({TARGET!r})"
# the parent has imported torch already (verify, profile, a test run): fork inherits it
WARM = "import torch; " + ISOLATED


def wall(code: str, env: dict) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_one_process() -> None:
    """The overhead alone: in one process that has imported torch and torchvision,
    in-process import and worker import alternate (user CPU time of the machine's other
    work affects both alike)."""
    import time as clock

    from cnnstat.torch.importer import import_target
    from cnnstat.models.zoo import import_spec

    import_target(TARGET)  # warm: torchvision's modules imported, caches filled
    runs: dict[str, list[float]] = {"in process": [], "worker (fork)": [],
                                    "worker (spawn)": []}
    for _ in range(RUNS):
        for label in runs:
            if "spawn" in label:
                os.environ["CNNSTAT_WORKER_START"] = "spawn"
            else:
                os.environ.pop("CNNSTAT_WORKER_START", None)
            start = clock.perf_counter()
            if label == "in process":
                import_target(TARGET)
            else:
                import_spec(TARGET)
            runs[label].append(clock.perf_counter() - start)
    base = statistics.median(runs["in process"])
    print(f"{TARGET} in one warm process: median of {RUNS}")
    for label, times in runs.items():
        t = statistics.median(times)
        print(f"  {label:16} {t:6.2f} s  ({t - base:+.2f} s)")


def main() -> None:
    if "--warm" in sys.argv:
        in_one_process()
        return
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
