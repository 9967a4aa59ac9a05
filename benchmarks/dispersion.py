"""The alarm's false-alarm rate when the days vary more than their standard errors say: the shipped rule
(the baseline's dispersion estimated and untruncated, so z is pivotal; analysis/alarm.py) against the
rule it replaced (DerSimonian-Laird tau^2, truncated at 0, with thresholds set for a known variance),
judged on the same day estimates of the same histories.

1. Monte Carlo, one stream (analysis/alarm.py `pipeline_paths`, 4,000 years per cell, a fresh seed):
   false alarms per year at a day shock of 0, 0.5, 1 and 2 day standard errors.
2. Histories (benchmarks/detection_history.py, the detection benchmark's daily plan and no-drop seeds,
   6 streams: the agent and each language) of its misspecified world (day shocks sd 0.1, task-by-day
   over-dispersion 0.3, 10% flaky anchors, drifting difficulty) at 1,000 attempts a day, where the
   same shocks stand larger against a day's smaller standard error: false alarms per agent-year
   (watch, degraded) under both rules. The detection benchmark's own worlds (200 and 50 attempts a
   day, base and misspecified; the same seeds) compare the rules there: benchmarks/results/detection.*
   now, and its previous results (git history) for the rule before.

    python benchmarks/dispersion.py [--histories 40] [--json benchmarks/results/dispersion.json]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import previous_rule
from detection import NULL_DAYS, WORLDS, false_alarm_rows, run_pool
from detection_history import FIRST_MONITORED, RULE, arguments, simulate

from analysis import alarm
from analysis.simulate_rotation import World

NULL_WORLDS = {"misspecified 1000/day": World(**{**WORLDS["misspecified"].__dict__, "per_day": 1000})}
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
    ap.set_defaults(histories=40)  # a history at 1,000 attempts a day takes ~15 s
    args = ap.parse_args()
    n, t0 = args.histories, time.monotonic()
    mc = monte_carlo()
    print(f"Monte Carlo in {time.monotonic() - t0:.0f} s", flush=True)
    jobs = {("null", w, i): (world, FIRST_MONITORED + NULL_DAYS, 20_000 + i) for w, world in NULL_WORLDS.items()
            for i in range(n)}
    print(f"{len(jobs)} histories, each judged by both rules, on {args.workers} workers", flush=True)
    results = run_pool(_job, jobs, args.workers)
    print(f"simulated in {time.monotonic() - t0:.0f} s\n")
    false_alarms = []
    for w in NULL_WORLDS:
        runs = [results[("null", w, i)] for i in range(n)]
        false_alarms += false_alarm_rows({rule: [r[rule] for r in runs] for rule in RULES}, n, "rule", world=w)
    report(mc, false_alarms, n)
    print(f"total {time.monotonic() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({
            "setting": f"{n} no-drop histories of the detection benchmark's misspecified world at 1,000 attempts a day "
                       "(its plan and seeds), 6 streams per agent; each judged by the shipped rule and the one it "
                       "replaced.",
            "monte_carlo": mc, "false_alarms": false_alarms,
            "note": f"Reproduce: python benchmarks/dispersion.py --histories {n} "
                    "--json benchmarks/results/dispersion.json"}, indent=1, default=float) + "\n")


def report(mc, false_alarms, n) -> None:
    print(f"One stream, {alarm.NULL_YEARS} simulated years per cell: false alarms per year (watch budget 1, "
          "degraded 0.2)")
    for row in mc:
        cells = "   ".join(f"{rule} {row[rule]['watch']:.2f} / {row[rule]['degraded']:.2f}" for rule in RULES)
        print(f"  day shock {row['ratio']:.1f} day standard errors:   {cells}")
    print(f"\n{n} histories each; 90% intervals in brackets\n\nFalse alarms per agent-year on no-drop histories")
    for r in false_alarms:
        print(f"  {r['world']:<24}{r['rule']:<10}{r['level']:<10}{r['per_agent_year']:5.2f} "
              f"[{r['low']:.2f}-{r['high']:.2f}]")


if __name__ == "__main__":
    main()
