"""A generated corpus of hostile inputs for the CLI (issues 15 and 16): alias bombs in every
kind of value, nesting of every composite, oversize and odd files, names that are not
names, escapes, non-finite and overlong numbers. Each case is (id, files, args): ``files``
maps a name to the text (or a callable that makes the file) written in a fresh folder,
and ``args`` is the command line, run there.

The property every case must have: exit status 0, 1 or 2, no traceback, a few seconds at
most, and an error message of bounded length.
"""

from __future__ import annotations

import os

BASE = "input: [1, 8, 8]\nlayers:\n  - conv: {out: 2, kernel: 3}\n"
BIG = "9" * 5000


def bomb(levels: int = 9, width: int = 10) -> str:
    """YAML anchors where each level lists the previous one ``width`` times:
    ``width ** levels`` leaves from a file of a few hundred bytes."""
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _bomb_spec(where: str) -> str:
    in_vars = "vars:\n" + "".join("  " + line + "\n" for line in bomb().splitlines())
    placements = {
        "layer argument": in_vars + BASE + "  - conv: {out: *a8, kernel: 3}\n",
        "title": in_vars + "title: *a8\n" + BASE,
        "vars": in_vars + BASE,
        "published source": in_vars + BASE + "published:\n  params: {value: 1, source: *a8}\n",
        "matches": in_vars + BASE + "matches: *a8\n",
        "top level": bomb() + BASE,
    }
    return placements[where]


def _nest_residual(n: int) -> str:
    text, ind = "", 2
    for _ in range(n):
        text += " " * ind + "- residual:\n" + " " * ind + "    layers:\n"
        ind += 6
    return "input: [4, 8, 8]\nlayers:\n" + text + " " * ind + "- relu\n"


def _nest_parallel(n: int) -> str:
    text, ind = "", 2
    for _ in range(n):
        text += (" " * ind + "- parallel:\n" + " " * ind + "    merge: add\n" + " " * ind
                 + "    branches:\n" + " " * ind + "      a: [relu]\n" + " " * ind + "      b:\n")
        ind += 8
    return "input: [4, 8, 8]\nlayers:\n" + text + " " * ind + "- relu\n"


def _chain(n: int, residual: bool = False) -> str:
    blocks = ""
    for i in range(n):
        body = (f"      - residual:\n          layers: [b{i + 1}]\n" if residual
                else f"      - b{i + 1}\n")
        blocks += f"  b{i}:\n    layers:\n{body}"
    blocks += f"  b{n}:\n    layers: [relu]\n"
    return "input: [4, 8, 8]\nblocks:\n" + blocks + "layers: [b0]\n"


def _sparse(size: int):
    def make(path: str) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)
    return make


def _fifo(path: str) -> None:
    os.mkfifo(path)


def _dir(path: str) -> None:
    os.mkdir(path)


