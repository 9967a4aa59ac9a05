import random

import pytest

from semver import Version

SPEC_ORDER = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
              "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]


def test_spec_order():
    shuffled = SPEC_ORDER[:]
    random.Random(3).shuffle(shuffled)
    assert [str(v) for v in sorted(Version.parse(s) for s in shuffled)] == SPEC_ORDER


def test_numeric_core():
    assert Version.parse("1.10.0") > Version.parse("1.9.0")


def test_build_ignored():
    assert Version.parse("1.0.0+build.1") == Version.parse("1.0.0+other")
    assert str(Version.parse("1.0.0-rc.1+exp.sha.5114f85")) == "1.0.0-rc.1+exp.sha.5114f85"


def test_numeric_below_alpha():
    assert Version.parse("1.0.0-1") < Version.parse("1.0.0-a")
    assert Version.parse("1.0.0-Z") < Version.parse("1.0.0-a")


@pytest.mark.parametrize("text", ["1.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b",
                                  "1.0.0-a_b", "v1.0.0", "1.0.0 ", ""])
def test_invalid(text):
    with pytest.raises(ValueError):
        Version.parse(text)


def test_hyphen_identifiers():
    assert str(Version.parse("1.0.0-x-y-z.--")) == "1.0.0-x-y-z.--"
