"""The ability model: latent daily ability per agent with per-task difficulty.

    logit P(pass | agent a, day d, task t) = theta[a, d] (+ delta[a, g(t), d]) - b[t]
    theta[a, :] = level[a] + a random walk over calendar days, step sd sigma_walk[a]   (analysis/walk.py)
    b[t] ~ Normal(family mean or carried-in prior, sigma_b), centred to sum 0 (identifies the model)
    delta[a, g, :]  optional per-language or per-kind walks, zero-sum across groups

Repeats are aggregated into binomial counts per (agent, day, task) cell on a dense grid, and the
pass/fail likelihood is one term, sum(y * eta - n * softplus(eta)), evaluated in one fused pass
(analysis/likelihood.py): cells with no attempt add nothing, so days without a run are carried by the
walk instead of being dropped. The partial-credit
likelihood (tests passed of tests run, beta-binomial) works per attempt instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pymc as pm
import pytensor.tensor as pt
from pymc.distributions.transforms import ZeroSumTransform

from analysis import likelihood as lik
from analysis import walk
from analysis.likelihood import binomial_logit, marginal_instances

LIKELIHOODS = ("binary", "partial")


@dataclass
class Cells:
    passed: np.ndarray  # (agent, day, task) successes
    attempts: np.ndarray  # (agent, day, task) trials
    coords: dict[str, list]
    family: np.ndarray | None = None  # (task,) index into coords["family"]
    group: np.ndarray | None = None  # (task,) index into coords["group"]
    tests: pd.DataFrame | None = field(default=None, repr=False)  # per attempt: a, d, t, k, m


def to_cells(attempts: pd.DataFrame, tasks: pd.DataFrame | None = None, group_by: str | None = None) -> Cells:
    """`attempts`: agent, day, task, attempts, passed (one row per attempt or already aggregated), and
    optionally tests_passed, tests_total. `tasks`: task plus any of family, language, kind.
    Days form a complete calendar from the first to the last day present."""
    agents = sorted(attempts["agent"].unique())
    task_ids = sorted(attempts["task"].unique())
    first, last = attempts["day"].min(), attempts["day"].max()
    integer_days = isinstance(first, int | np.integer)
    days = list(range(int(first), int(last) + 1)) if integer_days else list(pd.date_range(first, last).date)
    shape = (len(agents), len(days), len(task_ids))
    y, n = np.zeros(shape, dtype="int64"), np.zeros(shape, dtype="int64")
    ai = attempts["agent"].map({a: i for i, a in enumerate(agents)}).to_numpy()
    di = attempts["day"].map({d: i for i, d in enumerate(days)}).to_numpy()
    ti = attempts["task"].map({t: i for i, t in enumerate(task_ids)}).to_numpy()
    np.add.at(y, (ai, di, ti), attempts["passed"].to_numpy())
    np.add.at(n, (ai, di, ti), attempts["attempts"].to_numpy())
    # Samplers take string or integer coordinates: calendar days travel as ISO dates.
    coords = {"agent": agents, "day": days if integer_days else [d.isoformat() for d in days], "task": task_ids}
    cells = Cells(y, n, coords)
    if tasks is not None:
        meta = tasks.set_index("task").reindex(task_ids)
        for attr, column in (("family", "family"), ("group", group_by)):
            if column and column in meta and meta[column].notna().all():
                codes, labels = pd.factorize(meta[column], sort=True)
                if attr == "group" or len(labels) > 1:
                    cells.coords[attr] = list(labels)
                    setattr(cells, attr, codes)
    if {"tests_passed", "tests_total"} <= set(attempts.columns):
        ok = attempts["tests_total"].fillna(0).to_numpy() > 0
        cells.tests = pd.DataFrame({"a": ai[ok], "d": di[ok], "t": ti[ok],
                                    "k": attempts["tests_passed"].fillna(0).to_numpy()[ok].astype("int64"),
                                    "m": attempts["tests_total"].to_numpy()[ok].astype("int64")})
    return cells


def information(cells: Cells) -> np.ndarray:
    """Fisher information about ability per agent and observed day (logit scale), averaged over days."""
    p = (cells.passed.sum((0, 1)) + 1) / (cells.attempts.sum((0, 1)) + 2)
    return (cells.attempts * (p * (1 - p))).sum(-1).mean(-1)


def group_information(cells: Cells) -> np.ndarray:
    p = (cells.passed.sum((0, 1)) + 1) / (cells.attempts.sum((0, 1)) + 2)
    per_task = (cells.attempts * (p * (1 - p))).mean(1)  # (agent, task)
    groups = len(cells.coords["group"])
    return np.stack([per_task[:, cells.group == g].sum(-1) for g in range(groups)], axis=1)


@dataclass(frozen=True)
class Priors:
    # The daily step (logits) ~ LogNormal(log walk_median, walk_log_sd): 95% between 0.005 and 0.08 a day.
    # A prior on orders of magnitude. Below: near the data's resolution (0.005 a day wanders ~2.5 points
    # in a year); a HalfNormal(0.05) was tried, and on a stable agent the posterior of log sigma then
    # trailed towards -infinity (18 divergences, BFMI 0.11 on benchmarks/ppc.py's rotation world).
    # Above: agents do not drift smoothly by 0.1 logits every day. Sudden steps are the change-point
    # level's job (analysis/changepoint.py); this walk is the trend.
    walk_median: float = 0.02
    walk_log_sd: float = 0.7
    difficulty_sd: float = 2.0  # HalfNormal scale of the task spread, logits
    level_sd: float = 2.0
    # Carried in from an earlier fit (bounded-cost refits): task -> (mean, sd) of its difficulty.
    difficulty: dict | None = None


@dataclass(frozen=True)
class Layout:
    """Which tasks' difficulties are integrated out of the pass/fail likelihood: rotating instances run
    on exactly one day (by any agents) and without a carried-in prior (analysis/likelihood.py
    `marginal_instances`). Every other task stays a sampled parameter on the (agent, day, task) grid."""

    single: np.ndarray  # (task,) bool
    day: np.ndarray  # (instance,) the day each integrated-out instance ran

    def data(self, passed: np.ndarray, attempts: np.ndarray) -> dict[str, np.ndarray]:
        """The model's data arrays, by the names `build` gives them."""
        grid, one = np.flatnonzero(~self.single), np.flatnonzero(self.single)
        out = {"passed": passed[:, :, grid], "attempts": attempts[:, :, grid]}
        if len(one):
            out |= {"instance_passed": passed[:, self.day, one], "instance_attempts": attempts[:, self.day, one]}
        return out


