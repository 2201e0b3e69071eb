"""profile/verify/compare --measured: memory checked before torch allocates, time budgets
kept during warm-up, torch's failures as located errors (issue 16)."""

import time

import pytest

torch = pytest.importorskip("torch")

from cnnstat.analysis import analyze  # noqa: E402
from cnnstat.errors import SpecError  # noqa: E402
from cnnstat.torch import fit as memory  # noqa: E402  (the fit guard)
from cnnstat.models.zoo import load  # noqa: E402

GiB = 2**30


def test_estimate_of_vgg16_at_batch_1000():
    """Reference figures: torchvision's VGG-16 has 138,357,544 parameters (its model card)
    and no buffers; eager PyTorch's peak is at conv1_2:
    the caller's input (3x224x224), conv1_1's output (64x224x224; its ReLU runs in place)
    and conv1_2's output (64x224x224) are alive at once."""
    e = memory.estimate(analyze(load("vgg16"), batch=1000))
    assert e.weights == 138_357_544 * 4
    assert e.input == 3 * 224 * 224 * 4 * 1000
    assert e.activations == 2 * 64 * 224 * 224 * 4 * 1000
    with pytest.raises(SpecError) as err:
        memory.require(analyze(load("vgg16"), batch=1000), torch.device("cpu"), "profiling",
                       free=10 * GiB)
    text = str(err.value)
    assert "needs at least 25.00 GiB" in text and "10.00 GiB free" in text


@pytest.mark.parametrize("name,dtype", [("densenet121", "fp32"), ("resnet18", "bf16")])
def test_the_guard_uses_the_memory_model(name, dtype):
    """One rule decides: the guard's figure is ``cnnstat memory``'s inference peak plus
    the weights (DenseNet's peak is not its widest layer's inputs and output)."""
    from cnnstat.mem import memory as mem

    a = analyze(load(name), batch=3)
    m = mem(a.spec, batch=3, dtype=dtype, device="cpu")
    e = memory.estimate(a, dtype)
    assert e.total == m.weights + m.buffers + m.activation_peak
    assert e.peak_layer == m.peak_layer


def test_profile_refuses_before_building(cli, monkeypatch):
    monkeypatch.setattr(memory, "available", lambda device: GiB // 4)
    built = []
    from cnnstat.torch import profile as prof

    monkeypatch.setattr(prof, "prepare", lambda *a, **k: built.append(1))
    code, _, err = cli("profile", "vgg16", "--batch", "8")
    assert code == 2 and "needs at least" in err and "0.25 GiB free" in err
    assert built == []


def test_compare_measured_refuses_before_timing_any(cli, monkeypatch):
    from cnnstat.torch import profile as prof

    timed = []
    monkeypatch.setattr(prof, "measure", lambda *a, **k: timed.append(1))
    monkeypatch.setattr(memory, "available", lambda device: GiB // 4)
    code, _, err = cli("compare", "lenet5", "vgg16", "--measured", "--batch", "64")
    assert code == 2 and "vgg16" in err and "needs at least" in err
    assert timed == []


def test_verify_skips_fvcore_when_the_cpu_copy_is_too_big(monkeypatch):
    from cnnstat.torch.verify import verify

    monkeypatch.setattr(memory, "installed", lambda device: 1000)
    res = verify(load("lenet5"))
    assert res.fvcore_macs is None
    assert res.fvcore_skipped.startswith("fvcore skipped: its CPU copy needs at least")
    assert res.ok  # the meta-device checks still ran


def test_out_of_memory_is_a_located_error():
    with pytest.raises(SpecError, match="profiling x: out of memory"):
        with memory.torch_errors("profiling x"):
            raise MemoryError()
    with pytest.raises(SpecError, match="out of memory"):
        with memory.torch_errors("profiling x"):
            raise RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to "
                               "allocate 123 bytes")
    with pytest.raises(RuntimeError, match="shape mismatch"):
        with memory.torch_errors("profiling x"):
            raise RuntimeError("shape mismatch")


def test_max_seconds_bounds_the_warm_up():
    from cnnstat.torch.timing import measure

    start = time.perf_counter()
    t = measure(lambda: time.sleep(0.2), torch.device("cpu"), warmup=20, max_seconds=0.3)
    assert time.perf_counter() - start < 2.0  # 20 warm-ups alone would be 4 s
    assert t.runs >= 1 and not t.stable


@pytest.mark.parametrize("args,message", [
    (("--threads", "100000"), "--threads must be from 1 to"),
    (("--threads", "0"), "--threads must be from 1 to"),
    (("--max-seconds", "nan"), "--max-seconds must be a positive number"),
    (("--max-seconds", "-1"), "--max-seconds must be a positive number"),
])
def test_profile_options(cli, args, message):
    code, _, err = cli("profile", "lenet5", *args)
    assert code == 2 and message in err
