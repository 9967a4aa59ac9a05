"""The sequential alarm: daily evidence of a drop, accumulated by a one-sided CUSUM and calibrated by
its average run length (ARL) to a false alarm.

Per agent (and per language or kind group, each a "stream"), every day has a difficulty-adjusted
ability estimate theta_d with standard error se_d (analysis/daily.py). Against a *clean* baseline, a
pinned period (e.g. the last release's window) or by default the `baseline_days` ending `gap_days`
before today, so a recent drop cannot leak into its own reference, each monitored day gives

    z_d = (theta_d - theta_0) / sqrt(phi * (se_d^2 + se_0^2))

where theta_0 is the baseline's precision-weighted mean, se_0 its standard error, and phi the
baseline days' dispersion around it relative to their own standard errors (Pearson's chi-square
over its degrees of freedom, the quasi-likelihood dispersion): day-level shocks and task-by-day
over-dispersion widen every z rather than raise alarms. phi is *not* held at 1 or above, although
a day's standard error is a floor on its true spread: untruncated, z is pivotal (its no-change
distribution is the same whatever the true spread), so one threshold holds the false-alarm rate at
every level of over-dispersion (tests/test_alarm.py). With the DerSimonian-Laird tau^2 this used
before, truncated at 0, and thresholds set for a known variance, one stream ran at 0.82 of its budget
where the days had no excess spread and 1.18-1.32 where the day shock was 0.5-2 day standard errors,
because a baseline that happens to under-estimate its spread inflates every z of its monitored days
at once (benchmarks/dispersion.py, results/dispersion.txt). The lower CUSUM

    S_d = max(0, S_(d-1) - z_d - k),   alarm when S_d >= h

then has an ARL that depends only on (k, h) and the baseline's design; but the baseline's mean and
spread are estimated from `baseline_days`, and their errors are shared by every monitored day, which
shortens the ARL well below Siegmund's closed form for a known reference (Jones, Champ & Rigdon 2001).
So `threshold` finds h by Monte Carlo of exactly this pipeline (`pipeline_paths`: rolling baseline,
its mean and dispersion, gap, CUSUM over the gap, onsets of alarm episodes counted) on no-change
days, which makes the calibration the same at every volume, task mix and day-to-day spread. k = 0.5
tunes the CUSUM to a shift of one standard error a day (at 200 attempts a day about a 3-point
drop). The CUSUM is the optimal rule (Lorden; Moustakides) for a known shift, it needs no window
choice, and its restart point estimates the change day.

Multiplicity: an agent watched on its overall stream and G group streams splits its budget, half to
the overall stream and half shared by the groups (a weighted Bonferroni split; conservative because
the streams are correlated). There is one statistic per stream, not one per window.
The budget is per agent: one false *watch* per agent-year, one false *degraded* per five.
benchmarks/detection.py and dispersion.py measure the achieved rates; nothing here is tuned on the data it is
scored on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy import optimize

DAYS_PER_YEAR = 365.0
SIEGMUND_SHIFT = 1.166  # the overshoot correction of Siegmund's ARL approximation for normal increments


@dataclass(frozen=True)
class AlarmRule:
    k: float = 0.5  # reference value, in standard errors per day
    watch_years: float = 1.0  # at most one false watch per agent per this many years
    degraded_years: float = 5.0
    baseline_days: int = 60  # long, because its error is shared by every monitored day
    gap_days: int = 30  # days between the baseline's end and today; the CUSUM runs over them
    overall_share: float = 0.5  # of the agent's false-alarm budget spent on its overall stream


def siegmund_arl(h: float, k: float, shift: float = 0.0) -> float:
    """Average run length of the CUSUM max(0, S - x - k) for x ~ Normal(-shift, 1) (shift > 0 = a drop)."""
    delta = shift - k
    b = h + SIEGMUND_SHIFT
    if abs(delta) < 1e-9:
        return b * b
    return float((np.exp(-2 * delta * b) + 2 * delta * b - 1) / (2 * delta**2))


def siegmund_threshold(arl_days: float, k: float) -> float:
    """The h whose no-change ARL is `arl_days` for a known reference (no baseline error)."""
    return float(optimize.brentq(lambda h: siegmund_arl(h, k) - arl_days, 0.0, 100.0))


def detectable_shift(h: float, k: float, within: float = 7.0) -> float:
    """The sustained drop, in standard errors of a day, that the CUSUM flags `within` days after it on
    average (Siegmund's run length under the shift; the baseline's error ignored)."""
    return float(optimize.brentq(lambda shift: siegmund_arl(h, k, shift) - within, k + 1e-6, 50.0))


NULL_YEARS, NULL_SEED = 4000, 20261124  # Monte Carlo size of the calibration: ~2% error on h
# A baseline whose days agree this much better than their standard errors say is taken at this
# dispersion: a guard for short pinned baselines. At 60 days chance alone goes below it once in ~10^9
# baselines (below 0.5, once in ~2,000); the Monte Carlo applies it too.
DISPERSION_FLOOR = 0.25
FLOORS = {"estimated": DISPERSION_FLOOR, "truncated": 1.0}  # pipeline_paths' variants with an estimated phi


def null_days(years: int, days: int, ratio: float = 0.0, seed: int = NULL_SEED) -> np.ndarray:
    """(years, days) no-change daily estimates in units of their standard error: sampling noise plus a
    day shock of sd `ratio` (day shocks, task-by-day over-dispersion)."""
    rng = np.random.default_rng(seed)
    e = rng.standard_normal((years, days))
    return e + ratio * rng.standard_normal((years, days)) if ratio else e


def pipeline_paths(e: np.ndarray, k: float, baseline_days: int, gap_days: int,
                   dispersion: str = "estimated") -> np.ndarray:
    """`judge`'s statistic, for every row of daily estimates `e` (every day's se = 1), on each day from
    the first with a whole baseline and gap before it: column i is today = baseline_days + gap_days + i.
    `dispersion` "estimated" is the shipped pipeline; "known" (phi = 1) and "truncated" (phi held at 1
    or above, as the DerSimonian-Laird tau^2 did) are the rule before it, which benchmarks/dispersion.py
    measures against it."""
    years, lead = len(e), baseline_days + gap_days
    c1 = np.concatenate([np.zeros((years, 1)), np.cumsum(e, axis=1)], axis=1)
    c2 = np.concatenate([np.zeros((years, 1)), np.cumsum(e**2, axis=1)], axis=1)
    out = np.zeros((years, e.shape[1] - lead), np.float32)
    for i in range(out.shape[1]):
        today = lead + i
        lo, hi = today - lead + 1, today - gap_days + 1  # the baseline's days are [lo, hi)
        mean = (c1[:, hi] - c1[:, lo]) / baseline_days
        phi = (c2[:, hi] - c2[:, lo] - baseline_days * mean**2) / (baseline_days - 1)
        phi = np.ones(years) if dispersion == "known" else np.maximum(phi, FLOORS[dispersion])
        z = (e[:, hi:today + 1] - mean[:, None]) / np.sqrt(phi * (1 + 1 / baseline_days))[:, None]
        s = np.zeros(years)
        for j in range(gap_days):
            s = np.maximum(0, s - z[:, j] - k)
        out[:, i] = s
    return out


@functools.lru_cache(maxsize=16)
def null_paths(k: float, baseline_days: int, gap_days: int, seed: int = NULL_SEED, ratio: float = 0.0) -> np.ndarray:
    """(years, days) CUSUM statistic of the shipped pipeline on a year of no-change days."""
    e = null_days(NULL_YEARS, baseline_days + gap_days + int(DAYS_PER_YEAR), ratio, seed)
    return pipeline_paths(e, k, baseline_days, gap_days)


def onsets_per_year(paths: np.ndarray, h: float) -> float:
    flagged = paths >= h
    starts = flagged[:, 1:] & ~flagged[:, :-1]
    return float((starts.sum() + flagged[:, 0].sum()) / len(paths))


def calibrated(paths: np.ndarray, per_years: float) -> float:
    """The h at which `paths` (years, days) raise one alarm onset per `per_years` years."""
    lo, hi = 0.0, 30.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if onsets_per_year(paths, mid) > 1 / per_years else (lo, mid)
    return hi


def threshold(per_years: float, rule: AlarmRule) -> float:
    """The h at which one stream raises one false alarm (an episode's onset) per `per_years` years."""
    return calibrated(null_paths(rule.k, rule.baseline_days, rule.gap_days), per_years)


@functools.lru_cache(maxsize=64)
def thresholds(rule: AlarmRule, groups: int = 0, overall: bool = True) -> tuple[float, float]:
    """(watch, degraded) thresholds for the agent's overall stream (`overall`) or one of its `groups`
    group streams. With groups, the overall stream gets `overall_share` of the agent's budget and the
    groups split the rest evenly; without, the overall stream gets all of it."""
    share = 1.0 if groups == 0 else rule.overall_share if overall else (1 - rule.overall_share) / groups
    return threshold(rule.watch_years / share, rule), threshold(rule.degraded_years / share, rule)


@dataclass(frozen=True)
class Baseline:
    theta: float  # precision-weighted mean ability
    se: float  # its standard error, before the dispersion
    dispersion: float  # phi: the days' spread around theta over what their standard errors say
    days: int  # days with attempts

    def scale(self, se: np.ndarray) -> np.ndarray:
        """The no-change sd of theta_d - theta for a day of standard error `se`."""
        return np.sqrt(self.dispersion * (se**2 + self.se**2))


def baseline(theta: np.ndarray, se: np.ndarray) -> Baseline:
    """The baseline's daily estimates pooled: precision-weighted mean and the quasi-likelihood dispersion
    (Pearson chi-square / degrees of freedom), floored at DISPERSION_FLOOR and nowhere else."""
    ok = np.isfinite(theta)
    t, w = theta[ok], se[ok] ** -2.0
    if len(t) < 2:
        raise ValueError(f"a baseline needs at least 2 days with attempts, found {len(t)}")
    mean = np.sum(w * t) / w.sum()
    phi = max(float(np.sum(w * (t - mean) ** 2)) / (len(t) - 1), DISPERSION_FLOOR)
    return Baseline(float(mean), float(np.sqrt(1 / w.sum())), phi, len(t))


@dataclass(frozen=True)
class Judgement:
    statistic: float  # S today
    status: str  # ok, watch, degraded
    h_watch: float
    h_degraded: float
    change_index: int | None  # index into the monitored days of the estimated change (None when S = 0)
    shift: float | None  # mean theta_d - theta_0 since then (logits; negative = worse)
    path: np.ndarray  # S over the monitored days
    z: np.ndarray
    base: Baseline


def cusum(z: np.ndarray, k: float) -> np.ndarray:
    """Lower CUSUM over z; a day without attempts (nan) carries S unchanged."""
    s, path = 0.0, np.zeros(len(z))
    for i, x in enumerate(z):
        if np.isfinite(x):
            s = max(0.0, s - x - k)
        path[i] = s
    return path


def change_point(z: np.ndarray) -> int:
    """Maximum-likelihood start of a downward shift of unknown size in the monitored days: the tau
    maximising (sum of -z from tau on)^2 / (days from tau on), among those with a negative sum. Sharper
    than the CUSUM's restart point, which a chance excursion just before the change drags earlier."""
    x = np.where(np.isfinite(z), -z, 0.0)
    tail = np.cumsum(x[::-1])[::-1]
    count = np.cumsum(np.isfinite(z)[::-1])[::-1]
    score = np.where((tail > 0) & (count > 0), tail**2 / np.maximum(count, 1), -np.inf)
    return int(np.argmax(score))


def judge(theta: np.ndarray, se: np.ndarray, monitored: slice, base_days: slice, rule: AlarmRule = AlarmRule(),
          groups: int = 0, overall: bool = True) -> Judgement:
    """`theta`, `se`: a stream's daily estimates; `monitored`: the days since the baseline (ending today)."""
    base = baseline(theta[base_days], se[base_days])
    t, s = theta[monitored], se[monitored]
    z = (t - base.theta) / base.scale(s)
    path = cusum(z, rule.k)
    h_watch, h_degraded = thresholds(rule, groups, overall)
    stat = float(path[-1]) if len(path) else 0.0
    status = "degraded" if stat >= h_degraded else "watch" if stat >= h_watch else "ok"
    change = change_point(z) if stat > 0 else None
    shift = float(np.nanmean(t[change:] - base.theta)) if change is not None else None
    return Judgement(stat, status, h_watch, h_degraded, change, shift, path, z, base)


def default_periods(today: int, rule: AlarmRule = AlarmRule()) -> tuple[slice, slice]:
    """(baseline, monitored) day slices for day index `today` with the rolling, gapped baseline."""
    first = today - rule.gap_days + 1
    return slice(max(first - rule.baseline_days, 0), max(first, 0)), slice(max(first, 0), today + 1)
