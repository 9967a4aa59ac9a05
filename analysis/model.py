"""The ability model: latent daily ability per agent with per-task difficulty.

    logit P(pass | agent a, day d, task t) = theta[a, d] - b[t]
    theta[a, :] ~ Gaussian random walk over calendar days, step sd sigma_walk[a]
    b ~ ZeroSumNormal(sigma_b)   (difficulty; its sum is pinned to 0, which identifies the model)

Repeats are aggregated into binomial counts per (agent, day, task) cell on a dense grid, and the
likelihood is one term, sum(y * eta - n * softplus(eta)): cells with no attempt add nothing, so days
without a run are carried by the walk instead of being dropped. The walk is centred because every
observed day is informed by many tasks; ZeroSumNormal pins the location exactly rather than softly.
Both choices come from measurements on this machine (shared/README.md), where they sampled an order
of magnitude faster than the non-centred, soft-pinned version with no loss of recovery.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pymc as pm
import pytensor.tensor as pt


@dataclass
class Cells:
    passed: np.ndarray  # (agent, day, task) successes
    attempts: np.ndarray  # (agent, day, task) trials
    coords: dict[str, list]


def to_cells(attempts: pd.DataFrame) -> Cells:
    """Columns agent, day, task, attempts, passed (one row per attempt or already aggregated).
    Days form a complete calendar from the first to the last day present."""
    agents = sorted(attempts["agent"].unique())
    tasks = sorted(attempts["task"].unique())
    first, last = attempts["day"].min(), attempts["day"].max()
    if isinstance(first, int | np.integer):
        days = list(range(int(first), int(last) + 1))
    else:
        days = list(pd.date_range(first, last, freq="D").date)
    shape = (len(agents), len(days), len(tasks))
    y, n = np.zeros(shape, dtype="int64"), np.zeros(shape, dtype="int64")
    ai = attempts["agent"].map({a: i for i, a in enumerate(agents)}).to_numpy()
    di = attempts["day"].map({d: i for i, d in enumerate(days)}).to_numpy()
    ti = attempts["task"].map({t: i for i, t in enumerate(tasks)}).to_numpy()
    np.add.at(y, (ai, di, ti), attempts["passed"].to_numpy())
    np.add.at(n, (ai, di, ti), attempts["attempts"].to_numpy())
    # Samplers take string or integer coordinates: calendar days travel as ISO dates.
    day_coords = days if isinstance(first, int | np.integer) else [d.isoformat() for d in days]
    return Cells(y, n, {"agent": agents, "day": day_coords, "task": tasks})


def build(cells: Cells, walk_prior_sd: float = 0.1) -> pm.Model:
    with pm.Model(coords=cells.coords) as model:
        y = pm.Data("passed", cells.passed, dims=("agent", "day", "task"))
        n = pm.Data("attempts", cells.attempts, dims=("agent", "day", "task"))
        sigma_b = pm.HalfNormal("sigma_b", 2.0)
        b = pm.ZeroSumNormal("difficulty", sigma=sigma_b, dims="task")
        sigma_walk = pm.HalfNormal("sigma_walk", walk_prior_sd, dims="agent")
        theta = pm.GaussianRandomWalk("theta", sigma=sigma_walk, init_dist=pm.Normal.dist(0.0, 2.0),
                                      dims=("agent", "day"))
        eta = theta[:, :, None] - b[None, None, :]
        pm.Potential("loglik", pt.sum(y * eta - n * pt.softplus(eta)))
        # What a reader understands: the expected pass rate on the current suite.
        pm.Deterministic("pass_rate", pt.mean(pt.sigmoid(eta), axis=-1), dims=("agent", "day"))
    return model


def fit(cells: Cells, *, draws: int = 500, tune: int = 500, chains: int = 2, seed: int = 0,
        sampler: str = "nutpie"):
    model = build(cells)
    with model:
        try:
            return pm.sample(draws=draws, tune=tune, chains=chains, random_seed=seed, nuts_sampler=sampler,
                             progressbar=False)
        except ImportError:  # nutpie missing: PyMC's own NUTS
            return pm.sample(draws=draws, tune=tune, chains=chains, random_seed=seed, progressbar=False)


# Thresholds a fit must meet before its numbers are shown as trustworthy.
RHAT_MAX, ESS_MIN, BFMI_MIN = 1.01, 400, 0.3


def diagnostics(idata) -> dict:
    import arviz as az

    params = ["theta", "difficulty", "sigma_walk", "sigma_b"]
    rhat = az.rhat(idata, var_names=params)
    ess_bulk = az.ess(idata, var_names=params, method="bulk")
    ess_tail = az.ess(idata, var_names=params, method="tail")
    # ArviZ 1 returns DataTree nodes; flatten every variable's values to judge the worst one.
    worst = {name: float((np.max if name == "rhat" else np.min)(_values(tree)))
             for name, tree in (("rhat", rhat), ("ess_bulk", ess_bulk), ("ess_tail", ess_tail))}
    diverging = int(idata["sample_stats"]["diverging"].values.sum())
    bfmi = float(np.min(_values(az.bfmi(idata))))
    ok = (worst["rhat"] <= RHAT_MAX and worst["ess_bulk"] >= ESS_MIN and worst["ess_tail"] >= ESS_MIN
          and diverging == 0 and bfmi >= BFMI_MIN)
    return {"rhat_max": worst["rhat"], "ess_bulk_min": worst["ess_bulk"], "ess_tail_min": worst["ess_tail"],
            "divergences": diverging, "bfmi_min": bfmi, "ok": ok}


def _values(tree) -> np.ndarray:
    ds = tree.to_dataset() if hasattr(tree, "to_dataset") else tree
    return np.concatenate([np.ravel(v.values) for v in ds.data_vars.values()])


def pass_rate_draws(idata) -> np.ndarray:
    """(draws, agent, day) posterior draws of the expected pass rate, chains pooled."""
    rate = idata["posterior"]["pass_rate"].values
    return rate.reshape(-1, *rate.shape[2:])


def summarise(idata, cells: Cells) -> pd.DataFrame:
    """Per agent-day: posterior median and 50% / 90% credible intervals of the expected pass rate."""
    draws = pass_rate_draws(idata)
    q = np.quantile(draws, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)  # (5, agent, day)
    rows = []
    for ai, agent in enumerate(cells.coords["agent"]):
        for di, day in enumerate(cells.coords["day"]):
            rows.append({"agent": agent, "day": day, "attempts": int(cells.attempts[ai, di].sum()),
                         "passed": int(cells.passed[ai, di].sum()), "q05": q[0, ai, di], "q25": q[1, ai, di],
                         "median": q[2, ai, di], "q75": q[3, ai, di], "q95": q[4, ai, di]})
    return pd.DataFrame(rows)


def p_drop(idata, agent_index: int, window: slice, baseline: slice, delta: float = 0.02) -> float:
    """P(mean expected pass rate over `window` is more than `delta` below its mean over `baseline`);
    both windows are posterior quantities, so the baseline's own uncertainty is carried along."""
    draws = pass_rate_draws(idata)[:, agent_index]
    drop = draws[:, baseline].mean(axis=1) - draws[:, window].mean(axis=1)
    return float(np.mean(drop > delta))
