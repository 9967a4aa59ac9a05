from functools import lru_cache


def _class_end(pat: str, i: int) -> int:
    """Index of the `]` closing the class that starts at pat[i] == '[', or -1."""
    j = i + 1
    if j < len(pat) and pat[j] == "!":
        j += 1
    if j < len(pat) and pat[j] == "]":
        j += 1
    while j < len(pat) and pat[j] != "]":
        j += 1
    return j if j < len(pat) else -1


def _in_class(spec: str, ch: str) -> bool:
    negate = spec.startswith("!")
    if negate:
        spec = spec[1:]
    hit, k = False, 0
    while k < len(spec):
        if k + 2 < len(spec) and spec[k + 1] == "-":
            hit = hit or spec[k] <= ch <= spec[k + 2]
            k += 3
        else:
            hit = hit or spec[k] == ch
            k += 1
    return hit != negate


def _segment(pat: str, text: str) -> bool:
    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> bool:
        if i == len(pat):
            return j == len(text)
        c = pat[i]
        if c == "*":
            return go(i + 1, j) or (j < len(text) and go(i, j + 1))
        if j == len(text):
            return False
        if c == "?":
            return go(i + 1, j + 1)
        if c == "[":
            end = _class_end(pat, i)
            if end > 0:
                return _in_class(pat[i + 1:end], text[j]) and go(end + 1, j + 1)
        return c == text[j] and go(i + 1, j + 1)

    return go(0, 0)


def match(pattern: str, path: str) -> bool:
    pats, parts = pattern.split("/"), path.split("/")

    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> bool:
        if i == len(pats):
            return j == len(parts)
        if pats[i] == "**":
            return go(i + 1, j) or (j < len(parts) and go(i, j + 1))
        return j < len(parts) and _segment(pats[i], parts[j]) and go(i + 1, j + 1)

    return go(0, 0)
