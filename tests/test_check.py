"""`cnnstat check`: planted claims in fixture notes, the shared study notes, the parser's
bounds, the JSON contract, exit codes and --fix.

Every expected verdict below was worked out by hand (the arithmetic is in the comments)
or comes from a cited figure; none is taken from the code under test.
"""

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "notes"


def _shared_notes() -> Path:
    """``../shared/notes`` beside the checkout; from a git worktree, beside the main one."""
    here = ROOT.parent / "shared" / "notes"
    git = ROOT / ".git"
    if not here.is_dir() and git.is_file():
        gitdir = Path(git.read_text("utf-8").split(":", 1)[1].strip())
        main = gitdir.parent.parent.parent  # <main>/.git/worktrees/<name>
        return main.parent / "shared" / "notes"
    return here


SHARED = _shared_notes()

# (line, kind, verdict) of every claim the English fixture plants; lines not listed must
# produce no claim (the traps on lines 13, 14, 23 and 35 included).
EXPECTED_EN = {
    (4, "arithmetic", "right"),   # 3*3*64*128 = 73,728
    (5, "arithmetic", "right"),   # (576+1)*128 = 73,856
    (6, "arithmetic", "wrong"),   # 5*5*3*32 = 2,400, not 2,500
    (7, "arithmetic", "right"),   # LaTeX: 49*3*64 = 9,408
    (8, "arithmetic", "right"),   # \frac{224-7+6}{2}+1 = floor(111.5)+1 = 112
    (9, "arithmetic", "right"),   # (32-5)/2+1 = floor(13.5)+1 = 14
    (10, "arithmetic", "wrong"),  # ... = 14, not 15
    (11, "arithmetic", "right"),  # 224*224*64 = 3,211,264 ≈ 3.2M
    (12, "arithmetic", "info"),   # (25+1)*6 = 156, no result written
    (17, "shape", "right"),       # 32-5+1 = 28
    (18, "shape", "right"),       # (28-2)/2+1 = 14
    (19, "shape", "right"),       # (227-11)/4+1 = 55
    (20, "shape", "wrong"),       # floor((224-11)/4)+1 = 54
    (21, "shape", "right"),       # 13+2-3+1 = 13
    (22, "shape", "wrong"),       # no padding: 13-3+1 = 11
    (26, "model", "right"),       # AlexNet 60,965,224 ~ 60M (paper: "60 million")
    (27, "model", "right"),       # VGG-16 138,357,544 (torchvision num_params)
    (28, "model", "wrong"),       # ... not 110M
    (29, "model", "right"),       # ResNet-50: 50 layers
    (30, "model", "right"),       # GoogLeNet: 22 layers (paper Sec. 5)
    (31, "model", "wrong"),       # GoogLeNet ~7.0M (paper) / 6.6M (torchvision), not 4M
    (32, "model", "right"),       # 6.6M: torchvision googlenet, 6,624,904
    (33, "model", "right"),       # AlexNet: five conv ...
    (33, "model", "right"),       # ... and three FC layers (paper Sec. 3)
    (34, "model", "right"),       # torchvision ResNet-50: 4.09 "GFLOPS" (multiply-adds)
    (39, "model", "right"), (39, "model", "right"), (39, "model", "right"),  # 61M 138M 26M
    (40, "model", "right"), (40, "model", "right"),  # depth 8, 16
    (40, "model", "wrong"),       # ResNet-50 is not 152 deep
}
EXPECTED_KO = {
    (8, "arithmetic", "right"),   # 2*3*3 = 18
    (9, "arithmetic", "right"),   # 9*256*256 = 589,824
    (10, "arithmetic", "wrong"),  # 11*11*3*96 = 34,848
    (11, "arithmetic", "right"),  # (28-3+2)/1+1 = 28
    (12, "arithmetic", "right"),  # (14-3)/2+1 = floor(5.5)+1 = 6
    (13, "arithmetic", "right"),  # 11/2 + 1 = 6.5 exactly: right as arithmetic, and the
                                  # detail says the stride does not fit (issue 11, form 3)
    (14, "arithmetic", "right"),  # 200*200 = 40,000 = 4만
    (15, "arithmetic", "wrong"),  # 500*500 = 250,000 = 25만, not 20만
    (16, "arithmetic", "right"),  # 5000*50000 = 250,000,000 = 2억 5000만
    (18, "arithmetic", "right"),  # both sides of a merge conflict are read: 49
    (20, "arithmetic", "wrong"),  # 7*7 is not 48
    (24, "shape", "right"),       # 32-5+1 = 28
    (25, "shape", "right"),       # 48-5+1 = 44
    (26, "shape", "wrong"),       # 48-7+1 = 42
    (29, "model", "right"),       # 6천만 ~ 60,965,224
    (30, "model", "right"),       # 1억 3800만 ~ 138,357,544
    (31, "model", "wrong"),       # 400만 is not GoogLeNet's ~700만
    (32, "model", "right"),       # ResNet-50: 50층
    (33, "model", "wrong"),       # VGG-19 has 19 weight layers, not 16
    (39, "model", "right"), (39, "model", "right"),  # AlexNet 6천만, 8
    (40, "model", "right"), (40, "model", "right"),  # GoogLeNet 7M (6,998,552), 22
    (41, "model", "right"), (41, "model", "right"),  # ResNet-152 60,192,808 ~ 60M, 152
    (42, "model", "right"),       # VGG-16 1.4억 ~ 138,357,544
    (42, "model", "wrong"),       # VGG-16 depth 16, not 13
}


