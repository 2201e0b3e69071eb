"""The block-argument evaluator: integer arithmetic, nothing else, bounded."""

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
])
def test_arithmetic(text, env, value):
    assert evaluate(text, env) == value


@pytest.mark.parametrize("text, message", [
    ("9**9**9", "unexpected '*'"),
    ("$w / 2", "use // for integer division"),
    ("__import__('os')", "unexpected character"),
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
    with pytest.raises(SpecError, match="not an integer"):
        evaluate("$flag + 1", {"flag": True})


def test_is_expression():
    assert is_expression("4*$w") and is_expression("$w") and is_expression("(2)")
    assert not is_expression("same") and not is_expression("valid")
