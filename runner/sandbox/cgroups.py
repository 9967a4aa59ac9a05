"""Per-sandbox cgroups for the bwrap backend: memory and pids limits, OOM detection, kill-all.

Used where the host lets us write to the cgroup tree (root, or a delegated subtree); otherwise the
bwrap backend falls back to rlimits and says so in its isolation label.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path

from runner.sandbox.base import SandboxError

ROOT = Path("/sys/fs/cgroup")
PREFIX = "codedrift-"


class Cgroup:
    def __init__(self, memory_bytes: int, pids: int):
        name = f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"  # the owner's pid: sweeps spare live sandboxes
        self.v2 = (ROOT / "cgroup.controllers").exists()
        if self.v2:
            self.dirs = [ROOT / name]
            self.dirs[0].mkdir()
            (self.dirs[0] / "memory.max").write_text(str(memory_bytes))
            (self.dirs[0] / "memory.swap.max").write_text("0")
            (self.dirs[0] / "pids.max").write_text(str(pids))
        else:
            self.dirs = [ROOT / "memory" / name, ROOT / "pids" / name]
            for d in self.dirs:
                d.mkdir()
            (self.dirs[0] / "memory.limit_in_bytes").write_text(str(memory_bytes))
            swap = self.dirs[0] / "memory.memsw.limit_in_bytes"
            if swap.exists():
                swap.write_text(str(memory_bytes))
            (self.dirs[1] / "pids.max").write_text(str(pids))

    @staticmethod
    def available() -> bool:
        probe = ROOT / ("cgroup.procs" if (ROOT / "cgroup.controllers").exists() else "pids/cgroup.procs")
        return os.access(probe, os.W_OK) and os.access(probe.parent, os.W_OK)

    @staticmethod
    def sweep(alive) -> int:
        """Remove the cgroups of dead owners (a live sandbox's cgroup is empty between its execs)."""
        removed = 0
        for d in [*ROOT.glob(f"{PREFIX}*"), *ROOT.glob(f"*/{PREFIX}*")]:
            owner = d.name.removeprefix(PREFIX).split("-")[0]
            if owner.isdigit() and not alive(int(owner)):
                with contextlib.suppress(OSError):
                    d.rmdir()
                    removed += 1
        return removed

    def oom_kills(self) -> int:
        path = self.dirs[0] / ("memory.events" if self.v2 else "memory.oom_control")
        try:
            lines = path.read_text().splitlines()
        except OSError as e:
            raise SandboxError(f"the sandbox's cgroup is gone ({e.strerror}: {path})") from None
        for line in lines:
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def kill_all(self) -> None:
        for _ in range(50):
            pids = [int(p) for p in (self.dirs[-1] / "cgroup.procs").read_text().split()]
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)

    def remove(self) -> None:
        self.kill_all()
        for d in self.dirs:
            with contextlib.suppress(OSError):
                d.rmdir()
