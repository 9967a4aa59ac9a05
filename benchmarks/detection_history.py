"""One simulated history judged day by day by every method (used by benchmarks/detection.py).

Timeline: days 0-59 warm up with a uniform plan (the task model's first training data); monitoring
starts on day 90, when the rolling baseline (the 30 days ending 30 days before today) first lies
wholly after the warm-up's start; a drop starts on `DROP_DAY`. The task model is refitted every
`REFIT_EVERY` days on the 120 days before the current baseline, never on a day it then judges.
With `shares`, a world that records tests passed also feeds codedrift's partial-credit channel.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import alarm, daily, design
from analysis import shares as share_channel
from analysis.simulate_rotation import Drop, History, World

WARMUP, FIRST_MONITORED, DROP_DAY, REFIT_EVERY, TRAIN_DAYS = 60, 90, 120, 60, 120
RULE = alarm.AlarmRule()
PEERS = ("tracker", "paired", "cusum", "ci99+3pt")
STATUS = {"ok": 0, "watch": 1, "degraded": 2}


@dataclass
class Scores:
    """Per monitored day (index 0 = FIRST_MONITORED): codedrift's status and every other method's score
    (higher = more evidence of a drop); `info` = mean true Fisher information per rotating attempt."""

    codedrift: np.ndarray
    change_day: np.ndarray  # codedrift's estimated change day on each day (nan when S = 0)
    peers: dict[str, np.ndarray]
    oracle: dict[str, np.ndarray]
    info: float
    pooled_rate: np.ndarray  # the raw daily pass rate
    true_rate: np.ndarray
    theta: np.ndarray | None = None  # the overall stream's day estimates under the latest task model
    se: np.ndarray | None = None
    true_level: np.ndarray | None = None  # true_rate without the day shocks
    task_model: daily.TaskModel | None = None  # the latest, which `theta` is on
    z: np.ndarray | None = None  # per monitored day, the overall stream's z for that day as judged online
    others: dict[str, np.ndarray] | None = None  # per monitored day, each of `rules`' status (as `codedrift`)


def arguments(doc: str, histories_help: str | None = None) -> argparse.ArgumentParser:
    """The options every history benchmark takes: --histories, --json and --workers."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--histories", type=int, default=100, help=histories_help)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    return ap


# Another alarm rule judged on the same day estimates: (theta, se, monitored, baseline, groups, overall) -> status
Rule = Callable[[np.ndarray, np.ndarray, slice, slice, int, bool], str]


