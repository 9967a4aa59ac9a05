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
from runner.sandbox.base import GATEWAY_PORT
from runner.tasks import TaskSpec

INFRA_TEXT = re.compile(
    r"api error|invalid api key|api key not valid|authenticat|unauthori[sz]ed|/login|credit balance|quota"
    r"|rate.?limit|overloaded|connection error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT"
    r"|getaddrinfo|fetch failed|socket hang up|network is unreachable|unable to connect|stream disconnected",
    re.IGNORECASE,
)


PLACEHOLDER_KEY = "codedrift-placeholder"


def last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def no_report(res: ExecResult, what: str, model_answered: bool = False) -> AgentResult:
    """The CLI printed nothing usable. Our side (missing CLI, no key, provider down) only if the model
    never answered and the CLI's own stderr says so; once the model has answered, anything printed may
    be tool output the agent chose, so the failure is the agent's."""
    if res.timed_out:
        return AgentResult("timeout", "agent exceeded its time limit")
    if res.exit_code == 127:
        return AgentResult("infra_error", f"the CLI is not installed in the sandbox: {last_line(res.stderr)}")
    if not model_answered and res.exit_code != 0 and INFRA_TEXT.search(res.stderr[-4000:]):
        why = last_line(res.stderr)
        return AgentResult("infra_error", f"CLI failed before any result (exit {res.exit_code}): {why}")
    return AgentResult("error", f"no {what} in the CLI's output (exit {res.exit_code}); raw output kept")


@dataclass
class CliAgent(Agent):
    """Settings shared by CLI adapters: `cli_dir` (installed by `codedrift agents install`, mounted
    read-only at /opt) or `command` (argv prefix), `max_turns`, `extra_args`, `install` ({sandbox
    path: host file} copied in first), `network` (true/"gateway", the default: the provider is reached
    only through the harness's gateway; false/"none": offline), `upstream` (the provider's origin),
    `allow_hosts` (CONNECT targets for CLIs that take no base URL), caps `max_requests`, `max_tokens`,
    `max_cost_usd` and prices `price_in_per_mtok`/`price_out_per_mtok` for the gateway's cost count."""

    settings_types: ClassVar[dict[str, str]] = {
        "cli_dir": "str", "command": "argv", "max_turns": "int", "extra_args": "list[str]", "install": "dict[str,str]",
        "network": "network", "upstream": "str", "allow_hosts": "list[str]", "max_requests": "int",
        "max_tokens": "int", "max_cost_usd": "float", "price_in_per_mtok": "float", "price_out_per_mtok": "float"}
    fixed_env: ClassVar[dict[str, str]] = {"HOME": "/tmp"}
    default_command: ClassVar[tuple[str, ...]] = ()
    # How the gateway reaches the provider: a base-URL route with the key injected by the harness, and
    # the hosts a CLI that takes no base URL may CONNECT to.
    route_kind: ClassVar[str] = "openai"
    default_upstream: ClassVar[str] = "https://api.openai.com"
    key_env: ClassVar[str | None] = "OPENAI_API_KEY"
    default_allow_hosts: ClassVar[tuple[str, ...]] = ()

    def gateway(self):
        from runner.gateway import Caps, Gateway, Route

        if self.offline:
            return None
        route = Route(kind=self.route_kind, upstream=self.settings.get("upstream", self.default_upstream),
                      key_env=self.key_env,
                      allow_hosts=tuple(self.settings.get("allow_hosts", self.default_allow_hosts)),
                      price_in_per_mtok=self.settings.get("price_in_per_mtok"),
                      price_out_per_mtok=self.settings.get("price_out_per_mtok"))
        return Gateway(route, caps=Caps(max_requests=self.settings.get("max_requests"),
                                        max_tokens=self.settings.get("max_tokens"),
                                        max_cost_usd=self.settings.get("max_cost_usd")))

    def mounts(self) -> dict[str, str]:
        return {self.settings["cli_dir"]: install.MOUNT_POINT} if self.settings.get("cli_dir") else {}

    @property
    def offline(self) -> bool:
        return self.settings.get("network", True) in (False, "none")

    def problems(self) -> list[str]:
        found = []
        if not self.offline and self.key_env and not os.environ.get(self.key_env):
            found.append(f"{self.key_env} is not set: export it in the runner's environment (never in a setting)")
        cli_dir = self.settings.get("cli_dir")
        if cli_dir and self.adapter in install.NPM_CLIS:
            binary = Path(cli_dir) / install.NPM_CLIS[self.adapter][1]
            if not binary.exists():
                found.append(f"no {self.adapter} CLI at {binary}: run `codedrift agents install {self.adapter}`")
        elif cli_dir and not Path(cli_dir).is_dir():
            found.append(f"cli_dir {cli_dir} does not exist")
        elif not cli_dir and "command" not in self.settings and self.adapter in install.NPM_CLIS:
            found.append(f"no CLI installed: run `codedrift agents install {self.adapter}` and set cli_dir "
                         "to the path it prints")
        return found

    def command(self) -> list[str]:
        if "command" in self.settings:
            cmd = self.settings["command"]
            return cmd.split() if isinstance(cmd, str) else list(cmd)
        if self.settings.get("cli_dir") and self.adapter in install.NPM_CLIS:
            return [install.executable(self.adapter)]
        return list(self.default_command)

    def env(self, sandbox: Sandbox) -> dict[str, str]:
        # No variable of the host crosses into the sandbox, keys least of all: with a gateway the CLI gets
        # its base URL and a placeholder key, and CONNECT goes through the same forwarder.
        if sandbox.gateway_dir is None:
            return dict(self.fixed_env)
        proxy = f"http://127.0.0.1:{GATEWAY_PORT}"
        gateway_env = {"HTTPS_PROXY": proxy, "https_proxy": proxy, "NO_PROXY": "127.0.0.1,localhost"}
        return {**self.fixed_env, **gateway_env, **self.route_env(f"http://127.0.0.1:{GATEWAY_PORT}")}

    def route_env(self, base: str) -> dict[str, str]:
        """The variables that point this CLI at the gateway's base URL (a placeholder key: the CLI
        insists on one, the gateway drops it)."""
        return {"OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": PLACEHOLDER_KEY}

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
        env = self.env(sandbox)
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
