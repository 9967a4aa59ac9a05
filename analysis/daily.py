"""Difficulty-adjusted daily ability: what one day's attempts say about an agent, whatever tasks it drew.

Two steps, both fast enough to run on every day of hundreds of simulated histories:

1. `TaskModel.fit` learns the tasks from a training period (data the verdict will not be scored on):
   each *anchor* (a task attempted on many days) gets its own difficulty; every other task is an
   instance of a generated family whose difficulty is predicted from the family and its knobs,

       b[t] = mu[family] + beta[family] * knob[t] + e[t],   e[t] ~ Normal(0, s)

   An instance is seen once, so `e` is integrated out: logistic(theta - b) averaged over e is close
   to logistic((theta - mu - beta x) / c) with c = sqrt(1 + pi s^2 / 8) (the probit approximation).
   Day abilities are nuisance parameters of the training fit; the fit is a MAP with weak Normal
   priors (L-BFGS with an analytic gradient).

2. `TaskModel.day` estimates one day's ability theta_d from that day's attempts alone (a one-dimensional
   Newton solve), with its standard error. Days are independent given the task model, which is what
   lets analysis/alarm.py accumulate them sequentially with a known false-alarm rate. Because every
   task's difficulty is accounted for, a day of harder tasks is not a worse day.

Where the attempts carry tests passed of tests run, the training fit also learns the partial-credit
channel (analysis/shares.py), and a day's solve adds its information about the same theta.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.special import expit, log_expit

from analysis import shares as share_channel
from core.design import PI_8, slope_divisor

# Tasks attempted on at least this many distinct training days get their own difficulty.
ANCHOR_MIN_DAYS = 5
PRIOR_SD = 3.0  # weak Normal(0, 3) priors (logits) on every parameter of the training fit
DAY_PRIOR_SD = 2.0  # keeps an all-pass or all-fail day finite; ~0.25 of the information of one attempt


@dataclass(frozen=True)
class DayEstimate:
    theta: np.ndarray  # (days,) MAP ability per day, logits; nan where the day has no attempt
    se: np.ndarray  # (days,) its standard error
    attempts: np.ndarray  # (days,)


@dataclass
class TaskModel:
    anchor: dict  # task -> difficulty
    family: dict  # family -> (mu, beta)
    within_sd: float  # s: spread of instance difficulty within a family, after the knob
    centre: float = 0.0  # the training days' mean ability, for reporting on a stable scale
    shares: share_channel.ShareModel | None = None  # the partial-credit channel, when tests are counted

    @classmethod
    def fit(cls, attempts: pd.DataFrame, tasks: pd.DataFrame) -> TaskModel:
        """`attempts`: day, task, attempts, passed, optionally share_sum and share_n (analysis/shares.py).
        `tasks`: task, family, knob (float; 0 without knobs)."""
        df = attempts.merge(tasks[["task", "family", "knob"]], on="task", how="left")
        days_seen = df.groupby("task")["day"].nunique()
        anchors = sorted(days_seen.index[days_seen >= ANCHOR_MIN_DAYS])
        day_codes, day_labels = pd.factorize(df["day"], sort=True)
        is_anchor = df["task"].isin(anchors).to_numpy()
        a_index = df["task"].map({t: i for i, t in enumerate(anchors)}).fillna(-1).to_numpy(int)
        fam_codes, fam_labels = pd.factorize(df["family"].fillna("?"), sort=True)
        x = df["knob"].fillna(0.0).to_numpy(float)
        y, n = df["passed"].to_numpy(float), df["attempts"].to_numpy(float)
        nd, na, nf = len(day_labels), len(anchors), len(fam_labels)
        inst = ~is_anchor

        def unpack(p):
            return p[:nd], p[nd:nd + na], p[nd + na:nd + na + nf], p[nd + na + nf:nd + na + 2 * nf], p[-1]

        def loss(p):
            theta, b, mu, beta, log_s = unpack(p)
            c = np.sqrt(1 + PI_8 * np.exp(2 * log_s))
            b_row = np.r_[b, 0.0][a_index]  # index -1 (not an anchor) reads the padding
            raw = theta[day_codes] - np.where(is_anchor, b_row, mu[fam_codes] + beta[fam_codes] * x)
            eta = np.where(inst, raw / c, raw)
            ll = y * log_expit(eta) + (n - y) * log_expit(-eta)
            r = y - n * expit(eta)  # d loglik / d eta
            g_raw = np.where(inst, r / c, r)
            grad = np.concatenate([
                np.bincount(day_codes, g_raw, nd),
                -np.bincount(a_index[is_anchor], g_raw[is_anchor], na),
                -np.bincount(fam_codes[inst], g_raw[inst], nf),
                -np.bincount(fam_codes[inst], (g_raw * x)[inst], nf),
                [-np.sum((r * eta)[inst]) * PI_8 * np.exp(2 * log_s) / c**2],
            ])
            prior = p[:-1] / PRIOR_SD**2
            value = -ll.sum() + 0.5 * np.sum(p[:-1] ** 2) / PRIOR_SD**2 + 0.5 * (log_s + 0.5) ** 2
            return value, -grad + np.r_[prior, log_s + 0.5]

        p0 = np.zeros(nd + na + 2 * nf + 1)
        p0[-1] = -0.5
        res = optimize.minimize(loss, p0, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
        theta, b, mu, beta, log_s = unpack(res.x)
        has_instances = set(fam_codes[inst].tolist())
        families = {f: (float(mu[i]), float(beta[i])) for i, f in enumerate(fam_labels) if i in has_instances}
        tm = cls(dict(zip(anchors, map(float, b), strict=True)), families, float(np.exp(log_s)), float(theta.mean()))
        if set(share_channel.COLUMNS) <= set(df.columns):
            mean, c = tm.predict(df)
            tm.shares = share_channel.ShareModel.fit(
                share_channel.keys(df["task"], df["family"], anchors), (theta[day_codes] - mean) / c,
                df["share_sum"].to_numpy(float), df["share_n"].to_numpy(float))
        return tm

    def predict(self, tasks: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Per task row (task, family, knob): the predicted difficulty and the slope divisor c, so that
        P(pass) = logistic((theta - mean) / c). A family never seen gets the families' average and
        their spread added to the instance spread."""
        mus = np.array([m for m, _ in self.family.values()]) if self.family else np.zeros(1)
        unseen_c = np.sqrt(1 + PI_8 * (self.within_sd**2 + (mus.var() if len(mus) > 1 else 1.0)))
        family = tasks["family"].map({f: m for f, (m, _) in self.family.items()}).to_numpy(float)
        slope = tasks["family"].map({f: b for f, (_, b) in self.family.items()}).to_numpy(float)
        anchor = tasks["task"].map(self.anchor).to_numpy(float)
        knob = tasks["knob"].fillna(0.0).to_numpy(float)
        known = np.isfinite(family)
        mean = np.where(known, family + np.nan_to_num(slope) * knob, mus.mean())
        c = np.where(known, slope_divisor(self.within_sd), unseen_c)
        is_anchor = np.isfinite(anchor)
        mean, c = np.where(is_anchor, anchor, mean), np.where(is_anchor, 1.0, c)
        return mean, c

    def days(self, attempts: pd.DataFrame, tasks: pd.DataFrame, days: np.ndarray) -> DayEstimate:
        """Each of `days`' ability from its own attempts (day, task, attempts, passed; share_sum and
        share_n add the partial-credit channel when the training data showed it informative)."""
        df = attempts.merge(tasks[["task", "family", "knob"]], on="task", how="left")
        mean, c = self.predict(df)
        return day_estimates(df["day"].to_numpy(), df["passed"].to_numpy(float), df["attempts"].to_numpy(float),
                             mean, c, np.asarray(days), self.centre, self.share_rows(df, mean, c))

    def share_rows(self, df: pd.DataFrame, mean: np.ndarray, c: np.ndarray) -> share_channel.Rows | None:
        """`df`'s partial-credit observations (rows with day, task, family, share_sum, share_n)."""
        if self.shares is None or not set(share_channel.COLUMNS) <= set(df.columns):
            return None
        return self.shares.rows(df["day"].to_numpy(), share_channel.keys(df["task"], df["family"], list(self.anchor)),
                                df["share_sum"].to_numpy(float), df["share_n"].to_numpy(float), mean, c)


