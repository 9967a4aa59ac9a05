"""Partial credit as information: codedrift's sequential alarm with and without the partial-credit channel
(analysis/shares.py), on the same simulated histories.

Worlds (analysis/simulate_rotation.py, the daily plan of benchmarks/detection.py at 200 attempts a day),
every task with 2-10 tests:
* informative: a failed attempt's share of tests passed follows its logit of passing (slope 1, Beta
  noise of concentration 3, a per-task offset of sd 0.5);
* uninformative: the share is noise around a per-task offset (slope 0), so the channel should switch
  itself off and change nothing.

Each history is judged twice, with the channel off and on, by analysis/alarm.py's analytic thresholds
(no tuning here). Reported: false alarms per agent-year on no-drop histories (watch and degraded),
days from a sudden 3- or 5-point drop to the first watch (median, 90% order-statistic interval, share
within 30 days, and the paired per-history difference), the day standard error's information gain, and
the estimated shift (logits, 30 days after the drop minus the 30 before) with the channel over
without it, since a channel whose slope is mis-estimated would misstate the drop's size.

    python benchmarks/partial_credit.py [--histories 100] [--json benchmarks/results/partial_credit.json]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from detection import HORIZON, NULL_DAYS, clopper, days_cell, false_alarm_rows, first_alarm, median_ci, run_pool
from detection_history import DROP_DAY, FIRST_MONITORED, arguments, simulate

from analysis.simulate_rotation import Drop, World

WORLDS = {"informative": World(tests=10), "uninformative": World(tests=10, share_slope=0.0)}
SCENARIOS = {"sudden 3": ("informative", 3), "sudden 5": ("informative", 5),
             "uninformative, sudden 5": ("uninformative", 5)}
CHANNELS = {"pass/fail": False, "with partial credit": True}


def _job(args):
    world, days, seed = args
    out = {}
    for name, on in CHANNELS.items():
        sc = simulate(world, days, seed, "uniform", {}, shares=on)
        out[name] = {"status": sc.codedrift, "theta": sc.theta, "se": sc.se,
                     "used": bool(sc.task_model.shares is not None and sc.task_model.shares.informative)}
    return out


def shift(run: dict) -> float:
    """Estimated ability change: the 30 days from the drop minus the 30 before (logits)."""
    theta = run["theta"]
    return float(np.nanmean(theta[DROP_DAY:DROP_DAY + HORIZON]) - np.nanmean(theta[DROP_DAY - 30:DROP_DAY]))


def main() -> None:
    ap = arguments(__doc__)
    args = ap.parse_args()
    n, t0 = args.histories, time.monotonic()
    jobs = {("null", w, i): (world, FIRST_MONITORED + NULL_DAYS, 40_000 + i) for w, world in WORLDS.items()
            for i in range(n)}
    for s, (w, points) in SCENARIOS.items():
        world = World(**{**WORLDS[w].__dict__, "drop": Drop(points, DROP_DAY)})
        jobs |= {(s, w, i): (world, DROP_DAY + HORIZON, 50_000 + i) for i in range(n)}
    print(f"{len(jobs)} histories, each judged twice, on {args.workers} workers", flush=True)
    results = run_pool(_job, jobs, args.workers)
    print(f"simulated in {time.monotonic() - t0:.0f} s\n")

    false_alarms = []
    for w in WORLDS:
        runs = [results[("null", w, i)] for i in range(n)]
        false_alarms += false_alarm_rows({ch: [r[ch]["status"] for r in runs] for ch in CHANNELS}, n, "channel",
                                         world=w)
        used = sum(r["with partial credit"]["used"] for r in runs)
        false_alarms.append({"world": w, "channel_used_in": used / n, "used_low": clopper(used, n)[0],
                             "used_high": clopper(used, n)[1]})

    delays = []
    for s, (w, _points) in SCENARIOS.items():
        runs = [results[(s, w, i)] for i in range(n)]
        row = {"scenario": s}
        per = {ch: np.array([first_alarm(r[ch]["status"] >= 1) for r in runs]) for ch in CHANNELS}
        for ch, d in per.items():
            med, lo, hi = median_ci(list(d))
            hit = int(np.isfinite(d).sum())
            row[ch] = {"median_days": med, "low": lo, "high": hi, "detected": hit / n,
                       "detected_low": clopper(hit, n)[0], "detected_high": clopper(hit, n)[1]}
        a, b = (np.minimum(per[ch], HORIZON + 1) for ch in CHANNELS)
        diff = b - a  # days saved are negative
        med, lo, hi = median_ci(list(diff))
        row["paired_difference"] = {"median_days": med, "low": lo, "high": hi, "faster": float(np.mean(diff < 0)),
                                    "slower": float(np.mean(diff > 0))}
        ratio = np.array([shift(r["with partial credit"]) / shift(r["pass/fail"]) for r in runs])
        gain = np.array([np.nanmedian(r["pass/fail"]["se"][FIRST_MONITORED:] ** 2
                                      / r["with partial credit"]["se"][FIRST_MONITORED:] ** 2) for r in runs])
        row["shift_ratio"] = {"median": float(np.median(ratio)), "low": float(np.quantile(ratio, 0.05)),
                              "high": float(np.quantile(ratio, 0.95))}
        row["information_gain"] = {"median": float(np.median(gain)), "low": float(np.quantile(gain, 0.05)),
                                   "high": float(np.quantile(gain, 0.95))}
        delays.append(row)
    report(false_alarms, delays, n)
    print(f"total {time.monotonic() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({
            "setting": f"{n} histories per world and scenario, 200 attempts a day (40 anchors + 160 instances), "
                       "2-10 tests per task; each history judged with the channel off and on by the shipped "
                       "analytic thresholds.", "false_alarms": false_alarms, "delays": delays,
            "note": f"Reproduce: python benchmarks/partial_credit.py --histories {n} "
                    "--json benchmarks/results/partial_credit.json"}, indent=1, default=float))


def report(false_alarms, delays, n) -> None:
    print(f"{n} histories each; 90% intervals in brackets\n\nFalse alarms per agent-year on no-drop histories")
    for r in false_alarms:
        if "channel" in r:
            print(f"  {r['world']:<15}{r['channel']:<22}{r['level']:<10}{r['per_agent_year']:5.2f} "
                  f"[{r['low']:.2f}-{r['high']:.2f}]")
        else:
            print(f"  {r['world']:<15}channel switched on in {100 * r['channel_used_in']:.0f}% of histories "
                  f"[{100 * r['used_low']:.0f}-{100 * r['used_high']:.0f}]")
    print("\nDays from the drop to the first watch: median [90%], share within 30 days")
    for row in delays:
        cells = "   ".join(f"{ch}: {days_cell(row[ch])} {100 * row[ch]['detected']:.0f}%" for ch in CHANNELS)
        p, g, r = row["paired_difference"], row["information_gain"], row["shift_ratio"]
        print(f"  {row['scenario']:<26}{cells}")
        print(f"  {'':<26}paired difference {days_cell(p)} days (faster in {100 * p['faster']:.0f}%, slower in "
              f"{100 * p['slower']:.0f}%); information per day x{g['median']:.2f} [{g['low']:.2f}-{g['high']:.2f}]; "
              f"estimated shift with/without x{r['median']:.2f} [{r['low']:.2f}-{r['high']:.2f}]")


if __name__ == "__main__":
    main()
