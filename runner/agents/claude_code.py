"""Claude Code in headless mode (`claude -p ... --output-format stream-json --verbose`).

The CLI runs inside the task's sandbox. Its stream of JSON events is parsed into the attempt's
record (tokens, cost, turns, tool calls by tool, final message, transcript), and its ending is
classified honestly: an API, authentication or network failure is *our* infrastructure's problem
(`infra_error`, excluded from statistics), never a failed task. API errors can arrive with exit
code 0 and `subtype: "success"` but `is_error: true`, so classification reads the result event,
not the exit code.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from runner.agents import install
from runner.agents.base import Agent, AgentResult
from runner.sandbox import ExecResult, Sandbox
from runner.tasks import TaskSpec

# Only these host variables may enter the sandbox; everything else of the host stays out.
ENV_PASSTHROUGH = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL",
                   "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY")
FIXED_ENV = {
    "IS_SANDBOX": "1",  # lets bypassPermissions run as a sandboxed user
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_AUTOUPDATER": "1",
    "CLAUDE_CONFIG_DIR": "/tmp/claude-config",
    "HOME": "/tmp",
}
INFRA_STATUS = {401, 403, 408, 409, 429, 500, 502, 503, 504, 529}
INFRA_TEXT = re.compile(
    r"api error|invalid api key|authenticat|unauthori[sz]ed|/login|credit balance|rate.?limit|overloaded"
    r"|connection error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed"
    r"|socket hang up|network is unreachable|unable to connect",
    re.IGNORECASE,
)
LIMIT_SUBTYPES = {"error_max_turns", "error_max_budget_usd"}


@dataclass
class StreamRun:
    result: dict | None = None
    model: str | None = None
    session_id: str | None = None
    tool_calls: Counter = field(default_factory=Counter)
    events: int = 0
    unparsed_lines: int = 0


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
        if kind == "system" and event.get("subtype") == "init":
            run.model, run.session_id = event.get("model"), event.get("session_id")
        elif kind == "assistant":
            for block in (event.get("message") or {}).get("content") or []:
                if isinstance(block, dict) and block.get("type") == "tool_use":
                    run.tool_calls[block.get("name", "?")] += 1
        elif kind == "result":
            run.result = event
    return run


def classify(run: StreamRun, res: ExecResult) -> tuple[str, str | None]:
    """(outcome, reason) from the result event first, the exit code and raw text last."""
    if res.timed_out:
        return "timeout", "agent exceeded its time limit"
    r = run.result
    if r is None:
        raw = (res.stderr + "\n" + res.stdout)[-2000:]
        if res.exit_code == 127 or ("not found" in res.stderr and "claude" in res.stderr):
            return "infra_error", f"the Claude Code CLI is not installed in the sandbox: {res.stderr.strip()[-300:]}"
        if INFRA_TEXT.search(raw):
            why = _last_line(res.stderr) or _last_line(res.stdout)
            return "infra_error", f"CLI failed before any result (exit {res.exit_code}): {why}"
        return "error", f"no result event in the CLI's output (exit {res.exit_code}, " \
                        f"{run.unparsed_lines} unparseable lines); raw output kept"
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
    parts = [str(r.get("result") or ""), " ".join(map(str, r.get("errors") or [])), str(r.get("terminal_reason") or "")]
    return " ".join(p for p in parts if p).strip()


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


@dataclass
class ClaudeCodeAgent(Agent):
    """Settings: `cli_dir` (a package installed by `codedrift agents install claude-code`, mounted
    read-only at /opt), or `command` (argv prefix, default ["claude"] from the image), `max_turns`
    (30), `max_budget_usd`, `allowed_tools`, `extra_args`, `install` ({sandbox path: host file}
    copied in before the run), `network` (default true: the agent phase needs the API; grading
    never has network)."""

    adapter = "claude-code"

    @property
    def needs_network(self) -> bool:  # type: ignore[override]
        return bool(self.settings.get("network", True))

    def mounts(self) -> dict[str, str]:
        return {self.settings["cli_dir"]: install.MOUNT_POINT} if self.settings.get("cli_dir") else {}

    def _command(self) -> list[str]:
        default = [install.executable(self.adapter)] if self.settings.get("cli_dir") else ["claude"]
        cmd = self.settings.get("command", default)
        return cmd.split() if isinstance(cmd, str) else list(cmd)

    def _install(self, sandbox: Sandbox) -> None:
        for dest, src in (self.settings.get("install") or {}).items():
            sandbox.write_files({os.path.basename(dest): Path(src).read_bytes()}, dest=os.path.dirname(dest))

    def _env(self) -> dict[str, str]:
        return {**FIXED_ENV, **{k: os.environ[k] for k in ENV_PASSTHROUGH if k in os.environ}}

    def argv(self, task: TaskSpec) -> list[str]:
        max_turns = int(self.settings.get("max_turns", 30))
        # The budget is told to the agent, not only enforced from outside.
        prompt = (f"{task.prompt.rstrip()}\n\nWork in the current directory. You have "
                  f"{task.time_limit_s // 60} minutes and at most {max_turns} turns.")
        argv = [*self._command(), "-p", prompt, "--output-format", "stream-json", "--verbose",
                "--permission-mode", "bypassPermissions", "--max-turns", str(max_turns)]
        if self.model:
            argv += ["--model", self.model]
        if "max_budget_usd" in self.settings:
            argv += ["--max-budget-usd", str(self.settings["max_budget_usd"])]
        if "allowed_tools" in self.settings:
            argv += ["--allowedTools", ",".join(self.settings["allowed_tools"])]
        return [*argv, *self.settings.get("extra_args", [])]

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        self._install(sandbox)
        env = self._env()
        probe = sandbox.exec([*self._command(), "--version"], timeout=60, env=env)
        version = probe.stdout.strip().splitlines()[0][:100] if probe.exit_code == 0 and probe.stdout.strip() else None
        res = sandbox.exec(self.argv(task), timeout=task.time_limit_s, env=env)
        run = parse_stream(res.stdout)
        outcome, reason = classify(run, res)
        r = run.result or {}
        usage = r.get("usage") or {}
        return AgentResult(
            outcome=outcome,
            error=reason,
            log=res.stderr,
            final_message=r.get("result") if isinstance(r.get("result"), str) else None,
            exit_code=res.exit_code,
            duration_s=r["duration_ms"] / 1000 if isinstance(r.get("duration_ms"), int | float) else res.duration_s,
            version=version,
            model=run.model or self.model,
            tokens_in=usage.get("input_tokens"),
            tokens_out=usage.get("output_tokens"),
            tokens_cache_read=usage.get("cache_read_input_tokens"),
            tokens_cache_write=usage.get("cache_creation_input_tokens"),
            cost_usd=r.get("total_cost_usd"),
            turns=r.get("num_turns"),
            tool_calls=sum(run.tool_calls.values()) if run.events else None,
            tool_calls_by_tool=dict(run.tool_calls) if run.events else None,
            transcript=res.stdout,
        )
