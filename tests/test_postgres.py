"""The same schema, idempotency and run lock on PostgreSQL (CODEDRIFT_DB_URL=postgresql+psycopg://...)."""

from dataclasses import replace

import pytest

from core import db
from core.schema import AttemptStatus
from runner import store
from runner.attempt import AttemptResult
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
        result = AttemptResult(AttemptStatus.passed, tests_passed=1, tests_total=1, score=1.0)
        assert store.save_attempt(s, run.id, tasks["t"].id, 1, result) is True
        assert store.save_attempt(s, run.id, tasks["t"].id, 1, result) is False
        assert store.done_keys(s, run.id) == {(tasks["t"].id, 1)}

    with run_lock(cfg), pytest.raises(RunLocked), run_lock(cfg):
        pass
    with run_lock(cfg):  # released when the holder's connection ends
        pass


def _admin(postgres_url):
    """A connection of the test's own, to look at and act on the lock holder from outside."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(postgres_url, poolclass=NullPool, isolation_level="AUTOCOMMIT").connect()


def test_the_lock_connection_is_not_idle_in_transaction_and_checks_it_still_holds(cfg, postgres_url):
    from sqlalchemy import text

    cfg = replace(cfg, db_url=postgres_url)
    with _admin(postgres_url) as admin, run_lock(cfg) as lock:
        lock.check()
        pid = lock.backend_pid
        state = admin.execute(text("SELECT state FROM pg_stat_activity WHERE pid = :p"), {"p": pid}).scalar()
        assert state == "idle"  # autocommit: no open transaction holding a snapshot, nothing to time out
        held = admin.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = :p "
                                  "AND granted"), {"p": pid}).scalar()
        assert held == 1
        with pytest.raises(RunLocked), run_lock(cfg):  # a second locker is refused
            pass
        lock.check()  # the refused attempt did not disturb the holder
    with run_lock(cfg) as again:  # released on exit
        again.check()


def test_a_lock_whose_backend_is_killed_fails_its_check(cfg, postgres_url):
    from sqlalchemy import text

    from runner.lock import LockLost

    cfg = replace(cfg, db_url=postgres_url)
    with _admin(postgres_url) as admin:
        with run_lock(cfg) as lock:
            pid = lock.backend_pid
            assert admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            with pytest.raises(LockLost):
                lock.check()
            with run_lock(cfg) as other:  # the lock is free now: the next run may take it
                other.check()
        # the first holder's exit (its unlock fails on a dead connection) does not raise or leak
        with pytest.raises(KeyError), run_lock(cfg) as lock:  # killed, exited unchecked: the body's error wins
            admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": lock.backend_pid})
            raise KeyError("the run's own error")
    with run_lock(cfg) as lock:
        lock.check()


def test_a_lock_released_by_its_own_session_fails_its_check(cfg, postgres_url):
    from sqlalchemy import text

    from runner.lock import ADVISORY_KEY, LockLost

    cfg = replace(cfg, db_url=postgres_url)
    with run_lock(cfg) as lock:
        lock.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})  # e.g. a stray unlock
        with pytest.raises(LockLost, match="no longer holds"):
            lock.check()