def layout(cells: Cells, likelihood: str = "binary", priors: Priors = Priors()) -> Layout:
    """The partial-credit likelihood works per attempt on the grid, so it integrates nothing out."""
    tasks = len(cells.coords["task"])
    run_days = (cells.attempts.sum(0) > 0).sum(0)
    carried = np.array([t in (priors.difficulty or {}) for t in cells.coords["task"]], dtype=bool)
    single = ~anchored(cells) & (run_days == 1) & ~carried if likelihood == "binary" else np.zeros(tasks, bool)
    day = np.argmax(cells.attempts.sum(0)[:, single] > 0, axis=0)
    return Layout(single, day)


def build(cells: Cells, likelihood: str = "binary", priors: Priors = Priors()) -> pm.Model:
    if likelihood not in LIKELIHOODS:
        raise ValueError(f"likelihood must be one of {LIKELIHOODS}, not {likelihood!r}")
    _agents, days, _ = cells.passed.shape
    fixed, lay = anchored(cells), layout(cells, likelihood, priors)
    task = np.asarray(cells.coords["task"])
    grid, one = np.flatnonzero(~lay.single), np.flatnonzero(lay.single)
    coords = cells.coords | {"mode": list(range(1, days)),
                             "anchored_task": list(task[fixed]),
                             "rotating_task": list(task[~fixed & ~lay.single]),
                             "grid_task": list(task[grid]), "instance": list(task[one])}
    with pm.Model(coords=coords) as model:
        dims = {3: ("agent", "day", "grid_task"), 2: ("agent", "instance")}
        data = {name: pm.Data(name, value, dims=dims[value.ndim])
                for name, value in lay.data(cells.passed, cells.attempts).items()}
        b, mu, sd = _difficulty(cells, priors, fixed, lay.single)
        sigma_walk = pm.LogNormal("sigma_walk", np.log(priors.walk_median), priors.walk_log_sd, dims="agent")
        level = pm.Normal("level", 0.0, priors.level_sd, dims="agent")
        theta = level[:, None] * pt.ones((1, days))
        if days > 1:
            w = pm.Data("walk_centring", walk.centring(information(cells), days), dims=("agent", "mode"))
            theta = theta + walk.deviations("walk", sigma_walk, w, ("agent", "mode"), days)
        theta = pm.Deterministic("theta", theta, dims=("agent", "day"))
        level_by_group, group = theta[:, :, None], np.zeros(len(cells.coords["task"]), dtype="int64")
        if cells.group is not None and days > 1:
            level_by_group = theta[:, :, None] + _group_walks(cells, priors).transpose(0, 2, 1)
            group = cells.group
        if likelihood == "binary":
            on_grid = b[grid] if len(one) else b  # no gather (and its gradient's scatter) without instances
            pm.Potential("loglik", binomial_logit(level_by_group, on_grid, group[grid], data["passed"],
                                                  data["attempts"]))
            if len(one):
                eta = level_by_group[:, lay.day, group[one]] - mu[one]
                pm.Potential("loglik_instances", marginal_instances(eta, sd[one], data["instance_passed"],
                                                                    data["instance_attempts"]))
        if likelihood == "partial":
            _partial_credit(cells, level_by_group[:, :, group] - b[None, None, :])
        # What a reader understands: the expected pass rate on the suite (an integrated-out instance counts
        # as a fresh draw from its family, the pass rate a new instance like it would have).
        family = cells.family if cells.family is not None else np.zeros_like(group)
        pm.Deterministic("pass_rate", _mean_rate(level_by_group, b, mu, sd, group, family, lay.single,
                                                 np.ones_like(lay.single)), dims=("agent", "day"))
        if cells.group is not None:
            by_group = pt.stack([_mean_rate(level_by_group, b, mu, sd, group, family, lay.single, cells.group == g)
                                 for g in range(len(cells.coords["group"]))], axis=1)
            pm.Deterministic("pass_rate_by_group", by_group, dims=("agent", "group", "day"))
    return model


