"""Python, debugging: a small working module with one semantic mutation, reported as a symptom.

A reference module is drawn from a pool of classic routines, its identifiers renamed from the seed's
random stream, and one mutation operator (flipped comparison, off-by-one, swapped operands, wrong
boolean operator, dropped branch, negated condition) is applied at one eligible site with `ast`. The
mutant is kept only if it changes behaviour on the hidden tests: the generator runs reference and
mutant in-process on every test input (under a line budget, so a mutant that loops is refused) and,
when the chosen site is equivalent, tries the next site. The prompt shows one failing call with the
wrong and the expected result, never the line.
"""

from __future__ import annotations

import ast
import copy
import random
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass

from runner.families.base import Family, Instance

Case = tuple[str, tuple]  # (function's canonical name, positional arguments)


@dataclass(frozen=True)
class Program:
    name: str
    modules: tuple[str, ...]  # file names (without .py) the module may get
    source: str  # canonical source; docstrings name identifiers as $name
    renames: dict[str, tuple[str, ...]]  # canonical identifier -> what it may be renamed to
    cases: Callable[[random.Random], list[Case]]  # fixed edge cases, then random ones


# ----------------------------------------------------------------------------------------------
# The pool. Every top-level function is tested; the edge cases come first in each `cases`.

INTERVALS = '''
def merge_intervals(intervals):
    """Merge overlapping or touching closed intervals.

    $intervals is a list of [start, end] pairs (start <= end) in any order. Returns a new list of
    [start, end] lists sorted by start in which every two intervals that overlap or touch (the next
    start is <= the current end) have been merged into one. The input is not modified.
    """
    ordered = sorted(intervals)
    merged = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def total_covered(intervals):
    """Length of the union of $intervals, where [start, end] has length end - start."""
    total = 0
    for start, end in merge_intervals(intervals):
        total += end - start
    return total
'''


def _intervals_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("merge_intervals", ([],)), ("merge_intervals", ([[1, 3]],)), ("merge_intervals", ([[1, 3], [3, 5]],)),
        ("merge_intervals", ([[5, 6], [1, 2]],)), ("merge_intervals", ([[1, 10], [2, 3]],)),
        ("merge_intervals", ([[1, 4], [2, 6], [8, 9]],)), ("total_covered", ([[1, 3], [2, 5]],)),
        ("total_covered", ([],)), ("total_covered", ([[0, 0], [4, 4]],)),
    ]
    for i in range(14):
        spans = []
        for _ in range(rng.randint(1, 6)):
            a = rng.randint(0, 20)
            spans.append([a, a + rng.randint(0, 6)])
        cases.append(("merge_intervals" if i % 3 else "total_covered", (spans,)))
    return cases


BSEARCH = '''
def lower_bound(items, target):
    """Index of the first element of the ascending list $items that is >= $target, or len($items)."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items, target):
    """Index of the first element of the ascending list $items that is > $target, or len($items)."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_between(items, low, high):
    """How many elements x of the ascending list $items satisfy $low <= x <= $high (0 if $low > $high)."""
    if low > high:
        return 0
    return upper_bound(items, high) - lower_bound(items, low)
'''


def _bsearch_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("lower_bound", ([], 3)), ("lower_bound", ([1, 2, 2, 3], 2)), ("lower_bound", ([1, 2, 3], 0)),
        ("lower_bound", ([1, 2, 3], 5)), ("upper_bound", ([1, 2, 2, 3], 2)), ("upper_bound", ([1, 2, 3], 3)),
        ("upper_bound", ([], 0)), ("count_between", ([1, 2, 2, 3, 5], 2, 3)), ("count_between", ([1, 2], 3, 1)),
        ("count_between", ([4, 4, 4], 4, 4)),
    ]
    for i in range(15):
        items = sorted(rng.randint(0, 12) for _ in range(rng.randint(1, 10)))
        a = rng.randint(-1, 13)
        fn = ("lower_bound", "upper_bound", "count_between")[i % 3]
        cases.append((fn, (items, a, a + rng.randint(0, 5)) if fn == "count_between" else (items, a)))
    return cases


RLE = '''
def rle_encode(text):
    """Run-length encode $text (which has no digits).

    Each maximal run of one character repeated n times becomes the decimal number n followed by
    the character: "aaab" -> "3a1b", "" -> "".
    """
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        out.append(str(j - i) + text[i])
        i = j
    return ''.join(out)


def rle_decode(code):
    """Inverse of rle_encode: each count (one or more digits) repeats the character after it."""
    out = []
    count = 0
    for ch in code:
        if ch.isdigit():
            count = count * 10 + int(ch)
        else:
            out.append(ch * count)
            count = 0
    return ''.join(out)
'''


