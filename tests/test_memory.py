"""`cnnstat memory` without torch: the per-kind rules exist, the walk follows them, the
budget arithmetic and the CLI. Expected numbers are worked by hand in the comments (the
torch measurements that check the rules are in test_memory_torch.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cnnstat
from cnnstat.errors import SpecError
from cnnstat.layers import KINDS, MERGES, Kind, Merge
from cnnstat.mem import largest_batch, memory, parse_size
from cnnstat.spec.parse import parse_spec
from cnnstat.spec.yamlload import load_yaml


def spec(text: str):
    return parse_spec(load_yaml(text, file="t.yaml"), file="t.yaml")


CHAIN = """
name: chain
input: [3, 8, 8]
layers:
  - conv: {name: conv, out: 4, kernel: 3, padding: 1, bias: false}
  - bn: {name: bn}
  - relu: {name: relu}
  - maxpool: {name: pool, kernel: 2}
  - flatten
  - dropout: {name: drop}
  - linear: {name: fc, out: 10}
"""


def test_every_kind_and_merge_declares_its_saved_rule_with_its_torch_source():
    for name, cls in KINDS.items():
        assert cls.saved is not Kind.saved, f"{name} has no saved() rule of its own"
        assert "torch" in (cls.saved.__doc__ or ""), f"{name}.saved names no torch source"
    for name, merge in MERGES.items():
        assert type(merge).saved is not Merge.saved, f"merge {name} has no saved() rule"
        assert "torch" in (type(merge).saved.__doc__ or ""), name


def test_training_saved_by_hand():
    # batch 2, fp32, cpu rules. conv keeps the input 3x8x8 = 192 -> 2*192*4 = 1536 B;
    # bn keeps its input 4x8x8 = 256 -> 2048 B, and mean + 1/std: 2*4*4 = 32 B (not batched);
    # relu runs in place on bn's output (bn keeps its input, not its output) and keeps
    # that storage: 2048 B; pool keeps its input (relu's output, counted)
    # and int64 indices 4x4x4 = 64 -> 2*64*8 = 1024 B; dropout keeps a noise tensor of 64
    # floats (cpu) = 512 B; fc keeps its input (dropout's output) 512 B.
    m = memory(spec(CHAIN), batch=2, train=True, device="cpu", optimizer="sgd")
    kept = {l.name: l.saved_bytes for l in m.layers}
    assert kept == {"conv": 1536, "bn": 2048 + 32, "relu": 2048, "pool": 1024,
                    "flatten1": 0, "drop": 512, "fc": 512}
    assert m.saved == 1536 + 2080 + 2048 + 1024 + 512 + 512
    assert [l.name for l in m.layers if l.in_place] == ["relu"]
    # cuda: dropout's mask is bool, 1 byte each -> 128 B
    cuda = memory(spec(CHAIN), batch=2, train=True, optimizer="sgd")
    assert {l.name: l.saved_bytes for l in cuda.layers}["drop"] == 128


def test_optimizer_state_by_hand():
    # params: conv 4*3*3*3 = 108, bn 8, fc 64*10 + 10 = 650 -> 766; tensors with a step
    # counter: conv weight, bn weight and bias, fc weight and bias = 5
    s = spec(CHAIN)
    adam = memory(s, train=True, optimizer="adam")
    assert adam.params == 766 and adam.weights == 766 * 4 and adam.gradients == 766 * 4
    assert adam.optimizer_state == 2 * 766 * 4 + 5 * 4
    assert memory(s, train=True, optimizer="momentum").optimizer_state == 766 * 4
    assert memory(s, train=True, optimizer="sgd").optimizer_state == 0
    # bf16 everywhere: 2 bytes each, the step counters stay 4-byte float32
    assert memory(s, train=True, dtype="bf16").optimizer_state == 2 * 766 * 2 + 5 * 4
    # amp: fp32 master weights, gradients and state
    amp = memory(s, train=True, dtype="bf16", amp=True)
    assert amp.weights == 766 * 4 and amp.optimizer_state == 2 * 766 * 4 + 5 * 4
    # bn buffers: running mean and var (4 + 4 floats) and an int64 counter
    assert adam.buffers == 8 * 4 + 8


def test_amp_keeps_low_precision_copies():
    # conv under autocast: its fp32 input cast to bf16 (2*192*2 = 768 B) and its weight
    # cast (108*2 = 216 B); bn then gets a bf16 input (2*256*2 = 1024 B) and keeps fp32
    # statistics (32 B)
    m = memory(spec(CHAIN), batch=2, train=True, dtype="bf16", amp=True, device="cpu")
    kept = {l.name: l.saved_bytes for l in m.layers}
    assert kept["conv"] == 768 + 216
    assert kept["bn"] == 1024 + 32


def test_inference_liveness_by_hand():
    # batch 1, fp32. input 3x8x8 = 768 B, held by the caller throughout (eager PyTorch).
    # conv: input + output 4x8x8 (1024) = 1792. bn: 768 + 1024 + 1024 = 2816, conv's
    # output dies. relu in place: 768 + 1024. pool: output 4x4x4 (256 B) + int64 indices
    # (512 B) while its input is alive: 768 + 1024 + 768 = 2560. fc: 768 + 256 + 40.
    # Peak 2816 at bn. Freed at last use (the input too): 2048 at bn.
    m = memory(spec(CHAIN), batch=1)
    assert m.activation_peak == 2816 and m.peak_layer == "bn"
    assert {a.name: a.bytes for a in m.alive_at_peak} == {"input": 768, "conv": 1024,
                                                          "bn": 1024}
    assert m.total == m.weights + m.buffers + 2816
    assert m.ideal_peak == 2048
    assert memory(spec(CHAIN), batch=4).activation_peak == 4 * 2816


RESIDUAL = """
name: res
input: [8, 4, 4]
layers:
  - conv: {name: stem, out: 8, kernel: 1}
  - residual:
      name: block
      layers:
        - relu: {name: r}
        - conv: {name: c, out: 8, kernel: 1}
  - parallel:
      name: cat
      merge: concat
      branches:
        a: [conv: {name: c, out: 8, kernel: 1}]
        b: [conv: {name: c, out: 8, kernel: 1}]