def _mean_rate(level_by_group, b, mu, sd, group: np.ndarray, family: np.ndarray, single: np.ndarray,
               members: np.ndarray):
    """(agent, day) mean expected pass rate over the `members` tasks. Integrated-out instances that share
    a prior (family) and group share one expectation over their difficulty, by the likelihood's nodes
    for a spread of lik.SD_RATE (fixed nodes: a Deterministic is computed per draw, never differentiated)."""
    grid, one = np.flatnonzero(members & ~single), np.flatnonzero(members & single)
    total = pt.sigmoid(level_by_group[:, :, group[grid]] - b[grid]).sum(-1)
    if len(one):
        # Instances of one family in one group have the same prior (mu, sd): b holds mu for them.
        keys = np.stack([group[one], family[one]], 1)
        _, first, counts = np.unique(keys, axis=0, return_index=True, return_counts=True)
        rep = one[first]
        z, log_w = lik.nodes(lik.SD_RATE)
        eta = level_by_group[:, :, group[rep]] - mu[rep]
        rate = pt.sigmoid(eta[..., None] - sd[rep][:, None] * z) @ np.exp(log_w)
        total = total + (rate * counts).sum(-1)
    return total / max(len(grid) + len(one), 1)


# A task with at least this many attempts in the fit is "anchored": its difficulty is sampled centred
# and the anchored difficulties sum to 0. Any other task (a generated instance, typically run once) is
# non-centred: one or two pass/fail outcomes say less about it than its prior does, and a centred
# parameter there forms a funnel with sigma_b (divergences and BFMI < 0.1 under a rotating plan).
ANCHOR_ATTEMPTS = 5


