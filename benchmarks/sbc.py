"""Rank-based simulation-based calibration (Talts et al. 2018) of the shipped NUTS model.

Each replicate draws every latent from the model's own prior (analysis/simulate.py `from_prior`), draws
the pass/fail data from them, fits analysis/model.py as shipped (its sampler settings, `Sampling()`),
and records the rank of each true value among thinned posterior draws. If model and sampler are right,
every rank is uniform. Reported per quantity: the rank histogram (10 bins), a chi-square p-value, and
the share of replicates whose 90% interval holds the truth.

The configuration is the daily plan's shape (tasks/plans/daily.toml) at one agent: anchor tasks of one
suite attempted every day, plus fresh generated instances (each seen once) from several families, so
the family level and the zero-sum difficulties are exercised as in production; a month by default,
`--days 120` for the alarm's training window. Which replicates fail their own diagnostics is reported
against the prior draw's step and task spread.

    python benchmarks/sbc.py [--replicates 200] [--days 30] [--json benchmarks/results/sbc.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import likelihood as lik
from analysis import model
from analysis.simulate import from_prior

ANCHORS, FAMILIES, PER_FAMILY = 20, 4, 2
BINS, KEEP = 10, 199  # thinned draws per replicate: ranks 0..199 fall evenly into 10 bins


def design(days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(attempts grid (1, day, task), family per task, one rotating instance's task index). Family 0 is
    the anchor suite; every other task is an instance run on one day only."""
    instances = days * FAMILIES * PER_FAMILY
    family = np.r_[np.zeros(ANCHORS, int), np.repeat(np.arange(1, FAMILIES + 1), days * PER_FAMILY)]
    attempts = np.zeros((1, days, ANCHORS + instances), dtype="int64")
    attempts[0, :, :ANCHORS] = 1
    for f in range(FAMILIES):
        for d in range(days):
            first = ANCHORS + f * days * PER_FAMILY + d * PER_FAMILY
            attempts[0, d, first:first + PER_FAMILY] = 1
    return attempts, family, ANCHORS + days * PER_FAMILY // 2  # an instance of family 1 run mid-window


def suite_rate(draw, single: np.ndarray, family: np.ndarray) -> float:
    """The model's pass rate on the last day: each task at its difficulty, except that an instance whose
    difficulty the model integrates out counts as a fresh draw from its family (analysis/model.py)."""
    theta, (z, log_w) = draw.theta[-1], lik.nodes(lik.SD_RATE)
    fresh = expit(theta - draw.family_difficulty[family[single]][:, None] - draw.sigma_b * z) @ np.exp(log_w)
    return float((expit(theta - draw.difficulty[~single]).sum() + fresh.sum()) / len(single))


