"""The sandbox interface every backend implements, and the limits it enforces.

A backend only has to provide `exec` (with stdin and an optional streamed, capped stdout sink) and
`put_tar`; files and directories are moved as tar streams so both backends share one implementation
of everything else. Copy-back is streamed into a file with a byte cap, never held in memory whole.
"""

from __future__ import annotations

import io
import posixpath
import tarfile
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ClassVar, Self

WORKSPACE = "/workspace"
SANDBOX_UID = 65534  # "nobody": every command runs unprivileged
HARNESS_UID = 0  # owns the grader's files and the keeper process; holds no capabilities in the sandbox
GATEWAY_MOUNT = "/run/codedrift-gateway"  # the harness's egress gateway socket, bound into the sandbox
GATEWAY_PORT = 8480  # the in-sandbox forwarder's loopback port
READ_CAP = 64 << 20  # bytes of one read_files/read_file call
# Exit 3: no such path. A directory is archived by its contents, a single file by its own name. The
# sandbox's uid first makes what it owns readable: `chmod 000` must not hide work from grading.
TAR_OUT = ('[ -e "$1" ] || [ -L "$1" ] || exit 3; chmod -R u+rwX "$1" 2>/dev/null; '
           'if [ -d "$1" ]; then exec tar -c -C "$1" .; '
           'else exec tar -c -C "$(dirname "$1")" "$(basename "$1")"; fi')


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 300.0
    memory_mb: int = 1024
    cpus: float = 1.0
    pids: int = 256
    output_bytes: int = 2_000_000  # per stream, per exec
    workspace_mb: int = 512
    tmp_mb: int = 256
    file_mb: int = 256  # largest single file a process may write

    @property
    def copy_back_bytes(self) -> int:
        """Cap on a copied-back tar stream: the workspace plus headers. Sparse files count at their full
        apparent size, so a sparse giant stops here instead of filling the runner's memory or disk."""
        return (self.workspace_mb + 16) << 20


@dataclass
class ExecResult:
    exit_code: int | None
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool = False
    oom_killed: bool = False
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


class SandboxError(RuntimeError):
    """The sandbox itself failed (not the code inside it): an infrastructure error."""


class SandboxUnavailable(SandboxError):
    """The backend cannot run on this host; the message is one sentence saying why and what to do."""


class SandboxLost(RuntimeError):
    """The harness had to destroy the sandbox because of what ran in it (e.g. processes it could not
    otherwise stop): the attempt's own result, never an infra error."""


class CopyBackError(RuntimeError):
    """What the code in the sandbox left behind cannot be copied out (over the cap, unreadable):
    a property of the agent's work, not a harness failure."""


class Sink:
    """Streams a command's stdout into a file up to a byte cap; `feed` returns False once over it,
    and the backend then kills the command (it must not keep writing into our disk or memory)."""

    def __init__(self, fileobj: BinaryIO, cap: int):
        self.fileobj, self.cap, self.written, self.over = fileobj, cap, 0, False

    def feed(self, data: bytes) -> bool:
        if self.over:
            return False
        if self.written + len(data) > self.cap:
            self.over = True
            return False
        self.fileobj.write(data)
        self.written += len(data)
        return True