def _rle_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("rle_encode", ("",)), ("rle_encode", ("a",)), ("rle_encode", ("aaab",)), ("rle_encode", ("abc",)),
        ("rle_encode", ("x" * 12 + "yy",)), ("rle_decode", ("3a1b",)), ("rle_decode", ("12x1-",)),
        ("rle_decode", ("",)), ("rle_decode", ("1a1b1a",)),
    ]
    for i in range(14):
        text = "".join(rng.choice("aaabbc xyz") * rng.randint(1, 4) for _ in range(rng.randint(1, 6)))
        if i % 2:
            cases.append(("rle_encode", (text,)))
        else:
            runs, prev = [], None
            for ch in text:
                if runs and ch == prev:
                    runs[-1][1] += 1
                else:
                    runs.append([ch, 1])
                prev = ch
            cases.append(("rle_decode", ("".join(f"{n}{c}" for c, n in runs),)))
    return cases


BRACKETS = '''
CLOSERS = {')': '(', ']': '[', '}': '{'}


def first_unbalanced(text):
    """Index of the bracket that makes $text unbalanced, or -1 if its brackets balance.

    Brackets are ()[]{}; every other character is ignored. A closing bracket that does not match the
    most recent unclosed opening bracket (or comes when none is open) is the culprit. If the text
    ends with brackets still open, the culprit is the earliest of those still open.
    """
    stack = []
    for i, ch in enumerate(text):
        if ch in '([{':
            stack.append(i)
        elif ch in CLOSERS:
            if not stack or text[stack[-1]] != CLOSERS[ch]:
                return i
            stack.pop()
    if stack:
        return stack[0]
    return -1


def is_balanced(text):
    """True when every bracket in $text is matched (see first_unbalanced)."""
    return first_unbalanced(text) == -1
'''


def _brackets_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("first_unbalanced", ("",)), ("first_unbalanced", ("()",)), ("first_unbalanced", ("(]",)),
        ("first_unbalanced", ("x(()",)), ("first_unbalanced", ("())",)), ("first_unbalanced", ("a[b{c}d]e",)),
        ("first_unbalanced", ("{[}]",)), ("first_unbalanced", (")(",)), ("is_balanced", ("([]{})",)),
        ("is_balanced", ("((",)), ("is_balanced", ("ab",)),
    ]

    def balanced(depth: int) -> str:
        out = ""
        for _ in range(rng.randint(0, 2)):
            o, c = rng.choice(["()", "[]", "{}"])
            out += rng.choice(["", "a", "b1"]) + o + (balanced(depth - 1) if depth else "") + c
        return out

    for i in range(14):
        s = balanced(3)
        if i % 3:
            pos = rng.randint(0, len(s))
            s = s[:pos] + rng.choice("()[]{}") + s[pos:]
        cases.append(("is_balanced" if i % 4 == 3 else "first_unbalanced", (s,)))
    return cases


MATRIX = '''
def transpose(grid):
    """Rows become columns: result[c][r] == $grid[r][c]; $grid is a rectangular list of rows ([] -> [])."""
    if not grid:
        return []
    return [[grid[r][c] for r in range(len(grid))] for c in range(len(grid[0]))]


def rotate_clockwise(grid):
    """$grid turned a quarter turn clockwise: the first column, read bottom to top, is the new first row."""
    rows = len(grid)
    if rows == 0:
        return []
    out = []
    for c in range(len(grid[0])):
        row = []
        for r in range(rows - 1, -1, -1):
            row.append(grid[r][c])
        out.append(row)
    return out


def spiral_order(grid):
    """Elements of $grid in clockwise spiral order, starting at the top-left corner."""
    out = []
    if not grid:
        return out
    top, bottom = 0, len(grid) - 1
    left, right = 0, len(grid[0]) - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            out.append(grid[top][c])
        for r in range(top + 1, bottom + 1):
            out.append(grid[r][right])
        if top < bottom and left < right:
            for c in range(right - 1, left - 1, -1):
                out.append(grid[bottom][c])
            for r in range(bottom - 1, top, -1):
                out.append(grid[r][left])
        top += 1
        bottom -= 1
        left += 1
        right -= 1
    return out
'''


def _matrix_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("transpose", ([],)), ("transpose", ([[1, 2, 3]],)), ("transpose", ([[1], [2]],)),
        ("rotate_clockwise", ([[1, 2], [3, 4]],)), ("rotate_clockwise", ([[1, 2, 3]],)), ("rotate_clockwise", ([],)),
        ("spiral_order", ([[1, 2, 3], [4, 5, 6], [7, 8, 9]],)), ("spiral_order", ([[1, 2, 3, 4]],)),
        ("spiral_order", ([[1], [2], [3]],)), ("spiral_order", ([],)), ("spiral_order", ([[1, 2], [3, 4]],)),
    ]
    for i in range(14):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        grid = [[rng.randint(0, 99) for _ in range(cols)] for _ in range(rows)]
        cases.append((("transpose", "rotate_clockwise", "spiral_order", "spiral_order")[i % 4], (grid,)))
    return cases