def _found(path):
    from cnnstat.notes.check import check_file

    result = check_file(path)
    return result, sorted((c.line, c.kind, c.verdict) for c in result.claims)


@pytest.mark.parametrize("name, expected", [("worked_en.md", EXPECTED_EN),
                                            ("worked_ko.md", EXPECTED_KO)])
def test_fixture_claims_exactly(name, expected):
    result, found = _found(FIXTURES / name)
    # the same line can hold several claims: compare as multisets
    want = sorted(_expand(expected, name))
    assert found == want
    wrong_lines = sorted({c.line for c in result.claims if c.verdict == "wrong"})
    assert wrong_lines == sorted({line for line, _, v in want if v == "wrong"})


def _expand(expected, name):
    # sets collapse duplicates; the literal tuples above repeat lines with several claims
    counts = {"worked_en.md": {(33, "model", "right"): 2, (39, "model", "right"): 3,
                               (40, "model", "right"): 2},
              "worked_ko.md": {(39, "model", "right"): 2, (40, "model", "right"): 2,
                               (41, "model", "right"): 2}}[name]
    out = []
    for item in expected:
        out += [item] * counts.get(item, 1)
    return out


def test_fixture_values_and_corrections():
    result, _ = _found(FIXTURES / "worked_en.md")
    by_line = {}
    for c in result.claims:
        by_line.setdefault(c.line, []).append(c)
    assert by_line[6][0].actual == 2400
    assert by_line[10][0].actual == 14 and "floor" in by_line[10][0].detail
    assert by_line[12][0].actual == 156 and by_line[12][0].claimed is None
    assert by_line[20][0].actual == "54x54"
    assert by_line[22][0].actual == "11x11"
    assert by_line[28][0].actual == 138_357_544 and by_line[28][0].shown == "138M"
    assert "googlenet-tv" in by_line[32][0].detail  # the variant that agrees is named
    assert "googlenet (paper) 6,998,552" in by_line[31][0].detail
    assert "googlenet-tv (torchvision) 6,624,904" in by_line[31][0].detail
    ko, _ = _found(FIXTURES / "worked_ko.md")
    fifteen = next(c for c in ko.claims if c.line == 15)
    assert fifteen.actual == 250_000 and fifteen.shown == "25만"


