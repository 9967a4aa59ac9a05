import re

_MISSING = object()


def parse_path(path: str) -> list:
    """'a.b[2].c' -> ['a', 'b', 2, 'c']."""
    parts = []
    for token in path.split("."):
        m = re.fullmatch(r"([^\[\]]*)((\[\d\])*)", token)
        if not m:
            raise ValueError(f"bad path segment {token!r}")
        if m.group(1):
            parts.append(m.group(1))
        parts.extend(int(i) for i in re.findall(r"\[(\d)\]", m.group(2)))
    return parts


def get_path(obj, path: str, default=None):
    cur = obj
    for key in parse_path(path):
        try:
            cur = cur[key]
        except (KeyError, IndexError):
            return None
    return cur


def set_path(obj, path: str, value) -> None:
    """Set a value, creating missing dicts along the way (lists are never created)."""
    keys = parse_path(path)
    cur = obj
    for key in keys[:-1]:
        if key not in cur:
            cur[key] = {}
        cur = cur[key]
    cur[keys[-1]] = value