CALENDAR = '''
MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year):
    """Gregorian leap year: divisible by 4, except centuries, except centuries divisible by 400."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year, month):
    """Number of days in $month (1-12) of $year."""
    if month == 2 and is_leap(year):
        return 29
    return MONTH_LENGTHS[month - 1]


def day_of_year(year, month, day):
    """1-based ordinal of the date within its year: January 1st is 1."""
    total = day
    for m in range(1, month):
        total += days_in_month(year, m)
    return total


def add_days(year, month, day, n):
    """The date $n >= 0 days after the given one, as a (year, month, day) tuple."""
    while n > 0:
        if day < days_in_month(year, month):
            day += 1
        else:
            day = 1
            if month == 12:
                month = 1
                year += 1
            else:
                month += 1
        n -= 1
    return (year, month, day)
'''


def _calendar_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("is_leap", (1900,)), ("is_leap", (2000,)), ("is_leap", (2024,)), ("is_leap", (2023,)),
        ("days_in_month", (2024, 2)), ("days_in_month", (1900, 2)), ("days_in_month", (2023, 12)),
        ("day_of_year", (2023, 1, 1)), ("day_of_year", (2024, 12, 31)), ("day_of_year", (2023, 3, 1)),
        ("add_days", (2023, 12, 31, 1)), ("add_days", (2024, 2, 28, 1)), ("add_days", (2023, 2, 28, 1)),
        ("add_days", (2024, 1, 1, 0)), ("add_days", (2023, 1, 31, 30)),
    ]
    for i in range(12):
        y, m = rng.choice([1896, 1900, 1999, 2000, 2023, 2024, 2100]) + rng.randint(0, 1), rng.randint(1, 12)
        d = rng.randint(1, 28)
        fn = ("day_of_year", "add_days", "days_in_month", "add_days")[i % 4]
        args = {"day_of_year": (y, m, d), "add_days": (y, m, d, rng.randint(0, 400)), "days_in_month": (y, m)}[fn]
        cases.append((fn, args))
    return cases


TOKENIZER = '''
TWO_CHAR_OPS = ('**', '<=', '>=', '==', '!=')
ONE_CHAR_OPS = '+-*/()<>='


def tokenize(source):
    """Split $source into a list of (kind, text) tuples.

    Tokens: 'num' is a maximal run of ASCII digits; 'name' is a letter or underscore followed by any
    letters, digits and underscores; 'op' is one of the two-character operators ** <= >= == != (these
    win over their one-character prefixes) or one of + - * / ( ) < > =. Spaces separate tokens and are
    dropped; any other character raises ValueError.
    """
    tokens = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == ' ':
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(source) and source[j].isdigit():
                j += 1
            tokens.append(('num', source[i:j]))
            i = j
        elif ch.isalpha() or ch == '_':
            j = i + 1
            while j < len(source) and (source[j].isalnum() or source[j] == '_'):
                j += 1
            tokens.append(('name', source[i:j]))
            i = j
        elif source[i:i + 2] in TWO_CHAR_OPS:
            tokens.append(('op', source[i:i + 2]))
            i += 2
        elif ch in ONE_CHAR_OPS:
            tokens.append(('op', ch))
            i += 1
        else:
            raise ValueError('unexpected character ' + repr(ch))
    return tokens


def names_used(source):
    """The distinct 'name' tokens of $source, sorted."""
    return sorted({text for kind, text in tokenize(source) if kind == 'name'})
'''


def _tokenizer_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("tokenize", ("",)), ("tokenize", ("1+2",)), ("tokenize", ("x1 ** 2",)), ("tokenize", ("a<=b",)),
        ("tokenize", ("(foo_bar - 42)/ x",)), ("tokenize", ("a==b!=c",)), ("tokenize", ("_x>=10",)),
        ("tokenize", ("12ab",)), ("tokenize", ("a < = b",)), ("names_used", ("b + a*b - _c1",)),
        ("names_used", ("1 + 2",)),
    ]
    atoms = ["x", "y2", "_tmp", "rate", "a_b", "7", "42", "100", "+", "-", "*", "/", "**", "(", ")", "<", "<=",
             ">", ">=", "==", "!=", "="]
    for i in range(14):
        src = "".join(rng.choice(atoms) + rng.choice(["", "", " ", "  "]) for _ in range(rng.randint(2, 9)))
        cases.append(("names_used" if i % 4 == 3 else "tokenize", (src,)))
    return cases


