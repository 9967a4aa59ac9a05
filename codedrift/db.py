"""Engine creation. SQLite gets WAL (the dashboard reads while the runner writes) and foreign keys."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from codedrift import schema  # noqa: F401  (registers the tables)


@cache
def engine(url: str, read_only: bool = False) -> Engine:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if read_only:
            eng = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"timeout": 30})
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            eng = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            if not read_only:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        return eng
    return create_engine(url, pool_pre_ping=True)


def init(url: str) -> Engine:
    eng = engine(url)
    SQLModel.metadata.create_all(eng)
    return eng


def session(url: str) -> Session:
    return Session(init(url), expire_on_commit=False)
