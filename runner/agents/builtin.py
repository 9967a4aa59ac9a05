"""Agents that need no model: the oracle (validates tasks), null (baseline), simulated (the demo's
agent with a known skill) and a shell command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import core
from runner.agents.base import Agent, AgentResult
from runner.sandbox import Sandbox
from runner.tasks import TaskSpec


@dataclass
class OracleAgent(Agent):
    """Applies the task's reference solution: every valid task must pass with it."""

    adapter = "oracle"

    def version(self) -> str:
        return f"codedrift-{core.__version__}"

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        sandbox.copy_in(task.solution_dir)
        return AgentResult(final_message="applied the reference solution", turns=0, tool_calls=0)


@dataclass
class NullAgent(Agent):
    """Changes nothing: every valid task must fail with it."""

    adapter = "null"

    def version(self) -> str:
        return f"codedrift-{core.__version__}"

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        return AgentResult(final_message="changed nothing", turns=0, tool_calls=0)


@dataclass
class SimulatedAgent(Agent):
    """Applies the reference solution with a known probability per task (`settings["pass_probability"]`,
    task name -> p; `settings["default"]` otherwise), decided by a seeded draw per task and date. The
    attempt is real (sandbox, hidden tests, grading); only the skill is simulated, so the demo's today
    is graded like any other day."""

    adapter = "simulated"
    settings_types: ClassVar[dict[str, str]] = {"pass_probability": "dict[str,float]", "default": "float",
                                                "version": "str"}

    def version(self) -> str:
        return str(self.settings.get("version", f"codedrift-{core.__version__}"))

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        import datetime as dt
        import random

        p = float(self.settings.get("pass_probability", {}).get(task.name, self.settings.get("default", 0.5)))
        draw = random.Random(f"{self.name}/{task.name}/{dt.date.today()}").random()
        if draw < p:
            sandbox.copy_in(task.solution_dir)
            return AgentResult(final_message=f"(simulated) solved: draw {draw:.2f} < p {p:.2f}", turns=0, tool_calls=0)
        return AgentResult(final_message=f"(simulated) gave up: draw {draw:.2f} >= p {p:.2f}", turns=0, tool_calls=0)


@dataclass
class CommandAgent(Agent):
    """Runs `settings["command"]` with `sh -c` in the workspace (the prompt is in $CODEDRIFT_PROMPT).

    Useful for scripted baselines and for testing the harness against hostile behaviour.
    """

    adapter = "command"
    settings_types: ClassVar[dict[str, str]] = {"command": "str"}

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        command = self.settings.get("command")
        if not command:
            return AgentResult(outcome="error", error="the command agent needs settings.command")
        res = sandbox.exec(["sh", "-c", command], timeout=task.time_limit_s,
                           env={"CODEDRIFT_PROMPT": task.prompt, "CODEDRIFT_TASK": task.name})
        outcome = "timeout" if res.timed_out else ("ok" if res.exit_code == 0 else "error")
        error = None if outcome == "ok" else (
            "agent timed out" if res.timed_out
            else f"command exited {res.exit_code}" + (" (out of memory)" if res.oom_killed else "")
        )
        return AgentResult(outcome=outcome, error=error, log=(res.stdout + res.stderr)[-20000:],
                           exit_code=res.exit_code, duration_s=res.duration_s)