def simulate(world: World, days: int, seed: int, plan: str, alternatives: dict[str, Drop],
             shares: bool = False, rules: dict[str, Rule] | None = None) -> Scores:
    h = History(world, days, seed)
    tm, est, fitted_at = None, None, -1
    status, change = np.zeros(days - FIRST_MONITORED, int), np.full(days - FIRST_MONITORED, np.nan)
    z_today = np.full(days - FIRST_MONITORED, np.nan)
    others = {name: np.zeros(days - FIRST_MONITORED, int) for name in rules or {}}
    rng = np.random.default_rng([seed, 7])
    knobs = tuple(float(k - 1) for k in (0, 1, 2))
    infos = []
    for day in range(days):
        if day >= WARMUP and (tm is None or day - fitted_at >= REFIT_EVERY):
            tm, fitted_at = _fit_tasks(h, day, shares), day
            est = _estimates(tm, h, day, world.languages)
        if plan == "adaptive" and tm is not None:
            base_days, _ = alarm.default_periods(day - 1, RULE)
            theta0 = np.nanmean(est[0].theta[base_days]) if day > 1 else tm.centre
            picks = design.choose(tm, float(theta0), world.per_day - world.anchors, knobs, rng)
            fams = np.array([int(p.family.split("-")[1]) for p in picks])
            ks = np.array([int(p.knob) + 1 for p in picks])
        else:
            fams, ks = h.uniform_plan(day)
        rows = h.run_day(day, fams, ks)
        inst = rows.iloc[world.anchors:]
        if day >= WARMUP:
            infos.append(float(np.mean(_p(h, day, inst))))
        if tm is not None:
            est = _extend(tm, est, rows, day, world.languages)
        if day >= FIRST_MONITORED:
            base_days, monitored = alarm.default_periods(day, RULE)
            worst, first = "ok", np.nan
            for i, s in enumerate(est):
                j = alarm.judge(s.theta, s.se, monitored, base_days, RULE, world.languages, overall=i == 0)
                if STATUS[j.status] > STATUS[worst]:
                    worst = j.status
                for name, rule in (rules or {}).items():
                    level = STATUS[rule(s.theta, s.se, monitored, base_days, world.languages, i == 0)]
                    others[name][day - FIRST_MONITORED] = max(others[name][day - FIRST_MONITORED], level)
                if s is est[0]:
                    z_today[day - FIRST_MONITORED] = j.z[-1]
                    if j.change_index is not None:
                        first = monitored.start + j.change_index
            status[day - FIRST_MONITORED], change[day - FIRST_MONITORED] = STATUS[worst], first
    df = h.attempts()
    daily_n = df.groupby("day")["attempts"].sum().to_numpy()
    daily_k = df.groupby("day")["passed"].sum().to_numpy()
    return Scores(status, change, _peer_scores(df, daily_k, daily_n, world.anchors, days),
                  {name: _oracle(h, df, drop, days) for name, drop in alternatives.items()},
                  float(np.mean(infos)), daily_k / daily_n, h.true_rate(), est[0].theta, est[0].se,
                  h.true_rate(shocks=False), tm, z_today, others)


def _p(h: History, day: int, inst: pd.DataFrame) -> np.ndarray:
    """True pass probability of the day's rotating attempts (without over-dispersion), for p(1 - p)."""
    theta = h.level + h.shift[day, inst["language"].to_numpy()] + h.shock[day]
    p = expit(theta - inst["b"].to_numpy())
    return p * (1 - p)


def _fit_tasks(h: History, day: int, shares: bool) -> daily.TaskModel:
    base, _ = alarm.default_periods(day, RULE)
    end = max(base.start, WARMUP)
    df = h.attempts()
    train = df[(df["day"] >= end - TRAIN_DAYS) & (df["day"] < end)]
    counts = ["day", "task", "attempts", "passed"]
    if shares:
        train, counts = share_channel.columns(train), counts + list(share_channel.COLUMNS)
    return daily.TaskModel.fit(train[counts], train[["task", "family", "knob"]].drop_duplicates("task"))


def _estimates(tm: daily.TaskModel, h: History, day: int, languages: int) -> list[daily.DayEstimate]:
    df = h.attempts()
    return [_stream(tm, df, h.days, None)] + [_stream(tm, df, h.days, g) for g in range(languages)]


def _stream(tm: daily.TaskModel, df: pd.DataFrame, days: int, language: int | None) -> daily.DayEstimate:
    sub = share_channel.columns(df if language is None else df[df["language"] == language])
    mean, c = tm.predict(sub)
    # Every day of the history, the days still to come left empty (nan) until _extend fills them.
    return daily.day_estimates(sub["day"].to_numpy(), sub["passed"].to_numpy(float),
                               sub["attempts"].to_numpy(float), mean, c, np.arange(days), tm.centre,
                               tm.share_rows(sub, mean, c))


def _extend(tm: daily.TaskModel, est: list[daily.DayEstimate], rows: pd.DataFrame, day: int, languages: int) -> list:
    mean, c = tm.predict(rows)  # once for the day; each language's stream takes its rows
    rows = share_channel.columns(rows)
    lang, y, n = rows["language"].to_numpy(), rows["passed"].to_numpy(float), rows["attempts"].to_numpy(float)
    for i, s in enumerate(est):
        m = np.ones(len(rows), bool) if i == 0 else lang == i - 1
        if not m.any():
            continue
        e = daily.day_estimates(np.full(m.sum(), day), y[m], n[m], mean[m], c[m], np.array([day]), tm.centre,
                                tm.share_rows(rows[m], mean[m], c[m]))
        s.theta[day], s.se[day], s.attempts[day] = e.theta[0], e.se[0], e.attempts[0]
    return est


