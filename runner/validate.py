"""`codedrift tasks validate`: every reference passes every test and every untouched workspace fails,
on every repeat; a task whose grade changes between repeats is flaky. Each check also measures the
task's difficulty (runner/difficulty.py): what the reference changes and how many tests start failing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from core.schema import AttemptStatus
from runner.agents.builtin import NullAgent, OracleAgent
from runner.attempt import AttemptResult, run_attempt
from runner.difficulty import TIERS, Change, reference_change
from runner.sandbox import Limits, Sandbox
from runner.tasks import SuiteSpec, TaskSpec


@dataclass
class TaskCheck:
    task: str
    change: Change
    reference: list[AttemptResult] = field(default_factory=list)
    untouched: list[AttemptResult] = field(default_factory=list)

    @property
    def failing_at_start(self) -> int | None:
        """Hidden tests the untouched workspace fails (all of them when it does not build)."""
        ref, first = self.reference[0], self.untouched[0]
        total = first.tests_total or ref.tests_total
        return None if total is None else total - (first.tests_passed or 0)

    def measures(self) -> dict:
        return {"task": self.task, "problems": self.problems, "change_lines": self.change.lines,
                "change_files": self.change.files, "tier": self.change.tier,
                "tests": self.reference[0].tests_total, "failing_at_start": self.failing_at_start,
                "reference_s": max(o.duration_s for o in self.reference),
                "untouched_s": max(o.duration_s for o in self.untouched)}

    @property
    def problems(self) -> list[str]:
        out = []
        ref_ok = [o.status == AttemptStatus.passed and o.tests_passed == o.tests_total for o in self.reference]
        null_fail = [o.status != AttemptStatus.passed for o in self.untouched]
        infra = [o.error for o in self.reference + self.untouched if o.status == AttemptStatus.infra_error]
        if infra:
            return [f"infrastructure error: {infra[0]}"]
        if 0 < sum(ref_ok) < len(ref_ok) or 0 < sum(null_fail) < len(null_fail):
            out.append("flaky: the grade changed between repeats")
        if not any(ref_ok):
            worst = next(o for o in self.reference if o.status != AttemptStatus.passed)
            out.append(f"reference solution does not pass ({worst.status.value}: "
                       f"{worst.tests_passed}/{worst.tests_total}; {worst.error or 'see test log'})")
        if not any(null_fail):
            out.append("untouched workspace already passes the tests")
        return out


def validate(suite: SuiteSpec, sandbox_cls: type[Sandbox], repeat: int = 1, workers: int = 2,
             limits: Limits | None = None) -> list[TaskCheck]:
    limits = limits or Limits()
    oracle, null = OracleAgent(name="oracle"), NullAgent(name="null")
    checks = {t.name: TaskCheck(t.name, reference_change(t.workspace_dir, t.solution_dir)) for t in suite.tasks}
    jobs = [(t, agent) for t in suite.tasks for agent in (oracle, null) for _ in range(repeat)]

    def one(job: tuple[TaskSpec, object]):
        task, agent = job
        return task.name, agent is oracle, run_attempt(task, agent, sandbox_cls, limits)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for name, is_ref, result in pool.map(one, jobs):
            (checks[name].reference if is_ref else checks[name].untouched).append(result)
    return list(checks.values())


def by_family(suite: SuiteSpec, checks: list[TaskCheck]) -> dict[str, dict]:
    """Per family: instances valid, discarded, (of the discarded) flaky, the problems, and the
    measured difficulty tiers."""
    family_of = {t.name: t.family for t in suite.tasks}
    rows: dict[str, dict] = {}
    for c in checks:
        row = rows.setdefault(family_of[c.task], {"valid": 0, "discarded": 0, "flaky": 0, "problems": [],
                                                  "tiers": dict.fromkeys(TIERS, 0)})
        row["valid" if not c.problems else "discarded"] += 1
        row["flaky"] += any(p.startswith("flaky") for p in c.problems)
        row["problems"] += [f"{c.task}: {p}" for p in c.problems]
        row["tiers"][c.change.tier] += 1
    return rows
