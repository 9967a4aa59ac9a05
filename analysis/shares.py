"""Partial credit as information: what the share of tests a *failed* attempt passed says about the
agent's ability, beyond the failure itself.

An attempt's likelihood factorises as P(pass | theta) x P(share | failed, theta). The second factor is a
likelihood of its own whose score has mean zero given the first's outcome, so the two informations
add and the day's ability keeps one meaning: the pass model's theta (pass rate stays the headline).
Among the failed attempts of a task with m >= 2 tests, the share s = k / (m - 1) (a failure passes at
most m - 1 tests) is modelled by its mean and variance only (quasi-likelihood, McCullagh & Nelder
ch. 9):

    E[s] = logistic(alpha[key] + slope * eta),   Var[s] = phi * E[s] (1 - E[s])

where eta = (theta_d - mean_t) / c_t is the pass model's logit of the attempt, key the anchor task or
the instance's family (tests differ in number and kind between tasks), and phi the Pearson dispersion
of the training fit, so tests that fail together widen the standard error instead of faking
information. The channel is used only when the training data show the slope positive beyond
`MIN_SLOPE_Z` standard errors; otherwise every day's estimate is the pass/fail one, unchanged.

Attempt rows carry the channel as two summable columns (`columns`): `share_sum`, the sum of s over
the row's failed attempts with two or more tests, and `share_n`, their number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.special import expit

MIN_SLOPE_Z = 2.0
PRIOR_SD = 3.0  # weak Normal(0, 3) priors on alpha and the slope, as the pass model's
COLUMNS = ("share_sum", "share_n")


def columns(attempts: pd.DataFrame) -> pd.DataFrame:
    """`attempts` (one row per attempt, with passed, tests_passed and tests_total) plus `share_sum` and
    `share_n`. A passed attempt, or one with fewer than two tests counted, adds nothing."""
    if not {"tests_passed", "tests_total"} <= set(attempts.columns):
        return attempts.assign(share_sum=0.0, share_n=0)
    k = pd.to_numeric(attempts["tests_passed"], errors="coerce").to_numpy(float)
    m = pd.to_numeric(attempts["tests_total"], errors="coerce").to_numpy(float)
    use = (attempts["passed"].to_numpy() == 0) & (m >= 2) & np.isfinite(k) & (k >= 0) & (k < m)
    share = np.where(use, k / np.where(use, m - 1, 1), 0.0)
    return attempts.assign(share_sum=share, share_n=use.astype(int))


def keys(tasks: pd.Series, families: pd.Series, anchors) -> np.ndarray:
    """Each row's intercept key: its own task when it is an anchor, else its family."""
    is_anchor = tasks.isin(anchors).to_numpy()
    return np.where(is_anchor, "task:" + tasks.astype(str).to_numpy(), "family:" + families.astype(str).to_numpy())


@dataclass(frozen=True)
class Rows:
    """One set of aggregated share observations, ready for analysis/daily.py's day solve."""

    day: np.ndarray
    total: np.ndarray  # share_sum
    count: np.ndarray  # share_n
    alpha: np.ndarray
    mean: np.ndarray  # the pass model's difficulty and slope divisor of each row's task
    c: np.ndarray
    slope: float
    dispersion: float

    def subset(self, keep: np.ndarray) -> Rows:
        return Rows(self.day[keep], self.total[keep], self.count[keep], self.alpha[keep], self.mean[keep], self.c[keep],
                    self.slope, self.dispersion)

    def terms(self, theta: np.ndarray, index: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
        """(score, information) per day at abilities `theta`; `index`: each row's day position."""
        mu = expit(self.alpha + self.slope * (theta[index] - self.mean) / self.c)
        g = self.slope / self.c
        score = np.bincount(index, g * (self.total - self.count * mu) / self.dispersion, days)
        info = np.bincount(index, self.count * g**2 * mu * (1 - mu) / self.dispersion, days)
        return score, info


@dataclass(frozen=True)
class ShareModel:
    alpha: dict  # key (anchor task or family) -> intercept
    slope: float
    slope_se: float
    dispersion: float
    observations: int  # failed attempts with two or more tests in the training data

    @property
    def informative(self) -> bool:
        return self.slope > MIN_SLOPE_Z * self.slope_se

    @classmethod
    def fit(cls, keys: np.ndarray, eta: np.ndarray, total: np.ndarray, count: np.ndarray) -> ShareModel | None:
        """Per training row: its key, the pass model's fitted logit `eta`, share_sum and share_n.
        None when no row has a share."""
        use = count > 0
        if not use.any():
            return None
        codes, labels = pd.factorize(keys[use], sort=True)
        x, y, n, nk = eta[use], total[use], count[use].astype(float), len(labels)

        def loss(p):
            alpha, slope = p[:nk], p[nk]
            lin = alpha[codes] + slope * x
            mu = expit(lin)
            # Quasi-binomial log-likelihood of the summed shares: y log mu + (n - y) log(1 - mu).
            ll = y * np.log(mu + 1e-300) + (n - y) * np.log1p(-mu + 1e-300)
            r = y - n * mu
            grad = np.r_[np.bincount(codes, r, nk), np.sum(r * x)] - p / PRIOR_SD**2
            return -ll.sum() + 0.5 * np.sum(p**2) / PRIOR_SD**2, -grad

        res = optimize.minimize(loss, np.zeros(nk + 1), jac=True, method="L-BFGS-B")
        alpha, slope = res.x[:nk], float(res.x[nk])
        mu = expit(alpha[codes] + slope * x)
        v = n * mu * (1 - mu)
        dispersion = max(float(np.sum((y - n * mu) ** 2 / v) / max(len(y) - nk - 1, 1)), 1e-3)
        # The slope's information with every intercept profiled out (each intercept is its own block).
        w = v / dispersion
        i_aa, i_ag = np.bincount(codes, w, nk), np.bincount(codes, w * x, nk)
        i_gg = np.sum(w * x**2) - np.sum(i_ag**2 / np.maximum(i_aa, 1e-12)) + 1 / PRIOR_SD**2
        return cls(dict(zip(labels, map(float, alpha), strict=True)), slope, float(i_gg**-0.5), dispersion,
                   int(n.sum()))

    def rows(self, day: np.ndarray, keys: np.ndarray, total: np.ndarray, count: np.ndarray, mean: np.ndarray,
             c: np.ndarray) -> Rows | None:
        """The rows with a share, or None when the channel is not informative. A key never seen in
        training gets the average intercept."""
        use = count > 0
        if not self.informative or not use.any():
            return None
        default = float(np.mean(list(self.alpha.values())))
        alpha = pd.Series(keys[use]).map(self.alpha).fillna(default).to_numpy(float)
        return Rows(day[use], total[use].astype(float), count[use].astype(float), alpha, mean[use], c[use],
                    self.slope, self.dispersion)