WRAP = '''
def wrap(text, width):
    """Greedy word wrap of $text into lines of at most $width characters.

    Words are separated by runs of whitespace. Each line holds as many words as fit, joined by single
    spaces; a word longer than $width goes on a line of its own, unbroken. No words -> [].
    """
    lines = []
    current = ''
    for word in text.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = current + ' ' + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def longest_line(text, width):
    """Length of the longest line wrap($text, $width) produces (0 when there is none)."""
    best = 0
    for line in wrap(text, width):
        if len(line) > best:
            best = len(line)
    return best
'''


def _wrap_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("wrap", ("", 10)), ("wrap", ("hello", 10)), ("wrap", ("hello world", 11)), ("wrap", ("hello world", 10)),
        ("wrap", ("a b c d", 3)), ("wrap", ("supercalifragilistic is long", 5)),
        ("wrap", ("  many   spaces  here ", 6)), ("longest_line", ("ab cd ef", 5)), ("longest_line", ("", 3)),
    ]
    words = ["a", "to", "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dogs", "extraordinary", "it"]
    for i in range(14):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        cases.append(("longest_line" if i % 4 == 3 else "wrap", (text, rng.randint(3, 20))))
    return cases


RANGES = '''
def summarize(numbers):
    """Compress strictly increasing integers $numbers into range strings.

    Each maximal run of consecutive integers a, a+1, ..., b with b > a becomes "a..b"; a number on its
    own becomes str(number): [1, 2, 3, 5, 7, 8] -> ["1..3", "5", "7..8"].
    """
    out = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j > i:
            out.append(str(numbers[i]) + '..' + str(numbers[j]))
        else:
            out.append(str(numbers[i]))
        i = j + 1
    return out


def expand(parts):
    """Inverse of summarize: "a..b" stands for a to b inclusive, anything else for one integer."""
    out = []
    for part in parts:
        if '..' in part:
            first, last = part.split('..')
            out.extend(range(int(first), int(last) + 1))
        else:
            out.append(int(part))
    return out
'''


def _ranges_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("summarize", ([],)), ("summarize", ([1],)), ("summarize", ([1, 2],)), ("summarize", ([1, 2, 3, 5, 7, 8],)),
        ("summarize", ([-3, -2, -1, 1],)), ("summarize", ([0, 2, 4],)), ("expand", (["1..3", "5"],)),
        ("expand", ([],)), ("expand", (["-2..0", "4..5"],)),
    ]
    for i in range(14):
        nums, x = [], rng.randint(-5, 5)
        for _ in range(rng.randint(1, 10)):
            nums.append(x)
            x += rng.choice([1, 1, 1, 2, 3])
        if i % 3 == 2:
            out, k = [], 0
            while k < len(nums):
                j = k
                while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                    j += 1
                out.append(f"{nums[k]}..{nums[j]}" if j > k else str(nums[k]))
                k = j + 1
            cases.append(("expand", (out,)))
        else:
            cases.append(("summarize", (nums,)))
    return cases


WINDOW = '''
def max_window_sum(values, k):
    """Largest sum of $k consecutive elements of $values; None if $k < 1 or $k > len($values)."""
    if k < 1 or k > len(values):
        return None
    window = sum(values[:k])
    best = window
    for i in range(k, len(values)):
        window = window + values[i] - values[i - k]
        if window > best:
            best = window
    return best


def max_run_sum(values):
    """Largest sum of a non-empty run of consecutive elements of $values; 0 for an empty list."""
    if not values:
        return 0
    best = current = values[0]
    for x in values[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
'''


def _window_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = [
        ("max_window_sum", ([], 1)), ("max_window_sum", ([1, 2, 3], 0)), ("max_window_sum", ([1, 2, 3], 4)),
        ("max_window_sum", ([1, 2, 3], 3)), ("max_window_sum", ([5, -1, 3, -7, 4], 2)),
        ("max_window_sum", ([-4, -2, -9], 1)), ("max_run_sum", ([],)), ("max_run_sum", ([-3, -1, -2],)),
        ("max_run_sum", ([2, -1, 2, -5, 4],)), ("max_run_sum", ([7],)),
    ]
    for i in range(14):
        vals = [rng.randint(-9, 9) for _ in range(rng.randint(1, 10))]
        cases.append(("max_run_sum", (vals,)) if i % 2 else ("max_window_sum", (vals, rng.randint(1, len(vals)))))
    return cases


def _names(*alts: str) -> tuple[str, ...]:
    return alts


