"""The database schema: what was tracked, on which tasks, and what happened in every attempt.

Tasks are content-addressed: editing a task creates a new row (a new version), so old attempts
keep pointing at the exact task they were graded against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, make_dataclass
from enum import StrEnum

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AttemptStatus(StrEnum):
    passed = "passed"
    failed = "failed"
    timeout = "timeout"
    error = "error"  # the agent crashed or produced unusable output: counts against the agent
    infra_error = "infra_error"  # our side failed (sandbox, network, API outage): excluded from statistics


class RunStatus(StrEnum):
    running = "running"
    finished = "finished"


class Agent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    adapter: str
    model: str | None = None
    settings: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    simulated: bool = False
    # A pinned control (fixed CLI version, or an open-weights model): when it drops too, the cause is on
    # our side or in the shared harness, not in the tracked model.
    control: bool | None = False
    created_at: dt.datetime = Field(default_factory=utcnow)


class Suite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    description: str = ""


class Task(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("suite_id", "name", "content_hash"),)
    id: int | None = Field(default=None, primary_key=True)
    suite_id: int = Field(foreign_key="suite.id", index=True)
    name: str = Field(index=True)
    content_hash: str
    language: str
    kind: str
    tags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    image: str
    time_limit_s: int
    expected_tests: int | None = None
    # built-in, generated or imported; the server default gives rows from before this column their origin
    origin: str = Field(default="built-in", sa_column_kwargs={"server_default": "built-in"})
    family: str | None = Field(default=None, index=True)  # generated: the family; its instance seed and knobs
    seed: int | None = None
    knobs: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow)


class Run(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("date", "agent_id", "suite_id"),)
    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(index=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    suite_id: int = Field(foreign_key="suite.id")
    agent_version: str | None = None
    sandbox_backend: str | None = None
    attempts_per_task: int = 1
    # The daily plan that chose the run's tasks (runner/plan.py DayPlan.record): anchors, each family's
    # rotating instances and seeds, the day's seed. None for a run of a whole suite.
    plan: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    started_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    status: RunStatus = RunStatus.running
    simulated: bool = False


class Attempt(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("run_id", "task_id", "attempt_no"),)
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    attempt_no: int = 1
    status: AttemptStatus
    tests_passed: int | None = None
    tests_total: int | None = None
    score: float | None = None  # tests_passed / tests_total
    duration_s: float | None = None
    agent_duration_s: float | None = None
    agent_version: str | None = None  # e.g. `claude --version` inside the sandbox
    model: str | None = None  # as the agent reported it
    # What the attempt used, as the agent reported it or the harness's egress gateway counted it: the one
    # definition of these fields (`Usage` below is made from them). A new one is nullable, so core/db.py
    # adds it to an existing database.
    tokens_in: int | None = None
    tokens_out: int | None = None
    tokens_cache_read: int | None = None
    tokens_cache_write: int | None = None
    cost_usd: float | None = None
    turns: int | None = None
    tool_calls: int | None = None
    tool_calls_by_tool: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    model_calls: int | None = None  # model API calls counted by the harness's gateway, not reported by the agent
    final_message: str | None = None
    transcript_gz: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    exit_code: int | None = None
    sandbox_backend: str | None = None
    isolation: str | None = None
    oom_killed: bool = False
    retries: int | None = None  # infra-error retries before this outcome
    tampered: bool | None = None  # grading caught the code under test forging its result (decoys, report)
    error: str | None = None
    agent_log: str | None = None
    test_log: str | None = None
    finished_at: dt.datetime = Field(default_factory=utcnow)


USAGE_FIELDS = ("tokens_in", "tokens_out", "tokens_cache_read", "tokens_cache_write", "cost_usd", "turns",
                "tool_calls", "tool_calls_by_tool", "model_calls")

# The usage fields as a keyword-only dataclass, made from the columns above: `AgentResult`
# (runner/agents/base.py) inherits them and its validation reads their types.
Usage = make_dataclass("Usage", [(name, Attempt.model_fields[name].annotation, field(default=None))
                                 for name in USAGE_FIELDS], kw_only=True, module=__name__)


def usage_of(obj) -> dict:
    """The usage fields of an `AgentResult`, `Usage` or `Attempt`, by name: how they are copied from one to another."""
    return {name: getattr(obj, name) for name in USAGE_FIELDS}


class Fit(SQLModel, table=True):
    """One posterior fit; its diagnostics travel with every number derived from it."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    first_day: dt.date
    last_day: dt.date
    agents: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attempts_used: int
    sampler: str
    chains: int
    draws: int
    seed: int
    duration_s: float
    rhat_max: float
    ess_bulk_min: float
    ess_tail_min: float
    divergences: int
    bfmi_min: float
    diagnostics_ok: bool
    netcdf_path: str | None = None
    likelihood: str | None = "binary"  # "binary" (pass/fail, shown on the dashboard) or "partial"
    group_by: str | None = None  # language or kind when the fit has per-group walks
    prior_fit_id: int | None = None  # the earlier fit whose task difficulties were carried in
    rule: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))  # delta, thresholds, baseline
    # Per agent id: the sudden drop (points) flagged with 80% probability within 7 days at this volume.
    min_detectable_drop: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Posterior predictive checks (analysis/ppc.py), pass/fail fits only:
    # [{name, observed, replicated, p_value, flagged}].
    checks: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class Bands(SQLModel):
    """Quantiles of an expected pass rate: the 90% and 50% bands and the median."""

    q05: float
    q25: float
    median: float
    q75: float
    q95: float