class OutputCap:
    """Keeps the head and the tail of a stream up to a byte cap, dropping the middle.

    The end matters as much as the start: a CLI's final result event, or a traceback, comes last.
    """

    def __init__(self, cap: int):
        self.cap, self.head, self.tail, self.dropped = cap, bytearray(), bytearray(), 0

    def feed(self, data: bytes) -> None:
        room = self.cap // 2 - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        self.tail += data
        excess = len(self.tail) - (self.cap - self.cap // 2)
        if excess > 0:
            del self.tail[:excess]
            self.dropped += excess

    @property
    def buf(self) -> bytes:
        return bytes(self.head + self.tail)

    def text(self) -> str:
        if not self.dropped:
            return self.buf.decode("utf-8", errors="replace")
        head, tail = (b.decode("utf-8", errors="replace") for b in (self.head, self.tail))
        return f"{head}\n[... {self.dropped} bytes cut by codedrift's output cap ...]\n{tail}"


@dataclass
class Sandbox(ABC):
    image: str
    limits: Limits = field(default_factory=Limits)
    # Host dir holding the egress gateway's socket. The sandbox never has a network interface beyond
    # loopback; with a gateway, a forwarder on loopback relays to this socket and nowhere else.
    gateway_dir: str | None = None
    mounts: dict[str, str] = field(default_factory=dict)  # host dir -> sandbox dir, read-only (agent CLIs)

    backend: ClassVar[str]
    isolation: str = "unknown"

    @abstractmethod
    def start(self) -> None: ...

    @abstractmethod
    def exec(
        self,
        cmd: list[str],
        *,
        timeout: float | None = None,
        env: dict[str, str] | None = None,
        cwd: str = WORKSPACE,
        stdin: bytes | None = None,
        user: int | None = None,
        stdout_to: Sink | None = None,
    ) -> ExecResult:
        """Run `cmd` (argv, no shell) with a hard timeout; `user` is a numeric uid (default 65534).

        With `stdout_to`, stdout goes to the sink instead of `ExecResult.stdout`, and the command is
        killed once the sink's cap is passed (`truncated` is then set)."""

    @abstractmethod
    def put_tar(self, dest: str, data: bytes | BinaryIO, *, owner: int | None = None) -> None:
        """Extract a tar stream at `dest` (inside the workspace or /tmp). `owner=HARNESS_UID` makes the
        files the harness's: readable but not writable, renamable or removable by the sandbox's uid."""

    def get_tar(self, path: str, sink: BinaryIO, cap: int) -> None:
        """Stream a tar of `path`'s contents (entries relative to `path`) into `sink`, at most `cap` bytes.

        Runs as the sandbox's uid, which first gives itself read access to everything it owns (a
        `chmod 000` file is still the agent's work). Raises FileNotFoundError, or CopyBackError with
        tar's own message."""
        res = self.exec(["sh", "-c", TAR_OUT, "sh", path], timeout=120, stdout_to=Sink(sink, cap))
        if res.truncated:
            raise CopyBackError(f"{path} is larger than the copy-back cap of {cap >> 20} MB "
                                "(sparse files count at their full size)")
        if res.exit_code == 3:
            raise FileNotFoundError(path)
        if res.exit_code != 0 or res.timed_out:
            why = "timed out" if res.timed_out else res.stderr.strip()[-300:]
            raise CopyBackError(f"tar of {path} failed (exit {res.exit_code}): {why}")

    def stop_all(self) -> None:  # noqa: B027  (a no-op where commands cannot outlive their exec)
        """Kill every process the sandbox's commands left running (before a snapshot: no writer may
        still be changing the workspace). Backends whose commands cannot outlive their exec need nothing."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Shared conveniences built on the primitives.
    def write_files(self, files: dict[str, bytes | str], dest: str = WORKSPACE, *, owner: int | None = None) -> None:
        self.put_tar(dest, pack({k: v.encode() if isinstance(v, str) else v for k, v in files.items()}), owner=owner)

    def copy_in(self, src: Path, dest: str = WORKSPACE, *, owner: int | None = None) -> None:
        self.put_tar(dest, pack_dir(src), owner=owner)

    def read_files(self, path: str = WORKSPACE, cap: int = READ_CAP) -> dict[str, bytes]:
        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as buf:
            self.get_tar(path, buf, cap)
            buf.seek(0)
            return unpack(buf)

    def read_file(self, path: str, cap: int = READ_CAP) -> bytes:
        files, name = self.read_files(path, cap), posixpath.basename(path)
        if list(files) != [name]:
            raise IsADirectoryError(path)
        return files[name]


def pack(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.uid, info.gid = len(data), 0o644, SANDBOX_UID, SANDBOX_UID
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def pack_dir(src: Path) -> bytes:
    files = {p.relative_to(src).as_posix(): p.read_bytes() for p in sorted(src.rglob("*")) if p.is_file()}
    return pack(files)


def unpack(data: bytes | BinaryIO) -> dict[str, bytes]:
    """Regular files of a tar stream, by relative path; links and devices are ignored on purpose."""
    out: dict[str, bytes] = {}
    fileobj = io.BytesIO(data) if isinstance(data, bytes) else data
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        for member in tar:
            if member.isfile():
                name = member.name.removeprefix("./")
                out[name] = tar.extractfile(member).read()
    return out
