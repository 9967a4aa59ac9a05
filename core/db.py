"""Engine creation. SQLite gets WAL (the dashboard reads while the runner writes) and foreign keys."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from core import schema  # noqa: F401  (registers the tables)


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
    _add_missing_columns(eng)
    return eng


def _add_missing_columns(eng: Engine) -> None:
    """Additive migrations: a column added to the schema is added to an existing table.

    Only nullable columns may be added this way, so old rows stay valid; anything else (renames,
    type changes, new constraints) needs a written migration.
    """
    insp = inspect(eng)
    with eng.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            have = {c["name"] for c in insp.get_columns(table.name)}
            for col in table.columns:
                if col.name in have:
                    continue
                if not col.nullable:
                    raise RuntimeError(f"cannot add NOT NULL column {table.name}.{col.name} to an existing table")
                ddl = col.type.compile(dialect=eng.dialect)
                conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{col.name}" {ddl}'))


def session(url: str) -> Session:
    return Session(init(url), expire_on_commit=False)
