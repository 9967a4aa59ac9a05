"""One attempt: agent phase in one sandbox, grading in a fresh one, verdict and status.

The hidden tests enter only the grading sandbox, after the agent's sandbox is gone, and that
sandbox never has network. Anything that goes wrong on our side becomes `infra_error`.
"""

from __future__ import annotations

import random
import time
import traceback
from dataclasses import dataclass, replace

from codedrift.schema import AttemptStatus
from runner import grading
from runner.agents import Agent, AgentResult
from runner.sandbox import Limits, Sandbox, SandboxError
from runner.sandbox.base import WORKSPACE
from runner.secrets import scrub
from runner.tasks import TaskSpec

LOG_CAP = 20_000  # characters of each log kept in the database


@dataclass
class Outcome:
    status: AttemptStatus
    tests_passed: int | None = None
    tests_total: int | None = None
    score: float | None = None
    duration_s: float = 0.0
    agent_duration_s: float | None = None
    exit_code: int | None = None
    oom_killed: bool = False
    error: str | None = None
    agent_log: str = ""
    test_log: str = ""
    agent: AgentResult | None = None
    backend: str = ""
    isolation: str = ""
    retries: int = 0


def tail(text: str, cap: int = LOG_CAP) -> str:
    """What of a log is stored: secrets scrubbed, then the end kept (failures show up last)."""
    text = scrub(text) or ""
    return text if len(text) <= cap else f"[... {len(text) - cap} characters cut]\n" + text[-cap:]


def run_attempt(task: TaskSpec, agent: Agent, sandbox_cls: type[Sandbox], limits: Limits) -> Outcome:
    t0 = time.monotonic()
    agent_limits = replace(limits, timeout_s=task.time_limit_s)
    try:
        with sandbox_cls(task.image, agent_limits, network=agent.needs_network, mounts=agent.mounts()) as sb:
            backend, isolation = sb.backend, sb.isolation
            sb.copy_in(task.workspace_dir)
            t_agent = time.monotonic()
            try:
                result = agent.solve(task, sb)
            except SandboxError:
                raise
            except Exception as e:  # a bug in our adapter is the harness's failure, not the agent's
                result = AgentResult(outcome="infra_error", error=f"agent adapter crashed: {e!r}",
                                     log=traceback.format_exc())
            result.duration_s = result.duration_s or time.monotonic() - t_agent
            snapshot = sb.get_tar(WORKSPACE)
    except SandboxError as e:
        return Outcome(AttemptStatus.infra_error, error=f"agent sandbox: {e}",
                       duration_s=time.monotonic() - t0, backend=sandbox_cls.backend)
    base = {"agent": result, "agent_duration_s": result.duration_s, "agent_log": tail(result.log),
            "backend": backend, "isolation": isolation}
    if result.outcome == "infra_error":
        return Outcome(AttemptStatus.infra_error, error=result.error, duration_s=time.monotonic() - t0, **base)

    grade_limits = replace(limits, timeout_s=task.test_time_limit_s)
    try:
        with sandbox_cls(task.image, grade_limits, network=False) as sb:
            sb.put_tar(WORKSPACE, snapshot)
            fw = grading.FRAMEWORKS[task.framework]
            sb.write_files(fw.support_files, dest=grading.GRADER_DIR)
            sb.copy_in(task.tests_dir, dest=f"{grading.GRADER_DIR}/tests")
            res = sb.exec(fw.command, env={"PYTHONPATH": f"{WORKSPACE}:{grading.GRADER_PYTHONPATH}"})
            report = _read_optional(sb, fw.report_file)
    except SandboxError as e:
        return Outcome(AttemptStatus.infra_error, error=f"grading sandbox: {e}",
                       duration_s=time.monotonic() - t0, **base)
    log = res.stdout + ("\n--- stderr ---\n" + res.stderr if res.stderr.strip() else "")
    v = grading.verdict(fw.parse(res.stdout, report), res.exit_code, res.timed_out, task.expected_tests)
    return Outcome(
        status=_status(v, result, res.timed_out),
        tests_passed=v.tests_passed,
        tests_total=v.tests_total,
        score=v.score,
        duration_s=time.monotonic() - t0,
        exit_code=res.exit_code,
        oom_killed=res.oom_killed,
        error=_error(v, result, res.oom_killed),
        test_log=tail(log),
        **base,
    )


def run_with_retries(task: TaskSpec, agent: Agent, sandbox_cls: type[Sandbox], limits: Limits, *,
                     retries: int = 2, backoff_s: float = 10.0, sleep=time.sleep) -> Outcome:
    """Infrastructure errors (API outage, rate limit, sandbox failure) are retried a bounded number of
    times with exponential backoff and full jitter; what is still failing is recorded as infra_error."""
    for attempt in range(retries + 1):
        outcome = run_attempt(task, agent, sandbox_cls, limits)
        outcome.retries = attempt
        if outcome.status != AttemptStatus.infra_error or attempt == retries:
            return outcome
        sleep(random.uniform(0, backoff_s * 2**attempt))
    raise AssertionError("unreachable")


def _read_optional(sb: Sandbox, path: str | None) -> bytes | None:
    if path is None:
        return None
    try:
        return sb.read_file(path)
    except (FileNotFoundError, IsADirectoryError):
        return None


def _status(v: grading.Verdict, agent: AgentResult, tests_timed_out: bool) -> AttemptStatus:
    if v.passed:
        return AttemptStatus.passed  # whatever the agent reported, the work passes the hidden tests
    if agent.outcome == "timeout" or tests_timed_out:
        return AttemptStatus.timeout
    if agent.outcome == "error":
        return AttemptStatus.error
    return AttemptStatus.failed


def _error(v: grading.Verdict, agent: AgentResult, oom: bool) -> str | None:
    parts = [p for p in (agent.error, v.note, "tests ran out of memory" if oom else None) if p]
    return "; ".join(parts) or None
