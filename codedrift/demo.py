"""`codedrift demo`: a living dashboard on a fresh machine, in one command.

It writes to its own database (data/demo/codedrift.db) so simulated rows never mix with real tracking:
120 days of history for a clearly labelled *simulated* agent with an injected drop (from the analysis
simulator, on the built-in suite's real tasks), today's run performed for real in the sandbox (the
same agent, whose skill on each task is the simulator's probability today, and the oracle beside it),
a fit, and then the dashboard. Every simulated row is marked simulated. Idempotent: a second call
adds nothing that is already there.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace

import numpy as np
from sqlmodel import select

from analysis.simulate import InjectedDrop, simulate
from analysis.simulate_rotation import World, failed_tests
from core import db
from core.schema import Agent, Attempt, AttemptStatus, Fit, Run
from core.settings import Settings

AGENT = "simulated-agent"
DAYS, DROP_POINTS, DROP_DAYS_AGO = 120, 8.0, 12


def demo_settings(cfg: Settings) -> Settings:
    data_dir = cfg.data_dir / "demo"
    return replace(cfg, data_dir=data_dir, db_url=f"sqlite:///{data_dir / 'codedrift.db'}")


def seed_history(cfg: Settings, today: dt.date, out=sys.stderr) -> int:
    """The simulated agent's last 120 days (not today), written through the runner's store like any
    run. Returns the number of attempts written."""
    from runner import store
    from runner.agents import AgentResult
    from runner.attempt import AttemptResult
    from runner.tasks import load_suite

    suite = load_suite(cfg.tasks_dir / "core")
    with db.session(cfg.db_url) as s:
        tasks = list(store.sync_suite(s, suite).values())
        # One more day than the history: today's skill per task drives the real run.
        h = simulate(days=DAYS + 1, tasks=len(tasks), base_rate=0.62, walk_sd=0.02,
                     drop=InjectedDrop(DROP_POINTS, start=DAYS - DROP_DAYS_AGO), seed=2026)
        today_p = 1 / (1 + np.exp(-(h.theta[0, -1] - h.difficulty)))
        agent = s.exec(select(Agent).where(Agent.name == AGENT)).first() or store.save_agent(
            s, AGENT, "simulated", "simulated-model", simulated=True, settings={
                "pass_probability": {t.name: round(float(p), 3) for t, p in zip(tasks, today_p, strict=True)},
                "version": "sim-1.1.0"})
        first = today - dt.timedelta(days=DAYS)
        if s.exec(select(Run).where(Run.agent_id == agent.id, Run.date == first)).first():
            return 0
        rng = np.random.default_rng(2026)
        partial = _PartialCredit(len(tasks), np.random.default_rng([2026, 1]))
        written = 0
        for d in range(DAYS):
            day = first + dt.timedelta(days=d)
            if rng.random() < 0.03:
                continue  # a missed day, as happens
            version = "sim-1.1.0" if d >= DAYS - DROP_DAYS_AGO else "sim-1.0.0"
            run = store.get_or_create_run(s, day, agent, tasks[0].suite_id, agent_version=version,
                                          sandbox_backend="simulated")
            for r in h.attempts[h.attempts.day == d].itertuples():
                task = tasks[r.task]
                status = (AttemptStatus.infra_error if rng.random() < 0.02
                          else AttemptStatus.passed if r.passed else AttemptStatus.failed)
                usage = AgentResult(
                    version=version, model="simulated-model", final_message="(simulated attempt: no agent ran)",
                    tokens_in=int(rng.gamma(4, 5000)), tokens_out=int(rng.gamma(4, 800)),
                    cost_usd=float(rng.gamma(4, 0.01)), turns=int(rng.integers(2, 25)),
                    tool_calls=int(rng.integers(1, 30)))
                result = AttemptResult(
                    status, tests_total=task.expected_tests, duration_s=float(rng.gamma(4, 15)), agent=usage,
                    tests_passed=task.expected_tests if status == AttemptStatus.passed else partial.failed(
                        r.task, task.expected_tests, h.theta[0, d] - h.difficulty[r.task])
                    if status == AttemptStatus.failed else None,
                    backend="simulated")
                written += store.save_attempt(s, run.id, task.id, 1, result)
            store.finish_run(s, run)
        print(f"demo: wrote {written} simulated attempts for {AGENT} over {DAYS} days "
              f"(a {DROP_POINTS:g}-point drop {DROP_DAYS_AGO} days ago)", file=out)
        return written


class _PartialCredit:
    """Tests passed by a failed simulated attempt, drawn as analysis/simulate_rotation.py draws them, by a
    generator of its own so that the history's other draws are unchanged."""

    def __init__(self, tasks: int, rng):
        self.rng, self.offset = rng, rng.normal(0, World().share_offset_sd, tasks)

    def failed(self, task: int, tests: int | None, eta: float) -> int | None:
        if not tests:
            return None
        return int(failed_tests(np.array(tests), np.array(eta), self.offset[task], self.rng))


def needs_fit(cfg: Settings, today: dt.date) -> bool:
    with db.session(cfg.db_url) as s:
        fit = s.exec(select(Fit).order_by(Fit.id.desc())).first()
        graded = len(s.exec(select(Attempt.id).where(Attempt.status != AttemptStatus.infra_error)).all())
    return fit is None or fit.last_day < today or fit.attempts_used != graded


def run_demo(cfg: Settings, *, today: dt.date | None = None, out=sys.stderr) -> Settings:
    from analysis.fit import FitOptions, run_fit
    from runner.run import run

    today = today or dt.date.today()
    cfg = demo_settings(cfg)
    db.init(cfg.db_url)
    seed_history(cfg, today, out)
    run(cfg, date=today, agent_name=AGENT, suite_name="core", out=out)
    run(cfg, date=today, agent_name="oracle", suite_name="core", out=out)
    if needs_fit(cfg, today):
        fit = run_fit(cfg, FitOptions(group_by="language"))
        state = "ok" if fit.diagnostics_ok else "NOT TRUSTED (diagnostics failed)"
        print(f"demo: fit {fit.id} over {fit.first_day}..{fit.last_day} in {fit.duration_s:.0f} s: {state}", file=out)
    return cfg
