"""The same schema, idempotency and run lock on PostgreSQL (CODEDRIFT_DB_URL=postgresql+psycopg://...)."""

from dataclasses import replace

import pytest

from codedrift import db
from codedrift.schema import AttemptStatus
from runner import store
from runner.attempt import Outcome
from runner.lock import RunLocked, run_lock
from runner.tasks import load_suite
from tests.conftest import write_task

pytestmark = pytest.mark.slow


def test_schema_idempotent_attempts_and_lock_on_postgres(cfg, postgres_url, tmp_path):
    import datetime as dt

    cfg = replace(cfg, db_url=postgres_url)
    write_task(tmp_path / "s", "t", solution="x = 1\n", tests="def test_x():\n    pass\n")
    with db.session(cfg.db_url) as s:
        tasks = store.sync_suite(s, load_suite(tmp_path / "s"))
        agent = store.agent_row(s, "oracle")
        run = store.get_or_create_run(s, dt.date(2026, 5, 1), agent, tasks["t"].suite_id)
        outcome = Outcome(AttemptStatus.passed, tests_passed=1, tests_total=1, score=1.0)
        assert store.save_attempt(s, run.id, tasks["t"].id, 1, outcome) is True
        assert store.save_attempt(s, run.id, tasks["t"].id, 1, outcome) is False
        assert store.done_keys(s, run.id) == {(tasks["t"].id, 1)}

    with run_lock(cfg), pytest.raises(RunLocked), run_lock(cfg):
        pass
    with run_lock(cfg):  # released when the holder's connection ends
        pass
