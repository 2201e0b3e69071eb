"""`cnnstat verify`: a user's spec passes; a wrong published figure or a wrong analytic
rule fails with a message naming it; bad input is exit 2. Torch is the reference."""

import json
import textwrap

import pytest

pytest.importorskip("torch")
pytest.importorskip("fvcore")

from cnnstat import layers  # noqa: E402
from tests.conftest import run_process, write_spec  # noqa: E402

# A user's own network (not bundled): a stem, an Inception-style concat, a residual
# block with a projection shortcut, grouped and dilated convs, ceil-mode pooling.
USER_SPEC = """
name: mynet
input: [3, 64, 48]
published:
  params:
    value: {params}
    source: my own count
blocks:
  unit:
    args: {{width: required, stride: 1}}
    layers:
      - residual:
          layers:
            - conv: {{out: $width, kernel: 3, stride: $stride, padding: 1, bias: false}}
            - bn
            - relu
            - conv: {{out: $width, kernel: 3, padding: 2, dilation: 2, groups: 4, bias: false}}
            - bn
      - relu
layers:
  - conv: {{name: stem, out: 16, kernel: [7, 5], stride: 2, padding: [3, 2]}}
  - maxpool: {{kernel: 3, stride: 2, ceil_mode: true}}
  - parallel:
      name: mix
      merge: concat
      branches:
        a: [conv: {{out: 8, kernel: 1}}]
        b: [conv: {{out: 8, kernel: 1}}, conv: {{out: 16, kernel: 3, padding: same}}]
        c: [avgpool: {{kernel: 3, stride: 1, padding: 1}}, conv: {{out: 8, kernel: 1}}]
  - repeat: {{name: stage, times: 2, block: unit, with: {{width: 64}}, first: {{stride: 2}}}}
  - global_avgpool
  - flatten
  - dropout
  - linear: {{name: fc, out: 10}}
"""


def torch_params() -> int:
    """The reference count: numel of the same network written by hand in torch."""
    import torch.nn as nn

    block = lambda cin, s: [nn.Conv2d(cin, 64, 3, s, 1, bias=False), nn.BatchNorm2d(64),  # noqa
                            nn.Conv2d(64, 64, 3, 1, 2, 2, 4, bias=False), nn.BatchNorm2d(64)]
    mods = [nn.Conv2d(3, 16, (7, 5), 2, (3, 2)),
            nn.Conv2d(16, 8, 1), nn.Conv2d(16, 8, 1), nn.Conv2d(8, 16, 3, padding="same"),
            nn.Conv2d(16, 8, 1),
            *block(32, 2), nn.Conv2d(32, 64, 1, 2, bias=False), nn.BatchNorm2d(64),
            *block(64, 1), nn.Linear(64, 10)]
    return sum(p.numel() for m in mods for p in m.parameters())


@pytest.fixture
def user_spec(tmp_path):
    count = torch_params()
    return lambda params=count: write_spec(tmp_path, USER_SPEC.format(params=params))


def test_user_spec_verifies(cli, user_spec):
    code, out, err = cli("verify", str(user_spec()))
    assert code == 0, out + err
    assert out.startswith("✓ mynet: ")
    flat = " ".join(out.split())  # lines are wrapped to the terminal's width
    assert "(fvcore agrees)" in flat and "published: params" in flat and "✓" in out
    assert "1 spec verified against torch" in out and "1 match" in out


def test_wrong_published_figure_exits_1_and_names_it(cli, user_spec):
    right = torch_params()
    code, out, _ = cli("verify", str(user_spec(right + 1)))
    assert code == 1
    assert out.startswith("✗ mynet: ")
    flat = " ".join(out.split())  # lines are wrapped to the terminal's width
    assert f"params {right + 1:,} ✗ (torch {right:,})" in flat
    assert "1 mismatch" in out