def day_estimates(day: np.ndarray, passed: np.ndarray, attempts: np.ndarray, mean: np.ndarray, c: np.ndarray,
                  days: np.ndarray, centre: float = 0.0, shares: share_channel.Rows | None = None) -> DayEstimate:
    """Vectorised Newton solve of every day at once: maximise sum(y eta - n softplus(eta)) with
    eta = (theta_d - mean) / c, under a Normal(centre, DAY_PRIOR_SD) prior, plus the partial-credit
    channel's quasi-likelihood when `shares` are given."""
    days = np.asarray(days)
    index = pd.Index(days).get_indexer(day)
    keep = index >= 0
    d, y, n, m, cc = index[keep], passed[keep], attempts[keep], mean[keep], c[keep]
    nd = len(days)
    if shares is not None:  # rows off the days being estimated are left out, as above
        s_index = pd.Index(days).get_indexer(shares.day)
        shares, s_index = shares.subset(s_index >= 0), s_index[s_index >= 0]

    def terms(theta):
        p = expit((theta[d] - m) / cc)
        grad = np.bincount(d, (y - n * p) / cc, nd) - (theta - centre) / DAY_PRIOR_SD**2
        info = np.bincount(d, n * p * (1 - p) / cc**2, nd) + 1 / DAY_PRIOR_SD**2
        if shares is not None:
            g, i = shares.terms(theta, s_index, nd)
            grad, info = grad + g, info + i
        return grad, info

    theta = np.full(nd, centre, dtype=float)
    for _ in range(25):
        grad, info = terms(theta)
        step = grad / info
        theta += np.clip(step, -2, 2)
        if np.max(np.abs(step)) < 1e-8:
            break
    info = terms(theta)[1]
    count = np.bincount(d, n, nd)
    theta[count == 0] = np.nan
    return DayEstimate(theta, 1 / np.sqrt(info), count)


def without_day_prior(theta: np.ndarray, se: np.ndarray, centre: float) -> tuple[np.ndarray, np.ndarray]:
    """(theta, se) with the day prior divided out (Gaussian approximation): what each day's attempts alone
    say, for a smoother that brings its own prior. The prior pulls every day towards the training days'
    centre, about 5% of a 2-logit step at 21 attempts a day, a bias a smoother pooling 20 days turns into
    bands that miss."""
    info = 1 / se**2
    own = info - 1 / DAY_PRIOR_SD**2
    seen = np.isfinite(theta) & (own > 0)  # a day without attempts has only the prior's information
    own = np.where(seen, own, 1.0)
    return np.where(seen, (theta * info - centre / DAY_PRIOR_SD**2) / own, np.nan), np.where(seen, own**-0.5, np.nan)


def expected_rate(theta: float | np.ndarray, mean: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Expected pass rate over tasks (mean, c) at ability theta (scalar or array)."""
    th = np.asarray(theta, dtype=float)
    return expit((th[..., None] - mean) / c).mean(-1)
