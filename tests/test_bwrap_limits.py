"""The bwrap backend's guarantees against hostile code, each checked from inside and from the host:
disk quotas, private host directories, harness-owned files, seccomp and user namespaces, CPU limit,
deadlines, capped copy-back, and cleanup. Needs root (tmpfs mounts, cgroups) and the image rootfs."""

import os
import resource
import stat
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from runner.sandbox.base import HARNESS_UID, SANDBOX_UID, CopyBackError, Limits, Sink
from runner.tasks import DEFAULT_IMAGE
from tests.conftest import _unavailable

pytestmark = [pytest.mark.slow, pytest.mark.bwrap]

WS_MB, TMP_MB = 32, 16


@pytest.fixture
def make(cfg):
    reason = _unavailable("bwrap") or (None if os.geteuid() == 0 else "not root (no tmpfs mounts or cgroups)")
    if reason:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"bwrap limits untestable: {reason}")
    from runner.sandbox.bwrap import BwrapSandbox

    boxes = []

    def make(**limits):
        kw = {"timeout_s": 20, "memory_mb": 256, "pids": 64, "workspace_mb": WS_MB, "tmp_mb": TMP_MB, **limits}
        box = BwrapSandbox(DEFAULT_IMAGE, Limits(**kw))
        box.start()
        boxes.append(box)
        return box

    yield make
    for box in boxes:
        box.close()


@pytest.fixture
def sb(make):
    return make()


def mounts() -> list[tuple[str, str, str]]:
    """(device, mount point, fs type) of every mount on the host."""
    return [tuple(line.split()[:3]) for line in Path("/proc/self/mounts").read_text().splitlines()]


def test_isolation_label_states_what_is_in_force(sb):
    assert sb.isolation == ("bwrap: all namespaces unshared, non-root, read-only root, seccomp, no user namespaces, "
                            f"cgroup memory/pids/cpu limits, tmpfs workspace {WS_MB} MB, tmpfs /tmp {TMP_MB} MB")


@pytest.mark.parametrize(("area", "sub", "mb"), [("/workspace", "workspace", WS_MB), ("/tmp", "tmp", TMP_MB)])
def test_filling_a_writable_area_is_enospc_inside_not_a_full_host_disk(sb, area, sub, mb):
    res = sb.exec(["sh", "-c", f"head -c {2 * mb}M /dev/zero > {area}/big; echo exit=$?; du -m {area}/big"])
    assert "No space left on device" in res.stderr and "exit=1" in res.stdout
    assert int(res.stdout.split()[-2]) <= mb
    host = sb._root / sub
    assert (str(host), "tmpfs") in [(m[1], m[2]) for m in mounts()]
    vfs = os.statvfs(host)
    assert vfs.f_blocks * vfs.f_frsize == mb << 20
    # The file lives on that tmpfs, not on the host disk that holds the sandbox's directory.
    assert os.stat(host / "big").st_dev != os.stat(sb._root).st_dev


def test_dev_is_read_only_and_shm_is_bounded(sb):
    res = sb.exec(["sh", "-c", "touch /dev/x && echo WROTE_DEV; head -c 100M /dev/zero > /dev/shm/big; echo exit=$?"])
    assert "WROTE_DEV" not in res.stdout and "exit=1" in res.stdout and "No space left" in res.stderr


def test_host_directories_are_private(sb):
    st = os.stat(sb._root)
    assert (stat.S_IMODE(st.st_mode), st.st_uid) == (0o700, SANDBOX_UID)  # bwrap runs as that uid
    ws, tmp = os.stat(sb._root / "workspace"), os.stat(sb._root / "tmp")
    assert (stat.S_IMODE(ws.st_mode), ws.st_uid, ws.st_gid) == (0o755, SANDBOX_UID, SANDBOX_UID)
    assert (stat.S_IMODE(tmp.st_mode), tmp.st_uid, tmp.st_gid) == (0o1770, 0, SANDBOX_UID)  # sticky, not o+w
    sb.write_files({"d/f": b"x"})
    for p in [sb._root, *sb._root.rglob("*")]:
        assert not os.lstat(p).st_mode & stat.S_IWOTH, p
    assert sb.exec(["sh", "-c", "touch /tmp/ok && echo TMP_WRITABLE"]).stdout.strip() == "TMP_WRITABLE"


