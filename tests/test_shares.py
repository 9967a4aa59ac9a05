"""The partial-credit channel (analysis/shares.py): it adds information where failed attempts' shares of
tests passed follow the agent's ability, and leaves the day estimates untouched where they do not."""

import numpy as np
import pandas as pd
import pytest

from analysis import alarm, daily, sequential, shares
from analysis.simulate_rotation import Drop, History, World

TRAIN, DAYS = 60, 100


def _history(world: World, seed: int) -> pd.DataFrame:
    h = History(world, DAYS, seed)
    for day in range(DAYS):
        h.run_day(day, *h.uniform_plan(day))
    return shares.columns(h.attempts())


def _fit(df: pd.DataFrame, channel: bool) -> daily.TaskModel:
    train = df[df["day"] < TRAIN]
    cols = ["day", "task", "attempts", "passed", *(shares.COLUMNS if channel else ())]
    return daily.TaskModel.fit(train[cols], train[["task", "family", "knob"]].drop_duplicates("task"))


def _days(tm: daily.TaskModel, df: pd.DataFrame) -> daily.DayEstimate:
    mean, c = tm.predict(df)
    return daily.day_estimates(df["day"].to_numpy(), df["passed"].to_numpy(float), df["attempts"].to_numpy(float),
                               mean, c, np.arange(DAYS), tm.centre, tm.share_rows(df, mean, c))


def test_columns_count_only_failed_attempts_with_two_or_more_tests():
    df = pd.DataFrame({"passed": [1, 0, 0, 0, 0, 0], "tests_passed": [5, 3, 0, 0, None, 7],
                       "tests_total": [5, 7, 1, 4, None, 7]})
    out = shares.columns(df)
    # passed; 3 of the 6 a failure can pass; one test only; 0 of 3; not counted; more passed than a failure can
    assert out["share_n"].tolist() == [0, 1, 0, 1, 0, 0]
    assert out["share_sum"].tolist() == pytest.approx([0, 0.5, 0, 0, 0, 0])
    assert shares.columns(pd.DataFrame({"passed": [0]}))["share_n"].tolist() == [0]


def test_informative_shares_narrow_every_day_and_keep_its_centre():
    df = _history(World(tests=10), seed=3)
    plain, joint = _fit(df, channel=False), _fit(df, channel=True)
    assert joint.shares is not None and joint.shares.informative
    a, b = _days(plain, df), _days(joint, df)
    later = slice(TRAIN, DAYS)
    info_gain = np.median(a.se[later] ** 2 / b.se[later] ** 2)
    assert 1.15 < info_gain < 2.0  # ~0.2 of a pass/fail attempt's information per failed attempt, here ~1.35x
    # Without a change, both estimates wander around the same level, the joint one less.
    assert abs(np.mean(b.theta[later]) - np.mean(a.theta[later])) < 0.1
    assert np.std(b.theta[later]) < np.std(a.theta[later])


def test_uninformative_shares_are_not_used():
    df = _history(World(tests=10, share_slope=0.0), seed=4)
    joint = _fit(df, channel=True)
    assert joint.shares is not None and not joint.shares.informative
    assert abs(joint.shares.slope) < 3 * joint.shares.slope_se
    np.testing.assert_array_equal(_days(joint, df).theta, _days(_fit(df, channel=False), df).theta)


def test_a_drop_moves_both_channels_and_the_joint_estimate_sees_it_with_more_evidence():
    df = _history(World(tests=10, drop=Drop(5, 80)), seed=5)
    z = {}
    for channel in (False, True):
        est = _days(_fit(df, channel), df)
        base = alarm.baseline(est.theta[TRAIN:80], est.se[TRAIN:80])
        after = slice(80, DAYS)
        shift = np.sum((est.theta[after] - base.theta) / est.se[after] ** 2) / np.sum(est.se[after] ** -2.0)
        z[channel] = shift / np.sqrt(1 / np.sum(est.se[after] ** -2.0) + base.se**2)
    assert z[False] < -2 and z[True] < z[False]


def test_rows_off_the_estimated_days_are_left_out_of_both_channels():
    df = _history(World(tests=10), seed=3)
    tm = _fit(df, channel=True)
    mean, c = tm.predict(df)
    first = daily.day_estimates(df["day"].to_numpy(), df["passed"].to_numpy(float), df["attempts"].to_numpy(float),
                                mean, c, np.arange(70), tm.centre, tm.share_rows(df, mean, c))
    np.testing.assert_allclose(first.theta, _days(tm, df).theta[:70])


def test_the_verdict_takes_evidence_from_partial_credit_and_the_drop_size_from_pass_fail_alone():
    h = History(World(tests=10, drop=Drop(8, 120)), 126, seed=6)
    for day in range(126):
        h.run_day(day, *h.uniform_plan(day))
    df = shares.columns(h.attempts())
    tasks = df[["task", "family", "knob"]].drop_duplicates("task")
    both = sequential.judge_agent(df[["day", "task", "attempts", "passed", *shares.COLUMNS]], tasks, 125)[0]
    plain = sequential.judge_agent(df[["day", "task", "attempts", "passed"]], tasks, 125)[0]
    assert both.task_model.shares.informative and plain.task_model.shares is None
    assert both.judgement.statistic > plain.judgement.statistic > 0  # more evidence of the same drop
    assert both.estimate.se[-1] < plain.estimate.se[-1]
    # The size: pass/fail days since the joint judgement's change day, against their own baseline.
    pf = plain.estimate
    since = pf.theta[both.monitored][both.judgement.change_index:]
    expected = np.nanmean(since - alarm.baseline(pf.theta[both.baseline], pf.se[both.baseline]).theta)
    assert both.judgement.shift == pytest.approx(expected)
    np.testing.assert_allclose(both.levels.mean, plain.levels.mean)
    assert 0.04 < both.drop < 0.12
