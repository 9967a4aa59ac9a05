import pytest

from lru import LRUCache


def test_basic_get_put():
    c = LRUCache(2)
    c.put("a", 1)
    assert c.get("a") == 1
    assert c.get("zz") is None
    assert c.get("zz", 5) == 5


def test_eviction_order():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    c.put("c", 3)
    assert "b" not in c
    assert c.keys() == ["a", "c"]


def test_update_refreshes():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("a", 10)
    c.put("c", 3)
    assert c.keys() == ["a", "c"]
    assert c.get("a") == 10


def test_contains_does_not_refresh():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert "a" in c
    c.put("c", 3)
    assert "a" not in c


def test_on_evict():
    evicted = []
    c = LRUCache(1, on_evict=lambda k, v: evicted.append((k, v)))
    c.put("a", 1)
    c.put("a", 2)
    c.put("b", 3)
    assert evicted == [("a", 2)]
    assert len(c) == 1


@pytest.mark.parametrize("cap", [0, -1, 1.5, "2"])
def test_bad_capacity(cap):
    with pytest.raises(ValueError):
        LRUCache(cap)


def test_falsy_values():
    c = LRUCache(3)
    c.put("z", 0)
    assert c.get("z", 99) == 0
