import sqlite3
from dataclasses import replace

import pytest
from sqlmodel import select

from codedrift import db
from codedrift.schema import Agent, Attempt
from runner.run import run
from runner.secrets import REDACTED, scrub
from tests.conftest import write_task


def test_scrub_env_values_and_key_formats():
    env = {"MY_SERVICE_TOKEN": "plain-looking-value-123", "HOME": "/root"}
    # Fake keys are assembled at run time so secret scanners do not flag this file.
    text = (f"tok=plain-looking-value-123 ant={'sk-' + 'ant-api03-abcdefghijklmnop'} "
            f"oai={'sk-' + 'proj-ABCDEFGHIJKLMNOPQRSTUVWX'} home=/root")
    out = scrub(text, env)
    assert "plain-looking-value-123" not in out and "sk-ant-" not in out and "sk-proj-" not in out
    assert out.count(REDACTED) == 3 and "home=/root" in out


@pytest.mark.slow
def test_a_key_the_agent_prints_never_reaches_the_database(cfg, backend_name, tmp_path, monkeypatch):
    key = "sk-" + "ant-api03-" + "x" * 40
    monkeypatch.setenv("ANTHROPIC_API_KEY", key)
    # The key reaches the sandbox only because the task's workspace holds it (task files are not stored).
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n", expected_tests=1,
               workspace=f"K = {key!r}\n",
               tests="import m\n\ndef test_f():\n    print('leak', m.K)\n    assert False\n")
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    command = "cat m.py; cat m.py >&2; exit 1"
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="leaky", adapter="command", settings={"command": command}))
        s.commit()
    run(cfg, suite_name="s", agent_name="leaky")
    with db.session(cfg.db_url) as s:
        attempt = s.exec(select(Attempt)).one()
    stored = " ".join(str(v) for v in attempt.model_dump().values())
    assert key not in stored and REDACTED in attempt.agent_log and REDACTED in attempt.test_log
    with sqlite3.connect(cfg.sqlite_path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert key.encode() not in cfg.sqlite_path.read_bytes()