def _peer_scores(df: pd.DataFrame, k: np.ndarray, n: np.ndarray, anchors: int, days: int) -> dict[str, np.ndarray]:
    """Each peer's score per monitored day, against the same rolling baseline codedrift uses."""
    anchor = df[df["task"].str.startswith("anchor-")]
    ak = anchor.pivot_table(index="day", columns="task", values="passed", aggfunc="sum").to_numpy(float)
    an = anchor.pivot_table(index="day", columns="task", values="attempts", aggfunc="sum").to_numpy(float)
    ck, cn = np.r_[0, np.cumsum(k)], np.r_[0, np.cumsum(n)]
    cak = np.vstack([np.zeros(ak.shape[1]), np.cumsum(ak, 0)])
    can = np.vstack([np.zeros(an.shape[1]), np.cumsum(an, 0)])
    out = {m: np.zeros(days - FIRST_MONITORED) for m in PEERS}
    for day in range(FIRST_MONITORED, days):
        base, monitored = alarm.default_periods(day, RULE)
        k0, n0 = ck[base.stop] - ck[base.start], cn[base.stop] - cn[base.start]
        p0 = k0 / n0
        i = day - FIRST_MONITORED
        # The public tracker: 1-, 7- and 30-day windows, exact one-sided binomial against p0.
        pv = [stats.binom.cdf(ck[day + 1] - ck[day + 1 - w], cn[day + 1] - cn[day + 1 - w], p0) for w in (1, 7, 30)]
        out["tracker"][i] = -np.log10(max(min(pv), 1e-300))
        # Paired per-task (anchors, the only tasks in both periods), clustered by task; 7 and 30 days.
        zs = []
        for w in (7, 30):
            rb = (cak[base.stop] - cak[base.start]) / np.maximum(can[base.stop] - can[base.start], 1)
            rw = (cak[day + 1] - cak[day + 1 - w]) / np.maximum(can[day + 1] - can[day + 1 - w], 1)
            d = rb - rw
            se = d.std(ddof=1) / np.sqrt(len(d))
            zs.append(d.mean() / se if se > 0 else 0.0)
        out["paired"][i] = max(zs)
        # CUSUM on daily pass rates over the monitored days, slack for a 5-point drop.
        rates = k[monitored] / n[monitored]
        s = 0.0
        for r in rates:
            s = max(0.0, s + (p0 - r) - 0.025)
        out["cusum"][i] = s
        # Another peer: a 10-day window flagged when it is 3+ points below and outside a 99% interval.
        k10, n10 = ck[day + 1] - ck[day - 9], cn[day + 1] - cn[day - 9]
        gap = p0 - k10 / n10
        z = gap / np.sqrt(p0 * (1 - p0) * (1 / n10 + 1 / n0))
        out["ci99+3pt"][i] = z if gap > 0.03 else 0.0
    return out


def _oracle(h: History, df: pd.DataFrame, drop: Drop, days: int) -> np.ndarray:
    """CUSUM of the exact log-likelihood ratio of 'the drop is complete' against 'no drop', knowing every
    attempt's true difficulty, from the first monitored day: the practical limit of any rule."""
    full = h.full_shift(drop)
    lang = df["language"].to_numpy()
    p0 = expit(h.level - df["b"].to_numpy())
    p1 = expit(h.level + full[lang] - df["b"].to_numpy())
    y = df["passed"].to_numpy()
    llr = np.where(y == 1, np.log(p1 / p0), np.log((1 - p1) / (1 - p0)))
    per_day = np.bincount(df["day"].to_numpy(), llr, days)
    s, out = 0.0, np.zeros(days - FIRST_MONITORED)
    for day in range(FIRST_MONITORED, days):
        s = max(0.0, s + per_day[day])
        out[day - FIRST_MONITORED] = s
    return out
