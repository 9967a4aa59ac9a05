"""Settings come from the environment only, so secrets never live in files the project writes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

# The built-in task suites ship inside the distribution (package data of `tasks`), so an installed
# tool finds them wherever it runs from; CODEDRIFT_TASKS_DIR points elsewhere.
BUILTIN_TASKS = Path(str(files("tasks")))

# Defaults, each defined here only: `Settings`, `load()` and the layers' own defaults read them.
RETRIES = 2  # of an infrastructure error, per attempt
RETRY_BACKOFF_S = 10.0  # base of the exponential backoff with full jitter (runner/backoff.py)
# The decision rule (analysis/detect.py `Rule` documents it and how its false-alarm rate was measured).
DELTA = 0.02  # practical threshold, as a pass-rate fraction (2 points)
P_WATCH = 0.70
P_DEGRADED = 0.95
FIT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_url: str
    tasks_dir: Path
    sandbox: str  # "auto", "docker", "bwrap"
    images_dir: Path
    retries: int = RETRIES
    retry_backoff_s: float = RETRY_BACKOFF_S
    delta: float = DELTA
    p_watch: float = P_WATCH
    p_degraded: float = P_DEGRADED
    fit_window_days: int = FIT_WINDOW_DAYS

    @property
    def sqlite_path(self) -> Path | None:
        return sqlite_path(self.db_url)


def sqlite_path(db_url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(db_url[len(prefix):]) if db_url.startswith(prefix) else None


def user_data_dir(environ=os.environ) -> Path:
    """Where data lives unless CODEDRIFT_DATA_DIR says otherwise: the XDG per-user data directory
    ($XDG_DATA_HOME/codedrift, by default ~/.local/share/codedrift), never the directory you run from."""
    if environ.get("CODEDRIFT_DATA_DIR"):
        return Path(environ["CODEDRIFT_DATA_DIR"]).expanduser().resolve()
    base = environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return (Path(base) / "codedrift").resolve()


def load() -> Settings:
    data_dir = user_data_dir()
    default_db = f"sqlite:///{data_dir / 'codedrift.db'}"
    return Settings(
        data_dir=data_dir,
        db_url=os.environ.get("CODEDRIFT_DB_URL", default_db),
        tasks_dir=Path(os.environ.get("CODEDRIFT_TASKS_DIR", BUILTIN_TASKS)).resolve(),
        sandbox=os.environ.get("CODEDRIFT_SANDBOX", "auto"),
        images_dir=Path(os.environ.get("CODEDRIFT_IMAGES_DIR", data_dir / "images")).resolve(),
        retries=int(os.environ.get("CODEDRIFT_RETRIES", RETRIES)),
        retry_backoff_s=float(os.environ.get("CODEDRIFT_RETRY_BACKOFF_S", RETRY_BACKOFF_S)),
        delta=float(os.environ.get("CODEDRIFT_DELTA", DELTA)),
        p_watch=float(os.environ.get("CODEDRIFT_P_WATCH", P_WATCH)),
        p_degraded=float(os.environ.get("CODEDRIFT_P_DEGRADED", P_DEGRADED)),
        fit_window_days=int(os.environ.get("CODEDRIFT_FIT_WINDOW_DAYS", FIT_WINDOW_DAYS)),
    )
