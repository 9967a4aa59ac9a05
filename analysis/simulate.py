"""Synthetic histories with a known truth, to validate the model and compare detection rules.

`simulate` follows the model's own assumptions: logit P(pass) = theta[agent, day] - b[task], with
theta a Gaussian random walk plus an injected drop, and b ~ Normal(0, sd). Histories that break them
on purpose (flaky tasks, drifting difficulty, day shocks, rotating instances and a changing mix) are
analysis/simulate_rotation.py's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.special import expit


@dataclass(frozen=True)
class InjectedDrop:
    """The true drop a simulation injects (analysis/detect.py `DropEstimate` is what is estimated): a
    drop of `points` in expected pass rate, starting on `start` and reached after `ramp_days` (0:
    sudden; 30: a slow slide)."""

    points: float = 0.0
    start: int = 0
    ramp_days: int = 0




@dataclass(frozen=True)
class Departures:
    """Ways the data can break the model's assumptions (all logits): a shock shared by all tasks of one
    agent-day, a task-by-day effect shared by that day's repeats of a task, and a daily random-walk step
    of every task's difficulty."""

    day_shock_sd: float = 0.0
    overdispersion_sd: float = 0.0
    drift_sd: float = 0.0


@dataclass
class History:
    attempts: pd.DataFrame  # agent, day, task, attempts, passed
    theta: np.ndarray  # (agents, days) true ability
    difficulty: np.ndarray  # (tasks,)
    pass_rate: np.ndarray  # (agents, days) expected pass rate on the suite: mean_t logistic(theta - b)


def expected_rate(theta: np.ndarray, b: np.ndarray) -> np.ndarray:
    return expit(theta[..., None] - b).mean(axis=-1)


def level_for(rate: float, b: np.ndarray) -> float:
    """The ability whose expected pass rate on tasks `b` is `rate`."""
    return optimize.brentq(lambda th: expit(th - b).mean() - rate, -20, 20)


def simulate(*, agents: int = 1, days: int = 90, tasks: int = 50, repeats: int = 1, base_rate: float = 0.55,
             difficulty_sd: float = 1.5, walk_sd: float = 0.05, drop: InjectedDrop = InjectedDrop(), seed: int = 0,
             tests: int = 0, concentration: float = 5.0, departures: Departures = Departures()) -> History:
    """`pass_rate` is the truth without `departures` (the model's estimand). With `tests` > 0 (one attempt
    per task and day), each attempt runs that many tests and passes a beta-binomial share of them around
    the pass probability; it passes when all of them pass."""
    rng = np.random.default_rng(seed)
    b = rng.normal(0, difficulty_sd, tasks)
    b -= b.mean()
    level = level_for(base_rate, b)
    walk = np.cumsum(rng.normal(0, walk_sd, (agents, days)), axis=1)
    walk -= walk[:, :1]
    theta = level + walk
    if drop.points:
        theta = _apply_drop(theta, b, drop)
    if tests:
        return _draw_tests(theta, b, tests, concentration, rng)
    if departures != Departures():
        return _draw_departing(theta, b, repeats, departures, rng)
    return _draw(theta, b, repeats, rng)


def _apply_drop(theta: np.ndarray, b: np.ndarray, drop: InjectedDrop) -> np.ndarray:
    """Shift theta so the expected pass rate falls by `points` (on the pass-rate scale, as reported)."""
    days = theta.shape[1]
    ramp = np.clip((np.arange(days) - drop.start + 1) / max(drop.ramp_days, 1), 0, 1)
    ramp[np.arange(days) < drop.start] = 0
    out = theta.copy()
    for a in range(theta.shape[0]):
        for d in range(drop.start, days):
            target = expit(theta[a, d] - b).mean() - drop.points / 100 * ramp[d]
            out[a, d] = level_for(target, b)
    return out


def _draw(theta: np.ndarray, b: np.ndarray, repeats: int, rng, eta: np.ndarray | None = None) -> History:
    """Counts drawn at logits `eta` (agents, days, tasks); by default the model's theta - b."""
    agents, days = theta.shape
    passed = rng.binomial(repeats, expit(theta[:, :, None] - b if eta is None else eta))
    a, d, t = np.meshgrid(np.arange(agents), np.arange(days), np.arange(len(b)), indexing="ij")
    df = pd.DataFrame({"agent": a.ravel(), "day": d.ravel(), "task": t.ravel(), "attempts": repeats,
                       "passed": passed.ravel()})
    return History(df, theta, b, expected_rate(theta, b))


def _draw_departing(theta: np.ndarray, b: np.ndarray, repeats: int, dep: Departures, rng) -> History:
    agents, days = theta.shape
    eta = (theta + rng.normal(0, dep.day_shock_sd, (agents, days)))[:, :, None] - b
    eta = eta - np.cumsum(rng.normal(0, dep.drift_sd, (days, len(b))), axis=0)[None]
    return _draw(theta, b, repeats, rng, eta + rng.normal(0, dep.overdispersion_sd, eta.shape))


def _draw_tests(theta: np.ndarray, b: np.ndarray, tests: int, concentration: float, rng) -> History:
    h = _draw(theta, b, 1, rng)
    p = expit(theta[:, :, None] - b).ravel()
    k = rng.binomial(tests, rng.beta(p * concentration, (1 - p) * concentration))
    h.attempts["tests_passed"], h.attempts["tests_total"] = k, tests
    h.attempts["passed"] = (k == tests).astype(int)
    return h


@dataclass
class PriorDraw:
    """Every latent of analysis/model.py's pass/fail model for one agent, drawn from its prior."""

    theta: np.ndarray  # (days,)
    difficulty: np.ndarray  # (tasks,), the anchored ones sum to 0
    sigma_walk: float
    sigma_b: float
    family_difficulty: np.ndarray | None  # (families,), sums to 0 when every task is anchored

    @property
    def pass_rate(self) -> np.ndarray:
        return expected_rate(self.theta, self.difficulty)


def from_prior(days: int, tasks: int, rng, family: np.ndarray | None = None, anchored: np.ndarray | None = None,
               priors=None) -> PriorDraw:
    """One draw from the model's prior (`family`: each task's family index, None: one suite; `anchored`:
    the tasks whose difficulties sum to 0, as analysis/model.py `anchored` picks them, None: all).
    A Normal vector given that it sums to 0 is, for equal sds, the vector minus its mean: the mean of
    iid Normals is independent of their deviations from it."""
    from analysis import model, walk

    priors = priors or model.Priors()
    sigma_walk = float(np.exp(rng.normal(np.log(priors.walk_median), priors.walk_log_sd)))
    sigma_b = abs(rng.normal(0, priors.difficulty_sd))
    anchored = np.ones(tasks, bool) if anchored is None else anchored
    fam, mu = None, 0.0
    if family is not None:
        fam = rng.normal(0, abs(rng.normal(0, 1.0)), family.max() + 1)
        if anchored.all():
            fam -= fam.mean()
        mu = fam[family]
    b = rng.normal(mu, sigma_b, tasks)
    phi, lam = walk.dct_basis(days)
    theta = rng.normal(0, priors.level_sd) + phi @ rng.normal(0, sigma_walk / np.sqrt(lam))
    b[anchored] -= b[anchored].mean()
    return PriorDraw(theta, b, sigma_walk, sigma_b, fam)