def cases() -> list[tuple[str, dict, list[str]]]:
    out: list[tuple[str, dict, list[str]]] = []

    def spec(case: str, text, *extra: str, command: str = "params") -> None:
        out.append((case, {"s.yaml": text}, [command, "s.yaml", *extra]))

    # alias bombs, in each kind of value, through each command that reads a spec
    for where in ("layer argument", "title", "vars", "published source", "matches",
                  "top level"):
        for command in ("params", "diagram", "list"):
            if command == "list":
                out.append((f"bomb {where} list", {"s.yaml": _bomb_spec(where)},
                            ["compare", "s.yaml", "lenet5"]))
            else:
                spec(f"bomb {where} {command}", _bomb_spec(where), command=command)
    spec("bomb in repeat times", bomb() + BASE + "  - repeat: {name: r, times: *a8, layers: [relu]}\n")
    spec("wide bomb", bomb(levels=4, width=200) + BASE)
    spec("recursive alias", "a: &a [*a]\n" + BASE)
    # nesting: YAML brackets, composites, block chains
    for n in (60, 200, 900):
        spec(f"brackets {n}", "input: [1, 8, 8]\nlayers: " + "[" * n + "relu" + "]" * n + "\n")
        spec(f"mapping depth {n}", "x:\n" + "".join(" " * i + "y:\n" for i in range(1, n)) + BASE)
    for n in (10, 20, 150):
        spec(f"nested residual {n}", _nest_residual(n))
    for n in (10, 100):
        spec(f"nested parallel {n}", _nest_parallel(n))
    for n in (20, 47, 1000):
        spec(f"block chain {n}", _chain(n))
        spec(f"residual block chain {n}", _chain(n, residual=True))
    # sizes
    spec("repeat past the layer cap", "input: [1, 8, 8]\nlayers:\n  - repeat: {name: r, "
         "times: 10000, layers: [relu, relu]}\n")
    spec("exponential parallel", "input: [1, 8, 8]\nblocks:\n" + "".join(
        f"  b{i}:\n    layers:\n      - parallel: {{merge: add, branches: {{x: [b{i + 1}], "
        f"y: [b{i + 1}]}}}}\n" for i in range(20)) + "  b20:\n    layers: [relu]\n"
        "layers: [b0]\n")
    out.append(("5 GB sparse spec", {"s.yaml": _sparse(5 * 2**30)}, ["params", "s.yaml"]))
    out.append(("3 MB spec", {"s.yaml": BASE + "# " + "x" * 3_000_000 + "\n"},
                ["params", "s.yaml"]))
    out.append(("200 MB sparse note", {"n.md": _sparse(200_000_000)}, ["check", "n.md"]))
    out.append(("fifo spec", {"s.yaml": _fifo}, ["params", "s.yaml"]))
    out.append(("directory spec", {"d.yaml": _dir}, ["params", "d.yaml"]))
    out.append(("device spec", {}, ["params", "/dev/null"]))
    out.append(("fifo note", {"n.md": _fifo}, ["check", "n.md"]))
    # names and paths
    out.append(("parent path", {}, ["params", "../../x"]))
    out.append(("bundled dir escape", {}, ["params", "../specs/vgg16"]))
    out.append(("long file name", {}, ["params", "x" * 5000]))
    out.append(("long file name yaml", {}, ["params", "x" * 5000 + ".yaml"]))
    out.append(("long path", {}, ["params", "/".join(["d"] * 3000) + ".yaml"]))
    out.append(("nul in name", {}, ["params", "a\x00b"]))
    out.append(("empty name", {}, ["params", ""]))
    out.append(("upper-case name", {}, ["params", "VGG16"]))
    out.append(("local file shadowing a bundled name", {"vgg16": BASE}, ["params", "vgg16"]))
    out.append(("local file with a bare name", {"mynet": BASE}, ["params", "mynet"]))
    out.append(("plot into a missing folder", {}, ["compare", "lenet5", "alexnet", "--plot",
                                                   "no/such/dir/p.png"]))
    # escapes and control characters
    for text in ('title: "\\e[31mred\\e]0;title\\a"\n', 'name: "a\\x9bb"\n',
                 'title: "x\\n}\\ngraph TD\\n evil"\n', 'title: "x\\"]; evil [label=\\"y"\n',
                 "title: a\x07b\n", "title: a\x00b\n", "title: \u202eevil\n"):
        for command in ("params", "diagram"):
            spec(f"escape {text[:14]!r} {command}", text + BASE, command=command)
        spec(f"escape {text[:14]!r} dot", text + BASE, "--format", "dot", command="diagram")
    # numbers: superscripts, overlong, non-finite
    out += [
        ("superscript --input", {}, ["params", "lenet5", "--input", "1x³²x32"]),
        ("superscript calc", {}, ["calc", "227x227x3 | conv 96 k² s4"]),
        ("superscript calc input", {}, ["calc", "conv", "--input", "227x²²⁷x3", "-o", "96",
                                        "-k", "11"]),
        ("5000 digits --input", {}, ["params", "lenet5", "--input", f"1x{BIG}x32"]),
        ("5000 digits calc", {}, ["calc", f"{BIG}x227x3 | conv 96 k11"]),
        ("5000 digits calc layer", {}, ["calc", f"227x227x3 | conv {BIG} k11"]),
        ("empty --input", {}, ["params", "lenet5", "--input", ""]),
        ("explain nan", {}, ["explain", "lrn", "--beta", "nan"]),
        ("explain 1e308", {}, ["explain", "lrn", "--beta", "1e308"]),
        ("explain overflow", {}, ["explain", "lrn", "--beta", "1e11"]),
        ("explain 5000 digits", {}, ["explain", "lrn", "--size", BIG]),
        ("calc nan", {}, ["calc", "227x227x3 | conv 96 k11 s=nan"]),
    ]
    spec("published 5000 digits", BASE + f"published:\n  params: {{value: {BIG}, source: x}}\n")
    spec("published 5000 digit string", BASE + f"published:\n  params: {{value: '{BIG}', "
         "source: x}\n")
    spec("published huge fraction", BASE + f"published:\n  params: {{value: '1.{BIG}M', "
         "source: x}\n")
    spec("published huge float", BASE + f"published:\n  params: {{value: 1.{BIG}, source: x}}\n")
    spec("published 1e999", BASE + "published:\n  params: {value: 1e999, source: x}\n")
    spec("input 5000 digits", f"input: [1, {BIG}, 8]\nlayers: [relu]\n")
    spec("dropout nan", BASE + "  - dropout: {p: .nan}\n")
    spec("dropout inf", BASE + "  - dropout: {p: .inf}\n")
    spec("dropout nan json", BASE + "  - dropout: {p: .NaN}\n", "--format", "json")
    spec("vars list", "vars: [1, 2]\n" + BASE)
    spec("vars string", "vars: abc\n" + BASE)
    spec("repeat block list", "input: [1, 8, 8]\nblocks:\n  u: {layers: [relu]}\nlayers:\n"
         "  - repeat: {name: r, times: 2, block: [u]}\n")
    spec("repeat block mapping", "input: [1, 8, 8]\nblocks:\n  u: {layers: [relu]}\nlayers:\n"
         "  - repeat: {name: r, times: 2, block: {u: 1}}\n")
    spec("survival 2", BASE + "  - residual: {survival: 2, layers: [relu]}\n")
    spec("long value in an error", BASE + "  - conv: {out: '" + "z" * 1_000_000 + "'}\n")
    spec("long unknown kind", BASE + "  - " + "q" * 100_000 + "\n")
    spec("binary", "\x00\x01\x02" * 100)
    spec("not UTF-8", lambda p: open(p, "wb").write(b"input: \xff\xfe\n"))
    spec("empty", "")
    spec("just a list", "- 1\n- 2\n")
    out += issue22_cases()
    return out


