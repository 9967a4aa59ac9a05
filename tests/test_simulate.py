import numpy as np
import pytest

from analysis.simulate import InjectedDrop, simulate
from analysis.simulate_rotation import History, World


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


def test_a_misspecified_world_has_flaky_anchors_drifting_difficulty_and_day_shocks():
    """The misspecification benchmarks/detection.py scores the alarm on (analysis/simulate_rotation.py)."""
    def run(**kw):
        h = History(World(per_day=100, **kw), 300, seed=4)
        for d in range(300):
            h.run_day(d, *h.uniform_plan(d))
        return h, h.attempts()

    h, df = run(flaky_share=0.2, drift_sd=0.01, day_shock_sd=0.2)
    anchors = df[df["task"].str.startswith("anchor-")]
    by_anchor = anchors.groupby("task")["passed"].mean()
    flaky = [f"anchor-{i}" for i in np.flatnonzero(h.flaky)]
    assert len(flaky) >= 2 and by_anchor[flaky].to_numpy() == pytest.approx(0.5, abs=0.1)
    steady, still = run()
    def moved(frame) -> float:
        """How far the anchors' true difficulties moved from the first day to the last (sd, logits)."""
        a = frame[frame["task"].str.startswith("anchor-")]
        return float((a[a.day == 299].set_index("task")["b"] - a[a.day == 0].set_index("task")["b"]).std())
    assert moved(df) == pytest.approx(0.01 * np.sqrt(300), rel=0.4) and moved(still) == 0
    assert h.true_rate().std() > 5 * steady.true_rate().std()  # day shocks move the truth itself
    assert steady.true_rate() == pytest.approx(0.55, abs=1e-6)
