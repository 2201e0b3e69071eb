"""Issue 22: a model's code cannot fake success, hang cnnstat, or write into its output,
and `import -o` never loses a file.

Each model file below does one hostile thing; before this issue each one either ended
cnnstat with the code's own exit status (0 for `sys.exit(0)`, so `verify` "passed"),
printed into the YAML, or hung. Now the code runs in a worker process
(``cnnstat.runtime.worker``): anything but a model is an error naming the file, exit 2.
"""

import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent

NET = """
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
    def forward(self, x):
        {forward}
        return self.conv(x)
"""

HOSTILE = {
    # name: (module text, what the error must say)
    "exit0": ("import sys\nsys.exit(0)\n", "sys.exit(0)"),
    "exit42_init": ("import sys, torch.nn as nn\nclass Net(nn.Module):\n"
                    "    def __init__(self):\n        sys.exit(42)\n", "sys.exit(42)"),
    "keyboard": ("import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n"
                 "        raise KeyboardInterrupt\n", "KeyboardInterrupt"),
    "abort": ("import os\nos.abort()\n", "aborted"),
    "os_exit": ("import os\nos._exit(0)\n", "os._exit(0)"),
    "argparse": ("import argparse\np = argparse.ArgumentParser()\n"
                 "p.add_argument('--need', required=True)\np.parse_args()\n", "usage:"),
    "segfault": ("import ctypes\nctypes.string_at(0)\n", "segmentation fault"),
}


def write(folder: Path, name: str, text: str) -> str:
    (folder / f"{name}.py").write_text(text, encoding="utf-8")
    return f"{name}.py:Net"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_code_that_exits_or_crashes_is_an_error(here, cli, name):
    text, says = HOSTILE[name]
    target = write(here, name, text)
    code, out, err = cli("import", target)
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith(f"error: {name}.py: "), err
    assert says in err, err


def test_verify_of_an_exiting_target_is_not_a_pass(here, cli):
    """`verify lenet5 ez.py:Net` printed lenet5's line and exited 0 (a CI gate passed)."""
    target = write(here, "ez", HOSTILE["exit0"][0])
    code, out, err = cli("verify", "lenet5", target, "--no-fvcore")
    assert code == 2, out + err
    assert "✓ lenet5" in out
    assert "ez.py: the model's code called sys.exit(0)" in out
    assert "1 match, 1 bad input" in out


@pytest.mark.parametrize("command", ["params", "import"])
def test_a_library_function_that_exits_is_an_error(cli, command):
    code, out, err = cli(command, "sys:exit")
    assert code == 2, (out, err)
    assert "sys.exit(None)" in err


def test_print_in_forward_stays_out_of_the_yaml(here, cli):
    target = write(here, "loud", NET.format(forward='print("name: hijacked")'))
    code, out, err = cli("import", target)
    assert code == 0, err
    assert "hijacked" not in out
    assert out.count("\nname: ") == 1 and "\nname: net\n" in out
    assert "name: hijacked" in err  # shown, as what the model's code printed


def test_a_forward_that_never_returns_is_stopped(here, cli):
    target = write(here, "hang", NET.format(forward="while True: pass"))
    start = time.monotonic()
    code, out, err = cli("import", target, "--timeout", "3")
    assert time.monotonic() - start < 30
    assert code == 2 and "did not finish in 3 s" in err, err


def test_bad_timeouts_are_refused(cli):
    for value in ("0", "-1", "nan", "1e12"):
        code, _, err = cli("import", "sys:exit", "--timeout", value)
        assert code == 2 and "--timeout must be" in err, (value, err)