PROGRAMS = [
    Program("intervals", ("spans", "interval_ops", "span_union"), INTERVALS, {
        "merge_intervals": _names("merge_intervals", "merge_spans", "coalesce_ranges", "union_intervals"),
        "total_covered": _names("total_covered", "covered_length", "span_total", "union_length"),
        "intervals": _names("intervals", "spans", "ranges", "pairs"),
        "ordered": _names("ordered", "by_start", "sorted_spans"),
        "merged": _names("merged", "result", "out"),
        "start": _names("start", "lo", "begin"), "end": _names("end", "hi", "finish"),
        "total": _names("total", "length", "acc"),
    }, _intervals_cases),
    Program("bsearch", ("sorted_search", "bounds", "ordered_lookup"), BSEARCH, {
        "lower_bound": _names("lower_bound", "first_not_less", "left_index", "bisect_low"),
        "upper_bound": _names("upper_bound", "first_greater", "right_index", "bisect_high"),
        "count_between": _names("count_between", "count_in_range", "range_count", "how_many_within"),
        "items": _names("items", "values", "seq", "arr"), "target": _names("target", "key", "x", "needle"),
        "lo": _names("lo", "left", "low_i"), "hi": _names("hi", "right", "high_i"),
        "mid": _names("mid", "middle", "pivot"), "low": _names("low", "smallest", "a"),
        "high": _names("high", "largest", "b"),
    }, _bsearch_cases),
    Program("rle", ("runlength", "rle_codec", "squash"), RLE, {
        "rle_encode": _names("rle_encode", "encode_runs", "pack", "compress"),
        "rle_decode": _names("rle_decode", "decode_runs", "unpack", "decompress"),
        "text": _names("text", "s", "raw", "plain"), "code": _names("code", "packed", "encoded", "blob"),
        "out": _names("out", "pieces", "parts"), "i": _names("i", "pos", "start"),
        "j": _names("j", "end", "stop"), "count": _names("count", "n", "repeat"), "ch": _names("ch", "c", "char"),
    }, _rle_cases),
    Program("brackets", ("brackets", "bracket_check", "nesting"), BRACKETS, {
        "first_unbalanced": _names("first_unbalanced", "find_mismatch", "culprit_index", "bad_bracket_at"),
        "is_balanced": _names("is_balanced", "balanced", "brackets_ok", "well_nested"),
        "CLOSERS": _names("CLOSERS", "PAIRS", "OPENER_FOR", "MATCHING"),
        "text": _names("text", "s", "source", "line"), "stack": _names("stack", "opened", "pending"),
        "i": _names("i", "pos", "idx"), "ch": _names("ch", "c", "char"),
    }, _brackets_cases),
    Program("matrix", ("grids", "matrix_ops", "grid_walk"), MATRIX, {
        "transpose": _names("transpose", "flip_diagonal", "swap_axes"),
        "rotate_clockwise": _names("rotate_clockwise", "rotate_right", "quarter_turn"),
        "spiral_order": _names("spiral_order", "spiral", "walk_spiral", "unroll_spiral"),
        "grid": _names("grid", "matrix", "cells", "rows_of"), "rows": _names("rows", "height", "n_rows"),
        "out": _names("out", "result", "acc"), "row": _names("row", "line", "new_row"),
        "top": _names("top", "up"), "bottom": _names("bottom", "down"), "left": _names("left", "west"),
        "right": _names("right", "east"), "r": _names("r", "y", "ri"), "c": _names("c", "x", "ci"),
    }, _matrix_cases),
    Program("calendar", ("dates", "daycount", "almanac"), CALENDAR, {
        "MONTH_LENGTHS": _names("MONTH_LENGTHS", "DAYS_PER_MONTH", "MONTH_DAYS"),
        "is_leap": _names("is_leap", "leap_year", "is_leap_year"),
        "days_in_month": _names("days_in_month", "month_length", "month_days"),
        "day_of_year": _names("day_of_year", "ordinal_day", "yearday"),
        "add_days": _names("add_days", "shift_date", "days_after", "advance"),
        "year": _names("year", "y", "yr"), "month": _names("month", "mon", "mo"), "day": _names("day", "d", "dd"),
        "n": _names("n", "days", "count"), "total": _names("total", "ordinal", "acc"),
        "m": _names("m", "earlier", "each"),
    }, _calendar_cases),
    Program("tokenizer", ("lexer", "scan", "tokens"), TOKENIZER, {
        "tokenize": _names("tokenize", "lex", "scan_tokens", "split_tokens"),
        "names_used": _names("names_used", "identifiers", "free_names", "collect_names"),
        "TWO_CHAR_OPS": _names("TWO_CHAR_OPS", "DOUBLE_OPS", "LONG_OPERATORS"),
        "ONE_CHAR_OPS": _names("ONE_CHAR_OPS", "SINGLE_OPS", "SHORT_OPERATORS"),
        "source": _names("source", "src", "expr", "line"), "tokens": _names("tokens", "out", "result"),
        "i": _names("i", "pos", "at"), "j": _names("j", "end", "stop"), "ch": _names("ch", "c", "cur"),
        "kind": _names("kind", "tag", "typ"), "text": _names("text", "lexeme", "value"),
    }, _tokenizer_cases),
    Program("wrap", ("wordwrap", "reflow", "paragraphs"), WRAP, {
        "wrap": _names("wrap", "wrap_words", "fill_lines", "reflow"),
        "longest_line": _names("longest_line", "widest_line", "max_line_length"),
        "text": _names("text", "paragraph", "body", "s"), "width": _names("width", "limit", "columns", "max_len"),
        "lines": _names("lines", "out", "result"), "current": _names("current", "line_so_far", "pending"),
        "word": _names("word", "w", "token"), "best": _names("best", "widest", "longest"),
        "line": _names("line", "ln", "each"),
    }, _wrap_cases),
    Program("ranges", ("ranges", "number_spans", "runs"), RANGES, {
        "summarize": _names("summarize", "compress_ranges", "to_ranges", "collapse"),
        "expand": _names("expand", "from_ranges", "uncollapse", "explode_ranges"),
        "numbers": _names("numbers", "nums", "values", "ids"), "parts": _names("parts", "specs", "pieces"),
        "out": _names("out", "result", "acc"), "i": _names("i", "start", "k"), "j": _names("j", "stop", "e"),
        "part": _names("part", "spec", "piece"), "first": _names("first", "lo", "a"),
        "last": _names("last", "hi", "b"),
    }, _ranges_cases),
    Program("window", ("windows", "subarrays", "sums"), WINDOW, {
        "max_window_sum": _names("max_window_sum", "best_window", "max_k_sum", "widest_sum"),
        "max_run_sum": _names("max_run_sum", "best_run", "max_subarray", "kadane"),
        "values": _names("values", "nums", "xs", "readings"), "k": _names("k", "size", "span", "width"),
        "window": _names("window", "running", "acc"), "best": _names("best", "top", "record"),
        "i": _names("i", "idx", "pos"), "current": _names("current", "here", "ending_here"),
        "x": _names("x", "v", "item"),
    }, _window_cases),
]