def test_unstated_padding_is_skipped_not_flagged():
    result, _ = _found(FIXTURES / "worked_en.md")
    reasons = {s.line: s.reason for s in result.skipped}
    assert "padding" in reasons[23]


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared notes not present")
def test_shared_notes():
    from cnnstat.notes.check import check_file

    notes = {p.name[:3]: check_file(p) for p in sorted(SHARED.glob("*.txt"))}
    raw = {p.name[:3]: p.read_text(encoding="utf-8").splitlines()
           for p in sorted(SHARED.glob("*.txt"))}

    def claims(note, verdict):
        return [(c, raw[note][c.line - 1]) for c in notes[note].claims if c.verdict == verdict]

    def has(note, verdict, in_line, claimed=None):
        return any(in_line in line and (claimed is None or c.claimed == claimed)
                   for c, line in claims(note, verdict))

    assert has("003", "right", "3 x 3 x 256 x 128 = 294,912", "294,912")
    assert has("003", "right", "1 x 1 x 256 x 128 = 32,768", "32,768")
    assert has("000", "right", "(227 - 11) / 4 + 1 = 55", "55")
    assert has("000", "right", "(55 - 3) / 2 + 1 = 27", "27")
    # the 48 -> 46 -> 44 chain: 5x5 on 48x48 gives 44x44; 3x3 once 46x46, twice 44x44
    assert has("003", "right", "48x48", "44x44")
    assert has("003", "right", "46x46", "46x46")
    assert has("003", "right", "두번 통과시키면 44x44", "44x44")
    # the table of 002: | number of parameter | 60M | 110M | 4M |
    vgg = [c for c, line in claims("002", "wrong") if c.claimed == "110M"]
    goog = [c for c, line in claims("002", "wrong") if c.claimed == "4M"]
    assert len(vgg) == 1 and vgg[0].actual == 138_357_544  # VGG-16, torchvision num_params
    assert len(goog) == 1 and goog[0].actual in (6_998_552, 6_624_904)
    assert "6,624,904" in goog[0].detail  # the torchvision twin is wrong too
    assert has("002", "right", "60M", "60M")
    # 000: conv1's 96 filters give 96 channels (line 17 says 55 x 55 x 96), not 86
    c86 = [c for c, line in claims("000", "wrong") if "55 x 55 x 86" in line]
    assert len(c86) == 1 and c86[0].actual == "55x55x96" and c86[0].kind == "shape"
    # 004: AlexNet has five conv layers (right) and three FC layers, not two (paper Sec. 3)
    assert has("004", "right", "5개 conv", "5")
    fc = [c for c, line in claims("004", "wrong") if "2개 FC" in line]
    assert len(fc) == 1 and fc[0].actual == 3
    # 001: 9DN + 36N^2 < 121DN  <=>  36N^2 < 112DN  <=>  N < 112D/36 = 28D/9 ≈ 3.11D
    assert has("001", "right", "= 9DN + 36N^2")
    bound = [c for c, line in claims("001", "wrong") if "N < 3.6D" in line]
    assert len(bound) == 1 and abs(bound[0].actual - 112 / 36) < 1e-9
    assert "3.1" == bound[0].shown
    # no false alarm anywhere else: the only wrong claims are those five
    assert sorted((n, c.claimed) for n in notes for c, _ in claims(n, "wrong")) == [
        ("000", "55x55x86"), ("001", "3.6D"), ("002", "110M"), ("002", "4M"), ("004", "2")]


# ----------------------------------------------------------------- numbers and bounds

@pytest.mark.parametrize("text, value", [
    ("(227 - 11) / 4 + 1", 55),
    ("(32-5+0)/2+1", 14),                   # floor: 13.5 -> 13, + 1
    ("\\frac{10}{4}", Fraction(5, 2)),       # not an output-size formula: exact
    ("3 × 3 · 2", 18),
    ("(11 x 11 x 3 + 1) x 96", 34_944),
    ("4(3 x 3)", 36),
    ("2^10", 1024),
    ("294,912 / 2", 147_456),
    ("2억 5000만", 250_000_000),
    ("4만 + 1", 40_001),
    ("6천만", 60_000_000),
    ("1.5M", 1_500_000),
    ("12 − 2", 10),
])
def test_evaluate(text, value):
    from cnnstat.notes.reading.grammar import evaluate

    assert evaluate(text) == value