"""


def test_shortcut_stays_alive_and_blocks_in_place():
    # every tensor is 8x4x4 = 128 floats = 512 B. The body's relu reads the stem's output,
    # which the shortcut still needs: it cannot run in place, so it allocates.
    m = memory(spec(RESIDUAL), batch=1)
    assert not any(l.in_place for l in m.layers)
    live = {l.name: l.live for l in m.layers}
    # eager PyTorch: the caller holds the network's input (512) throughout.
    # block.c: input + stem out (shortcut) + relu out + conv out = 2048
    assert live["block.c"] == 4 * 512
    # concat: both branch outputs + its output 16x4x4 (1024), and block's sum: the
    # parallel's input, held by the call that runs it until it returns (after the merge):
    # 512 (input) + 512 (sum) + 512 + 512 + 1024
    assert live["cat.concat1"] == 3072
    assert m.activation_peak == 3072
    # freed at last use (the input too), the sum is dead at the merge: 512 + 512 + 1024
    assert m.ideal_peak == 2048


def test_budget_sizes_and_largest_batch():
    assert parse_size("24GB") == 24 * 10**9
    assert parse_size("24GiB") == 24 * 2**30
    assert parse_size("1.5 MiB") == 1572864
    assert parse_size("4096") == 4096
    assert parse_size("0.1GB") == 100_000_000  # exact: no float rounding
    assert parse_size("999999999999999TB") == 999999999999999 * 10**12
    for bad in ("24 GiBB", "-1GB", "lots", "0GB", "9" * 5000 + "GB"):
        with pytest.raises(SpecError):
            parse_size(bad)
    # 100 fixed + 30 a sample under 1000 B: (1000 - 100) // 30 = 30 samples (1000 B)
    fit = largest_batch(1000, lambda b: (100, 30), 10**6)
    assert (fit.batch, fit.total, fit.next_total) == (30, 1000, 1030)
    assert largest_batch(50, lambda b: (100, 30), 10**6).batch == 0


def test_budget_answer_is_exact_for_a_real_model():
    s = cnnstat.load("resnet50-tv")
    budget = 24 * 2**30
    cost = lambda b: (lambda m: (m.fixed, m.per_sample))(memory(s, batch=b, train=True))  # noqa
    fit = largest_batch(budget, cost, 10**6)
    assert memory(s, batch=fit.batch, train=True).total <= budget
    assert memory(s, batch=fit.batch + 1, train=True).total > budget


def test_bad_options_are_spec_errors():
    s = spec(CHAIN)
    for kwargs in (dict(dtype="fp64"), dict(train=True, amp=True),  # amp needs fp16/bf16
                   dict(train=True, optimizer="lion"), dict(optimizer="adam"),
                   dict(batch=0), dict(device="tpu")):
        with pytest.raises(SpecError):
            memory(s, **kwargs)


def run(*args):
    return subprocess.run([sys.executable, "-m", "cnnstat", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_json_and_table_fit_80_columns():
    r = run("memory", "resnet50-tv", "--train", "-b", "32", "--budget", "24GiB", "-f", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["bytes"]["total"] == doc["bytes"]["fixed"] + 32 * doc["bytes"]["per_sample"]
    assert doc["budget"]["batch"] >= 1 and doc["rule"].startswith("peak =")
    r = run("memory", "resnet50-tv", "-b", "8")
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and "alive at the peak" in r.stdout
    table = [line for line in lines if line.startswith(("│", "┃", "┏", "└"))]
    assert table and max(len(line) for line in table) <= 80
    assert " MB" not in r.stdout and " GB " not in r.stdout  # binary units only
    for fmt in ("csv", "markdown"):
        assert run("memory", "alexnet", "-f", fmt).returncode == 0


def test_cli_bad_input_exits_2_with_one_paragraph():
    for args in (["--amp"], ["--budget", "lots"], ["--dtype", "fp64"], ["--train", "--amp"]):
        r = run("memory", "alexnet", *args)
        assert r.returncode == 2 and r.stderr.startswith("error:") and "Traceback" not in r.stderr


def test_training_memory_card():
    from cnnstat.explain import get, show

    shown = show(get("training-memory"), {"batch": 32})
    values = [s.value for s in shown.steps]
    m = memory(cnnstat.load("resnet50-tv"), batch=32, train=True, optimizer="adam")
    # weights: torchvision's ResNet50_Weights.IMAGENET1K_V1.meta["num_params"] = 25,557,032
    assert values[0] == 25_557_032 * 4 / 2**20
    assert values[-2] == m.total / 2**30 and values[-1] > 10  # many times the weights


def test_every_bundled_spec_has_a_memory_estimate():
    from cnnstat.models.zoo import bundled_names

    for name in bundled_names():
        s = cnnstat.load(name)
        infer = memory(s, batch=4)
        train = memory(s, batch=4, train=True, dtype="bf16", amp=True)
        assert infer.total > infer.weights and train.total > train.weights, name
        assert train.saved > infer.activation_peak, name  # training keeps more than it peaks


def test_memory_never_imports_torch():
    code = ("import sys, io, contextlib\n"
            "sys.argv = ['cnnstat', 'memory', 'resnet50-tv', '--train', '--budget', '24GiB']\n"
            "from cnnstat.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            "import cnnstat\ncnnstat.memory(cnnstat.load('alexnet'), train=True)\n"
            "print('torch' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "False", r.stderr
