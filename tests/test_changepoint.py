"""The change-point smoother (analysis/changepoint.py): calibrated on draws from its own prior, and a
step kept a step."""

import numpy as np
import pytest
from scipy import stats

from analysis import changepoint

BINS = np.diff(np.r_[0.0, changepoint.QUANTILES, 1.0])  # 5, 20, 25, 25, 20, 5% between the reported quantiles


def _draw(rng, days, hazard, tau, se):
    """One history from the smoother's prior: segment starts, levels, each day's ability (level plus
    the day's shock) and its estimate."""
    starts = np.r_[True, rng.random(days - 1) < hazard]
    level = rng.normal(0.0, changepoint.LEVEL_SD, starts.sum())[np.cumsum(starts) - 1]
    ability = level + rng.normal(0, tau, days)
    return ability, ability + rng.normal(0, se)


def _ranks(rng, replicates, tau=None):
    """Simulation-based calibration: histories drawn from the prior (a change every 20 days on average,
    so most have several; tau from TAU_GRID unless given), the true ability's bin among the posterior
    quantiles on four days."""
    days, hazard, checked = 120, 1 / 20, (10, 45, 80, 119)
    counts = np.zeros((len(checked), len(BINS)), int)
    for _ in range(replicates):
        day_tau = rng.choice(changepoint.TAU_GRID) if tau is None else tau
        se = rng.uniform(0.1, 0.3, days)
        truth, y = _draw(rng, days, hazard, day_tau, se)
        y[rng.random(days) < 0.1] = np.nan  # days without runs
        post = changepoint.levels(y, se, hazard=hazard, m0=0.0, tau=tau)
        for i, d in enumerate(checked):
            counts[i, np.searchsorted(post.quantiles[:, d], truth[d])] += 1
    return counts


def _assert_uniform(counts):
    """Each of the six bins the quantiles cut holds its share (chi-square, every day and pooled)."""
    for row in (*counts, counts.sum(0)):
        assert stats.chisquare(row, row.sum() * BINS).pvalue > 0.001, row
    inside = counts[:, 1:-1].sum() / counts.sum()
    assert 0.85 <= inside <= 0.95  # the 90% band


@pytest.mark.slow
def test_rank_calibration_with_known_tau():
    _assert_uniform(_ranks(np.random.default_rng(20261124), 240, tau=0.05))


@pytest.mark.slow
def test_rank_calibration_averaging_over_tau():
    """The default: tau unknown, averaged over TAU_GRID by the evidence. Choosing the best tau instead
    narrowed the bands where tau is poorly identified."""
    _assert_uniform(_ranks(np.random.default_rng(7), 160))


def test_a_step_is_a_step():
    """A 0.4-logit step after 200 flat days (se 0.16, ~200 attempts a day): the smoothed level is
    flat before, at full size from the step's first day, and the current level's start is found."""
    rng = np.random.default_rng(3)
    se = np.full(260, 0.16)
    truth = np.where(np.arange(260) >= 200, -0.4, 0.0)
    post = changepoint.levels(truth + rng.normal(0, se), se)
    assert np.ptp(post.level[:195]) < 0.02
    assert np.all(np.abs(post.level[201:] + 0.4) < 0.1)
    assert abs(post.current_start - 200) <= 1 and post.current_start_probability > 0.5
    assert post.change[199:202].sum() > 0.5 and post.change[:195].max() < 0.05
    covered = (post.quantiles[0] <= truth) & (truth <= post.quantiles[-1])
    assert covered[193:208].mean() >= 0.85


def test_no_change_stays_flat_and_finds_no_start():
    rng = np.random.default_rng(4)
    se = np.full(300, 0.16)
    post = changepoint.levels(0.3 + rng.normal(0, se), se)
    assert np.ptp(post.level) < 0.03 and post.change.max() < 0.2
    assert abs(post.mean.mean() - 0.3) < 3 * 0.16 / np.sqrt(300)


def test_day_shocks_widen_rather_than_split():
    """Day-level shocks (sd 0.2 logits) beyond the sampling error: the evidence picks a tau near
    them instead of explaining the noise with changes."""
    rng = np.random.default_rng(5)
    se = np.full(200, 0.1)
    post = changepoint.levels(rng.normal(0, np.sqrt(se**2 + 0.2**2)), se)
    assert 0.1 <= post.tau <= 0.3
    assert post.change.sum() < 1.0


def test_an_empty_stream_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one day"):
        changepoint.levels(np.full(5, np.nan), np.full(5, 0.1))
