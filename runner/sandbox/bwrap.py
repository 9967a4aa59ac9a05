"""bubblewrap backend for hosts without a Docker daemon.

The image's root filesystem (built by `codedrift images build`) is bound read-only as `/`. Each exec
is a fresh bwrap process with every namespace unshared (so no network), user namespaces disabled
inside, a seccomp filter, a cleared environment and the sandbox uid; its pid namespace dies with it,
so nothing outlives an exec. As root, bwrap itself runs as the unprivileged host uid 65534, the
workspace and /tmp are size-limited tmpfs mounts, and limits come from a per-sandbox cgroup. Without
root, the fallbacks (plain directories, rlimits) are weaker and the isolation label says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import posixpath
import selectors
import shutil
import signal
import stat
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ClassVar

from core import settings
from runner.sandbox import seccomp
from runner.sandbox.base import (
    HARNESS_UID,
    SANDBOX_UID,
    WORKSPACE,
    ExecResult,
    OutputCap,
    Sandbox,
    SandboxError,
    SandboxLost,
    SandboxUnavailable,
    Sink,
)
from runner.sandbox.cgroups import Cgroup

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DIR_PREFIX = "codedrift-bwrap-"
MOUNT_SOURCE = "codedrift-sandbox"  # the device name of our tmpfs mounts in /proc/mounts
SHM_MB = 64  # /dev/shm, as in Docker
KILL_GRACE_S = 3.0  # after a kill, how long we still wait for pipes to close and the process to go
_AREAS = ((WORKSPACE, "workspace"), ("/tmp", "tmp"))
_libc = ctypes.CDLL(None, use_errno=True)
_MS_NOSUID, _MS_NODEV, _MNT_DETACH = 2, 4, 2


def _is_root() -> bool:
    return os.geteuid() == 0


def sweep_leftovers() -> int:
    """Remove sandbox mounts, directories and cgroups left by codedrift processes that no longer exist."""
    from runner.sandbox.docker import _alive

    removed = 0
    for d in Path(tempfile.gettempdir()).glob(f"{DIR_PREFIX}*"):
        owner = d.name.removeprefix(DIR_PREFIX).split("-")[0]
        if owner.isdigit() and not _alive(int(owner)) and _unmount_all(d):
            shutil.rmtree(d, ignore_errors=True)  # only once nothing is mounted below: never into a mount
            removed += 1
    return removed + Cgroup.sweep(_alive)


def _mounts_under(d: Path) -> list[str]:
    """Mount points at or below `d`, deepest first (/proc/mounts escapes spaces and such as octal)."""
    prefix = str(d).rstrip("/") + "/"
    with open("/proc/self/mounts", encoding="utf-8") as f:
        points = [line.split()[1].encode().decode("unicode_escape") for line in f]
    return sorted({p for p in points if (p + "/").startswith(prefix)}, key=len, reverse=True)


def _unmount_all(d: Path) -> bool:
    """Unmount everything below `d`: normally, else lazily (detached, so the directory can go now and
    the memory is freed once the last user is gone). True when nothing is mounted there any more."""
    for point in _mounts_under(d):
        path = point.encode()
        if _libc.umount2(path, 0) != 0 and _libc.umount2(path, _MNT_DETACH) != 0:
            return False
    return not _mounts_under(d)


def _mount_tmpfs(path: Path, size_mb: int, options: str) -> None:
    data = f"size={size_mb}m,{options}".encode()
    if _libc.mount(MOUNT_SOURCE.encode(), str(path).encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, data) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e), str(path))


def _private_dir() -> Path:
    """A host directory only root and the sandbox's host uid can enter (bwrap runs as that uid and must
    reach its bind sources). Nothing under it is world-writable."""
    d = Path(tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-"))  # mode 0700
    if _is_root():
        os.chown(d, SANDBOX_UID, SANDBOX_UID)
    return d


def rootfs_for(image: str) -> Path:
    return settings.load().images_dir / image.replace("/", "_").replace(":", "_") / "rootfs"


_probed: dict[str, str] = {}


def _drop_root() -> list[str]:
    """As root, leave root before bwrap, so the sandbox's uid is an unprivileged host uid as well."""
    if not _is_root():
        return []
    return ["setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups", "--"]


def _seccomp_fd() -> int:
    """A pipe's read end holding the filter; bwrap reads it whole and closes it before the command runs.
    The program (a few hundred bytes) fits in the pipe's buffer, so writing it cannot block."""
    r, w = os.pipe()
    try:
        os.write(w, seccomp.program())
    finally:
        os.close(w)
    return r


