"""Sandboxes: one interface (`Sandbox`), several backends, chosen explicitly or detected."""

from __future__ import annotations

from runner.sandbox.base import (
    CopyBackError,
    ExecResult,
    Limits,
    Sandbox,
    SandboxError,
    SandboxLost,
    SandboxUnavailable,
)

__all__ = ["CopyBackError", "ExecResult", "Limits", "Sandbox", "SandboxError", "SandboxLost", "SandboxUnavailable",
           "backend", "detect", "sweep"]


def backend(name: str) -> type[Sandbox]:
    if name == "docker":
        from runner.sandbox.docker import DockerSandbox

        return DockerSandbox
    if name == "bwrap":
        from runner.sandbox.bwrap import BwrapSandbox

        return BwrapSandbox
    raise SandboxUnavailable(f"unknown sandbox backend {name!r}; choose docker or bwrap.")


def detect(preferred: str = "auto") -> str:
    """The backend to use: the one asked for, else Docker if a daemon answers, else bwrap."""
    if preferred != "auto":
        return preferred
    from runner.sandbox import docker

    try:
        docker.client()
        return "docker"
    except SandboxUnavailable as no_docker:
        import shutil

        if shutil.which("bwrap"):
            return "bwrap"
        raise SandboxUnavailable(
            f"{no_docker} bubblewrap is not installed either: install Docker or the bubblewrap package."
        ) from None


def sweep(name: str) -> int:
    """Remove what crashed runs of this backend left behind (containers, directories, cgroups)."""
    if name == "docker":
        from runner.sandbox.docker import sweep_leftovers
    else:
        from runner.sandbox.bwrap import sweep_leftovers
    return sweep_leftovers()
