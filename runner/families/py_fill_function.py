"""Python, completion: a working module whose constants come from the seed, with one function's body removed.

The module is drawn from a small pool (shop pricing, a life-like cellular automaton, check characters
for account codes, a league table); its constants (rates, thresholds, rules, symbols) are drawn from
the seed's random stream, and one function chosen by the seed keeps only its signature and docstring
(its body becomes `raise NotImplementedError`). Its callers stay, so the rest of the module shows how
it is used. The hidden tests exercise every function, on edge cases tied to the constants and on
random inputs, with expected values computed by running the reference in-process.
"""

from __future__ import annotations

import ast
import builtins
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

from runner.families.base import Family, Instance

Case = tuple[str, tuple]  # (function name, positional arguments)


@dataclass(frozen=True)
class Module:
    name: str
    files: tuple[str, ...]  # module names it may be saved as
    template: str  # Python source; $placeholders are filled with the constants' source text
    constants: Callable[[random.Random], dict]  # placeholder -> value (rendered with repr unless a str)
    targets: tuple[str, ...]  # functions whose body may be removed
    cases: Callable[[random.Random, dict], list[Case]]


PRICING = '''"""Order pricing for a small web shop. Every amount is a whole number of cents."""

TAX_RATE_PERCENT = $tax
BULK_THRESHOLD = $bulk_qty
BULK_DISCOUNT_PERCENT = $bulk_pct
SHIPPING_FLAT_CENTS = $ship
FREE_SHIPPING_FROM_CENTS = $free_from
COUPONS = $coupons  # coupon code -> percent off the goods


def line_total(unit_cents, qty):
    """Price of `qty` units at `unit_cents` each.

    A line of at least BULK_THRESHOLD units gets BULK_DISCOUNT_PERCENT off; the discount is rounded
    down to whole cents. A negative `qty` or `unit_cents` raises ValueError.
    """
    if qty < 0 or unit_cents < 0:
        raise ValueError("negative quantity or price")
    gross = unit_cents * qty
    if qty >= BULK_THRESHOLD:
        gross -= gross * BULK_DISCOUNT_PERCENT // 100
    return gross


def subtotal(lines):
    """Sum of line_total over `lines`, a list of (unit_cents, qty) pairs."""
    return sum(line_total(unit, qty) for unit, qty in lines)


def coupon_discount(amount, code):
    """Cents that coupon `code` takes off goods worth `amount`.

    Codes match COUPONS case-insensitively, ignoring surrounding whitespace. A known code takes its
    percentage of `amount`, rounded down to whole cents; an unknown code, or None, takes 0.
    """
    if code is None:
        return 0
    percent = COUPONS.get(code.strip().upper(), 0)
    return amount * percent // 100


def shipping(amount):
    """Shipping for goods worth `amount`: free for an empty order (0) and for orders of at least
    FREE_SHIPPING_FROM_CENTS, SHIPPING_FLAT_CENTS otherwise."""
    if amount == 0 or amount >= FREE_SHIPPING_FROM_CENTS:
        return 0
    return SHIPPING_FLAT_CENTS


def tax(amount):
    """TAX_RATE_PERCENT of `amount`, rounded to the nearest cent, exact halves rounded up."""
    return (amount * TAX_RATE_PERCENT + 50) // 100


def order_total(lines, code=None):
    """What the customer pays for `lines` with coupon `code`.

    The goods cost the subtotal minus the coupon's discount on it; shipping is charged on those goods;
    tax is charged on goods plus shipping, and added.
    """
    goods = subtotal(lines)
    goods -= coupon_discount(goods, code)
    before_tax = goods + shipping(goods)
    return before_tax + tax(before_tax)


def format_cents(amount):
    """`amount` as dollars with two decimals: 1234 -> "$$12.34", 5 -> "$$0.05", -250 -> "-$$2.50"."""
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return sign + "$$" + str(whole) + "." + str(cents).zfill(2)
'''


def _pricing_constants(rng: random.Random) -> dict:
    words = rng.sample(["SPRING", "WELCOME", "VIP", "FRIENDS", "LOYAL", "BLACKFRI", "STUDENT", "SUMMER"], 3)
    return {"tax": rng.randint(5, 25), "bulk_qty": rng.randint(5, 20), "bulk_pct": rng.choice([5, 8, 10, 12, 15, 20]),
            "ship": rng.choice([295, 399, 450, 499, 650, 799]), "free_from": rng.choice([2500, 3000, 4000, 5000, 7500]),
            "coupons": {w + str(rng.randint(1, 99)): rng.choice([5, 10, 15, 20, 25]) for w in words}}


