import sqlite3

from sqlmodel import select

from core import db
from core.schema import Attempt


def test_init_adds_new_nullable_columns_to_an_old_database(tmp_path):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    db.init(url)
    with sqlite3.connect(path) as con:  # simulate a database made before `final_message` existed
        con.execute("ALTER TABLE attempt DROP COLUMN final_message")
        assert "final_message" not in {r[1] for r in con.execute("PRAGMA table_info(attempt)")}
    db.engine.cache_clear()
    db.init(url)
    with sqlite3.connect(path) as con:
        assert "final_message" in {r[1] for r in con.execute("PRAGMA table_info(attempt)")}
    with db.session(url) as s:
        assert s.exec(select(Attempt)).all() == []


def test_sqlite_pragmas(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with db.init(url).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