def test_the_worker_has_a_memory_limit(here):
    """It said "importing it failed: MemoryError"; now it names the limit reached and how
    to raise it."""
    from cnnstat.errors import SpecError
    from cnnstat.models.zoo import import_spec

    target = write(here, "greedy", "x = bytearray(8 * 2**30)\n")  # 8 GiB at import
    with pytest.raises(SpecError) as caught:
        import_spec(target, memory=512 * 2**20)
    message = str(caught.value)
    assert message.startswith("greedy.py: the model's code reached the memory limit"), message
    assert "0.50 GiB" in message and "CNNSTAT_MEMORY_LIMIT=GIB" in message
    assert "importing it failed" not in message and "MemoryError" not in message


@pytest.mark.parametrize("where", ["__init__", "forward"])
def test_memory_limit_reached_in_the_builder_or_forward_is_named(here, where):
    """Not "X(...) failed: MemoryError" (the builder) nor "cannot trace the model: its
    forward raised MemoryError" (the forward)."""
    from cnnstat.errors import SpecError
    from cnnstat.models.zoo import import_spec

    grab = "self.x = bytearray(8 * 2**30)" if where == "__init__" else \
        "bytearray(8 * 2**30)"
    text = NET.format(forward=grab if where == "forward" else "pass")
    if where == "__init__":
        text = text.replace("super().__init__()", "super().__init__(); " + grab)
    target = write(here, "greedy", text)
    with pytest.raises(SpecError, match="reached the memory limit .*CNNSTAT_MEMORY_LIMIT"):
        import_spec(target, memory=512 * 2**20)


def test_memory_limit_set_on_the_command_line_is_named(here):
    """CNNSTAT_MEMORY_LIMIT=3 (GiB): enough for torch, not for the model's 8 GiB; the
    error names the limit and the variable, exit 2."""
    write(here, "greedy", "x = bytearray(8 * 2**30)\n")
    env = {**os.environ, "CNNSTAT_MEMORY_LIMIT": "3"}
    proc = subprocess.run([sys.executable, "-m", "cnnstat", "import", "greedy.py:Net"],
                          capture_output=True, text=True, cwd=here, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: greedy.py: the model's code reached the memory "
                                  "limit"), proc.stderr
    assert "(3.00 GiB more" in proc.stderr and "CNNSTAT_MEMORY_LIMIT=GIB" in proc.stderr


def test_a_native_library_that_gives_up_on_memory_is_named(tmp_path):
    """OpenBLAS, short of memory while torch loads in the worker, prints this and exits
    1; the error then names the memory limit, not only the exit."""
    from cnnstat.runtime.worker import _allocation_failed

    log = tmp_path / "worker.log"
    log.write_text("OpenBLAS error: Memory allocation still failed after 10 retries, "
                   "giving up.\n")
    assert _allocation_failed(str(log))
    log.write_text("usage: model.py [-h] --need NEED\n")
    assert not _allocation_failed(str(log))


def test_memory_limit_from_the_environment(monkeypatch):
    from cnnstat.errors import SpecError
    from cnnstat.runtime.worker import default_memory

    monkeypatch.setenv("CNNSTAT_MEMORY_LIMIT", "1.5")
    assert default_memory() == 3 * 2**29  # 1.5 GiB = 1.5 x 2**30 bytes
    for bad in ("0", "-2", "nan", "lots", "1e9"):
        monkeypatch.setenv("CNNSTAT_MEMORY_LIMIT", bad)
        with pytest.raises(SpecError, match="CNNSTAT_MEMORY_LIMIT=.* must be a number of GiB"):
            default_memory()


def test_a_model_with_more_layers_than_a_spec_may_have_is_refused_at_once(here, cli):
    (here / "relus.py").write_text("import torch.nn as nn\ndef net():\n"
                                   "    return nn.Sequential(*[nn.ReLU() for _ in range(20000)])\n")
    start = time.monotonic()
    code, _, err = cli("import", "relus.py:net")
    assert code == 2 and "more than 10,000 leaf modules" in err, err
    assert "aliases" not in err
    assert time.monotonic() - start < 30


