"""The agent's level day by day as a step function: an exact Bayesian change-point smoother.

A Gaussian random walk spreads a sudden change over the days around it: the estimate starts falling
before the change and reaches the new level days after it, and its bands miss the truth on both
sides. Here ability is piecewise constant instead (an explicit jump process):

    a new segment starts on any day with probability `hazard` (so a step is a step);
    each segment's level ~ Normal(m0, level_sd^2), independent of the others (a step can be any size);
    theta_d ~ Normal(level, se_d^2 + tau^2)  (theta_d, se_d: analysis/daily.py's day estimate;
                                              tau: a day-level shock, task-by-day noise included)

The posterior over all segmentations is exact (Fearnhead 2006, "Exact and efficient Bayesian
inference for multiple changepoint problems"): forward and backward sums over segment start and end
days, O(days^2), about a second for a year with the tau grid. Each day's level is then a mixture of the normal
posteriors of the segments that may contain it, whose quantiles are the bands. tau is averaged over a
grid by the evidence; `hazard` is a prior, stated, not fitted.

What this gives a reader: the level on each day, with bands that hold around a step (tests/
test_changepoint.py checks rank calibration on draws from this prior; benchmarks/step_tracking.py
measures coverage around simulated steps), the probability that a new level began on each day, and
the most probable start of the current level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp, ndtr

HAZARD = 1 / 90  # prior probability that a new level starts on a given day: about one change a quarter
LEVEL_SD = 1.0  # logits: the spread of a new level around m0
TAU_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
PRUNE = 1e-6  # segments with less posterior weight are left out of the bands (at most ~1% of a day's mass)
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Levels:
    level: np.ndarray  # (days,) posterior mean of the sustained level, logits
    mean: np.ndarray  # (days,) posterior mean of the day's ability: the level plus the day's shock
    sd: np.ndarray
    quantiles: np.ndarray  # (len(QUANTILES), days) of the day's ability
    change: np.ndarray  # (days,) P(a new level starts on this day); 0 on day 0
    current: np.ndarray  # (days,) P(the level the last day is on began on this day)
    tau: float  # posterior mean of the day-shock sd

    @property
    def current_start(self) -> int:
        """The most probable first day of the current level."""
        return int(np.argmax(self.current))

    @property
    def current_start_probability(self) -> float:
        return float(self.current[self.current_start])


def _segment_terms(y: np.ndarray, v: np.ndarray, m0: float, level_sd: float):
    """(days, days) log marginal likelihood, posterior mean and variance of every segment [t, s]
    (rows t, columns s; entries with s < t are -inf / nan). A day without an estimate (nan) is empty."""
    ok = np.isfinite(y)
    w = np.where(ok, 1 / np.where(ok, v, 1.0), 0.0)
    yy = np.where(ok, y, 0.0)

    def between(x):
        c = np.r_[0.0, np.cumsum(x)]
        return c[None, 1:] - c[:-1, None]  # [t, s] = sum over t..s

    a, b, cc = between(w), between(w * yy), between(w * yy**2)
    logv = between(np.where(ok, np.log(2 * np.pi * np.where(ok, v, 1.0)), 0.0))
    p0 = 1 / level_sd**2
    prec = a + p0
    with np.errstate(invalid="ignore"):  # below the diagonal: masked next
        logp = (-0.5 * logv - 0.5 * (cc + m0**2 * p0) + 0.5 * (b + m0 * p0) ** 2 / prec
                - 0.5 * np.log1p(level_sd**2 * a))
    upper = np.triu(np.ones_like(a, bool))
    return np.where(upper, logp, -np.inf), np.where(upper, (b + m0 * p0) / prec, np.nan), 1 / prec


def _posterior(y, v, m0, level_sd, hazard):
    n = len(y)
    logp, mean, var = _segment_terms(y, v, m0, level_sd)
    t, s = np.indices((n, n))
    last = s == n - 1
    # The prior of a segment [t, s]: no new start on t+1..s, then a start on s+1 (none after the last day).
    trans = np.where(s >= t, (s - t) * np.log1p(-hazard) + np.where(last, 0.0, np.log(hazard)), -np.inf)
    seg = logp + trans
    fwd = np.full(n + 1, -np.inf)  # fwd[t]: log P(data before t, a segment starts at t)
    fwd[0] = 0.0
    for e in range(n):
        fwd[e + 1] = logsumexp(fwd[: e + 1] + seg[: e + 1, e])
    bwd = np.full(n + 1, -np.inf)  # bwd[t]: log P(data from t on | a segment starts at t)
    bwd[n] = 0.0
    for st in range(n - 1, -1, -1):
        bwd[st] = logsumexp(seg[st, st:] + bwd[st + 1:])
    z = bwd[0]
    weight = np.exp(fwd[:n, None] + seg + bwd[None, 1:] - z)  # P(segment [t, s] | data)
    return weight, mean, var, float(z)


def _containing(x: np.ndarray) -> np.ndarray:
    """Per day d: the sum of x[t, s] over segments with t <= d <= s."""
    r = np.cumsum(np.nan_to_num(x), axis=0)
    g = np.cumsum(r[:, ::-1], axis=1)[:, ::-1]
    return np.diagonal(g).copy()


def levels(theta: np.ndarray, se: np.ndarray, hazard: float = HAZARD, level_sd: float = LEVEL_SD,
           m0: float | None = None, tau: float | None = None) -> Levels:
    """The step-function posterior of a stream's daily estimates. `m0` defaults to the estimates'
    precision-weighted mean. `tau` given is taken as known; by default it is averaged over TAU_GRID
    (uniform prior) by the evidence: a year of days hardly tells tau = 0.05 from 0.1, and picking one
    would narrow the bands."""
    theta, se = np.asarray(theta, float), np.asarray(se, float)
    ok = np.isfinite(theta) & np.isfinite(se)
    if ok.sum() < 1:
        raise ValueError("a level path needs at least one day with an estimate")
    y, v = np.where(ok, theta, np.nan), np.where(ok, se**2, 1.0)
    if m0 is None:
        m0 = float(np.sum(y[ok] / v[ok]) / np.sum(1 / v[ok]))
    taus = np.array((tau,) if tau is not None else TAU_GRID, float)
    fits = [_posterior(y, v + t**2, m0, level_sd, hazard) for t in taus]
    z = np.array([f[3] for f in fits])
    prob = np.exp(z - z.max())
    prob /= prob.sum()
    # The day's own shock, given the level: its estimate pulls the day by r = tau^2 / (tau^2 + se^2).
    r = np.where(ok, taus[:, None] ** 2 / (taus[:, None] ** 2 + v), 0.0)
    own = np.where(ok, taus[:, None] ** 2 * v / (taus[:, None] ** 2 + v), taus[:, None] ** 2)
    y0 = np.where(ok, y, 0.0)
    first = np.array([_containing(w * m) for w, m, _, _ in fits])  # (taus, days) E[level]
    second = np.array([_containing(w * (np.nan_to_num(m) ** 2 + var)) for w, m, var, _ in fits])
    day = first + r * (y0 - first)
    day_second = (1 - r) ** 2 * (second - first**2) + own + day**2
    level, mu = prob @ first, prob @ day
    sd = np.sqrt(np.maximum(prob @ day_second - mu**2, 0.0))
    change = sum(p * f[0].sum(axis=1) for p, f in zip(prob, fits, strict=True))
    change[0] = 0.0
    current = sum(p * f[0][:, -1] for p, f in zip(prob, fits, strict=True))
    comps = [(p * w, m, var, rr, oo) for p, (w, m, var, _), rr, oo in zip(prob, fits, r, own, strict=True)]
    q = _mixture_quantiles(comps, y0)
    return Levels(level, mu, sd, q, change, current, float(prob @ taus))


def _mixture_quantiles(comps, y) -> np.ndarray:
    """Per day, QUANTILES of the day's ability: a mixture over tau and the segments containing the day,
    each a normal (its level moved by r towards the day's estimate, plus the shock's own variance).
    Bisection on the mixture's CDF, every day and quantile at once (each day's components padded to
    the most any day has)."""
    n = len(y)
    per_day = [[] for _ in range(n)]
    for weight, mean, var, r, own in comps:
        t, s = np.nonzero(weight > PRUNE)
        w, m, v = weight[t, s], mean[t, s], var[t, s]
        for d in range(n):
            k = (t <= d) & (s >= d)
            md = m[k] + r[d] * (y[d] - m[k])
            per_day[d].append((w[k], md, np.sqrt((1 - r[d]) ** 2 * v[k] + own[d])))
    width = max(sum(len(c[0]) for c in day) for day in per_day)
    w, m, sd = np.zeros((n, width)), np.zeros((n, width)), np.ones((n, width))
    for d, day in enumerate(per_day):
        wd, md, sdd = (np.concatenate(x) for x in zip(*day, strict=True))
        w[d, :len(wd)], m[d, :len(wd)], sd[d, :len(wd)] = wd / wd.sum(), md, sdd
    q = np.array(QUANTILES)[None, :]
    lo = np.repeat(np.where(w > 0, m - 6 * sd, np.inf).min(1)[:, None], len(QUANTILES), 1)
    hi = np.repeat(np.where(w > 0, m + 6 * sd, -np.inf).max(1)[:, None], len(QUANTILES), 1)
    for _ in range(30):
        mid = (lo + hi) / 2
        below = (w[:, None] * ndtr((mid[..., None] - m[:, None]) / sd[:, None])).sum(-1) < q
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return ((lo + hi) / 2).T