def _pricing_cases(rng: random.Random, k: dict) -> list[Case]:
    codes = sorted(k["coupons"])
    bq = k["bulk_qty"]
    cases: list[Case] = [
        ("line_total", (199, 1)), ("line_total", (199, 0)), ("line_total", (333, bq)), ("line_total", (333, bq - 1)),
        ("line_total", (-5, 2)), ("line_total", (5, -2)), ("subtotal", ([],)), ("subtotal", ([(250, 2), (99, bq)],)),
        ("coupon_discount", (1999, codes[0])), ("coupon_discount", (1999, "  " + codes[1].lower() + " ")),
        ("coupon_discount", (1999, "NOPE")), ("coupon_discount", (1999, None)), ("coupon_discount", (0, codes[2])),
        ("shipping", (0,)), ("shipping", (1,)), ("shipping", (k["free_from"] - 1,)), ("shipping", (k["free_from"],)),
        ("tax", (0,)), ("tax", (50,)), ("tax", (1234,)), ("order_total", ([],)),
        ("order_total", ([(1000, 1)], codes[0])), ("format_cents", (1234,)), ("format_cents", (5,)),
        ("format_cents", (-250,)), ("format_cents", (0,)), ("format_cents", (100,)),
    ]
    for _ in range(4):
        cases.append(("tax", (rng.randint(1, 99999),)))
        lines = [(rng.randint(50, 3000), rng.randint(1, bq + 3)) for _ in range(rng.randint(1, 4))]
        cases.append(("order_total", (lines, rng.choice([*codes, None, "bogus"]))))
        cases.append(("line_total", (rng.randint(1, 5000), rng.randint(1, 2 * bq))))
        cases.append(("format_cents", (rng.randint(-20000, 200000),)))
    return cases


LIFE = '''"""A life-like cellular automaton on a rectangular grid: a list of rows of booleans (True = alive)."""

ALIVE = $alive
DEAD = $dead
BIRTH = $birth  # a dead cell with one of these numbers of live neighbours comes alive
SURVIVE = $survive  # a live cell with one of these numbers of live neighbours stays alive
WRAP = $wrap  # True: the grid is a torus (edges wrap around); False: cells beyond the edge are dead


def parse(text):
    """The grid drawn in `text`: one line per row, ALIVE for a live cell and DEAD for a dead one.

    Lines are separated by newlines; surrounding whitespace of a line is ignored and blank lines are
    skipped. Any other character, or rows of different lengths, raise ValueError. No rows -> [].
    """
    rows = []
    for line in text.split("\\n"):
        line = line.strip()
        if not line:
            continue
        row = []
        for ch in line:
            if ch == ALIVE:
                row.append(True)
            elif ch == DEAD:
                row.append(False)
            else:
                raise ValueError("bad cell " + repr(ch))
        if rows and len(row) != len(rows[0]):
            raise ValueError("rows of different lengths")
        rows.append(row)
    return rows


def render(grid):
    """Inverse of parse: each row as ALIVE/DEAD characters, rows joined by newlines (none at the end)."""
    return "\\n".join("".join(ALIVE if cell else DEAD for cell in row) for row in grid)


def live_neighbours(grid, r, c):
    """How many of the 8 cells around row `r`, column `c` are alive.

    With WRAP, each neighbour position (r + dr, c + dc) is taken modulo the grid's height and width, and
    counted even when, on a grid less than 3 wide or high, it is the same cell as another neighbour or as
    the cell itself. Without WRAP, positions outside the grid are not counted.
    """
    height, width = len(grid), len(grid[0])
    count = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            rr, cc = r + dr, c + dc
            if WRAP:
                rr, cc = rr % height, cc % width
            elif not (0 <= rr < height and 0 <= cc < width):
                continue
            if grid[rr][cc]:
                count += 1
    return count


def step(grid):
    """The next generation, a new grid: every cell is updated at once from the old grid by the BIRTH
    and SURVIVE rules."""
    out = []
    for r, row in enumerate(grid):
        new_row = []
        for c, alive in enumerate(row):
            n = live_neighbours(grid, r, c)
            new_row.append(n in SURVIVE if alive else n in BIRTH)
        out.append(new_row)
    return out


def run(grid, generations):
    """`grid` after `generations` (>= 0) steps; the input grid is not modified."""
    for _ in range(generations):
        grid = step(grid)
    return [list(row) for row in grid]


def population(grid):
    """Number of live cells in `grid`."""
    return sum(sum(1 for cell in row if cell) for row in grid)
'''


