"""Codex, Gemini and aider adapters against fakes that print each CLI's documented output."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt
from runner.agents import ADAPTERS
from runner.run import run
from runner.sandbox import ExecResult
from tests.conftest import write_task

FAKE = Path(__file__).parent / "fakes" / "fake_cli.py"
CLIS = {"codex": "codex", "gemini-cli": "gemini", "aider": "aider"}


def report(adapter: str, scenario: str, tmp_path):
    p = subprocess.run([sys.executable, FAKE, "--fake-cli", CLIS[adapter], "--fake-scenario", scenario],
                       cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False)
    agent = ADAPTERS[adapter](name="x", model="m")
    return agent.report(ExecResult(p.returncode, p.stdout, p.stderr, 1.0))


def test_codex_fields(tmp_path):
    r = report("codex", "solve", tmp_path)
    assert (r.outcome, r.final_message, r.turns) == ("ok", "Implemented f.", 1)
    assert (r.tokens_in, r.tokens_out, r.tokens_cache_read, r.cost_usd) == (24763, 122, 24448, None)
    assert r.tool_calls_by_tool == {"command_execution": 1, "file_change": 1}


def test_gemini_fields(tmp_path):
    r = report("gemini-cli", "solve", tmp_path)
    assert (r.outcome, r.final_message, r.model, r.turns) == ("ok", "Implemented f.", "gemini-2.5-pro", 3)
    assert (r.tokens_in, r.tokens_out, r.tokens_cache_read, r.cost_usd) == (24939, 20, 21263, None)
    assert r.tool_calls_by_tool == {"read_file": 1, "write_file": 1}


def test_aider_fields(tmp_path):
    r = report("aider", "solve", tmp_path)
    assert (r.outcome, r.tokens_in, r.tokens_out, r.tokens_cache_read) == ("ok", 5500, 252, 1500)
    assert r.cost_usd == 0.02 and r.turns is None and r.tool_calls_by_tool is None


@pytest.mark.parametrize("adapter", list(CLIS))
def test_api_failures_are_infra_errors(tmp_path, adapter):
    r = report(adapter, "api-error", tmp_path)
    assert r.outcome == "infra_error", r.error
    assert any(w in r.error.lower() for w in ("api key", "unauthorized", "authentication"))


@pytest.mark.parametrize("adapter", list(CLIS))
def test_unparseable_output_is_an_error_with_the_raw_text_kept(tmp_path, adapter):
    r = report(adapter, "garbage", tmp_path)
    assert r.outcome == "error" and "raw output kept" in r.error


def test_gemini_tool_crash_is_the_agents_error(tmp_path):
    r = report("gemini-cli", "crash", tmp_path)
    assert r.outcome == "error" and "tool crashed" in r.error


@pytest.mark.slow
@pytest.mark.parametrize("adapter", list(CLIS))
def test_each_cli_solves_in_the_sandbox(cfg, backend_name, tmp_path, adapter):
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n", expected_tests=1,
               tests="import m\n\ndef test_f():\n    assert m.f() == 42\n")
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    settings = {"command": ["python3", "/tmp/codedrift-agent/cli", "--fake-cli", CLIS[adapter]], "network": False,
                "install": {"/tmp/codedrift-agent/cli": str(FAKE)}}
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="a", adapter=adapter, model="m", settings=settings))
        s.commit()
    run(cfg, suite_name="s", agent_name="a")
    with db.session(cfg.db_url) as s:
        a = s.exec(select(Attempt)).one()
    assert a.status == "passed", a.error
    assert a.agent_version and a.tokens_in and a.transcript_gz


def test_aider_rate_limit_lines_after_an_answer_are_not_infra():
    from runner.agents.aider import AiderAgent
    from runner.sandbox import ExecResult

    out = ("litellm.RateLimitError: AnthropicException - rate limit, retrying in 0.5 seconds\n"
           "Tokens: 3.4k sent, 98 received. Cost: $0.01 message, $0.02 session.\n"
           "$ python3 run.py\nlitellm.RateLimitError: printed by a command the agent ran\n")
    r = AiderAgent(name="a").report(ExecResult(0, out, "", 1.0))
    assert r.outcome == "ok" and r.tokens_in == 3400
    outage = AiderAgent(name="a").report(ExecResult(1, "", "litellm.RateLimitError: rate limit\n", 1.0))
    assert outage.outcome == "infra_error"


def test_wrongly_typed_adapter_fields_are_dropped_and_named():
    from runner.agents.base import AgentResult

    r = AgentResult(final_message={"text": "x"}, tokens_in="1200", tokens_out=-5, cost_usd=float("nan"),
                    turns=True, model=["m"], tool_calls_by_tool={"Bash": "3"}, duration_s="9").validated()
    assert (r.final_message, r.tokens_in, r.tokens_out, r.cost_usd, r.turns, r.model, r.tool_calls_by_tool,
            r.duration_s) == (None,) * 8
    for name in ("final_message", "tokens_in", "tokens_out", "cost_usd", "turns", "model", "tool_calls_by_tool"):
        assert name in r.log
    ok = AgentResult(tokens_in=12.0, cost_usd=1, turns=3, final_message="done").validated()
    assert (ok.tokens_in, ok.cost_usd, ok.turns, ok.final_message, ok.log) == (12, 1.0, 3, "done", "")


@pytest.mark.slow
def test_a_crashing_adapter_with_bad_fields_is_still_recorded(cfg, tmp_path, monkeypatch):
    """An adapter that returns garbage types: the attempt is recorded, graded, and the run goes on."""
    from dataclasses import replace

    from sqlmodel import select

    from core import db
    from core.schema import Agent, Attempt
    from runner import agents
    from runner.agents.base import AgentResult
    from runner.agents.builtin import OracleAgent
    from runner.run import run
    from tests.conftest import _unavailable, write_task

    if _unavailable("docker"):
        pytest.skip("docker unavailable")

    class Sloppy(OracleAgent):
        adapter = "sloppy"

        def solve(self, task, sandbox):
            super().solve(task, sandbox)
            return AgentResult(final_message=42, tokens_in="many", cost_usd="$1", tool_calls_by_tool=[1])

    monkeypatch.setitem(agents.ADAPTERS, "sloppy", Sloppy)
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n",
               tests="import m\n\ndef test_f():\n    assert m.f() == 42\n", expected_tests=1)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox="docker")
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="sloppy", adapter="sloppy"))
        s.commit()
    run(cfg, suite_name="s", agent_name="sloppy")
    with db.session(cfg.db_url) as s:
        a = s.exec(select(Attempt)).one()
    assert a.status == "passed" and a.tokens_in is None and a.cost_usd is None and a.final_message is None
    assert "adapter reported invalid fields" in a.agent_log