def anchored(cells: Cells) -> np.ndarray:
    """(task,) bool; every task when fewer than two reach ANCHOR_ATTEMPTS (nothing else can pin the scale)."""
    enough = cells.attempts.sum((0, 1)) >= ANCHOR_ATTEMPTS
    return enough if enough.sum() >= 2 else np.ones_like(enough)


# Spreads (logits) at which centring weights are judged: small but typical values, because a centred
# parameter where the true spread is smaller funnels, while a non-centred one where it is larger only
# mixes a little slower. Only efficiency depends on them, never the model. SIGMA_FAMILY_REF was 0.2: in
# 8 trial replicates of benchmarks/sbc.py's 120-day window (output not stored), 3 fits still diverged
# (10-17 times each, at sigma_family near 0.02); at 0.1 those 3 had one divergence between them.
SIGMA_B_REF, SIGMA_ANCHOR_REF, SIGMA_FAMILY_REF = 1.5, 0.5, 0.1


def _anchor_centring(cells: Cells, anchors: np.ndarray) -> float:
    """w = kappa / (1 + kappa), kappa = the median anchor's information (~0.2 per attempt) over its prior's."""
    kappa = float(np.median(cells.attempts.sum((0, 1))[anchors])) * 0.2 * SIGMA_ANCHOR_REF**2
    return kappa / (1 + kappa)


def _family_centring(cells: Cells, fixed: np.ndarray) -> np.ndarray:
    """(family,) w in [0, 1]: kappa / (1 + kappa), kappa = the family's information about its mean (each
    attempt of one of its instances says ~1 / (4 + sigma_b^2)) over its prior's (1 / sigma_family^2).
    Anchored tasks' attempts say nothing about it (their zero sum removes their families' mean), so a
    family of anchors alone is non-centred: centred, it is a prior-only dimension that funnels with
    sigma_family (divergent draws at a median sigma_family of 0.02 in benchmarks/sbc.py's 120-day window)."""
    per_family = np.bincount(cells.family, weights=cells.attempts.sum((0, 1)) * ~fixed,
                             minlength=len(cells.coords["family"]))
    kappa = per_family / (4 + SIGMA_B_REF**2) * SIGMA_FAMILY_REF**2
    return kappa / (1 + kappa)


