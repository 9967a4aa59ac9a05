"""The sequential alarm (analysis/alarm.py, daily.py, sequential.py, design.py) on histories with a known
truth: its false-alarm rate holds on data it was not calibrated on, it ignores the day's task mix, and
it flags and dates a step."""

import numpy as np
import pandas as pd
import pytest

from analysis import alarm, daily, design, sequential
from analysis.simulate_rotation import Drop, History, World

RULE = alarm.AlarmRule()


def run(world: World, days: int, seed: int) -> History:
    h = History(world, days, seed)
    for d in range(days):
        h.run_day(d, *h.uniform_plan(d))
    return h


def task_model(h: History) -> daily.TaskModel:
    df = h.attempts()
    return daily.TaskModel.fit(df[["day", "task", "attempts", "passed"]],
                               df[["task", "family", "knob"]].drop_duplicates("task"))


def judged(h: History, today: int, group_by: str | None = None) -> dict[str, sequential.StreamVerdict]:
    df = h.attempts()
    df = df[df["day"] <= today]
    tasks = df[["task", "family", "knob", "language"]].drop_duplicates("task")
    return {v.stream: v for v in sequential.judge_agent(df[["day", "task", "attempts", "passed"]], tasks, today,
                                                         RULE, group_by)}


def test_thresholds_hold_one_false_alarm_per_year_on_fresh_no_change_streams():
    """Calibrated on one Monte Carlo sample, checked on another: onsets per stream-year at the watch and
    degraded thresholds are within sampling error of the budget."""
    fresh = alarm.null_paths(RULE.k, RULE.baseline_days, RULE.gap_days, seed=1)
    for groups, overall in ((0, True), (5, True), (5, False)):
        h_watch, h_degraded = alarm.thresholds(RULE, groups, overall)
        share = 1.0 if groups == 0 else RULE.overall_share if overall else (1 - RULE.overall_share) / groups
        for h, years in ((h_watch, RULE.watch_years), (h_degraded, RULE.degraded_years)):
            assert within_noise(fresh, h, share / years)


def within_noise(paths: np.ndarray, h: float, expected: float) -> bool:
    """Onsets per year on `paths` at `h` are `expected` within sampling error: 3 standard errors of the
    mean of two samples of this size (this one and the calibration's). Years are independent, but one
    year's onsets cluster (a baseline that happens to sit high raises several), so not Poisson."""
    flagged = paths >= h
    per_year = (flagged[:, 1:] & ~flagged[:, :-1]).sum(1) + flagged[:, 0]
    return abs(per_year.mean() - expected) < 3 * np.sqrt(2 * per_year.var() / len(paths))


def test_the_rate_holds_whatever_the_days_spread_beyond_their_standard_errors():
    """The baseline's dispersion is estimated, not known, and untruncated, so z is pivotal: on days with a
    day shock of 1 or 2 standard errors the thresholds calibrated without one hold their rate too.
    Holding the dispersion at 1 or above, as the DerSimonian-Laird tau^2 did with thresholds set for a
    known variance, ran one stream at 0.82 a year without a shock and 1.25 with one of a standard error
    (benchmarks/results/dispersion.txt); the first test fails on such a rule, this one on the second."""
    h_watch, h_degraded = alarm.thresholds(RULE)
    for i, ratio in enumerate((1.0, 2.0)):
        shocked = alarm.null_paths(RULE.k, RULE.baseline_days, RULE.gap_days, seed=2 + i, ratio=ratio)
        for h, years in ((h_watch, RULE.watch_years), (h_degraded, RULE.degraded_years)):
            assert within_noise(shocked, h, 1 / years), (ratio, years)


def test_the_monte_carlo_is_the_shipped_judgement():
    """`pipeline_paths`, which the thresholds are calibrated on, computes on every day exactly the
    statistic `judge` computes from the same daily estimates (every se = 1)."""
    e = alarm.null_days(3, RULE.baseline_days + RULE.gap_days + 20, ratio=0.7, seed=4)
    paths = alarm.pipeline_paths(e, RULE.k, RULE.baseline_days, RULE.gap_days)
    for i in range(paths.shape[1]):
        today = RULE.baseline_days + RULE.gap_days + i
        base, monitored = alarm.default_periods(today, RULE)
        for year in range(len(e)):
            j = alarm.judge(e[year, :today + 1], np.ones(today + 1), monitored, base, RULE)
            assert j.statistic == pytest.approx(paths[year, i], rel=1e-5, abs=1e-5)


def test_an_estimated_baseline_needs_a_higher_threshold_than_a_known_reference():
    # The baseline's error is shared by every monitored day; Siegmund's formula assumes none.
    assert alarm.thresholds(RULE)[0] > alarm.siegmund_threshold(365, RULE.k) + 0.3
    # ... and Siegmund's formula itself is right for a known reference: 2000 simulated runs.
    h, rng, runs = alarm.siegmund_threshold(200, 0.5), np.random.default_rng(3), []
    for _ in range(1000):
        s, i = 0.0, 0
        while s < h:
            s, i = max(0.0, s - rng.standard_normal() - 0.5), i + 1
        runs.append(i)
    assert 170 < np.mean(runs) < 235


