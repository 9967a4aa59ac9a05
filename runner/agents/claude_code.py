"""Claude Code in headless mode (`claude -p ... --output-format stream-json --verbose`).

Its ending is classified from the final `result` event, not the exit code: API errors can arrive
with exit code 0 and `subtype: "success"` but `is_error: true`. Authentication, network, rate-limit
and overload failures are infrastructure errors, never failed tasks.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

from runner.agents.base import INFRA_STATUS, AgentResult
from runner.agents.cli import INFRA_TEXT, PLACEHOLDER_KEY, CliAgent, no_report
from runner.sandbox import ExecResult
from runner.tasks import TaskSpec

LIMIT_SUBTYPES = {"error_max_turns", "error_max_budget_usd"}


@dataclass
class StreamRun:
    result: dict | None = None
    model: str | None = None
    session_id: str | None = None
    tool_calls: Counter = field(default_factory=Counter)
    events: int = 0
    unparsed_lines: int = 0
    results: int = 0  # the CLI prints exactly one result event, last
    answered: bool = False  # the model replied at least once (an assistant event)
    last_kind: str | None = None


def parse_stream(stdout: str) -> StreamRun:
    """Events of `--output-format stream-json`: one JSON object per line; other lines are counted."""
    run = StreamRun()
    for line in stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            event = json.loads(line)
        except ValueError:
            run.unparsed_lines += 1
            continue
        if not isinstance(event, dict):
            run.unparsed_lines += 1
            continue
        run.events += 1
        kind = event.get("type")
        run.last_kind = kind
        if kind == "system" and event.get("subtype") == "init":
            run.model, run.session_id = event.get("model"), event.get("session_id")
        elif kind == "assistant":
            run.answered = True
            for block in (event.get("message") or {}).get("content") or []:
                if isinstance(block, dict) and block.get("type") == "tool_use":
                    run.tool_calls[block.get("name", "?")] += 1
        elif kind == "result":
            run.result = event
            run.results += 1
    return run


def classify(run: StreamRun, res: ExecResult) -> tuple[str, str | None]:
    """(outcome, reason) from the result event first, the exit code and raw text last."""
    if res.timed_out:
        return "timeout", "agent exceeded its time limit"
    r = run.result
    if r is None:
        rep = no_report(res, "result event", model_answered=run.answered)
        return rep.outcome, rep.error
    if run.results > 1 or run.last_kind != "result":
        # The CLI prints one result event, last; more (or events after it) were written by something
        # the agent ran, e.g. into the CLI's stdout through /proc. Nothing in such a stream is believed.
        return "error", f"the CLI's output stream was tampered with ({run.results} result events)"
    subtype, message = r.get("subtype"), _message(r)
    if subtype in LIMIT_SUBTYPES:
        return "ok", f"agent stopped at its limit ({subtype})"  # graded as it stands: an unsolved task fails
    if r.get("is_error"):
        status = r.get("api_error_status")
        if status in INFRA_STATUS or INFRA_TEXT.search(message) or subtype == "success":
            return "infra_error", f"API error{f' {status}' if status else ''}: {message[:300]}"
        return "error", f"{subtype or 'error'}: {message[:300]}"
    return "ok", None


def _message(r: dict) -> str:
    parts = [str(r.get("result") or ""), " ".join(map(str, r.get("errors") or [])),
             str(r.get("terminal_reason") or "")]
    return " ".join(p for p in parts if p).strip()


@dataclass
class ClaudeCodeAgent(CliAgent):
    """Extra settings: `max_budget_usd`, `allowed_tools`."""

    adapter = "claude-code"
    settings_types: ClassVar[dict[str, str]] = {"max_budget_usd": "float", "allowed_tools": "list[str]"}
    default_command = ("claude",)
    route_kind = "anthropic"
    default_upstream = "https://api.anthropic.com"
    key_env = "ANTHROPIC_API_KEY"
    fixed_env: ClassVar[dict[str, str]] = {
        "IS_SANDBOX": "1",  # lets bypassPermissions run as a sandboxed user
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_AUTOUPDATER": "1",
        "CLAUDE_CONFIG_DIR": "/tmp/claude-config",
        "HOME": "/tmp",
    }

    def route_env(self, base: str) -> dict[str, str]:
        return {"ANTHROPIC_BASE_URL": base, "ANTHROPIC_API_KEY": PLACEHOLDER_KEY}

    def argv(self, task: TaskSpec) -> list[str]:
        argv = [*self.command(), "-p", self.budget_note(task), "--output-format", "stream-json", "--verbose",
                "--permission-mode", "bypassPermissions", "--max-turns", str(self.max_turns)]
        if self.model:
            argv += ["--model", self.model]
        if "max_budget_usd" in self.settings:
            argv += ["--max-budget-usd", str(self.settings["max_budget_usd"])]
        if "allowed_tools" in self.settings:
            argv += ["--allowedTools", ",".join(self.settings["allowed_tools"])]
        return argv

    def report(self, res: ExecResult) -> AgentResult:
        run = parse_stream(res.stdout)
        outcome, reason = classify(run, res)
        r = run.result or {}
        usage = r.get("usage") or {}
        duration = r.get("duration_ms")
        return AgentResult(
            outcome=outcome, error=reason,
            final_message=r.get("result") if isinstance(r.get("result"), str) else None,
            model=run.model, tokens_in=usage.get("input_tokens"), tokens_out=usage.get("output_tokens"),
            tokens_cache_read=usage.get("cache_read_input_tokens"),
            tokens_cache_write=usage.get("cache_creation_input_tokens"),
            cost_usd=r.get("total_cost_usd"), turns=r.get("num_turns"),
            tool_calls_by_tool=dict(run.tool_calls) if run.events else None,
            duration_s=duration / 1000 if isinstance(duration, int | float) else None,
        )
