"""`cnnstat check` through the CLI holds neither a note's text nor its findings: the note
is read line by line, its findings kept in line order in sorted runs on disk past a few
thousand (notes/ordered.py), and the report drawn from spools (cnnstat/files/spool.py). The
output is the one the whole text gave; what the readers carry from line to line is
bounded; --fix, which rewrites the text, refuses a note past its size limit."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnnstat.notes.maps import continuity
from cnnstat.notes.paramcounts import intent
from cnnstat.notes import ordered
from cnnstat.notes.receptivefield import receptive
from cnnstat.notes.codeforms import torchcode
from cnnstat.notes.check import check_text, iter_check
from cnnstat.notes.notestate import NoteState
from cnnstat.notes.registry import READERS
from cnnstat.notes.kept import KEPT
from cnnstat.notes.pipeline import Checker
from cnnstat.notes.source import iter_split_lines
from cnnstat.notes.text import iter_lines
from cnnstat.render.formats import to_markdown, write_json
from cnnstat.render.report import Column, Report, Section, json_text
from cnnstat.render.text import text_lines, to_text
from cnnstat.files.spool import Mapped, Spool

ROOT = Path(__file__).resolve().parent.parent
NOTES = sorted((ROOT / "tests" / "fixtures" / "notes").rglob("*.md"))


# ----------------------------------------------------------------------- in line order
@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.name)
def test_findings_spilled_in_small_runs_come_back_as_collect_lists_them(path, monkeypatch):
    # runs of 3 findings and a merge every 2 runs: every path of the external sort taken
    monkeypatch.setattr(ordered, "FAN_IN", 2)
    text = path.read_text(encoding="utf-8")
    whole = check_text(text)
    order = ordered.InOrder(run=3)
    for c, s in iter_check(iter_split_lines(text)):
        order.add(c, s)
    claims, skips = [], []
    for line, c, s in order.lines():
        assert all(x.line == line for x in c + s)
        claims += c
        skips += s
    assert (claims, skips) == (whole.claims, whole.skipped)
    assert order.runs == []  # the temporary files are closed once read


def test_a_line_with_a_claim_loses_its_no_claim_skip_and_a_repeated_skip_is_given_once():
    from cnnstat.notes.claims import Claim, Skip

    order = ordered.InOrder(run=1)
    no_claim = Skip(4, "x 12", "no claim recognised: a number in prose")
    order.add([], [no_claim, Skip(2, "a", "why"), Skip(2, "a", "why")])
    order.add([Claim(4, "2 + 2 = 4", "arithmetic", "4", 4, "right")], [Skip(1, "b", "c")])
    got = [(line, [c.text for c in cs], [s.text for s in ss]) for line, cs, ss in order.lines()]
    assert got == [(1, [], ["b"]), (2, [], ["a"]), (4, ["2 + 2 = 4"], [])]


# ----------------------------------------------------------------------- spools
def test_a_spool_gives_its_rows_back_in_order_as_often_as_asked_past_its_memory():
    spool = Spool(keep=64)  # 64 bytes: on disk almost at once
    rows = [(k, "row %d" % k, {"v": k / 3}) for k in range(2000)]
    for row in rows[:1500]:
        spool.append(row)
    assert list(spool) == rows[:1500]
    for row in rows[1500:]:  # appended after a read: still in order, at the end
        spool.append(row)
    assert len(spool) == 2000 and list(spool) == rows and list(spool) == rows
    assert list(Mapped(spool, lambda r: r[0]))[-3:] == [1997, 1998, 1999]
    assert spool._file._rolled  # it went to a temporary file, not memory


def _report(records, lines, doc):
    cols = [Column("a", "a", True), Column("b", "the b column", wrap=True)]
    return Report("title", cols, records, [Section("S", lines)], "foot", doc)


def _spooled(items):
    spool = Spool(keep=16)
    for item in items:
        spool.append(item)
    return spool


@pytest.mark.parametrize("n", [0, 1, 7])
def test_a_report_on_spools_prints_byte_for_byte_what_lists_print(n):
    records = [{"a": k * 1001, "b": "word " * k} for k in range(n)]
    lines = [(f"key {k}", str(k * k), "a note " * k) for k in range(n)]
    items = [{"x": k, "nested": {"y": [k, "é"]}} for k in range(n)]
    eager = _report(records, lines, {"claims": items, "summary": {"n": n}, "more": items})
    lazy = _report(_spooled(records), _spooled(lines),
                   {"claims": _spooled(items), "summary": {"n": n}, "more": _spooled(items)})
    for width in (None, 30, 80):
        assert "".join(text_lines(lazy, width)) == to_text(eager, width)
    assert "".join(to_markdown(lazy)) == to_markdown(eager)
    import io

    out = io.StringIO()
    write_json(lazy.data, out)
    assert out.getvalue() == json_text(eager.data) + "\n"
    assert json.loads(out.getvalue())["claims"] == items


def test_json_written_an_item_at_a_time_turns_a_nan_into_null_as_the_whole_does():
    import io

    items = [{"v": 1.5}, {"v": math.nan}, {"v": [math.inf, 2]}]
    out = io.StringIO()
    write_json({"claims": _spooled(items), "n": 3}, out)
    assert out.getvalue() == json_text({"claims": items, "n": 3}) + "\n"
    assert json.loads(out.getvalue())["claims"][1] == {"v": None}


# ----------------------------------------------------------------------- bounded state
def test_what_the_readers_carry_from_line_to_line_stays_bounded():
    # one section without a heading, 3 x (KEPT + 500) distinct lines: convs of code,
    # torch layers and inputs, maps of a walkthrough, blocks' receptive fields
    n = KEPT + 500

    def note():
        yield "```python"
        for k in range(1, n):
            yield f"conv{k} = nn.Conv2d({k}, {k + 1}, 3)"
            yield f"x{k} = torch.randn(1, {k}, 32, 32)"
        yield "```"
        for k in range(1, n):
            yield f"- layer {k}: {k + 8}x{k + 8}x{k} output, each block's receptive field is {k + 2}"

    checker = Checker(READERS, NoteState)
    for line in iter_lines(note()):
        checker.feed(line)
    checker.finish()
    state = checker.state
    assert len(state.layers.convs) <= KEPT
    assert all(len(seen) <= 2 for seen in state.layers.convs.values())
    assert max(len(state.torch.layers), len(state.torch.shapes), len(state.torch.inputs)) <= KEPT
    assert state.torch.forgot  # so a shape it printed is no longer judged against a guess
    assert len(state.walk.maps) <= 2 * continuity.MAPS and len(state.walk.channels) <= KEPT
    assert len(state.dilated.blocks) <= KEPT
    assert receptive.Stack and torchcode.Session and intent.Layers  # the modules bounded


def test_two_input_widths_before_a_line_leave_its_conv_in_doubt_however_many_follow():
    layers = intent.Layers()
    layers.code_line(1, "a = nn.Conv2d(3, 64, 3)")
    for k, c_in in enumerate((3, 32, 16, 8), start=2):  # the same conv, other inputs
        layers.code_line(k, f"b = nn.Conv2d({c_in}, 64, 3)")
    assert layers.convs[(64, 3)] == {3: (1, False), 32: (3, False)}  # first two widths, lines
    layers.code_line(9, "c = nn.Conv2d(5, 7, 3)")
    assert layers.last_filters == 7


def test_a_summary_past_its_row_limit_is_read_no_further_and_its_total_not_judged(monkeypatch):
    from cnnstat.notes.summary import reader

    rows = "\n".join(f"              ReLU-{k}            [-1, 8, 24, 24]               0"
                     for k in range(2, 12))
    note = ("```\n        Layer (type)               Output Shape         Param #\n"
            "================================================================\n"
            "            Conv2d-1            [-1, 8, 24, 24]             608\n"
            f"{rows}\n"
            "================================================================\n"
            "Total params: 609\n```\n")  # 608: 8*(5*5*3 + 1), the ReLUs none
    whole = check_text(note)
    assert [c.line for c in whole.claims if c.verdict == "wrong"] == [16]  # the total
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    cut = check_text(note)
    assert not [c for c in cut.claims if c.verdict == "wrong"]
    assert [s.line for s in cut.skipped if "more than 5 rows" in s.reason] == [9]
    assert max(c.line for c in cut.claims) == 8  # the rows after the fifth: not read


# ----------------------------------------------------------------------- the CLI
_PEAK = ("import contextlib, resource, sys\nfrom cnnstat.cli import main\n"
         "sys.argv = ['cnnstat', 'check', *sys.argv[1:]]\n"
         "with open(__import__('os').devnull, 'w') as fh, contextlib.redirect_stdout(fh):\n"
         "    try:\n        main()\n    except SystemExit as e:\n        code = e.code\n"
         "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def _peak_kib(*args: str) -> tuple[int, int]:
    proc = subprocess.run([sys.executable, "-c", _PEAK, *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          cwd=str(ROOT), timeout=300)
    code, kib = proc.stdout.split()[-2:]
    return int(code), int(kib)


def test_the_cli_does_not_hold_the_note(tmp_path):
    """A 40 MB note of 4,000 lines too long to read (each a skip, quick to check) and a
    small one, each in a fresh process: the peak grows by far less than the note (the
    text alone, held whole, is 40 MB; read, it was bytes and text at once)."""
    small, big = tmp_path / "small.md", tmp_path / "big.md"
    small.write_text("- 3 x 3 x 64 = 577\n")
    line = "- 3 x 3 x 64 = 576 " + "long line of a note " * 500 + "\n"  # 10,019 bytes
    with open(big, "w") as fh:
        fh.write("- 3 x 3 x 64 = 577\n")
        for _ in range(40 * 10**6 // len(line) // 100):
            fh.write(line * 100)
    for fmt in ("table", "json"):
        code, base = _peak_kib(str(small), "-f", fmt, "-v")
        assert code == 1
        code, peak = _peak_kib(str(big), "-f", fmt, "-v")
        assert code == 1  # the wrong line is still found and exits 1
        assert peak - base < 16 * 1024, f"{fmt}: the peak grew by {peak - base:,} KiB"


def test_fix_refuses_a_note_past_its_limit_naming_it(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cnnstat.cli import app
    from cnnstat.commands import check

    note = tmp_path / "long notes.md"
    text = "- 3 x 3 x 64 = 577\n" + "prose\n" * 200
    note.write_text(text)
    monkeypatch.setattr(check, "FIX_MAX_BYTES", 1000)
    got = CliRunner().invoke(app, ["check", "--fix", str(note)])
    assert got.exit_code == 2
    assert f"{note}: --fix rewrites a note of at most" in got.output
    assert "Check it without --fix" in got.output and "nothing was written" in got.output
    assert note.read_text() == text and not list(tmp_path.glob("*.bak*"))
    got = CliRunner().invoke(app, ["check", str(note)])  # without --fix: read and judged
    assert got.exit_code == 1 and "577" in got.output
