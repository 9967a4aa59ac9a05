"""Posterior predictive checks of the ability model: does data drawn from the fitted model look like the data?

For each of `draws` posterior draws, new pass counts are drawn in every attempted (agent, day, task) cell
with the same attempts. Each check is a Pearson discrepancy (Gelman, Meng & Stern 1996): counts summed
over a block of cells against the same draw's expectation, (Y - E)^2 / Var, averaged over blocks, for the
real counts and the replicated ones. The Bayesian p-value is P(replicated >= real); a value near 0 or 1
says the data vary in a way the model does not. Each block aims at one way the model's story could fail:

  day               all tasks of one agent-day: day-level shocks (the model lets days differ only
                    through the smooth walk and binomial noise)
  cell              the repeats of one task on one day (cells with two or more): task-by-day
                    over-dispersion, repeats that agree more than chance
  task and period   one task over PERIOD_DAYS days: difficulties that drift (the model holds each
                    task's difficulty fixed)

and one check of the ability path itself, *walk steps* (`_walk_check`): day shocks that the walk
absorbed instead of leaving them in the counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from analysis import model

EXTREME = 0.01  # a p-value below this or above 1 - this flags the check
PERIOD_DAYS = 10


@dataclass(frozen=True)
class Check:
    name: str
    observed: float  # mean over the draws of the real counts' discrepancy
    replicated: float  # median of the replicated counts' discrepancy
    p_value: float  # P(replicated >= real)

    @property
    def flagged(self) -> bool:
        return not EXTREME <= self.p_value <= 1 - EXTREME


def _by_period(x: np.ndarray) -> np.ndarray:
    agents, days, tasks = x.shape
    periods = days // PERIOD_DAYS
    return x[:, :periods * PERIOD_DAYS].reshape(agents, periods, PERIOD_DAYS, tasks).sum(2)


BLOCKS = {"day": lambda x, n: x.sum(-1),
          "cell": lambda x, n: x[n >= 2],
          "task and period": lambda x, n: _by_period(x)}


def discrepancy(passed: np.ndarray, attempts: np.ndarray, p: np.ndarray, block: str) -> float:
    """Mean Pearson discrepancy of `passed` against expectation `p` over the named blocks; NaN without any."""
    reduce = BLOCKS[block]
    y, e, v = (reduce(x, attempts) for x in (passed, attempts * p, attempts * p * (1 - p)))
    ok = v > 1e-9
    return float(np.mean((y[ok] - e[ok]) ** 2 / v[ok])) if ok.any() else np.nan


def check(idata, cells: model.Cells, draws: int = 200, seed: int = 0) -> list[Check]:
    """The pass/fail model's checks, one per block that the data can form."""
    rng = np.random.default_rng(seed)
    theta, b = model.draws_of(idata, "theta"), model.draws_of(idata, "difficulty")
    group = model.draws_of(idata, "group_deviation") if cells.group is not None else None
    picks = rng.choice(len(theta), size=min(draws, len(theta)), replace=False)
    y, n = cells.passed, cells.attempts
    real, replicated = {k: [] for k in BLOCKS}, {k: [] for k in BLOCKS}
    for i in picks:
        eta = theta[i][:, :, None] - b[i][None, None, :]
        if group is not None:
            eta = eta + group[i][:, cells.group, :].transpose(0, 2, 1)
        p = expit(eta)
        rep = rng.binomial(n, p)
        for block in BLOCKS:
            real[block].append(discrepancy(y, n, p, block))
            replicated[block].append(discrepancy(rep, n, p, block))
    out = []
    for block in BLOCKS:
        obs, rep = np.array(real[block]), np.array(replicated[block])
        if np.isnan(obs).all():
            continue
        out.append(Check(block, float(np.mean(obs)), float(np.median(rep)), float(np.mean(rep >= obs))))
    if theta.shape[-1] >= 10:
        out.append(_walk_check(theta[picks], model.draws_of(idata, "sigma_walk")[picks], rng))
    return out


def _walk_check(theta: np.ndarray, sigma: np.ndarray, rng) -> Check:
    """Day shocks the walk has absorbed. A walk flexible enough to follow independent day-to-day shocks
    fits the counts (the *day* check cannot see them), but its steps then alternate: a shock up is a
    step up followed by one down. Under the model, a posterior draw of the path is, across data sets,
    distributed as a prior draw, so its steps are independent; the discrepancy is minus their lag-1
    autocorrelation, against steps drawn independently at the same draw's sigma_walk."""
    steps = np.diff(theta, axis=-1)  # (draws, agents, days - 1)
    fresh = rng.normal(0.0, 1.0, steps.shape) * sigma[:, :, None]
    real, replicated = -_lag1(steps), -_lag1(fresh)
    return Check("walk steps", float(np.mean(real)), float(np.median(replicated)),
                 float(np.mean(replicated >= real)))


def _lag1(x: np.ndarray) -> np.ndarray:
    """Lag-1 autocorrelation along the last axis, averaged over agents: (draws,)."""
    x = x - x.mean(-1, keepdims=True)
    return ((x[..., 1:] * x[..., :-1]).sum(-1) / np.maximum((x * x).sum(-1), 1e-300)).mean(-1)
