"""Detection power: days until a drop is flagged, Bayesian rule vs the three peer methods, side by side.

Histories follow the issue's setting: 50 tasks a day, one attempt each, task difficulty sd 1.5 logits,
base pass rate 55%, a stable agent until day 60, then no drop, a sudden drop of 3, 5 or 10 points, or
a 5-point slide over 30 days. On each of the 30 days from the drop on, every method judges the data
up to that day exactly as the daily job would (analysis/verdicts.py: the Bayesian model refitted on a
60-day window, the public tracker's three windows, the paired per-task comparison, CUSUM).

Every method is first calibrated on the no-drop histories to the same false-alarm rate (default one
flagged day per 90 no-drop days), by choosing its threshold on its own score: the Bayesian rule's
max-over-windows P(drop > 2 points), the tracker's and the paired test's min-over-windows p-value,
CUSUM's statistic. The raw (uncalibrated) false-alarm rates of the configured rules are printed too.

    python benchmarks/detection.py [--null 20] [--per-drop 10] [--draws 400]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import detect, model, verdicts
from analysis.simulate import InjectedDrop, simulate

WINDOW, START = 60, 60
HORIZON = int(__import__("os").environ.get("DETECTION_HORIZON", 30))
SCENARIOS = {"none": InjectedDrop(), "sudden 3": InjectedDrop(3, START), "sudden 5": InjectedDrop(5, START),
             "sudden 10": InjectedDrop(10, START), "slide 5/30d": InjectedDrop(5, START, ramp_days=30)}
METHODS = ("bayes", "tracker", "paired", "cusum")


class Refitter:
    """One compiled model for every 60-day window: only the data change between fits."""

    def __init__(self, sampling: model.Sampling, tasks: int):
        self.compiled = model.Compiled(model.to_cells(simulate(days=WINDOW, tasks=tasks, seed=0).attempts), sampling)
        self.sigmas: list[float] = []

    def rate_draws(self, passed: np.ndarray, attempts: np.ndarray, seed: int) -> np.ndarray:
        idata = self.compiled.sample(passed[None], attempts[None], seed)
        self.sigmas.append(float(np.median(model.draws_of(idata, "sigma_walk"))))
        return model.pass_rate_draws(idata)[:, 0]


def scores(passed: np.ndarray, attempts: np.ndarray, refitter: Refitter | None, rule: detect.Rule, seed: int,
           peer: verdicts.PeerSettings) -> dict[str, float]:
    """Each method's score on the last day of a 60-day window (higher = more evidence of a drop)."""
    wins = detect.windows(WINDOW - 1, rule)
    rows = verdicts.peer_rows(passed, attempts, wins, peer)
    out = {"tracker": -min(r["p_value"] for r in rows if r["method"] == "tracker"),
           "paired": -min(r["p_value"] for r in rows if r["method"] == "paired"),
           "cusum": next(r["statistic"] for r in rows if r["method"] == "cusum")}
    if refitter is not None:
        rate = refitter.rate_draws(passed, attempts, seed)
        out["bayes"] = max(detect.drop(rate, w, rule.delta).p_drop for w in wins)
    return out


