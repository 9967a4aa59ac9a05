import datetime as dt

from calendar_utils import add_months, days_between, month_bounds

D = dt.date


def test_month_bounds():
    assert month_bounds(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert month_bounds(2023, 2) == (D(2023, 2, 1), D(2023, 2, 28))


def test_month_bounds_december():
    assert month_bounds(2024, 12) == (D(2024, 12, 1), D(2024, 12, 31))


def test_add_months_simple():
    assert add_months(D(2024, 1, 15), 1) == D(2024, 2, 15)
    assert add_months(D(2024, 11, 15), 1) == D(2024, 12, 15)


def test_add_months_year_carry():
    assert add_months(D(2024, 12, 15), 1) == D(2025, 1, 15)
    assert add_months(D(2024, 1, 15), -1) == D(2023, 12, 15)
    assert add_months(D(2024, 3, 10), -15) == D(2022, 12, 10)


def test_add_months_clamps():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2024, 5, 31), -1) == D(2024, 4, 30)


def test_days_between():
    assert days_between(D(2024, 2, 27), D(2024, 3, 1)) == [D(2024, 2, 27), D(2024, 2, 28), D(2024, 2, 29)]
    assert days_between(D(2024, 2, 27), D(2024, 2, 28), inclusive=True) == [D(2024, 2, 27), D(2024, 2, 28)]
    assert days_between(D(2024, 3, 1), D(2024, 2, 1)) == []
    assert days_between(D(2024, 3, 1), D(2024, 3, 1), inclusive=True) == [D(2024, 3, 1)]