def test_put_tar_owner_and_modes(sb):
    sb.write_files({"mine/a.txt": b"agent"})
    sb.write_files({"grader/test_x.py": b"harness", "h.txt": b"harness"}, dest="/tmp", owner=HARNESS_UID)
    ws, tmp = sb._root / "workspace", sb._root / "tmp"
    for p, uid, mode in [(ws / "mine", SANDBOX_UID, 0o755), (ws / "mine/a.txt", SANDBOX_UID, 0o644),
                         (tmp / "grader", 0, 0o755), (tmp / "grader/test_x.py", 0, 0o644), (tmp / "h.txt", 0, 0o644)]:
        st = os.lstat(p)
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (uid, uid, mode), p
    assert sb.exec(["sh", "-c", "echo more >> /workspace/mine/a.txt && cat /tmp/grader/test_x.py"]).stdout == "harness"


def test_harness_files_cannot_be_modified_renamed_or_deleted(sb):
    sb.write_files({"grader/test_x.py": b"harness", "h.txt": b"harness"}, dest="/tmp", owner=HARNESS_UID)
    attempts = ["echo x >> /tmp/grader/test_x.py", "echo x > /tmp/h.txt", "mv /tmp/grader/test_x.py /tmp/y",
                "mv /tmp/h.txt /tmp/y", "mv /tmp/grader /tmp/y", "rm -f /tmp/h.txt", "rm -rf /tmp/grader",
                "chmod 666 /tmp/h.txt", "touch /tmp/grader/conftest.py", "ln -f /tmp/h.txt /tmp/grader/z",
                "truncate -s 0 /tmp/h.txt"]
    script = "; ".join(f"{a} 2>/dev/null && echo 'DID {a}'" for a in attempts)
    res = sb.exec(["sh", "-c", script + "; cat /tmp/h.txt /tmp/grader/test_x.py"])
    assert "DID" not in res.stdout and res.stdout.endswith("harnessharness")
    assert sb.read_files("/tmp/grader") == {"test_x.py": b"harness"}
    assert sorted(p.name for p in (sb._root / "tmp").iterdir()) == ["grader", "h.txt"]


def test_put_tar_refuses_what_the_sandbox_planted(sb):
    sb.exec(["sh", "-c", "mkdir /tmp/planted && ln -s /etc /workspace/link && "
             "ln -s /etc/codedrift-pwned /workspace/f.txt && ln -s /etc /tmp/tlink"])
    with pytest.raises(PermissionError):  # a harness file in a directory the sandbox owns could be swapped
        sb.write_files({"t.py": b"x"}, dest="/tmp/planted", owner=HARNESS_UID)
    for dest in ("/workspace/link", "/tmp/tlink"):
        with pytest.raises(PermissionError):
            sb.write_files({"codedrift-pwned": b"x"}, dest=dest)
    sb.write_files({"f.txt": b"replaced"})  # replaces the symlink instead of writing through it
    with pytest.raises(PermissionError):
        sb.write_files({"x": b"x"}, dest="/etc")
    assert not Path("/etc/codedrift-pwned").exists()
    assert sb.read_file("/workspace/f.txt") == b"replaced" and not (sb._root / "workspace/f.txt").is_symlink()


def test_put_tar_streams_a_file_object(sb, tmp_path):
    import tarfile

    src = tmp_path / "t.tar"
    with tarfile.open(src, "w") as tar:
        for name, data in {"a/b.txt": b"1", "run.sh": b"#!/bin/sh\necho ran\n"}.items():
            (tmp_path / "f").write_bytes(data)
            info = tar.gettarinfo(tmp_path / "f", arcname=name)
            info.mode = 0o755 if name.endswith(".sh") else 0o600
            with open(tmp_path / "f", "rb") as f:
                tar.addfile(info, f)
    with open(src, "rb") as f:
        sb.put_tar("/workspace/sub", f)
    assert sb.exec(["sh", "-c", "cat a/b.txt && ./run.sh"], cwd="/workspace/sub").stdout == "1ran\n"


