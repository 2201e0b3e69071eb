"""`cnnstat import` against timm: exact, refused, or WRONG, for 60+ CNNs across families.

Needs timm (CI does not have it). Run it in the side venv with this checkout first on
the path:

    PYTHONPATH=. /work/sidevenv/bin/python benchmarks/timm_import.py [--only NAME ...]

Each model is built with ``timm.create_model(NAME, pretrained=False)`` on the meta device
(``cnnstat.torch.targets``), imported at timm's default input (``default_cfg
['input_size']``), and the imported spec's params, buffers and MACs compared with torch's
own: ``sum(numel)`` of the model's parameters and buffers, and
``torch.utils.flop_counter.FlopCounterMode`` FLOPs / 2 over one forward in eval mode (a
count that is torch's, not cnnstat's). A row is ``exact`` when all three agree, ``refused``
when the import raised ``SpecError`` (the reason is printed), and ``WRONG`` when an import
came back with a number that differs from torch's, or raised anything but ``SpecError``.
The goal: at least 90% exact, the rest refused, none WRONG.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time

# (family, timm name): CNNs only, chosen across families before running the benchmark
MODELS = [
    ("resnet", "resnet18"), ("resnet", "resnet50"), ("resnet", "resnet50d"),
    ("resnet", "resnet26t"), ("resnet", "wide_resnet50_2"), ("resnet", "resnet18d"),
    ("resnext", "resnext50_32x4d"), ("resnext", "resnext26ts"),
    ("seresnet", "seresnet50"), ("seresnet", "seresnext26d_32x4d"),
    ("seresnet", "legacy_seresnet18"), ("seresnet", "ecaresnet50d"),
    ("seresnet", "skresnet18"), ("seresnet", "gcresnet50t"),
    ("efficientnet", "efficientnet_b0"), ("efficientnet", "efficientnet_b2"),
    ("efficientnet", "efficientnet_lite0"), ("efficientnet", "efficientnetv2_rw_s"),
    ("efficientnet", "tinynet_a"),
    ("tf_efficientnet", "tf_efficientnet_b0"), ("tf_efficientnet", "tf_efficientnetv2_s"),
    ("tf_efficientnet", "tf_efficientnet_lite0"), ("tf_efficientnet", "tf_mixnet_s"),
    ("tf_efficientnet", "tf_mobilenetv3_large_100"),
    ("mobilenet", "mobilenetv3_large_100"), ("mobilenet", "mobilenetv3_small_100"),
    ("mobilenet", "mobilenetv2_100"), ("mobilenet", "mnasnet_100"),
    ("mobilenet", "fbnetc_100"), ("mobilenet", "spnasnet_100"), ("mobilenet", "lcnet_100"),
    ("mobilenet", "semnasnet_100"), ("mobilenet", "hardcorenas_a"),
    ("mobilenet", "mobilenetv4_conv_small"),
    ("regnet", "regnetx_002"), ("regnet", "regnety_002"), ("regnet", "regnety_016"),
    ("regnet", "regnetz_b16"),
    ("densenet", "densenet121"), ("densenet", "densenet169"),
    ("dla", "dla34"), ("dla", "dla60"), ("dla", "dla46_c"),
    ("res2net", "res2net50_26w_4s"), ("res2net", "res2next50"),
    ("selecsls", "selecsls42b"),
    ("resnest", "resnest14d"), ("resnest", "resnest50d"),
    ("hrnet", "hrnet_w18_small"), ("hrnet", "hrnet_w18"),
    ("convnext", "convnext_atto"), ("convnext", "convnext_tiny"),
    ("convnext", "convnextv2_atto"),
    ("ghostnet", "ghostnet_100"), ("ghostnet", "ghostnetv2_100"),
    ("dpn", "dpn68"), ("dpn", "dpn92"),
    ("vovnet", "ese_vovnet19b_dw"), ("vovnet", "ese_vovnet39b"),
    ("cspnet", "cspresnet50"), ("cspnet", "cspdarknet53"), ("cspnet", "cs3darknet_s"),
    ("cspnet", "darknet53"),
    ("rexnet", "rexnet_100"), ("rexnet", "rexnet_150"),
    ("mixnet", "mixnet_s"), ("mixnet", "mixnet_m"),
    ("byobnet", "gernet_s"), ("byobnet", "repvgg_a2"), ("byobnet", "mobileone_s0"),
    ("inception", "inception_v3"), ("inception", "inception_v4"),
    ("inception", "inception_resnet_v2"),
    ("xception", "xception41"), ("vgg", "vgg11_bn"),
    ("hgnet", "hgnet_tiny"), ("hgnet", "hgnetv2_b0"),
    ("repghost", "repghostnet_100"), ("resnetv2", "resnetv2_50"),
    ("tresnet", "tresnet_m"), ("nfnet", "nf_resnet50"),
]


def torch_counts(model, shape) -> tuple[int, int, int]:
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for b in model.buffers())
    model.eval()
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.empty(1, *shape, device="meta"))
    return params, buffers, counter.get_total_flops() // 2


def cause(message: str) -> str:
    """A refusal's cause in a few words, for the summary: the op or module it names."""
    m = re.search(r"module '[^']*' \((\w+)\)", message)
    if m:
        return f"module {m.group(1)}"
    m = re.search(r"(torch\.[\w.]+|Tensor\.\w+)", message)
    if m:
        return m.group(1)
    return message[:50]


