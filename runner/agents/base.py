"""The agent interface: an agent works on a task inside a sandbox and reports what it did.

Adapters for real CLIs run inside the sandbox and declare whether their phase needs network
(grading never has it). How the attempt *ends* is reported honestly: `infra_error` is reserved for
failures on our side or the provider's (no key, no network, outage), which statistics exclude.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal, get_args, get_origin, get_type_hints

from core.schema import Usage
from runner.sandbox import Sandbox
from runner.tasks import TaskSpec

# How the agent's own run ended (the attempt's status is decided later, by grading: runner/attempt.py).
AgentOutcome = Literal["ok", "timeout", "error", "infra_error"]

# HTTP statuses that mean the provider failed, not the agent: any 5xx, and these. Never counted
# against the agent (runner/agents/api.py, the CLI adapters, runner/gateway.py); the transient ones
# are retried by the API agent.
INFRA_STATUS = frozenset({401, 403, 408, 409, 429, *range(500, 600)})
TRANSIENT_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


@dataclass
class AgentResult(Usage):
    """What an agent reports, plus the usage fields of `Usage` (keyword-only, core/schema.py)."""

    outcome: AgentOutcome = "ok"
    error: str | None = None
    log: str = ""
    final_message: str | None = None
    exit_code: int | None = None
    duration_s: float | None = None
    version: str | None = None
    model: str | None = None
    transcript: str | None = None  # the raw agent output, kept compressed for drill-down

    def validated(self) -> AgentResult:
        """The same result with every field of its declared type and within its length, whatever an
        adapter (or the agent output it parsed) put there: a wrong value becomes empty and is named in
        the log, never a crash or a string in a numeric column."""
        bad: list[str] = []
        values = {}
        for f in fields(self):
            value = getattr(self, f.name)
            kind = FIELD_KINDS[f.name]
            ok, clean = _coerce(value, kind)
            if not ok:
                bad.append(f"{f.name}={str(value)[:40]!r}")
            cap = TEXT_CAPS.get(f.name)
            if isinstance(clean, str) and cap and len(clean) > cap:  # logs keep their end, where failures show
                clean = clean[-cap:] if f.name in ("log", "transcript") else clean[:cap]
            values[f.name] = clean
        if values["outcome"] not in get_args(AgentOutcome):
            bad.append(f"outcome={self.outcome!r}")
            values["outcome"] = "error"
        out = AgentResult(**values)
        if bad:
            out.log = (out.log + f"\n[codedrift] adapter reported invalid fields, dropped: {', '.join(bad)}").lstrip()
        return out


TEXT_CAPS = {"error": 2_000, "log": 200_000, "final_message": 100_000, "version": 100, "model": 200,
             "transcript": 4_000_000, "outcome": 20}


def _usage_kind(hint) -> str:
    """A usage field's kind follows from its type: an int is a count, a float an amount, a dict counts by name."""
    kind = next(get_origin(t) or t for t in get_args(hint) if t is not type(None))
    return {int: "count", float: "amount", dict: "counts"}[kind]


FIELD_KINDS = {
    **dict.fromkeys(TEXT_CAPS, "text"),
    **dict.fromkeys(("exit_code",), "int"),
    **dict.fromkeys(("duration_s",), "amount"),
    **{name: _usage_kind(hint) for name, hint in get_type_hints(Usage).items()},
}


def _coerce(value, kind: str):
    """(valid, clean value) for one field; None is always valid."""
    if value is None:
        return True, None
    if kind == "text":
        return (True, value) if isinstance(value, str) else (False, None)
    if isinstance(value, bool):
        return False, None
    if kind in ("int", "count"):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        ok = isinstance(value, int) and (kind == "int" or 0 <= value < 2**53)
        return (True, value) if ok else (False, None)
    if kind == "amount":
        ok = isinstance(value, int | float) and math.isfinite(value) and value >= 0
        return (True, float(value)) if ok else (False, None)
    if kind == "counts":
        ok = isinstance(value, dict) and all(isinstance(k, str) and _coerce(v, "count") == (True, v) and v is not None
                                             for k, v in value.items())
        return (True, {k[:100]: v for k, v in value.items()}) if ok else (False, None)
    raise AssertionError(kind)


@dataclass
class Agent(ABC):
    name: str
    model: str | None = None
    settings: dict = field(default_factory=dict)

    adapter: ClassVar[str]
    settings_types: ClassVar[dict[str, str]] = {}  # setting -> type name (runner/agents/config.py)

    @classmethod
    def settings_spec(cls) -> dict[str, str]:
        """Every setting this adapter reads, with its type: its own and its base classes'."""
        spec: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            spec.update(vars(klass).get("settings_types", {}))
        return spec

    def mounts(self) -> dict[str, str]:
        """Host directories (an installed CLI) to mount read-only into the agent's sandbox, never the grader's."""
        return {}

    def gateway(self):
        """A new, unstarted egress Gateway (runner/gateway.py) for one attempt, or None: offline."""
        return None

    def version(self) -> str | None:
        """The agent's own version string (CLI version), recorded on the run."""
        return None

    def problems(self) -> list[str]:
        """What this host lacks to run the agent (a key, an installed CLI), each with its fix (`codedrift doctor`)."""
        return []

    @abstractmethod
    def solve(self, task: TaskSpec, sandbox: Sandbox) -> AgentResult: ...