# ----------------------------------------------------------------------------------------------
# Mutation operators. Each returns the eligible sites of a parsed tree as closures that mutate it
# in place; the order is ast.walk's over the function definitions, so it is deterministic.

MUTATIONS = ("comparison_boundary", "negate_condition", "off_by_one", "swap_operands", "wrong_boolean",
             "drop_branch")
BOUNDARY = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
NEGATE = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
          ast.IsNot: ast.Is}
Slot = tuple[ast.AST, str, int | None, ast.AST]  # parent, field, index in a list field (or None), child


def _slots(tree: ast.Module) -> list[Slot]:
    out: list[Slot] = []
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for parent in ast.walk(fn):
            for fld, value in ast.iter_fields(parent):
                if isinstance(value, list):
                    out += [(parent, fld, i, v) for i, v in enumerate(value) if isinstance(v, ast.AST)]
                elif isinstance(value, ast.AST):
                    out.append((parent, fld, None, value))
    return out


def _replace(slot: Slot, new: ast.AST) -> None:
    parent, fld, idx, _ = slot
    if idx is None:
        setattr(parent, fld, new)
    else:
        getattr(parent, fld)[idx] = new


def _small_int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) <= 2:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _small_int(node.operand)
        return None if inner is None else -inner
    return None


def _has_offset(node: ast.AST) -> bool:
    return _small_int(node) is not None or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub)
                                            and _small_int(node.right) is not None)


def _bump(node: ast.expr, delta: int) -> ast.expr:
    """`node` moved by `delta`, written the way a person would: i + 1 -> i + 2 or i, n -> n - 1, -1 -> -2."""
    if (c := _small_int(node)) is not None:
        return ast.Constant(c + delta)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub) and _small_int(node.right) is not None:
        off = _small_int(node.right) * (1 if isinstance(node.op, ast.Add) else -1) + delta
        if off == 0:
            return node.left
        return ast.BinOp(node.left, ast.Add() if off > 0 else ast.Sub(), ast.Constant(abs(off)))
    return ast.BinOp(node, ast.Add() if delta > 0 else ast.Sub(), ast.Constant(1))


def _swap(node: ast.AST, a: str, b: str) -> None:
    left, right = getattr(node, a), getattr(node, b)
    setattr(node, a, right)
    setattr(node, b, left)


