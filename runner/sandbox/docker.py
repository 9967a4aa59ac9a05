"""Docker backend: one locked-down container per sandbox, driven through the docker SDK.

The SDK's exec has no timeout, so every command runs under `timeout -k` inside the container and a
host-side watchdog kills whatever is left at the deadline. Files move through `tar` over exec
stdin/stdout because the workspace is a tmpfs, which `docker cp` cannot see.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import ClassVar

from runner.sandbox.base import (
    SANDBOX_UID,
    WORKSPACE,
    ExecResult,
    OutputCap,
    Sandbox,
    SandboxError,
    SandboxUnavailable,
)

LABEL = "codedrift.sandbox"
KILL_GRACE_S = 2
WATCHDOG_GRACE_S = 5
# A directory is archived by its contents; a single file by its own name.
TAR_OUT = 'if [ -d "$1" ]; then tar -c -C "$1" .; elif [ -e "$1" ]; then ' \
    'tar -c -C "$(dirname "$1")" "$(basename "$1")"; else echo "no such file" >&2; exit 2; fi'


def client():
    """A connected docker client, or SandboxUnavailable with one sentence."""
    try:
        import docker

        c = docker.from_env(timeout=120)
        c.ping()
        return c
    except Exception as e:
        raise SandboxUnavailable(
            f"No Docker daemon is reachable ({type(e).__name__}); start Docker, set DOCKER_HOST, "
            "or use --sandbox bwrap."
        ) from None


def sweep_leftovers(c=None) -> int:
    """Remove containers left by codedrift processes that no longer exist on this host."""
    c = c or client()
    removed = 0
    for ctr in c.containers.list(all=True, filters={"label": LABEL}):
        owner = ctr.labels.get(f"{LABEL}.pid", "")
        host = ctr.labels.get(f"{LABEL}.host", "")
        if host == socket.gethostname() and owner.isdigit() and _alive(int(owner)):
            continue
        ctr.remove(force=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _close(sock) -> None:
    """Close the HTTP response behind a hijacked exec socket first: if it is collected after its
    socket is gone, its own close() fails (an unraisable exception on every exec)."""
    response = getattr(sock, "_response", None)
    if response is not None:
        with contextlib.suppress(Exception):
            response.close()
    sock.close()


@dataclass
class DockerSandbox(Sandbox):
    backend: ClassVar[str] = "docker"
    isolation: str = "container: no network, non-root, cap_drop=ALL, read-only root, cgroup limits"
    _client: object = field(default=None, repr=False)
    _ctr: object = field(default=None, repr=False)
    _keeper: str = field(default="", repr=False)

    def start(self) -> None:
        import docker.errors

        self._client = self._client or client()
        lim = self.limits
        try:
            self._ensure_image()
            self._ctr = self._client.containers.run(
                self.image,
                ["sleep", "infinity"],
                detach=True,
                init=True,  # reaps zombies the agent leaves behind
                user=f"{SANDBOX_UID}:{SANDBOX_UID}",
                network_mode="bridge" if self.network else "none",
                cap_drop=["ALL"],
                security_opt=["no-new-privileges"],
                read_only=True,
                tmpfs={
                    "/tmp": f"rw,nosuid,nodev,size={lim.tmp_mb}m,mode=1777",
                    WORKSPACE: f"rw,nosuid,nodev,size={lim.workspace_mb}m,uid={SANDBOX_UID},"
                    f"gid={SANDBOX_UID},mode=0755",
                },
                mem_limit=f"{lim.memory_mb}m",
                memswap_limit=f"{lim.memory_mb}m",  # equal to mem_limit: no extra swap
                nano_cpus=int(lim.cpus * 1e9),
                pids_limit=lim.pids,
                ulimits=[docker.types.Ulimit(name="fsize", soft=lim.file_mb << 20, hard=lim.file_mb << 20)],
                working_dir=WORKSPACE,
                volumes={host: {"bind": dest, "mode": "ro"} for host, dest in self.mounts.items()},
                environment={"HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"},
                labels={LABEL: "1", f"{LABEL}.pid": str(os.getpid()), f"{LABEL}.host": socket.gethostname()},
            )
            # PID 1 is docker-init; its only child is the keeper, which a timeout must not kill.
            children = self._ctr.exec_run(["cat", "/proc/1/task/1/children"]).output.decode().split()
        except docker.errors.DockerException as e:
            self.close()
            raise SandboxError(f"could not start a container from {self.image}: {e}") from e
        if not children:
            self.close()
            raise SandboxError(f"a container from {self.image} started without its keeper process")
        self._keeper = children[0]

    def _ensure_image(self) -> None:
        import docker.errors

        try:
            self._client.images.get(self.image)
        except docker.errors.ImageNotFound:
            try:  # the standard public images work where a registry is reachable
                self._client.images.pull(self.image)
            except docker.errors.DockerException:
                raise SandboxError(
                    f"image {self.image} is not available locally and could not be pulled; "
                    "run `codedrift images build`"
                ) from None

    def exec(self, cmd, *, timeout=None, env=None, cwd=WORKSPACE, stdin=None, user=None) -> ExecResult:
        res, _ = self._exec(cmd, timeout=timeout, env=env, cwd=cwd, stdin=stdin, user=user)
        return res

    def _exec(self, cmd, *, timeout=None, env=None, cwd=WORKSPACE, stdin=None, user=None, out_cap=None):
        from docker.utils.socket import frames_iter

        timeout = self.limits.timeout_s if timeout is None else timeout
        api = self._client.api
        wrapped = ["timeout", "-k", str(KILL_GRACE_S), str(timeout), *cmd]
        t0, since = time.monotonic(), time.time() - 0.5
        try:
            exec_id = api.exec_create(
                self._ctr.id, wrapped, stdin=stdin is not None, workdir=cwd, environment=env or {},
                user=str(SANDBOX_UID if user is None else user),
            )["Id"]
            sock = api.exec_start(exec_id, socket=True)
        except Exception as e:
            raise SandboxError(f"docker exec failed: {e}") from e
        fired = threading.Event()
        watchdog = threading.Timer(timeout + WATCHDOG_GRACE_S, self._kill_all, args=(fired,))
        watchdog.start()
        out = OutputCap(out_cap or self.limits.output_bytes)
        err = OutputCap(self.limits.output_bytes)
        try:
            if stdin is not None:
                raw = getattr(sock, "_sock", sock)
                raw.sendall(stdin)
                raw.shutdown(socket.SHUT_WR)
            for stream, data in frames_iter(sock, tty=False):
                (out if stream == 1 else err).feed(data)
        except OSError:
            pass  # the watchdog ended the stream
        finally:
            watchdog.cancel()
            _close(sock)
        duration = time.monotonic() - t0
        code = api.exec_inspect(exec_id).get("ExitCode")
        timed_out = fired.is_set() or (code in (124, 137) and duration >= timeout)
        if timed_out and not fired.is_set():
            self._kill_all(fired)  # `timeout` only reaches its process group; escapees die here
        res = ExecResult(
            exit_code=code,
            stdout=out.text(),
            stderr=err.text(),
            duration_s=duration,
            timed_out=timed_out,
            oom_killed=code != 0 and self._oom_since(since),
            truncated=bool(out.dropped or err.dropped),
        )
        return res, out.buf

    def _kill_all(self, fired: threading.Event) -> None:
        """Deadline passed and `timeout` did not end it (e.g. daemonised children): kill every process."""
        fired.set()
        script = (f'for p in /proc/[0-9]*; do n=${{p#/proc/}}; case "$n" in 1|{self._keeper}|$$) ;; '
                  '*) kill -9 "$n" 2>/dev/null;; esac; done')
        try:
            self._ctr.exec_run(["sh", "-c", script], user=f"{SANDBOX_UID}")
        except Exception:
            self._ctr.kill()

    def _oom_since(self, since: float) -> bool:
        # Only asked after a failed exec: the query blocks until `until`, so keep that just past now.
        events = self._client.api.events(
            since=f"{since:.3f}",
            until=f"{time.time() + 0.2:.3f}",
            filters={"container": self._ctr.id, "event": "oom"},
            decode=True,
        )
        try:
            return any(True for _ in events)
        finally:
            events.close()

    def put_tar(self, dest: str, data: bytes) -> None:
        res = self.exec(["sh", "-c", f'mkdir -p "{dest}" && tar -x -o -C "{dest}"'], stdin=data, timeout=120)
        if res.exit_code != 0:
            raise SandboxError(f"writing files to {dest} failed: {res.stderr.strip()[:500]}")

    def get_tar(self, path: str) -> bytes:
        res, data = self._exec(["sh", "-c", TAR_OUT, "sh", path], timeout=120,
                               out_cap=(self.limits.workspace_mb + self.limits.tmp_mb) << 20)
        if res.exit_code != 0:
            raise FileNotFoundError(f"{path}: {res.stderr.strip()[:300]}")
        return data

    def close(self) -> None:
        if self._ctr is not None:
            with contextlib.suppress(Exception):
                self._ctr.remove(force=True)
            self._ctr = None
