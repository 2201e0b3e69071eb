"""The machine's peaks (matmul FLOP/s, memory bandwidth) and the roofline verdict.

``calibrate`` measures both once per device and dtype; ``load_peaks``/``save_peaks`` keep
them in the user cache directory (``$CNNSTAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/cnnstat``,
else ``~/.cache/cnnstat``), keyed by the device's name.

Roofline: a layer doing F FLOPs while moving B bytes has arithmetic intensity I = F / B.
Below the ridge point (peak FLOP/s / bandwidth) it is memory-bound and can reach at
most I x bandwidth; above it, compute-bound, at most the peak FLOP/s.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import NamedTuple

import torch

from cnnstat.torch.timing import measure

DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


class Peaks(NamedTuple):
    device: str
    dtype: str
    flops: float  # FLOP/s of a large matmul (2 FLOPs per multiply-add)
    bandwidth: float  # bytes/s of a large copy (read + write)
    measured: str  # when, ISO date


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model} ({torch.get_num_threads()} threads)"


def cache_file() -> Path:
    base = os.environ.get("CNNSTAT_CACHE_DIR")
    if base:
        return Path(base) / "peaks.json"
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg else Path.home() / ".cache"
    return root / "cnnstat" / "peaks.json"


def _key(device: torch.device, dtype: str) -> str:
    return f"{device_name(device)}|{dtype}"


def load_peaks(device: torch.device, dtype: str) -> Peaks | None:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
        return Peaks(**data[_key(device, dtype)])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_peaks(device: torch.device, peaks: Peaks) -> Path:
    path = cache_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[_key(device, peaks.dtype)] = peaks._asdict()
    from cnnstat.errors import SpecError
    from cnnstat.files.safeio import describe_os_error, write_file

    where = "CNNSTAT_CACHE_DIR" if os.environ.get("CNNSTAT_CACHE_DIR") else "the cache folder"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SpecError(f"cannot keep the calibration in {path}: {where} {path.parent} "
                        f"cannot be a folder ({describe_os_error(err)}); set "
                        "CNNSTAT_CACHE_DIR to a folder") from None
    if not path.parent.is_dir():
        raise SpecError(f"cannot keep the calibration in {path}: {where} {path.parent} is "
                        "not a folder; set CNNSTAT_CACHE_DIR to a folder")
    write_file(path, json.dumps(data, indent=2).encode("utf-8"), replace=True,
               what="the calibration cache")
    return path


def calibrate(device: torch.device, dtype: str, *, quick: bool = False) -> Peaks:
    """Measure peak matmul FLOP/s and copy bandwidth on ``device`` in ``dtype``."""
    tdtype = DTYPES[dtype]
    n = 8192 if device.type == "cuda" else (512 if quick else 2048)
    a = torch.randn(n, n, device=device).to(tdtype)
    b = torch.randn(n, n, device=device).to(tdtype)
    limit = 2.0 if quick else 10.0
    t = measure(lambda: torch.mm(a, b), device, warmup=2, min_runs=5, max_seconds=limit)
    flops = 2 * n ** 3 / t.median_s
    elements = (64 if device.type == "cuda" else (4 if quick else 32)) * 2 ** 20
    src = torch.empty(elements, device=device, dtype=torch.float32)
    dst = torch.empty_like(src)
    t = measure(lambda: dst.copy_(src), device, warmup=2, min_runs=5, max_seconds=limit)
    bandwidth = 2 * src.numel() * src.element_size() / t.median_s
    return Peaks(device_name(device), dtype, flops, bandwidth, time.strftime("%Y-%m-%d"))


def ridge(peaks: Peaks) -> float:
    """FLOPs per byte where the roofline turns from memory- to compute-bound."""
    return peaks.flops / peaks.bandwidth


def bound(intensity: float, peaks: Peaks) -> str:
    return "compute" if intensity >= ridge(peaks) else "memory"


def attainable(intensity: float, peaks: Peaks) -> float:
    """The roofline: the most FLOP/s a kernel of this intensity can reach."""
    return min(peaks.flops, intensity * peaks.bandwidth)
