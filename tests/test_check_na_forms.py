"""`cnnstat check` on forms that raised false alarms at first contact with new real notes
(issue 19, session m, helper na: FA hunter). Each file sets wrong lines beside right ones
of one form; the correct passages alone are ``hostile_correct/na-*.md``.

Mechanisms:
- units after a bracketed label: ``5×5×3 = 75 (kernel) × 784 positions = 58,800`` (the
  label dropped first, then the units, Korean ones too (``100 위치``):
  ``reading/glosses.drop_annotations``);
- a glued ``B`` before ``× 4 bytes`` is billion, not bytes (bytes by bytes is no size:
  ``reading/numerals._TIMES_WIDTH``);
- a factor written to a scale (``42K``) is a rounding, never a copy of a result with a
  slipped digit (``arithmetic/copied``);
- a side computed from rounded operands (``1/0.12674``, ``0.0020 + 0.1111``) agrees
  within a unit of their last digits (``arithunits.interval(decimals=True)``);
- a scale glued to the result's unit (``TOPS``, ``GFLOPs``) read where, scaled, it is the
  calculation to the digits written (``arithunits.prefixed``);
- ``{{a} \\over b}``: the numerator in braces of its own (``rules/roleexpr._OVER``);
- a flatten to two sizes keeps an axis (``(512, 8, 8) → (64, 512)``: ``maps/flatcount``);
- a comment under a layer that names another kind of layer counts that one
  (``paramcounts/layerside``);
- the last side of a size is no count of maps (``14 x 14 특성맵``), nor a count that goes
  on to name its own noun (``48개의 ... 필터``: ``maps/mapcount``);
- a count to its last digit that is no bundled build's is a build of the note's own:
  unsure (``modelfacts/factjudge.EXACT``);
- a labelled calculation left without a result (``MACs = 96 × 48 × 3 × 3 × 28 × 28``)
  whose result opens the next line (``= 32.5 million MACs``): the label's calculation is
  the chain's first step (``arithchain.steps_across``; a miss on set-m1);
- a figure with a bias added (``49,512 + 1``) a line or two under a result it is a digit
  slip of (``= 49,152``) is that result copied (``copied._biased``; ``carried`` no longer
  drops the copy's claim on a line that is a sum; a miss on set-m1);
- a code comment that works a calculation out with ``≈`` (``# 3×64×64 × 32×64×64 ≈ 1.6
  billion``) is read as one with ``=`` is (``codeforms/code.comment``; a miss on set-m1);
- a figure whose unit a label before it gives (``(MB): 25.69 = ... = 25,690,112``:
  ``arithmetic/labelunit``).

Expected values: plain arithmetic in the comments.
"""

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/na_forms"

