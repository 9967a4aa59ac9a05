"""OpenAI's Codex CLI (`codex exec --json`): JSONL thread events; usage per completed turn.

Codex reports no cost; it stays empty rather than being estimated here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from runner.agents.base import AgentResult
from runner.agents.cli import INFRA_TEXT, CliAgent, no_report
from runner.sandbox import ExecResult
from runner.tasks import TaskSpec

NOT_TOOLS = {"agent_message", "reasoning", "todo_list", "error"}


@dataclass
class CodexAgent(CliAgent):
    adapter = "codex"
    default_command = ("codex",)
    fixed_env: ClassVar[dict[str, str]] = {"HOME": "/tmp", "CODEX_HOME": "/tmp/codex-home"}

    def argv(self, task: TaskSpec) -> list[str]:
        # The sandbox is ours: codex's own sandbox and approval prompts are turned off inside it.
        argv = [*self.command(), "exec", "--json", "--skip-git-repo-check",
                "--dangerously-bypass-approvals-and-sandbox"]
        if self.model:
            argv += ["--model", self.model]
        return [*argv, self.budget_note(task)]

    def report(self, res: ExecResult) -> AgentResult:
        events = []
        for line in res.stdout.splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):
                events.append(event)
        if not events:
            return no_report(res, "JSON event")
        tools, usage, turns, completed, final, failure = Counter(), Counter(), 0, 0, None, None
        for e in events:
            kind = e.get("type")
            if kind == "item.completed":
                item = e.get("item") or {}
                if item.get("type") == "agent_message":
                    final = item.get("text")
                elif item.get("type") not in NOT_TOOLS:
                    tools[item.get("type", "?")] += 1
            elif kind in ("turn.completed", "turn.failed"):
                turns += 1
                completed += kind == "turn.completed"
                usage.update({k: v for k, v in (e.get("usage") or {}).items() if isinstance(v, int)})
                if kind == "turn.failed":
                    failure = (e.get("error") or {}).get("message") or "turn failed"
            elif kind == "error":
                failure = e.get("message") or "error"
        rep = AgentResult(final_message=final, tokens_in=usage.get("input_tokens"),
                        tokens_out=usage.get("output_tokens"), tokens_cache_read=usage.get("cached_input_tokens"),
                        turns=turns or None, tool_calls_by_tool=dict(tools))
        if failure:
            # A provider failure only while no turn has completed: later, the text may be the agent's.
            rep.outcome = "infra_error" if not completed and INFRA_TEXT.search(failure) else "error"
            rep.error = failure[:300]
        return rep
