import pytest

from roman import from_roman, to_roman


def test_simple():
    assert [to_roman(n) for n in (1, 2, 3, 5, 10)] == ["I", "II", "III", "V", "X"]


def test_subtractive():
    assert [to_roman(n) for n in (4, 9, 40, 90, 400, 900)] == ["IV", "IX", "XL", "XC", "CD", "CM"]


def test_large():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3999) == "MMMCMXCIX"


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_out_of_range(n):
    with pytest.raises(ValueError):
        to_roman(n)


def test_round_trip():
    assert all(from_roman(to_roman(n)) == n for n in range(1, 4000))


@pytest.mark.parametrize("s", ["IIII", "IC", "VX", "", "ABC", "iv"])
def test_invalid(s):
    with pytest.raises(ValueError):
        from_roman(s)