def test_a_forward_error_is_not_blamed_on_branching(here, cli):
    target = write(here, "valerr", NET.format(forward='raise ValueError("bad channels")'))
    code, _, err = cli("import", target)
    assert code == 2 and "raised ValueError" in err, err
    assert "branches on tensor values" not in err
    (here / "deep.py").write_text("import torch.nn as nn\ndef net():\n    m = nn.Conv2d(3, 3, 1)\n"
                                  "    for _ in range(400):\n        m = nn.Sequential(m)\n"
                                  "    return m\n")
    code, _, err = cli("import", "deep.py:net")
    assert code == 2 and "deeply" in err, err
    assert "branches on tensor values" not in err


@pytest.mark.parametrize("kwargs,says", [
    ("[" * 100_000 + "]" * 100_000, "nests 100,000 levels"),
    ('{"width": ' + "9" * 5000 + "}", "5,000 digits"),
    ('{"width": ' + "[" * 1000 + "]" * 1000 + "}", "nests 1,001 levels"),
])
def test_kwargs_bombs_are_clean_errors(cli, kwargs, says):
    code, _, err = cli("import", "sys:exit", "--kwargs", kwargs)
    assert code == 2 and says in err, err


# ------------------------------------------------------------------ import -o

def test_output_naming_the_models_source_is_refused(here, cli):
    target = write(here, "m", NET.format(forward="pass"))
    before = (here / "m.py").read_bytes()
    code, _, err = cli("import", target, "-o", "m.py")
    assert code == 2 and "an input of this same run" in err, err
    assert (here / "m.py").read_bytes() == before
    code, _, err = cli("import", target, "-o", str(here / "." / "m.py"), "--force")
    assert code == 2 and (here / "m.py").read_bytes() == before


PACKAGE = {"pkgx/__init__.py": "",
           "pkgx/model.py": "import torch.nn as nn\nfrom pkgx import helper\n"
                            "def net():\n    return nn.Sequential(nn.Conv2d(3, 8, 3), "
                            "helper.act())\n",
           "pkgx/helper.py": "import torch.nn as nn\ndef act():\n    return nn.ReLU()\n"}


@pytest.fixture
def package(here, monkeypatch):
    (here / "pkgx").mkdir()
    for name, text in PACKAGE.items():
        (here / name).write_text(text)
    monkeypatch.syspath_prepend(str(here))
    import cnnstat.models.zoo

    # imports are cached by target: each test has its own
    cnnstat.models.zoo._import.cache_clear()
    return here


@pytest.mark.parametrize("victim", ["pkgx/model.py", "pkgx/__init__.py", "pkgx/helper.py"])
def test_output_naming_a_package_modules_source_is_refused(package, cli, victim):
    """`import pkgx.model:net -o pkgx/model.py` replaced the module with YAML (only a
    file.py:Class target's source was known). The module's file and its package's are
    found before any code runs; a module its code imports (helper.py), from the files the
    worker reports it loaded."""
    before = {n: (package / n).read_bytes() for n in PACKAGE}
    code, out, err = cli("import", "pkgx.model:net", "-o", victim, "--force")
    assert code == 2, (out, err)
    assert "an input of this same run" in err and victim in err, err
    assert {n: (package / n).read_bytes() for n in PACKAGE} == before
    code, _, err = cli("import", "pkgx.model:net", "-o", "net.yaml")
    assert code == 0, err
    assert 'conv: {name: "0", out: 8, kernel: 3}' in (package / "net.yaml").read_text()


@pytest.mark.parametrize("args", [["diagram", "pkgx.model:net", "-o"],
                                  ["report", "pkgx.model:net", "-o"],
                                  ["compare", "lenet5", "pkgx.model:net", "--html"]])
def test_every_writer_refuses_the_files_an_import_target_loaded(package, cli, args):
    """diagram, report and compare write by import -o's rule: the module imported by the
    target's code (helper.py, known only from the worker) is an input too."""
    before = (package / "pkgx" / "helper.py").read_bytes()
    code, _, err = cli(*args, "pkgx/helper.py", "--force")
    assert code == 2 and "an input of this same run" in err, err
    assert (package / "pkgx" / "helper.py").read_bytes() == before