def quantities(draw, instance, single, family) -> dict[str, tuple[str, tuple, float]]:
    """name -> (posterior variable, index into its draws, true value)."""
    days = len(draw.theta)
    return {"theta, day 0": ("theta", (0, 0), draw.theta[0]),
            f"theta, day {days // 2}": ("theta", (0, days // 2), draw.theta[days // 2]),
            f"theta, day {days - 1}": ("theta", (0, days - 1), draw.theta[-1]),
            "pass rate, last day": ("pass_rate", (0, days - 1), suite_rate(draw, single, family)),
            "sigma_walk": ("sigma_walk", (0,), draw.sigma_walk),
            "sigma_b": ("sigma_b", (), draw.sigma_b),
            "difficulty, anchor 0": ("difficulty", (0,), draw.difficulty[0]),
            "difficulty, an instance": ("difficulty", (instance,), draw.difficulty[instance]),
            "family difficulty 1": ("family_difficulty", (1,), draw.family_difficulty[1])}


def run(replicates: int, seed: int, days: int) -> dict:
    attempts, family, instance = design(days)
    coords = {"agent": [0], "day": list(range(days)), "task": list(range(attempts.shape[-1])),
              "family": list(range(FAMILIES + 1))}
    cells = model.Cells(attempts, attempts, coords, family=family)
    compiled, anchored = model.Compiled(cells), model.anchored(cells)
    rng = np.random.default_rng(seed)
    ranks, covered, diag_ok, seconds, failures, each = {}, {}, 0, [], {}, []
    for i in range(replicates):
        draw = from_prior(days, len(family), rng, family, anchored)
        p = 1 / (1 + np.exp(-(draw.theta[:, None] - draw.difficulty[None, :])))
        passed = rng.binomial(attempts, p[None])
        t0 = time.monotonic()
        idata = compiled.sample(passed, attempts, seed=i)
        seconds.append(time.monotonic() - t0)
        diag = model.diagnostics(idata)
        diag_ok += diag["ok"]
        each.append({"sigma_walk": draw.sigma_walk, "sigma_b": draw.sigma_b, "ok": bool(diag["ok"]),
                     "divergences": int(diag["divergences"]), "rhat_max": float(diag["rhat_max"])})
        for reason, failed in (("divergences", diag["divergences"] > 0), ("R-hat", diag["rhat_max"] > model.RHAT_MAX),
                               ("ESS", min(diag["ess_bulk_min"], diag["ess_tail_min"]) < model.ESS_MIN),
                               ("BFMI", diag["bfmi_min"] < model.BFMI_MIN)):
            failures[reason] = failures.get(reason, 0) + int(failed)
        for name, (var, index, truth) in quantities(draw, instance, compiled.layout.single, family).items():
            d = model.draws_of(idata, var)[(slice(None), *index)]
            thinned = d[np.linspace(0, len(d) - 1, KEEP).astype(int)]
            ranks.setdefault(name, []).append(int((thinned < truth).sum()))
            lo, hi = np.quantile(d, [0.05, 0.95])
            covered.setdefault(name, []).append(bool(lo <= truth <= hi))
        if (i + 1) % 20 == 0:
            print(f"  {i + 1}/{replicates} replicates, median fit {np.median(seconds):.1f} s", file=sys.stderr)
    out = {"replicates": replicates, "seed": seed, "config": {"days": days, "anchors": ANCHORS,
           "families": FAMILIES, "per_family_per_day": PER_FAMILY, "sampling": vars(model.Sampling())},
           "fits_trusted": diag_ok, "failed": failures, "median_fit_s": float(np.median(seconds)), "quantities": {},
           "per_replicate": each}
    for name, r in ranks.items():
        hist = np.bincount(np.asarray(r) * BINS // (KEEP + 1), minlength=BINS)
        out["quantities"][name] = {"histogram": hist.tolist(), "p_uniform": float(stats.chisquare(hist).pvalue),
                                   "coverage90": float(np.mean(covered[name]))}
    return out


def report(res: dict) -> str:
    n = res["replicates"]
    lines = [f"SBC of analysis/model.py: {n} replicates from the prior, {res['config']}",
             f"fits passing their own diagnostics: {res['fits_trusted']}/{n} (failing: "
             + ", ".join(f"{k} {v}" for k, v in res["failed"].items()) + f"); median fit {res['median_fit_s']:.1f} s",
             f"rank histograms in {BINS} bins (expected {n / BINS:.0f} each); chi-square p; 90% interval coverage "
             f"(a 90% binomial range at n={n}: {stats.binom.ppf(0.05, n, 0.9) / n:.2f}-"
             f"{stats.binom.ppf(0.95, n, 0.9) / n:.2f})"]
    for name, q in res["quantities"].items():
        lines.append(f"  {name:<26}{' '.join(f'{c:>3}' for c in q['histogram'])}   p={q['p_uniform']:.3f}"
                     f"   cover90={q['coverage90']:.2f}")
    lines += failing_by_prior_draw(res["per_replicate"])
    k = len(res["quantities"])
    worst = min(q["p_uniform"] for q in res["quantities"].values())
    lines.append(f"smallest p {worst:.3f} against a Bonferroni level of {0.01 / k:.4f} "
                 f"(1% over {k} quantities): {'uniform' if worst > 0.01 / k else 'NOT uniform'}")
    return "\n".join(lines)


def failing_by_prior_draw(each: list[dict]) -> list[str]:
    """Share of fits failing their own diagnostics in each third of the prior draws of sigma_walk and
    sigma_b: where in the prior the sampler struggles."""
    lines = ["fits failing their diagnostics, by third of the prior draw (low / middle / high):"]
    ok = np.array([e["ok"] for e in each])
    for name in ("sigma_walk", "sigma_b"):
        x = np.array([e[name] for e in each])
        cuts = np.quantile(x, [1 / 3, 2 / 3])
        third = np.searchsorted(cuts, x)
        shares = [f"{np.mean(~ok[third == t]):.2f} (n={np.sum(third == t)}, {name} "
                  f"{x[third == t].min():.3g}-{x[third == t].max():.3g})" for t in range(3)]
        lines.append(f"  {name:<12}" + " / ".join(shares))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicates", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    res = run(args.replicates, args.seed, args.days)
    print(report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