EXPECTED = {
    "01_rounded_steps_and_units.md": [
        (5, "arithmetic", "right"),  # (32-5+1)^2 = 28 x 28 = 784 (two sides)
        (5, "arithmetic", "right"),
        (6, "arithmetic", "right"),  # 75 x 784 = 58,800
        (7, "arithmetic", "wrong"),  # 75 x 784 = 58,800, not 57,800
        (10, "arithmetic", "right"),  # 3.5e9 x 2 = 7e9 bytes = 7 GB
        (11, "arithmetic", "wrong"),  # 3.5e9 x 4 = 14e9 bytes, not 12 GB (nor 12 GiB = 12.9e9)
        (13, "params", "right"),  # Dense(100) on 399: 399*100 + 100 = 40,000
        (13, "arithmetic", "right"),
        (15, "arithmetic", "right"),  # 42,000 x 4 = 168,000 = 168 KB
        (15, "arithmetic", "wrong"),  # not 186 KB
        (17, "arithmetic", "right"),  # 1/0.12674 = 7.8902, within 1/(0.12674 +- 0.00001)
        (17, "arithmetic", "wrong"),  # 1/(1/64 + 1/9) = 576/73 = 7.890, not 7.98
        (19, "arithmetic", "wrong"),  # 0.0020 + 0.1211 = 0.1231: 1/512 + 1/9 = 0.11306
        (19, "arithmetic", "right"),  # 0.11306 to 0.113
        (23, "arithmetic", "right"),  # 2 x 1024 x 1e9 = 2.048e12 = 2.048 TOPS
        (25, "arithmetic", "wrong"),  # 2 x 1024 x 2e9 = 4.096e12, not 4.48 TOPS
        (27, "arithmetic", "right"),  # 802,816 x 32 = 25,690,112 bytes (two sides)
        (27, "arithmetic", "right"),  # 25,690,112 / 10^6 = 25.69 MB
        (28, "arithmetic", "wrong"),  # 25.69 MB, not 52.69 (nor 24.50 MiB)
        (28, "arithmetic", "right"),
        (30, "arithmetic", "right"),  # Korean units: 27 x 100 = 2,700
        (31, "arithmetic", "wrong"),  # not 2,800
    ],
    "02_formula_flatten_comments.md": [
        (5, "arithmetic", "right"),  # (28 + 2 - 3)/1 + 1 = 28
        (5, "formula", "right"),  # the substitution follows (n + 2p - f)/s + 1
        (9, "formula", "wrong"),  # (n + 2p - f + 1)/s + 1: n=32, f=3, s=2, p=1 gives 17, a conv 16
        (13, "shape", "right"),  # 64 x 512 = 32,768 = 512 x 8 x 8
        (14, "shape", "wrong"),  # 512 x 8 x 8 = 32,768, not 23,768
        (19, "params", "wrong"),  # Linear(512, 10): 5,120 + 10 = 5,130, not 5,300
        # line 24: a Conv2d's count under a Linear: not judged against the Linear
    ],
    "03_kor_maps_and_counted_builds.md": [
        (3, "shape", "right"),  # 256 maps of 7 x 7: the channels of 7 x 7 x 256
        (3, "shape", "right"),  # a 1x1 conv keeps 7x7
        (4, "shape", "wrong"),  # 7 x 7 x 64 holds 64 maps, not 60
        (8, "model", "wrong"),  # AlexNet: 60,965,224 (paper), 61,100,840 (torchvision), not 16M
        (8, "model", "wrong"),  # ResNet-18: 11,689,512 (torchvision); 12,689,512 is it with
        # one digit slipped, so no build of the note's own
        # line 8's 14848586 (a VGG-16 with another classifier: 14,714,688 conv weights
        # + 512*256+256 + 256*10+10) is no bundled build's: unsure
    ],
    "04_labelled_product_then_result.md": [
        (5, "arithmetic", "right"),  # 96*48*9*784 = 32,514,048 = 32.5 million
        (10, "arithmetic", "wrong"),  # 48*9*784 = 338,688: 0.34 million, not 3.39
        (15, "arithmetic", "right"),  # 96*48*784 = 3,612,672
    ],
    "05_copied_figure_with_bias.md": [
        (3, "arithmetic", "right"),  # 128*128*3 = 49,152
        (5, "arithmetic", "wrong"),  # 49,512 is 49,152 with two digits swapped: 49,153
        (7, "arithmetic", "right"),  # 64*64*3 = 12,288
        (9, "arithmetic", "right"),  # 12,288 + 1 = 12,289
    ],
    "06_approximate_in_code_comment.md": [
        (5, "arithmetic", "right"),  # 12,288 x 131,072 = 1,610,612,736 ≈ 1.6 billion
        (6, "arithmetic", "wrong"),  # not 16 billion
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_na_form(name):
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims
                if c.verdict in ("right", "wrong")]
    assert sorted(verdicts) == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tests/fixtures/notes/hostile_correct").glob("na-*.md")))
def test_na_twins_raise_nothing(name):
    from cnnstat.notes.check import check_file

    got = check_file(ROOT / "tests/fixtures/notes/hostile_correct" / name)
    assert not got.wrong, [(c.line, c.text, c.detail) for c in got.wrong]