def run(names: list[tuple[str, str]]) -> list[dict]:
    from cnnstat.analysis import analyze
    from cnnstat.errors import SpecError
    from cnnstat.torch.importer import from_torch
    from cnnstat.torch.targets import build_target

    rows = []
    for family, name in names:
        start = time.perf_counter()
        row = {"family": family, "name": name}
        try:
            built = build_target(f"timm:{name}", {})
        except SpecError as err:
            row.update(status="unbuilt", why=str(err)[:200])
            rows.append(row)
            print(f"{name:26} not built: {str(err)[:100]}", flush=True)
            continue
        try:
            spec = from_torch(built.module, built.input, name=built.name, source=f"timm:{name}")
            a = analyze(spec)
            ours = (a.totals.params, a.totals.buffers, a.totals.macs)
        except SpecError as err:
            row.update(status="refused", why=str(err))
        except Exception as err:  # a crash is a bug: counted with the wrong numbers
            row.update(status="WRONG", why=f"crashed: {type(err).__name__}: {err}")
        seconds = time.perf_counter() - start
        theirs = torch_counts(built.module, built.input)
        row.update(seconds=seconds, torch=theirs, input=built.input)
        if "status" not in row:
            row.update(cnnstat=ours, status="exact" if ours == theirs else "WRONG")
        rows.append(row)
        p, b, m = theirs
        text = f"{name:26} {row['status']:8} {seconds:5.2f} s  params {p:>11,}  MACs {m:>14,}"
        if row["status"] == "WRONG" and "cnnstat" in row:
            text += f"\n{'':26} cnnstat {row['cnnstat']} torch {theirs}"
        elif row["status"] != "exact":
            text += f"\n{'':26} {row['why'][:200]}"
        print(text, flush=True)
    return rows


def summary(rows: list[dict]) -> None:
    count = collections.Counter(r["status"] for r in rows)
    n = len(rows)
    print(f"\n{count['exact']} exact / {count['refused']} refused / {count['WRONG']} WRONG"
          + (f" / {count['unbuilt']} not built" if count["unbuilt"] else "")
          + f" of {n} timm CNNs ({100 * count['exact'] / max(n, 1):.0f}% exact)")
    causes = collections.Counter(cause(r["why"]) for r in rows if r["status"] == "refused")
    if causes:
        print("refusals by cause:")
        for c, k in causes.most_common():
            who = ", ".join(r["name"] for r in rows if r["status"] == "refused"
                            and cause(r["why"]) == c)
            print(f"  {k:3}  {c[:40]:40} {who[:60]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="timm names to check (default: the list above)")
    args = ap.parse_args()
    names = [(f, n) for f, n in MODELS if not args.only or n in args.only]
    names += [("other", n) for n in args.only or [] if n not in {m for _, m in MODELS}]
    start = time.perf_counter()
    rows = run(names)
    summary(rows)
    print(f"{time.perf_counter() - start:.0f} s in all")
    return 1 if any(r["status"] == "WRONG" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
