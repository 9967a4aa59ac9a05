import bisect
import random

from search import bisect_left, bisect_right, count_in_range


def test_left_end():
    assert bisect_left([1, 2, 3], 4) == 3
    assert bisect_left([], 1) == 0


def test_left_duplicates():
    assert bisect_left([1, 2, 2, 2, 3], 2) == 1


def test_right_duplicates():
    assert bisect_right([1, 2, 2, 2, 3], 2) == 4


def test_against_stdlib():
    rng = random.Random(7)
    for _ in range(300):
        a = sorted(rng.randint(0, 20) for _ in range(rng.randint(0, 15)))
        x = rng.randint(-1, 21)
        assert bisect_left(a, x) == bisect.bisect_left(a, x)
        assert bisect_right(a, x) == bisect.bisect_right(a, x)


def test_count_in_range():
    a = [1, 2, 2, 3, 5, 8, 8, 9]
    assert count_in_range(a, 2, 8) == 6
    assert count_in_range(a, 4, 4) == 0
    assert count_in_range(a, 0, 100) == 8
