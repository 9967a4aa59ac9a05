import pathlib
import re

import pytest

from calc import evaluate


@pytest.mark.parametrize("expr, value", [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("10 - 4 - 3", 3),
    ("2 ** 3 ** 2", 512),
    ("-2 ** 2", -4),
    ("2 ** -1", 0.5),
    ("7 // 2 + 7 % 3", 4),
    ("1 / 4", 0.25),
    (".5 + 2.5", 3.0),
    ("--3", 3),
    ("+4 - -1", 5),
    ("max(1, 7, 3) - min(4, 2) + abs(-3)", 8),
    ("max(2)", 2),
])
def test_values(expr, value):
    result = evaluate(expr)
    assert result == value and type(result) is type(value)


def test_variables():
    assert evaluate("rate * (hours + 1)", {"rate": 3, "hours": 4}) == 15


@pytest.mark.parametrize("expr", ["1 +", "(1 + 2", "1 + 2)", "2 3", "", "1 ** * 2", "abs(1, 2)", "min()", "foo + 1", "3 $ 4"])
def test_errors(expr):
    with pytest.raises(ValueError):
        evaluate(expr)


def test_zero_division():
    with pytest.raises(ZeroDivisionError):
        evaluate("1 / (2 - 2)")


def test_no_eval():
    source = (pathlib.Path("/workspace") / "calc.py").read_text()
    assert not re.search(r"(?<![\w.])(eval|exec|compile)\s*\(|import ast|from ast", source)