def test_user_namespaces_are_blocked(sb):
    code = ("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            "try:\n    os.unshare(os.CLONE_NEWUSER); print('UNSHARED')\n"
            "except AttributeError:\n"  # the image's Python 3.11 has no os.unshare
            "    print('UNSHARED' if libc.unshare(0x10000000) == 0 else f'unshare errno {ctypes.get_errno()}')\n"
            "except OSError as e:\n    print('unshare errno', e.errno)\n"
            "r = libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)\n"  # raw clone(CLONE_NEWUSER | SIGCHLD)
            "if r == 0: os._exit(0)\n"
            "print('CLONED' if r > 0 else f'clone errno {ctypes.get_errno()}')\n")
    res = sb.exec(["sh", "-c", "unshare -U true && echo UNSHARE_U; unshare -r true && echo UNSHARE_R; "
                   f"python3 -c \"{code}\""])
    assert "UNSHARE" not in res.stdout and "CLONED" not in res.stdout, res.stdout
    assert "unshare errno 1" in res.stdout and "clone errno 1" in res.stdout


def test_user_namespaces_stay_disabled_without_seccomp(sb, monkeypatch):
    """--disable-userns is a second wall: with an allow-all filter the kernel still refuses (ENOSPC:
    the namespace count limit bwrap sets to zero), where seccomp alone would say EPERM."""
    import struct

    from runner.sandbox import seccomp

    monkeypatch.setattr(seccomp, "program", lambda: struct.pack("=HBBI", 0x06, 0, 0, seccomp.RET_ALLOW))
    res = sb.exec(["sh", "-c", "grep ^Seccomp: /proc/self/status; unshare -U true && echo UNSHARED"])
    assert "UNSHARED" not in res.stdout and "No space left on device" in res.stderr


def test_mount_ptrace_and_friends_are_denied(sb):
    code = ("import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            "def errno(r): return 'OK' if r >= 0 else ctypes.get_errno()\n"
            "print('mount', errno(libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)))\n"
            "print('ptrace', errno(libc.ptrace(0, 0, 0, 0)))\n"  # PTRACE_TRACEME
            "print('bpf', errno(libc.syscall(321, 0, 0, 0)))\n"
            "print('keyctl', errno(libc.syscall(250, 0, 0, 0, 0, 0)))\n"
            "print('clone3', errno(libc.syscall(435, 0, 0)))\n")
    res = sb.exec(["sh", "-c", "mount -t tmpfs none /tmp && echo MOUNTED; grep ^Seccomp: /proc/self/status; "
                   f"python3 -c \"{code}\""])
    assert "MOUNTED" not in res.stdout
    assert res.stdout.split("\n")[:-1] == ["Seccomp:\t2", "mount 1", "ptrace 1", "bpf 1", "keyctl 1", "clone3 38"]
    # Ordinary process, thread and subprocess creation still works (glibc falls back from clone3).
    ok = sb.exec(["python3", "-c", "import subprocess, threading; t = threading.Thread(target=print, args=('t',)); "
                  "t.start(); t.join(); print(subprocess.run(['echo', 's'], capture_output=True).stdout)"])
    assert ok.stdout == "t\nb's\\n'\n"


def test_cpu_limit(make):
    sb = make(cpus=0.5)
    # Two busy processes for 3 wall seconds; unlimited they would use up to 6 CPU-seconds.
    code = textwrap.dedent("""
        import os, time
        end = time.monotonic() + 3
        for _ in range(2):
            if os.fork() == 0:
                while time.monotonic() < end:
                    pass
                os._exit(0)
        t0 = time.monotonic(); os.wait(); os.wait(); wall = time.monotonic() - t0
        t = os.times(); print((t.children_user + t.children_system) / wall)
    """)
    throttled_before = _throttled(sb)
    ratio = float(sb.exec(["python3", "-c", code]).stdout)
    assert 0.2 < ratio < 0.7, ratio
    assert _throttled(sb) > throttled_before


def _throttled(sb) -> int:
    stat_file = next(d for d in sb._cgroup.dirs if d.parent.name in ("cpu", "cgroup")) / "cpu.stat"
    return int(dict(line.split() for line in stat_file.read_text().splitlines())["nr_throttled"])


def test_respawning_setsid_fork_bomb_is_ended_at_its_deadline(sb):
    bomb = ("import os\nwhile True:\n    try:\n        if os.fork() == 0:\n            os.setsid()\n"
            "    except OSError:\n        pass\n")
    t0 = time.monotonic()
    res = sb.exec(["python3", "-c", bomb], timeout=2)
    assert res.timed_out and time.monotonic() - t0 < 15
    assert (sb._cgroup.procs).read_text() == ""
    assert sb.exec(["echo", "still usable"], timeout=10).stdout.strip() == "still usable"


