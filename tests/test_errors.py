"""Every class of bad input: one paragraph naming file, line and layer path; exit 2."""

import textwrap

import pytest

from tests.conftest import run_process, write_spec

CASES = {
    "unknown kind": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 8, kernel: 3}
          - convv: {out: 8, kernel: 3}
        """, 4, "convv", "unknown layer kind 'convv'; did you mean 'conv'?"),
    "unknown argument": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 8, kernal: 3}
        """, 3, "conv1", "conv has no argument 'kernal'; did you mean 'kernel'?"),
    "missing block argument": ("""
        input: [3, 32, 32]
        blocks:
          unit:
            args: {width: required}
            layers:
              - conv: {out: $width, kernel: 3}
        layers:
          - unit: {name: u1}
        """, 8, "u1", "block 'unit' needs argument 'width'"),
    "unknown block argument": ("""
        input: [3, 32, 32]
        blocks:
          unit:
            args: {width: required}
            layers: [conv: {out: $width, kernel: 3}]
        layers:
          - unit: {widht: 3}
        """, 7, "unit1", "block 'unit' has no argument 'widht'; did you mean 'width'?"),
    "kernel larger than padded input": ("""
        input: [3, 8, 8]
        layers:
          - seq:
              name: stem
              layers:
                - conv: {out: 8, kernel: 3}
                - conv: {out: 8, kernel: 11, padding: 1}
        """, 7, "stem.conv2", "kernel 11 (dilation 1) is larger than the padded input 6 + 2x1 = 8"),
    "concat spatial mismatch": ("""
        input: [3, 32, 32]
        layers:
          - parallel:
              name: mix
              merge: concat
              branches:
                a: [conv: {out: 8, kernel: 3}]
                b: [conv: {out: 8, kernel: 3, padding: 1}]
        """, 3, "mix.concat1", "concat needs branches with the same height and width, got 8x30x30, 8x32x32"),
    "add channel mismatch": ("""
        input: [3, 32, 32]
        layers:
          - parallel:
              merge: add
              branches:
                a: [conv: {out: 8, kernel: 3, padding: 1}]
                b: [conv: {out: 16, kernel: 3, padding: 1}]
        """, 3, "add1", "add needs inputs of the same shape, got 8x32x32, 16x32x32"),
    "non-positive size": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 0, kernel: 3}
        """, 3, "conv1", "argument 'out' must be at least 1, not 0"),
    "non-positive input": ("""
        input: [3, 0, 32]
        layers: [relu]
        """, 1, None, "each dimension must be from 1"),
    "block uses itself": ("""
        input: [3, 32, 32]
        blocks:
          a:
            layers: [b]
          b:
            layers: [a]
        layers:
          - a
        """, 6, "a1.b1.a1", "block 'a' uses itself (a -> b -> a)"),
    "repeat too large": ("""
        input: [3, 32, 32]
        blocks:
          unit:
            layers: [relu]
        layers:
          - repeat: {name: r, times: 1000000000, block: unit}
        """, 6, "r", "'times' must be an integer from 0 to 10,000"),
    "nested repeats too large": ("""
        input: [3, 32, 32]
        blocks:
          u0:
            layers: [relu]
          u1:
            layers: [repeat: {name: r, times: 1000, block: u0}]
          u2:
            layers: [repeat: {name: r, times: 1000, block: u1}]
        layers: [u2]
        """, 4, "u21.r.10.r.0.relu1", "expands to more than 10,000 layers"),
    "huge expression": ("""
        input: [3, 32, 32]
        blocks:
          unit:
            args: {w: required}
            layers: [conv: {out: $w * 999999999 * 999999999, kernel: 3}]
        layers:
          - unit: {w: 3}
        """, 5, "unit1.conv1", "beyond"),
    "python object tag": ("""
        input: !!python/object/apply:os.system ["echo unsafe"]
        layers: [relu]
        """, 1, None, "may not use Python object tags"),
    "invalid yaml": ("""
        input: [3, 32, 32
        layers: [relu]
        """, 2, None, "invalid YAML"),
    "linear on a feature map": ("""
        input: [3, 32, 32]
        layers:
          - linear: {out: 10}
        """, 3, "fc1", "put a 'flatten'"),
    "groups do not divide": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 8, kernel: 3, groups: 2}
        """, 3, "conv1", "groups=2 must divide both input channels (3)"),
    "duplicate name": ("""
        input: [3, 32, 32]
        layers:
          - conv: {name: a, out: 8, kernel: 3}
          - relu: {name: a}
        """, 4, "a", "the name 'a' is used twice"),
    "two unnamed parallels in one scope": ("""
        input: [3, 8, 8]
        layers:
          - parallel:
              merge: concat
              branches: {a: [relu], b: [identity]}
          - parallel:
              merge: add
              branches: {a: [relu], b: [identity]}
        """, 6, "a", "the name 'a' is used twice; two unnamed parallels in one scope"),
    "wrong argument type": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 8, kernel: three}
        """, 3, "conv1", "argument 'kernel' must be an integer"),
    "missing layers": ("""
        input: [3, 32, 32]
        """, 1, None, "the spec has no 'layers'"),
    "fixed classifier at another input size": ("""
        input: [3, 32, 32]
        layers:
          - conv: {out: 8, kernel: 33}
        """, 3, "conv1", "kernel 33 (dilation 1) is larger than the padded input 32"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_spec(case, tmp_path, cli):
    text, line, path, message = CASES[case]
    spec = write_spec(tmp_path, textwrap.dedent(text).lstrip("\n"))
    code, out, err = cli("params", str(spec))
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith(f"error: {spec}:{line}")
    if path:
        assert f"(layer '{path}')" in err
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1, "one paragraph, one line"


def test_unknown_bundled_name(cli):
    code, _, err = cli("params", "Vgg-166")
    assert code == 2
    assert "no bundled spec named 'Vgg-166'; did you mean 'vgg16'?" in err


def test_missing_file(cli, tmp_path):
    code, _, err = cli("params", str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such spec file" in err


def test_bad_input_override(cli):
    code, _, err = cli("params", "resnet50", "--input", "3x160")
    assert code == 2 and "--input '3x160' must have 3 dimensions" in err


def test_fixed_fc_layer_names_layer_at_other_input(cli):
    # AlexNet's fc6 expects 256x6x6 = 9216 inputs; at 3x320x320 the walk still works
    # (linear takes whatever comes), but GoogLeNet's 7x7 average pool cannot fit 3x64x64.
    code, _, err = cli("params", "googlenet", "--input", "3x64x64")
    assert code == 2
    assert "(layer 'pool5')" in err and "kernel 7" in err


def test_no_traceback_in_a_real_process(tmp_path):
    spec = write_spec(tmp_path, "input: [3, 8, 8]\nlayers:\n  - maxpool: {kernel: 9}\n")
    proc = run_process("params", str(spec))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{spec}:3 (layer 'pool1')" in proc.stderr
