"""One conformance and hostility battery, run against every sandbox backend with real sandboxes."""

import time

import pytest

from runner.sandbox import Limits, backend
from runner.tasks import DEFAULT_IMAGE

pytestmark = pytest.mark.slow


@pytest.fixture
def sb(backend_name):
    limits = Limits(timeout_s=20, memory_mb=256, pids=64, output_bytes=100_000)
    with backend(backend_name)(DEFAULT_IMAGE, limits) as box:
        yield box


def test_files_round_trip(sb):
    files = {"a.txt": b"text\n", "bin.dat": bytes(range(256)), "dir/u.txt": "ünïcødé ✓".encode(), "empty": b""}
    sb.write_files(files)
    assert sb.read_files() == files
    assert sb.read_file("/workspace/dir/u.txt") == "ünïcødé ✓".encode()


def test_missing_file_and_directory(sb):
    with pytest.raises(FileNotFoundError):
        sb.read_file("/workspace/nope")
    sb.write_files({"d/x": b"1", "d/y": b"2"})
    with pytest.raises(IsADirectoryError):
        sb.read_file("/workspace/d")


def test_exec_basics(sb):
    res = sb.exec(["sh", "-c", "id -u; pwd; echo $GREETING; cat; echo err >&2; exit 3"],
                  env={"GREETING": "hi"}, stdin=b"from stdin")
    assert res.stdout.split() == ["65534", "/workspace", "hi", "from", "stdin"]
    assert res.stderr.strip() == "err" and res.exit_code == 3 and not res.timed_out


def test_exec_as_another_user(sb):
    assert sb.exec(["id", "-u"], user=1000).stdout.strip() == "1000"
    assert sb.exec(["id", "-u"]).stdout.strip() == "65534"


def test_exec_cwd(sb):
    sb.write_files({"sub/f": b""})
    assert sb.exec(["pwd"], cwd="/workspace/sub").stdout.strip() == "/workspace/sub"


def test_host_environment_does_not_leak(sb, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-" + "ant-secret-should-not-leak")
    assert "secret-should-not-leak" not in sb.exec(["env"]).stdout


def test_output_is_capped_and_says_so(sb):
    res = sb.exec(["sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x"])
    assert res.truncated and len(res.stdout) < 110_000 and "output cap" in res.stdout


def test_network_is_loopback_only(sb):
    """Shown by inspecting the sandbox's interfaces and routes, and by a listener the test owns on the
    host's loopback that the sandbox cannot reach: no traffic goes beyond loopback."""
    import socket

    assert sb.exec(["sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"]).stdout.split() == ["lo"]
    assert sb.exec(["sh", "-c", "tail -n +2 /proc/net/route /proc/net/ipv6_route 2>/dev/null | grep -v '^==' | "
                    "grep -v '^$' | grep -v ' lo$' || true"]).stdout.strip() == ""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        code = (f"import socket\ntry:\n socket.create_connection(('127.0.0.1', {listener.getsockname()[1]}), 3)"
                "; print('REACHED')\nexcept OSError as e:\n print('BLOCKED', e)")
        assert "BLOCKED" in sb.exec(["python3", "-c", code]).stdout


def test_writes_outside_workspace_fail(sb):
    res = sb.exec(["sh", "-c", "for p in /etc/x /usr/x /x /root/x; do echo hi > $p && echo WROTE $p; done; "
                   "echo ok > /workspace/f && echo ok > /tmp/f && echo WRITABLE"])
    assert "WROTE" not in res.stdout and "WRITABLE" in res.stdout


def test_infinite_loop_is_killed_at_its_limit(sb):
    t0 = time.monotonic()
    res = sb.exec(["sh", "-c", "while :; do :; done"], timeout=2)
    assert res.timed_out and res.exit_code != 0
    assert time.monotonic() - t0 < 12


def test_escaped_background_processes_do_not_outlive_the_deadline(sb):
    t0 = time.monotonic()
    res = sb.exec(["sh", "-c", "setsid sleep 300 & sleep 300"], timeout=2)
    assert res.timed_out and time.monotonic() - t0 < 15
    procs = sb.exec(["sh", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"]).stdout
    assert "sleep 300" not in procs
    assert sb.exec(["echo", "still usable"]).stdout.strip() == "still usable"


def test_memory_hog_is_oom_killed(sb):
    res = sb.exec(["python3", "-c", "x = bytearray(1024 * 2**20); print('ALLOCATED')"])
    assert "ALLOCATED" not in res.stdout and res.exit_code != 0
    assert res.oom_killed or "MemoryError" in res.stderr


def test_fork_bomb_is_contained(sb):
    bomb = "import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except OSError:\n        break\n"
    t0 = time.monotonic()
    res = sb.exec(["python3", "-c", bomb], timeout=10)
    assert time.monotonic() - t0 < 30
    assert res.exit_code is not None
    # The sandbox is still usable afterwards.
    assert sb.exec(["echo", "alive"], timeout=10).stdout.strip() == "alive"


def test_respawning_fork_bomb_cannot_hang_an_exec(sb):
    """Detached children that respawn faster than one kill pass: the exec still returns near its
    deadline, nothing of the bomb survives, and the sandbox stays usable."""
    # The outer loop is Python so that it survives failed forks (dash exits on "Cannot fork") and keeps
    # respawning until its deadline.
    bomb = ("import os, time\nwhile True:\n    try:\n        if os.fork() == 0:\n            os.setsid()\n"
            "            os.execvp('sh', ['sh', '-c', 'while :; do sleep 30 & done'])\n    except OSError:\n"
            "        pass\n    time.sleep(0.01)\n")
    t0 = time.monotonic()
    res = sb.exec(["python3", "-c", bomb], timeout=2)
    assert res.timed_out and time.monotonic() - t0 < 20
    sb.stop_all()
    procs = sb.exec(["sh", "-c", "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '"]).stdout
    assert "sleep 30" not in procs
    assert sb.exec(["echo", "alive"]).stdout.strip() == "alive"
