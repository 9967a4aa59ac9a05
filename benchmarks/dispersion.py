"""The alarm's false-alarm rate when the days vary more than their standard errors say: the shipped rule
(the baseline's dispersion estimated and untruncated, so z is pivotal; analysis/alarm.py) against the
rule it replaced (DerSimonian-Laird tau^2, truncated at 0, with thresholds set for a known variance),
judged on the same day estimates of the same histories.

1. Monte Carlo, one stream (analysis/alarm.py `pipeline_paths`, 4,000 years per cell, a fresh seed):
   false alarms per year at a day shock of 0, 0.5, 1 and 2 day standard errors.
2. Histories (benchmarks/detection_history.py), on the detection benchmark's daily plan and seeds,
   6 streams (the agent and each language), each judged by both rules: no-drop histories of its base
   and misspecified worlds (day shocks sd 0.1, task-by-day over-dispersion 0.3, 10% flaky anchors,
   drifting difficulty) at 200 attempts a day, and of the misspecified world at 1,000 a day, where the
   same shocks stand larger against a day's smaller standard error (40% of --histories: ~15 s each);
   and sudden drops. False alarms per agent-year (watch, degraded), days to the first watch (median,
   90% order-statistic interval, share within 30 days) and the paired per-history difference. The
   previous rule's thresholds are re-derived here on float64 draws (4.88; 5.87 and 8.14 with five
   groups, against 4.85; 5.76 and 8.09 as shipped), so its false alarms fall a little below the
   detection benchmark's committed codedrift column (0.39 against 0.43 on base); its delays match.

    python benchmarks/dispersion.py [--histories 100] [--json benchmarks/results/dispersion.json]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import previous_rule
from detection import HORIZON, NULL_DAYS, WORLDS, clopper, days_cell, false_alarm_rows, first_alarm, median_ci, run_pool
from detection_history import DROP_DAY, FIRST_MONITORED, RULE, arguments, simulate

from analysis import alarm
from analysis.simulate_rotation import Drop, World

# world: (World, its share of --histories)
NULL_WORLDS = {"base": (WORLDS["base"], 1.0), "misspecified": (WORLDS["misspecified"], 1.0),
               "misspecified 1000/day": (World(**{**WORLDS["misspecified"].__dict__, "per_day": 1000}), 0.4)}
SCENARIOS = {"sudden 3": ("base", Drop(3, DROP_DAY)), "sudden 5": ("base", Drop(5, DROP_DAY)),
             "one language -10": ("base", Drop(10, DROP_DAY, language=0)),
             "misspecified, sudden 5": ("misspecified", Drop(5, DROP_DAY))}
RULES = ("shipped", "previous")
RATIOS = (0.0, 0.5, 1.0, 2.0)


def monte_carlo() -> list[dict]:
    """One stream's false alarms per year under each rule, at several true day-shock sizes."""
    out, days = [], RULE.baseline_days + RULE.gap_days + int(alarm.DAYS_PER_YEAR)
    for i, ratio in enumerate(RATIOS):
        e = alarm.null_days(alarm.NULL_YEARS, days, ratio, seed=900 + i)
        row = {"ratio": ratio}
        for name, dispersion, (h_watch, h_degraded) in (("shipped", "estimated", alarm.thresholds(RULE)),
                                                        ("previous", "truncated", previous_rule.thresholds(0, True))):
            paths = alarm.pipeline_paths(e, RULE.k, RULE.baseline_days, RULE.gap_days, dispersion)
            row[name] = {"watch": alarm.onsets_per_year(paths, h_watch),
                         "degraded": alarm.onsets_per_year(paths, h_degraded), "h_watch": h_watch}
        out.append(row)
    return out


def _job(args):
    world, days, seed = args
    sc = simulate(world, days, seed, "uniform", {}, rules={"previous": previous_rule.judge})
    return {"shipped": sc.codedrift, "previous": sc.others["previous"]}


