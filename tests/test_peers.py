import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import peers
from analysis.simulate import InjectedDrop, simulate


def test_threshold_reproduces_the_published_figures():
    assert peers.threshold(50, 0.58) == pytest.approx(0.140, abs=1e-9)
    assert round(peers.threshold(655, 0.58), 3) == 0.034
    assert peers.threshold(5, 0.58) == 0.15  # capped


def test_wilson_and_exact_test_match_scipy():
    for k, n in [(29, 50), (0, 20), (50, 50), (380, 655)]:
        ci = stats.binomtest(k, n).proportion_ci(method="wilson")
        assert peers.wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)
        assert peers.drop_p_value(k, n, 0.58) == pytest.approx(stats.binomtest(k, n, 0.58, alternative="less").pvalue)


def daily_of(history):
    return history.attempts.groupby("day").agg(passed=("passed", "sum"), total=("attempts", "sum")).reset_index()


@pytest.mark.slow
def test_three_uncorrected_windows_inflate_false_alarms():
    per_window, union, days = np.zeros(3), 0, 0
    for seed in range(15):
        daily = daily_of(simulate(days=120, tasks=50, base_rate=0.55, walk_sd=0.0, seed=seed))
        for d in range(30, 120):
            v = peers.tracker_verdicts(daily, d, p0=0.55)
            per_window += [x.significant for x in v]
            union += any(x.significant for x in v)
            days += 1
    per_window, union = per_window / days, union / days
    assert per_window[0] < 0.05  # the exact one-sided test on independent days keeps its level
    assert union > 1.5 * per_window.max() and union > 0.05  # the daily "any window" status does not


@pytest.mark.slow
def test_tracker_flags_a_large_drop():
    before, after = [], []
    for seed in range(10):  # overlapping windows make single histories streaky: average over several
        daily = daily_of(simulate(days=60, tasks=50, base_rate=0.58, walk_sd=0.0,
                                  drop=InjectedDrop(points=20, start=40), seed=seed))
        before += [peers.tracker_degraded(daily, d, p0=0.58) for d in range(10, 40)]
        after += [peers.tracker_degraded(daily, d, p0=0.58) for d in range(45, 60)]
    assert np.mean(before) < 0.15 and np.mean(after) == 1.0


def test_pairing_by_task_removes_difficulty_variance():
    h = simulate(days=90, tasks=50, repeats=3, walk_sd=0.0, drop=InjectedDrop(points=5, start=60), seed=2)
    df = h.attempts.rename(columns={"attempts": "total"})
    res = peers.paired_clustered(df[df.day.between(30, 59)], df[df.day >= 60])
    assert res.tasks == 50
    assert res.se_clustered < 0.5 * res.se_unpaired
    assert abs(res.mean_diff - (-0.05)) < 3 * res.se_clustered
    assert res.p_drop < 0.05


def test_cusum_alarms_only_after_a_drop():
    rng = np.random.default_rng(0)
    stable = rng.binomial(50, 0.55, 60) / 50
    dropped = np.concatenate([stable, rng.binomial(50, 0.45, 20) / 50])
    _, alarm_stable = peers.cusum_lower(stable, target=0.55, slack=0.03, limit=0.5)
    _, alarm_drop = peers.cusum_lower(dropped, target=0.55, slack=0.03, limit=0.5)
    assert not alarm_stable.any()
    assert alarm_drop[60:].any() and not alarm_drop[:60].any()


def test_paired_needs_shared_tasks():
    a = pd.DataFrame({"task": [1], "passed": [1], "total": [1]})
    assert np.isnan(peers.paired_clustered(a, a).mean_diff)
