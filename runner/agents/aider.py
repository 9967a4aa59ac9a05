"""aider (`aider --message ...`): plain-text output; usage comes from its "Tokens: ... Cost: ..."
lines. aider reports no turns or tool calls; they stay empty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from runner.agents.base import AgentResult
from runner.agents.cli import INFRA_TEXT, PLACEHOLDER_KEY, CliAgent, last_line, no_report
from runner.sandbox import ExecResult
from runner.tasks import TaskSpec

_TOKENS = re.compile(r"Tokens: ([\d.]+)([kM]?) sent(?:, ([\d.]+)([kM]?) cache write)?(?:, ([\d.]+)([kM]?) cache hit)?"
                     r", ([\d.]+)([kM]?) received\.(?: Cost: \$([\d.]+) message, \$([\d.]+) session\.)?")
_LITELLM_INFRA = re.compile(r"litellm\.(AuthenticationError|RateLimitError|APIConnectionError|ServiceUnavailableError"
                            r"|InternalServerError|Timeout|APIError)")


def _count(number: str | None, unit: str | None) -> int | None:
    if number is None:
        return None
    return round(float(number) * {"": 1, "k": 1_000, "M": 1_000_000}[unit or ""])


@dataclass
class AiderAgent(CliAgent):
    adapter = "aider"
    default_command = ("aider",)

    def route_env(self, base: str) -> dict[str, str]:
        return {"OPENAI_API_BASE": base + "/v1", "OPENAI_API_KEY": PLACEHOLDER_KEY}
    fixed_env: ClassVar[dict[str, str]] = {"HOME": "/tmp"}

    def argv(self, task: TaskSpec) -> list[str]:
        argv = [*self.command(), "--message", self.budget_note(task), "--yes-always", "--no-git",
                "--no-auto-commits", "--no-pretty", "--no-stream", "--no-check-update", "--analytics-disable"]
        return [*argv, "--model", self.model] if self.model else argv

    def report(self, res: ExecResult) -> AgentResult:
        out = res.stdout + "\n" + res.stderr
        usage = list(_TOKENS.finditer(res.stdout))
        # Once a usage line shows the model answered, every later line may be tool output the agent
        # produced (a printed "RateLimitError" included): provider failures count only before that.
        if not usage and res.exit_code != 0 and (_LITELLM_INFRA.search(out) or INFRA_TEXT.search(out)):
            return AgentResult("infra_error", f"model API failed: {last_line(res.stderr) or last_line(res.stdout)}")
        if not usage:
            return no_report(res, "usage line") if res.exit_code else AgentResult(error="aider reported no usage")
        tokens_in = sum(_count(m[1], m[2]) or 0 for m in usage)
        tokens_out = sum(_count(m[7], m[8]) or 0 for m in usage)
        cost = usage[-1][10]  # the session total of the last message
        return AgentResult(tokens_in=tokens_in, tokens_out=tokens_out,
                         tokens_cache_write=sum(_count(m[3], m[4]) or 0 for m in usage) or None,
                         tokens_cache_read=sum(_count(m[5], m[6]) or 0 for m in usage) or None,
                         cost_usd=float(cost) if cost else None,
                         outcome="ok" if res.exit_code == 0 else "error",
                         error=None if res.exit_code == 0 else f"aider exited {res.exit_code}")
