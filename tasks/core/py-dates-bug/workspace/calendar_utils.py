import datetime as dt


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of the month."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return first, last


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day n months later (n may be negative), clamped to the month's last day."""
    month = d.month + n
    year = d.year + month // 12
    month = month % 12
    return dt.date(year, month, d.day)


def days_between(start: dt.date, end: dt.date, inclusive: bool = False) -> list[dt.date]:
    """The dates from start up to end (end included only if inclusive); empty if end < start."""
    days = []
    cur = start
    while cur < end:
        days.append(cur)
        cur += dt.timedelta(days=1)
    return days
