"""Every method's verdict on the same data for one agent and day: the Bayesian rule and the three peers.

Rows are plain dicts with day *indices* into the fit's calendar; analysis/fit.py turns them into
`Verdict` rows with dates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import detect, peers


@dataclass(frozen=True)
class PeerSettings:
    alpha: float = 0.05  # tracker and paired: one-sided significance level
    cusum_slack: float = 0.025  # half the 5-point shift the CUSUM is tuned for
    cusum_limit: float = 0.41  # alarm on S: one false alarm per 90 no-drop days (benchmarks/detection.py)


def bayes(rate: np.ndarray, wins: list[detect.Window], rule: detect.Rule,
          control: np.ndarray | None = None) -> list[dict]:
    """`rate`: (draws, day) of one agent; `control`: the control agent's draws, if one is pinned."""
    rows = []
    for method, ref in (("bayes", None), ("bayes_vs_control", control)):
        if method == "bayes_vs_control" and ref is None:
            continue
        for w in wins:
            d = detect.drop(rate, w, rule.delta, ref)
            rows.append(_window(w) | {"method": method, "drop": d.median, "drop_low": d.low, "drop_high": d.high,
                                      "p_drop": d.p_drop, "p_any_drop": d.p_any, "flagged": d.p_drop >= rule.watch,
                                      "status": rule.status(d.p_drop)})
    return rows


def peer_rows(passed: np.ndarray, attempts: np.ndarray, wins: list[detect.Window],
              settings: PeerSettings = PeerSettings()) -> list[dict]:
    """`passed`, `attempts`: (day, task) counts of one agent. The tracker's p0 is the raw pass rate of
    the longest window's baseline, fixed for all three windows, as the public tracker fixes it."""
    if not wins:
        return []
    longest = max(wins, key=lambda w: w.end - w.start)
    k0, n0 = passed[longest.baseline_start:longest.baseline_end + 1].sum(), attempts[
        longest.baseline_start:longest.baseline_end + 1].sum()
    if n0 == 0:
        return []
    p0 = k0 / n0
    daily = pd.DataFrame({"day": np.arange(len(passed)), "passed": passed.sum(1), "total": attempts.sum(1)})
    rows = []
    for w in wins:
        v = peers.tracker_verdicts(daily, w.end, p0, settings.alpha, windows=(w.end - w.start + 1,))[0]
        rows.append(_window(w) | {"method": "tracker", "attempts": v.total, "drop": p0 - v.rate if v.total else None,
                                  "p_value": v.p_value, "rate": v.rate if v.total else None, "rate_low": v.ci_low,
                                  "rate_high": v.ci_high, "p0": p0, "threshold": v.threshold,
                                  "flagged": v.significant, "status": "degraded" if v.significant else "ok"})
        pr = peers.paired_clustered(_per_task(passed, attempts, w.baseline_start, w.baseline_end),
                                    _per_task(passed, attempts, w.start, w.end))
        flagged = bool(pr.p_drop < settings.alpha) if pr.tasks >= 2 else False
        rows.append(_window(w) | {"method": "paired", "attempts": int(attempts[w.start:w.end + 1].sum()),
                                  "drop": -pr.mean_diff, "drop_low": -pr.mean_diff - 1.96 * pr.se_clustered,
                                  "drop_high": -pr.mean_diff + 1.96 * pr.se_clustered, "p_value": pr.p_drop,
                                  "flagged": flagged, "status": "degraded" if flagged else "ok"})
    # CUSUM runs over every observed day from the longest baseline's start to today.
    span = slice(longest.baseline_start, longest.end + 1)
    n_day = attempts[span].sum(1)
    rates = passed[span].sum(1)[n_day > 0] / n_day[n_day > 0]
    path, alarm = peers.cusum_lower(rates, p0, settings.cusum_slack, settings.cusum_limit)
    if len(path):
        today = _window(longest) | {"window": "daily", "start": longest.end}
        rows.append(today | {"method": "cusum", "attempts": int(attempts[longest.end].sum()), "p0": p0,
                             "statistic": float(path[-1]), "flagged": bool(alarm[-1]),
                             "status": "degraded" if alarm[-1] else "ok"})
    return rows


def _window(w: detect.Window) -> dict:
    return {"window": w.name, "start": w.start, "end": w.end, "baseline_start": w.baseline_start,
            "baseline_end": w.baseline_end}


def _per_task(passed: np.ndarray, attempts: np.ndarray, start: int, end: int) -> pd.DataFrame:
    return pd.DataFrame({"task": np.arange(passed.shape[1]), "passed": passed[start:end + 1].sum(0),
                         "total": attempts[start:end + 1].sum(0)})