@pytest.mark.parametrize("text", ["9**9**9**9", "1" * 10_000, "2^100", "1/0", "(1 + 2",
                                  "__import__('os')", "3 + x"])
def test_evaluate_refuses(text):
    import time

    from cnnstat.notes.reading.numerals import Refused
    from cnnstat.notes.reading.grammar import evaluate

    # a guard against a blow-up (9**9**9**9 computed would never end), not a speed
    # figure: CPU seconds of this process, which a loaded machine's waiting does not
    # count (wall time took 1.78 s once at a load average of 20)
    start = time.process_time()
    with pytest.raises(Refused):
        evaluate(text)
    assert time.process_time() - start < 2.0


def test_precision_of_a_claim():
    from cnnstat.notes.reading.numbers import agrees
    from cnnstat.notes.reading.numerals import read_number

    def num(s):
        return read_number(s, 0)[0]

    assert agrees(Fraction(60_965_224), num("60M"))       # cut after the digits shown
    assert agrees(Fraction(60_965_224), num("61M"))       # rounded
    assert not agrees(Fraction(138_357_544), num("110M"))
    assert agrees(Fraction(60_965_224), num("60.97M"))
    assert agrees(Fraction(60_965_224), num("60.9M"))  # cut after one decimal
    assert not agrees(Fraction(60_965_224), num("60.8M"))
    assert agrees(Fraction(40_000), num("4만")) and not agrees(Fraction(250_000), num("20만"))
    assert agrees(Fraction(294_912), num("294,912"), exact=True)
    assert not agrees(Fraction(294_912), num("294,900"), exact=True)


# --------------------------------------------------------------------------------- CLI

