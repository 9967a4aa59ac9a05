"""The agent interface: an agent works on a task inside a sandbox and reports what it did.

Adapters for real CLIs run inside the sandbox and declare whether their phase needs network
(grading never has it). How the attempt *ends* is reported honestly: `infra_error` is reserved for
failures on our side or the provider's (no key, no network, outage), which statistics exclude.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from runner.sandbox import Sandbox
from runner.tasks import TaskSpec

Outcome = Literal["ok", "timeout", "error", "infra_error"]


@dataclass
class AgentResult:
    outcome: Outcome = "ok"
    error: str | None = None
    log: str = ""
    final_message: str | None = None
    exit_code: int | None = None
    duration_s: float | None = None
    version: str | None = None
    model: str | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None
    tokens_cache_read: int | None = None
    tokens_cache_write: int | None = None
    cost_usd: float | None = None
    turns: int | None = None
    tool_calls: int | None = None
    tool_calls_by_tool: dict[str, int] | None = None
    transcript: str | None = None  # the raw agent output, kept compressed for drill-down


@dataclass
class Agent(ABC):
    name: str
    model: str | None = None
    settings: dict = field(default_factory=dict)

    adapter: ClassVar[str]
    needs_network: ClassVar[bool] = False

    def mounts(self) -> dict[str, str]:
        """Host directories (an installed CLI) to mount read-only into the agent's sandbox, never the grader's."""
        return {}

    def version(self) -> str | None:
        """The agent's own version string (CLI version), recorded on the run."""
        return None

    @abstractmethod
    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult: ...