def _sites(tree: ast.Module, op: str) -> list[Callable[[], None]]:
    sites: list[Callable[[], None]] = []
    slots = _slots(tree)
    if op in ("comparison_boundary", "negate_condition"):
        table = BOUNDARY if op == "comparison_boundary" else NEGATE
        for _, _, _, node in slots:
            if isinstance(node, ast.Compare):
                for i, cmp in enumerate(node.ops):
                    if type(cmp) in table:
                        sites.append(lambda node=node, i=i, cmp=cmp: node.ops.__setitem__(i, table[type(cmp)]()))
        if op == "negate_condition":
            for slot in slots:
                if isinstance(slot[3], ast.UnaryOp) and isinstance(slot[3].op, ast.Not):
                    sites.append(lambda slot=slot: _replace(slot, slot[3].operand))
    elif op == "off_by_one":
        seen: set[int] = set()
        for slot in slots:
            parent, fld, _, node = slot
            in_range = (isinstance(parent, ast.Call) and fld == "args" and isinstance(parent.func, ast.Name)
                        and parent.func.id == "range")
            in_slice = isinstance(parent, ast.Slice) and fld in ("lower", "upper")
            index = isinstance(parent, ast.Subscript) and fld == "slice" and not isinstance(node, ast.Slice)
            aug = isinstance(parent, ast.AugAssign) and isinstance(parent.op, ast.Add | ast.Sub) and fld == "value"
            offset = isinstance(node, ast.BinOp) and _has_offset(node)
            if not (in_range or in_slice or offset or ((index or aug) and _has_offset(node))) or id(node) in seen:
                continue
            seen.add(id(node))
            for delta in (1, -1):
                sites.append(lambda slot=slot, delta=delta: _replace(slot, _bump(slot[3], delta)))
    elif op == "swap_operands":
        for _, _, _, node in slots:
            if isinstance(node, ast.BinOp):
                sites.append(lambda node=node: _swap(node, "left", "right"))
            elif isinstance(node, ast.Call) and len(node.args) >= 2:
                sites.append(lambda node=node: node.args.__setitem__(slice(0, 2), node.args[1::-1]))
    elif op == "wrong_boolean":
        for _, _, _, node in slots:
            if isinstance(node, ast.BoolOp):
                sites.append(lambda node=node: setattr(node, "op", ast.Or() if isinstance(node.op, ast.And)
                                                       else ast.And()))
    elif op == "drop_branch":
        for parent, fld, idx, node in slots:
            if not isinstance(node, ast.If) or idx is None:
                continue
            if node.orelse:
                elif_ = len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If)
                sites.append(lambda node=node, elif_=elif_: setattr(node, "orelse",
                                                                    node.orelse[0].orelse if elif_ else []))
            else:
                def drop(parent=parent, fld=fld, idx=idx):
                    body = getattr(parent, fld)
                    body[idx:idx + 1] = [] if len(body) > 1 else [ast.Pass()]
                sites.append(drop)
    else:
        raise ValueError(f"no mutation operator {op!r}")
    return sites


# ----------------------------------------------------------------------------------------------
# Running code in-process, with a line budget so that a mutant that loops is caught.

class _OverBudget(Exception):
    pass


Outcome = tuple[str, object]  # ("ok", value) | ("raise", exception type name) | ("hang", None)


def _run(fn: Callable, args: tuple, budget: int) -> tuple[Outcome, int]:
    """Call fn(*args) on a deep copy of args, counting trace events; past `budget` it is abandoned."""
    args = copy.deepcopy(args)
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        if count > budget:
            raise _OverBudget
        return tracer

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        return ("ok", fn(*args)), count
    except _OverBudget:
        return ("hang", None), count
    except Exception as e:  # a crashing mutant is a valid bug: its symptom is the exception
        return ("raise", type(e).__name__), count
    finally:
        sys.settrace(old)


def _load(source: str) -> dict:
    scope: dict = {"__name__": "mutant"}
    exec(compile(source, "<generated>", "exec"), scope)
    return scope


def _format(tree: ast.Module) -> str:
    """ast.unparse with two blank lines around each top-level definition, as PEP 8 has it."""
    out = ""
    for i, node in enumerate(tree.body):
        if i:
            defs = isinstance(node, ast.FunctionDef) or isinstance(tree.body[i - 1], ast.FunctionDef)
            out += "\n\n\n" if defs else "\n"
        out += ast.unparse(node)
    return out + "\n"


def _rename(program: Program, rng: random.Random) -> tuple[str, dict[str, str]]:
    mapping = {k: rng.choice(v) for k, v in sorted(program.renames.items())}
    if len(set(mapping.values())) != len(mapping):  # two canonical names drew the same new one: keep canon
        mapping = {k: k for k in mapping}
    tree = ast.parse(program.source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in mapping:
            node.id = mapping[node.id]
        elif isinstance(node, ast.arg) and node.arg in mapping:
            node.arg = mapping[node.arg]
        elif isinstance(node, ast.FunctionDef):
            node.name = mapping.get(node.name, node.name)
            doc = node.body[0]
            if isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str):
                doc.value.value = string.Template(doc.value.value).substitute(mapping)
    return _format(tree), mapping


