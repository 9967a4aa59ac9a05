"""The alarm rule shipped before the baseline's dispersion was estimated untruncated (analysis/alarm.py):
a DerSimonian-Laird tau^2, truncated at 0, widening every z, with thresholds calibrated on days of known
variance. Kept for the benchmarks that compare the two on the same histories (dispersion.py,
detection.py)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import alarm

RULE = alarm.AlarmRule()


@functools.lru_cache(maxsize=8)
def thresholds(groups: int, overall: bool) -> tuple[float, float]:
    """The thresholds shipped before: calibrated on days of known variance."""
    e = alarm.null_days(alarm.NULL_YEARS, RULE.baseline_days + RULE.gap_days + int(alarm.DAYS_PER_YEAR))
    paths = alarm.pipeline_paths(e, RULE.k, RULE.baseline_days, RULE.gap_days, "known")
    share = 1.0 if groups == 0 else RULE.overall_share if overall else (1 - RULE.overall_share) / groups
    return alarm.calibrated(paths, RULE.watch_years / share), alarm.calibrated(paths, RULE.degraded_years / share)


def judge(theta: np.ndarray, se: np.ndarray, monitored: slice, base_days: slice, groups: int, overall: bool) -> str:
    """The rule shipped before: DerSimonian-Laird tau^2 (truncated at 0) widening every z."""
    ok = np.isfinite(theta[base_days])
    t, v = theta[base_days][ok], se[base_days][ok] ** 2
    w = 1 / v
    fixed = np.sum(w * t) / w.sum()
    q = np.sum(w * (t - fixed) ** 2)
    tau2 = max(0.0, (q - (len(t) - 1)) / (w.sum() - np.sum(w**2) / w.sum()))
    w = 1 / (v + tau2)
    z = (theta[monitored] - np.sum(w * t) / w.sum()) / np.sqrt(se[monitored] ** 2 + tau2 + 1 / w.sum())
    s = alarm.cusum(z, RULE.k)[-1]
    h_watch, h_degraded = thresholds(groups, overall)
    return "degraded" if s >= h_degraded else "watch" if s >= h_watch else "ok"
