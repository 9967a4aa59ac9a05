"""Reading and writing the runner's rows: suites and task versions, agents, runs, attempts."""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import asdict

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.schema import Agent, Attempt, AttemptStatus, Run, RunStatus, Suite, Task, Verdict, usage_of, utcnow
from core.secrets import scrub, scrub_fields
from runner import agents
from runner.agents.base import AgentResult
from runner.attempt import AttemptResult
from runner.tasks import SuiteSpec


class UnknownAgent(LookupError):
    pass


def sync_suite(s: Session, spec: SuiteSpec) -> dict[str, Task]:
    """Task rows for the suite as it is on disk, creating a new version for every changed task."""
    suite = s.exec(select(Suite).where(Suite.name == spec.name)).first()
    if suite is None:
        suite = Suite(name=spec.name, description=spec.description)
        s.add(suite)
        s.commit()
    rows = {}
    for t in spec.tasks:
        row = s.exec(select(Task).where(Task.suite_id == suite.id, Task.name == t.name,
                                        Task.content_hash == t.content_hash)).first()
        if row is None:
            row = Task(suite_id=suite.id, name=t.name, content_hash=t.content_hash, language=t.language,
                       kind=t.kind, tags=list(t.tags), image=t.image, time_limit_s=t.time_limit_s,
                       expected_tests=t.expected_tests, origin=t.origin, family=t.family, seed=t.seed,
                       knobs=t.knobs or None)
            s.add(row)
            s.commit()
        rows[t.name] = row
    return rows


def save_agent(s: Session, name: str, adapter: str, model: str | None = None, settings: dict | None = None, *,
               control: bool = False, simulated: bool = False) -> Agent:
    """Create or change an agent: the one place agent rows are written (CLI, built-ins, the demo)."""
    row = s.exec(select(Agent).where(Agent.name == name)).first() or Agent(name=name, adapter=adapter)
    row.adapter, row.model, row.settings = adapter, model, settings or {}
    row.control, row.simulated = control, simulated
    s.add(row)
    s.commit()
    return row


def agent_row(s: Session, name: str) -> Agent:
    row = s.exec(select(Agent).where(Agent.name == name)).first()
    if row is None and name in agents.BUILTIN_AGENTS:
        row = save_agent(s, name, agents.BUILTIN_AGENTS[name])
    if row is None:
        known = sorted({*agents.BUILTIN_AGENTS, *s.exec(select(Agent.name)).all()})
        raise UnknownAgent(f"no agent named {name!r}; known: {', '.join(known)} (add one with `codedrift agents add`)")
    return row


def latest_task_model(s: Session, agent_name: str) -> dict | None:
    """The agent's latest analysis an adaptive plan uses (core/design.py), or None before its first."""
    return s.exec(select(Verdict.task_model).join(Agent, Agent.id == Verdict.agent_id)
                  .where(Agent.name == agent_name, Verdict.method == "sequential", Verdict.window == "all",
                         Verdict.task_model.is_not(None)).order_by(Verdict.fit_id.desc())).first()


def get_or_create_run(s: Session, date: dt.date, agent: Agent, suite_id: int, **fields) -> Run:
    run = s.exec(select(Run).where(Run.date == date, Run.agent_id == agent.id, Run.suite_id == suite_id)).first()
    if run is None:
        run = Run(date=date, agent_id=agent.id, suite_id=suite_id, simulated=agent.simulated, **fields)
        s.add(run)
        try:
            s.commit()
        except IntegrityError:  # created concurrently: take the existing one
            s.rollback()
            return get_or_create_run(s, date, agent, suite_id, **fields)
    return run


def done_keys(s: Session, run_id: int) -> set[tuple[int, int]]:
    """Attempts that are final. An infra error is not: the next `run` of the day tries it again."""
    q = select(Attempt.task_id, Attempt.attempt_no).where(Attempt.run_id == run_id,
                                                          Attempt.status != AttemptStatus.infra_error)
    return set(s.exec(q).all())


def save_attempt(s: Session, run_id: int, task_id: int, attempt_no: int, o: AttemptResult) -> bool:
    """Insert the attempt, replacing an infra error recorded earlier for the same slot (in one
    transaction); False if a final attempt was already there (idempotent)."""
    a = AgentResult(**scrub_fields(asdict(o.agent or AgentResult())))  # every text field, model name included
    earlier = s.exec(select(Attempt).where(Attempt.run_id == run_id, Attempt.task_id == task_id,
                                           Attempt.attempt_no == attempt_no)).first()
    if earlier is not None:
        if earlier.status != AttemptStatus.infra_error:
            return False
        o.retries += (earlier.retries or 0) + 1
        s.delete(earlier)
        s.flush()
    row = Attempt(
        run_id=run_id, task_id=task_id, attempt_no=attempt_no, status=o.status,
        tests_passed=o.tests_passed, tests_total=o.tests_total, score=o.score,
        duration_s=o.duration_s, agent_duration_s=o.agent_duration_s,
        agent_version=a.version, model=a.model, **usage_of(a), final_message=a.final_message,
        transcript_gz=_compress(a.transcript), exit_code=o.exit_code,
        sandbox_backend=o.backend, isolation=o.isolation, oom_killed=o.oom_killed, retries=o.retries,
        error=scrub(o.error), agent_log=scrub(o.agent_log) or None, test_log=scrub(o.test_log) or None,
        tampered=o.tampered,
    )
    s.add(row)
    try:
        s.commit()
        return True
    except IntegrityError:
        s.rollback()
        return False


TRANSCRIPT_CAP = 4_000_000  # characters before compression; the sandbox's output cap already bounds it


def _compress(text: str | None) -> bytes | None:
    return gzip.compress(text[-TRANSCRIPT_CAP:].encode()) if text else None


def note_agent_version(s: Session, run_id: int, version: str) -> None:
    """A CLI's version is only known inside the sandbox: the first attempt that reports it names the run's."""
    run = s.get(Run, run_id)
    if run is not None and run.agent_version is None:
        run.agent_version = version
        s.add(run)
        s.commit()


def finish_run(s: Session, run: Run) -> None:
    run.status, run.finished_at = RunStatus.finished, utcnow()
    s.add(run)
    s.commit()
