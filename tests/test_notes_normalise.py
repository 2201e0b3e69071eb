"""The one normalisation pass (``notes.reading.normalise``): every notation of the same sum
reads into the same expression, which the one grammar (``notes.reading.grammar``)
evaluates. Each expected value is hand arithmetic, written out in the comment beside it."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cnnstat.notes.reading.grammar import evaluate
from cnnstat.notes.reading.normalise import scan

# 3 x 3 x 64 = 576, in every notation a note uses for the products
PRODUCTS = ["3 x 3 x 64", "3x3x64", "3 * 3 * 64", "3 × 3 × 64", "3·3·64", "3 ⋅ 3 ⋅ 64",
            "3 \\times 3 \\times 64", "3 \\cdot 3 \\cdot 64", "3 ✕ 3 ✕ 64",
            "3^{2} \\times 64", "3² × 64", "3**2 * 64"]


@pytest.mark.parametrize("text", PRODUCTS)
def test_every_product_notation_is_one_expression(text):
    assert evaluate(text) == 576


@pytest.mark.parametrize("text,value", [
    ("\\frac{224 - 3 + 2}{1} + 1", 224),            # (224 - 3 + 2)/1 + 1
    ("{224 - 3 + 2 \\over 1} + 1", 224),            # TeX's \over: the same quotient
    ("\\left( 224 - 3 \\right) / 1 + 1", 222),      # \left( \right) are brackets
    ("\\lfloor (227 - 11) / 4 \\rfloor + 1", 55),   # 216/4 = 54, + 1
    ("⌊(32 - 5)/2⌋ + 1", 14),                       # 27/2 = 13.5 floored, + 1
    ("12 − 2 ÷ 2", 11),                             # Unicode minus and division sign
    ("1,28,800 + 0", None),                         # Indian groups: only after '='
    ("56_448 / 2", 28_224),                         # Python's digit groups
    ("3.8 x 10^9", 3_800_000_000),                  # a power of ten
    ("6 천만 + 0", 60_000_000),                      # a Korean unit after a space
])
def test_latex_unicode_and_numerals(text, value):
    if value is None:
        with pytest.raises(Exception):
            evaluate(text)
        return
    assert evaluate(text) == value


def test_text_commands_are_words_not_groups():
    # $$\text{params} = 3 \times 3 = 9$$: "params" a word; no brace left in the stream
    kinds = [(t.kind, t.text) for t in scan("\\text{params} = 3 \\times 3 = 9")]
    assert kinds == [("WORD", "params"), ("EQ", "="), ("NUM", "3"), ("OP", "*"),
                     ("NUM", "3"), ("EQ", "="), ("NUM", "9")]


@pytest.mark.parametrize("mark", ["≈", "~", "～", "\\approx", "≒"])
def test_every_approximation_mark(mark):
    toks = scan(f"28*28*4 {mark} 3000")
    assert [t.kind for t in toks] == ["NUM", "OP", "NUM", "OP", "NUM", "APPROX", "NUM"]
    assert toks[-1].num.value == Fraction(3000)


def test_indian_grouping_after_equals():
    # 1,28,800 = 128,800 (lakh grouping), read where a result stands
    toks = scan("161 x 800 = 1,28,800")
    assert toks[-1].num.value == 128_800


def test_one_grammar_reads_numbers_formulas_and_algebra():
    from cnnstat.notes.reading.grammar import Parser
    from cnnstat.notes.reading.numerals import Refused

    def tree(text, variable=None):
        node = Parser(scan(text), variable=variable).parse()

        def show(n):
            if n.op == "num":
                return n.num.text
            if n.op == "var":
                return n.name
            return f"{n.op}(" + ",".join(show(a) for a in n.args) + ")"
        return show(node)

    letters = (lambda t: t.kind == "WORD" and len(t.text) == 1 and t.text not in "xX")
    # numbers alone: only 4(3 x 3) is a product without its sign
    assert tree("4(3 x 3)") == "mul(4,paren(mul(3,3)))"
    with pytest.raises(Refused):
        tree("2P")
    # with symbols: side by side multiplies, and so does the word x
    assert tree("(I - F + 2P)/S + 1", letters) == \
        "add(div(paren(add(sub(I,F),mul(2,P))),S),1)"
    assert tree("3x3 x D", lambda t: t.kind == "WORD" and t.text == "D") == "mul(mul(3,3),D)"