def _call(fn: str, args: tuple) -> str:
    return f"{fn}({', '.join(repr(a) for a in args)})"


def _try(program_idx: int, op_idx: int, rng: random.Random):
    program = PROGRAMS[program_idx]
    ref_src, mapping = _rename(program, rng)
    ref = _load(ref_src)
    cases = [(mapping[fn], args) for fn, args in program.cases(rng)]
    expected = []
    for fn, args in cases:
        outcome, events = _run(ref[fn], args, 10**6)
        assert outcome[0] == "ok", (program.name, fn, args, outcome)
        expected.append((outcome[1], events))
    for k in range(len(MUTATIONS)):
        op = MUTATIONS[(op_idx + k) % len(MUTATIONS)]
        n_sites = len(_sites(ast.parse(ref_src), op))
        start = rng.randrange(n_sites) if n_sites else 0
        for j in range(n_sites):
            tree = ast.parse(ref_src)
            _sites(tree, op)[(start + j) % n_sites]()
            mutant_src = _format(ast.fix_missing_locations(tree))
            try:
                mutant = _load(mutant_src)
            except Exception:  # e.g. a swap that makes a name undefined at import: not a bug worth posing
                continue
            failing, hung = [], False
            for (fn, args), (want, events) in zip(cases, expected, strict=True):
                got, _ = _run(mutant[fn], args, 10 * events + 2000)
                if got[0] == "hang":
                    hung = True
                    break
                if got != ("ok", want):
                    failing.append((fn, args, want, got))
            if failing and not hung:
                return program, op, ref_src, mutant_src, cases, [w for w, _ in expected], failing, mapping
    return None


def _make(rng: random.Random, seed: int) -> Instance:
    program_idx, op_idx = rng.randrange(len(PROGRAMS)), rng.randrange(len(MUTATIONS))
    found = None
    for k in range(len(PROGRAMS)):  # a program with no behaviour-changing site under any operator: the next one
        found = _try((program_idx + k) % len(PROGRAMS), op_idx, rng)
        if found:
            break
    assert found, "no program has a behaviour-changing mutation"
    program, op, ref_src, mutant_src, cases, wants, failing, _ = found
    module = rng.choice(program.modules)
    fn, args, want, got = min(failing, key=lambda f: (len(_call(f[0], f[1])), _call(f[0], f[1])))
    shown = f"raises `{got[1]}`" if got[0] == "raise" else f"returns `{got[1]!r}`"
    prompt = (
        f"There is a bug in `{module}.py`. A user reports that\n\n```python\n{module}.{_call(fn, args)}\n```\n\n"
        f"{shown}, but it should return `{want!r}`.\n\n"
        "The docstrings describe the intended behaviour. Find and fix the bug (other inputs may be affected "
        "too, not only this one); keep every function's name and signature, and don't add new modules.\n")
    rows = "\n".join(f"    ({name!r}, {a!r}, {w!r})," for (name, a), w in zip(cases, wants, strict=True))
    tests = (f"import pytest\n\nimport {module}\n\nCASES = [\n{rows}\n]\n\n\n"
             f"@pytest.mark.parametrize('name,args,want', CASES)\n"
             f"def test_behaviour(name, args, want):\n    assert getattr({module}, name)(*args) == want\n")
    n_funcs = sum(isinstance(n, ast.FunctionDef) for n in ast.parse(ref_src).body)
    return Instance(
        family="py-mutant-bug", seed=seed, language="python", kind="debugging", prompt=prompt,
        workspace={f"{module}.py": mutant_src}, tests={f"test_{module}.py": tests},
        solution={f"{module}.py": ref_src}, expected_tests=len(cases),
        knobs={"program": program.name, "mutation": op, "functions": n_funcs, "failing_cases": len(failing)},
        tags=("algorithms",),
    )


FAMILIES = [Family(
    name="py-mutant-bug", language="python", kind="debugging",
    description="a classic routine (intervals, binary search, RLE, brackets, grids, dates, lexer, wrapping, ranges, "
                "windows) with one AST mutation, reported as a wrong result",
    knobs={"program": "which reference module the bug is injected into",
           "mutation": "the mutation operator (comparison_boundary, negate_condition, off_by_one, swap_operands, "
                       "wrong_boolean, drop_branch)",
           "functions": "how many functions the module has (the bug may sit in a helper of the reported one)",
           "failing_cases": "how many hidden cases the bug breaks: fewer means a subtler bug"},
    make=_make,
    version=2,  # 2: no guessed difficulty tag (runner/difficulty.py measures it)
)]
