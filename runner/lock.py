"""One run at a time per database: a second overlapping run is refused, not interleaved.

SQLite: an flock on a file beside the database (released by the kernel even after kill -9).
Other databases: a session-level advisory lock, released when the connection dies.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from codedrift import db
from codedrift.settings import Settings

ADVISORY_KEY = 0x636F6465  # "code"


class RunLocked(RuntimeError):
    pass


@contextmanager
def run_lock(cfg: Settings) -> Iterator[None]:
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
            yield
        return
    with db.engine(cfg.db_url).connect() as conn:
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
            raise RunLocked("another codedrift run holds this database's run lock; wait for it to finish")
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
