"""The fused pass/fail likelihood (analysis/likelihood.py) is the tensor expression it replaces: same value,
same gradient, through both the numba backend NUTS uses and the Python `perform`."""

import numpy as np
import pytensor
import pytensor.tensor as pt
import pytest

from analysis.likelihood import binomial_logit


@pytest.fixture(scope="module")
def grid():
    rng = np.random.default_rng(3)
    agents, days, tasks, groups = 2, 9, 13, 3
    n = rng.integers(0, 4, (agents, days, tasks))  # zeros: cells without an attempt
    y = rng.binomial(n, 0.6)
    group = rng.integers(0, groups, tasks)
    level = rng.normal(0, 3, (agents, days, groups))  # wide: both signs of eta, and saturated cells
    b = rng.normal(0, 3, tasks)
    return level, b, group, y, n


def _reference(level, b, group, y, n):
    eta = level[:, :, group] - b[None, None, :]
    return pt.sum(y * eta - n * pt.softplus(eta))


@pytest.mark.parametrize("mode", ["NUMBA", "FAST_COMPILE"])
def test_value_and_gradient_match_the_tensor_expression(grid, mode):
    level0, b0, group, y, n = grid
    level, b = pt.dtensor3("level"), pt.dvector("b")
    fused = binomial_logit(level, b, group, y, n)
    plain = _reference(level, b, group, y, n)
    outputs = [fused, *pt.grad(fused, [level, b]), plain, *pt.grad(plain, [level, b])]
    values = pytensor.function([level, b], outputs, mode=mode)(level0, b0)
    for got, want in zip(values[:3], values[3:], strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)
    # A cell without an attempt contributes nothing, whatever its pass count says.
    empty = np.argwhere(n == 0)[0]
    bumped = y.copy()
    bumped[tuple(empty)] = 5
    other = pytensor.function([level, b], binomial_logit(level, b, group, bumped, n), mode=mode)(level0, b0)
    assert other == pytest.approx(float(values[0]), rel=1e-12)
