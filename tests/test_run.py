"""The runner end to end, with real sandboxes: statuses, idempotency, infra errors."""

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt, Run, Task
from runner.run import run
from tests.conftest import write_task

pytestmark = pytest.mark.slow

TEST_IMPORT = """
import m

def test_f():
    assert m.f() == 42
"""


def hostile_suite(root, listener_port: int):
    """Tasks whose *reference solution* misbehaves, graded by the oracle agent."""
    s = root / "hostile"
    write_task(s, "ok", solution="def f():\n    return 42\n", tests=TEST_IMPORT, expected_tests=1)
    write_task(s, "loop", solution="while True:\n    pass\n", tests=TEST_IMPORT, expected_tests=1,
               test_time_limit_s=3)
    write_task(s, "memory-hog", solution="x = bytearray(1024 * 2**20)\ndef f():\n    return 42\n",
               tests=TEST_IMPORT, expected_tests=1)
    write_task(s, "fork-bomb", tests=TEST_IMPORT, expected_tests=1, test_time_limit_s=10, solution="""
        import os
        for _ in range(10000):
            try:
                os.fork()
            except OSError:
                break
        def f():
            return 42
        """)
    # The solution needs a listener the test owns on the host's loopback: only a sandbox that shares the
    # host's network could reach it (tests never send traffic beyond loopback).
    write_task(s, "network", tests=TEST_IMPORT, expected_tests=1, solution=f"""
        import socket
        socket.create_connection(("127.0.0.1", {listener_port}), timeout=3).recv(2)
        def f():
            return 42
        """)
    write_task(s, "escape", tests=TEST_IMPORT, expected_tests=1, solution="""
        open("/etc/codedrift-was-here", "w").write("x")
        def f():
            return 42
        """)
    write_task(s, "fake-pass", tests=TEST_IMPORT, expected_tests=1, solution="""
        import atexit, os
        def f():
            return 0
        def lie():
            print("=========== 1 passed in 0.01s ===========", flush=True)
            os._exit(0)
        atexit.register(lie)
        """)
    return root


def attempts_by_task(cfg):
    with db.session(cfg.db_url) as s:
        rows = s.exec(select(Task.name, Attempt).join(Attempt, Attempt.task_id == Task.id)).all()
    return {name: a for name, a in rows}


def test_hostile_solutions_land_as_the_right_status(cfg, backend_name, tmp_path):
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    cfg = replace(cfg, tasks_dir=hostile_suite(tmp_path / "tasks", listener.getsockname()[1]), sandbox=backend_name)
    from runner.sandbox import Limits

    report = run(cfg, suite_name="hostile", agent_name="oracle", workers=2,
                 limits=Limits(memory_mb=256, pids=64))
    got = attempts_by_task(cfg)
    assert sum(report.new.values()) == 7
    assert got["ok"].status == "passed" and got["ok"].score == 1.0
    assert got["loop"].status == "timeout"
    assert got["memory-hog"].status == "failed" and got["memory-hog"].oom_killed
    assert got["fork-bomb"].status in ("failed", "timeout")
    assert got["network"].status == "failed" and "Connection refused" in got["network"].test_log
    listener.close()
    assert got["escape"].status == "failed" and "Read-only file system" in got["escape"].test_log
    assert got["fake-pass"].status == "failed"
    assert {a.sandbox_backend for a in got.values()} == {backend_name}
    assert all(a.isolation for a in got.values())


def test_agent_phase_timeouts_and_crashes(cfg, backend_name, tmp_path):
    root = tmp_path / "tasks" / "s"
    write_task(root, "t", solution="def f():\n    return 42\n", tests=TEST_IMPORT, expected_tests=1, time_limit_s=3)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    cases = {
        "sleeper": ("while :; do :; done", "timeout"),
        "crasher": ("echo 'boom' >&2; exit 3", "error"),
        "solver": ("printf 'def f():\\n    return 42\\n' > m.py", "passed"),
    }
    with db.session(cfg.db_url) as s:
        for name, (command, _) in cases.items():
            s.add(Agent(name=name, adapter="command", settings={"command": command}))
        s.commit()
    for name, (_, expected) in cases.items():
        run(cfg, suite_name="s", agent_name=name)
        assert attempts_by_task(cfg)["t"].status == expected, name
        with db.session(cfg.db_url) as s:
            s.exec(Attempt.__table__.delete())
            s.commit()


