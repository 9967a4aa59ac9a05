"""Local base images, built offline from Debian packages so tasks run without any image registry.

One root filesystem serves both backends: bwrap binds it read-only as `/`, Docker gets it through
`docker import`. Production deployments can instead name any public image in a task.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from codedrift import settings
from runner.sandbox.base import SANDBOX_UID
from runner.sandbox.bwrap import rootfs_for

MIRROR = os.environ.get("CODEDRIFT_DEBIAN_MIRROR", "http://deb.debian.org/debian")
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class ImageSpec:
    name: str
    suite: str
    packages: tuple[str, ...]


# Bump the tag when the package list changes, so old task results keep naming the image they used.
BASE = ImageSpec("codedrift/base:bookworm-1", "bookworm", ("python3", "python3-pytest", "nodejs"))
IMAGES = {BASE.name: BASE}


def build(spec: ImageSpec = BASE, docker: bool = True, log=print) -> None:
    rootfs = rootfs_for(spec.name)
    if not (rootfs.parent / "complete").exists():
        _debootstrap(spec, rootfs, log)
    else:
        log(f"{spec.name}: root filesystem present at {rootfs}")
    if docker:
        _docker_import(spec, rootfs, log)


def _debootstrap(spec: ImageSpec, rootfs: Path, log) -> None:
    if shutil.which("debootstrap") is None or os.geteuid() != 0:
        raise SystemExit(
            "Building base images needs root and debootstrap (apt-get install debootstrap); "
            "or point tasks at a public image your Docker can pull."
        )
    shutil.rmtree(rootfs.parent, ignore_errors=True)
    rootfs.mkdir(parents=True)
    log(f"{spec.name}: debootstrap {spec.suite} + {', '.join(spec.packages)} (about a minute)")
    cmd = ["debootstrap", "--variant=minbase", f"--include={','.join(spec.packages)}",
           spec.suite, str(rootfs), MIRROR]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"debootstrap failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for p in (rootfs / junk).glob("*"):
            if p.is_file():
                p.unlink()
    (rootfs / "workspace").mkdir(exist_ok=True)  # mount point: a read-only root cannot grow one
    os.chown(rootfs / "workspace", SANDBOX_UID, SANDBOX_UID)
    (rootfs.parent / "complete").write_text(spec.name + "\n")


def _docker_import(spec: ImageSpec, rootfs: Path, log) -> None:
    from runner.sandbox.docker import client

    c = client()
    if any(spec.name in (img.tags or []) for img in c.images.list(name=spec.name.split(":")[0])):
        log(f"{spec.name}: docker image present")
        return
    log(f"{spec.name}: docker import")
    tar_path = rootfs.parent / "rootfs.tar"
    with tarfile.open(tar_path, "w") as tar:
        tar.add(rootfs, arcname=".")
    repo, tag = spec.name.rsplit(":", 1)
    with open(tar_path, "rb") as fh:
        c.api.import_image_from_data(fh.read(), repository=repo, tag=tag, changes=[f"ENV {PATH_ENV}"])
    tar_path.unlink()


def status() -> list[tuple[str, bool, bool | None]]:
    """(image, rootfs built, docker image present or None when no daemon)."""
    from runner.sandbox.base import SandboxUnavailable
    from runner.sandbox.docker import client

    try:
        c = client()
    except SandboxUnavailable:
        c = None
    rows = []
    for name in IMAGES:
        has_root = (rootfs_for(name).parent / "complete").exists()
        has_docker = None if c is None else bool(c.images.list(name=name))
        rows.append((name, has_root, has_docker))
    return rows


