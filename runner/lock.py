"""One run at a time per database: a second overlapping run is refused, not interleaved.

SQLite: an flock on a file beside the database (released by the kernel even after kill -9).
Other databases: a session-level advisory lock, released when the connection dies.

A lock can be lost while the run goes on (an administrator terminates the backend, the server
restarts, someone deletes the lock file), and a run that goes on without it may interleave with the
next one. So `run_lock` yields a handle whose `check()` raises LockLost then. It costs one
small query on pg_locks (PostgreSQL) or two stat calls (SQLite): cheap enough before every attempt saved.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from core.settings import Settings

ADVISORY_KEY = 0x636F6465  # "code"


class RunLocked(RuntimeError):
    pass


class LockLost(RunLocked):
    """The run lock this process held is gone: stop before writing more, another run may now hold it."""


class FileLock:
    def __init__(self, path: Path, fh):
        self.path, self._fh = path, fh

    def check(self) -> None:
        """The lock file is still the one this process locked (deleting or replacing it would let a
        second run lock a new file at the same path while this one runs on)."""
        try:
            held, now = os.fstat(self._fh.fileno()), os.stat(self.path)
        except (OSError, ValueError) as e:  # ValueError: the file was closed
            raise LockLost(f"the run lock file {self.path} is gone: {e}") from None
        if (held.st_dev, held.st_ino) != (now.st_dev, now.st_ino):
            raise LockLost(f"the run lock file {self.path} was replaced; another run may hold it")


class AdvisoryLock:
    # pg_locks shows a one-bigint advisory lock as (classid, objid) = (high, low 32 bits), objsubid 1.
    _HELD = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                 "AND classid::bigint = :hi AND objid::bigint = :lo AND objsubid = 1 AND granted")

    def __init__(self, conn: Connection):
        self.conn = conn

    @property
    def backend_pid(self) -> int:
        return self.conn.execute(text("SELECT pg_backend_pid()")).scalar_one()

    def check(self) -> None:
        """This connection is alive and its backend still holds the run lock."""
        try:
            held = self.conn.execute(self._HELD, {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFFFFFF}).scalar()
        except DBAPIError as e:  # terminated backend, restarted server, broken network
            raise LockLost(f"the run lock's database connection was lost: {e.orig or e}") from None
        if not held:
            raise LockLost("this run no longer holds the database's run lock; another run may hold it")


@contextmanager
def run_lock(cfg: Settings) -> Iterator[FileLock | AdvisoryLock]:
    if cfg.sqlite_path is not None:
        path = cfg.sqlite_path.with_name(cfg.sqlite_path.name + ".run.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "another process"
                raise RunLocked(f"another codedrift run ({holder}) is using {cfg.sqlite_path}; "
                                "wait for it to finish") from None
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()}")
            fh.flush()
            yield FileLock(path, fh)
        return
    # A connection of its own, outside the shared pool (so closing it really ends the session and
    # with it the lock) and in AUTOCOMMIT: an "idle in transaction" session holds a snapshot, blocks
    # vacuum, and is killed by idle_in_transaction_session_timeout, silently taking the lock with it.
    eng = create_engine(cfg.db_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            if conn.dialect.server_version_info >= (14,):  # nor may idle_session_timeout end this one
                conn.execute(text("SET idle_session_timeout = 0"))
            if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                raise RunLocked("another codedrift run holds this database's run lock; wait for it to finish")
            try:
                yield AdvisoryLock(conn)
            finally:
                if not conn.invalidated:  # invalidated: the connection is gone, and the lock with it
                    try:
                        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                    except DBAPIError:
                        conn.invalidate()
    finally:
        eng.dispose()
