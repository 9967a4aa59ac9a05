"""The sequential verdict on stored attempts: for each agent and each of its streams (overall, and each
language or kind when grouped), the task model, the daily abilities and the alarm's judgement today.

Periods, for day index `today` (analysis/alarm.py `default_periods`, or a pinned baseline): the
monitored days (the gap since the baseline), the baseline, and the task model's training days, the
`TRAIN_DAYS` before the monitored period. A monitored day is never used to learn the tasks.

Partial credit (analysis/shares.py), where the training data show it informative, adds its evidence to
the alarm only. The size of a drop and the chart's levels come from pass/fail alone: the channel's
slope is learnt across tasks, and where it is mis-estimated the shift it implies is mis-scaled
(benchmarks/results/partial_credit.txt), while the evidence stays calibrated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis import alarm, changepoint, daily

TRAIN_DAYS = 120


@dataclass(frozen=True)
class StreamVerdict:
    stream: str  # "all", or "<grouping>:<group>"
    judgement: alarm.Judgement
    baseline: slice  # day indices
    monitored: slice
    attempts: int  # in the monitored days
    task_model: daily.TaskModel
    estimate: daily.DayEstimate  # days 0..today: the alarm's evidence, with partial credit where used
    passed: np.ndarray  # per day 0..today
    levels: changepoint.Levels  # pass/fail alone, the same days from the stream's first with attempts (`first`)
    first: int
    reference: tuple[np.ndarray, np.ndarray]  # (mean, c) of the baseline's tasks: ability -> pass rate

    def rate(self, theta) -> np.ndarray:
        """Expected pass rate on the baseline's tasks at ability `theta` (monotone, so quantiles map)."""
        return daily.expected_rate(theta, *self.reference)

    def fall(self, shift: float) -> float:
        """Points of pass rate on the baseline's tasks lost when ability falls by `shift` from the baseline."""
        theta = self.judgement.base.theta
        return float(np.subtract(*self.rate(np.array([theta, theta - shift]))))

    @property
    def drop(self) -> float | None:
        """The judged drop since the estimated change (positive = worse); None when S = 0."""
        return None if self.judgement.shift is None else self.fall(-self.judgement.shift)

    def detectable_drop(self, h: float, rule: alarm.AlarmRule, within: float = 7.0) -> float:
        """Points of pass rate on the baseline's tasks that reach threshold `h` `within` days after a sudden
        drop on average, at the spread of the stream's last 30 days with attempts."""
        j, est = self.judgement, self.estimate
        se = est.se[np.isfinite(est.theta)][-30:]
        sd = float(np.median(j.base.scale(se)))
        return self.fall(alarm.detectable_shift(h, rule.k, within) * sd)


def periods(today: int, rule: alarm.AlarmRule, pinned: tuple[int, int] | None = None) -> tuple[slice, slice]:
    """(baseline, monitored). A pinned baseline (inclusive day indices) must end before today; the
    monitored days are then every day after it."""
    if pinned is None:
        return alarm.default_periods(today, rule)
    start, end = pinned
    if start < 0 or end >= today or end < start:
        raise ValueError(f"the pinned baseline (day indices {start}..{end}) must lie within the data and end "
                         f"before today (index {today})")
    return slice(start, end + 1), slice(end + 1, today + 1)


RULE = alarm.AlarmRule()
PASS_FAIL = ["day", "task", "attempts", "passed"]


def judge_agent(attempts: pd.DataFrame, tasks: pd.DataFrame, today: int, rule: alarm.AlarmRule = RULE,
                group_by: str | None = None, pinned: tuple[int, int] | None = None) -> list[StreamVerdict]:
    """`attempts`: one agent's day (integer index), task, attempts, passed, optionally share_sum and
    share_n (analysis/shares.py). `tasks`: task, family, knob and `group_by`'s column. Streams without
    two baseline days with attempts are skipped."""
    base, monitored = periods(today, rule, pinned)
    train = attempts[(attempts["day"] < monitored.start) & (attempts["day"] >= monitored.start - TRAIN_DAYS)]
    if train["day"].nunique() < 2:
        return []
    tm = daily.TaskModel.fit(train, tasks)
    df = attempts.merge(tasks, on="task", how="left")
    groups = sorted(df[group_by].dropna().unique()) if group_by else []
    streams = [("all", df)] + [(f"{group_by}:{g}", df[df[group_by] == g]) for g in groups]
    out = []
    days = np.arange(today + 1)
    for name, sub in streams:
        est = tm.days(sub[[c for c in attempts.columns if c in sub.columns]], tasks, days)
        if np.isfinite(est.theta[base]).sum() < 2 or not np.isfinite(est.theta[monitored]).any():
            continue
        j = alarm.judge(est.theta, est.se, monitored, base, rule, len(groups), overall=name == "all")
        pf = est if tm.shares is None or not tm.shares.informative else tm.days(sub[PASS_FAIL], tasks, days)
        if pf is not est and j.change_index is not None:
            since = pf.theta[monitored][j.change_index:]
            j = replace(j, shift=float(np.nanmean(since - alarm.baseline(pf.theta[base], pf.se[base]).theta)))
        base_tasks = sub.loc[sub["day"].between(base.start, base.stop - 1), ["task"]].drop_duplicates()
        reference = tm.predict(base_tasks.merge(tasks, on="task", how="left"))
        first = int(np.flatnonzero(np.isfinite(est.theta))[0])
        passed = np.bincount(sub["day"], sub["passed"], today + 1).astype(int)
        theta, se = daily.without_day_prior(pf.theta, pf.se, tm.centre)
        out.append(StreamVerdict(name, j, base, monitored, int(est.attempts[monitored].sum()), tm, est, passed,
                                 changepoint.levels(theta[first:], se[first:]), first, reference))
    return out