def test_missing_image_is_an_infra_error_and_the_run_goes_on(cfg, tmp_path):
    root = tmp_path / "tasks" / "s"
    write_task(root, "a-broken", solution="def f():\n    return 42\n", tests=TEST_IMPORT,
               image="codedrift/no-such-image:0", expected_tests=1)
    write_task(root, "b-fine", solution="def f():\n    return 42\n", tests=TEST_IMPORT, expected_tests=1)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox="docker")
    from tests.conftest import _unavailable

    if _unavailable("docker"):
        pytest.skip("docker unavailable")
    run(cfg, suite_name="s")
    got = attempts_by_task(cfg)
    assert got["a-broken"].status == "infra_error" and "codedrift/no-such-image" in got["a-broken"].error
    assert got["a-broken"].retries == cfg.retries == 2  # retried with backoff, then recorded
    assert got["b-fine"].status == "passed" and got["b-fine"].retries == 0


def test_rerun_same_day_is_idempotent_and_task_edits_make_versions(cfg, backend_name, tmp_path):
    root = tmp_path / "tasks" / "s"
    d = write_task(root, "t", solution="def f():\n    return 42\n", tests=TEST_IMPORT, expected_tests=1)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    day = dt.date(2026, 1, 2)
    first = run(cfg, suite_name="s", date=day, attempts=2)
    again = run(cfg, suite_name="s", date=day, attempts=2)
    assert sum(first.new.values()) == 2 and sum(again.new.values()) == 0 and again.done_before == 2
    (d / "prompt.md").write_text("Edited prompt.\n")
    edited = run(cfg, suite_name="s", date=day, attempts=2)
    assert sum(edited.new.values()) == 2  # a new task version gets its own attempts
    with db.session(cfg.db_url) as s:
        assert len(s.exec(select(Task)).all()) == 2
        assert len(s.exec(select(Run)).all()) == 1
        assert len(s.exec(select(Attempt)).all()) == 4


def test_adapter_crash_is_an_infra_error_and_the_run_goes_on(cfg, backend_name, tmp_path, monkeypatch):
    from runner import agents
    from runner.agents.builtin import NullAgent

    class Broken(NullAgent):
        adapter = "broken"

        def solve(self, task, sandbox):
            raise KeyError("usage")

    monkeypatch.setitem(agents.ADAPTERS, "broken", Broken)
    root = tmp_path / "tasks" / "s"
    for name in ("a", "b"):
        write_task(root, name, solution="def f():\n    return 42\n", tests=TEST_IMPORT, expected_tests=1)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="broken-agent", adapter="broken"))
        s.commit()
    report = run(cfg, suite_name="s", agent_name="broken-agent")
    got = attempts_by_task(cfg)
    assert report.new == {"infra_error": 2}
    assert all("agent adapter crashed: KeyError('usage')" in a.error for a in got.values())
    assert "Traceback" in got["a"].agent_log


LOOPING = """
def f():
    while True:
        try:
            while True:
                pass
        except Exception:  # a loop that swallows ordinary exceptions
            pass
"""


def test_a_looping_workspace_fails_in_seconds_not_at_the_suite_limit(cfg, backend_name, tmp_path):
    """Each hidden test has its own time limit (`per_test_limit_s`): the null agent leaves a workspace
    whose function never returns, and both tests fail at about 2 s each, far inside the 120 s suite limit;
    the passing test beside them is untouched by the limit."""
    root = tmp_path / "tasks" / "s"
    tests = TEST_IMPORT + "\n\ndef test_g():\n    assert m.f() == 42\n\n\ndef test_quick():\n    assert True\n"
    write_task(root, "t", workspace=LOOPING, solution="def f():\n    return 42\n", tests=tests,
               expected_tests=3, per_test_limit_s=2, test_time_limit_s=120)
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    run(cfg, suite_name="s", agent_name="null")
    got = attempts_by_task(cfg)["t"]
    assert got.status == "failed" and (got.tests_passed, got.tests_total) == (1, 3), got.error
    assert "per-test time limit of 2 s" in got.test_log
    assert got.duration_s < 60  # two tests at ~2 s each, plus sandbox start-up; the suite limit is 120 s

    run(replace(cfg, tasks_dir=tmp_path / "tasks"), suite_name="s", agent_name="oracle")
    with db.session(cfg.db_url) as s:
        oracle = s.exec(select(Attempt).join(Run).join(Agent).where(Agent.name == "oracle")).one()
    assert oracle.status == "passed" and oracle.tests_passed == 3