def _life_constants(rng: random.Random) -> dict:
    survive = tuple(sorted(rng.sample(range(1, 7), rng.randint(1, 3))))
    birth = tuple(sorted(rng.sample(range(2, 7), rng.randint(1, 2))))
    return {"alive": rng.choice("#@O*X+"), "dead": rng.choice(".-_"), "birth": birth, "survive": survive,
            "wrap": rng.random() < 0.5}


def _life_cases(rng: random.Random, k: dict) -> list[Case]:
    a, d = k["alive"], k["dead"]

    def grid(h: int, w: int) -> list[list[bool]]:
        return [[rng.random() < 0.4 for _ in range(w)] for _ in range(h)]

    cases: list[Case] = [
        ("parse", ("",)), ("parse", (f"{a}{d}\n{d}{a}",)), ("parse", (f"\n  {a}{a}{d}  \n\n{d}{d}{d}\n",)),
        ("parse", (f"{a}{d}\n{a}",)), ("parse", (f"{a}?{d}",)), ("render", ([],)), ("render", ([[True, False]],)),
        ("live_neighbours", ([[True] * 3] * 3, 1, 1)), ("live_neighbours", ([[True] * 3] * 3, 0, 0)),
        ("live_neighbours", ([[True, False]], 0, 1)), ("live_neighbours", ([[False, True, False]] * 3, 1, 0)),
        ("step", ([[False] * 4] * 4,)), ("run", ([[True, True], [True, False]], 0)), ("population", ([],)),
    ]
    for i in range(14):
        g = grid(rng.randint(2, 6), rng.randint(2, 6))
        fn = ("step", "live_neighbours", "run", "parse", "render", "population", "step")[i % 7]
        args = {"step": (g,), "live_neighbours": (g, rng.randrange(len(g)), rng.randrange(len(g[0]))),
                "run": (g, rng.randint(1, 4)), "parse": ("\n".join("".join(a if x else d for x in row) for row in g),),
                "render": (g,), "population": (g,)}[fn]
        cases.append((fn, args))
    return cases


CHECKSUM = '''"""Check characters for numeric account codes such as "1234-5678-9"."""

WEIGHTS = $weights
MODULUS = $modulus
CHECK_CHARS = $check_chars  # CHECK_CHARS[v] is the check character for check value v
GROUP_SIZE = $group
SEPARATOR = $sep


def clean(code):
    """`code` with every SEPARATOR and space removed, upper-cased."""
    return code.replace(SEPARATOR, "").replace(" ", "").upper()


def digits_of(code):
    """The digits of clean(`code`) as a list of ints.

    ValueError if the cleaned code is empty or holds anything but the ASCII digits 0-9.
    """
    text = clean(code)
    if not text or not all(ch in "0123456789" for ch in text):
        raise ValueError("not a numeric code: " + repr(code))
    return [int(ch) for ch in text]


def check_value(digits):
    """The check value (0 <= v < MODULUS) of the list of ints `digits`.

    Number the digits from the right, the last one being 0; digit i is multiplied by
    WEIGHTS[i % len(WEIGHTS)]. The value is MODULUS minus (the sum of the products modulo MODULUS),
    taken modulo MODULUS once more (so a sum divisible by MODULUS gives 0).
    """
    total = 0
    for i, d in enumerate(reversed(digits)):
        total += d * WEIGHTS[i % len(WEIGHTS)]
    return (MODULUS - total % MODULUS) % MODULUS


def group(text):
    """`text` cut into chunks of GROUP_SIZE characters from the left (the last one may be shorter), joined
    by SEPARATOR; "" stays ""."""
    return SEPARATOR.join(text[i:i + GROUP_SIZE] for i in range(0, len(text), GROUP_SIZE))


def with_check(code):
    """`code`'s digits followed by their check character, grouped: the form a code is printed in."""
    digits = digits_of(code)
    return group("".join(str(d) for d in digits) + CHECK_CHARS[check_value(digits)])


def is_valid(code):
    """Whether clean(`code`) is at least two characters long, all but its last character are ASCII
    digits, and its last character is the check character of those digits. Never raises."""
    text = clean(code)
    if len(text) < 2 or not all(ch in "0123456789" for ch in text[:-1]):
        return False
    return CHECK_CHARS[check_value([int(ch) for ch in text[:-1]])] == text[-1]
'''


