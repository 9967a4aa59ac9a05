"""The sequential verdict on stored attempts: for each agent and each of its streams (overall, and each
language or kind when grouped), the task model, the daily abilities and the alarm's judgement today.

Periods, for day index `today` (analysis/alarm.py `default_periods`, or a pinned baseline): the
monitored days (the gap since the baseline), the baseline, and the task model's training days, the
`TRAIN_DAYS` before the monitored period. A monitored day is never used to learn the tasks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import alarm, daily

TRAIN_DAYS = 120


@dataclass(frozen=True)
class StreamVerdict:
    stream: str  # "all", or "<grouping>:<group>"
    judgement: alarm.Judgement
    baseline: slice  # day indices
    monitored: slice
    attempts: int  # in the monitored days
    drop: float | None  # estimated drop in expected pass rate on the baseline's tasks (positive = worse)
    task_model: daily.TaskModel


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


def judge_agent(attempts: pd.DataFrame, tasks: pd.DataFrame, today: int, rule: alarm.AlarmRule = RULE,
                group_by: str | None = None, pinned: tuple[int, int] | None = None) -> list[StreamVerdict]:
    """`attempts`: one agent's day (integer index), task, attempts, passed. `tasks`: task, family, knob
    and `group_by`'s column. Streams without two baseline days with attempts are skipped."""
    base, monitored = periods(today, rule, pinned)
    train = attempts[(attempts["day"] < monitored.start) & (attempts["day"] >= monitored.start - TRAIN_DAYS)]
    if train["day"].nunique() < 2:
        return []
    tm = daily.TaskModel.fit(train, tasks)
    df = attempts.merge(tasks, on="task", how="left")
    groups = sorted(df[group_by].dropna().unique()) if group_by else []
    streams = [("all", df)] + [(f"{group_by}:{g}", df[df[group_by] == g]) for g in groups]
    out = []
    for name, sub in streams:
        est = tm.days(sub[["day", "task", "attempts", "passed"]], tasks, np.arange(today + 1))
        if np.isfinite(est.theta[base]).sum() < 2 or not np.isfinite(est.theta[monitored]).any():
            continue
        j = alarm.judge(est.theta, est.se, monitored, base, rule, len(groups), overall=name == "all")
        out.append(StreamVerdict(name, j, base, monitored, int(est.attempts[monitored].sum()),
                                 _drop(tm, sub[sub["day"].between(base.start, base.stop - 1)], tasks, j), tm))
    return out


def _drop(tm: daily.TaskModel, base_rows: pd.DataFrame, tasks: pd.DataFrame, j: alarm.Judgement) -> float | None:
    """The judged shift in ability, in points of expected pass rate on the baseline's own tasks."""
    if j.shift is None or base_rows.empty:
        return None
    mean, c = tm.predict(base_rows[["task"]].drop_duplicates().merge(tasks, on="task", how="left"))
    rates = daily.expected_rate(np.array([j.base.theta, j.base.theta + j.shift]), mean, c)
    return float(rates[0] - rates[1])
