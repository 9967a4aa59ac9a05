"""Codex, Gemini and aider adapters against fakes that print each CLI's documented output."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import select

from codedrift import db
from codedrift.schema import Agent, Attempt
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