def main() -> None:
    ap = arguments(__doc__)
    args = ap.parse_args()
    n, t0 = args.histories, time.monotonic()
    mc = monte_carlo()
    print(f"Monte Carlo in {time.monotonic() - t0:.0f} s", flush=True)
    counts = {w: max(round(n * share), 1) for w, (_, share) in NULL_WORLDS.items()}
    jobs = {("null", w, i): (world, FIRST_MONITORED + NULL_DAYS, 20_000 + i) for w, (world, _) in NULL_WORLDS.items()
            for i in range(counts[w])}
    for s, (w, drop) in SCENARIOS.items():
        jobs |= {(s, w, i): (World(**{**NULL_WORLDS[w][0].__dict__, "drop": drop}), DROP_DAY + HORIZON, 30_000 + i)
                 for i in range(n)}
    print(f"{len(jobs)} histories, each judged by both rules, on {args.workers} workers", flush=True)
    results = run_pool(_job, jobs, args.workers)
    print(f"simulated in {time.monotonic() - t0:.0f} s\n")
    false_alarms = []
    for w in NULL_WORLDS:
        runs = [results[("null", w, i)] for i in range(counts[w])]
        false_alarms += false_alarm_rows({rule: [r[rule] for r in runs] for rule in RULES}, counts[w], "rule",
                                         world=w)
    delays = []
    for s, (w, _drop) in SCENARIOS.items():
        runs = [results[(s, w, i)] for i in range(n)]
        per = {rule: np.array([first_alarm(r[rule] >= 1) for r in runs]) for rule in RULES}
        row = {"scenario": s}
        for rule, d in per.items():
            med, lo, hi = median_ci(list(d))
            hit = int(np.isfinite(d).sum())
            row[rule] = {"median_days": med, "low": lo, "high": hi, "detected": hit / n,
                         "detected_low": clopper(hit, n)[0], "detected_high": clopper(hit, n)[1]}
        diff = np.minimum(per["shipped"], HORIZON + 1) - np.minimum(per["previous"], HORIZON + 1)
        med, lo, hi = median_ci(list(diff))
        row["paired_difference"] = {"median_days": med, "low": lo, "high": hi, "faster": float(np.mean(diff < 0)),
                                    "slower": float(np.mean(diff > 0))}
        delays.append(row)
    report(mc, false_alarms, delays, n)
    print(f"total {time.monotonic() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({
            "setting": f"The detection benchmark's plan and seeds, 6 streams per agent, each history judged by the "
                       f"shipped rule and the one it replaced; no-drop histories per world {counts}, {n} per drop "
                       "scenario.",
            "monte_carlo": mc, "false_alarms": false_alarms, "delays": delays,
            "note": f"Reproduce: python benchmarks/dispersion.py --histories {n} "
                    "--json benchmarks/results/dispersion.json"}, indent=1, default=float) + "\n")


def report(mc, false_alarms, delays, n) -> None:
    print(f"One stream, {alarm.NULL_YEARS} simulated years per cell: false alarms per year (watch budget 1, "
          "degraded 0.2)")
    for row in mc:
        cells = "   ".join(f"{rule} {row[rule]['watch']:.2f} / {row[rule]['degraded']:.2f}" for rule in RULES)
        print(f"  day shock {row['ratio']:.1f} day standard errors:   {cells}")
    print("\n90% intervals in brackets\n\nFalse alarms per agent-year on no-drop histories")
    for r in false_alarms:
        print(f"  {r['world']:<24}{r['rule']:<10}{r['level']:<10}{r['per_agent_year']:5.2f} "
              f"[{r['low']:.2f}-{r['high']:.2f}]   ({r['histories']} histories)")
    print(f"\nDays from the drop to the first watch ({n} histories each): median [90%], share within 30 days")
    for row in delays:
        cells = "   ".join(f"{rule}: {days_cell(row[rule])} {100 * row[rule]['detected']:.0f}%" for rule in RULES)
        p = row["paired_difference"]
        print(f"  {row['scenario']:<26}{cells}")
        print(f"  {'':<26}shipped minus previous {days_cell(p)} days (faster in {100 * p['faster']:.0f}%, slower in "
              f"{100 * p['slower']:.0f}%)")


if __name__ == "__main__":
    main()
