"""Tables fit the width they are given, leaving columns out whole, never cutting a cell;
the width follows the terminal, or COLUMNS when piped, and is unbounded for the data
formats."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cnnstat.cli import app
from cnnstat.render.report import Column, Report, Section
from cnnstat.render.text import cell_len, layout, to_text, wrap
from tests.conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"


def run(*args, columns="80"):
    env = {"COLUMNS": columns} if columns else {}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def fits(out, width=80):
    too_long = [line for line in out.splitlines() if cell_len(line) > width]
    assert not too_long, f"{len(too_long)} lines over {width} columns: {too_long[0]!r}"
    assert "…" not in out, "a cell was cut"


@pytest.mark.parametrize("args", [
    ["params", "alexnet"], ["params", "resnet50"], ["params", "googlenet"],
    ["params", "inception_v3"], ["params", "densenet121", "--depth", "2"],
    ["params", "lenet5", "--convention", "fvcore"], ["params", "vgg16", "--explain"],
    ["list"], ["compare", "alexnet", "vgg16", "googlenet", "resnet50"],
    ["compare", "alexnet", "resnext101_32x8d", "--convention", "thop"],
    ["conventions", "resnet50-tv"], ["conventions", "googlenet", "--sources"],
    ["check", str(NOTES / "worked_en.md")], ["check", str(NOTES / "worked_ko.md")],
    ["calc", "conv", "--input", "3x227x227", "--kernel", "11", "--stride", "4", "--out", "96"],
    ["calc", "3x227x227 | conv 96 k11 s4 | maxpool k3 s2 | conv 256 k5 p2 g2 | fc 10"],
    ["explain"], ["explain", "stacked-3x3"], ["explain", "stacked-3x3", "--lang", "ko"],
    ["explain", "1x1-bottleneck", "-f", "csv"],
], ids=lambda a: " ".join(a)[:50])
def test_fits_80_columns_without_cutting(args):
    code, out, err = run(*args)
    assert code in (0, 1), err
    if "csv" not in args:
        fits(out)


def test_fits_other_widths_and_keeps_the_essential_columns():
    code, out, _ = run("params", "resnet50", columns="50")
    fits(out, 50)
    for width in (72, 100, 132):
        code, out, _ = run("params", "resnet50", columns=str(width))
        assert code == 0
        fits(out, width)
        header = next(line for line in out.splitlines() if line.startswith("┃"))
        assert "layer" in header and "output" in header and "params" in header \
            and "MACs" in header
    code, narrow, _ = run("params", "resnet50", columns="80")
    code, wide, _ = run("params", "resnet50", columns="200")
    hidden = " ".join(narrow.split()).split("Not shown at 80 columns: ")[1].split(" (")[0]
    assert "args" in hidden.split(", ")
    assert "Not shown" not in wide and "args" in wide


def test_numbers_are_whole_and_match_the_json():
    code, out, _ = run("params", "vgg16")
    doc = json.loads(run("params", "vgg16", "-f", "json")[1])
    layer = max(doc["layers"], key=lambda la: la["params"])  # the first fc: 102,764,544
    row = next(line for line in out.splitlines() if line.startswith(f"│ {layer['name']} "))
    assert f"{layer['params']:,}" in row and f"{layer['macs']:,}" in row


def test_wide_and_columns():
    code, out, _ = run("params", "alexnet", "--wide")
    assert code == 0 and "out=96 kernel=11 stride=4" in out and "Not shown" not in out
    assert max(cell_len(line) for line in out.splitlines()) > 80
    code, out, _ = run("params", "alexnet", "--columns", "name,output,params,macs")
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == \
        ["layer", "output", "params", "MACs"]
    code, out, _ = run("params", "alexnet", "--columns", "NAME,args", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "args"] and rows[1] == ["conv1", "out=96 kernel=11 stride=4"]
    code, _, err = run("params", "alexnet", "--columns", "name,flops")
    assert code == 2 and "no column 'flops'" in err and "macs" in err


def test_data_formats_are_never_narrowed():
    code, md, _ = run("params", "alexnet", "-f", "markdown", columns="40")
    assert "| out=96 kernel=11 stride=4 |" in md
    code, out, _ = run("params", "alexnet", "-f", "csv", columns="40")
    assert len(next(csv.reader(io.StringIO(out)))) == 9


def test_piped_output_without_columns_is_80_wide(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run("params", "resnet50", columns=None)
    fits(out, 80)


def test_layout_ranks_and_wrapping():
    cols = [Column("a", "a", rank=0), Column("text", "text", rank=1, wrap=True),
            Column("n", "n", numeric=True, rank=2)]
    cells = [["x", "one two three four five six seven", "1,234,567"]]
    shown, widths = layout(cols, cells, 40)
    assert shown == [0, 1, 2] and widths == [1, 20, 9]  # the text wraps, the number fits
    assert layout(cols, cells, 30)[0] == [0, 1]  # no room for the number: left out whole
    report = Report("t", cols, [{"a": "x", "text": cells[0][1], "n": 1234567}])
    text = to_text(report, 40)
    fits(text, 40)
    assert "1,234,567" in text and "seven" in text
    assert layout(cols, cells, None) == ([0, 1, 2], [1, 33, 9])


def test_section_value_wider_than_the_terminal_wraps():
    # a value longer than the line (a long correct value under "Wrong, with the correct
    # value") wraps under its label, as its note does; nothing is cut
    value = "params: one network 132,863,336 to 143,678,248; another 60,965,224 to 61,100,840"
    report = Report("t", [Column("a", "a")], [], [Section("S", [("line 10", value, "why")])])
    text = to_text(report, 60)
    fits(text, 60)
    assert "61,100,840" in text and "why" in text


def test_wrap_and_cell_width():
    assert cell_len("합성곱") == 6 and cell_len("e\u0301") == 1 and cell_len("abc") == 3
    assert wrap("aaa bbb ccc", 7) == ["aaa bbb", "ccc"]
    assert wrap("55·55·96·11·11·3", 9) == ["55·55·96·", "11·11·3"]  # breaks after a ·
    assert all(cell_len(line) <= 10 for line in wrap("한국어 문장을 열 칸에 맞춰 감싼다", 10))
