def merge(intervals):
    raise NotImplementedError


def subtract(intervals, removed):
    raise NotImplementedError


def total_length(intervals):
    raise NotImplementedError
