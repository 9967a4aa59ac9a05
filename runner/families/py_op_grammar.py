"""Python, generation: an evaluator for a randomly generated infix expression grammar.

Each seed invents 3-5 binary operators written with symbols that carry no meaning of their own
(@, #, $, ...), gives each a meaning (add, subtract, floor division, max, average, ...), spreads them
over 1-3 precedence levels and gives each level an associativity. The agent writes `evaluate(text)`.
The hidden tests are property style: random expression trees rendered with the fewest parentheses the
grammar needs (sometimes extra ones) and random spacing, plus precedence and associativity probes and
malformed inputs, with expected values from the reference evaluator run in-process.
"""

from __future__ import annotations

import random

from runner.families.base import Family, Instance

SYMBOLS = "@#$&~?!:;"
MEANINGS = {  # name -> (how the prompt says it, Python expression over a and b, associative?)
    "add": ("a + b", "a + b", True),
    "sub": ("a - b", "a - b", False),
    "mul": ("a * b", "a * b", True),
    "div": ("a divided by b, rounded down (towards negative infinity); b = 0 is an error", "_div(a, b)", False),
    "mod": ("the remainder a - b * (a div b) with div as rounded-down division (its sign is b's); b = 0 is an error",
            "_mod(a, b)", False),
    "max": ("the larger of a and b", "max(a, b)", True),
    "min": ("the smaller of a and b", "min(a, b)", True),
    "avg": ("(a + b) / 2 rounded down (towards negative infinity)", "(a + b) // 2", False),
    "dist": ("the absolute difference |a - b|", "abs(a - b)", False),
}

REFERENCE = '''"""Evaluator for the expression language described in the task."""

# symbol -> (precedence level, higher binds tighter; associativity)
OPERATORS = {operators}
DIGITS = "0123456789"


def _div(a, b):
    if b == 0:
        raise ValueError("division by zero")
    return a // b


def _mod(a, b):
    if b == 0:
        raise ValueError("division by zero")
    return a % b


def _apply(symbol, a, b):
{apply}
    raise AssertionError(symbol)


def _tokens(text):
    tokens, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch in " \\t":
            i += 1
        elif ch in DIGITS:
            j = i
            while j < len(text) and text[j] in DIGITS:
                j += 1
            tokens.append(int(text[i:j]))
            i = j
        elif ch in OPERATORS or ch in "()":
            tokens.append(ch)
            i += 1
        else:
            raise ValueError(f"unexpected character {{ch!r}}")
    return tokens


def evaluate(text):
    tokens = _tokens(text)
    pos = 0

    def operand():
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError("missing operand")
        token = tokens[pos]
        pos += 1
        if isinstance(token, int):
            return token
        if token != "(":
            raise ValueError(f"unexpected {{token!r}}")
        value = expression(0)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise ValueError("missing )")
        pos += 1
        return value

    def expression(min_level):
        nonlocal pos
        left = operand()
        while pos < len(tokens) and tokens[pos] in OPERATORS and OPERATORS[tokens[pos]][0] >= min_level:
            symbol = tokens[pos]
            level, assoc = OPERATORS[symbol]
            pos += 1
            right = expression(level + 1 if assoc == "left" else level)
            left = _apply(symbol, left, right)
        return left

    value = expression(0)
    if pos != len(tokens):
        raise ValueError(f"unexpected {{tokens[pos]!r}}")
    return value
'''


