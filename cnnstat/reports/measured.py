"""Reports of measured figures (`cnnstat profile`); plain data in, no torch import."""

from __future__ import annotations

from typing import Any

from cnnstat.render.report import Column, Report, Section, human, mib, si


def _rate(v: float) -> str:
    return si(v, "FLOP/s") if v else "-"


def profile_report(doc: dict[str, Any]) -> Report:
    lat = doc["latency_ms"]
    options = [doc["dtype"]] + (["channels-last"] if doc["channels_last"] else []) + \
        (["compiled"] if doc["compile"] else [])
    title = (f"{doc['model']} on {doc['device']}, {', '.join(options)}, batch {doc['batch']}, "
             f"input {'x'.join(map(str, doc['input']))}")
    stable = "" if doc["stable"] else " (stopped by the time budget before it settled)"
    lines = [
        ("latency", f"{lat['median']:.3f} ms", f"median of {doc['runs']} runs; p10 "
                                              f"{lat['p10']:.3f}, p90 {lat['p90']:.3f}{stable}"),
        ("throughput", f"{doc['throughput']:,.1f} images/s", ""),
        ("analytic MACs", human(doc["macs"]), si(doc["macs"])),
        ("analytic FLOPs (2 x MACs)", human(doc["flops"]), si(doc["flops"])),
        ("achieved", _rate(doc["achieved_flops"]), "analytic FLOPs / median latency"),
    ]
    if "fraction_of_peak" in doc:
        lines.append(("of measured peak", f"{doc['fraction_of_peak'] * 100:.1f} %",
                      f"peak matmul {_rate(doc['peak_flops'])}, copy "
                      f"{si(doc['peak_bandwidth'], 'B/s')}"))
    lines.append(("peak memory", mib(doc["peak_memory_bytes"]), doc["peak_memory_source"]))
    columns: list[Column] = []
    records: list[dict[str, Any]] = []
    if "layers" in doc:
        columns = [
            Column("name", "layer"), Column("type", "type"),
            Column("time_ms", "time ms", numeric=True, fmt=lambda v: f"{v:.4f}"),
            Column("macs", "MACs", numeric=True),
            Column("bytes", "bytes moved", numeric=True),
            Column("intensity", "FLOP/byte", numeric=True, fmt=lambda v: f"{v:.1f}" if v else "-"),
            Column("achieved_flops", "achieved", numeric=True, fmt=_rate),
            Column("bound", "roofline", fmt=lambda v: v or "-"),
            Column("fraction_of_roof", "% of roof", numeric=True,
                   fmt=lambda v: f"{v * 100:.1f}" if v is not None else "-"),
        ]
        records = doc["layers"]
    return Report(title=title, columns=columns, records=records,
                  sections=[Section("Measured", lines)], data=doc,
                  footnote="Time with CUDA events on GPU, perf_counter on CPU, after warm-up, "
                           "repeated until the median is stable. Achieved FLOP/s = analytic "
                           "FLOPs (2 x MACs of conv and linear) / measured time.")


def sweep_report(docs: list[dict[str, Any]]) -> Report:
    first = docs[0]
    records = [{"batch": d["batch"], "median": d["latency_ms"]["median"],
                "p10": d["latency_ms"]["p10"], "p90": d["latency_ms"]["p90"],
                "runs": d["runs"], "throughput": d["throughput"],
                "achieved": d["achieved_flops"],
                "memory": d["peak_memory_bytes"]} for d in docs]
    ms = (lambda v: f"{v:.3f}")
    columns = [Column("batch", "batch", numeric=True),
               Column("median", "latency ms", numeric=True, fmt=ms),
               Column("p10", "p10", numeric=True, fmt=ms),
               Column("p90", "p90", numeric=True, fmt=ms),
               Column("runs", "runs", numeric=True),
               Column("throughput", "images/s", numeric=True, fmt=lambda v: f"{v:,.1f}"),
               Column("achieved", "achieved", numeric=True, fmt=_rate),
               Column("memory", "peak memory", numeric=True, fmt=mib)]
    return Report(title=f"{first['model']} on {first['device']}, {first['dtype']}: batch sweep",
                  columns=columns, records=records, data={"model": first["model"],
                                                          "runs": docs})


def calibration_report(peaks, path: str) -> Report:
    lines = [("device", peaks.device, ""), ("dtype", peaks.dtype, ""),
             ("peak matmul", _rate(peaks.flops), "large square matmul, 2 FLOPs per MAC"),
             ("memory bandwidth", si(peaks.bandwidth, "B/s"), "large copy, read + write"),
             ("ridge point", f"{peaks.flops / peaks.bandwidth:.1f} FLOP/byte",
              "below: memory-bound; above: compute-bound"),
             ("cached in", path, "")]
    return Report(title="Calibration", columns=[], records=[],
                  sections=[Section("Measured peaks", lines)], data=peaks._asdict())
