def bisect_left(a, x, lo=0, hi=None):
    """Index of the first element of sorted `a` (within lo:hi) that is >= x."""
    if hi is None:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(a, x, lo=0, hi=None):
    """Index just past the last element of sorted `a` (within lo:hi) that is <= x."""
    if hi is None:
        hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_in_range(a, low, high):
    """How many elements of sorted `a` satisfy low <= v <= high."""
    return bisect_right(a, high) - bisect_left(a, low)
