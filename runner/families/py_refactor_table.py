"""Python, refactoring: several copy-pasted functions that differ only in their numbers, to be folded
into one table-driven helper behind the same public API.

The module is generated: a domain (shipping quotes per carrier, field validators, parking fees per
zone), 3-6 variants with distinct numbers drawn from the seed, and optionally one irregular variant
that lacks a clause the others have (so the table needs a "no such rule" value). The hidden tests check
behaviour on many inputs (error messages included) and structure with `ast` on the agent's file: the
table exists with the variant keys, the helper exists and matches every public function, each public
function is a one-line delegation, every per-variant number appears exactly once, and the helper does
not name any variant.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from runner.families.base import Family, Instance

Settings = dict[str, int | str | None]


@dataclass(frozen=True)
class Domain:
    name: str
    files: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]  # (key, display name)
    public: str  # public function name pattern, "{key}" is the variant key
    param: str  # the public functions' one parameter
    helpers: tuple[str, ...]  # names the helper may get
    tables: tuple[str, ...]  # names the table may get
    what: str  # "carrier", "field", "zone": what a variant is called in the prompt
    settings: Callable[[random.Random, int, bool, set[int]], Settings]  # rng, index, irregular, numbers used
    numbers: tuple[str, ...]  # which settings are per-variant numbers (None when irregular)
    original: Callable[[str, str, Settings], str]  # key, display, settings -> one duplicated function
    solution: Callable[[str, str, list[tuple[str, str, Settings]]], str]  # helper, table, variants -> code
    inputs: Callable[[random.Random, Settings], list]  # arguments to test one variant with


def _distinct(rng: random.Random, used: set[int], lo: int, hi: int, unit: int = 1) -> int:
    """A number unit * k (lo <= k <= hi) not used yet in the module, nor one a person writes anyway."""
    ks = list(range(lo, hi + 1))
    start = rng.randrange(len(ks))
    for k in ks[start:] + ks[:start]:
        if k * unit not in used and k * unit not in (0, 1, 2, 10, 60, 100, 1000):
            used.add(k * unit)
            return k * unit
    raise ValueError(f"no unused number in {lo}..{hi} (x{unit})")


# --- shipping: quote_<carrier>(weight_g) ---------------------------------------------------------

def _ship_settings(rng: random.Random, i: int, irregular: bool, used: set[int]) -> Settings:
    max_g = _distinct(rng, used, 20, 60, 500)  # the heavy surcharge must be reachable: heavy_kg < max kilograms
    return {"max_g": max_g, "base": _distinct(rng, used, 150, 1990), "per_kg": _distinct(rng, used, 40, 690),
            "heavy_kg": None if irregular else _distinct(rng, used, 3, max_g // 1000 - 1),
            "surcharge": None if irregular else _distinct(rng, used, 300, 2500)}


def _ship_original(key: str, name: str, s: Settings) -> str:
    extra = "" if s["heavy_kg"] is None else f"    if kilos > {s['heavy_kg']}:\n        price += {s['surcharge']}\n"
    return (f'def quote_{key}(weight_g):\n    """Price in cents to ship a parcel of `weight_g` grams by {name}."""\n'
            f'    if weight_g <= 0:\n        raise ValueError("{name}: weight must be positive")\n'
            f'    if weight_g > {s["max_g"]}:\n        raise ValueError("{name}: too heavy (max {s["max_g"]} g)")\n'
            f"    kilos = -(-weight_g // 1000)  # every started kilogram counts\n"
            f"    price = {s['base']} + {s['per_kg']} * kilos\n{extra}    return price\n")


def _ship_solution(helper: str, table: str, variants: list[tuple[str, str, Settings]]) -> str:
    rows = "\n".join(f'    "{k}": ("{n}", {s["max_g"]}, {s["base"]}, {s["per_kg"]}, {s["heavy_kg"]}, {s["surcharge"]}),'
                     for k, n, s in variants)
    return (f"# carrier -> (name, max grams, base cents, cents per started kg, heavy from kg, heavy surcharge);\n"
            f"# a carrier without a heavy surcharge has None for both.\n{table} = {{\n{rows}\n}}\n\n\n"
            f'def {helper}(carrier, weight_g):\n'
            f'    """Price in cents to ship `weight_g` grams with `carrier`, a key of {table}."""\n'
            f"    name, max_g, base, per_kg, heavy_kg, surcharge = {table}[carrier]\n"
            f'    if weight_g <= 0:\n        raise ValueError(f"{{name}}: weight must be positive")\n'
            f'    if weight_g > max_g:\n        raise ValueError(f"{{name}}: too heavy (max {{max_g}} g)")\n'
            f"    kilos = -(-weight_g // 1000)  # every started kilogram counts\n"
            f"    price = base + per_kg * kilos\n"
            f"    if heavy_kg is not None and kilos > heavy_kg:\n        price += surcharge\n    return price\n")


def _ship_inputs(rng: random.Random, s: Settings) -> list:
    m = int(s["max_g"])
    heavy = [] if s["heavy_kg"] is None else [int(s["heavy_kg"]) * 1000, int(s["heavy_kg"]) * 1000 + 1]
    return [(w,) for w in [0, -5, 1, 999, 1000, 1001, m, m + 1, *heavy, rng.randint(1, m), rng.randint(1, m)]]


# --- validators: check_<field>(value) -> error message or None -------------------------------------

EXTRA_CHARS = ["_", "_.", "-", "-_", " -'", "", ".-", "+"]


def _field_settings(rng: random.Random, i: int, irregular: bool, used: set[int]) -> Settings:
    return {"min": _distinct(rng, used, 3, 9), "max": _distinct(rng, used, 11, 64), "extra": rng.choice(EXTRA_CHARS),
            "letter_first": 0 if irregular else 1}


def _field_original(key: str, name: str, s: Settings) -> str:
    first = (f'    if not value[0].isalpha():\n        return "{name}: must start with a letter"\n'
             if s["letter_first"] else "")
    return (f'def check_{key}(value):\n    """Why `value` is not a valid {name}, or None when it is."""\n'
            f"    value = value.strip()\n"
            f'    if len(value) < {s["min"]}:\n        return "{name}: at least {s["min"]} characters"\n'
            f'    if len(value) > {s["max"]}:\n        return "{name}: at most {s["max"]} characters"\n{first}'
            f"    for ch in value:\n        if not (ch.isascii() and ch.isalnum()) and ch not in {s['extra']!r}:\n"
            f'            return "{name}: " + repr(ch) + " is not allowed"\n    return None\n')


def _field_solution(helper: str, table: str, variants: list[tuple[str, str, Settings]]) -> str:
    rows = "\n".join(f'    "{k}": ("{n}", {s["min"]}, {s["max"]}, {s["extra"]!r}, {bool(s["letter_first"])}),'
                     for k, n, s in variants)
    return (f"# field -> (name, min length, max length, allowed non-alphanumeric characters, must start with a "
            f"letter)\n{table} = {{\n{rows}\n}}\n\n\n"
            f'def {helper}(field, value):\n'
            f'    """Why `value` is not valid for `field` (a key of {table}), or None."""\n'
            f"    name, min_len, max_len, extra, letter_first = {table}[field]\n"
            f"    value = value.strip()\n"
            f'    if len(value) < min_len:\n        return f"{{name}}: at least {{min_len}} characters"\n'
            f'    if len(value) > max_len:\n        return f"{{name}}: at most {{max_len}} characters"\n'
            f'    if letter_first and not value[0].isalpha():\n        return f"{{name}}: must start with a letter"\n'
            f"    for ch in value:\n        if not (ch.isascii() and ch.isalnum()) and ch not in extra:\n"
            f'            return f"{{name}}: {{ch!r}} is not allowed"\n    return None\n')


def _field_inputs(rng: random.Random, s: Settings) -> list:
    lo, hi = int(s["min"]), int(s["max"])
    pool = "abcxyzQ0179_.-+ '"

    def word(n: int) -> str:
        return "".join(rng.choice(pool) for _ in range(n))

    out = ["", "  ", "a" * (lo - 1), "a" * lo, "b" * hi, "c" * (hi + 1), f"  {'d' * lo}  ", "9" + "e" * lo,
           "_" + "f" * lo, "ab~" + "g" * lo, "ok" + str(s["extra"])[:1] + "h" * lo, "bad!" + "i" * lo]
    out += [word(rng.randint(lo - 1, hi + 1)) for _ in range(3)]
    return [(v,) for v in out]


# --- parking: fee_<zone>(minutes) -------------------------------------------------------------------

def _park_settings(rng: random.Random, i: int, irregular: bool, used: set[int]) -> Settings:
    max_min, rate = _distinct(rng, used, 6, 80, 60), _distinct(rng, used, 7, 90, 10)
    # the cap must bite before the longest stay, and above two hours' fee
    cap = None if irregular else _distinct(rng, used, 2 * rate // 10 + 1, (max_min // 60 - 1) * rate // 10, 10)
    return {"max_min": max_min, "free": _distinct(rng, used, 5, 45), "rate": rate, "cap": cap}


def _park_original(key: str, name: str, s: Settings) -> str:
    fee = "hours * {rate}" if s["cap"] is None else "min(hours * {rate}, {cap})"
    return (f'def fee_{key}(minutes):\n    """Parking fee in cents for a stay of `minutes` in the {name} car park."""\n'
            f'    if minutes < 0:\n        raise ValueError("{name}: negative duration")\n'
            f'    if minutes > {s["max_min"]}:\n        raise ValueError("{name}: stays are limited to '
            f'{s["max_min"]} minutes")\n'
            f"    if minutes <= {s['free']}:\n        return 0\n"
            f"    hours = -(-minutes // 60)  # every started hour counts\n"
            f"    return {fee.format(**s)}\n")


def _park_solution(helper: str, table: str, variants: list[tuple[str, str, Settings]]) -> str:
    rows = "\n".join(f'    "{k}": ("{n}", {s["max_min"]}, {s["free"]}, {s["rate"]}, {s["cap"]}),'
                     for k, n, s in variants)
    return (f"# zone -> (name, longest stay in minutes, free minutes, cents per started hour, most a stay costs or "
            f"None)\n{table} = {{\n{rows}\n}}\n\n\n"
            f'def {helper}(zone, minutes):\n    """Parking fee in cents for `minutes` in `zone`, a key of {table}."""\n'
            f"    name, max_minutes, free, rate, cap = {table}[zone]\n"
            f'    if minutes < 0:\n        raise ValueError(f"{{name}}: negative duration")\n'
            f'    if minutes > max_minutes:\n        raise ValueError(f"{{name}}: stays are limited to '
            f'{{max_minutes}} minutes")\n'
            f"    if minutes <= free:\n        return 0\n"
            f"    hours = -(-minutes // 60)  # every started hour counts\n"
            f"    return hours * rate if cap is None else min(hours * rate, cap)\n")


def _park_inputs(rng: random.Random, s: Settings) -> list:
    m, f = int(s["max_min"]), int(s["free"])
    return [(v,) for v in [-1, 0, f, f + 1, 60, 61, 600, m, m + 1, rng.randint(0, m), rng.randint(0, m)]]


DOMAINS = [
    Domain("shipping", ("shipping", "carriers", "parcel_rates"),
           (("express", "Express"), ("economy", "Economy"), ("overnight", "Overnight"), ("freight", "Freight"),
            ("courier", "Courier"), ("standard", "Standard Post"), ("priority", "Priority"), ("bike", "Bike Courier")),
           "quote_{key}", "weight_g", ("quote", "shipping_quote", "price_parcel"), ("CARRIERS", "RATES", "TARIFFS"),
           "carrier", _ship_settings, ("max_g", "base", "per_kg", "heavy_kg", "surcharge"), _ship_original,
           _ship_solution, _ship_inputs),
    Domain("validators", ("validators", "form_checks", "fields"),
           (("username", "username"), ("nickname", "nickname"), ("team", "team name"), ("tag", "tag"),
            ("city", "city"), ("handle", "handle"), ("room", "room code"), ("title", "title")),
           "check_{key}", "value", ("check_field", "validate", "field_error"), ("FIELDS", "RULES", "SPECS"),
           "field", _field_settings, ("min", "max"), _field_original, _field_solution, _field_inputs),
    Domain("parking", ("parking", "car_parks", "parking_fees"),
           (("airport", "Airport"), ("center", "City Center"), ("harbour", "Harbour"), ("stadium", "Stadium"),
            ("station", "Central Station"), ("mall", "Mall"), ("campus", "Campus")),
           "fee_{key}", "minutes", ("parking_fee", "fee_for", "charge"), ("ZONES", "TARIFFS", "CAR_PARKS"),
           "zone", _park_settings, ("max_min", "free", "rate", "cap"), _park_original, _park_solution, _park_inputs),
]


HEADERS = {"shipping": "Shipping prices", "validators": "Form field checks", "parking": "Parking fees"}


def _outcome(fn: Callable, args: tuple) -> tuple:
    try:
        return ("ok", fn(*args))
    except ValueError as e:
        return ("ValueError", str(e))


def _make(rng: random.Random, seed: int) -> Instance:
    dom = rng.choice(DOMAINS)
    n = rng.randint(3, 6)
    irregular = rng.random() < 0.5
    odd = rng.randrange(n) if irregular else -1
    picked = rng.sample(dom.variants, n)
    used: set[int] = set()
    variants = [(k, name, dom.settings(rng, i, i == odd, used)) for i, (k, name) in enumerate(picked)]
    helper, table, file = rng.choice(dom.helpers), rng.choice(dom.tables), rng.choice(dom.files)
    header = f'"""{HEADERS[dom.name]}, one function per {dom.what}."""\n\n\n'
    original = header + "\n\n".join(dom.original(k, name, s) for k, name, s in variants)
    publics = [dom.public.format(key=k) for k, _, _ in variants]
    docs = {p: line.strip() for p, src in zip(publics, original.split("def ")[1:], strict=True)
            for line in src.splitlines()[1:2]}
    solution = header + dom.solution(helper, table, variants) + "".join(
        f"\n\ndef {p}({dom.param}):\n    {docs[p]}\n    return {helper}({k!r}, {dom.param})\n"
        for p, (k, _, _) in zip(publics, variants, strict=True))
    ref: dict = {}
    exec(compile(original, "<original>", "exec"), ref)
    sol: dict = {}
    exec(compile(solution, "<solution>", "exec"), sol)
    cases, per_key = [], {}
    for p, (k, _, s) in zip(publics, variants, strict=True):
        rows = []
        for args in dom.inputs(rng, s):
            want = _outcome(ref[p], args)
            assert _outcome(sol[p], args) == want == _outcome(lambda *a, k=k: sol[helper](k, *a), args), (p, args)
            rows.append((args, want))
        cases += [(p, a, w) for a, w in rows]
        per_key[k] = rows
    numbers = sorted({int(v) for _, _, s in variants for f, v in s.items() if f in dom.numbers and v is not None})
    keys = [k for k, _, _ in variants]
    public_by_key = dict(zip(keys, publics, strict=True))
    case_rows = "\n".join(f"    ({p!r}, {a!r}, {w!r})," for p, a, w in cases)
    tests = f'''import ast
import pathlib

import pytest

import {file} as mod

TREE = ast.parse(pathlib.Path(mod.__file__).read_text())
KEYS = {keys!r}
PUBLIC = {public_by_key!r}
NUMBERS = {numbers!r}
PER_KEY = {per_key!r}
CASES = [
{case_rows}
]


def outcome(fn, args):
    try:
        return ("ok", fn(*args))
    except ValueError as e:
        return ("ValueError", str(e))


def function(name):
    found = [n for n in TREE.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, f"no top-level function {{name}}"
    return found[0]


def body(fn):
    docstring = fn.body and isinstance(fn.body[0], ast.Expr) and isinstance(fn.body[0].value, ast.Constant)
    return fn.body[1:] if docstring else fn.body


@pytest.mark.parametrize("name,args,want", CASES)
def test_behaviour_unchanged(name, args, want):
    assert outcome(getattr(mod, name), args) == want


@pytest.mark.parametrize("key", KEYS)
def test_helper_serves_every_{dom.what}(key):
    for args, want in PER_KEY[key]:
        assert outcome(lambda *a: mod.{helper}(key, *a), args) == want


@pytest.mark.parametrize("key", KEYS)
def test_public_function_delegates(key):
    stmts = body(function(PUBLIC[key]))
    assert len(stmts) == 1 and isinstance(stmts[0], ast.Return), "the body must be a single return"
    call = stmts[0].value
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "{helper}"


def test_table_lists_every_{dom.what}():
    assert isinstance(mod.{table}, dict)
    assert sorted(mod.{table}) == sorted(KEYS)


def test_each_number_written_once():
    ints = [n.value for n in ast.walk(TREE) if isinstance(n, ast.Constant) and type(n.value) is int]
    assert {{v: ints.count(v) for v in NUMBERS}} == {{v: 1 for v in NUMBERS}}


def test_helper_names_no_{dom.what}():
    helper = function("{helper}")
    strings = {{n.value for n in ast.walk(helper) if isinstance(n, ast.Constant) and isinstance(n.value, str)}}
    assert not strings & set(KEYS)
'''
    listing = ", ".join(f"`{p}`" for p in publics)
    prompt = (
        f"`{file}.py` has {n} functions, {listing}, that are copies of one another with different numbers. "
        f"Refactor the module so the rules are written once:\n\n"
        f"- a module-level dict `{table}` maps each {dom.what}'s key ({', '.join(repr(k) for k in keys)}) to "
        f"that {dom.what}'s settings (in any form you like: tuple, dict, dataclass, ...);\n"
        f"- one function `{helper}({dom.what}, {dom.param})` does the work for any key of `{table}`, reading "
        f"everything {dom.what}-specific from the table (it must not mention any {dom.what} key itself);\n"
        f"- each of the existing functions keeps its name, signature and docstring, and its body becomes a "
        f"single `return {helper}(\"<key>\", {dom.param})`.\n\n"
        f"Behaviour must not change for any input, error messages included. Every {dom.what}-specific number "
        f"must appear exactly once in the module (as a literal in `{table}`).\n")
    return Instance(
        family="py-refactor-table", seed=seed, language="python", kind="refactoring", prompt=prompt,
        workspace={f"{file}.py": original}, tests={f"test_{file}.py": tests}, solution={f"{file}.py": solution},
        expected_tests=len(cases) + 2 * n + 3,
        knobs={"domain": dom.name, "variants": n, "irregular": int(irregular)},
        tags=(),
    )


FAMILIES = [Family(
    name="py-refactor-table", language="python", kind="refactoring",
    description="3-6 copy-pasted functions differing in numbers (shipping, validators, parking) folded into one "
                "table-driven helper with the same public API",
    knobs={"domain": "what the duplicated functions compute (shipping, validators, parking)",
           "variants": "how many near-identical functions there are (3-6)",
           "irregular": "1 when one variant lacks a clause the others have, so the table needs a 'none' value"},
    make=_make,
    version=2,  # 2: no guessed difficulty tag (runner/difficulty.py measures it)
)]