def _checksum_constants(rng: random.Random) -> dict:
    modulus = rng.choice([7, 9, 10, 11, 13])
    extra = "".join(rng.sample("XKPRZ", max(0, modulus - 10)))
    return {"weights": [rng.randint(1, 9) for _ in range(rng.randint(2, 5))], "modulus": modulus,
            "check_chars": "0123456789"[:modulus] + extra, "group": rng.randint(3, 5), "sep": rng.choice("-./")}


def _checksum_cases(rng: random.Random, k: dict) -> list[Case]:
    sep = k["sep"]

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    cases: list[Case] = [
        ("clean", (f"12{sep}34 5a",)), ("clean", ("",)), ("digits_of", (f"0{sep}12 3",)), ("digits_of", ("",)),
        ("digits_of", ("12x4",)), ("digits_of", (sep * 3,)), ("check_value", ([],)), ("check_value", ([0, 0, 0],)),
        ("check_value", ([9],)), ("check_value", ([1, 2, 3, 4, 5, 6, 7, 8],)), ("group", ("",)),
        ("group", ("1234567890",)), ("group", ("12",)), ("with_check", ("0",)), ("with_check", ("",)),
        ("is_valid", ("",)), ("is_valid", ("7",)), ("is_valid", ("ab",)),
    ]
    for i in range(14):
        raw = digits(rng.randint(1, 12))
        fn = ("check_value", "with_check", "is_valid", "is_valid", "group", "check_value", "with_check")[i % 7]
        if fn == "check_value":
            cases.append((fn, ([int(c) for c in raw],)))
        elif fn == "with_check":
            cases.append((fn, (sep.join(raw[j:j + 4] for j in range(0, len(raw), 4)),)))
        elif fn == "group":
            cases.append((fn, (raw,)))
        else:  # a valid code (maybe lower-cased or spaced), or one with a digit or the check character changed
            scope: dict = {}
            exec(compile(string.Template(CHECKSUM).substitute(_render(k)), "<checksum>", "exec"), scope)
            code = scope["with_check"](raw)
            if i % 2:
                pos = rng.randrange(len(code))
                if code[pos] != sep:
                    code = code[:pos] + rng.choice(k["check_chars"].replace(code[pos], "")) + code[pos + 1:]
            cases.append((fn, (code.lower() if rng.random() < 0.3 else code.replace(sep, " "),)))
    return cases


