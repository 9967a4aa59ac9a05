"""Agent adapters by name. Real CLI and API adapters register here as they are added."""

from __future__ import annotations

from runner.agents.aider import AiderAgent
from runner.agents.api import AnthropicApiAgent, ApiAgent
from runner.agents.base import Agent, AgentResult
from runner.agents.builtin import CommandAgent, NullAgent, OracleAgent, SimulatedAgent
from runner.agents.claude_code import ClaudeCodeAgent
from runner.agents.codex import CodexAgent
from runner.agents.config import AgentConfigError, check_settings
from runner.agents.gemini import GeminiAgent

ADAPTERS: dict[str, type[Agent]] = {
    cls.adapter: cls
    for cls in (OracleAgent, NullAgent, SimulatedAgent, CommandAgent, ClaudeCodeAgent, CodexAgent, GeminiAgent,
                AiderAgent, ApiAgent, AnthropicApiAgent)
}
BUILTIN_AGENTS = {"oracle": "oracle", "null": "null"}  # agent name -> adapter, usable without `agents add`

__all__ = ["ADAPTERS", "BUILTIN_AGENTS", "Agent", "AgentConfigError", "AgentResult", "make"]


def make(name: str, adapter: str, model: str | None = None, settings: dict | None = None) -> Agent:
    if adapter not in ADAPTERS:
        raise AgentConfigError(f"unknown agent adapter {adapter!r}; known: {', '.join(sorted(ADAPTERS))}")
    cls = ADAPTERS[adapter]
    return cls(name=name, model=model, settings=check_settings(name, cls, dict(settings or {})))
