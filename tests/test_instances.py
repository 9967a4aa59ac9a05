"""One-off instances with their difficulty integrated out (analysis/likelihood.py `marginal_instances`,
analysis/model.py `Layout`): the quadrature against adaptive quadrature, the conditional draws against
the exact posterior, the model's wiring against an independent computation, and a fit end to end."""

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats
from scipy.special import expit, log_expit

from analysis import likelihood as lik
from analysis import model


def exact_log_marginal(eta: np.ndarray, sd: float, y: np.ndarray, n: np.ndarray) -> float:
    """log integral prod_a Binomial kernel(y_a | n_a, logistic(eta_a - sd z)) phi(z) dz, adaptively."""
    def f(z):
        e = eta - sd * z
        return np.exp(np.sum(y * log_expit(e) + (n - y) * log_expit(-e))) * stats.norm.pdf(z)
    return float(np.log(integrate.quad(f, -12, 12, points=[0.0], limit=500, epsabs=1e-15, epsrel=1e-12)[0]))


CASES = [(np.array([eta, eta + 1.0]), sd, np.array([y, 1]), np.array([n, 2]))
         for eta in (-5.0, -1.0, 0.5, 4.0) for sd in (0.2, 1.0, 2.5) for y, n in ((0, 1), (1, 1), (3, 3), (1, 4))]


def _kernel(eta, sd, y, n):
    return lik._marginal_kernel(np.asarray(eta, float)[:, None], np.array([sd]), np.asarray(y)[:, None],
                                np.asarray(n, dtype=np.int64)[:, None])


@pytest.mark.parametrize("eta, sd, y, n", CASES)
def test_the_rule_matches_adaptive_quadrature(eta, sd, y, n):
    logp, d_eta, d_sd = _kernel(eta, sd, y, n)
    exact = exact_log_marginal(eta, sd, y, n)
    # Data this improbable (below e^-8) put the instance in its prior's far tail, near the rule's end.
    tol = 1e-6 if exact > -8 else 1e-4
    assert logp == pytest.approx(exact, abs=tol)
    # The gradient is the exact integral's, by central differences of adaptive quadrature.
    h = 1e-4
    for a in range(2):
        step = np.eye(2)[a] * h
        want = (exact_log_marginal(eta + step, sd, y, n) - exact_log_marginal(eta - step, sd, y, n)) / (2 * h)
        assert d_eta[a, 0] == pytest.approx(want, abs=10 * tol)
    want = (exact_log_marginal(eta, sd + h, y, n) - exact_log_marginal(eta, sd - h, y, n)) / (2 * h)
    assert d_sd[0] == pytest.approx(want, abs=10 * tol)


def test_the_rule_holds_at_wide_spreads_where_gauss_hermite_does_not():
    """The reason for a trapezoid rule whose step follows sd (analysis/likelihood.py's comment)."""
    x, w = np.polynomial.hermite.hermgauss(48)
    rule, hermite = [], []
    for eta in (-4.0, -2.0, 0.0, 1.0, 3.0):
        for y, n in ((0, 1), (1, 1), (0, 3), (1, 3), (2, 3), (3, 3)):
            exact = exact_log_marginal(np.array([eta]), 5.0, np.array([y]), np.array([n]))
            rule.append(abs(_kernel([eta], 5.0, [y], [n])[0] - exact))
            p = expit(eta - np.sqrt(2) * 5.0 * x)
            hermite.append(abs(np.log(np.sum(w / np.sqrt(np.pi) * p**y * (1 - p) ** (n - y))) - exact))
    assert max(rule) < 1e-5 and max(hermite) > 1e-3


def test_conditional_draws_follow_the_exact_posterior():
    eta, sd, y, n = np.array([0.5, -1.0]), 2.0, np.array([1, 0]), np.array([1, 2])
    rng = np.random.default_rng(0)
    draws = lik.instance_posterior(np.repeat(eta[:, None], 20_000, 1), np.full(20_000, sd),
                                   np.repeat(y[:, None], 20_000, 1), np.repeat(n[:, None], 20_000, 1), rng)
    # The exact posterior's CDF, on a grid fine enough that its own error is far below the test's.
    grid = np.linspace(-12, 12, 200_001)
    e = eta[:, None] - sd * grid
    density = np.exp(np.sum(y[:, None] * log_expit(e) + (n - y)[:, None] * log_expit(-e), 0)) * stats.norm.pdf(grid)
    cdf = np.cumsum(density)
    assert stats.kstest(draws, lambda z: np.interp(z, grid, cdf / cdf[-1])).pvalue > 0.001
    assert abs(np.mean(draws)) > 0.1  # the data moved it off its prior


