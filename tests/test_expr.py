"""The spec expression evaluator: exact rational arithmetic and a few roundings, nothing
else, bounded."""

from fractions import Fraction

import pytest

from cnnstat.errors import SpecError
from cnnstat.spec.expr import evaluate, is_expression


@pytest.mark.parametrize("text, env, value", [
    ("4*$width", {"width": 64}, 256),
    ("$a + $b * 2", {"a": 1, "b": 3}, 7),  # * binds tighter than +
    ("($a + $b) * 2", {"a": 1, "b": 3}, 8),
    ("$c // 2 - 1", {"c": 7}, 2),  # floor division, as sizes need
    ("-$x + 10", {"x": 3}, 7),
    ("10 - 2 - 3", {}, 5),  # left associative
    ("  42 ", {}, 42),
    ("$c * 0.75", {"c": 32}, 24),  # rational width multipliers, exact
    ("$c * $w", {"c": 40, "w": 1.1}, 44),  # a YAML float is the decimal written: 11/10
    ("3 / 4", {}, Fraction(3, 4)),
    ("ceil(3 * 1.1)", {}, 4), ("floor(7 / 2)", {}, 3), ("round(5 / 2)", {}, 2),
    ("min(3, 1, 2)", {}, 1), ("max(2, 5)", {}, 5),
    ("--3", {}, 3),
])
def test_arithmetic(text, env, value):
    assert evaluate(text, env) == value


@pytest.mark.parametrize("text, message", [
    ("9**9**9", "unexpected '*'"),
    ("$w / 0", "division by zero"),
    ("__import__('os')", "unexpected character"),
    ("__import__(2)", "unknown function '__import__'"),
    ("floor(1, 2)", "floor takes 1 arguments, not 2"),
    ("make_divisible(3, 2.5)", "divisor must be a positive integer"),
    ("(" * 60 + "1" + ")" * 60, "more than 50 deep"),
    ("1 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 "
     "/ 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3", "finer than"),
    ("$nope * 2", "unknown argument $nope"),
    ("(1 + 2", "missing ')'"),
    ("1 +", "ends too early"),
    ("4 // 0", "division by zero"),
    ("1" * 40, "too large"),
    ("99999999 * 99999999", "beyond"),
    ("1 2", "unexpected 2"),
])
def test_refused(text, message):
    with pytest.raises(SpecError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("*", r"\*").replace("$", r"\$")):
        evaluate(text, {"w": 4})


def test_non_integer_argument():
    with pytest.raises(SpecError, match="not a number"):
        evaluate("$flag + 1", {"flag": True})


@pytest.mark.parametrize("v, divisor, result", [
    # torchvision MobileNetV2 at width 0.35: the stem's 32 x 0.35 = 11.2 rounds down to 8,
    # more than 10 % below 11.2, so one divisor is added: 16 (Keras' mobilenet_v2_0.35
    # has 16 stem filters too)
    ("32 * 0.35", 8, 16),
    ("32 * 0.75", 8, 24),
    ("12", 8, 16),  # halves round up
    ("11.9", 8, 16),  # 8 would lose more than 10 %
    ("8.8", 8, 8),  # 8 loses less than 10 %
    ("1280 * 1.4", 8, 1792),
])
def test_make_divisible(v, divisor, result):
    assert evaluate(f"make_divisible({v}, {divisor})", {}) == result


def test_make_divisible_minimum():
    assert evaluate("make_divisible(2, 8, 4)", {}) == 4


def test_is_expression():
    assert is_expression("4*$w") and is_expression("$w") and is_expression("(2)")
    assert not is_expression("same") and not is_expression("valid")