def test_cli_exit_codes_and_untouched(cli, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("- 3 x 3 x 256 x 128 = 294,912\n- (55 - 3) / 2 + 1 = 27\n", "utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("- 3 x 3 x 256 x 128 = 294,000\n", "utf-8")
    before = bad.read_bytes()
    code, out, _ = cli("check", str(good))
    # the title may wrap at the terminal's width
    assert code == 0 and "2 claims, 2 right, 0 wrong" in " ".join(out.split())
    code, out, _ = cli("check", str(bad))
    assert code == 1 and "✗ wrong" in out and "294,912" in out
    assert bad.read_bytes() == before and not (tmp_path / "bad.md.bak").exists()
    code, _, err = cli("check", str(tmp_path / "missing.md"))
    assert code == 2 and "no such file" in err
    binary = tmp_path / "latin1.md"
    binary.write_bytes("caf\xe9 3 x 3 = 9\n".encode("latin-1"))
    code, _, err = cli("check", str(binary))
    assert code == 2 and "not UTF-8" in err
    code, _, err = cli("check", str(good), "--format", "xml")
    assert code == 2


def test_cli_json_contract(cli):
    code, out, _ = cli("check", str(FIXTURES / "worked_en.md"), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert set(doc) >= {"claims"}
    for c in doc["claims"]:
        assert {"line", "text", "kind", "claimed", "actual", "verdict"} <= set(c)
        assert c["verdict"] in ("right", "wrong", "info")
    six = next(c for c in doc["claims"] if c["line"] == 6)
    assert six == {**six, "kind": "arithmetic", "claimed": "2,500", "actual": 2400,
                   "verdict": "wrong", "text": "5 x 5 x 3 x 32 = 2,500"}
    assert "skipped" not in doc
    code, out, _ = cli("check", str(FIXTURES / "worked_en.md"), "-f", "json", "--verbose")
    assert any(s["line"] == 23 for s in json.loads(out)["skipped"])


def test_cli_markdown_and_verbose(cli):
    code, out, _ = cli("check", str(FIXTURES / "worked_ko.md"), "-f", "markdown", "--verbose")
    assert code == 1
    assert "| 15 | arithmetic | 500 x 500 = 20만 | 20만 |" in out
    code, out, _ = cli("check", str(FIXTURES / "worked_en.md"), "--verbose")
    assert "Skipped" in out and "line 23" in out


@pytest.mark.parametrize("name", ["worked_en.md", "worked_ko.md"])
def test_fix(cli, tmp_path, name):
    note = tmp_path / name
    shutil.copy(FIXTURES / name, note)
    original = note.read_bytes()
    code, out, _ = cli("check", str(note), "--fix")
    assert code == 1  # wrong claims were found (and fixed)
    assert "+++" in out and "---" in out  # the diff
    assert (tmp_path / f"{name}.bak").read_bytes() == original
    fixed = note.read_text("utf-8")
    assert fixed != original.decode("utf-8")
    code, out, _ = cli("check", str(note))
    assert code == 0, out
    # only the wrong numbers changed: every other line is byte for byte the same
    old_lines = original.decode("utf-8").split("\n")
    new_lines = fixed.split("\n")
    assert len(old_lines) == len(new_lines)
    result, _ = _found(FIXTURES / name)
    wrong = {c.line for c in result.claims if c.verdict == "wrong"}
    changed = {i + 1 for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b}
    assert changed == wrong


def test_fix_writes_the_correct_values(cli, tmp_path):
    note = tmp_path / "n.md"
    note.write_text("- 5 x 5 x 3 x 32 = 2,500\r\n- 500 x 500 = 20만\r\n"
                    "- VGG-16 has 110M parameters.\r\n"
                    "- 224x224 input, 11x11 conv, stride 4, padding 0 → 55x55\r\n", "utf-8")
    code, _, _ = cli("check", str(note), "--fix")
    assert code == 1
    assert note.read_bytes().decode("utf-8") == (
        "- 5 x 5 x 3 x 32 = 2,400\r\n- 500 x 500 = 25만\r\n"
        "- VGG-16 has 138M parameters.\r\n"
        "- 224x224 input, 11x11 conv, stride 4, padding 0 → 54x54\r\n")


def test_pre_commit_hook_entry():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    check = next(h for h in hooks if h["id"] == "cnnstat-check")
    assert check["entry"] == "cnnstat check"
    assert check["language"] == "python"


def test_params_counted_without_norm_layers_are_a_count_in_circulation(tmp_path, cli):
    # MobileNetV2 paper Table 4: "3.4M" parameters; torchvision's model has 3,504,872,
    # of which 34,112 are batch-norm scales and shifts (2 per channel): 3,470,760 without
    # them, the paper's figure cut after one decimal. VGG-16's 110M stays wrong (138M).
    note = tmp_path / "m.md"
    note.write_text("MobileNetV2 has 3.4M parameters.\n\nVGG-16 has 110M parameters.\n",
                    "utf-8")
    code, out, _ = cli("check", str(note), "-f", "json")
    verdicts = [(c["line"], c["verdict"]) for c in json.loads(out)["claims"]]
    assert verdicts == [(1, "right"), (3, "wrong")]


def test_wrong_claims_keep_their_derivation_at_80_columns(tmp_path, cli):
    # 3 x 3 x 256 x 128 = 294,912 (hand arithmetic); the table drops its "how it was
    # checked" column at 80 columns, the section under it still says what is right
    note = tmp_path / "n.md"
    note.write_text("- 3 x 3 x 256 x 128 = 294,000\n", "utf-8")
    code, out, _ = cli("check", str(note))
    assert code == 1
    assert all(len(line) <= 80 for line in out.splitlines())
    section = out[out.index("Wrong, with the correct value and how it was found"):]
    assert "line 1" in section and "294,912" in section


def test_a_numbered_label_is_not_a_ratio():
    # "layer 1: ..." is a label; only "5x5 : 3x3x2" (an expression before the colon) is
    # one side of a ratio
    from cnnstat.notes.check import check_text

    r = check_text("layer 1: 2D convolution (output maps: 55x55x96)\n")
    assert not any("ratio" in s.reason for s in r.skipped)
    r = check_text("5x5 : 3x3x2 = 25 : 18\n")
    assert not r.wrong and any("ratio" in s.reason for s in r.skipped)
