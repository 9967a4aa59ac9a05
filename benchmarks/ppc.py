"""Posterior predictive checks (analysis/ppc.py) of the shipped NUTS model on the demo's data and on the
detection benchmark's worlds, a few seeds each.

  demo          analysis/simulate.py as `make demo` calls it: one agent, the core suite every day,
                a walk and an 8-point drop (the model's own story)
  rotation      benchmarks/detection.py's base world: anchors every day plus one-off generated instances
  misspecified  the same with day shocks (sd 0.1), task-by-day over-dispersion (0.3), 10% flaky anchors
                and drifting difficulty (0.003 a day): the departures the alarm is calibrated against

    python benchmarks/ppc.py [--seeds 3] [--days 60] [--json benchmarks/results/ppc.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from detection import WORLDS

from analysis import model, ppc
from analysis.simulate import InjectedDrop, simulate
from analysis.simulate_rotation import History
from codedrift import demo
from runner.tasks import load_suite


def demo_data(seed: int):
    """The demo's generator and size (codedrift/demo.py), on other seeds."""
    tasks = len(load_suite(Path(__file__).resolve().parent.parent / "tasks" / "core").tasks)
    h = simulate(days=demo.DAYS, tasks=tasks, base_rate=0.62, walk_sd=0.02, seed=seed,
                 drop=InjectedDrop(demo.DROP_POINTS, start=demo.DAYS - demo.DROP_DAYS_AGO))
    return h.attempts, None


def rotation_data(world, days: int, seed: int):
    h = History(world, days, seed)
    for d in range(days):
        h.run_day(d, *h.uniform_plan(d))
    df = h.attempts().assign(agent=0)
    # The NUTS model's families: one for the anchor suite, one per generated family.
    tasks = df[["task", "family"]].drop_duplicates("task")
    tasks["family"] = tasks["family"].where(~tasks["family"].str.startswith("anchors"), "anchors")
    return df, tasks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--days", type=int, default=60, help="days of the rotation worlds (the demo has its own)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    data = {"demo": demo_data,
            "rotation": lambda seed: rotation_data(WORLDS["base"], args.days, seed),
            "misspecified": lambda seed: rotation_data(WORLDS["misspecified"], args.days, seed)}
    out = {}
    for name, make in data.items():
        for seed in range(args.seeds):
            attempts, tasks = make(seed)
            cells = model.to_cells(attempts, tasks)
            idata = model.fit(cells, model.Sampling(seed=seed))
            diag = model.diagnostics(idata)
            checks = ppc.check(idata, cells, seed=seed)
            out.setdefault(name, []).append({"seed": seed, "trusted": diag["ok"], "divergences": diag["divergences"],
                                             "checks": {c.name: c.p_value for c in checks}})
            print(f"{name:<13} seed {seed}: " + ", ".join(f"{c.name} p={c.p_value:.3f}{' FLAGGED' if c.flagged else ''}"
                                                          for c in checks)
                  + f"   (fit {'trusted' if diag['ok'] else 'NOT trusted'}, {diag['divergences']} divergences)",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps({"days": args.days, "results": out}, indent=1) + "\n")


if __name__ == "__main__":
    main()
