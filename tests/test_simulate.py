import numpy as np
import pytest

from analysis.simulate import InjectedDrop, simulate, simulate_misspecified


def test_base_rate_and_drop_are_exact_on_the_pass_rate_scale():
    h = simulate(days=40, tasks=200, walk_sd=0.0, base_rate=0.55, drop=InjectedDrop(points=5, start=30), seed=0)
    assert h.pass_rate[0, :30] == pytest.approx(0.55, abs=1e-6)
    assert h.pass_rate[0, 30:] == pytest.approx(0.50, abs=1e-6)


def test_slow_slide_ramps_linearly():
    h = simulate(days=60, tasks=100, walk_sd=0.0, drop=InjectedDrop(points=6, start=20, ramp_days=30), seed=0)
    steps = -np.diff(h.pass_rate[0, 19:50])  # days 20..49 each lose 0.2 points
    assert steps == pytest.approx(0.002, abs=1e-6) and h.pass_rate[0, -1] == pytest.approx(0.49, abs=1e-6)


def test_observed_outcomes_follow_the_truth():
    h = simulate(agents=2, days=200, tasks=50, repeats=2, seed=3)
    df = h.attempts
    assert len(df) == 2 * 200 * 50 and set(df.columns) == {"agent", "day", "task", "attempts", "passed"}
    observed = df.passed.sum() / df.attempts.sum()
    assert observed == pytest.approx(h.pass_rate.mean(), abs=0.01)
    assert abs(h.difficulty.mean()) < 1e-9 and 1.1 < h.difficulty.std() < 1.9


def test_misspecified_history_has_flaky_tasks_and_drifting_difficulty():
    h = simulate_misspecified(days=300, tasks=20, repeats=4, flaky_tasks=2, seed=4)
    by_task = h.attempts.groupby("task").passed.sum() / h.attempts.groupby("task").attempts.sum()
    assert by_task.iloc[:2].to_numpy() == pytest.approx(0.5, abs=0.05)

    def drift(history) -> float:
        """Mean absolute change of a steady task's pass rate between the first and last 60 days."""
        a = history.attempts[history.attempts.task >= 2]
        early = a[a.day < 60].groupby("task").passed.mean()
        late = a[a.day >= 240].groupby("task").passed.mean()
        return float((late - early).abs().mean())

    still = simulate_misspecified(days=300, tasks=20, repeats=4, flaky_tasks=2, seed=4, difficulty_drift_sd=0.0)
    assert drift(h) > 2 * drift(still)  # difficulties wander: rates move far beyond sampling noise
    assert h.pass_rate.std() > 3 * still.pass_rate.std()  # so does the true expected rate