class AbilityDay(Bands, table=True):
    """Per fit, agent and calendar day: the expected pass rate on the suite, with credible intervals."""

    __tablename__ = "ability_day"

    __table_args__ = (UniqueConstraint("fit_id", "agent_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    fit_id: int = Field(foreign_key="fit.id", index=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    day: dt.date
    attempts: int
    passed: int
    theta_mean: float | None = None  # ability, logit scale
    theta_sd: float | None = None


class LevelDay(Bands, table=True):
    """Per fit, agent, stream and day: the change-point smoother's level (analysis/changepoint.py) of the
    sequential alarm's daily ability, as expected pass rate on the stream's baseline tasks."""

    __tablename__ = "level_day"

    __table_args__ = (UniqueConstraint("fit_id", "agent_id", "stream", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    fit_id: int = Field(foreign_key="fit.id", index=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    stream: str  # "all", or "<grouping>:<group>"
    day: dt.date
    attempts: int
    passed: int
    theta_mean: float  # the day's ability, logits
    theta_sd: float
    level: float | None = None  # the sustained level (without the day's shock), posterior mean, as pass rate
    change: float  # P(a new level starts on this day)
    current: float  # P(the level of the fit's last day began on this day)


class GroupDay(Bands, table=True):
    """Per fit, agent, language-or-kind group and day: the expected pass rate on that group's tasks."""

    __tablename__ = "group_day"

    __table_args__ = (UniqueConstraint("fit_id", "agent_id", "grouping", "group", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    fit_id: int = Field(foreign_key="fit.id", index=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    grouping: str  # language or kind
    group: str
    day: dt.date


class TaskDifficulty(SQLModel, table=True):
    """Per fit and task: difficulty on the logit scale (higher is harder; the suite averages 0)."""

    __tablename__ = "task_difficulty"

    __table_args__ = (UniqueConstraint("fit_id", "task_id"),)
    id: int | None = Field(default=None, primary_key=True)
    fit_id: int = Field(foreign_key="fit.id", index=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    mean: float
    sd: float
    q05: float
    median: float
    q95: float
    attempts: int
    passed: int


# The windows every verdict judges, by the name stored in `Verdict.window` (published in docs/export.md),
# and their length in days, each ending on the fit's last day.
WINDOW_DAYS = {"today": 1, "7d": 7, "30d": 30}


class Verdict(SQLModel, table=True):
    """One method's judgement of one window for one agent on the fit's last day, so the Bayesian rule
    and the peers' methods sit side by side. `drop` is baseline minus window (positive = worse), as
    a pass-rate fraction."""

    __table_args__ = (UniqueConstraint("fit_id", "agent_id", "method", "window"),)
    id: int | None = Field(default=None, primary_key=True)
    fit_id: int = Field(foreign_key="fit.id", index=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    day: dt.date
    method: str  # sequential, bayes, bayes_vs_control, tracker, paired, cusum
    # A WINDOW_DAYS name; "daily" for cusum; for sequential the stream: "all" or "<grouping>:<group>",
    # whose window is the days since its baseline (analysis/alarm.py)
    window: str
    window_start: dt.date
    window_end: dt.date
    baseline_start: dt.date | None = None
    baseline_end: dt.date | None = None
    attempts: int | None = None  # graded attempts in the window
    drop: float | None = None
    drop_low: float | None = None  # bayes: 90% credible; paired: 95% confidence
    drop_high: float | None = None
    p_drop: float | None = None  # bayes: P(drop > delta)
    p_any_drop: float | None = None  # bayes: P(drop > 0)
    p_value: float | None = None  # tracker, paired: one-sided p for a drop
    rate: float | None = None  # tracker: the window's raw pass rate, its Wilson 95% interval and p0
    rate_low: float | None = None
    rate_high: float | None = None
    p0: float | None = None
    threshold: float | None = None  # tracker: its published "± threshold" at this n
    statistic: float | None = None  # cusum, sequential: S on the day
    limit_watch: float | None = None  # sequential: S at which the stream is flagged watch, and degraded
    limit_degraded: float | None = None
    change_day: dt.date | None = None  # sequential: where the current excursion of S began
    # sequential, stream "all": what the adaptive plan reads (core/design.py): the agent's current
    # ability, each family's [mean, knob slope] and the instances' spread, on the agent's own scale;
    # and the partial-credit channel's slope and whether the alarm used it (analysis/shares.py)
    task_model: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    flagged: bool
    status: str  # ok, watch, degraded
