"""The daily run: idempotent per (date, agent, suite), resumable, with concurrent workers.

An attempt's row is written only when the attempt is complete, so a run killed half-way resumes
by doing exactly the attempts that have no row yet.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from core import db
from core.settings import Settings
from runner import agents, sandbox, store
from runner.attempt import run_with_retries
from runner.lock import run_lock
from runner.plan import Plan, resolve
from runner.sandbox import Limits, Sandbox
from runner.tasks import SuiteSpec, TaskSpec, load_suite
from runner.validate import validate


@dataclass
class RunReport:
    run_id: int
    agent: str
    suite: str
    date: dt.date
    backend: str
    done_before: int
    new: Counter = field(default_factory=Counter)
    by_task: dict[str, list[str]] = field(default_factory=dict)


def run(
    cfg: Settings,
    *,
    date: dt.date | None = None,
    agent_name: str = "oracle",
    suite_name: str = "core",
    attempts: int = 1,
    workers: int = 2,
    limits: Limits | None = None,
    retries: int | None = None,
    plan: Plan | None = None,
    out=sys.stderr,
) -> RunReport:
    """With a `plan`, the day's tasks and attempts per task come from it (suite_name and attempts are
    ignored), its rotating instances are validated first, and the resolved plan is stored with the run."""
    date = date or dt.date.today()
    backend_name = sandbox.detect(cfg.sandbox)
    sandbox_cls = sandbox.backend(backend_name)
    record = None
    if plan is not None:
        design = None
        if plan.adaptive:  # the agent's latest analysis says which instances are informative
            with db.session(cfg.db_url) as s:
                design = store.latest_task_model(s, agent_name)
        day = resolve(plan, date, cfg.tasks_dir, cfg.data_dir, validator(sandbox_cls, workers), design=design)
        suite, attempts, record = day.suite(load_suite(cfg.tasks_dir / plan.suite)), plan.repeats, day.record()
        informative = sum(p.reason == "information" for p in day.rotating)
        print(f"plan {plan.name} for {date}: {len(day.anchors)} anchors, {len(day.rotating)} rotating instances"
              + (f" ({informative} chosen for information)" if informative else "")
              + (f", {sum(day.discarded.values())} invalid instance(s) discarded" if day.discarded else ""), file=out)
    else:
        suite = load_suite(cfg.tasks_dir / suite_name)
    with run_lock(cfg) as lock, db.session(cfg.db_url) as s:
        task_rows = store.sync_suite(s, suite)
        agent_row = store.agent_row(s, agent_name)
        agent = agents.make(agent_row.name, agent_row.adapter, agent_row.model, agent_row.settings)
        run_row = store.get_or_create_run(
            s, date, agent_row, next(iter(task_rows.values())).suite_id,
            agent_version=agent.version(), sandbox_backend=backend_name, attempts_per_task=attempts,
        )
        if record is not None and run_row.plan != record:
            if run_row.plan is not None and run_row.plan.get("day_seed") != record["day_seed"]:
                raise RuntimeError(f"run {run_row.id} of {date} was started with another plan or secret "
                                   f"({run_row.plan.get('name')}); refusing to mix two days' task sets")
            run_row.plan = record
            s.add(run_row)
            s.commit()
        done = store.done_keys(s, run_row.id)
        todo = [(t, n) for t in suite.tasks for n in range(1, attempts + 1)
                if (task_rows[t.name].id, n) not in done]
        report = RunReport(run_row.id, agent_name, suite.name, date, backend_name, len(done))
        if not todo:
            print(f"{date} {agent_name} on {suite.name}: all {len(done)} attempts already recorded; "
                  "nothing to do", file=out)
        else:
            sandbox.sweep(backend_name)
            retry = {"retries": cfg.retries if retries is None else retries, "backoff_s": cfg.retry_backoff_s}
            _execute(cfg, todo, task_rows, agent, sandbox_cls, limits or Limits(), run_row.id, report, workers, out,
                     retry, lock)
        run_row.attempts_per_task = max(run_row.attempts_per_task, attempts)
        store.finish_run(s, run_row)
    return report


def validator(sandbox_cls: type[Sandbox], workers: int):
    """Validates generated instances before a plan may use them: reference passes and the untouched
    workspace fails, twice each (a grade that changes between repeats is flaky)."""
    def check(tasks: list[TaskSpec]) -> list[list[str]]:
        suite = SuiteSpec("instances", "", tuple(tasks))
        return [c.problems for c in validate(suite, sandbox_cls, repeat=2, workers=workers)]
    return check


def _execute(cfg, todo, task_rows, agent, sandbox_cls, limits, run_id, report, workers, out, retry, lock) -> None:
    progress = Progress(len(todo), out)
    checking = threading.Lock()  # the lock's handle is one connection: one check at a time

    def one(task: TaskSpec, n: int):
        result = run_with_retries(task, agent, sandbox_cls, limits, **retry)
        with checking:
            lock.check()  # a run that lost its lock must not write beside the next one
        with db.session(cfg.db_url) as s:
            store.save_attempt(s, run_id, task_rows[task.name].id, n, result)
            if result.agent is not None and result.agent.version:
                store.note_agent_version(s, run_id, result.agent.version)
        return task, n, result

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
        futures = [pool.submit(one, t, n) for t, n in todo]
        for fut in as_completed(futures):
            task, n, result = fut.result()
            report.new[result.status.value] += 1
            report.by_task.setdefault(task.name, []).append(result.status.value)
            progress.step(f"{task.name}#{n}", result.status.value, result.error)
    progress.close()


class Progress:
    """A one-line bar on a terminal; plain log lines otherwise (CI, cron, pipes)."""

    def __init__(self, total: int, out):
        self.total, self.done, self.out, self.t0 = total, 0, out, time.monotonic()
        self.tty = hasattr(out, "isatty") and out.isatty()

    def step(self, label: str, status: str, error: str | None) -> None:
        self.done += 1
        if self.tty:
            filled = int(30 * self.done / self.total)
            self.out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {label}: "
                           f"{status}\033[K")
        else:
            detail = f" ({error})" if error and status != "passed" else ""
            self.out.write(f"[{self.done}/{self.total}] {label}: {status}{detail}\n")
        self.out.flush()

    def close(self) -> None:
        if self.tty:
            self.out.write("\n")
        self.out.write(f"{self.done} attempts in {time.monotonic() - self.t0:.1f}s\n")
