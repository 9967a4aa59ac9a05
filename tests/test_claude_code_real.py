"""The real Claude Code CLI (from the npm registry), run offline with no key: an infrastructure error."""

import os
from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt, Run
from runner.agents.install import InstallError, install
from runner.run import run
from tests.conftest import IMAGES_DIR, write_task

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cli_dir():
    from core import settings

    cfg = replace(settings.load(), data_dir=IMAGES_DIR.parent)  # cached beside the images, across runs
    try:
        return str(install(cfg, "claude-code"))
    except InstallError as e:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(str(e))


def test_real_cli_without_network_or_key_is_an_infra_error(cfg, backend_name, tmp_path, monkeypatch, cli_dir):
    for var in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    for name in ("a", "b"):
        write_task(tmp_path / "tasks" / "s", name, solution="def f():\n    return 42\n", expected_tests=1,
                   tests="import m\n\ndef test_f():\n    assert m.f() == 42\n", time_limit_s=120)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="claude-real", adapter="claude-code", model="claude-sonnet-4-5",
                    settings={"cli_dir": cli_dir, "network": False}))
        s.commit()
    report = run(cfg, suite_name="s", agent_name="claude-real")
    with db.session(cfg.db_url) as s:
        attempts = s.exec(select(Attempt)).all()
        the_run = s.exec(select(Run)).one()
    assert report.new == {"infra_error": 2} and len(attempts) == 2
    for a in attempts:
        assert "API error" in a.error or "CLI failed" in a.error, a.error
        assert any(word in a.error.lower() for word in ("login", "api key", "auth", "connect", "network")), a.error
    assert the_run.status == "finished" and "Claude Code" in (the_run.agent_version or "")