def _difficulty(cells: Cells, priors: Priors, fixed: np.ndarray, single: np.ndarray):
    """b ~ Normal(family mean or carried-in prior, sd), given that the anchored tasks' b sum to 0 (which
    pins the scale's location: ability is measured against the tasks that run every day, however the
    rotating part changes). The anchored b live in the T - 1 coordinates of the zero-sum plane, because
    a free mean direction that only the prior shapes mixes slowly (R-hat 1.19 on it at 3 agents x 365
    days x 200 tasks when b was a free vector minus its mean); rotating instances are non-centred, and
    those integrated out (`single`, see `Layout`) hold their prior mean in b until `complete` draws them.
    `fixed`: the anchored tasks (`anchored`). Returns (b, prior mean, prior sd), each (task,)."""
    tasks = len(cells.coords["task"])
    sigma_b = pm.HalfNormal("sigma_b", priors.difficulty_sd)
    mu = pt.zeros(tasks)
    if cells.family is not None:
        sigma_family = pm.HalfNormal("sigma_family", 1.0)
        # Partially non-centred like the walk (analysis/walk.py), by how much the family's attempts say
        # about its mean: a family of a few dozen one-off instances funnels with sigma_family when centred.
        if fixed.all():  # every task anchored: a shift shared by all families is invisible to the data,
            # and the anchors' differences inform the families' (one weight: ZeroSumNormal takes one sigma)
            w = float(np.median(_family_centring(cells, np.zeros_like(fixed))))
            raw = pm.ZeroSumNormal("family_raw", sigma_family**w, dims="family")
        else:  # instances place their families against the anchors, which pin the scale; a zero sum
            # over families would push the anchors' own family mean (which the anchors' zero sum
            # removes) to balance the others: +9 logits, sigma_family 2.3 on benchmarks/ppc.py's world.
            w = _family_centring(cells, fixed)
            raw = pm.Normal("family_raw", 0.0, sigma_family**w, dims="family")
        mu = pm.Deterministic("family_difficulty", sigma_family ** (1 - w) * raw, dims="family")[cells.family]
    sd = sigma_b * pt.ones(tasks)
    if priors.difficulty:
        known = [priors.difficulty.get(t) for t in cells.coords["task"]]
        mask = np.array([k is not None for k in known])
        mu = pt.switch(mask, np.array([k[0] if k else 0.0 for k in known]), mu)
        sd = pt.switch(mask, np.array([k[1] if k else 1.0 for k in known]), sd)
    a, r = np.flatnonzero(fixed), np.flatnonzero(~fixed & ~single)
    if priors.difficulty and any(t in priors.difficulty for t in np.asarray(cells.coords["task"])[a]):
        # Carried-in priors (each its own mean and sd): centred, the Normal density on the plane. It is
        # the conditional prior only once divided by the density of the mean of b at 0, which depends on
        # mu and sd; without this term the plane would tilt the prior of sigma_b.
        b_anchored = pm.Normal("difficulty_anchored", mu[a], sd[a], dims="anchored_task",
                               default_transform=ZeroSumTransform([-1]))
        pm.Potential("difficulty_sums_to_zero",
                     -pm.logp(pm.Normal.dist(pt.mean(mu[a]), pt.sqrt(pt.sum(sd[a] ** 2)) / len(a)), 0.0))
    else:
        # One sd for all: Normal(mu, sigma_b) given a zero sum is exactly (mu - mean mu) + sigma_b times a
        # zero-sum standard Normal, partially non-centred by how much each anchor's attempts say.
        w = _anchor_centring(cells, a)
        raw = pm.ZeroSumNormal("difficulty_anchored_raw", sigma_b**w, dims="anchored_task")
        b_anchored = mu[a] - pt.mean(mu[a]) + sigma_b ** (1 - w) * raw
    b = pt.zeros(tasks)
    b = pt.set_subtensor(b[a], b_anchored)
    if len(r):
        offset = pm.Normal("difficulty_offset", 0.0, 1.0, dims="rotating_task")
        b = pt.set_subtensor(b[r], mu[r] + sd[r] * offset)
    if single.any():
        b = pt.set_subtensor(b[np.flatnonzero(single)], mu[np.flatnonzero(single)])
    return pm.Deterministic("difficulty", b, dims="task"), mu, sd


def _group_walks(cells: Cells, priors: Priors):
    """Per (agent, language-or-kind) deviations that change over time, zero-sum across groups, so a
    drop confined to one group shows there without moving the agent's overall ability."""
    days = cells.passed.shape[1]
    # The agent's walk prior, for the same reasons: a HalfNormal(0.025) gave the demo, whose groups do
    # not change, 4 divergences; a tighter LogNormal (median 0.01) followed a one-language step too slowly.
    sigma = pm.LogNormal("sigma_group_walk", np.log(priors.walk_median), priors.walk_log_sd)
    agents, groups = cells.passed.shape[0], len(cells.coords["group"])
    # Judged at half the prior median: group-specific change is usually small, and a weakly
    # informed walk with a small step samples best (nearly) non-centred.
    w = walk.centring(group_information(cells), days, priors.walk_median / 2).reshape(agents * groups, days - 1)
    flat = walk.deviations("group_walk", sigma * pt.ones(agents * groups), w, None, days)
    dev = flat.reshape((agents, groups, days))
    return pm.Deterministic("group_deviation", dev - dev.mean(axis=1, keepdims=True),
                            dims=("agent", "group", "day"))


