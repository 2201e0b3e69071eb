"""`cnnstat check` on a conv layer's parameter rule written in LaTeX with a subscripted
symbol right against a bracket, ``C_{out}(k^2 C_{in} + 1)``: in LaTeX that is a product,
as ``C_{out} \\cdot (...)`` is (it was read as prose ending in ``C_out`` and a bracket of its
own, and the rule judged wrong: a false alarm found by helper ld in session l). A
function's name before a bracket (``f_{\\theta}(x)``) has no operand's role and is never
read as a rule.

The rule is torch's: ``nn.Conv2d(C_in, C_out, k)`` has ``C_out * C_in * k * k`` weights and
``C_out`` biases, ``C_out (k^2 C_in + 1)`` parameters in all.
"""

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/latex_product_forms"


def test_symbol_against_bracket():
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict)
                for c in check_file(DIR / "01_symbol_against_bracket.md").claims]
    assert sorted(verdicts) == [
        (4, "formula", "right"),  # C_out (k^2 C_in + 1)
        (6, "formula", "right"),  # (k^2 C_in + 1) C_out
        (8, "formula", "right"),  # C_out (k k C_in + 1), plain text
        (10, "formula", "wrong"),  # C_out (k^2 + 1): the input channels left out
    ]