LEAGUE = '''"""A league table from match results such as "Red Lions 3-1 Tigers"."""

WIN_POINTS = $win
DRAW_POINTS = $draw
LOSS_POINTS = $loss
TIE_BREAK = $tie_break  # after points, rows compare on these fields, higher first; then by team name


def parse_result(line):
    """(home, home_goals, away_goals, away) from a line "Home H-A Away".

    The line is split into words on whitespace. Exactly one word must be a score: ASCII digits, a
    hyphen, ASCII digits. The words before it (at least one) joined by single spaces are the home team,
    the words after it (at least one) the away team. Anything else raises ValueError.
    """
    words = line.split()
    scores = [i for i, word in enumerate(words) if is_score(word)]
    if len(scores) != 1 or scores[0] == 0 or scores[0] == len(words) - 1:
        raise ValueError("not a result: " + repr(line))
    i = scores[0]
    home_goals, away_goals = words[i].split("-")
    return (" ".join(words[:i]), int(home_goals), int(away_goals), " ".join(words[i + 1:]))


def is_score(word):
    """Whether `word` is ASCII digits, one hyphen, ASCII digits (both parts non-empty)."""
    left, hyphen, right = word.partition("-")
    return hyphen == "-" and all(part and all(ch in "0123456789" for ch in part) for part in (left, right))


def points(goals_for, goals_against):
    """Points a team earns for one match: WIN_POINTS, DRAW_POINTS or LOSS_POINTS."""
    if goals_for > goals_against:
        return WIN_POINTS
    if goals_for == goals_against:
        return DRAW_POINTS
    return LOSS_POINTS


def standings(lines):
    """The table for the result `lines` (blank lines and lines starting with "#" after leading
    whitespace are skipped), as a list of dicts, one per team, with the keys team, played, won, drawn,
    lost, goals_for, goals_against, goal_difference (for minus against) and points.

    Rows are sorted by points, then by each field of TIE_BREAK in turn, all higher first, then by
    team name in ascending (plain string) order.
    """
    rows = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        home, home_goals, away_goals, away = parse_result(line)
        for team, scored, conceded in ((home, home_goals, away_goals), (away, away_goals, home_goals)):
            row = rows.setdefault(team, {"team": team, "played": 0, "won": 0, "drawn": 0, "lost": 0,
                                         "goals_for": 0, "goals_against": 0, "goal_difference": 0, "points": 0})
            row["played"] += 1
            if scored > conceded:
                row["won"] += 1
            elif scored == conceded:
                row["drawn"] += 1
            else:
                row["lost"] += 1
            row["goals_for"] += scored
            row["goals_against"] += conceded
            row["goal_difference"] = row["goals_for"] - row["goals_against"]
            row["points"] += points(scored, conceded)
    return sorted(rows.values(), key=lambda row: ([-row["points"]] + [-row[f] for f in TIE_BREAK], row["team"]))


def format_table(rows):
    """The rows (as standings returns them) as text, one line per row, each ending in a newline.

    A line is: the position (1, 2, ...) right-aligned in 2 characters, ". ", the team name left-aligned
    and padded with spaces to the longest name's length, then played, won, drawn and lost each
    right-aligned in 3 characters, then a space, goals_for, ":", goals_against, and finally points
    right-aligned in 4 characters: with "Lions" the longest name, " 1. Lions  2  2  0  0 5:1   6\\n".
    No rows -> "".
    """
    width = max((len(row["team"]) for row in rows), default=0)
    out = []
    for pos, row in enumerate(rows, 1):
        counts = "".join(str(row[f]).rjust(3) for f in ("played", "won", "drawn", "lost"))
        out.append(str(pos).rjust(2) + ". " + row["team"].ljust(width) + counts + " " + str(row["goals_for"])
                   + ":" + str(row["goals_against"]) + str(row["points"]).rjust(4) + "\\n")
    return "".join(out)
'''


def _league_constants(rng: random.Random) -> dict:
    win = rng.choice([2, 3, 3, 4])
    return {"win": win, "draw": rng.randint(1, win - 1), "loss": 0,
            "tie_break": rng.choice([("goal_difference", "goals_for"), ("goals_for", "goal_difference"), ("won",),
                                     ("goal_difference",), ("goals_for", "won")])}


TEAMS = ["Lions", "Tigers", "Red Sox", "Blue Birds", "Otters", "Hawks", "Old Boys FC", "Rovers"]


def _league_cases(rng: random.Random, k: dict) -> list[Case]:
    def result() -> str:
        home, away = rng.sample(TEAMS, 2)
        return f"{home} {rng.randint(0, 4)}-{rng.randint(0, 4)} {away}"

    cases: list[Case] = [
        ("parse_result", ("Lions 3-1 Tigers",)), ("parse_result", ("  Red  Sox 0-0   Old Boys FC ",)),
        ("parse_result", ("Lions 3-1",)), ("parse_result", ("3-1 Tigers",)), ("parse_result", ("A 1-1 B 2-2 C",)),
        ("parse_result", ("Lions 3:1 Tigers",)), ("is_score", ("10-2",)), ("is_score", ("-2",)),
        ("is_score", ("1-2-3",)), ("is_score", ("a-1",)), ("points", (2, 1)), ("points", (0, 0)), ("points", (0, 5)),
        ("standings", ([],)), ("standings", (["# comment", "", "A 1-0 B", "  # also skipped"],)),
        ("standings", (["B 1-1 A"],)), ("format_table", ([],)),
    ]
    scope: dict = {}
    exec(compile(string.Template(LEAGUE).substitute(_render(k)), "<league>", "exec"), scope)
    for i in range(12):
        lines = [result() for _ in range(rng.randint(2, 9))]
        if i % 3 == 2:
            cases.append(("format_table", (scope["standings"](lines),)))
        else:
            cases.append(("standings", (lines,)))
    cases.append(("parse_result", (result(),)))
    return cases


