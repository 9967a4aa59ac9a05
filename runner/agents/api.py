"""Plain model APIs as agents: a small built-in agent loop with file and shell tools.

The loop runs in the runner; only the tools run in the task's sandbox, which therefore keeps its
network off: the harness is the only path to the model, and every call is seen, counted and limited.
Two wire formats: any OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp, Ollama, ...) and
the Anthropic Messages API.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import ClassVar

from runner.agents.base import INFRA_STATUS, TRANSIENT_STATUS, Agent, AgentResult
from runner.backoff import backoff_wait
from runner.sandbox import Sandbox
from runner.sandbox.base import WORKSPACE
from runner.tasks import TaskSpec

SYSTEM = ("You are a coding agent working in a sandbox. The task's files are in the current directory "
          f"({WORKSPACE}). Use the tools to inspect and change files and to run commands; there is no "
          "network. When you are finished, reply with a short summary and no tool call.")
TOOLS = [
    ("read_file", "Read a text file.", {"path": {"type": "string"}}, ["path"]),
    ("write_file", "Create or overwrite a text file.", {"path": {"type": "string"}, "content": {"type": "string"}},
     ["path", "content"]),
    ("run", "Run a shell command in the working directory; returns exit code and output.",
     {"command": {"type": "string"}}, ["command"]),
]
TOOL_OUTPUT_CAP = 20_000


class ProviderError(Exception):
    def __init__(self, message: str, infra: bool):
        super().__init__(message)
        self.infra = infra


@dataclass
class Reply:
    history: list[dict]  # messages to append to the conversation
    tool_calls: list[tuple[str, str, dict]]  # (id, name, arguments)
    text: str
    tokens_in: int = 0
    tokens_out: int = 0
    cache_read: int = 0


class OpenAICodec:
    path = "/chat/completions"

    def __init__(self, key: str | None):
        self.key = key

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def body(self, model: str, messages: list[dict], max_tokens: int) -> dict:
        tools = [{"type": "function", "function": {"name": n, "description": d, "parameters": {
            "type": "object", "properties": p, "required": r}}} for n, d, p, r in TOOLS]
        return {"model": model, "messages": [{"role": "system", "content": SYSTEM}, *messages],
                "tools": tools, "max_tokens": max_tokens}

    def first(self, prompt: str) -> list[dict]:
        return [{"role": "user", "content": prompt}]

    def parse(self, data: dict) -> Reply:
        msg = data["choices"][0]["message"]
        calls = []
        for c in msg.get("tool_calls") or []:
            args = c["function"].get("arguments") or "{}"
            calls.append((c["id"], c["function"]["name"], json.loads(args) if isinstance(args, str) else args))
        usage = data.get("usage") or {}
        details = usage.get("prompt_tokens_details") or {}
        history = {"role": "assistant", "content": msg.get("content")}
        if msg.get("tool_calls"):
            history["tool_calls"] = msg["tool_calls"]
        return Reply([history], calls, msg.get("content") or "", usage.get("prompt_tokens", 0),
                     usage.get("completion_tokens", 0), details.get("cached_tokens", 0))

    def results(self, results: list[tuple[str, str]]) -> list[dict]:
        return [{"role": "tool", "tool_call_id": i, "content": out} for i, out in results]


class AnthropicCodec(OpenAICodec):
    path = "/v1/messages"

    def headers(self) -> dict[str, str]:
        return {"x-api-key": self.key or "", "anthropic-version": "2023-06-01"}

    def body(self, model: str, messages: list[dict], max_tokens: int) -> dict:
        tools = [{"name": n, "description": d, "input_schema": {"type": "object", "properties": p, "required": r}}
                 for n, d, p, r in TOOLS]
        return {"model": model, "system": SYSTEM, "messages": messages, "tools": tools, "max_tokens": max_tokens}

    def parse(self, data: dict) -> Reply:
        content = data["content"]
        calls = [(b["id"], b["name"], b.get("input") or {}) for b in content if b.get("type") == "tool_use"]
        text = "".join(b.get("text", "") for b in content if b.get("type") == "text")
        usage = data.get("usage") or {}
        return Reply([{"role": "assistant", "content": content}], calls, text, usage.get("input_tokens", 0),
                     usage.get("output_tokens", 0), usage.get("cache_read_input_tokens") or 0)

    def results(self, results: list[tuple[str, str]]) -> list[dict]:
        return [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": i, "content": out}
                                             for i, out in results]}]


@dataclass
class ApiAgent(Agent):
    """Settings: `base_url`, `api_key_env` (the variable holding the key; never stored), `max_turns`
    (30), `max_tokens` (4096 per reply), `http_retries` (3), `price_in_per_mtok`/`price_out_per_mtok`
    (USD, to report cost; without them cost stays empty)."""

    adapter = "openai-compatible"
    settings_types: ClassVar[dict[str, str]] = {
        "base_url": "str", "api_key_env": "str", "max_turns": "int", "max_tokens": "int", "http_retries": "int",
        "http_backoff_s": "float", "price_in_per_mtok": "float", "price_out_per_mtok": "float"}
    codec_cls: type = field(default=OpenAICodec, repr=False)
    default_base = "https://api.openai.com/v1"
    default_key_env = "OPENAI_API_KEY"

    @property
    def key_env(self) -> str:
        return self.settings.get("api_key_env", self.default_key_env)

    def problems(self) -> list[str]:
        if os.environ.get(self.key_env):
            return []
        return [f"{self.key_env} is not set: export it in the runner's environment"]

    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult:
        key = os.environ.get(self.key_env)
        codec = self.codec_cls(key)
        max_turns = int(self.settings.get("max_turns", 30))
        deadline = time.monotonic() + task.time_limit_s
        prompt = f"{task.prompt.rstrip()}\n\nYou have {task.time_limit_s // 60} minutes and {max_turns} turns."
        messages, transcript = codec.first(prompt), []
        res = AgentResult(model=self.model, tokens_in=0, tokens_out=0, tokens_cache_read=0, turns=0,
                          tool_calls=0, tool_calls_by_tool={})
        try:
            while True:
                if time.monotonic() > deadline:
                    return self._done(res, transcript, "timeout", "agent exceeded its time limit")
                if res.turns >= max_turns:
                    return self._done(res, transcript, "ok", f"agent stopped at its limit ({max_turns} turns)")
                data = self._call(codec, messages, deadline)
                transcript.append(data)
                try:
                    reply = codec.parse(data)
                except (KeyError, IndexError, TypeError, ValueError) as e:
                    return self._done(res, transcript, "error", f"unusable model reply ({e!r})")
                res.turns += 1
                res.tokens_in += reply.tokens_in
                res.tokens_out += reply.tokens_out
                res.tokens_cache_read += reply.cache_read
                messages += reply.history
                if not reply.tool_calls:
                    res.final_message = reply.text
                    return self._done(res, transcript, "ok", None)
                outputs = []
                for call_id, name, args in reply.tool_calls:
                    res.tool_calls += 1
                    res.tool_calls_by_tool[name] = res.tool_calls_by_tool.get(name, 0) + 1
                    outputs.append((call_id, self._tool(sandbox, name, args, deadline)))
                messages += codec.results(outputs)
        except ProviderError as e:
            return self._done(res, transcript, "infra_error" if e.infra else "error", str(e))

    def _call(self, codec, messages: list[dict], deadline: float) -> dict:
        base = self.settings.get("base_url", self.default_base).rstrip("/")
        body = json.dumps(codec.body(self.model, messages, int(self.settings.get("max_tokens", 4096)))).encode()
        retries = int(self.settings.get("http_retries", 3))
        for attempt in range(retries + 1):
            req = urllib.request.Request(base + codec.path, data=body, method="POST",
                                         headers={"Content-Type": "application/json", **codec.headers()})
            try:
                with urllib.request.urlopen(req, timeout=max(5.0, min(300.0, deadline - time.monotonic()))) as r:
                    raw = r.read()
                try:
                    return json.loads(raw)
                except ValueError:
                    raise ProviderError(f"the API answered with non-JSON: {raw[:300]!r}", infra=False) from None
            except urllib.error.HTTPError as e:
                detail = e.read()[:300].decode(errors="replace")
                if e.code not in TRANSIENT_STATUS or attempt == retries:
                    raise ProviderError(f"API error {e.code}: {detail}", infra=e.code in INFRA_STATUS) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
                if attempt == retries:
                    raise ProviderError(f"cannot reach the API at {base}: {e}", infra=True) from None
            time.sleep(backoff_wait(float(self.settings.get("http_backoff_s", 2.0)), attempt))
        raise AssertionError("unreachable")

    def _tool(self, sandbox: Sandbox, name: str, args: dict, deadline: float) -> str:
        try:
            if name == "read_file":
                return sandbox.read_file(_in_workspace(args["path"])).decode(errors="replace")[:TOOL_OUTPUT_CAP]
            if name == "write_file":
                path = _in_workspace(args["path"])
                sandbox.write_files({os.path.basename(path): args["content"]}, dest=os.path.dirname(path))
                return f"wrote {len(args['content'])} characters to {args['path']}"
            if name == "run":
                left = max(1.0, min(120.0, deadline - time.monotonic()))
                r = sandbox.exec(["sh", "-c", args["command"]], timeout=left)
                out = (r.stdout + r.stderr)[-TOOL_OUTPUT_CAP:]
                return f"exit code {r.exit_code}{' (timed out)' if r.timed_out else ''}\n{out}"
            return f"unknown tool {name!r}"
        except (KeyError, TypeError) as e:
            return f"bad arguments for {name}: {e!r}"
        except (FileNotFoundError, IsADirectoryError, PermissionError) as e:
            return f"error: {e}"

    def _done(self, res: AgentResult, transcript: list, outcome: str, error: str | None) -> AgentResult:
        res.outcome, res.error = outcome, error
        res.transcript = "\n".join(json.dumps(t) for t in transcript)
        p_in, p_out = self.settings.get("price_in_per_mtok"), self.settings.get("price_out_per_mtok")
        if p_in is not None and p_out is not None:
            res.cost_usd = (res.tokens_in * float(p_in) + res.tokens_out * float(p_out)) / 1e6
        return res


@dataclass
class AnthropicApiAgent(ApiAgent):
    adapter = "anthropic-api"
    codec_cls: type = field(default=AnthropicCodec, repr=False)
    default_base = "https://api.anthropic.com"
    default_key_env = "ANTHROPIC_API_KEY"


def _in_workspace(path: str) -> str:
    full = os.path.normpath(os.path.join(WORKSPACE, path))
    if not (full == WORKSPACE or full.startswith(WORKSPACE + "/")):
        raise PermissionError(f"{path} is outside the workspace")
    return full
