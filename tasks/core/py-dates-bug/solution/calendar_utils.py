import calendar
import datetime as dt


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of the month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day n months later (n may be negative), clamped to the month's last day."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def days_between(start: dt.date, end: dt.date, inclusive: bool = False) -> list[dt.date]:
    """The dates from start up to end (end included only if inclusive); empty if end < start."""
    days = []
    cur = start
    while cur < end or (inclusive and cur == end):
        days.append(cur)
        cur += dt.timedelta(days=1)
    return days
