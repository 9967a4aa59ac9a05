"""Crash safety: kill -9 mid-run and rerun gives every attempt exactly once; overlapping runs are refused."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from runner.lock import RunLocked, run_lock
from tests import REPO_ROOT
from tests.conftest import write_task

TEST = "import m\n\ndef test_f():\n    assert m.f() == 42\n"


def _cli(cfg, tasks_dir, *args, extra_env=None, **kw):
    env = {**os.environ, "CODEDRIFT_DATA_DIR": str(cfg.data_dir), "CODEDRIFT_TASKS_DIR": str(tasks_dir),
           "CODEDRIFT_RETRY_BACKOFF_S": str(cfg.retry_backoff_s),
           "CODEDRIFT_IMAGES_DIR": str(cfg.images_dir), "PYTHONPATH": str(REPO_ROOT), **(extra_env or {})}
    return subprocess.Popen([sys.executable, "-m", "codedrift.cli", *args], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _count(db_path) -> int:
    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as con:
        try:
            return con.execute("select count(*) from attempt").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def _slow_suite(cfg, tmp_path):
    """Six tasks and an agent that takes a second on each: runs long enough to be interrupted."""
    tasks = tmp_path / "tasks"
    for i in range(6):
        write_task(tasks / "s", f"t{i}", solution="def f():\n    return 42\n", tests=TEST, expected_tests=1)
    agent = ["agents", "add", "slow", "--adapter", "command", "--setting",
             "command=sleep 1; printf 'def f():\\n    return 42\\n' > m.py"]
    assert _cli(cfg, tasks, *agent).wait() == 0
    return tasks


@pytest.mark.slow
def test_kill_9_then_rerun_has_no_duplicate_and_no_missing_attempt(cfg, backend_name, tmp_path):
    tasks = _slow_suite(cfg, tmp_path)
    run_args = ["--sandbox", backend_name, "run", "--suite", "s", "--agent", "slow", "--attempts", "2",
                "--workers", "2", "--date", "2026-03-01"]
    proc = _cli(cfg, tasks, *run_args)
    deadline = time.monotonic() + 120
    while _count(cfg.sqlite_path) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(cfg.sqlite_path)
    assert 3 <= partial < 12, "the kill must land mid-run"

    rerun = _cli(cfg, tasks, *run_args)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with sqlite3.connect(cfg.sqlite_path) as con:
        keys = con.execute("select task_id, attempt_no from attempt").fetchall()
        statuses = Counter(s for (s,) in con.execute("select status from attempt"))
        runs = con.execute("select status from run").fetchall()
    assert len(keys) == 12 and len(set(keys)) == 12
    assert statuses == {"passed": 12}
    assert runs == [("finished",)]
    assert f"already recorded before this call: {partial}" in out
    if backend_name == "docker":  # the killed run's containers were swept by the rerun
        import docker

        left = docker.from_env().containers.list(all=True, filters={"label": f"codedrift.sandbox.pid={proc.pid}"})
        assert left == []


def test_overlapping_run_is_refused(cfg):
    with run_lock(cfg), pytest.raises(RunLocked, match="another codedrift run"), run_lock(cfg):
        pass
    with run_lock(cfg):  # released: can be taken again
        pass


def test_cli_refuses_overlap_with_a_clear_message(cfg, tmp_path):
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n", tests=TEST)
    with run_lock(cfg):
        proc = _cli(cfg, tmp_path / "tasks", "run", "--suite", "s")
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "another codedrift run" in err and "Traceback" not in err


def test_missing_docker_is_one_clear_sentence(cfg, tmp_path, monkeypatch):
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n", tests=TEST)
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    proc = _cli(cfg, tmp_path / "tasks", "--sandbox", "docker", "run", "--suite", "s")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "No Docker daemon is reachable" in err and "Traceback" not in err
    assert _count(cfg.sqlite_path) == 0


@pytest.mark.bwrap
def test_bwrap_leftovers_of_dead_runs_are_swept(tmp_path):
    import tempfile

    from runner import sandbox
    from runner.sandbox.bwrap import DIR_PREFIX
    from runner.sandbox.cgroups import Cgroup

    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{dead.pid}-")
    live = tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-")
    mine = Cgroup(64 << 20, 16) if Cgroup.available() else None
    orphan = None
    if mine is not None:  # an empty cgroup named for the dead pid, as a killed run leaves it
        orphan = [d.with_name(d.name.replace(f"-{os.getpid()}-", f"-{dead.pid}-")) for d in mine.dirs]
        for d in orphan:
            d.mkdir()
    sandbox.sweep("bwrap")
    assert not os.path.exists(stale) and os.path.exists(live)
    if mine is not None:
        assert not any(d.exists() for d in orphan)
        assert all(d.exists() for d in mine.dirs), "a live (empty) cgroup must survive the sweep"
        mine.remove()
    os.rmdir(live)


class EngineRelay:
    """The runner's only way to the Docker engine: a Unix socket relay the test can cut and restore,
    so "the engine disappears mid-run" is tested without killing a daemon other tests share."""

    def __init__(self, path, target="/var/run/docker.sock"):
        import socket
        import threading

        self.path, self.target, self.conns, self.up = str(path), target, [], True
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(self.path)
        self.server.listen(64)
        self.threading, self.socket = threading, socket
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = self.socket.socket(self.socket.AF_UNIX)
            upstream.connect(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                self.threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
            b.shutdown(self.socket.SHUT_WR)  # pass a half-close on (exec stdin relies on it)
        except OSError:
            pass

    def cut(self):
        self.up = False
        for s in self.conns:
            with contextlib.suppress(OSError):
                s.shutdown(self.socket.SHUT_RDWR)

    def close(self):
        self.server.close()
        for s in self.conns:
            s.close()


@pytest.mark.slow
@pytest.mark.docker
def test_engine_gone_mid_run_loses_and_duplicates_nothing(cfg, tmp_path):
    """The engine vanishes under a run: attempts in flight become infra errors (retried, then recorded),
    the run ends cleanly, and the next run of the day redoes exactly those: every attempt once."""
    from tests.conftest import _unavailable

    if _unavailable("docker"):
        (pytest.fail if os.environ.get("CI") else pytest.skip)("docker unavailable")
    tasks = _slow_suite(cfg, tmp_path)
    relay = EngineRelay(tmp_path / "engine.sock")
    run_args = ["--sandbox", "docker", "run", "--suite", "s", "--agent", "slow", "--workers", "1",
                "--date", "2026-03-02"]
    env = {"extra_env": {"DOCKER_HOST": f"unix://{relay.path}"}}
    try:
        proc = _cli(cfg, tasks, *run_args, **env)
        deadline = time.monotonic() + 120
        while _count(cfg.sqlite_path) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        relay.cut()
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        with sqlite3.connect(cfg.sqlite_path) as con:
            first = Counter(s for (s,) in con.execute("select status from attempt"))
            errors = [e for (e,) in con.execute("select error from attempt")]
        assert sum(first.values()) == 6 and first["infra_error"] >= 1 and first["passed"] >= 2, (first, errors)
        relay.up = True  # the engine is back
        rerun = _cli(cfg, tasks, *run_args, **env)
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
    finally:
        relay.close()
    with sqlite3.connect(cfg.sqlite_path) as con:
        rows = con.execute("select task_id, attempt_no, status, retries from attempt").fetchall()
    assert len(rows) == 6 and len({(t, n) for t, n, _, _ in rows}) == 6
    assert Counter(s for _, _, s, _ in rows) == {"passed": 6}
    assert sum(r >= 1 for *_, r in rows) == first["infra_error"]  # the redone ones say they were retried
