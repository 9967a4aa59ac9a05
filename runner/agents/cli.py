"""What every coding-agent CLI adapter shares: running the CLI inside the agent's sandbox with only
the environment variables it names, probing its version, and turning its report into an AgentResult.

A subclass says how to call its CLI (`argv`) and how to read what it printed (`report`). Missing
fields stay empty; nothing is invented.
"""

from __future__ import annotations

import os
import re
from abc import abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from runner.agents import install
from runner.agents.base import Agent, AgentResult
from runner.sandbox import ExecResult, Sandbox
from runner.tasks import TaskSpec

INFRA_STATUS = {401, 403, 408, 409, 429, 500, 502, 503, 504, 529}
INFRA_TEXT = re.compile(
    r"api error|invalid api key|api key not valid|authenticat|unauthori[sz]ed|/login|credit balance|quota"
    r"|rate.?limit|overloaded|connection error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT"
    r"|getaddrinfo|fetch failed|socket hang up|network is unreachable|unable to connect|stream disconnected",
    re.IGNORECASE,
)


def last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def no_report(res: ExecResult, what: str) -> AgentResult:
    """The CLI printed nothing usable: our side (missing CLI, network, auth) or the agent's (a crash)."""
    if res.timed_out:
        return AgentResult("timeout", "agent exceeded its time limit")
    raw = res.stderr + "\n" + res.stdout
    if res.exit_code == 127:
        return AgentResult("infra_error", f"the CLI is not installed in the sandbox: {last_line(res.stderr)}")
    if INFRA_TEXT.search(raw[-4000:]):
        why = last_line(res.stderr) or last_line(res.stdout)
        return AgentResult("infra_error", f"CLI failed before any result (exit {res.exit_code}): {why}")
    return AgentResult("error", f"no {what} in the CLI's output (exit {res.exit_code}); raw output kept")


@dataclass
class CliAgent(Agent):
    """Settings shared by CLI adapters: `cli_dir` (installed by `codedrift agents install`, mounted
    read-only at /opt) or `command` (argv prefix), `max_turns`, `extra_args`, `install` ({sandbox
    path: host file} copied in first), `network` (default true; grading never has network)."""

    env_passthrough: ClassVar[tuple[str, ...]] = ()
    fixed_env: ClassVar[dict[str, str]] = {"HOME": "/tmp"}
    default_command: ClassVar[tuple[str, ...]] = ()

    @property
    def needs_network(self) -> bool:  # type: ignore[override]
        return bool(self.settings.get("network", True))

    def mounts(self) -> dict[str, str]:
        return {self.settings["cli_dir"]: install.MOUNT_POINT} if self.settings.get("cli_dir") else {}

    def command(self) -> list[str]:
        if "command" in self.settings:
            cmd = self.settings["command"]
            return cmd.split() if isinstance(cmd, str) else list(cmd)
        if self.settings.get("cli_dir") and self.adapter in install.NPM_CLIS:
            return [install.executable(self.adapter)]
        return list(self.default_command)

    def env(self) -> dict[str, str]:
        # Only the variables this adapter names cross into the sandbox; the host's others never do.
        return {**self.fixed_env, **{k: os.environ[k] for k in self.env_passthrough if k in os.environ}}

    def budget_note(self, task: TaskSpec) -> str:
        return (f"{task.prompt.rstrip()}\n\nWork in the current directory. You have {task.time_limit_s // 60} "
                f"minutes and at most {self.max_turns} turns.")

    @property
    def max_turns(self) -> int:
        return int(self.settings.get("max_turns", 30))

    @abstractmethod
    def argv(self, task: TaskSpec) -> list[str]: ...

    @abstractmethod
    def report(self, res: ExecResult) -> AgentResult:
        """What the CLI said about its run; solve() adds what the harness knows (version, log, transcript)."""

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        for dest, src in (self.settings.get("install") or {}).items():
            sandbox.write_files({os.path.basename(dest): Path(src).read_bytes()}, dest=os.path.dirname(dest))
        env = self.env()
        probe = sandbox.exec([*self.command(), "--version"], timeout=60, env=env)
        version = last_line(probe.stdout)[:100] if probe.exit_code == 0 else None
        res = sandbox.exec([*self.argv(task), *self.settings.get("extra_args", [])],
                           timeout=task.time_limit_s, env=env)
        rep = self.report(res)
        if res.timed_out:
            rep.outcome, rep.error = "timeout", "agent exceeded its time limit"
        rep.log, rep.exit_code, rep.version, rep.transcript = res.stderr, res.exit_code, version, res.stdout
        rep.duration_s = rep.duration_s or res.duration_s
        rep.model = rep.model or self.model
        if rep.tool_calls_by_tool is not None:
            rep.tool_calls = sum(rep.tool_calls_by_tool.values())
        return rep