def test_target_files_are_found_without_running_the_code(here, monkeypatch):
    """`target_files` runs no code of the package: a package whose __init__ would exit
    is still resolved."""
    from cnnstat.models.zoo import target_files

    (here / "loud").mkdir()
    (here / "loud" / "__init__.py").write_text("raise SystemExit('ran')\n")
    (here / "loud" / "deep.py").write_text("")
    monkeypatch.syspath_prepend(str(here))
    found = target_files("loud.deep:net")
    assert [Path(f).resolve() for f in found] == [(here / "loud" / "__init__.py").resolve(),
                                                  (here / "loud" / "deep.py").resolve()]
    assert "loud" not in sys.modules
    assert target_files("m.py:Net") == ["m.py"]
    assert target_files("no_such_pkg_here.mod:f") == []


def test_output_through_a_symlink_is_refused(here, cli):
    target = write(here, "m", NET.format(forward="pass"))
    (here / "victim.txt").write_text("keep me\n")
    (here / "out.yaml").symlink_to("victim.txt")
    for extra in ([], ["--force"]):
        code, _, err = cli("import", target, "-o", "out.yaml", *extra)
        assert code == 2 and "symbolic link" in err, err
    assert (here / "victim.txt").read_text() == "keep me\n"


def test_existing_output_is_replaced_only_with_force(here, cli):
    target = write(here, "m", NET.format(forward="pass"))
    (here / "keep.yaml").write_text("mine\n")
    os.chmod(here / "keep.yaml", 0o640)
    code, _, err = cli("import", target, "-o", "keep.yaml")
    assert code == 2 and "keep.yaml exists already" in err and "--force" in err, err
    assert (here / "keep.yaml").read_text() == "mine\n"
    code, _, err = cli("import", target, "-o", "keep.yaml", "--force")
    assert code == 0, err
    assert "\nname: net\n" in (here / "keep.yaml").read_text()
    assert stat.S_IMODE((here / "keep.yaml").stat().st_mode) == 0o640
    assert sorted(p.name for p in here.iterdir()) == ["keep.yaml", "m.py"]


def test_dash_means_standard_output(here, cli):
    target = write(here, "m", NET.format(forward="pass"))
    code, out, err = cli("import", target, "-o", "-")
    assert code == 0 and "\nname: net\n" in out
    assert not (here / "-").exists()


