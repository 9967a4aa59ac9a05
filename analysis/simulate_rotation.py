"""Synthetic histories of a daily plan like the shipped one: fixed anchors plus fresh generated instances.

A world has families of generated tasks (each with a language, a mean difficulty and a knob slope)
and anchor tasks run every day. An instance's difficulty is

    b = mu[family] + beta[family] * (knob - 1) + Normal(0, within_sd)

Each day the plan names the families and knobs of its rotating instances (uniform, or chosen by
analysis/design.py); the world draws the instances and their outcomes. The truth it knows, and
reports, is the agent's ability on the day and the expected pass rate on a fixed reference
population of tasks, so a change in the day's mix is not a change in the truth.

Ways reality can depart from the analysis's story, each a knob of `World`: a day-level shock to
ability, task-by-day over-dispersion, flaky anchors that pass half the time whatever the agent does,
difficulties that drift, and a family mix that tilts towards harder (or easier) families on a day.

With `tests` > 0 every task has 2 to `tests` tests and records tests passed: a failed attempt passes
k ~ Binomial(m - 1, s) of them, s ~ Beta around logistic(share_slope * eta + offset[task]), eta the
attempt's logit of passing; `share_slope` = 0 makes partial credit carry nothing about the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.special import expit

from core.design import slope_divisor

KNOBS = (0, 1, 2)


@dataclass(frozen=True)
class Drop:
    points: float = 0.0  # on the reference population's pass rate (or the language's, with `language`)
    start: int = 0
    ramp_days: int = 0  # 0: a sudden step; 30: a slide over 30 days
    language: int | None = None  # a drop confined to one language


@dataclass(frozen=True)
class World:
    per_day: int = 200  # attempts a day, one per task
    anchor_share: float = 0.2
    families: int = 20
    languages: int = 5
    family_sd: float = 1.0
    within_sd: float = 0.7
    anchor_sd: float = 1.5
    base_rate: float = 0.55
    day_shock_sd: float = 0.0
    overdispersion_sd: float = 0.0  # task x day, logits
    flaky_share: float = 0.0  # share of anchors that pass with probability 0.5
    drift_sd: float = 0.0  # daily random-walk step of every difficulty (anchors and family means)
    mix_tilt: float = 0.0  # from `mix_from` on, family log-weights tilt by this per sd of family difficulty
    mix_from: int = 0
    tests: int = 0  # the most tests a task has (0: tests passed not recorded)
    share_slope: float = 1.0  # how a failed attempt's share of tests passed follows its logit
    share_concentration: float = 3.0  # of the Beta the share is drawn from (tests of one attempt correlate)
    share_offset_sd: float = 0.5  # per task: how generous its tests are
    drop: Drop = field(default_factory=Drop)

    @property
    def anchors(self) -> int:
        return max(round(self.per_day * self.anchor_share), 1)


class History:
    """One simulated agent in one world, generated day by day as the plan asks."""

    def __init__(self, world: World, days: int, seed: int):
        self.w, self.days = world, days
        rng = self.rng = np.random.default_rng(seed)
        f = world.families
        self.mu0 = rng.normal(0, world.family_sd, f)
        self.beta = rng.normal(0.5, 0.2, f)
        self.family_language = np.arange(f) % world.languages
        self.anchor_b0 = rng.normal(0, world.anchor_sd, world.anchors)
        self.anchor_language = rng.integers(0, world.languages, world.anchors)
        self.flaky = rng.random(world.anchors) < world.flaky_share
        steps = rng.normal(0, world.drift_sd, (days, f + world.anchors)) if world.drift_sd else np.zeros((days, 1))
        self.drift = np.cumsum(steps, axis=0)
        # The reference population the truth is reported on: the anchors and 50 instances per family.
        ref_f = np.repeat(np.arange(f), 50)
        ref_x = rng.choice(KNOBS, len(ref_f))
        self.ref_b = np.r_[self.anchor_b0, self.mu0[ref_f] + self.beta[ref_f] * (ref_x - 1)
                           + rng.normal(0, world.within_sd, len(ref_f))]
        self.ref_language = np.r_[self.anchor_language, self.family_language[ref_f]]
        self.level = _level(world.base_rate, self.ref_b)
        self.shift = self.drop_ramp(world.drop)[:, None] * self.full_shift(world.drop)
        self.shock = rng.normal(0, world.day_shock_sd, days) if world.day_shock_sd else np.zeros(days)
        if world.tests:
            self.anchor_tests = rng.integers(2, world.tests + 1, world.anchors)
            self.anchor_offset = rng.normal(0, world.share_offset_sd, world.anchors)
        self.rows: list[pd.DataFrame] = []
        self.next_id = 0

    def full_shift(self, drop: Drop) -> np.ndarray:
        """(languages,) the ability shift, logits, once `drop` is complete (what an oracle assumes)."""
        out = np.zeros(self.w.languages)
        if not drop.points:
            return out
        mask = self.ref_language == drop.language if drop.language is not None else np.ones(len(self.ref_b), bool)
        base = expit(self.level - self.ref_b[mask]).mean()
        full = _level(base - drop.points / 100, self.ref_b[mask]) - self.level
        out[[drop.language] if drop.language is not None else slice(None)] = full
        return out

    def drop_ramp(self, drop: Drop) -> np.ndarray:
        days = np.arange(self.days)
        ramp = np.clip((days - drop.start + 1) / max(drop.ramp_days, 1), 0, 1)
        return np.where(days >= drop.start, ramp, 0.0)

    def family_weights(self, day: int) -> np.ndarray:
        z = (self.mu0 - self.mu0.mean()) / (self.mu0.std() + 1e-9)
        logw = (self.w.mix_tilt if day >= self.w.mix_from else 0.0) * z
        return np.exp(logw) / np.exp(logw).sum()

    def uniform_plan(self, day: int) -> tuple[np.ndarray, np.ndarray]:
        n = self.w.per_day - self.w.anchors
        return self.rng.choice(self.w.families, n, p=self.family_weights(day)), self.rng.choice(KNOBS, n)

    def run_day(self, day: int, families: np.ndarray, knobs: np.ndarray) -> pd.DataFrame:
        """Attempt every anchor and one instance per (family, knob) pair given; return the day's rows."""
        w, rng, a = self.w, self.rng, self.w.anchors
        drift = self.drift[min(day, len(self.drift) - 1)]
        fam_drift = drift[:w.families] if w.drift_sd else 0.0
        anc_drift = drift[w.families:] if w.drift_sd else 0.0
        inst_b = ((self.mu0 + fam_drift)[families] + self.beta[families] * (knobs - 1)
                  + rng.normal(0, w.within_sd, len(families)))
        b = np.r_[self.anchor_b0 + anc_drift, inst_b]
        language = np.r_[self.anchor_language, self.family_language[families]]
        theta = self.level + self.shift[day, language] + self.shock[day]
        eta = theta - b + (rng.normal(0, w.overdispersion_sd, len(b)) if w.overdispersion_sd else 0.0)
        p = expit(eta)
        p[:a][self.flaky] = 0.5
        passed = rng.random(len(b)) < p
        ids = [f"anchor-{i}" for i in range(a)] + [f"inst-{self.next_id + i}" for i in range(len(families))]
        self.next_id += len(families)
        df = pd.DataFrame({"day": day, "task": ids, "attempts": 1, "passed": passed.astype(int),
                           "family": [f"anchors-{i}" for i in range(a)] + [f"family-{f}" for f in families],
                           "knob": np.r_[np.zeros(a), knobs - 1.0], "language": language, "b": b})
        if w.tests:
            df["tests_total"], df["tests_passed"] = self._tests(eta, passed, len(families))
        self.rows.append(df)
        return df

    def _tests(self, eta: np.ndarray, passed: np.ndarray, instances: int) -> tuple[np.ndarray, np.ndarray]:
        w, rng = self.w, self.rng
        m = np.r_[self.anchor_tests, rng.integers(2, w.tests + 1, instances)]
        offset = np.r_[self.anchor_offset, rng.normal(0, w.share_offset_sd, instances)]
        return m, np.where(passed, m, failed_tests(m, eta, offset, rng, w))

    def true_rate(self, shocks: bool = True) -> np.ndarray:
        """(days,) expected pass rate on the reference population: with the day shocks (or without,
        the sustained level), the task-by-day over-dispersion averaged over (probit approximation),
        and flaky anchors at one half."""
        theta = self.level + self.shift[:, self.ref_language] + (self.shock[:, None] if shocks else 0.0)
        p = expit((theta - self.ref_b) / slope_divisor(self.w.overdispersion_sd))
        p[:, :self.w.anchors][:, self.flaky] = 0.5
        return p.mean(1)

    def attempts(self) -> pd.DataFrame:
        return pd.concat(self.rows, ignore_index=True)


def _level(rate: float, b: np.ndarray) -> float:
    return optimize.brentq(lambda th: expit(th - b).mean() - rate, -20, 20)


def failed_tests(tests: np.ndarray, eta: np.ndarray, offset: np.ndarray, rng, world: World = World()) -> np.ndarray:
    """Tests passed by failed attempts with `tests` tests each (a single test, failed, gives 0), logit of
    passing `eta` and per-task offset: k ~ Binomial(tests - 1, s), s ~ Beta around
    logistic(share_slope * eta + offset)."""
    q = expit(world.share_slope * eta + offset)
    s = rng.beta(q * world.share_concentration, (1 - q) * world.share_concentration)
    return rng.binomial(tests - 1, s)