MODULES = [
    Module("pricing", ("pricing", "shop_pricing", "checkout"), PRICING, _pricing_constants,
           ("line_total", "coupon_discount", "shipping", "tax", "order_total", "format_cents"), _pricing_cases),
    Module("life", ("life", "automaton", "cellgrid"), LIFE, _life_constants,
           ("parse", "render", "live_neighbours", "step", "run", "population"), _life_cases),
    Module("checksum", ("checkcode", "account_codes", "checkdigit"), CHECKSUM, _checksum_constants,
           ("clean", "digits_of", "check_value", "group", "with_check", "is_valid"), _checksum_cases),
    Module("league", ("league", "standings_table", "fixtures"), LEAGUE, _league_constants,
           ("parse_result", "is_score", "points", "standings", "format_table"), _league_cases),
]


def _render(consts: dict) -> dict:
    return {k: repr(v) for k, v in consts.items()}


def _hollow(source: str, target: str) -> tuple[str, int]:
    """`source` with `target`'s body (after its docstring) replaced by `raise NotImplementedError`, and how
    many lines were removed."""
    fn = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == target)
    lines = source.splitlines(keepends=True)
    first, last = fn.body[1].lineno - 1, fn.end_lineno
    return "".join([*lines[:first], "    raise NotImplementedError\n", *lines[last:]]), last - first


def _make(rng: random.Random, seed: int) -> Instance:
    module = rng.choice(MODULES)
    consts = module.constants(rng)
    target = rng.choice(module.targets)
    file = rng.choice(module.files)
    source = string.Template(module.template).substitute(_render(consts))
    scope: dict = {"__name__": file}
    exec(compile(source, f"<{file}>", "exec"), scope)  # the reference computes every expected value
    values, raises = [], []
    for fn, args in module.cases(rng, consts):
        try:
            values.append((fn, args, scope[fn](*args)))
        except Exception as e:
            assert type(e).__name__ in dir(builtins), e
            raises.append((fn, args, type(e).__name__))
    workspace, removed = _hollow(source, target)
    rows = "\n".join(f"    ({fn!r}, {args!r}, {want!r})," for fn, args, want in values)
    bad = "\n".join(f"    ({fn!r}, {args!r}, {exc})," for fn, args, exc in raises)
    tests = (f"import pytest\n\nimport {file}\n\nCASES = [\n{rows}\n]\n\nRAISES = [\n{bad}\n]\n\n\n"
             "@pytest.mark.parametrize('name,args,want', CASES)\n"
             f"def test_returns(name, args, want):\n    assert getattr({file}, name)(*args) == want\n\n\n"
             "@pytest.mark.parametrize('name,args,error', RAISES)\n"
             f"def test_raises(name, args, error):\n    with pytest.raises(error):\n"
             f"        getattr({file}, name)(*args)\n")
    if not raises:
        tests = tests.split("\n\n\n@pytest.mark.parametrize('name,args,error'")[0] + "\n"
    prompt = (f"`{file}.py` is a working module except for one function: `{target}` has lost its body and "
              f"now raises `NotImplementedError`. Implement `{target}` so that it does what its docstring "
              "says, consistently with how the rest of the module uses it. Keep its signature, and don't "
              "change the other functions or the module's constants.\n")
    n_funcs = sum(isinstance(n, ast.FunctionDef) for n in ast.parse(source).body)
    return Instance(
        family="py-fill-function", seed=seed, language="python", kind="completion", prompt=prompt,
        workspace={f"{file}.py": workspace}, tests={f"test_{file}.py": tests}, solution={f"{file}.py": source},
        expected_tests=len(values) + len(raises),
        knobs={"module": module.name, "target": target, "functions": n_funcs, "removed_lines": removed},
        tags=(),
    )


FAMILIES = [Family(
    name="py-fill-function", language="python", kind="completion",
    description="a working module (pricing, life-like automaton, check digits, league table) with seed-drawn "
                "constants and one function body removed",
    knobs={"module": "which module of the pool the task is built on",
           "target": "the function whose body is removed",
           "functions": "how many functions the module has",
           "removed_lines": "how many lines of body were removed: more lines, more to rebuild"},
    make=_make,
    version=2,  # 2: no guessed difficulty tag (runner/difficulty.py measures it)
)]