def probe(rootfs: Path) -> None:
    """bwrap can fail silently (no user namespaces, seccomp): check once that it really isolates."""
    if str(rootfs) in _probed:
        return
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable("bubblewrap is not installed; install the `bubblewrap` package.")
    if not (rootfs / "workspace").is_dir():
        raise SandboxUnavailable(f"no image root filesystem at {rootfs}; run `codedrift images build`.")
    root = _private_dir()
    fd = _seccomp_fd()
    try:
        for sub in ("workspace", "tmp"):
            (root / sub).mkdir()
            if _is_root():
                os.chown(root / sub, SANDBOX_UID, SANDBOX_UID)
        cmd = [*_drop_root(), *_bwrap_argv(rootfs, root, {}, WORKSPACE, seccomp_fd=fd)]
        script = "id -u; grep ^Seccomp: /proc/self/status | cut -f2; cat /proc/net/dev | tail -n +3 | cut -d: -f1"
        p = subprocess.run([*cmd, "sh", "-c", script], capture_output=True, text=True, timeout=30, check=False,
                           pass_fds=(fd,))
    finally:
        os.close(fd)
        shutil.rmtree(root, ignore_errors=True)
    lines = p.stdout.split()
    if p.returncode != 0 or lines != [str(SANDBOX_UID), "2", "lo"]:  # Seccomp: 2 is "filter mode"
        raise SandboxUnavailable(
            f"bubblewrap does not isolate on this host (exit {p.returncode}: {p.stderr.strip()[:200]}); "
            "it needs user namespaces, seccomp and bubblewrap >= 0.8, else use Docker."
        )
    _probed[str(rootfs)] = "ok"


def _bwrap_argv(rootfs: Path, root: Path, env: dict[str, str], cwd: str, uid: int = SANDBOX_UID,
                mounts: dict[str, str] | None = None, *, seccomp_fd: int) -> list[str]:
    argv = ["bwrap", "--ro-bind", str(rootfs), "/", "--proc", "/proc",
            # bwrap's /dev is a tmpfs the sandbox's uid owns: give /dev/shm a size, then make /dev
            # itself read-only (device nodes stay usable) so it is no unlimited scratch space.
            "--dev", "/dev", "--perms", "1777", "--size", str(SHM_MB << 20), "--tmpfs", "/dev/shm",
            "--remount-ro", "/dev",
            "--bind", str(root / "workspace"), WORKSPACE, "--bind", str(root / "tmp"), "/tmp"]
    for host, dest in (mounts or {}).items():  # the mount point must exist in the image (e.g. /opt)
        argv += ["--ro-bind", host, dest]
    # --disable-userns (a second wall next to seccomp) needs an explicit --unshare-user.
    argv += ["--unshare-all", "--unshare-user", "--disable-userns", "--seccomp", str(seccomp_fd),
             "--die-with-parent", "--new-session", "--cap-drop", "ALL",
             "--uid", str(uid), "--gid", str(uid), "--hostname", "sandbox", "--clearenv", "--chdir", cwd]
    base = {"PATH": PATH, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}
    for key, value in {**base, **env}.items():
        argv += ["--setenv", key, value]
    return [*argv, "--"]


