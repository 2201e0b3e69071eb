"""Issue 22, the cases that are not about running a model's code (those are in
test_user_code.py): escapes echoed to the terminal, notes in every newline convention and
encoding, derived specs' exponent floats, calc and cache-folder tracebacks, verify under a
memory limit, profile's bound on the batch, and a note in a folder holding a file named
like a bundled spec. Each test says what happened before."""

import codecs
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b]0;pwned\x07\x1b[2J"  # retitles the window, then clears the screen


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------ terminal escapes

def test_check_verbose_escapes_skipped_lines(here, cli):
    (here / "n.md").write_text(f"# n\n\nsee {ESC} here, 5 of 7\n- 4 x 4 = 16\n")
    code, out, err = cli("check", "n.md", "--verbose")
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out  # shown, escaped


def test_check_fix_diff_cannot_lie_with_backspaces(here, cli):
    """A backspace run after a wrong product made the shown diff read `4 x 4 = 169`."""
    (here / "n.md").write_text("# n\n\n- 4 x 4 = 17\b\b\b\b169 right\n")
    code, out, err = cli("check", "--fix", "n.md")
    assert code == 1, err
    assert "\b" not in out
    assert "+- 4 x 4 = 16\\x08\\x08\\x08\\x08169 right" in out
    assert (here / "n.md").read_text() == "# n\n\n- 4 x 4 = 16\b\b\b\b169 right\n"


def test_check_fix_diff_of_a_note_with_carriage_returns(here, cli):
    (here / "n.md").write_bytes(b"# n\r\n\r\n- 4 x 4 = 17\r\n")
    code, out, err = cli("check", "--fix", "n.md")
    assert code == 1, err
    assert "\r" not in out and "+- 4 x 4 = 16\n" in out
    assert (here / "n.md").read_bytes() == b"# n\r\n\r\n- 4 x 4 = 16\r\n"  # CRLF kept


@pytest.mark.parametrize("args", [
    ["params", f"{ESC}.yaml"], ["check", f"{ESC}.md"], ["explain", ESC],
    ["calc", f"3x8x8 | {ESC}"], ["import", f"{ESC}.py:Net"], ["params", ESC],
])
def test_errors_escape_the_arguments_they_echo(here, cli, args):
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert "\x1b" not in err and "\x07" not in err, err
    assert "\\x1b" in err


# ------------------------------------------------------------------ notes

WRONG = "# n\n\n- 3 x 3 x 64 = 577\n- 2 x 2 = 4\n"  # 3 x 3 x 64 = 576


def test_a_note_with_old_mac_line_endings_is_read_line_by_line(here, cli):
    """CR-only: one skipped line before, so the wrong product was missed and exit was 0."""
    (here / "n.md").write_bytes(WRONG.replace("\n", "\r").encode())
    code, out, err = cli("check", "n.md", "-f", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["summary"]["wrong"] == 1 and doc["summary"]["right"] == 1
    assert [c["line"] for c in doc["claims"]] == [3, 4]
    code, out, err = cli("check", "--fix", "n.md")
    assert code == 1, err
    assert (here / "n.md").read_bytes() == WRONG.replace("577", "576").replace("\n", "\r").encode()
    assert (here / "n.md.bak").read_bytes() == WRONG.replace("\n", "\r").encode()


@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE),
                                       ("utf-32-le", codecs.BOM_UTF32_LE),
                                       ("utf-32-be", codecs.BOM_UTF32_BE),
                                       ("utf-8", codecs.BOM_UTF8)])
