import pytest

from paths import get_path, parse_path, set_path

DATA = {"users": [{"name": "ann", "tags": ["a", "b"]}] * 12 + [{"name": "bob", "tags": []}], "n": 0}


def test_parse():
    assert parse_path("a.b[2].c") == ["a", "b", 2, "c"]


def test_parse_multi_digit():
    assert parse_path("users[12].tags[0]") == ["users", 12, "tags", 0]


def test_get():
    assert get_path(DATA, "users[0].tags[1]") == "b"
    assert get_path(DATA, "users[12].name") == "bob"


def test_get_default():
    assert get_path(DATA, "users[40].name", default="?") == "?"
    assert get_path(DATA, "nope", default=1) == 1


def test_get_falsy_value_is_not_missing():
    assert get_path(DATA, "n", default=5) == 0


def test_get_through_scalar():
    assert get_path(DATA, "n.x", default="d") == "d"


def test_set_creates_dicts():
    obj = {}
    set_path(obj, "a.b.c", 1)
    assert obj == {"a": {"b": {"c": 1}}}


def test_set_into_list():
    obj = {"xs": [{"v": 1}, {"v": 2}]}
    set_path(obj, "xs[1].v", 20)
    assert obj == {"xs": [{"v": 1}, {"v": 20}]}


def test_set_list_index_missing():
    with pytest.raises(IndexError):
        set_path({"xs": []}, "xs[3].v", 1)