def test_a_failed_write_leaves_the_old_file_whole(here):
    """`ulimit -f 1` used to leave 1,024 bytes of partial spec in place of the file."""
    (here / "m.py").write_text("import torch.nn as nn\ndef Net():\n    return nn.Sequential("
                               "*[nn.Conv2d(3 + i, 4 + i, 1) for i in range(40)])\n")
    target = "m.py:Net"  # its spec is some 3 KB, past the 1,024-byte limit set below
    (here / "keep.yaml").write_text("the user's own spec\n")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024)); "
    proc = subprocess.run(
        [sys.executable, "-c", limit + "from cnnstat.cli import main; main()", "import",
         target, "-o", "keep.yaml", "--force"],
        capture_output=True, text=True, cwd=here, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2, proc.stderr
    assert "unchanged" in proc.stderr and "Traceback" not in proc.stderr
    assert (here / "keep.yaml").read_text() == "the user's own spec\n"
    assert sorted(p.name for p in here.iterdir()) == ["keep.yaml", "m.py"]


# ------------------------------------------------------------------ property

@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_random_bytes_as_a_model_file(tmp_path, data):
    """Random bytes as model.py, imported: an error or a spec, never a traceback or a hang,
    and no file but model.py is touched (the folder, and the folder above it)."""
    from typer.testing import CliRunner

    from cnnstat.cli import app

    folder = tmp_path / "w"
    folder.mkdir(exist_ok=True)
    for p in folder.iterdir():
        p.unlink()
    (folder / "model.py").write_bytes(data)
    (folder / "other.txt").write_text("other\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    outside = sorted(p.name for p in tmp_path.iterdir())
    here = os.getcwd()
    os.chdir(folder)
    try:
        start = time.monotonic()
        result = CliRunner().invoke(app, ["import", "model.py:Net", "--timeout", "20"])
    finally:
        os.chdir(here)
    assert time.monotonic() - start < 60
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        assert result.stderr.startswith("error: model.py"), result.stderr
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "__pycache__"}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside


# What a model's code may do at each of three moments (loading, building, forward): each
# one a way to end, lie or speak that cnnstat must turn into a located error or keep out
# of its result. Hypothesis picks one per moment, so the combinations are the test.
_ACTS = [
    "pass",
    "sys.exit(0)",
    "sys.exit(3)",
    "raise KeyboardInterrupt",
    "raise SystemExit('bye')",
    "raise ValueError('bad')",
    "os._exit(0)",
    "print('name: hijacked')",
    "sys.stdout.write('layers: []\\n')",
    "sys.stderr.write('\\x1b]0;PWNED\\x07')",
    "os.kill(os.getpid(), signal.SIGTERM)",
]


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(load=st.sampled_from(_ACTS), build=st.sampled_from(_ACTS),
       run=st.sampled_from(_ACTS + ["return None", "return 'x'", "return (x, x)"]))
def test_model_code_that_exits_lies_or_speaks(tmp_path, load, build, run):
    """A model file whose loading, building and forward each do one of ``_ACTS``: a spec
    on stdout with nothing of the model's own output in it, or exit 2 naming the file;
    never exit 0 with nothing, never another code, never a raw escape."""
    folder = tmp_path / "w"
    folder.mkdir(exist_ok=True)
    body = (f"import os, signal, sys\nimport torch.nn as nn\n{load}\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.conv = nn.Conv2d(3, 4, 3)\n"
            f"        {build}\n"
            "    def forward(self, x):\n"
            f"        {run}\n"
            "        return self.conv(x)\n")
    (folder / "model.py").write_text(body)
    r = subprocess.run([sys.executable, "-m", "cnnstat", "import", "model.py:Net",
                        "--input", "3x8x8", "--timeout", "30"], cwd=folder,
                       capture_output=True, text=True, timeout=90)
    assert "Traceback" not in r.stderr, r.stderr
    assert "\x1b" not in r.stdout + r.stderr
    if r.returncode == 0:
        import yaml

        spec = yaml.safe_load(r.stdout)
        assert isinstance(spec, dict) and spec.get("layers"), r.stdout
        assert "hijacked" not in r.stdout
        assert all(a in ("pass", "print('name: hijacked')", "sys.stdout.write('layers: []\\n')",
                         "sys.stderr.write('\\x1b]0;PWNED\\x07')") for a in (load, build)), body
    else:
        assert r.returncode == 2, (r.returncode, r.stderr)
        assert r.stderr.startswith("error: model.py"), r.stderr
    assert sorted(p.name for p in folder.iterdir() if p.name != "__pycache__") == ["model.py"]


@pytest.mark.parametrize("result, named", [("None", "returned None"),
                                           ("'x'", "returned a str"),
                                           ("3", "returned an int")])
def test_a_forward_that_returns_no_tensor_is_named_as_such(tmp_path, result, named):
    """Not "returns its input unchanged" (it returned something else), and located."""
    (tmp_path / "model.py").write_text(
        "import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n"
        "        super().__init__()\n        self.conv = nn.Conv2d(3, 4, 3)\n"
        f"    def forward(self, x):\n        self.conv(x)\n        return {result}\n")
    r = subprocess.run([sys.executable, "-m", "cnnstat", "import", "model.py:Net",
                        "--input", "3x8x8"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("error: model.py:Net: its forward " + named), r.stderr
    assert "unchanged" not in r.stderr