def _partial_credit(cells: Cells, eta) -> None:
    """Tests passed of tests run per attempt: beta-binomial around the pass probability; one shared
    concentration absorbs the correlation between tests of one attempt."""
    if cells.tests is None or cells.tests.empty:
        raise ValueError("the partial-credit likelihood needs tests_passed/tests_total on the attempts")
    t = cells.tests
    mu = pt.clip(pt.sigmoid(eta[t["a"].to_numpy(), t["d"].to_numpy(), t["t"].to_numpy()]), 1e-6, 1 - 1e-6)
    kappa = pm.Gamma("concentration", alpha=2.0, beta=0.2)
    pm.BetaBinomial("tests_passed", n=t["m"].to_numpy(), alpha=mu * kappa, beta=(1 - mu) * kappa,
                    observed=t["k"].to_numpy())


@dataclass(frozen=True)
class Sampling:
    # 2 chains x 1800 draws: at 3 agents x 365 days x 200 tasks the largest R-hat over ~1,300 quantities
    # is sampling noise of about 1.008-1.012 at 1500 draws and the fit still runs in under 2 minutes
    # (benchmarks/results/fit_time.txt). nutpie's step-size and mass-matrix adaptation settles in 300.
    draws: int = 1800
    tune: int = 300
    chains: int = 2
    seed: int = 0
    sampler: str = "nutpie"  # or "pymc" (PyMC's own NUTS)


def fit(cells: Cells, sampling: Sampling = Sampling(), likelihood: str = "binary", priors: Priors = Priors()):
    idata = sample(build(cells, likelihood, priors), sampling)
    return complete(idata, cells, layout(cells, likelihood, priors), sampling.seed)


def complete(idata, cells: Cells, lay: Layout, seed: int = 0):
    """Draws each integrated-out instance's difficulty from its conditional posterior, draw by draw, into
    the posterior's `difficulty` (where it held its prior mean), so the draws are those of the model with
    every instance sampled, and every reader of `difficulty` (summaries, checks) is unchanged."""
    one = np.flatnonzero(lay.single)
    if not len(one):
        return idata
    b = idata["posterior"]["difficulty"].values  # (chain, draw, task), written in place
    flat = b.reshape(-1, b.shape[-1])
    level = draws_of(idata, "theta")[:, :, lay.day]  # (draws, agent, instance)
    if "group_deviation" in idata["posterior"]:
        level = level + draws_of(idata, "group_deviation")[:, :, cells.group[one], lay.day]
    sd = draws_of(idata, "sigma_b")
    data, rng = lay.data(cells.passed, cells.attempts), np.random.default_rng(seed)
    for i in range(len(flat)):
        mu = flat[i, one]
        z = lik.instance_posterior(level[i] - mu, np.full(len(one), sd[i]), data["instance_passed"],
                                   data["instance_attempts"], rng)
        flat[i, one] = mu + sd[i] * z
    if not np.shares_memory(flat, b):
        b[...] = flat.reshape(b.shape)
    return idata


def sample(model: pm.Model, sampling: Sampling = Sampling()):
    # Chains run in parallel on every core this process may use. PyMC's own guess halves the CPU count
    # (assuming hyper-threads), which on a 2-core machine ran the chains one after another: 179 s
    # instead of 99 s at 3 agents x 365 days x 200 tasks.
    cores = min(sampling.chains, len(os.sched_getaffinity(0)))
    kw = dict(draws=sampling.draws, tune=sampling.tune, chains=sampling.chains, cores=cores,
              random_seed=sampling.seed, progressbar=False)
    with model:
        if sampling.sampler == "nutpie":
            try:
                return pm.sample(nuts_sampler="nutpie", **kw)
            except ImportError:  # nutpie missing: PyMC's own NUTS
                pass
        return pm.sample(nuts_sampler="pymc", compute_convergence_checks=False, **kw)