@dataclass
class BwrapSandbox(Sandbox):
    backend: ClassVar[str] = "bwrap"
    _root: Path | None = field(default=None, repr=False)
    _cgroup: Cgroup | None = field(default=None, repr=False)
    _lost: str | None = field(default=None, repr=False)

    def start(self) -> None:
        # Each exec has its own network namespace, so a loopback forwarder to an egress gateway could
        # not outlive one command: networked (gateway) sandboxes are Docker's.
        if self.gateway_dir:
            raise SandboxUnavailable("the bwrap backend has no network gateway; use Docker for networked agents.")
        self.rootfs = rootfs_for(self.image)
        probe(self.rootfs)
        lim = self.limits
        self._root = _private_dir()
        try:
            disk = self._make_areas()
            if Cgroup.available():
                self._cgroup = Cgroup(lim.memory_mb << 20, lim.pids, lim.cpus)
                limits = f"cgroup {'/'.join(self._cgroup.limits)} limits"
            else:
                limits = "rlimits only"
        except OSError as e:
            self.close()
            raise SandboxError(f"could not set up the sandbox's mounts or cgroup: {e}") from e
        self.isolation = ("bwrap: all namespaces unshared, non-root, read-only root, seccomp, "
                          f"no user namespaces, {limits}, {disk}")

    def _make_areas(self) -> str:
        """The workspace (the sandbox's, 0755) and /tmp (root's, group 65534 may write, sticky: files
        the harness puts there cannot be renamed or removed by the sandbox; not world-writable).
        As root they are host tmpfs mounts, so filling one is ENOSPC inside, not a full host disk."""
        lim, ws, tmp = self.limits, self._root / "workspace", self._root / "tmp"
        ws.mkdir(mode=0o700)
        tmp.mkdir(mode=0o700)
        if not _is_root():
            # No private mounts, no chown: the directories belong to the caller, whom the sandbox's
            # uid is mapped to, so its files are the harness's files too.
            return "no disk quota, harness files not write-protected"
        ws_opts, tmp_opts = f"mode=0755,uid={SANDBOX_UID},gid={SANDBOX_UID}", f"mode=1770,uid=0,gid={SANDBOX_UID}"
        try:
            _mount_tmpfs(ws, lim.workspace_mb, ws_opts)
            _mount_tmpfs(tmp, lim.tmp_mb, tmp_opts)
            return f"tmpfs workspace {lim.workspace_mb} MB, tmpfs /tmp {lim.tmp_mb} MB"
        except PermissionError:  # root without CAP_SYS_ADMIN (e.g. in a container): plain directories
            _unmount_all(self._root)
            os.chown(ws, SANDBOX_UID, SANDBOX_UID)
            ws.chmod(0o755)
            os.chown(tmp, 0, SANDBOX_UID)
            tmp.chmod(0o1770)
            return "no disk quota"

    def _launcher(self) -> list[str]:
        """Host-side prefix: join the sandbox's cgroup, set rlimits, then exec bwrap.

        A shell prelude rather than `preexec_fn`, which is unsafe to fork with while worker threads run.
        """
        lim = self.limits
        limits = [f"--fsize={lim.file_mb << 20}", "--core=0"]
        if self._cgroup is None:  # no cgroup: address-space and process-count rlimits are the best we can do
            limits += [f"--as={(lim.memory_mb + 2048) << 20}", f"--nproc={lim.pids}"]
        join = " ".join(f'echo $$ > "{d}/cgroup.procs";' for d in (self._cgroup.dirs if self._cgroup else []))
        return ["sh", "-c", f'{join} exec "$@"', "sh", "prlimit", *limits, "--", *_drop_root()]

    def exec(self, cmd, *, timeout=None, env=None, cwd=WORKSPACE, stdin=None, user=None,
             stdout_to: Sink | None = None) -> ExecResult:
        """One select loop over the pipes, so that no read, write or wait outlives the deadline (plus
        KILL_GRACE_S) whatever the command does: never write its stdin, hold pipes open, fork."""
        if self._lost:
            raise SandboxLost(self._lost)
        timeout = self.limits.timeout_s if timeout is None else timeout
        uid = SANDBOX_UID if user is None else int(user)
        fd = _seccomp_fd()
        try:
            argv = _bwrap_argv(self.rootfs, self._root, env or {}, cwd, uid, self.mounts, seccomp_fd=fd)
            oom_before = self._cgroup.oom_kills() if self._cgroup else 0
            t0 = time.monotonic()
            proc = subprocess.Popen(
                [*self._launcher(), *argv, *cmd], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, pass_fds=(fd,), bufsize=0,
            )
        finally:
            os.close(fd)
        deadline = t0 + timeout
        out, err = OutputCap(self.limits.output_bytes), OutputCap(self.limits.output_bytes)
        timed_out = over = False
        killed_at: float | None = None

        def kill() -> None:
            nonlocal killed_at
            if killed_at is None:
                killed_at = time.monotonic()
                self._kill(proc)

        pending = memoryview(stdin or b"")
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ, out)
            sel.register(proc.stderr, selectors.EVENT_READ, err)
            if stdin is not None:
                os.set_blocking(proc.stdin.fileno(), False)
                sel.register(proc.stdin, selectors.EVENT_WRITE, None)
            while sel.get_map():
                now = time.monotonic()
                if killed_at is None and now >= deadline:
                    timed_out = True
                    kill()
                until = deadline if killed_at is None else killed_at + KILL_GRACE_S
                if now >= until:
                    break  # killed, yet something still holds a pipe: stop waiting for it
                for key, _ in sel.select(timeout=until - now):
                    f = key.fileobj
                    if key.data is None:  # stdin
                        try:
                            pending = pending[os.write(f.fileno(), pending[:65536]):]
                        except BlockingIOError:
                            continue
                        except OSError:  # the command closed its stdin: the rest is not wanted
                            pending = pending[:0]
                        if not pending:
                            sel.unregister(f)
                            f.close()
                        continue
                    data = os.read(f.fileno(), 65536)
                    if not data:
                        sel.unregister(f)
                    elif key.data is err or stdout_to is None:
                        key.data.feed(data)
                    elif not stdout_to.feed(data):
                        over = True  # past the sink's cap: the writer must not go on filling our disk
                        sel.unregister(f)
                        kill()
        for f in (proc.stdin, proc.stdout, proc.stderr):
            if f is not None:
                f.close()
        if killed_at is None:  # the pipes closed, but the command may still run (e.g. `exec >&-; sleep`)
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                timed_out = True
                kill()
        grace_end = (killed_at or time.monotonic()) + KILL_GRACE_S
        try:
            code = proc.wait(timeout=max(0.1, grace_end - time.monotonic()))
        except subprocess.TimeoutExpired:  # unkillable (stuck in the kernel): report no exit code
            code = None
        # Nothing outlives its exec, as in `docker exec` + timeout. If something did, the sandbox is no
        # longer what put_tar assumes (nothing running between execs): it is lost, by its code's doing.
        if self._cgroup is not None and not self._cgroup.kill_all(max(0.5, grace_end - time.monotonic())):
            self._lost = "processes in the sandbox could not be stopped"
        elif code is None and self._cgroup is None:  # no cgroup to tell: its pid namespace may live on
            self._lost = "the sandbox's bwrap process could not be stopped"
        if self._lost:
            raise SandboxLost(self._lost)
        return ExecResult(
            exit_code=None if code is None else code if code >= 0 else 128 - code,
            stdout=out.text(),
            stderr=err.text(),
            duration_s=time.monotonic() - t0,
            timed_out=timed_out,
            oom_killed=bool(self._cgroup and self._cgroup.oom_kills() > oom_before),
            truncated=bool(over or out.dropped or err.dropped),
        )

    def _kill(self, proc: subprocess.Popen) -> None:
        """Kill bwrap (its pid namespace, and so everything in the sandbox, dies with it), then sweep
        the cgroup for anything that was between fork and namespace teardown."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        if self._cgroup is not None:
            self._cgroup.kill_all()

    def put_tar(self, dest: str, data: bytes | BinaryIO, *, owner: int | None = None) -> None:
        """Extract on the host side, streaming. This runs as root in directories the sandbox's uid can
        write, but no sandbox process runs between execs (see `exec`), so what we check stays true:
        no symlinks are followed on the way to `dest` or inside it, existing files are replaced rather
        than written through, and for owner=0 every directory on the way must be root's already."""
        if self._lost:
            raise SandboxLost(self._lost)
        uid = SANDBOX_UID if owner is None else int(owner)
        host = self._makedirs(*self._area(dest), uid)
        fileobj = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data

        def own(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo:
            member = tarfile.data_filter(member, path)  # no absolute paths, escapes, devices, setuid
            mode = None if member.issym() else 0o755 if member.mode & 0o100 else 0o644
            return member.replace(uid=uid, gid=uid, uname=None, gname=None, mode=mode, deep=False)

        try:
            with tarfile.open(fileobj=fileobj, mode="r|*") as tar:
                for member in tar:
                    rel = posixpath.normpath(member.name.lstrip("/"))
                    if member.isdir():  # made by us with the right owner and mode, like missing parents
                        self._makedirs(host, rel, uid)
                        continue
                    self._makedirs(host, posixpath.dirname(rel), uid)
                    target = host / rel
                    if target.is_symlink() or (target.exists() and not target.is_dir()):
                        target.unlink()  # a fresh inode: never write through a link the sandbox made
                    tar.extract(member, host, filter=own, numeric_owner=True)
        except (PermissionError, IsADirectoryError, NotADirectoryError):
            raise  # the sandbox's own doing (what it made where files are to go)
        except (tarfile.TarError, OSError) as e:
            raise SandboxError(f"writing files to {dest} failed: {e}") from e

    def _area(self, path: str) -> tuple[Path, str]:
        """The host directory of the writable area `path` is in, and `path` relative to it."""
        for prefix, sub in _AREAS:
            if path == prefix or path.startswith(prefix + "/"):
                return self._root / sub, posixpath.normpath(path[len(prefix):].lstrip("/") or ".")
        raise PermissionError(f"{path} is outside the sandbox's writable areas")

    @staticmethod
    def _makedirs(base: Path, rel: str, uid: int) -> Path:
        """`base/rel`, creating missing directories owned by `uid` (0755), refusing symlinks and, for
        harness-owned files, directories the sandbox owns (it could swap their contents later)."""
        path = base
        for part in Path(rel).parts:
            if part in (".", ".."):
                if part == "..":
                    raise PermissionError(f"{rel}: '..' is not allowed")
                continue
            path = path / part
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                path.mkdir(mode=0o755)
                path.chmod(0o755)  # whatever the umask
                if _is_root():
                    os.lchown(path, uid, uid)
                continue
            if not stat.S_ISDIR(st.st_mode):
                raise PermissionError(f"{path.relative_to(base)} in the sandbox is not a directory")
            if uid == HARNESS_UID and _is_root() and st.st_uid != HARNESS_UID:
                raise PermissionError(f"{path.relative_to(base)} belongs to the sandbox's user, "
                                      "so harness files there would not be safe")
        return path

    def close(self) -> None:
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None
        if self._root is not None:
            if _unmount_all(self._root):
                shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
