import dataclasses
import inspect

import pytest

import report

LINES = ["# region, amount", "north, 10.5", "south, 3", "north, 0.25", "", "east, -1.10", "west, 3.00"]
EXPECTED = "north  10.75\nsouth  3.00\nwest   3.00\neast   -1.10\nTOTAL  15.65\n"


def test_output_unchanged():
    assert report.build_report(LINES) == EXPECTED


def test_parse_sales():
    sales = report.parse_sales(LINES)
    assert sales[0] == report.Sale("north", 1050)
    assert [s.cents for s in sales] == [1050, 300, 25, -110, 300]


def test_sale_is_frozen_dataclass():
    assert dataclasses.is_dataclass(report.Sale)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.Sale("n", 1).cents = 2


def test_exact_amounts():
    assert report.parse_sales(["x, 0.29", "x, 1.1"]) == [report.Sale("x", 29), report.Sale("x", 110)]


def test_totals_by_region():
    sales = [report.Sale("a", 5), report.Sale("b", 1), report.Sale("a", -2)]
    assert report.totals_by_region(sales) == {"a": 3, "b": 1}


def test_render():
    assert report.render({"a": 5, "bb": -250}) == "a      0.05\nbb     -2.50\nTOTAL  -2.45\n"


def test_build_report_is_a_composition():
    src = inspect.getsource(report.build_report)
    body = [ln for ln in src.splitlines()[1:] if ln.strip() and not ln.strip().startswith(("#", '"""'))]
    assert len(body) <= 5
    for name in ("parse_sales", "totals_by_region", "render"):
        assert name in src
