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
             tests: int = 0, concentration: float = 5.0) -> History:
    """With `tests` > 0 (one attempt per task and day), each attempt runs that many tests and passes a
    beta-binomial share of them around the pass probability; it passes when all of them pass."""
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


def _draw(theta: np.ndarray, b: np.ndarray, repeats: int, rng) -> History:
    agents, days = theta.shape
    p = expit(theta[:, :, None] - b)  # (agents, days, tasks)
    passed = rng.binomial(repeats, p)
    a, d, t = np.meshgrid(np.arange(agents), np.arange(days), np.arange(len(b)), indexing="ij")
    df = pd.DataFrame({"agent": a.ravel(), "day": d.ravel(), "task": t.ravel(), "attempts": repeats,
                       "passed": passed.ravel()})
    return History(df, theta, b, expected_rate(theta, b))


def _draw_tests(theta: np.ndarray, b: np.ndarray, tests: int, concentration: float, rng) -> History:
    h = _draw(theta, b, 1, rng)
    p = expit(theta[:, :, None] - b).ravel()
    k = rng.binomial(tests, rng.beta(p * concentration, (1 - p) * concentration))
    h.attempts["tests_passed"], h.attempts["tests_total"] = k, tests
    h.attempts["passed"] = (k == tests).astype(int)
    return h
