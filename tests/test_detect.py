"""Windows, P(drop), the decision rule, peer verdicts and the minimum detectable drop (no sampling)."""

import numpy as np
import pytest
from scipy.special import expit

from analysis import detect, verdicts
from analysis.simulate import InjectedDrop, simulate


def test_windows_end_today_and_sit_after_their_baselines():
    wins = {w.name: w for w in detect.windows(59)}
    assert (wins["today"].start, wins["today"].end) == (59, 59)
    assert (wins["7d"].start, wins["7d"].baseline_start, wins["7d"].baseline_end) == (53, 23, 52)
    assert (wins["30d"].start, wins["30d"].baseline_start, wins["30d"].baseline_end) == (30, 0, 29)
    # Too little history for a window's baseline: that window is not judged at all.
    assert [w.name for w in detect.windows(20)] == []
    assert [w.name for w in detect.windows(36)] == ["today", "7d"]
    pinned = detect.windows(59, baseline=(0, 9))
    assert all((w.baseline_start, w.baseline_end) == (0, 9) for w in pinned)


def test_drop_carries_the_baselines_uncertainty():
    rng = np.random.default_rng(0)
    days, draws = 40, 4000
    # Both periods sit at 0.60 on average; the baseline is *uncertain* (sd 0.03 per draw).
    rate = np.full((draws, days), 0.60) + rng.normal(0, 0.03, (draws, 1)) * (np.arange(days) < 30)
    w = detect.Window("7d", 33, 39, 3, 32)
    d = detect.drop(rate, w, delta=0.02)
    # Treating the baseline as known would say P(drop > 2 points) = 0; its spread says about P(z > 2/3).
    assert d.p_drop == pytest.approx(1 - 0.7475, abs=0.03)
    assert d.p_any == pytest.approx(0.5, abs=0.03)
    assert d.low < 0 < d.high


def test_drop_against_a_control_cancels_what_both_share():
    rng = np.random.default_rng(1)
    base = 0.6 + rng.normal(0, 0.005, (2000, 40))
    shared_drop = base - 0.08 * (np.arange(40) >= 33)  # harness change: both agents fall 8 points
    w = detect.Window("7d", 33, 39, 3, 32)
    assert detect.drop(shared_drop, w, 0.02).p_drop > 0.99
    assert detect.drop(shared_drop, w, 0.02, reference=shared_drop + rng.normal(0, 0.005, (2000, 40))).p_drop < 0.05


def test_rule_statuses_follow_the_configured_thresholds():
    rule = detect.Rule(watch=0.8, degraded=0.95)
    assert [rule.status(p) for p in (0.5, 0.8, 0.94, 0.95, 1.0)] == ["ok", "watch", "watch", "degraded", "degraded"]


def test_minimum_detectable_drop_shrinks_with_more_data_and_grows_with_a_stiffer_walk():
    mdd = detect.minimum_detectable_drop
    at50, at200 = mdd(50 * 0.17, 0.17, 0.05), mdd(200 * 0.17, 0.17, 0.05)
    assert 0.02 < at200 < at50 < 0.5
    assert mdd(50 * 0.17, 0.17, 0.01) > at50  # a walk that believes in slow change reacts later
    assert mdd(50 * 0.17, 0.17, 0.05, detect.Rule(delta=0.05)) > at50


def test_minimum_detectable_drop_matches_its_own_gaussian_model_by_simulation():
    """Simulate the linear-Gaussian approximation directly: a drop of the returned size must be flagged
    on day 7 in about 80% of replicates."""
    rng = np.random.default_rng(2)
    info, slope, sigma, rule = 8.0, 0.17, 0.05, detect.Rule()
    size = detect.minimum_detectable_drop(info, slope, sigma, rule)
    days = 37
    diff = np.diff(np.eye(days), axis=0)
    cov = np.linalg.inv(diff.T @ diff / sigma**2 + np.eye(days) * info)
    c = np.r_[np.full(30, 1 / 30), np.full(7, -1 / 7)]
    truth = -(size / slope) * (np.arange(days) >= 30)
    obs = truth + rng.normal(0, 1 / np.sqrt(info), (20000, days))
    contrast = (obs * info) @ cov @ c  # posterior mean of baseline - window, on the ability scale
    p = 1 - __import__("scipy").stats.norm.cdf((rule.delta / slope - contrast) / np.sqrt(c @ cov @ c))
    assert np.mean(p >= rule.degraded) == pytest.approx(0.8, abs=0.02)


def test_peer_rows_reproduce_the_trackers_rule_and_see_a_big_drop():
    h = simulate(days=60, tasks=50, walk_sd=0.0, drop=InjectedDrop(points=20, start=53), seed=3)
    y = h.attempts.pivot(index="day", columns="task", values="passed").to_numpy()
    n = np.ones_like(y)
    rows = verdicts.peer_rows(y, n, detect.windows(59))
    by = {(r["method"], r["window"]): r for r in rows}
    assert set(by) == {(m, w) for m in ("tracker", "paired") for w in ("today", "7d", "30d")} | {("cusum", "daily")}
    t7 = by["tracker", "7d"]
    assert t7["p0"] == pytest.approx(y[:30].mean()) and t7["attempts"] == 350
    assert t7["threshold"] == pytest.approx(0.05, abs=0.02) and t7["flagged"] and t7["status"] == "degraded"
    assert by["paired", "7d"]["flagged"] and by["paired", "7d"]["drop"] > 0.1
    assert by["cusum", "daily"]["flagged"]
    # A stable agent: the same code stays quiet in the 7-day window.
    stable = simulate(days=60, tasks=50, walk_sd=0.0, seed=4).attempts.pivot(index="day", columns="task",
                                                                            values="passed").to_numpy()
    quiet = {(r["method"], r["window"]): r for r in verdicts.peer_rows(stable, n, detect.windows(59))}
    assert not quiet["paired", "7d"]["flagged"] and quiet["tracker", "7d"]["p_value"] > 0.05


def test_bayes_rows_use_every_window_and_the_control():
    """A tracked agent that falls 10 points over its last week while a separate, steady control does
    not: the plain and the versus-control rows both see the drop. When the control falls the same way,
    only the plain rows do."""
    rng = np.random.default_rng(5)
    last_week = np.arange(60) >= 53
    rate = expit(rng.normal(0.2, 0.02, (1000, 60))) - 0.10 * last_week
    steady = expit(rng.normal(-0.3, 0.02, (1000, 60)))  # another agent, at another level
    rows = {(r["method"], r["window"]): r for r in verdicts.bayes(rate, detect.windows(59), detect.Rule(),
                                                                  control=steady)}
    assert set(rows) == {(m, w) for m in ("bayes", "bayes_vs_control") for w in ("today", "7d", "30d")}
    for method in ("bayes", "bayes_vs_control"):
        week = rows[method, "7d"]
        assert week["status"] == "degraded" and week["drop"] == pytest.approx(0.10, abs=0.02)
    shared = verdicts.bayes(rate, detect.windows(59), detect.Rule(), control=steady - 0.10 * last_week)
    by = {(r["method"], r["window"]): r for r in shared}
    assert by["bayes", "7d"]["status"] == "degraded" and by["bayes_vs_control", "7d"]["status"] == "ok"
    assert abs(by["bayes_vs_control", "7d"]["drop"]) < 0.02