def test_cgroup_kill_all_empties_a_respawning_bomb_without_a_pid_namespace():
    """The cgroup sweep alone (no bwrap, so no pid namespace to tear down) ends a bomb whose every
    process forks and leaves its session: freezing makes the kill atomic."""
    from runner.sandbox.cgroups import Cgroup

    if not Cgroup.available() or not Path("/usr/bin/python3").exists():
        pytest.skip("no writable cgroup tree or no /usr/bin/python3 on the host")
    cg = Cgroup(128 << 20, 32, 0.5)
    try:
        join = " ".join(f'echo $$ > "{d}/cgroup.procs";' for d in cg.dirs)
        bomb = "import os\nwhile True:\n    try:\n        os.fork() or os.setsid()\n    except OSError:\n        pass\n"
        subprocess.Popen(["sh", "-c", f'{join} exec "$@"', "sh", "setpriv", f"--reuid={SANDBOX_UID}",
                          f"--regid={SANDBOX_UID}", "--clear-groups", "--", "/usr/bin/python3", "-c", bomb])
        time.sleep(1)
        assert len(cg.procs.read_text().split()) > 5
        t0 = time.monotonic()
        assert cg.kill_all() and cg.procs.read_text() == ""
        assert time.monotonic() - t0 < 4
    finally:
        cg.remove()
    assert not any(d.exists() for d in cg.dirs)


def test_no_read_or_wait_outlives_the_deadline(sb):
    t0 = time.monotonic()  # never reads a large stdin
    res = sb.exec(["sleep", "60"], timeout=2, stdin=b"x" * (8 << 20))
    assert res.timed_out and time.monotonic() - t0 < 8
    t0 = time.monotonic()  # closes its pipes and keeps running
    res = sb.exec(["sh", "-c", "exec >&- 2>&- <&-; sleep 60"], timeout=2)
    assert res.timed_out and time.monotonic() - t0 < 8


def test_stdout_sink_cap_kills_the_writer(sb, tmp_path):
    with open(tmp_path / "out", "wb") as f:
        t0 = time.monotonic()
        res = sb.exec(["cat", "/dev/zero"], timeout=30, stdout_to=Sink(f, 1 << 20))
    assert res.truncated and res.stdout == "" and not res.timed_out and res.exit_code != 0
    assert time.monotonic() - t0 < 5
    assert (tmp_path / "out").stat().st_size <= 1 << 20
    assert sb._cgroup.procs.read_text() == ""


def test_sparse_giant_stops_at_the_copy_back_cap(make, tmp_path, monkeypatch):
    sb = make(file_mb=11 << 10, workspace_mb=64)
    assert sb.exec(["truncate", "-s", "10G", "/workspace/sparse"]).ok
    offered_after_cap = []  # the backend must stop reading (and kill tar) once the sink says no
    feed = Sink.feed

    def counting_feed(self, data):
        if self.over:
            offered_after_cap.append(len(data))
        return feed(self, data)

    monkeypatch.setattr(Sink, "feed", counting_feed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, a high-water mark
    with open(tmp_path / "copy.tar", "wb") as f:
        t0 = time.monotonic()
        with pytest.raises(CopyBackError, match="copy-back cap"):
            sb.get_tar("/workspace", f, 50 << 20)
    assert time.monotonic() - t0 < 10 and offered_after_cap == []
    assert (tmp_path / "copy.tar").stat().st_size <= 50 << 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 << 10


def test_close_leaves_no_mount_directory_or_cgroup(make):
    sb = make()
    sb.exec(["sh", "-c", "echo x > /workspace/f; echo y > /tmp/g; sleep 60 &"], timeout=5)
    root, cgroups = sb._root, list(sb._cgroup.dirs)
    sb.close()
    assert not root.exists() and not any(c.exists() for c in cgroups)
    assert not [m for m in mounts() if m[1].startswith(str(root))]


def test_sweep_unmounts_and_removes_dead_owners_leftovers():
    from runner.sandbox.bwrap import DIR_PREFIX, _mount_tmpfs, sweep_leftovers

    if os.geteuid() != 0:
        pytest.skip("needs root to mount")
    dead = subprocess.Popen(["true"])
    dead.wait()  # its pid now belongs to no process
    d = Path(tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{dead.pid}-"))
    (d / "workspace").mkdir()
    _mount_tmpfs(d / "workspace", 1, "mode=0755")
    (d / "workspace" / "f").write_text("x")
    sweep_leftovers()
    assert not d.exists() and not [m for m in mounts() if m[1].startswith(str(d))]
