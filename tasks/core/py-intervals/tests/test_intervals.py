import pytest

from intervals import merge, subtract, total_length


def test_merge_overlap_and_touch():
    assert merge([(5, 7), (1, 3), (2, 4), (4, 5)]) == [(1, 7)]


def test_merge_keeps_gaps():
    assert merge([(1, 2), (3, 4)]) == [(1, 2), (3, 4)]


def test_merge_drops_empty_and_accepts_lists():
    data = [[3, 3], [0, 1]]
    assert merge(data) == [(0, 1)]
    assert data == [[3, 3], [0, 1]]


def test_subtract():
    assert subtract([(0, 10)], [(2, 3), (5, 7)]) == [(0, 2), (3, 5), (7, 10)]


def test_subtract_edges_and_cover():
    assert subtract([(0, 10)], [(0, 2), (8, 12)]) == [(2, 8)]
    assert subtract([(0, 5), (6, 9)], [(-1, 20)]) == []
    assert subtract([(0, 5)], []) == [(0, 5)]


def test_total_length():
    assert total_length([(0, 4), (2, 6), (10, 11)]) == 7
    assert total_length([]) == 0


@pytest.mark.parametrize("fn", [merge, total_length, lambda ivs: subtract(ivs, [])])
def test_invalid(fn):
    with pytest.raises(ValueError):
        fn([(3, 1)])


def test_invalid_removed():
    with pytest.raises(ValueError):
        subtract([(0, 1)], [(5, 2)])
