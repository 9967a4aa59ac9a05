"""Does a step stay a step? The change-point smoother (analysis/changepoint.py) against a Gaussian
random walk (the dynamics of analysis/model.py, here as its exact Kalman filter and smoother with the
walk scale chosen by the evidence), both on the same day estimates of the same simulated histories.

Histories: benchmarks/detection_history.py's timeline at 200 attempts a day (the drop on day 120),
judged by the shipped task model and day estimates. Per history:

* as the days come (causal, data through each day): the estimated step on days 1-5 of the drop as a
  share of the true step (the level minus the level the day before the drop, both as estimated then);
* looking back from day 30 of the drop (retrospective, what a chart of the history shows): whether the
  90% band covers the true ability on each day within 7 days of the step, the estimated start of the
  current level against the true change day;
* without a drop: how far the retrospective level wanders (its range over the monitored days) and the
  90% band's coverage.

Everything is in points of pass rate on the world's reference population (its anchors and 50
instances per family), the estimates mapped through the task model's predictions for those tasks;
one offset per history, from the days 60-89 (before any scored day), aligns the two. Steps and
ranges are shares of the true step and pass-rate fractions. Every figure: median or share over
histories with a 90% interval.

    python benchmarks/step_tracking.py [--histories 100] [--json benchmarks/results/step_tracking.json]
"""

from __future__ import annotations

import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from detection import clopper, median_ci
from detection_history import DROP_DAY, FIRST_MONITORED, WARMUP, arguments, simulate

from analysis import changepoint, daily
from analysis.simulate_rotation import KNOBS, Drop, World

HORIZON, ALIGN, AROUND, STEP_DAYS = 30, slice(60, 90), 7, (1, 2, 3, 4, 5)
WALK_GRID = (0.003, 0.01, 0.02, 0.05, 0.1)  # walk sd per day, logits
SCENARIOS = {
    "sudden 10": World(drop=Drop(10, DROP_DAY)),
    "misspecified, sudden 10": World(day_shock_sd=0.1, overdispersion_sd=0.3, flaky_share=0.1, drift_sd=0.003,
                                     drop=Drop(10, DROP_DAY)),
    "no drop": World(),
}


