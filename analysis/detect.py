"""From a posterior to a verdict: windows, P(degradation), the decision rule, and what the tracker can see.

For a window (today, the last 7 or 30 days) and its baseline (by default the 30 days before the
window; a pinned period when the user names one), the drop is the mean expected pass rate over the
baseline minus the mean over the window, computed draw by draw: the baseline is a posterior quantity
with its own uncertainty, never a constant. P(drop > delta) is the headline; P(drop > 0) goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from core.schema import WINDOW_DAYS
from core.settings import DELTA, P_DEGRADED, P_WATCH


@dataclass(frozen=True)
class Rule:
    """The decision rule, fixed in config. A window is flagged when P(drop > delta) reaches a threshold;
    the agent's status is the worst over the three windows. Measured with benchmarks/detection.py on
    900 no-drop days (three windows tested daily, as here): max P >= 0.68 flags 1.1% of them, about
    one false alarm per 90 days, hence 'watch' at 0.70; 'degraded' at 0.95 flagged none."""

    delta: float = DELTA  # practical threshold, as a pass-rate fraction
    watch: float = P_WATCH
    degraded: float = P_DEGRADED
    baseline_days: int = 30

    def status(self, p: float) -> str:
        return "degraded" if p >= self.degraded else "watch" if p >= self.watch else "ok"


@dataclass(frozen=True)
class Window:
    name: str
    start: int  # day indices into the fit's calendar, inclusive
    end: int
    baseline_start: int
    baseline_end: int


def windows(last: int, rule: Rule = Rule(), baseline: tuple[int, int] | None = None) -> list[Window]:
    """The three windows ending on day index `last`; those whose baseline falls before the data are skipped."""
    out = []
    for name, length in WINDOW_DAYS.items():
        start = last - length + 1
        b0, b1 = baseline if baseline else (start - rule.baseline_days, start - 1)
        if b0 >= 0 and start >= 0 and b1 >= b0:
            out.append(Window(name, start, last, b0, b1))
    return out


@dataclass(frozen=True)
class DropEstimate:
    """The posterior of one window's drop (a simulation's true drop is analysis/simulate.py `InjectedDrop`)."""

    p_drop: float  # P(drop > delta)
    p_any: float  # P(drop > 0)
    median: float  # drop in pass-rate fraction, positive = worse
    low: float  # 90% credible interval
    high: float


def drop(rate_draws: np.ndarray, w: Window, delta: float, reference: np.ndarray | None = None) -> DropEstimate:
    """`rate_draws`: (draws, day) expected pass rate of one agent. With `reference` (a control agent's
    draws), the drop is the agent's drop minus the control's: a harness or infrastructure change moves
    both, a model change only the agent."""
    def change(x):
        return x[:, w.baseline_start:w.baseline_end + 1].mean(1) - x[:, w.start:w.end + 1].mean(1)

    d = change(rate_draws) - (change(reference) if reference is not None else 0.0)
    lo, med, hi = np.quantile(d, [0.05, 0.5, 0.95])
    return DropEstimate(float(np.mean(d > delta)), float(np.mean(d > 0)), float(med), float(lo), float(hi))


def minimum_detectable_drop(info_per_day: float, slope: float, sigma_walk: float, rule: Rule = Rule(),
                            within: int = 7, power: float = 0.8) -> float:
    """The sudden drop (pass-rate fraction) the rule flags with probability `power` on the `within`-th
    day after it, judging the `within`-day window against its baseline.

    A Gaussian approximation of the fitted model: ability is a random walk with step `sigma_walk`, each
    day observed with Fisher information `info_per_day` (the sum over the day's attempts of
    p(1 - p)), and `slope` = d(pass rate)/d(ability) at the current level. The posterior mean of the
    window-minus-baseline contrast is then linear in the data, so its sampling distribution under a
    true drop, and the posterior sd the rule sees, are exact for this approximation.
    benchmarks/detection.py compares it with the full model's simulated detection."""
    days = rule.baseline_days + within
    diff = np.diff(np.eye(days), axis=0)
    precision = diff.T @ diff / sigma_walk**2 + np.eye(days) * (info_per_day + 1e-9)
    cov = np.linalg.inv(precision)
    c = np.r_[np.full(rule.baseline_days, 1 / rule.baseline_days), np.full(within, -1 / within)]  # baseline - window
    gain = c @ cov @ (info_per_day * np.r_[np.zeros(rule.baseline_days), np.ones(within)])
    sd_posterior = np.sqrt(c @ cov @ c)
    sd_sampling = np.sqrt(info_per_day * c @ cov @ cov @ c)
    needed = rule.delta / slope + stats.norm.ppf(rule.degraded) * sd_posterior + stats.norm.ppf(power) * sd_sampling
    return float(-needed / gain * slope) if gain < 0 else float("inf")
