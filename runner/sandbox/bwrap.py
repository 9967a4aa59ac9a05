"""bubblewrap backend for hosts without a Docker daemon.

The image's root filesystem (built by `codedrift images build`) is bound read-only as `/`; the
workspace and /tmp are host directories bound read-write. Each exec is a fresh bwrap process with
every namespace unshared (so no network), a cleared environment and the sandbox uid. Limits come
from a per-sandbox cgroup where the host allows it, otherwise from rlimits (weaker: the isolation
label says which).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from codedrift import settings
from runner.sandbox.base import (
    SANDBOX_UID,
    WORKSPACE,
    ExecResult,
    OutputCap,
    Sandbox,
    SandboxError,
    SandboxUnavailable,
)
from runner.sandbox.cgroups import Cgroup

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DIR_PREFIX = "codedrift-bwrap-"


def sweep_leftovers() -> int:
    """Remove sandbox directories and empty cgroups left by codedrift processes that no longer exist."""
    from runner.sandbox.docker import _alive

    removed = 0
    for d in Path(tempfile.gettempdir()).glob(f"{DIR_PREFIX}*"):
        owner = d.name.removeprefix(DIR_PREFIX).split("-")[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(d, ignore_errors=True)
            removed += 1
    return removed + Cgroup.sweep(_alive)


def rootfs_for(image: str) -> Path:
    return settings.load().images_dir / image.replace("/", "_").replace(":", "_") / "rootfs"


_probed: dict[str, str] = {}


def _drop_root() -> list[str]:
    """As root, leave root before bwrap, so the sandbox's uid is an unprivileged host uid as well."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups", "--"]


def probe(rootfs: Path) -> None:
    """bwrap can fail silently (no user namespaces, seccomp): check once that it really isolates."""
    if str(rootfs) in _probed:
        return
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable("bubblewrap is not installed; install the `bubblewrap` package.")
    if not (rootfs / "workspace").is_dir():
        raise SandboxUnavailable(f"no image root filesystem at {rootfs}; run `codedrift images build`.")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o777)
        cmd = [*_drop_root(), *_bwrap_argv(rootfs, Path(tmp), Path(tmp), {}, WORKSPACE)]
        script = "id -u; cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '"
        p = subprocess.run([*cmd, "sh", "-c", script], capture_output=True, text=True, timeout=30, check=False)
    lines = p.stdout.split()
    if p.returncode != 0 or lines[:1] != [str(SANDBOX_UID)] or lines[1:] != ["lo"]:
        raise SandboxUnavailable(
            f"bubblewrap does not isolate on this host (exit {p.returncode}: {p.stderr.strip()[:200]}); "
            "enable unprivileged user namespaces or use Docker."
        )
    _probed[str(rootfs)] = "ok"


def _bwrap_argv(rootfs: Path, ws: Path, tmp: Path, env: dict[str, str], cwd: str, uid: int = SANDBOX_UID,
                mounts: dict[str, str] | None = None) -> list[str]:
    argv = ["bwrap", "--ro-bind", str(rootfs), "/", "--dev", "/dev", "--proc", "/proc",
            "--bind", str(ws), WORKSPACE, "--bind", str(tmp), "/tmp"]
    for host, dest in (mounts or {}).items():  # the mount point must exist in the image (e.g. /opt)
        argv += ["--ro-bind", host, dest]
    argv += ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
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

    def start(self) -> None:
        if self.network:
            raise SandboxUnavailable("the bwrap backend has no network mode; use Docker for networked agents.")
        self.rootfs = rootfs_for(self.image)
        probe(self.rootfs)
        self._root = Path(tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-"))
        self._root.chmod(0o755)  # the sandbox runs as an unprivileged host uid that must reach its binds
        for sub in ("workspace", "tmp"):
            (self._root / sub).mkdir()
            (self._root / sub).chmod(0o777)
        lim = self.limits
        if Cgroup.available():
            try:
                self._cgroup = Cgroup(lim.memory_mb << 20, lim.pids)
            except OSError as e:
                self.close()
                raise SandboxError(f"could not create the sandbox's cgroup: {e}") from e
            self.isolation = "bwrap: all namespaces unshared, non-root, read-only root, cgroup limits"
        else:
            self.isolation = "bwrap: all namespaces unshared, non-root, read-only root, rlimits only"

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

    def exec(self, cmd, *, timeout=None, env=None, cwd=WORKSPACE, stdin=None, user=None) -> ExecResult:
        timeout = self.limits.timeout_s if timeout is None else timeout
        uid = SANDBOX_UID if user is None else int(user)
        argv = _bwrap_argv(self.rootfs, self._root / "workspace", self._root / "tmp", env or {}, cwd, uid,
                           self.mounts)
        oom_before = self._cgroup.oom_kills() if self._cgroup else 0
        t0 = time.monotonic()
        proc = subprocess.Popen(
            [*self._launcher(), *argv, *cmd], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )
        out, err = OutputCap(self.limits.output_bytes), OutputCap(self.limits.output_bytes)
        readers = [threading.Thread(target=_drain, args=(s, cap), daemon=True)
                   for s, cap in ((proc.stdout, out), (proc.stderr, err))]
        for r in readers:
            r.start()
        if stdin is not None:
            try:
                proc.stdin.write(stdin)
                proc.stdin.close()
            except BrokenPipeError:
                pass
        timed_out = False
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
        if self._cgroup is not None:
            self._cgroup.kill_all()  # nothing outlives its exec, as in `docker exec` + timeout
        for r in readers:
            r.join(timeout=5)
        return ExecResult(
            exit_code=code if code >= 0 else 128 - code,
            stdout=out.text(),
            stderr=err.text(),
            duration_s=time.monotonic() - t0,
            timed_out=timed_out,
            oom_killed=bool(self._cgroup and self._cgroup.oom_kills() > oom_before),
            truncated=bool(out.dropped or err.dropped),
        )

    def _host_path(self, path: str) -> Path:
        for prefix, sub in ((WORKSPACE, "workspace"), ("/tmp", "tmp")):
            if path == prefix or path.startswith(prefix + "/"):
                host = (self._root / sub / path[len(prefix):].lstrip("/")).resolve()
                if host.is_relative_to(self._root / sub):
                    return host
        raise PermissionError(f"{path} is outside the sandbox's writable areas")

    def put_tar(self, dest: str, data: bytes) -> None:
        host = self._host_path(dest)
        host.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(host, filter="data")  # refuses absolute paths and links out of the tree
        for p in [host, *host.rglob("*")]:
            if not p.is_symlink():
                p.chmod(0o777 if p.is_dir() else 0o666)

    def get_tar(self, path: str) -> bytes:
        host = self._host_path(path)
        if not host.exists():
            raise FileNotFoundError(path)
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            if host.is_dir():
                for p in sorted(host.rglob("*")):
                    tar.add(p, arcname=p.relative_to(host).as_posix(), recursive=False)
            else:
                tar.add(host, arcname=host.name)
        return buf.getvalue()

    def close(self) -> None:
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None


def _drain(stream, cap: OutputCap) -> None:
    for chunk in iter(lambda: stream.read1(65536), b""):
        cap.feed(chunk)
    stream.close()


