"""Processes stop when told: `codedrift dashboard` (and `codedrift demo`, which serves through the same
code) hands its process over to Streamlit, so a SIGTERM to the command stops the server itself."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import REPO_ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serving(port: int) -> bool:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok"
    except OSError:
        return False


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if text.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
    return found


def test_sigterm_to_codedrift_dashboard_stops_the_server(tmp_path):
    port = _free_port()
    env = os.environ | {"CODEDRIFT_DB_URL": f"sqlite:///{tmp_path / 'empty.db'}", "CODEDRIFT_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "codedrift.cli", "dashboard", "--port", str(port)], cwd=REPO_ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while not _serving(port) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _serving(port), "the dashboard did not start"
        assert _processes_mentioning(f"--server.port\0{port}") == [proc.pid]  # one process: the command is the server
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not _serving(port) and _processes_mentioning(f"--server.port\0{port}") == []


def test_the_leftover_check_sees_a_child_and_a_temporary_directory():
    """The session-end check (tests/conftest.py) is only worth something if it notices what it looks for."""
    import tempfile

    from tests.conftest import _children, _leftover_paths

    child = subprocess.Popen(["sleep", "30"])
    try:
        deadline = time.monotonic() + 10  # until the fork has exec'd, its command line is this interpreter's
        while not (seen := any(line.startswith(f"{child.pid}: sleep 30") for line in _children())):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert seen
    finally:
        child.kill()
        child.wait()
    assert not any(line.startswith(f"{child.pid}:") for line in _children())
    d = tempfile.mkdtemp(prefix="codedrift-check-")
    try:
        assert d in _leftover_paths()
    finally:
        os.rmdir(d)
    assert d not in _leftover_paths()