# Thresholds a fit must meet before its numbers are shown as trustworthy.
RHAT_MAX, ESS_MIN, BFMI_MIN = 1.01, 400, 0.3
PARAMS = ["theta", "difficulty", "sigma_walk", "sigma_b", "level"]


def diagnostics(idata) -> dict:
    import arviz as az

    names = [p for p in PARAMS if p in idata["posterior"]]
    rhat = az.rhat(idata, var_names=names)
    ess_bulk = az.ess(idata, var_names=names, method="bulk")
    ess_tail = az.ess(idata, var_names=names, method="tail")
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


def draws_of(idata, name: str) -> np.ndarray:
    """(draws, ...) posterior draws of a variable, chains pooled."""
    values = idata["posterior"][name].values
    return values.reshape(-1, *values.shape[2:])


def pass_rate_draws(idata) -> np.ndarray:
    return draws_of(idata, "pass_rate")


def summarise(idata, cells: Cells) -> pd.DataFrame:
    """Per agent-day: posterior median and 50% / 90% credible intervals of the expected pass rate,
    and the ability (logit scale) mean and sd that a later windowed fit can start from."""
    draws, theta = pass_rate_draws(idata), draws_of(idata, "theta")
    q = np.quantile(draws, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)  # (5, agent, day)
    rows = []
    for ai, agent in enumerate(cells.coords["agent"]):
        for di, day in enumerate(cells.coords["day"]):
            rows.append({"agent": agent, "day": day, "attempts": int(cells.attempts[ai, di].sum()),
                         "passed": int(cells.passed[ai, di].sum()), "q05": q[0, ai, di], "q25": q[1, ai, di],
                         "median": q[2, ai, di], "q75": q[3, ai, di], "q95": q[4, ai, di],
                         "theta_mean": theta[:, ai, di].mean(), "theta_sd": theta[:, ai, di].std()})
    return pd.DataFrame(rows)


def summarise_difficulty(idata, cells: Cells) -> pd.DataFrame:
    b = draws_of(idata, "difficulty")
    q = np.quantile(b, [0.05, 0.5, 0.95], axis=0)
    return pd.DataFrame({"task": cells.coords["task"], "mean": b.mean(0), "sd": b.std(0),
                         "q05": q[0], "median": q[1], "q95": q[2],
                         "attempts": cells.attempts.sum((0, 1)), "passed": cells.passed.sum((0, 1))})


class Compiled:
    """The model compiled once for a grid shape; each `sample` swaps in new counts (nutpie), which is
    what makes hundreds of refits affordable in benchmarks and calibration checks."""

    def __init__(self, cells: Cells, sampling: Sampling = Sampling()):
        import nutpie

        self.cells, self.sampling, self.layout = cells, sampling, layout(cells)
        self.compiled = nutpie.compile_pymc_model(build(cells))

    def sample(self, passed: np.ndarray, attempts: np.ndarray, seed: int = 0):
        import nutpie

        cells = replace(self.cells, passed=passed, attempts=attempts)
        new = layout(cells)
        if not (np.array_equal(new.single, self.layout.single) and np.array_equal(new.day, self.layout.day)):
            raise ValueError("these attempts run instances on other days than the compiled model's: compile anew")
        w = walk.centring(information(cells), passed.shape[1])
        c = self.compiled.with_data(**self.layout.data(passed, attempts), walk_centring=w)
        s = self.sampling
        idata = nutpie.sample(c, draws=s.draws, tune=s.tune, chains=s.chains, seed=seed, progress_bar=False)
        return complete(idata, cells, self.layout, seed)
