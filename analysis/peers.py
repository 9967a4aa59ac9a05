"""The peers' methods, computed on the same data so every verdict can be shown side by side.

1. The best-known public tracker: each window's attempts (1, 7, 30 days) pooled into one binomial,
   a one-sided exact binomial test against a fixed baseline pass rate p0, "degraded" if any window
   has p < 0.05 (no multiple-comparison correction), a Wilson 95% interval, and its published
   "± threshold" (the drop that would be significant at the window's n).
2. A paired per-task comparison with standard errors clustered by task ("Adding Error Bars to
   Evals", Miller 2024): the same tasks in two periods, so task difficulty cancels.
3. A one-sided CUSUM on daily pass rates, as some hourly trackers use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

# The public tracker's own windows, in days: its published design, which `tracker_degraded` reproduces
# (they happen to match core.schema.WINDOW_DAYS, the windows our verdicts judge, which may change).
TRACKER_WINDOW_DAYS = (1, 7, 30)


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def drop_p_value(k: int, n: int, p0: float) -> float:
    """One-sided exact binomial test of 'the pass rate is below p0'."""
    return float(stats.binom.cdf(k, n, p0)) if n else 1.0


def threshold(n: int, p0: float, alpha: float = 0.05, cap: float = 0.15) -> float:
    """The tracker's "± threshold": the distance from p0 to the first pass rate that is significant,
    below and above, averaged and capped (p0 = 0.58: 0.140 at n = 50, 0.034 at n = 655)."""
    if n == 0:
        return cap
    ks = np.arange(n + 1)
    low = ks[stats.binom.cdf(ks, n, p0) < alpha]
    high = ks[stats.binom.sf(ks - 1, n, p0) < alpha]
    d_low = p0 - low.max() / n if low.size else cap
    d_high = high.min() / n - p0 if high.size else cap
    return min(cap, (d_low + d_high) / 2)


@dataclass(frozen=True)
class WindowVerdict:
    window_days: int
    passed: int
    total: int
    rate: float
    p_value: float
    ci_low: float
    ci_high: float
    threshold: float
    significant: bool


def tracker_verdicts(daily: pd.DataFrame, day, p0: float, alpha: float = 0.05,
                     windows: tuple[int, ...] = TRACKER_WINDOW_DAYS) -> list[WindowVerdict]:
    """`daily` has one row per day: `day` (int or date index order), `passed`, `total` (valid attempts)."""
    out = []
    for w in windows:
        rows = daily[(daily["day"] <= day) & (daily["day"] > day - w)]
        k, n = int(rows["passed"].sum()), int(rows["total"].sum())
        p = drop_p_value(k, n, p0)
        lo, hi = wilson(k, n)
        out.append(WindowVerdict(w, k, n, k / n if n else float("nan"), p, lo, hi, threshold(n, p0, alpha),
                                 p < alpha))
    return out


def tracker_degraded(daily: pd.DataFrame, day, p0: float, alpha: float = 0.05) -> bool:
    """The tracker's daily status: degraded if any window is significant (three tests, no correction)."""
    return any(v.significant for v in tracker_verdicts(daily, day, p0, alpha))


@dataclass(frozen=True)
class PairedResult:
    tasks: int
    mean_diff: float  # current minus baseline pass rate, averaged over tasks seen in both
    se_clustered: float
    se_unpaired: float
    z: float
    p_drop: float  # one-sided: the current period is worse


def paired_clustered(baseline: pd.DataFrame, current: pd.DataFrame) -> PairedResult:
    """Per-task pass rates in two periods (rows: `task`, `passed`, `total`); tasks are the clusters."""
    b = baseline.groupby("task")[["passed", "total"]].sum()
    c = current.groupby("task")[["passed", "total"]].sum()
    both = b.merge(c, left_index=True, right_index=True, suffixes=("_b", "_c"))
    both = both[(both["total_b"] > 0) & (both["total_c"] > 0)]
    t = len(both)
    if t < 2:
        return PairedResult(t, float("nan"), float("nan"), float("nan"), float("nan"), float("nan"))
    rb, rc = both["passed_b"] / both["total_b"], both["passed_c"] / both["total_c"]
    d = rc - rb
    se = float(d.std(ddof=1) / math.sqrt(t))
    se_unpaired = float(math.sqrt(rb.var(ddof=1) / t + rc.var(ddof=1) / t))
    z = float(d.mean() / se) if se > 0 else float("-inf") if d.mean() < 0 else 0.0
    return PairedResult(t, float(d.mean()), se, se_unpaired, z, float(stats.norm.cdf(z)))


def cusum_lower(rates: np.ndarray, target: float, slack: float, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """One-sided CUSUM for a drop: S_t = max(0, S_{t-1} + (target - x_t) - slack); alarm when S_t > limit."""
    s, path = 0.0, []
    for x in rates:
        s = max(0.0, s + (target - x) - slack)
        path.append(s)
    path = np.asarray(path)
    return path, path > limit