def walk(y: np.ndarray, se: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Kalman filter and RTS smoother of a Gaussian random walk, walk sd by maximum evidence on WALK_GRID.
    Returns (filtered mean, filtered sd, smoothed mean, smoothed sd)."""
    best = None
    for q in WALK_GRID:
        n = len(y)
        m, p = np.zeros(n), np.zeros(n)
        mp, pp = np.zeros(n), np.zeros(n)
        mean, var, ll = float(np.nanmean(y[:10])), 1.0, 0.0
        for d in range(n):
            if d:
                var += q**2
            mp[d], pp[d] = mean, var
            if np.isfinite(y[d]):
                s = var + se[d] ** 2
                ll += -0.5 * (np.log(2 * np.pi * s) + (y[d] - mean) ** 2 / s)
                g = var / s
                mean, var = mean + g * (y[d] - mean), (1 - g) * var
            m[d], p[d] = mean, var
        if best is None or ll > best[0]:
            best = (ll, q, m.copy(), p.copy(), mp.copy(), pp.copy())
    _, q, m, p, mp, pp = best
    ms, ps = m.copy(), p.copy()
    for d in range(len(y) - 2, -1, -1):
        g = p[d] / pp[d + 1]
        ms[d] = m[d] + g * (ms[d + 1] - mp[d + 1])
        ps[d] = p[d] + g**2 * (ps[d + 1] - pp[d + 1])
    return m, np.sqrt(p), ms, np.sqrt(ps)


def _reference(tm, world: World):
    """The task model's prediction for the world's reference population (its anchors and, per family,
    instances at each knob): (mean, c, weight) rows, so rate(theta) is comparable with the truth."""
    fams = [f"family-{f}" for f in range(world.families)]
    anchors = [f"anchor-{i}" for i in range(world.anchors)]
    tasks = pd.DataFrame({"task": anchors + [f"ref-{f}-{k}" for f in fams for k in KNOBS],
                          "family": [f"anchors-{i}" for i in range(world.anchors)] + [f for f in fams for _ in KNOBS],
                          "knob": [0.0] * world.anchors + [k - 1.0 for _ in fams for k in KNOBS]})
    mean, c = tm.predict(tasks)
    return mean, c, np.r_[np.ones(world.anchors), np.full(3 * world.families, 50 / 3)]


def _one(args):
    name, i = args
    world = SCENARIOS[name]
    sc = simulate(world, DROP_DAY + HORIZON, 40_000 + i, "uniform", {})
    mean, c, wt = _reference(sc.task_model, world)

    def rate(theta):
        th = np.asarray(theta, float)
        return (expit((th[..., None] - mean) / c) * wt).sum(-1) / wt.sum()

    # As the product does (analysis/sequential.py): the day prior divided out, the task model's own
    # training days left out.
    y, se = (x[WARMUP:] for x in daily.without_day_prior(sc.theta, sc.se, sc.task_model.centre))
    align = slice(ALIGN.start - WARMUP, ALIGN.stop - WARMUP)
    drop = DROP_DAY - WARMUP  # index of the drop day
    truth, level = sc.true_rate[WARMUP:], sc.true_level[WARMUP:]
    true_step = level[drop] - level[drop - 1]
    out = {}
    # As the days come: each estimate from the data through its day only.
    cp_pre = rate(changepoint.levels(y[:drop], se[:drop]).level[-1])
    wk_pre = rate(walk(y[:drop], se[:drop])[0][-1])
    for k in STEP_DAYS:
        last = drop + k  # data through day k of the drop
        cp = rate(changepoint.levels(y[:last], se[:last]).level[-1])
        wk = rate(walk(y[:last], se[:last])[0][-1])
        out[f"changepoint step day {k}"] = (cp - cp_pre) / true_step if true_step else cp - cp_pre
        out[f"walk step day {k}"] = (wk - wk_pre) / true_step if true_step else wk - wk_pre
    # Looking back from the horizon; the scale's offset (task model against truth) from the days 60-89.
    post = changepoint.levels(y, se)
    _, _, ms, ss = walk(y, se)
    bands = {"changepoint": (rate(post.quantiles[0]), rate(post.quantiles[-1])),
             "walk": (rate(ms - 1.645 * ss), rate(ms + 1.645 * ss))}
    near, monitored = slice(drop - AROUND, drop + AROUND + 1), slice(FIRST_MONITORED - WARMUP, None)
    for method, (lo, hi) in bands.items():
        centre = rate(post.mean if method == "changepoint" else ms)
        t = truth + np.mean((centre - truth)[align])
        inside = (lo <= t) & (t <= hi)
        out[f"{method} coverage near"] = float(np.mean(inside[near]))
        out[f"{method} coverage all"] = float(np.mean(inside[monitored]))
    out["change day error"] = post.current_start - drop
    out["changepoint range"] = float(np.ptp(rate(post.level[monitored])))
    out["walk range"] = float(np.ptp(rate(ms[monitored])))
    out["tau"] = post.tau
    return name, out


def main() -> None:
    ap = arguments(__doc__)
    args = ap.parse_args()
    t0, n = time.monotonic(), args.histories
    with Pool(args.workers) as pool:
        rows = pool.map(_one, [(s, i) for s in SCENARIOS for i in range(n)])
    result = {}
    for s in SCENARIOS:
        mine = [r for name, r in rows if name == s]
        summary = {}
        for key in mine[0]:
            v = np.array([r[key] for r in mine], float)
            if key == "change day error":
                hit = int(np.sum(np.abs(v) <= 1))
                summary["change day within 1 day"] = [hit / n, *clopper(hit, n)]
                v = np.abs(v)
            summary[key] = list(median_ci(list(v)))
            if "step day" in key and s != "no drop":
                hit = int(np.sum(v >= 0.8))
                summary[key.replace("step", "step >= 80%")] = [hit / n, *clopper(hit, n)]
            if "coverage near" in key:
                hit = int(np.sum(v >= 0.85))
                summary[key + " >= 85%"] = [hit / n, *clopper(hit, n)]
                summary[key + " (mean)"] = [float(v.mean())]
        result[s] = summary
    print(f"{n} histories per scenario, 200 attempts a day; median [90% interval] or share [90% interval]")
    for s, summary in result.items():
        print(f"\n{s}")
        for key, v in summary.items():
            if s == "no drop" and ("step" in key or "near" in key or "change day" in key):
                continue
            print(f"  {key:<40}" + (f"{v[0]:.3f} [{v[1]:.3f}-{v[2]:.3f}]" if len(v) == 3 else f"{v[0]:.3f}"))
    print(f"total {time.monotonic() - t0:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"histories": n, "results": result,
                                         "note": "Reproduce: python benchmarks/step_tracking.py --histories "
                                                 f"{n} --json benchmarks/results/step_tracking.json"}, indent=1))


if __name__ == "__main__":
    main()