def history(scenario: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    h = simulate(days=START + HORIZON, tasks=50, walk_sd=0.0, drop=SCENARIOS[scenario], seed=seed)
    cells = model.to_cells(h.attempts)
    return cells.passed[0], cells.attempts[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--null", type=int, default=20, help="no-drop histories")
    ap.add_argument("--per-drop", type=int, default=10, help="histories per drop scenario")
    ap.add_argument("--draws", type=int, default=400)
    ap.add_argument("--tune", type=int, default=300)
    ap.add_argument("--false-alarms-per", type=float, default=90.0, help="calibrate to one flagged day per N")
    ap.add_argument("--seed", type=int, default=0, help="offsets every history's seed (fresh histories)")
    ap.add_argument("--json", type=Path, default=None, help="also write the table here (the dashboard reads "
                                                            "benchmarks/results/detection.json)")
    args = ap.parse_args()
    rule, peer = detect.Rule(), verdicts.PeerSettings()
    t0 = time.monotonic()
    refitter = Refitter(model.Sampling(draws=args.draws, tune=args.tune), tasks=50)
    print(f"compiled in {time.monotonic() - t0:.0f} s", flush=True)

    # 1. No-drop histories: every day's score, for calibration and the raw false-alarm rates.
    null = {m: [] for m in METHODS}
    for i in range(args.null):
        y, n = history("none", args.seed + 1000 + i)
        for day in range(START, START + HORIZON):
            sc = scores(y[day - WINDOW + 1:day + 1], n[day - WINDOW + 1:day + 1], refitter, rule, i * 100 + day, peer)
            for m in METHODS:
                null[m].append(sc[m])
        print(f"null history {i + 1}/{args.null} done, {time.monotonic() - t0:.0f} s", flush=True)
    rate = 1 / args.false_alarms_per
    cut = {m: float(np.quantile(null[m], 1 - rate)) for m in METHODS}
    raw = {f"bayes degraded (P >= {rule.degraded:.2f})": np.mean(np.array(null["bayes"]) >= rule.degraded),
           f"bayes watch (P >= {rule.watch:.2f})": np.mean(np.array(null["bayes"]) >= rule.watch),
           "tracker (any of 3 windows p < 0.05)": np.mean(-np.array(null["tracker"]) < 0.05),
           "paired (any of 3 windows p < 0.05)": np.mean(-np.array(null["paired"]) < 0.05),
           f"cusum (S > {peer.cusum_limit})": np.mean(np.array(null["cusum"]) > peer.cusum_limit)}

    # 2. Drop histories: the first day each calibrated method flags (Bayes stops fitting once it has).
    delays = {s: {m: [] for m in METHODS} for s in SCENARIOS if s != "none"}
    for scenario in delays:
        for i in range(args.per_drop):
            y, n = history(scenario, args.seed + 2000 + i)
            first = dict.fromkeys(METHODS)
            for day in range(START, START + HORIZON):
                need_bayes = first["bayes"] is None
                sc = scores(y[day - WINDOW + 1:day + 1], n[day - WINDOW + 1:day + 1],
                            refitter if need_bayes else None, rule, i * 100 + day, peer)
                for m, v in sc.items():
                    if first[m] is None and v > cut[m]:
                        first[m] = day - START + 1
                if all(v is not None for v in first.values()):
                    break
            for m in METHODS:
                delays[scenario][m].append(first[m])
        print(f"{scenario} done, {time.monotonic() - t0:.0f} s", flush=True)

    print(f"\nCalibrated to {rate:.2%} flagged no-drop days ({args.null} histories x {HORIZON} days); thresholds:")
    print("  " + ", ".join(f"{m} {'P' if m == 'bayes' else 'p' if m in ('tracker', 'paired') else 'S'}"
                           f" {'<' if m in ('tracker', 'paired') else '>'} {abs(cut[m]):.4g}" for m in METHODS))
    print(f"\nDays from the drop's first day until flagged: median [detected within {HORIZON} days]")
    print(f"{'scenario':<14}" + "".join(f"{m:>18}" for m in METHODS))
    table = []
    for scenario, by in delays.items():
        cells = []
        for m in METHODS:
            hit = [d for d in by[m] if d is not None]
            med = np.median([d if d is not None else np.inf for d in by[m]])
            found = f"[{len(hit)}/{len(by[m])}]"
            cells.append(f"{med:>6.0f} {found}" if np.isfinite(med) else f"  >{HORIZON} {found}")
        print(f"{scenario:<14}" + "".join(f"{c:>18}" for c in cells))
        table.append({"scenario": scenario} | dict(zip(METHODS, (c.strip() for c in cells), strict=True)))
    print("\nRaw false-alarm rate of the configured rules (share of no-drop days flagged):")
    for k, v in raw.items():
        print(f"  {k:<40} {v:.2%}  (~{v * 90:.1f} per 90 days)")
    h = simulate(days=1, tasks=50, seed=0)
    p = 1 / (1 + np.exp(-(h.theta[0, 0] - h.difficulty)))
    sigma = float(np.median(refitter.sigmas))
    mdd = detect.minimum_detectable_drop(float((p * (1 - p)).sum()), float((p * (1 - p)).mean()), sigma, rule)
    print(f"\nAnalytic minimum detectable drop at 50 tasks/day (flagged 'degraded' within 7 days with 80% power,"
          f" walk sd {sigma:.3f} = median fitted): {100 * mdd:.1f} points")
    print(f"total {time.monotonic() - t0:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "setting": f"50 tasks a day, 1 attempt, difficulty sd 1.5 logits, base pass rate 55%; every method "
                       f"calibrated to {rate:.2%} flagged no-drop days on {args.null} histories x {HORIZON} days; "
                       f"{args.per_drop} histories per drop. Cells: median days from the drop until flagged "
                       f"[histories detected within {HORIZON} days]. bayes = this tracker's model.",
            "table": table, "thresholds": cut, "raw_false_alarm_rates": raw,
            "note": f"Analytic minimum detectable drop at this volume: {100 * mdd:.1f} points. "
                    f"Reproduce: python benchmarks/detection.py --null {args.null} --per-drop {args.per_drop} "
                    f"--seed {args.seed} --json benchmarks/results/detection.json",
        }, indent=1, default=float))


if __name__ == "__main__":
    main()
