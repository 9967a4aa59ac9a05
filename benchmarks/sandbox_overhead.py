"""Sandbox overhead per attempt with the oracle agent: no sandbox vs Docker vs bwrap, side by side.

For every task of the suite, rounds are interleaved (baseline, docker, bwrap, then again) so that a
noisy shared machine affects all arms alike. Two baselines:
- "no sandbox" runs the same hidden tests on the host in a temporary directory (Python and
  JavaScript only: the other toolchains live in the image, not on the host);
- "tests only" runs the grading command inside an already-started bwrap sandbox, which is the
  toolchain's own work (compiling, starting a JVM) without any sandbox set-up or teardown.
An attempt's sandbox overhead is its time minus the "tests only" time; results are given per language.

    python benchmarks/sandbox_overhead.py [--suite core] [--rounds 3] [--only PREFIX] [--json FILE]

Per language, the median over tasks is given with a 90% bootstrap interval (tasks resampled).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import settings
from runner import grading
from runner.agents.builtin import OracleAgent
from runner.attempt import run_attempt
from runner.sandbox import Limits, SandboxUnavailable, backend
from runner.sandbox.base import HARNESS_UID, WORKSPACE
from runner.tasks import DEFAULT_IMAGE, TaskSpec, load_suite

HOST_FRAMEWORKS = {"pytest", "node"}  # whose toolchains the host has: the "no sandbox" baseline


def bare(task: TaskSpec) -> float:
    """The same work with no isolation: copy workspace + solution + tests, run the test command."""
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        ws, grader = Path(tmp) / "workspace", Path(tmp) / "grader"
        shutil.copytree(task.workspace_dir, ws)
        shutil.copytree(task.solution_dir, ws, dirs_exist_ok=True)
        fw = grading.GRADING_BY_FRAMEWORK[task.framework]
        for name, body in grading.grader_files(fw, task.tests_dir).files.items():  # decoys included, as graded
            (grader / name).parent.mkdir(parents=True, exist_ok=True)
            (grader / name).write_bytes(body)
        cmd = [arg.replace(grading.GRADER_DIR, str(grader)).replace(WORKSPACE, str(ws))
               for arg in fw.command(task.per_test_limit_s, task.expected_tests)]
        if cmd[0] == "python3":
            cmd[0] = sys.executable
        # The host's virtualenv is large; plugin autoload would charge its entry-point scan to the baseline.
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        subprocess.run(cmd, cwd=ws, env=env, capture_output=True, check=False, timeout=300)
    return time.monotonic() - t0


def tests_only(task: TaskSpec) -> float:
    """The grading command alone, in a sandbox already started and filled (bwrap)."""
    fw = grading.GRADING_BY_FRAMEWORK[task.framework]
    with backend("bwrap")(task.image, Limits()) as sb:
        sb.copy_in(task.workspace_dir)
        sb.copy_in(task.solution_dir)
        sb.write_files(grading.grader_files(fw, task.tests_dir).files, dest=grading.GRADER_DIR, owner=HARNESS_UID)
        t0 = time.monotonic()
        sb.exec(fw.command(task.per_test_limit_s, task.expected_tests), env={})
        return time.monotonic() - t0


def sandboxed(task: TaskSpec, name: str) -> float:
    t0 = time.monotonic()
    outcome = run_attempt(task, OracleAgent(name="oracle"), backend(name), Limits())
    if outcome.status.value != "passed":
        raise SystemExit(f"{name}: {task.name} did not pass ({outcome.status}: {outcome.error})")
    return time.monotonic() - t0


def median_interval(values: list[float], draws: int = 2000) -> dict[str, float]:
    """Median with a 90% bootstrap interval over the values (one per task)."""
    rng = random.Random(0)
    meds = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(draws))
    return {"median_s": statistics.median(values), "lo90_s": meds[int(0.05 * draws)],
            "hi90_s": meds[int(0.95 * draws) - 1]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default="core")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="only tasks whose name starts so")
    ap.add_argument("--json", type=Path, default=None, help="write per-language results here")
    args = ap.parse_args()
    suite = load_suite(settings.load().tasks_dir / args.suite)
    tasks = [t for t in suite.tasks if t.name.startswith(args.only)]
    arms: dict[str, list[float]] = {"no sandbox": [], "tests only": [], "docker": [], "bwrap": []}
    for name in ("docker", "bwrap"):
        try:
            with backend(name)(DEFAULT_IMAGE, Limits()) as sb:
                sb.exec(["true"])
        except SandboxUnavailable as e:
            print(f"skipping {name}: {e}")
            del arms[name]
    if "bwrap" not in arms:
        del arms["tests only"]
    by_language: dict[str, dict[str, list[float]]] = {}
    for task in tasks:
        times = {arm: [] for arm in arms}
        names = list(arms)
        for r in range(args.rounds):
            for arm in names[r % len(names):] + names[:r % len(names)]:  # rotated: no arm always goes first
                if arm == "no sandbox" and task.framework not in HOST_FRAMEWORKS:
                    continue
                run = {"no sandbox": bare, "tests only": tests_only}.get(arm, lambda t, a=arm: sandboxed(t, a))
                times[arm].append(run(task))
        row = by_language.setdefault(task.language, {arm: [] for arm in arms})
        for arm in arms:  # one median per task, so every task weighs the same
            if times[arm]:
                row[arm].append(statistics.median(times[arm]))
        print(f"{task.name:<28} " + "  ".join(f"{a} {statistics.median(times[a]):.2f}s" for a in arms if times[a]),
              flush=True)

    print(f"\nmedian per task over {len(tasks)} tasks ({args.rounds} interleaved rounds each); one attempt = agent "
          "sandbox + snapshot + fresh grading sandbox + hidden tests + removal; overhead = attempt - tests only")
    print(f"{'language':<11} {'tasks':>5} " + " ".join(f"{a:>11}" for a in arms) + "  overhead (docker, bwrap)")
    for lang, row in sorted(by_language.items()):
        med = {a: statistics.median(v) if v else None for a, v in row.items()}
        cells = " ".join(f"{med[a]:>10.2f}s" if med[a] is not None else f"{'-':>11}" for a in arms)
        base = med.get("tests only")
        over = ", ".join(f"{med[a] - base:+.2f}s" for a in ("docker", "bwrap") if med.get(a) is not None and base)
        print(f"{lang:<11} {sum(t.language == lang for t in tasks):>5} {cells}  {over}")
    print("\noverhead per attempt (attempt - tests only), median over tasks [90% bootstrap interval]")
    results: dict = {"rounds": args.rounds, "suite": args.suite, "languages": {}}
    for lang, row in sorted(by_language.items()):
        entry = results["languages"][lang] = {"tasks": len(row["tests only"]) if "tests only" in row else None}
        for arm, values in row.items():
            if values:
                entry[arm] = median_interval(values)
        for arm in ("docker", "bwrap"):
            if row.get(arm) and row.get("tests only"):
                over = [a - b for a, b in zip(row[arm], row["tests only"], strict=True)]
                entry[f"{arm} overhead"] = median_interval(over)
                m, lo, hi = entry[f"{arm} overhead"].values()
                print(f"{lang:<11} {arm:<7} {m:+.2f}s [{lo:+.2f}, {hi:+.2f}]")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