def test_the_task_model_learns_families_knobs_and_anchors():
    h = run(World(), 120, seed=5)
    tm = task_model(h)
    mu = np.array([tm.family[f"family-{f}"][0] for f in range(20)])
    beta = np.array([tm.family[f"family-{f}"][1] for f in range(20)])
    anchors = np.array([tm.anchor[f"anchor-{i}"] for i in range(40)])
    offset = np.mean(mu - h.mu0)  # the scale's location is arbitrary; the shift is shared
    assert np.corrcoef(mu, h.mu0)[0, 1] > 0.95 and np.abs(mu - h.mu0 - offset).max() < 0.35
    assert np.corrcoef(anchors, h.anchor_b0)[0, 1] > 0.95 and abs(np.mean(anchors - h.anchor_b0) - offset) < 0.15
    assert abs(beta.mean() - 0.5) < 0.1 and abs(tm.within_sd - 0.7) < 0.2


def test_a_harder_mix_is_not_a_drop_but_an_easier_mix_does_not_hide_one():
    harder = run(World(mix_tilt=0.8, mix_from=120), 150, seed=11)
    df = harder.attempts()
    pooled = df.groupby("day")["passed"].mean()
    assert pooled[120:].mean() < pooled[90:120].mean() - 0.05  # the raw pass rate falls by > 5 points
    assert all(judged(harder, day)["all"].judgement.status == "ok" for day in range(120, 150, 5))

    easier = run(World(mix_tilt=-0.8, mix_from=120, drop=Drop(5, 120)), 150, seed=11)
    pooled = easier.attempts().groupby("day")["passed"].mean()
    assert pooled[120:].mean() > pooled[90:120].mean()  # the pooled rate even rises
    assert judged(easier, 149)["all"].judgement.status != "ok"


def test_a_sudden_10_point_step_is_flagged_within_three_days_and_dated_within_one():
    h = run(World(drop=Drop(10, 120)), 123, seed=2)
    assert judged(h, 119)["all"].judgement.status == "ok"
    v = judged(h, 122)["all"]
    assert v.judgement.status == "degraded"
    assert abs(v.monitored.start + v.judgement.change_index - 120) <= 1
    assert 0.06 < v.drop < 0.14


def test_a_drop_in_one_language_shows_in_its_own_stream():
    h = run(World(drop=Drop(15, 120, language=2)), 135, seed=4)
    streams = judged(h, 134, group_by="language")
    assert set(streams) == {"all"} | {f"language:{g}" for g in range(5)}
    assert streams["language:2"].judgement.status != "ok"
    assert all(streams[f"language:{g}"].judgement.status == "ok" for g in (0, 1, 3, 4))
    # The groups share half the budget: a group's limit is higher than the overall stream's.
    assert streams["language:2"].judgement.h_watch > streams["all"].judgement.h_watch


def test_a_pinned_baseline_is_used_as_given_or_refused():
    base, monitored = sequential.periods(100, RULE, pinned=(10, 40))
    assert (base.start, base.stop, monitored.start, monitored.stop) == (10, 41, 41, 101)
    for bad in ((-1, 40), (10, 100), (40, 10)):
        with pytest.raises(ValueError, match="pinned baseline"):
            sequential.periods(100, RULE, pinned=bad)


def test_the_adaptive_plan_spends_its_budget_where_the_information_is():
    h = run(World(), 60, seed=8)
    tm = task_model(h)
    picks = design.choose(tm, tm.centre, 160, (-1.0, 0.0, 1.0), np.random.default_rng(0))
    reasons = pd.Series([p.reason for p in picks]).value_counts()
    assert len(picks) == 160 and reasons["uniform"] == 40 and reasons["information"] == 120
    cells = design.cell_information(tm, tm.centre, (-1.0, 0.0, 1.0))
    chosen = np.mean([p.information for p in picks if p.reason == "information"])
    assert chosen > np.mean([c[3] for c in cells]) * 1.1
    assert max(pd.Series([(p.family, p.knob) for p in picks if p.reason == "information"]).value_counts()) <= 12
    assert all(abs(p.p_pass - 0.5) < 0.25 for p in picks if p.reason == "information")


def test_the_detectable_shift_is_flagged_within_its_days_on_average():
    """Siegmund's run length under a shift, inverted: a shift of that many standard errors a day, from a
    statistic at 0, reaches the watch threshold after about `within` days (4,000 simulated runs)."""
    h, rng = alarm.thresholds(RULE)[0], np.random.default_rng(8)
    for within in (3.0, 7.0, 14.0):
        shift, delays = alarm.detectable_shift(h, RULE.k, within), []
        for _ in range(4000):
            s, i = 0.0, 0
            while s < h:
                s, i = max(0.0, s - rng.normal(-shift, 1) - RULE.k), i + 1
            delays.append(i)
        assert abs(np.mean(delays) / within - 1) < 0.1, (within, np.mean(delays))
