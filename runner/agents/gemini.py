"""Google's Gemini CLI (`gemini -p ... --output-format json`): one JSON object with `response`,
`stats` (per-model tokens, tool calls by name) and, on failure, `error`. Exit code 53 means the
turn limit was reached: the work is graded as it stands."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import ClassVar

from runner.agents.base import INFRA_STATUS, AgentResult
from runner.agents.cli import INFRA_TEXT, CliAgent, no_report
from runner.sandbox import ExecResult
from runner.tasks import TaskSpec

TURN_LIMIT_EXIT = 53


@dataclass
class GeminiAgent(CliAgent):
    adapter = "gemini-cli"
    default_command = ("gemini",)
    # Gemini CLI takes no base URL: it reaches only the allow-listed host through the gateway's CONNECT
    # proxy, and so has to hold its own key (the one adapter that does; docs/agents.md says so).
    key_env = None
    default_allow_hosts = ("generativelanguage.googleapis.com",)
    key_passthrough: ClassVar[tuple[str, ...]] = ("GEMINI_API_KEY", "GOOGLE_API_KEY")

    def route_env(self, base: str) -> dict[str, str]:
        return {k: os.environ[k] for k in self.key_passthrough if k in os.environ}
    fixed_env: ClassVar[dict[str, str]] = {"HOME": "/tmp"}

    def argv(self, task: TaskSpec) -> list[str]:
        argv = [*self.command(), "-p", self.budget_note(task), "--output-format", "json", "--yolo"]
        return [*argv, "--model", self.model] if self.model else argv

    def report(self, res: ExecResult) -> AgentResult:
        start = res.stdout.find("{")
        try:
            data = json.loads(res.stdout[start:]) if start >= 0 else None
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return no_report(res, "JSON result")
        stats = data.get("stats") or {}
        models = stats.get("models") or {}
        tokens = {k: sum((m.get("tokens") or {}).get(k, 0) for m in models.values())
                  for k in ("prompt", "candidates", "cached")}
        requests = sum((m.get("api") or {}).get("totalRequests", 0) for m in models.values())
        by_name = (stats.get("tools") or {}).get("byName")
        rep = AgentResult(
            final_message=data.get("response"), model=next(iter(models), None),
            tokens_in=tokens["prompt"] if models else None, tokens_out=tokens["candidates"] if models else None,
            tokens_cache_read=tokens["cached"] if models else None, turns=requests or None,
            tool_calls_by_tool=({k: v.get("count", 0) for k, v in by_name.items()}
                                if isinstance(by_name, dict) else None),
        )
        err = data.get("error")
        if res.exit_code == TURN_LIMIT_EXIT:
            rep.error = "agent stopped at its turn limit"
        elif isinstance(err, dict):
            message = f"{err.get('type', 'error')}: {err.get('message', '')}"
            infra = err.get("code") in INFRA_STATUS or INFRA_TEXT.search(message)
            rep.outcome, rep.error = ("infra_error" if infra else "error"), message[:300]
        return rep
