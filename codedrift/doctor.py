"""`codedrift doctor`: what this host has and lacks to run the daily job, each lack with the command
that fixes it. It changes nothing: no database is created, no image built, no agent called."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core import db
from core.settings import Settings

DOCKER_FIX = ("start a Docker engine (Debian: `apt-get install docker.io`, then "
              "`dockerd --bridge=none --iptables=false &`), or install bubblewrap (`apt-get install bubblewrap`)")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str  # what was found, or what is missing and how to fix it


def sandbox_checks(cfg: Settings) -> Iterator[Check]:
    from runner import sandbox
    from runner.sandbox import SandboxUnavailable

    try:
        name = sandbox.detect(cfg.sandbox)
    except SandboxUnavailable:
        yield Check("sandbox", False, f"no Docker daemon answers and bubblewrap is not installed: {DOCKER_FIX}")
        return
    if name == "docker":
        try:
            from runner.sandbox.docker import client

            version = client().version().get("Version", "?")
            yield Check("sandbox", True, f"docker engine {version}")
        except SandboxUnavailable as e:
            yield Check("sandbox", False, f"{e} Fix: {DOCKER_FIX}")
    else:
        from runner.images import BASE
        from runner.sandbox.bwrap import probe, rootfs_for

        try:
            probe(rootfs_for(BASE.name))
            yield Check("sandbox", True, "bubblewrap isolates (user uid, seccomp, loopback only)")
        except SandboxUnavailable as e:
            yield Check("sandbox", False, str(e))


def image_checks(cfg: Settings) -> Iterator[Check]:
    from runner import images

    for name, rootfs, docker in images.status():
        missing = [what for what, have in (("root filesystem", rootfs), ("docker image", docker)) if have is False]
        if missing:
            yield Check(f"image {name}", False, f"{' and '.join(missing)} missing: run `codedrift images build`")
        else:
            where = "root filesystem" + (", docker image" if docker else "")
            yield Check(f"image {name}", True, f"{where} present ({cfg.images_dir})")


def database_check(cfg: Settings) -> Check:
    problems = db.schema_problems(cfg.db_url)
    shown = db.display_url(cfg.db_url)
    if problems:
        return Check("database", False, f"{shown}: {'; '.join(problems[:3])}: run `codedrift init`")
    return Check("database", True, f"{shown}: schema current")


def agent_checks(cfg: Settings) -> Iterator[Check]:
    """Every registered agent (read from a database whose schema is current): its adapter exists and
    the host has what it needs (keys, CLIs)."""
    from sqlmodel import select

    from core.schema import Agent
    from runner import agents
    from runner.agents.config import AgentConfigError

    with db.session(cfg.db_url) as s:
        rows = s.exec(select(Agent).where(Agent.simulated == False)).all()  # noqa: E712 (SQL, not Python)
    for row in rows:
        try:
            problems = agents.make(row.name, row.adapter, row.model, row.settings).problems()
        except AgentConfigError as e:
            problems = [f"{e}: fix it with `codedrift agents add {row.name} --adapter ADAPTER ...`"]
        yield Check(f"agent {row.name}", not problems, "; ".join(problems) or f"adapter {row.adapter} ready")


def diagnose(cfg: Settings) -> list[Check]:
    database = database_check(cfg)
    agents = list(agent_checks(cfg)) if database.ok else []  # else the database check says what to do
    return [*sandbox_checks(cfg), *image_checks(cfg), database, *agents]
