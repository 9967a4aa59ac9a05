"""Settings come from the environment only, so secrets never live in files the project writes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

# The built-in task suites ship inside the distribution (package data of `tasks`), so an installed
# tool finds them wherever it runs from; CODEDRIFT_TASKS_DIR points elsewhere.
BUILTIN_TASKS = Path(str(files("tasks")))


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_url: str
    tasks_dir: Path
    sandbox: str  # "auto", "docker", "bwrap"
    images_dir: Path
    retries: int = 2  # of an infrastructure error, per attempt
    retry_backoff_s: float = 10.0  # base of the exponential backoff (full jitter)
    # The decision rule (analysis/detect.py documents it and how its false-alarm rate was measured).
    delta: float = 0.02
    p_watch: float = 0.70
    p_degraded: float = 0.95
    fit_window_days: int = 365

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
        retries=int(os.environ.get("CODEDRIFT_RETRIES", 2)),
        retry_backoff_s=float(os.environ.get("CODEDRIFT_RETRY_BACKOFF_S", 10.0)),
        delta=float(os.environ.get("CODEDRIFT_DELTA", 0.02)),
        p_watch=float(os.environ.get("CODEDRIFT_P_WATCH", 0.70)),
        p_degraded=float(os.environ.get("CODEDRIFT_P_DEGRADED", 0.95)),
        fit_window_days=int(os.environ.get("CODEDRIFT_FIT_WINDOW_DAYS", 365)),
    )
