"""Simulation-based calibration: truths drawn from the model's own prior, data from the truths, one fit
each. If model and sampler are right, a 90% interval covers its truth in 90% of the replicates.

80 replicates tell 90% from 75%: the check passes a calibrated model with probability ~0.98 and a
model whose intervals cover only 75% of the time with probability ~0.07.
"""

import numpy as np
import pytest
from scipy.special import expit

from analysis import model
from analysis.simulate import from_prior

pytestmark = pytest.mark.slow

REPLICATES, DAYS, TASKS = 80, 40, 30


def draw_from_prior(rng):
    draw = from_prior(DAYS, TASKS, rng)
    passed = rng.binomial(1, expit(draw.theta[:, None] - draw.difficulty[None, :]))
    return draw.theta, draw.pass_rate, passed


def test_ninety_percent_intervals_cover_ninety_percent_of_prior_truths():
    rng = np.random.default_rng(2026)
    shape = np.ones((1, DAYS, TASKS), dtype="int64")
    compiled = model.Compiled(model.Cells(shape, shape, {"agent": [0], "day": list(range(DAYS)),
                                                         "task": list(range(TASKS))}),
                              model.Sampling(draws=500, tune=400))
    hits = {"theta, last day": [], "theta, day 20": [], "pass rate, last day": []}
    for i in range(REPLICATES):
        theta, rate, passed = draw_from_prior(rng)
        idata = compiled.sample(passed[None], shape, seed=i)
        th, pr = model.draws_of(idata, "theta")[:, 0], model.pass_rate_draws(idata)[:, 0]
        for name, draws, truth in (("theta, last day", th[:, -1], theta[-1]), ("theta, day 20", th[:, 20], theta[20]),
                                   ("pass rate, last day", pr[:, -1], rate[-1])):
            lo, hi = np.quantile(draws, [0.05, 0.95])
            hits[name].append(lo <= truth <= hi)
    coverage = {k: float(np.mean(v)) for k, v in hits.items()}
    print("coverage of 90% intervals over", REPLICATES, "prior draws:", coverage)
    assert all(0.82 <= c <= 0.97 for c in coverage.values()), coverage
