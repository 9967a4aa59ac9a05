"""Python, generation: a parser for a randomly generated line-based record format.

Each seed draws a schema (3-6 fields, each an int, a string, a boolean or a list of ints, required or
optional with a default) and a concrete syntax (field separator, key/value separator, list separator,
boolean words, comment marker). The prompt specifies the format in words and a table; the hidden tests
are property style: many generated valid lines (shuffled field order, random spacing, optional fields
left out, boolean words in any case) and generated invalid lines of every kind, with expected results
computed by the reference parser in-process.
"""

from __future__ import annotations

import random

from runner.families.base import Family, Instance

NAMES = ["id", "name", "qty", "price", "tags", "active", "owner", "zone", "level", "color", "weight", "scores",
         "note", "code", "rank", "visible", "ports", "label"]
WORDS = ["red", "blue", "north", "ana", "bo", "x1", "hello world", "a-b", "", "Q"]
BOOLS = [("yes", "no"), ("true", "false"), ("on", "off"), ("y", "n"), ("1", "0")]
KINDS = {"int": "integer", "str": "string", "bool": "boolean", "intlist": "list of integers"}

REFERENCE = '''"""Parser for the record format described in the task."""

SCHEMA = {schema}  # key -> (kind, required, default)
SEP = {sep!r}
KV = {kv!r}
LIST_SEP = {lsep!r}
TRUE_WORD = {true!r}
FALSE_WORD = {false!r}
COMMENT = {comment!r}


def _int(text):
    digits = text[1:] if text.startswith("-") else text
    if not digits or not all(ch in "0123456789" for ch in digits):
        raise ValueError(f"not an integer: {{text!r}}")
    return int(text)


def _value(kind, text):
    if kind == "int":
        return _int(text)
    if kind == "str":
        return text
    if kind == "bool":
        if text.lower() == TRUE_WORD:
            return True
        if text.lower() == FALSE_WORD:
            return False
        raise ValueError(f"not a boolean: {{text!r}}")
    if not text:
        return []
    return [_int(item.strip()) for item in text.split(LIST_SEP)]


def parse_record(line):
    out = {{}}
    for part in line.split(SEP):
        if not part.strip():
            continue
        if KV not in part:
            raise ValueError(f"no {{KV!r}} in {{part!r}}")
        key, value = part.split(KV, 1)
        key, value = key.strip(), value.strip()
        if key not in SCHEMA:
            raise ValueError(f"unknown key {{key!r}}")
        if key in out:
            raise ValueError(f"duplicate key {{key!r}}")
        out[key] = _value(SCHEMA[key][0], value)
    for key, (kind, required, default) in SCHEMA.items():
        if key not in out:
            if required:
                raise ValueError(f"missing key {{key!r}}")
            out[key] = list(default) if kind == "intlist" else default
    return out


def parse_records(text):
    records = []
    for number, line in enumerate(text.split("\\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(COMMENT):
            continue
        try:
            records.append(parse_record(line))
        except ValueError as e:
            raise ValueError(f"line {{number}}: {{e}}") from None
    return records
'''