def test_wrong_analytic_rule_exits_1_naming_the_layer(cli, user_spec, monkeypatch):
    """Break one rule of the layer algebra: max pooling ignores ceil_mode."""
    original = layers.MaxPool.effect

    def wrong(self, shape):
        eff = original(self, shape)
        (kh, kw), (sh, sw) = self.kernel, self.stride or self.kernel
        floor = (shape[0], layers.window_out(shape[1], kh, sh, self.padding[0]),
                 layers.window_out(shape[2], kw, sw, self.padding[1]))
        return eff._replace(output=floor)

    monkeypatch.setattr(layers.MaxPool, "effect", wrong)
    code, out, _ = cli("verify", str(user_spec()))
    assert code == 1
    assert out.startswith("✗ mynet: ")
    table = out.split("\n", 1)[1]
    first = next(line for line in table.splitlines() if line.startswith("│ "))
    cells = [c.strip() for c in first.strip("│").split("│")]
    # 32x24 -> (32-3)/2 rounded up + 1 = 16, (24-3)/2 rounded up + 1 = 12 (torch's ceil mode)
    assert cells[:4] == ["pool1", "output", "16x15x11", "16x16x12"]


def test_wrong_mac_rule_is_caught_by_both_counters(cli, monkeypatch):
    original = layers.Linear.effect
    monkeypatch.setattr(layers.Linear, "effect",
                        lambda self, shape: original(self, shape)._replace(
                            macs=original(self, shape).macs + self.out))  # counts the bias
    code, out, _ = cli("verify", "alexnet", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    diffs = doc["specs"][0]["diffs"]
    fc8 = [d for d in diffs if d["layer"] == "fc8"]
    assert {d["source"] for d in fc8} == {"FlopCounterMode", "fvcore"}
    assert all(d["quantity"] == "macs" and d["torch"] == 4096 * 1000 for d in fc8)


def test_json_document(cli):
    code, out, _ = cli("verify", "lenet5", "vgg16", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["ok"] is True and doc["summary"]["match"] == 2
    vgg = doc["specs"][1]
    assert vgg["name"] == "vgg16" and vgg["ok"] is True and vgg["diffs"] == []
    assert vgg["torch"]["params"] == 138_357_544 == vgg["analytic"]["params"]
    assert vgg["torch"]["macs"] == vgg["fvcore_macs"] == vgg["analytic"]["macs"]
    assert {p["key"]: p["ok"] for p in vgg["published"]}["params"] is True


def test_bad_input_exit_2(cli, tmp_path):
    code, _, err = cli("verify")
    assert code == 2 and "--all" in err
    code, _, err = cli("verify", "lenet5", "-f", "csv")
    assert code == 2 and "--format must be one of table, json" in err
    bad = write_spec(tmp_path, "input: [3, 8, 8]\nlayers:\n  - conv: {out: 4, kernal: 3}\n")
    code, out, _ = cli("verify", "lenet5", str(bad))
    assert code == 2
    assert out.splitlines()[0].startswith("✓ lenet5")
    flat = " ".join(out.split())  # lines are wrapped to the terminal's width
    assert f"! {bad}: error: {bad}:3 (layer 'conv1'): conv has no argument 'kernal'" in flat


def test_verify_process_has_no_progress_bar_when_piped(tmp_path):
    """stderr is not a terminal here: no progress bar, no escape codes."""
    proc = run_process("verify", "lenet5", "resnet18", "--no-fvcore")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b" not in proc.stdout
    lines = [line for line in proc.stdout.splitlines() if not line.startswith("  ")]
    assert lines[0].startswith("✓ lenet5: ") and lines[1].startswith("✓ resnet18: ")
    assert max(len(line) for line in proc.stdout.splitlines()) <= 80
    assert "fvcore" not in proc.stdout


def test_worker_processes_give_the_same_results(tmp_path):
    proc = run_process("verify", "lenet5", "resnet18", "alexnet", "vgg11", "-j", "2",
                       "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [s["name"] for s in doc["specs"]] == ["lenet5", "resnet18", "alexnet", "vgg11"]
    assert all(s["ok"] for s in doc["specs"])
