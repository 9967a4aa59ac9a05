"""Installing agent CLIs from the npm registry into the data directory, once per version.

The installed package is mounted read-only into the agent's sandbox (at /opt), so the task image
needs nothing of the agent's and the grading sandbox never sees it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from core.settings import Settings

# adapter -> (npm package, executable inside the package)
NPM_CLIS = {"claude-code": ("@anthropic-ai/claude-code", "bin/claude.exe")}
MOUNT_POINT = "/opt"  # exists (empty) in Debian images; a read-only root cannot grow a new mount point


class InstallError(RuntimeError):
    pass


def install(cfg: Settings, adapter: str, version: str = "latest") -> Path:
    """The installed package directory (idempotent)."""
    if adapter not in NPM_CLIS:
        raise InstallError(f"no installer for adapter {adapter!r}; known: {', '.join(NPM_CLIS)}")
    if shutil.which("npm") is None:
        raise InstallError("npm is not installed; install Node.js and npm to install agent CLIs")
    package, _ = NPM_CLIS[adapter]
    resolved = _npm(["view", f"{package}@{version}", "version", "--json"])
    resolved = json.loads(resolved)
    resolved = resolved[-1] if isinstance(resolved, list) else resolved
    prefix = cfg.data_dir / "agents" / adapter / resolved
    pkg_dir = prefix / "node_modules" / package
    if not (prefix / "complete").exists():
        shutil.rmtree(prefix, ignore_errors=True)
        prefix.mkdir(parents=True)
        _npm(["install", "--prefix", str(prefix), "--no-audit", "--no-fund", f"{package}@{resolved}"])
        (prefix / "complete").write_text(resolved + "\n")
    return pkg_dir


def executable(adapter: str) -> str:
    return f"{MOUNT_POINT}/{NPM_CLIS[adapter][1]}"


def _npm(args: list[str]) -> str:
    p = subprocess.run(["npm", *args], capture_output=True, text=True, timeout=600, check=False)
    if p.returncode != 0:
        raise InstallError(f"npm {' '.join(args[:2])} failed: {p.stderr.strip()[-500:]}")
    return p.stdout
