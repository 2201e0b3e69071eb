"""`cnnstat check` on rules stated as formulas (``rulelines``, ``rulecheck``,
``operands``): an output size or a parameter count written in letters, subscripts, role
words (English and Korean) or LaTeX, with or without its left side, and a legend that
names the letters of the rule just above.

The fixtures under tests/fixtures/notes/rule_forms were written for this repository.
Reference values by hand: a conv's output side is floor((n + 2p - k)/s) + 1 (Dumoulin &
Visin, "A guide to convolution arithmetic", relation 6), its parameters
(k*k*C_in + 1)*C_out, a dense layer's (in + 1)*out. A claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rule_forms"

EXPECTED = {
    "01_size_rules.md": [
        # n=32, K=3, P=1, S=2: (32 - 3 + 2)/(2 + 1) = 10.33, a conv gives 31//2 + 1 = 16
        (5, "formula", "wrong"),
        (9, "formula", "right"),   # (in - K + 2P)/S + 1: the rule itself
        (11, "formula", "right"),  # floor((H_in + 2p - k)/s) + 1, subscripts
        (13, "formula", "right"),  # the same rule in Korean role words
        # (n - k) * s + 1: n=32, k=3, s=2 gives 59, not 15
        (15, "formula", "wrong"),
        # line 17: (W - F)/S in a sentence about sliding, no output size: not a rule
        (21, "formula", "right"),  # a bare \frac after "the output size is given by:"
        # line 23: in (N - F + 2P)/S + 1 P is added twice (a padding) and S divides (a
        # stride): the legend swaps them; N and F are named as the rule uses them
        (23, "formula", "wrong"), (23, "formula", "wrong"),
        (25, "formula", "right"),  # a window's positions: floor((n - k)/s) + 1
    ],
    "02_param_rules.md": [
        (3, "formula", "right"),  # (3*3*5 + 1)*7 = 322 at k=3, C_in=5, C_out=7
        (5, "formula", "right"),  # 3*3*5*7 + 7 = 322
        # (3*3*5 + 1)*7 + 7 = 329: the biases counted twice
        (7, "formula", "wrong"),
        # (3*3*5 + 1) + 7 = 53, not 322: + where x belongs
        (9, "formula", "wrong"),
        (11, "formula", "right"),  # weights alone: 3^2*5*7 = 315
        (13, "formula", "right"),  # dense: (input_dim + 1) * units
        # line 15: K, C and N are letters with no legend: not judged
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_operand_roles():
    from cnnstat.notes.operands import phrase_role, role

    # a word, a subscript: named; a bare letter: the course notation's guess
    assert role("W2") == ("o", True) and role("h_i") == ("n", True)
    assert role("P") == ("p", False)
    assert role("number of filters") == ("co", True)
    assert role("원본이미지 사이즈") == ("n", True)
    assert role("filter depth") == ("ci", True)
    assert role("Total params in a layer") is None
    assert phrase_role("the filter volume (height*width*depth)") == "kv"
    assert phrase_role("number of strides") == "s"
