"""Agent adapters by name. Real CLI and API adapters register here as they are added."""

from __future__ import annotations

from runner.agents.aider import AiderAgent
from runner.agents.api import AnthropicApiAgent, ApiAgent
from runner.agents.base import Agent, AgentResult
from runner.agents.builtin import CommandAgent, NullAgent, OracleAgent, SimulatedAgent
from runner.agents.claude_code import ClaudeCodeAgent
from runner.agents.codex import CodexAgent
from runner.agents.gemini import GeminiAgent

ADAPTERS: dict[str, type[Agent]] = {
    cls.adapter: cls
    for cls in (OracleAgent, NullAgent, SimulatedAgent, CommandAgent, ClaudeCodeAgent, CodexAgent, GeminiAgent,
                AiderAgent, ApiAgent, AnthropicApiAgent)
}
BUILTIN_AGENTS = {"oracle": "oracle", "null": "null"}  # agent name -> adapter, usable without `agents add`

__all__ = ["ADAPTERS", "BUILTIN_AGENTS", "Agent", "AgentResult", "make"]


def make(name: str, adapter: str, model: str | None = None, settings: dict | None = None) -> Agent:
    if adapter not in ADAPTERS:
        raise ValueError(f"unknown agent adapter {adapter!r}; known: {', '.join(sorted(ADAPTERS))}")
    return ADAPTERS[adapter](name=name, model=model, settings=dict(settings or {}))