ESC = "\x1b]0;pwned\x07\x1b[2J"
MODEL = ("import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n"
         "        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3)\n"
         "    def forward(self, x):\n        return self.conv(x)\n")


def issue22_cases() -> list[tuple[str, dict, list[str]]]:
    """Issue 22's new surfaces: output files, user code, escapes, odd notes, odd numbers.
    (The expected outcome of each is asserted in test_user_code.py and test_safety22.py;
    here they must only stay clean.)"""
    def link(target: str):
        def make(path: str) -> None:
            os.symlink(target, path)
        return make

    out: list[tuple[str, dict, list[str]]] = []
    out += [
        ("import -o onto its own source", {"m.py": MODEL}, ["import", "m.py:Net", "-o", "m.py"]),
        ("import -o through a symlink", {"m.py": MODEL, "v.txt": "keep\n",
                                         "o.yaml": link("v.txt")},
         ["import", "m.py:Net", "-o", "o.yaml", "--force"]),
        ("import -o onto an existing file", {"m.py": MODEL, "o.yaml": "mine\n"},
         ["import", "m.py:Net", "-o", "o.yaml"]),
        ("import -o a directory", {"m.py": MODEL, "d": _dir},
         ["import", "m.py:Net", "-o", "d", "--force"]),
        ("import -o /dev/null", {"m.py": MODEL}, ["import", "m.py:Net", "-o", "/dev/null"]),
        ("import sys:exit", {}, ["import", "sys:exit"]),
        ("params sys:exit", {}, ["params", "sys:exit"]),
        ("import os:abort", {}, ["import", "os:abort"]),
        ("module exits 0", {"ez.py": "import sys\nsys.exit(0)\n"}, ["params", "ez.py:Net"]),
        ("module argparse", {"ap.py": "import argparse\nargparse.ArgumentParser()"
                                      ".parse_args(['--x'])\n"}, ["import", "ap.py:Net"]),
        ("module reads stdin", {"rd.py": "input()\n"}, ["import", "rd.py:Net"]),
        ("kwargs 100,000 deep", {}, ["import", "sys:exit", "--kwargs", "[" * 100_000]),
        ("kwargs 5,000-digit int", {}, ["import", "sys:exit", "--kwargs",
                                        '{"n": ' + BIG + "}"]),
        ("kwargs 1e999", {}, ["import", "sys:exit", "--kwargs", '{"n": 1e999}']),
        ("import --timeout nan", {}, ["import", "sys:exit", "--timeout", "nan"]),
        ("calc padding superscript", {}, ["calc", "conv", "-i", "3x32x32", "-o", "8", "-k",
                                          "3", "--padding", "²"]),
        ("calc negative kernel", {}, ["calc", "3x32x32 | conv 96 k-3"]),
        ("calc exponent", {}, ["calc", "3x32x32 | conv 96 k1e3"]),
        ("spec exponent var", {"s.yaml": "vars: {w: 1e-05}\n" + BASE}, ["params", "s.yaml"]),
        ("spec huge exponent", {"s.yaml": "vars: {w: '1e999999999'}\n" + BASE},
         ["params", "s.yaml"]),
        ("set huge exponent", {}, ["params", "mobilenet-v1", "--set",
                                   "width_mult=1e999999999"]),
        ("note CR only", {"n.md": "# n\r\r- 3 x 3 = 10\r"}, ["check", "n.md"]),
        ("note mixed endings", {"n.md": "# n\r\n\r- 3 x 3 = 10\n\r\r\n"},
         ["check", "--fix", "n.md"]),
        ("note UTF-16 with BOM", {"n.md": lambda p: open(p, "wb").write(
            b"\xff\xfe" + "# n\n- 3 x 3 = 10\n".encode("utf-16-le"))}, ["check", "n.md"]),
        ("note UTF-16 no BOM", {"n.md": lambda p: open(p, "wb").write(
            "# n\n- 3 x 3 = 10\n".encode("utf-16-be"))}, ["check", "n.md"]),
        ("note UTF-32 bad", {"n.md": lambda p: open(p, "wb").write(
            b"\xff\xfe\x00\x00" + b"\xff" * 9)}, ["check", "n.md"]),
        ("note escapes verbose", {"n.md": f"# n\n\n{ESC} 5 of 7\n"},
         ["check", "n.md", "--verbose"]),
        ("note backspaces fix", {"n.md": "- 4 x 4 = 17\b\b\b\b169 right\n"},
         ["check", "--fix", "n.md"]),
        ("note beside a file named vgg16", {"vgg16": "x\n", "n.md": "VGG16 has 138M "
                                            "parameters.\n"}, ["check", "n.md"]),
        ("escape in spec path", {}, ["params", f"{ESC}.yaml"]),
        ("escape in note path", {}, ["check", f"{ESC}.md"]),
        ("escape in explain topic", {}, ["explain", ESC]),
        ("escape in calc chain", {}, ["calc", f"3x8x8 | {ESC}"]),
        ("escape in import target", {}, ["import", f"{ESC}.py:Net"]),
        ("plot through a symlink", {"v.txt": "keep\n", "p.png": link("v.txt")},
         ["compare", "lenet5", "alexnet", "--plot", "p.png"]),
    ]
    return out
