def _pairs(intervals):
    out = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"interval ({start}, {end}) ends before it starts")
        if start < end:
            out.append((start, end))
    return sorted(out)


def merge(intervals):
    merged = []
    for start, end in _pairs(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract(intervals, removed):
    cuts = merge(removed)
    out = []
    for start, end in merge(intervals):
        for cut_start, cut_end in cuts:
            if cut_end <= start or cut_start >= end:
                continue
            if cut_start > start:
                out.append((start, cut_start))
            start = max(start, cut_end)
            if start >= end:
                break
        if start < end:
            out.append((start, end))
    return merge(out)


def total_length(intervals):
    return sum(end - start for start, end in merge(intervals))
