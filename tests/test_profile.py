"""`cnnstat profile` on CPU with few runs; the CUDA paths are exercised on a lent GPU."""

import json

import pytest

torch = pytest.importorskip("torch")

import cnnstat  # noqa: E402
from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.torch.timing import measure, percentile  # noqa: E402

FAST = ["--max-seconds", "1", "--min-runs", "3"]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTAT_CACHE_DIR", str(tmp_path / "cache"))


def test_profile_json_keys_and_consistency(cli):
    code, out, err = cli("profile", "lenet5", "--batch", "2", "--format", "json", *FAST)
    assert code == 0, err
    doc = json.loads(out)
    for key in ("latency_ms", "throughput", "achieved_flops", "peak_memory_bytes", "device"):
        assert key in doc
    lat = doc["latency_ms"]
    assert 0 < lat["p10"] <= lat["median"] <= lat["p90"]
    assert doc["runs"] >= 3
    # throughput and achieved FLOP/s follow from the median and the analytic count
    assert doc["throughput"] == pytest.approx(2 / (lat["median"] / 1e3))
    flops = analyze(cnnstat.load("lenet5"), batch=2).totals.flops
    assert doc["flops"] == flops
    assert doc["achieved_flops"] == pytest.approx(flops / (lat["median"] / 1e3))
    assert doc["peak_memory_bytes"] > 0


def test_per_layer_with_calibration(cli):
    code, out, err = cli("profile", "alexnet", "--per-layer", "--format", "json", *FAST)
    assert code == 0, err
    doc = json.loads(out)
    names = [layer["name"] for layer in doc["layers"]]
    rows = analyze(cnnstat.load("alexnet")).rows
    assert names == [r.name for r in rows]  # every layer timed, in order
    conv1 = doc["layers"][0]
    assert conv1["macs"] == rows[0].macs
    # bytes moved = (input + output elements + weights) x 4 bytes at fp32
    assert conv1["bytes"] == (3 * 227 * 227 + 96 * 55 * 55 + 34_944) * 4
    assert conv1["bound"] in ("compute", "memory")
    assert doc["peak_flops"] > 0 and 0 < doc["fraction_of_peak"] < 1.5


def test_sweep(cli):
    code, out, err = cli("profile", "lenet5", "--sweep-batch", "1,4", "--format", "json", *FAST)
    assert code == 0, err
    runs = json.loads(out)["runs"]
    assert [r["batch"] for r in runs] == [1, 4]


def test_cuda_without_gpu_is_a_clean_error(cli):
    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    code, out, err = cli("profile", "lenet5", "--device", "cuda")
    assert code == 2
    assert "CUDA is not available" in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["--dtype", "fp64"], "--dtype must be one of fp32, fp16, bf16"),
    (["--sweep-batch", "1,x"], "--sweep-batch must be"),
    (["--device", "tpu"], "--device must be cpu or cuda"),
])
def test_bad_options(cli, args, message):
    code, _, err = cli("profile", "lenet5", *args, *FAST)
    assert code == 2 and message in err


def test_bf16_on_cpu(cli):
    code, out, err = cli("profile", "lenet5-modern", "--dtype", "bf16", "-f", "json", *FAST)
    assert code == 0, err
    assert json.loads(out)["dtype"] == "bf16"


def test_measure_stops_when_stable():
    device = torch.device("cpu")
    t = measure(lambda: sum(range(1000)), device, warmup=1, min_runs=5, max_seconds=5)
    assert t.runs >= 5 and t.p10_s <= t.median_s <= t.p90_s


def test_percentile():
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([1.0, 2.0], 10) == pytest.approx(1.1)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_cuda_profile(cli):
    code, out, err = cli("profile", "resnet50", "--device", "cuda", "--format", "json", *FAST)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["device_type"] == "cuda"
    assert doc["peak_memory_source"] == "torch.cuda.max_memory_allocated"


def test_compare_measured(cli):
    code, out, err = cli("compare", "lenet5", "lenet5-modern", "--measured", "-f", "json")
    assert code == 0, err
    models = json.loads(out)["models"]
    for m in models:
        doc = m["measured"]
        assert doc["model"] == m["name"]
        # the achieved rate is the analytic FLOPs over the measured median
        assert doc["achieved_flops"] == pytest.approx(m["flops"] / (doc["latency_ms"]["median"]
                                                                    / 1e3))