def _rotating(agents: int = 2, days: int = 6, anchors: int = 4, per_day: int = 3, seed: int = 0):
    """Attempts of `anchors` tasks every day and `per_day` fresh instances a day from two families in two
    languages (family means -0.5 and +0.5, spread 1 logit), every agent attempting each instance once,
    at ability 0.3."""
    rng = np.random.default_rng(seed)
    rows, tasks = [], [{"task": t, "family": "suite", "language": "python"} for t in range(anchors)]
    b = list(rng.normal(0, 1, anchors))
    for d in range(days):
        for i in range(per_day):
            t = anchors + d * per_day + i
            tasks.append({"task": t, "family": f"gen{i % 2}", "language": ["python", "rust"][i % 2]})
            b.append(rng.normal([-0.5, 0.5][i % 2], 1.0))
            rows += [(a, d, t) for a in range(agents)]
        rows += [(a, d, t) for a in range(agents) for t in range(anchors)]
    df = pd.DataFrame(rows, columns=["agent", "day", "task"]).assign(attempts=1)
    df["passed"] = rng.binomial(1, expit(0.3 - np.asarray(b)[df["task"]]))
    return df, pd.DataFrame(tasks)


def _fresh_rate(eta: float, sd: float) -> float:
    return integrate.quad(lambda z: expit(eta - sd * z) * stats.norm.pdf(z), -12, 12)[0]


def test_the_model_integrates_exactly_its_one_day_instances():
    """At a random point, the model's instance term and pass rate against an independent computation
    from the point's own abilities, group deviations, family means and sigma_b."""
    df, tasks = _rotating()
    cells = model.to_cells(df, tasks, group_by="language")
    lay = model.layout(cells)
    anchors = np.flatnonzero(model.anchored(cells))
    assert list(anchors) == [0, 1, 2, 3] and lay.single.sum() == 18
    m = model.build(cells)
    point = {k: v + np.random.default_rng(1).normal(0, 0.3, np.shape(v)) for k, v in m.initial_point().items()}
    names = ["loglik_instances", "theta", "group_deviation", "family_difficulty", "sigma_b", "pass_rate"]
    at = m.compile_fn(m.replace_rvs_by_values([m[name] for name in [*names, "difficulty"]]), inputs=m.value_vars,
                      on_unused_input="ignore")(point)
    got = dict(zip([*names, "difficulty"], at, strict=True))
    level = got["theta"][:, :, None] + got["group_deviation"].transpose(0, 2, 1)  # (agent, day, group)
    want, rate = 0.0, np.zeros_like(got["theta"])
    for t in np.flatnonzero(lay.single):
        d = int(np.flatnonzero(cells.attempts[0, :, t])[0])
        eta = level[:, d, cells.group[t]] - got["family_difficulty"][cells.family[t]]
        want += exact_log_marginal(eta, float(got["sigma_b"]), cells.passed[:, d, t], cells.attempts[:, d, t])
        eta_all_days = level[:, :, cells.group[t]] - got["family_difficulty"][cells.family[t]]
        rate += np.vectorize(lambda e: _fresh_rate(e, float(got["sigma_b"])))(eta_all_days)
    assert float(got["loglik_instances"]) == pytest.approx(want, abs=1e-6)
    rate += sum(expit(level[:, :, cells.group[t]] - got["difficulty"][t]) for t in anchors)
    np.testing.assert_allclose(got["pass_rate"], rate / len(cells.coords["task"]), atol=1e-6)


@pytest.mark.slow
def test_a_rotating_fit_mixes_and_draws_each_instance_from_its_outcome():
    df, tasks = _rotating(agents=1, days=30, anchors=10, per_day=6, seed=2)
    cells = model.to_cells(df, tasks)
    idata = model.fit(cells, model.Sampling(seed=5))
    diag = model.diagnostics(idata)
    assert diag["ok"], diag
    b = model.draws_of(idata, "difficulty")
    mu = model.draws_of(idata, "family_difficulty")[:, cells.family]
    lay = model.layout(cells)
    one = np.flatnonzero(lay.single)
    shift = (b[:, one] - mu[:, one]).mean(0)  # posterior mean of each instance's departure from its family
    passed = cells.passed.sum((0, 1))[one] > 0
    assert shift[passed].max() < 0 < shift[~passed].min()  # a passed instance is easier than its family
    compiled = model.Compiled(cells, model.Sampling(draws=50, tune=50))
    moved = np.roll(cells.attempts, 1, axis=1)
    with pytest.raises(ValueError, match="other days"):
        compiled.sample(np.roll(cells.passed, 1, axis=1), moved)