def _make(rng: random.Random, seed: int) -> Instance:
    n_fields = rng.randint(3, 6)
    names = rng.sample(NAMES, n_fields)
    kinds = ["int", "str", rng.choice(["bool", "intlist"])] + [rng.choice(sorted(KINDS)) for _ in range(n_fields - 3)]
    rng.shuffle(kinds)
    sep = rng.choice([";", "|", "&", ","])
    kv = rng.choice(["=", ":", "=>"])
    lsep = rng.choice([c for c in [",", "+", "/"] if c != sep])
    true, false = rng.choice(BOOLS)
    comment = rng.choice(["#", "%", "!"])
    schema: dict[str, tuple] = {}
    for name, kind in zip(names, kinds, strict=True):
        required = rng.random() < 0.5
        default = None if required else {
            "int": rng.randint(-5, 100), "str": rng.choice(["", "none", "n/a", "?"]), "bool": rng.random() < 0.5,
            "intlist": []}[kind]
        schema[name] = (kind, required, default)
    if all(req for _, req, _ in schema.values()):  # at least one optional field, so defaults are exercised
        k = names[rng.randrange(n_fields)]
        schema[k] = (schema[k][0], False, [] if schema[k][0] == "intlist" else
                     {"int": 0, "str": "", "bool": False}[schema[k][0]])
    source = REFERENCE.format(schema=repr(schema), sep=sep, kv=kv, lsep=lsep, true=true, false=false,
                              comment=comment)
    ref: dict = {}
    exec(compile(source, "<records>", "exec"), ref)

    def text_of(kind: str) -> str:
        if kind == "int":
            return str(rng.randint(-300, 300)) if rng.random() < 0.8 else "00" + str(rng.randint(0, 9))
        if kind == "str":
            return rng.choice([*WORDS, kv.join(["k", "v"])])  # a string may hold the key/value separator
        if kind == "bool":
            word = rng.choice([true, false])
            return rng.choice([word, word.upper(), word.capitalize()])
        return lsep.join(rng.choice(["", " "]) + str(rng.randint(-9, 99)) for _ in range(rng.randint(0, 4)))

    def pad(tabs: bool = True) -> str:
        return rng.choice(["", "", " ", "  ", "\t" if tabs else " "])

    def line(fields: dict[str, str], trailing: bool = False, tabs: bool = True) -> str:
        keys = list(fields)
        rng.shuffle(keys)
        parts = [f"{pad(tabs)}{k}{pad(tabs)}{kv}{pad(tabs)}{fields[k]}{pad(tabs)}" for k in keys]
        return sep.join(parts) + (sep + pad() if trailing else "")

    def valid_fields(keep_optional: float) -> dict[str, str]:
        return {k: text_of(kind) for k, (kind, req, _) in schema.items() if req or rng.random() < keep_optional}

    valid = [line({k: text_of(kind) for k, (kind, _, _) in schema.items()})]  # every field given
    valid.append(line(valid_fields(0.0)))  # only the required ones
    valid.append(line(valid_fields(0.5), trailing=True))
    for _ in range(15):
        valid.append(line(valid_fields(0.6), trailing=rng.random() < 0.2))
    bad_int = rng.choice(["+5", "1_000", "12a", "--3", "", " 4 5", "0x1f", "1.5"])
    int_keys = [k for k, (kind, _, _) in schema.items() if kind in ("int", "intlist")]
    req_keys = [k for k, (_, req, _) in schema.items() if req]
    invalid = []
    base = valid_fields(1.0)
    invalid.append(line({**base, "bogus": "1"}))  # unknown key
    k = rng.choice(names)
    invalid.append(line(base) + sep + f"{k}{kv}{base[k]}")  # duplicate key
    invalid.append(line(base) + sep + "novalue")  # a field without the key/value separator
    if req_keys:
        missing = dict(base)
        del missing[rng.choice(req_keys)]
        invalid.append(line(missing))  # a required field missing
    ik = rng.choice(int_keys)
    bad = f"1{lsep}{bad_int}" if schema[ik][0] == "intlist" else bad_int  # "1," has an empty item
    invalid.append(line({**base, ik: bad}))  # a malformed integer
    if schema[ik][0] == "intlist":
        invalid.append(line({**base, ik: f"1{lsep}{lsep}2"}))  # an empty list item
    else:
        invalid.append(line({**base, ik: "+" + str(rng.randint(1, 9))}))
    bool_keys = [k for k, (kind, _, _) in schema.items() if kind == "bool"]
    if bool_keys:
        invalid.append(line({**base, bool_keys[0]: rng.choice(["maybe", true + false, "2"])}))
    invalid.append(line({**base, names[0].upper() if names[0].upper() != names[0] else "X" + names[0]: "1"}))

    valid_cases = [(ln, ref["parse_record"](ln)) for ln in valid]
    for ln in invalid:
        try:
            ref["parse_record"](ln)
        except ValueError:
            continue
        raise AssertionError(f"invalid line parses: {ln!r}")
    doc_lines = [rng.choice(["", "   ", f"{comment} a comment", f"  {comment}{sep}{kv}"]) for _ in range(3)]
    text_ok = "\n".join(doc_lines[:1] + valid[3:6] + doc_lines[1:2] + valid[6:8] + doc_lines[2:])
    bad_text_lines = [valid[8], f"{comment} note", valid[9], "", invalid[0], valid[10]]
    bad_text = "\n".join(bad_text_lines)
    records_ok = ref["parse_records"](text_ok)
    fresh = [k for k, (kind, req, _) in schema.items() if kind == "intlist" and not req]

    tests = (
        "import pytest\n\nfrom {module} import parse_record, parse_records\n\n"
        "VALID = [\n" + "".join(f"    ({ln!r}, {want!r}),\n" for ln, want in valid_cases) + "]\n\n"
        "INVALID = [\n" + "".join(f"    {ln!r},\n" for ln in invalid) + "]\n\n\n"
        "@pytest.mark.parametrize('line,want', VALID)\n"
        "def test_valid_record(line, want):\n    assert parse_record(line) == want\n\n\n"
        "@pytest.mark.parametrize('line', INVALID)\n"
        "def test_invalid_record(line):\n    with pytest.raises(ValueError):\n        parse_record(line)\n\n\n"
        f"def test_records_skip_blank_and_comment_lines():\n"
        f"    assert parse_records({text_ok!r}) == {records_ok!r}\n\n\n"
        f"def test_records_empty_text():\n    assert parse_records('') == []\n\n\n"
        f"def test_records_error_names_the_line():\n    with pytest.raises(ValueError, match=r'\\bline 5\\b'):\n"
        f"        parse_records({bad_text!r})\n"
    )
    if fresh:
        tests += (f"\n\ndef test_default_list_is_fresh_each_time():\n    line = {line(valid_fields(0.0))!r}\n"
                  f"    first = parse_record(line)\n    first[{fresh[0]!r}].append(1)\n"
                  f"    assert parse_record(line)[{fresh[0]!r}] == []\n")
    module = rng.choice(["records", "recfmt", "lineformat", "entries"])
    tests = tests.replace("{module}", module)

    table = "\n".join(
        f"| `{k}` | {KINDS[kind]} | {'required' if req else f'optional, default `{default!r}`'} |"
        for k, (kind, req, default) in schema.items())
    example_fields = {k: text_of(kind) for k, (kind, _, _) in schema.items()}
    example = line(example_fields, tabs=False).strip()
    kinds_used = {kind for kind, _, _ in schema.values()}
    rules = ["an **integer** is an optional `-` followed by one or more ASCII digits and nothing else (`+5`, "
             "`1_000`, `1.5`, `0x1f` and the empty string are malformed; leading zeros are fine)"]
    if "str" in kinds_used:
        rules.append("a **string** is the stripped value as it is, possibly empty")
    if "bool" in kinds_used:
        rules.append(f"a **boolean** is `{true}` (True) or `{false}` (False), compared case-insensitively")
    if "intlist" in kinds_used:
        rules.append(f"a **list of integers** is items separated by `{lsep}`, each stripped and parsed as an "
                     "integer; an empty value is the empty list, and an empty item is malformed")
    prompt = f"""Write `{module}.py` with two functions that parse a line-based record format.

`parse_record(line: str) -> dict`

- A record is one line of fields separated by `{sep}`. A field that is empty or only whitespace is
  ignored (so a trailing `{sep}` is fine).
- Each field is `key{kv}value`, split at the first `{kv}` (the value may itself contain `{kv}`); the key
  and the value are stripped of surrounding whitespace. Keys are case-sensitive.
- The fields a record may have:

| key | type | presence |
| --- | --- | --- |
{table}

- Values by type: {"; ".join(rules)}.
- The result has every key of the table: the parsed value, or the default for an optional field that is
  absent (each result gets its own list, never a shared one).
- Raise `ValueError` for a field without `{kv}`, a key not in the table, a key given twice, a missing
  required field, or a malformed value.

Example: `{example}` parses to `{ref["parse_record"](example)!r}`.

`parse_records(text: str) -> list[dict]`: split `text` on newlines; skip blank lines and lines whose first
non-whitespace character is `{comment}`; parse every other line with `parse_record` and return the records in
order. If a line is invalid, raise `ValueError` whose message contains `line N`, where N is that line's
1-based number in `text`.
"""
    stub = ("def parse_record(line: str) -> dict:\n    raise NotImplementedError\n\n\n"
            "def parse_records(text: str) -> list[dict]:\n    raise NotImplementedError\n")
    n_tests = len(valid_cases) + len(invalid) + 3 + (1 if fresh else 0)
    return Instance(
        family="py-record-parser", seed=seed, language="python", kind="generation", prompt=prompt,
        workspace={f"{module}.py": stub}, tests={f"test_{module}.py": tests}, solution={f"{module}.py": source},
        expected_tests=n_tests,
        knobs={"fields": n_fields, "optional_fields": sum(not req for _, req, _ in schema.values()),
               "list_fields": sum(kind == "intlist" for kind, _, _ in schema.values())},
        tags=("parsing",),
    )


FAMILIES = [Family(
    name="py-record-parser", language="python", kind="generation",
    description="a parser for a random key/value record format (schema, separators, boolean words, comments) "
                "with property-style generated cases",
    knobs={"fields": "how many fields the schema has (3-6)",
           "optional_fields": "how many fields are optional with a default",
           "list_fields": "how many fields are lists of integers (the trickiest type)"},
    make=_make,
    version=2,  # 2: no guessed difficulty tag (runner/difficulty.py measures it)
)]