def test_utf16_and_utf32_notes_are_read_by_their_byte_order_mark(here, cli, codec, bom):
    """They were called "a binary file"; --fix writes them back in their own encoding."""
    (here / "n.md").write_bytes(bom + WRONG.encode(codec))
    code, out, err = cli("check", "n.md", "-f", "json")
    assert code == 1, err
    assert json.loads(out)["summary"]["wrong"] == 1
    code, out, err = cli("check", "--fix", "n.md")
    assert code == 1, err
    assert (here / "n.md").read_bytes() == bom + WRONG.replace("577", "576").encode(codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_note_without_its_byte_order_mark_is_named(here, cli, codec):
    (here / "n.md").write_bytes(WRONG.encode(codec))
    code, out, err = cli("check", "n.md")
    assert code == 2
    assert f"looks like {codec.upper()} text without a byte-order mark" in err, err


def test_iter_note_lines_agrees_with_split_lines_at_every_chunk_size(here):
    from cnnstat.notes.source import iter_note_lines, read_note, split_lines

    text = "a\r\nb\rc\n\nd\r\r\ne é\u2028f\n\r"
    for codec, bom in (("utf-8", b""), ("utf-16-le", codecs.BOM_UTF16_LE)):
        (here / "n.md").write_bytes(bom + text.encode(codec))
        want = ["a", "b", "c", "", "d", "", "e é\u2028f", ""]
        assert split_lines(read_note(here / "n.md")) == want
        for chunk in (1, 2, 3, 5, 7, 64):
            assert list(iter_note_lines(here / "n.md", chunk=chunk)) == want, (codec, chunk)


def test_iter_note_lines_holds_one_chunk_not_the_file(here):
    """A 100 MB note read line by line: the reader's memory stays flat (the peak grows by
    far less than the file). The checker itself still takes the whole text: see
    cnnstat/notes/source.py."""
    from cnnstat.notes.source import iter_note_lines

    path = here / "big.md"
    line = "- 3 x 3 x 64 = 576, a line of a long note that repeats itself\n"
    with open(path, "w") as fh:
        for _ in range(100 * 2**20 // len(line) // 8):  # 12.5 MB keeps the test quick
            fh.write(line * 8)
    code = ("import resource, sys\nfrom cnnstat.notes.source import iter_note_lines\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "n = sum(1 for _ in iter_note_lines(sys.argv[1]))\n"
            "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    lines, grew_kib = map(int, proc.stdout.split())
    assert lines == path.stat().st_size // len(line)
    assert grew_kib < 8 * 1024, f"the peak grew by {grew_kib:,} KiB for a 12.5 MB file"


def test_a_file_named_like_a_bundled_spec_beside_a_note_is_not_mentioned(here, cli):
    """`check notes.md` printed "note: 'vgg16' is the bundled spec ..." about a file the
    user never named."""
    (here / "vgg16").write_text("not a spec\n")
    (here / "notes.md").write_text("# VGG16\n\nVGG16 has 138M parameters.\n")
    code, out, err = cli("check", "notes.md")
    assert code == 0, err
    assert "note:" not in err and "vgg16" not in err


# ------------------------------------------------------------------ specs and calc

def test_a_derived_spec_accepts_exponent_floats_and_blames_no_set(here, cli):
    """`vars: {width_mult: 0.00001}` was refused as `--set width_mult=1e-05: unexpected 'e'`
    though no --set was given."""
    base = (ROOT / "specs" / "mobilenet-v1.yaml").read_text()
    (here / "mobilenet-v1.yaml").write_text(base)
    (here / "d.yaml").write_text("extends: mobilenet-v1\ninput: [3, 224, 224]\n"
                                 "vars: {width_mult: 0.25}\n")
    (here / "e.yaml").write_text("extends: mobilenet-v1\ninput: [3, 224, 224]\n"
                                 "vars: {width_mult: 2.5e-1}\n")
    _, d, err = cli("params", "./d.yaml", "-f", "json")
    code, e, err = cli("params", "./e.yaml", "-f", "json")
    assert code == 0, err
    assert json.loads(e)["totals"] == json.loads(d)["totals"]  # 2.5e-1 is 0.25
    (here / "f.yaml").write_text("extends: mobilenet-v1\ninput: [3, 224, 224]\n"
                                 "vars: {width_mult: 0.00001}\n")
    code, _, err = cli("params", "./f.yaml")
    assert "--set" not in err and "unexpected 'e'" not in err, err
    (here / "g.yaml").write_text("extends: mobilenet-v1\ninput: [3, 224, 224]\n"
                                 "vars: {width_mult: 1e99}\n")
    code, _, err = cli("params", "./g.yaml")
    assert code == 2 and "g.yaml:3: 'vars' width_mult" in err and "--set" not in err, err
    code, _, err = cli("params", "mobilenet-v1", "--set", "width_mult=1e999")
    assert code == 2 and "--set width_mult=1e999" in err and "exponent" in err, err


def test_exponents_in_expressions():
    from fractions import Fraction

    from cnnstat.spec.expr import evaluate

    assert evaluate("1e-05", {}) == Fraction(1, 100_000)
    assert evaluate("2.5E3 + 1", {}) == 2501
    assert evaluate("3 * 2e1", {}) == 60
    from cnnstat.errors import SpecError

    for text in ("1e31", "1e999999999", "1e" + "0" * 20 + "999999999"):  # never 10**huge
        with pytest.raises(SpecError, match="exponent must be from -30 to 30"):
            evaluate(text, {})


def test_calc_padding_superscript_is_an_error_not_a_traceback(cli):
    code, _, err = cli("calc", "conv", "-i", "3x32x32", "-o", "8", "-k", "3", "--padding", "²")
    assert code == 2 and '--padding must be a number or "same"' in err, err


def test_calc_negative_kernel_says_what_it_must_be(cli):
    """It said "must be an integer, not -3.0" of an integer."""
    code, _, err = cli("calc", "3x32x32 | conv 96 k-3")
    assert code == 2 and "'kernel' must be at least 1, not -3" in err, err


# ------------------------------------------------------------------ torch commands

def test_cache_dir_that_is_a_file_is_an_error(here, cli, monkeypatch):
    pytest.importorskip("torch")
    from cnnstat.torch import roofline

    (here / "cachefile").write_text("x")
    monkeypatch.setenv("CNNSTAT_CACHE_DIR", str(here / "cachefile"))
    import torch

    peaks = roofline.Peaks("cpu", "fp32", 1e9, 1e9, "2026-01-01")
    from cnnstat.errors import SpecError

    with pytest.raises(SpecError, match="CNNSTAT_CACHE_DIR .* set CNNSTAT_CACHE_DIR to a folder"):
        roofline.save_peaks(torch.device("cpu"), peaks)
    assert roofline.load_peaks(torch.device("cpu"), "fp32") is None
    monkeypatch.setenv("CNNSTAT_CACHE_DIR", str(here / "cache"))
    path = roofline.save_peaks(torch.device("cpu"), peaks)
    assert roofline.load_peaks(torch.device("cpu"), "fp32") == peaks
    assert sorted(os.listdir(path.parent)) == ["peaks.json"]


def test_verify_out_of_memory_in_fvcore_is_not_a_mismatch(monkeypatch, cli):
    """Under a memory cap fvcore's CPU forward could not allocate, and vgg16 was reported
    as a mismatch (exit 1) with the reason in a column left out of the table."""
    pytest.importorskip("fvcore")
    import torch

    from cnnstat.torch import verify as ver

    def no_room(meta_model):
        return torch.empty(2**62, dtype=torch.uint8)  # torch's own allocation failure

    monkeypatch.setattr(ver, "build_cpu", no_room)
    code, out, err = cli("verify", "lenet5")
    assert code == 0, out + err
    assert "fvcore could not run (out of memory)" in " ".join(out.split())
    assert "1 match" in out


def test_verify_out_of_memory_in_the_field_check_is_not_an_error(monkeypatch, cli):
    """Under `ulimit -v 1400000` fvcore agreed on vgg16, then the gradient-footprint
    check's CPU copy could not allocate 18 MB and verify said "error: verifying vgg16:
    out of memory", exit 2 and "1 bad input" for a valid spec."""
    import torch

    from cnnstat.torch import verify as ver

    def no_room(spec, input=None):
        return torch.empty(2**62, dtype=torch.uint8)  # torch's own allocation failure

    monkeypatch.setattr(ver, "check_fields", no_room)
    code, out, err = cli("verify", "lenet5", "--no-fvcore")
    assert code == 0, out + err
    assert "could not run (out of memory)" in " ".join(out.split())
    assert "1 match" in out and "bad input" not in out
    # any other failure in that check is still reported, not hidden as a skip
    monkeypatch.setattr(ver, "check_fields", lambda spec, input=None: 1 / 0)
    code, out, err = cli("verify", "lenet5", "--no-fvcore")
    assert code != 0


def test_profile_refuses_a_batch_that_cannot_finish_in_time(cli):
    """`profile lenet5 --batch 100000 --max-seconds 5` ran past 60 s and 7.5 GB."""
    pytest.importorskip("torch")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, _, err = cli("profile", "lenet5", "--batch", "20000", "--max-seconds", "0.05")
    assert code == 2, err
    assert "one forward pass is estimated at" in err and "--max-seconds 0.05" in err, err
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    # batch 20,000 is 80 MB of input and ~1.5 GB of activations; the probes stay far below
    assert grew < 512 * 2**10, f"grew {grew:,} KiB"


def test_profile_sweep_refuses_a_batch_that_cannot_finish_in_time(cli):
    """`--sweep-batch 1,65536 --max-seconds 2` took 34 s and 4.9 GB: the largest size is
    probed and refused like --batch, before its input is allocated."""
    pytest.importorskip("torch")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, _, err = cli("profile", "lenet5", "--sweep-batch", "1,20000", "--max-seconds", "0.05")
    assert code == 2, err
    assert "at batch 20000" in err and "one forward pass is estimated at" in err, err
    assert "use a smaller --sweep-batch size" in err, err  # the option the user gave
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grew < 512 * 2**10, f"grew {grew:,} KiB"  # as in the --batch test above


# ------------------------------------------------------------------ every file written

# Every command that writes a file, with the file's option. `compare --plot` replaced an
# existing chart silently before; each now follows `import -o`'s rule
# (cnnstat/commands/outputs.py): exists -> exit 2 naming it unless --force, never
# through a symlink, never onto an input of the run.
WRITERS = {
    "diagram -o": (["diagram", "lenet5", "-o"], "out.md"),
    "report -o": (["report", "lenet5", "-o"], "out.html"),
    "compare --html": (["compare", "lenet5", "alexnet", "--html"], "out.html"),
    "compare --plot png": (["compare", "lenet5", "alexnet", "--plot"], "out.png"),
    "compare --plot svg": (["compare", "lenet5", "alexnet", "--plot"], "out.svg"),
}


def _needs(name):
    if "--plot" in name:
        pytest.importorskip("matplotlib")


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_replaces_an_existing_file_only_with_force(here, cli, name):
    _needs(name)
    args, out = WRITERS[name]
    (here / out).write_bytes(b"mine\n")
    code, _, err = cli(*args, out)
    assert code == 2, err
    assert f"{out} exists already" in err and "--force" in err, err
    assert (here / out).read_bytes() == b"mine\n"
    code, _, err = cli(*args, out, "--force")
    assert code == 0, err
    assert (here / out).read_bytes() != b"mine\n"
    assert sorted(p.name for p in here.iterdir()) == [out]  # no temporary file left


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_refuses_a_symlink_and_its_own_input(here, cli, name):
    _needs(name)
    args, out = WRITERS[name]
    (here / "victim.txt").write_text("keep me\n")
    (here / out).symlink_to("victim.txt")
    code, _, err = cli(*args, out, "--force")
    assert code == 2 and "symbolic link" in err, err
    assert (here / "victim.txt").read_text() == "keep me\n"
    # the run's own spec file as the output
    spec = here / "net.yaml"
    spec.write_text((ROOT / "specs" / "lenet5.yaml").read_text())
    before = spec.read_bytes()
    mine = [a if a != "lenet5" else "./net.yaml" for a in args]
    code, _, err = cli(*mine, "net.yaml", "--force")
    assert code == 2 and "an input of this same run" in err, err
    assert spec.read_bytes() == before


def test_diagram_o_dash_is_standard_output(here, cli):
    code, out, err = cli("diagram", "lenet5", "-o", "-")
    assert code == 0 and "\nflowchart TD\n" in out, out[:200]
    assert not (here / "-").exists()


def test_outputs_are_checked_before_any_work(here, cli, monkeypatch):
    """An output that would be refused is refused before the models load (an import
    target can take minutes): `load` is never called."""
    import cnnstat.models.zoo

    def boom(*a, **k):
        raise AssertionError("the model was loaded before the output was checked")

    monkeypatch.setattr(cnnstat.models.zoo, "load", boom)
    (here / "out.html").write_text("mine\n")
    for args in (["report", "lenet5", "-o"], ["compare", "lenet5", "alexnet", "--html"],
                 ["diagram", "lenet5", "-o"]):
        code, _, err = cli(*args, "out.html")
        assert code == 2 and "out.html exists already" in err, (args, err)
