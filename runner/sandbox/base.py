"""The sandbox interface every backend implements, and the limits it enforces.

A backend only has to provide `exec` (with stdin), `put_tar` and `get_tar`; files and directories
are moved as tar streams so both backends share one implementation of everything else.
"""

from __future__ import annotations

import io
import posixpath
import tarfile
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Self

WORKSPACE = "/workspace"
SANDBOX_UID = 65534  # "nobody": every command runs unprivileged


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
    network: bool = False
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
    ) -> ExecResult:
        """Run `cmd` (argv, no shell) with a hard timeout; `user` is a numeric uid (default 65534)."""

    @abstractmethod
    def put_tar(self, dest: str, data: bytes) -> None:
        """Extract a tar stream at `dest` (inside the workspace or /tmp)."""

    @abstractmethod
    def get_tar(self, path: str) -> bytes:
        """A tar stream of `path`'s contents (entries relative to `path`)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Shared conveniences built on the three primitives.
    def write_files(self, files: dict[str, bytes | str], dest: str = WORKSPACE) -> None:
        self.put_tar(dest, pack({k: v.encode() if isinstance(v, str) else v for k, v in files.items()}))

    def copy_in(self, src: Path, dest: str = WORKSPACE) -> None:
        self.put_tar(dest, pack_dir(src))

    def read_files(self, path: str = WORKSPACE) -> dict[str, bytes]:
        return unpack(self.get_tar(path))

    def read_file(self, path: str) -> bytes:
        files, name = unpack(self.get_tar(path)), posixpath.basename(path)
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


def unpack(data: bytes) -> dict[str, bytes]:
    """Regular files of a tar stream, by relative path; links and devices are ignored on purpose."""
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        for member in tar:
            if member.isfile():
                name = member.name.removeprefix("./")
                out[name] = tar.extractfile(member).read()
    return out
