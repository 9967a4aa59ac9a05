from slug import slugify


def test_basic():
    assert slugify("Hello, World!") == "hello-world"


def test_accents():
    assert slugify("  Crème brûlée  ") == "creme-brulee"
    assert slugify("Ünïcödé 2024") == "unicode-2024"


def test_runs_collapse():
    assert slugify("a--b__c  d") == "a-b-c-d"


def test_empty_and_symbols():
    assert slugify("") == ""
    assert slugify("!!!") == ""


def test_max_length_cuts_at_word():
    assert slugify("hello world foo", max_length=11) == "hello-world"
    assert slugify("hello world foo", max_length=8) == "hello"


def test_max_length_long_first_word():
    assert slugify("hello", max_length=3) == "hel"


def test_max_length_not_reached():
    assert slugify("hello world", max_length=50) == "hello-world"
