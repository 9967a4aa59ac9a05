"""API adapters end to end: a local fake model server, the built-in agent loop, real sandboxes."""

from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt, Task
from runner.run import run
from tests.conftest import write_task
from tests.fakes.model_server import FakeModel

pytestmark = pytest.mark.slow
TEST = "import m\n\ndef test_f():\n    assert m.f() == 42\n"


def setup(cfg, tmp_path, backend_name, adapter, server, monkeypatch, **settings):
    monkeypatch.setenv("FAKE_API_KEY", "sk-" + "proj-" + "z" * 30)
    for name in ("solve-me", "fail-me"):
        write_task(tmp_path / "tasks" / "s", name, solution="def f():\n    return 42\n", tests=TEST,
                   expected_tests=1, time_limit_s=60)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="api", adapter=adapter, model="fake-model",
                    settings={"base_url": server.url, "api_key_env": "FAKE_API_KEY", "http_backoff_s": 0.01,
                              "price_in_per_mtok": 3.0, "price_out_per_mtok": 15.0, **settings}))
        s.commit()
    return cfg


def by_task(cfg):
    with db.session(cfg.db_url) as s:
        return dict(s.exec(select(Task.name, Attempt).join(Attempt, Attempt.task_id == Task.id)).all())


@pytest.mark.parametrize("adapter, wire", [("openai-compatible", "openai"), ("anthropic-api", "anthropic")])
def test_agent_loop_solves_one_task_and_fails_another(cfg, backend_name, tmp_path, monkeypatch, adapter, wire):
    server = FakeModel(wire, fail_first_with=503)  # a transient error is retried inside the call
    try:
        cfg = setup(cfg, tmp_path, backend_name, adapter, server, monkeypatch)
        run(cfg, suite_name="s", agent_name="api", workers=1)
    finally:
        server.close()
    got = by_task(cfg)
    assert got["solve-me"].status == "passed" and got["fail-me"].status == "failed"
    for a in got.values():
        assert (a.turns, a.tool_calls, a.tokens_in, a.tokens_out) == (3, 2, 300, 30)
        assert a.cost_usd == pytest.approx((300 * 3.0 + 30 * 15.0) / 1e6)
        assert a.final_message.startswith("finished") and a.model == "fake-model"
    assert got["solve-me"].tool_calls_by_tool == {"run": 1, "write_file": 1}
    # The tools really ran in the sandbox: the model saw the workspace's stub through `cat`.
    tool_results = str(server.requests[-1]["body"]["messages"])
    assert "NotImplementedError" in tool_results or "return 41" in tool_results
    headers = {k.lower(): v for k, v in server.requests[1]["headers"].items()}
    key = "sk-" + "proj-" + "z" * 30
    assert headers.get("authorization") == f"Bearer {key}" or headers.get("x-api-key") == key


def test_rejected_key_is_an_infra_error(cfg, backend_name, tmp_path, monkeypatch):
    server = FakeModel("openai", always=401)
    try:
        cfg = setup(cfg, tmp_path, backend_name, "openai-compatible", server, monkeypatch)
        report = run(cfg, suite_name="s", agent_name="api", retries=0)
    finally:
        server.close()
    assert report.new == {"infra_error": 2}
    assert all("API error 401" in a.error for a in by_task(cfg).values())


def test_unreachable_endpoint_is_an_infra_error(cfg, backend_name, tmp_path, monkeypatch):
    server = FakeModel("openai")
    server.close()  # nothing listens there any more
    cfg = setup(cfg, tmp_path, backend_name, "openai-compatible", server, monkeypatch, http_retries=0)
    report = run(cfg, suite_name="s", agent_name="api", retries=0)
    assert report.new == {"infra_error": 2}
    assert all("cannot reach the API" in a.error for a in by_task(cfg).values())
