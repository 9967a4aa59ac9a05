"""Per-sandbox cgroups for the bwrap backend: memory, pids and CPU limits, OOM detection, kill-all.

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
CPU_PERIOD_US = 100_000
KILL_BOUND_S = 3.0  # kill_all gives up after this long, whatever the processes inside do


class Cgroup:
    def __init__(self, memory_bytes: int, pids: int, cpus: float | None = None):
        name = f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"  # the owner's pid: sweeps spare live sandboxes
        self.v2 = (ROOT / "cgroup.controllers").exists()
        self.limits: list[str] = []  # the controllers that really limit, for the isolation label
        self.freezer: Path | None = None
        self.procs: Path | None = None  # the list kill_all empties
        quota = None if cpus is None else max(1000, int(cpus * CPU_PERIOD_US))
        if self.v2:
            d = ROOT / name
            d.mkdir()
            self.dirs, self.procs = [d], d / "cgroup.procs"
            try:
                (d / "memory.max").write_text(str(memory_bytes))
                with contextlib.suppress(FileNotFoundError):
                    (d / "memory.swap.max").write_text("0")
                (d / "pids.max").write_text(str(pids))
                self.limits += ["memory", "pids"]
                if quota is not None and (d / "cpu.max").exists():
                    (d / "cpu.max").write_text(f"{quota} {CPU_PERIOD_US}")
                    self.limits.append("cpu")
            except OSError:
                self.remove()
                raise
            return
        # v1: one hierarchy per controller. memory and pids are required; cpu and freezer are used
        # where the host mounts them (freezer makes kill-all atomic against fork bombs).
        self.dirs = []
        try:
            for ctl in ("memory", "pids", "cpu", "freezer"):
                if ctl in ("cpu", "freezer") and not os.access(ROOT / ctl, os.W_OK):
                    continue
                d = ROOT / ctl / name
                d.mkdir()
                self.dirs.append(d)
                if ctl == "memory":
                    (d / "memory.limit_in_bytes").write_text(str(memory_bytes))
                    swap = d / "memory.memsw.limit_in_bytes"
                    if swap.exists():
                        swap.write_text(str(memory_bytes))
                elif ctl == "pids":
                    (d / "pids.max").write_text(str(pids))
                    self.procs = d / "cgroup.procs"
                elif ctl == "cpu":
                    if quota is None:
                        continue
                    (d / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
                    (d / "cpu.cfs_quota_us").write_text(str(quota))
                else:
                    self.freezer = d / "freezer.state"
                    continue
                self.limits.append(ctl)
        except OSError:
            self.remove()
            raise

    @staticmethod
    def available() -> bool:
        probe = ROOT / ("cgroup.procs" if (ROOT / "cgroup.controllers").exists() else "pids/cgroup.procs")
        return os.access(probe, os.W_OK) and os.access(probe.parent, os.W_OK)

    @staticmethod
    def sweep(alive) -> int:
        """Remove the cgroups of dead owners, killing anything a crash left running in them."""
        removed = 0
        for d in [*ROOT.glob(f"{PREFIX}*"), *ROOT.glob(f"*/{PREFIX}*")]:
            owner = d.name.removeprefix(PREFIX).split("-")[0]
            if not (owner.isdigit() and not alive(int(owner))):
                continue
            with contextlib.suppress(OSError):
                _kill_listed(d / "cgroup.procs")
            with contextlib.suppress(OSError):
                (d / "freezer.state").write_text("THAWED")  # frozen tasks cannot die
            if _rmdir(d):
                removed += 1
        return removed

    def oom_kills(self) -> int:
        path = self.dirs[0] / ("memory.events" if self.v2 else "memory.oom_control")
        try:
            return oom_kill_count(path)
        except OSError as e:
            raise SandboxError(f"the sandbox's cgroup is gone ({e.strerror}: {path})") from None

    def kill_all(self, bound_s: float = KILL_BOUND_S) -> bool:
        """SIGKILL every process in the cgroup until it is empty, or `bound_s` passes; True if empty."""
        kill_file = self.dirs[0] / "cgroup.kill"  # v2, kernel >= 5.14: one atomic write
        try:
            if self.v2 and kill_file.exists():
                kill_file.write_text("1")
            return freeze_kill(self.procs, self.freezer, bound_s=bound_s)
        except FileNotFoundError:
            return True  # already removed

    def remove(self) -> None:
        if self.procs is not None:
            self.kill_all()
        for d in self.dirs:
            _rmdir(d)


def freeze_kill(procs: Path, freezer: Path | None, spare: frozenset[int] = frozenset(),
                bound_s: float = KILL_BOUND_S) -> bool:
    """SIGKILL every process listed in `procs` but `spare` until none is left, or `bound_s` passes;
    True if none is left. Used for bwrap's own cgroups and for a Docker container's (from the host).

    A process can fork between our reading the list and our signal reaching it (a `setsid` fork bomb
    re-spawns as fast as it is killed), so each round first freezes the cgroup where it can: frozen
    processes cannot fork, and the SIGKILL queued to each takes effect as soon as it thaws.
    """
    end = time.monotonic() + bound_s
    while not _pids(procs) <= spare:  # nothing stray, the usual case: no freeze to pay for
        _freeze(freezer, "FROZEN", end)
        try:
            _kill_listed(procs, spare)
        finally:
            _freeze(freezer, "THAWED", end)
        if _pids(procs) <= spare:
            break
        if time.monotonic() >= end:
            return False
        time.sleep(0.01)
    return True


def oom_kill_count(path: Path) -> int:
    """The `oom_kill` counter of a memory.events (v2) or memory.oom_control (v1) file."""
    for line in path.read_text().splitlines():
        key, _, value = line.partition(" ")
        if key == "oom_kill":
            return int(value)
    return 0


def _pids(procs: Path) -> set[int]:
    return {int(p) for p in procs.read_text().split()}


def _freeze(freezer: Path | None, state: str, end: float) -> None:
    if freezer is None:
        return
    freezer.write_text(state)
    # Freezing completes asynchronously; a bounded wait, then kill anyway.
    while state == "FROZEN" and freezer.read_text().strip() != "FROZEN" and time.monotonic() < end:
        time.sleep(0.001)


def _kill_listed(procs: Path, spare: frozenset[int] = frozenset()) -> None:
    for pid in _pids(procs) - spare:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _rmdir(d: Path) -> bool:
    """rmdir fails (EBUSY) until the last killed process is fully gone: retry briefly."""
    for _ in range(50):
        try:
            d.rmdir()
            return True
        except FileNotFoundError:
            return True
        except OSError:
            time.sleep(0.02)
    return False