def _make(rng: random.Random, seed: int) -> Instance:
    n_ops = rng.randint(3, 5)
    n_levels = rng.randint(1, 3) if n_ops > 3 else rng.randint(1, 2)
    symbols = rng.sample(SYMBOLS, n_ops)
    meanings = rng.sample(sorted(MEANINGS), n_ops)
    if all(MEANINGS[m][2] for m in meanings):  # at least one operator where associativity shows
        meanings[rng.randrange(n_ops)] = rng.choice(["sub", "div", "avg", "dist", "mod"])
    levels = [i % n_levels + 1 for i in range(n_ops)]  # every level has an operator
    rng.shuffle(levels)
    assoc = {lv: rng.choice(["left", "left", "right"]) for lv in range(1, n_levels + 1)}
    ops = {s: (lv, assoc[lv]) for s, lv in zip(symbols, levels, strict=True)}
    meaning = dict(zip(symbols, meanings, strict=True))
    apply = "\n".join(f"    if symbol == {s!r}:\n        return {MEANINGS[meaning[s]][1]}" for s in symbols)
    source = REFERENCE.format(operators=repr(ops), apply=apply)
    ref: dict = {}
    exec(compile(source, "<evaluator>", "exec"), ref)

    def outcome(text: str):
        try:
            return ref["evaluate"](text)
        except ValueError:
            return "ValueError"

    def sp() -> str:
        return rng.choice(["", "", " ", "  ", "\t"])

    def tree(depth: int):
        if depth == 0 or rng.random() < 0.25:
            return rng.randint(0, 20)
        return (rng.choice(symbols), tree(depth - 1), tree(depth - 1))

    def render(node, parent_level: int = 0, side: str = "") -> str:
        if isinstance(node, int):
            return str(node)
        s, left, right = node
        lv = ops[s][0]
        text = f"{render(left, lv, 'left')}{sp()}{s}{sp()}{render(right, lv, 'right')}"
        # a same-level child needs no parentheses only on the side its level groups towards
        needed = lv < parent_level or (lv == parent_level and side != assoc[lv])
        if needed or rng.random() < 0.1:
            return f"({sp()}{text}{sp()})"
        return text

    exprs = [render(tree(rng.randint(1, 4))) for _ in range(22)]
    a, b, c = (rng.randint(2, 9) for _ in range(3))
    probes = ["7", " 42 ", "(((5)))", "007", f"{a}{symbols[0]}{b}"]
    for s1 in symbols:  # precedence and associativity between every operator and the next
        for s2 in symbols:
            if s1 != s2 and rng.random() < 0.35:
                probes.append(f"{a} {s1} {b} {s2} {c}")
        probes.append(f"{c}{s1}{a}{s1}{b}")
    probes.append(f"({a} {symbols[0]} {b}) {symbols[1]} {c}")
    errors = ["", "   ", f"1 {symbols[0]}", f"{symbols[1]} 1", "(1", "1)", "1 2", "()",
              f"1 {symbols[0]} (2 {symbols[1]})", "3 x 4", "-1", f"2 {symbols[0]}{symbols[1]} 3"]
    zero = [s for s in symbols if meaning[s] in ("div", "mod")]
    if zero:
        errors.append(f"7 {zero[0]} 0")
    cases = [(e, outcome(e)) for e in dict.fromkeys(probes + exprs)]
    bad = list(dict.fromkeys(errors))
    for e in bad:
        assert outcome(e) == "ValueError", e
    module = rng.choice(["opcalc", "tinyexpr", "glyph_math", "symcalc"])
    rows = "".join(f"    ({e!r}, {want!r}),\n" for e, want in cases if want != "ValueError")
    raised = [e for e, want in cases if want == "ValueError"] + bad
    tests = (f"import pytest\n\nfrom {module} import evaluate\n\nVALUES = [\n{rows}]\n\n"
             "ERRORS = [\n" + "".join(f"    {e!r},\n" for e in raised) + "]\n\n\n"
             "@pytest.mark.parametrize('text,want', VALUES)\n"
             "def test_value(text, want):\n    assert evaluate(text) == want\n\n\n"
             "@pytest.mark.parametrize('text', ERRORS)\n"
             "def test_error(text):\n    with pytest.raises(ValueError):\n        evaluate(text)\n")
    table = "\n".join(f"| `{s}` | {MEANINGS[meaning[s]][0]} | {ops[s][0]} | {ops[s][1]} |" for s in symbols)
    short = [e for e in exprs if outcome(e) != "ValueError" and 8 < len(e) < 40 and "\t" not in e]
    example = short[0] if short else probes[4]
    prompt = f"""Write `{module}.py` with a function `evaluate(text: str) -> int` for a small expression language.

An expression is built from non-negative integer literals (one or more ASCII digits; leading zeros are
allowed), the binary operators below, and parentheses for grouping. Spaces and tabs may appear between
any two tokens and are ignored. There are no other tokens: in particular there is no unary minus.

| operator | `a op b` means | precedence | associativity |
| --- | --- | --- | --- |
{table}

A higher precedence binds tighter. Operators of equal precedence group by their level's associativity:
for left, `a op1 b op2 c` is `(a op1 b) op2 c`; for right, it is `a op1 (b op2 c)`. All arithmetic is on
Python integers (no overflow).

Raise `ValueError` for any malformed input (an empty expression, a missing operand, an unexpected or
unknown character, unbalanced parentheses, two literals in a row, ...) and for a division or remainder by
zero.

Example: `evaluate({example!r})` returns `{ref["evaluate"](example)!r}`.
"""
    return Instance(
        family="py-op-grammar", seed=seed, language="python", kind="generation", prompt=prompt,
        workspace={f"{module}.py": "def evaluate(text: str) -> int:\n    raise NotImplementedError\n"},
        tests={f"test_{module}.py": tests}, solution={f"{module}.py": source},
        expected_tests=len(cases) + len(bad),
        knobs={"operators": n_ops, "levels": n_levels, "right_assoc_levels": sum(v == "right" for v in assoc.values())},
        tags=("parsing",),
    )


FAMILIES = [Family(
    name="py-op-grammar", language="python", kind="generation",
    description="an evaluator for invented infix operators (random symbols, meanings, precedence levels and "
                "associativity) checked on generated expressions",
    knobs={"operators": "how many binary operators the grammar has (3-5)",
           "levels": "how many precedence levels they are spread over (1-3)",
           "right_assoc_levels": "how many levels group to the right"},
    make=_make,
    version=2,  # 2: no guessed difficulty tag (runner/difficulty.py measures it)
)]
