"""Top-1 and top-5 of every torchvision twin, from torchvision's own weights metadata.

A twin is a bundled spec with ``matches: torchvision.models.NAME`` (a classification
builder; ``torchvision.models.segmentation.*`` publish mIoU, not top-1). Its published params
and MACs already cite one weights entry (``ResNet50_Weights.IMAGENET1K_V1.meta[...]``):
that entry's ``meta["_metrics"]["ImageNet-1K"]`` gives ``acc@1`` and ``acc@5``. This
script prints, for every twin, the weights used, the values in the spec and in the
metadata, and whether they agree; with ``--write`` it adds the missing ``top1``/``top5``
entries to the specs' ``published:`` blocks (nothing else in a spec is touched; then
regenerate specs/index.json with ``python -m cnnstat.models.listing``).

Needs torchvision (the figures are torchvision's metadata, no weights are downloaded):

    PYTHONPATH=. /work/sidevenv/bin/python benchmarks/twin_accuracy.py [--write]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITED = re.compile(r"(\w+_Weights)\.(\w+)\.meta")
METRIC = '.meta["_metrics"]["ImageNet-1K"]["{key}"]'


def published_block(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indices of the ``published:`` mapping's entries."""
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "published:")
    except StopIteration:
        return None
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "#")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # trailing blank lines stay out
        end -= 1
    return start + 1, end


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help="add the missing top1/top5 entries to the spec files")
    args = parser.parse_args()
    import torchvision
    import torchvision.models as tvm

    sys.path.insert(0, str(ROOT))
    from cnnstat.models.zoo import load, matches_of

    version = torchvision.__version__.split("+")[0]
    bad = 0
    twins = 0
    print(f"{'spec':<20} {'weights':<46} {'top1':>7} {'top5':>7}  state")
    for path in sorted((ROOT / "specs").glob("*.yaml")):
        spec = load(str(path))
        match = matches_of(spec)
        if match is None or not re.fullmatch(r"torchvision\.models\.\w+", match[0]):
            continue  # classification twins only (segmentation builders have no top-1)
        twins += 1
        builder = match[0].rsplit(".", 1)[1]
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        block = published_block(lines)
        cited = CITED.search("".join(lines[block[0]:block[1]])) if block else None
        enum = tvm.get_model_weights(builder)
        weights = enum[cited.group(2)] if cited else enum.DEFAULT
        metrics = weights.meta["_metrics"]["ImageNet-1K"]
        name = f"{type(weights).__name__}.{weights.name}"
        others = [w.name for w in enum if w is not weights]
        states, added = [], []
        for key, meta_key in (("top1", "acc@1"), ("top5", "acc@5")):
            have = spec.published.get(key)
            want = metrics[meta_key]
            if have is None:
                also = f"; also published: {', '.join(others)}" if others else ""
                source = (f"torchvision {version} {name}{METRIC.format(key=meta_key)} "
                          f"(the weights cited for params and MACs{also})")
                added += [f"  {key}:\n", f"    value: {want!r}\n",
                          f"    source: '{source}'\n"]
                states.append(f"{key} added")
            elif abs(float(have.value) - want) > 1e-9:
                states.append(f"{key} DIFFERS ({have.value} in the spec)")
                bad += 1
            else:
                states.append(f"{key} ok")
        print(f"{spec.name:<20} {name:<46} {metrics['acc@1']:>7} {metrics['acc@5']:>7}  "
              + ", ".join(states))
        if args.write and added:
            if block is None:
                lines.append("published:\n")
                block = (len(lines), len(lines))
            lines[block[1]:block[1]] = added
            path.write_text("".join(lines), encoding="utf-8")
    print(f"{twins} torchvision twins; {bad} values differ from torchvision {version}'s "
          "metadata")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
