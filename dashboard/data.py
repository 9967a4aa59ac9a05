"""Read-only loaders for the dashboard: stored summaries and raw results, never a sample or a write.

Each loader is a plain function of the database URL (tests call them directly) wrapped in
st.cache_data, so every page renders from cached frames. A missing database or table reads as empty.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import streamlit as st
from pandas.errors import DatabaseError
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from core import db, settings
from core.export import COMPLETE_FIT

TTL = 300  # seconds: the daily job writes once a day, the page may lag it by minutes
TEXT_CAP = 4000  # characters of agent output shown per field
REPO = Path(__file__).resolve().parent.parent


def db_url() -> str:
    return settings.load().db_url


def query(url: str, sql: str, **params) -> pd.DataFrame:
    path = settings.sqlite_path(url)
    if path is not None and not path.exists():
        return pd.DataFrame()
    try:
        with db.engine(url, read_only=True).connect() as conn:
            return pd.read_sql(text(sql), conn, params=params)
    except (OperationalError, ProgrammingError, DatabaseError):  # no tables yet: nothing has run
        return pd.DataFrame()


@st.cache_data(ttl=TTL)
def latest_fit(url: str) -> dict | None:
    df = query(url, f"SELECT * FROM fit WHERE {COMPLETE_FIT} ORDER BY id DESC LIMIT 1")
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    for key in ("rule", "min_detectable_drop", "agents", "checks"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


@st.cache_data(ttl=TTL)
def agents(url: str) -> pd.DataFrame:
    return query(url, "SELECT id AS agent_id, name AS agent, adapter, model, simulated, control FROM agent")


def _per_day(url: str, table: str, fit_id: int, where: str = "") -> pd.DataFrame:
    df = query(url, f"SELECT a.name AS agent, d.* FROM {table} d JOIN agent a ON a.id = d.agent_id "
                    f"WHERE d.fit_id = :f {where} ORDER BY d.day", f=fit_id)
    if not df.empty:
        df["day"] = pd.to_datetime(df["day"])
        df["observed"] = (df["passed"] / df["attempts"]).where(df["attempts"] > 0)
    return df


@st.cache_data(ttl=TTL)
def ability(url: str, fit_id: int) -> pd.DataFrame:
    """The Bayesian model's expected pass rate on the suite (analysis/model.py)."""
    return _per_day(url, "ability_day", fit_id)


@st.cache_data(ttl=TTL)
def levels(url: str, fit_id: int) -> pd.DataFrame:
    """The change-point level of each agent's overall stream (analysis/changepoint.py)."""
    return _per_day(url, "level_day", fit_id, "AND d.stream = 'all'")


@st.cache_data(ttl=TTL)
def group_levels(url: str, fit_id: int) -> pd.DataFrame:
    """The change-point level of each agent's group streams ("language:rust"), split into grouping and group."""
    df = _per_day(url, "level_day", fit_id, "AND d.stream <> 'all'")
    if not df.empty:
        df[["grouping", "group"]] = df["stream"].str.split(":", n=1, expand=True)
    return df


def level_start(level: pd.DataFrame, recent_days: int = 30) -> dict | None:
    """Where one stream's current level began: the most probable day after the first shown, its
    probability, and the probability that it began within the last `recent_days` days. None when it
    more probably began on the first day shown (no change seen). The first day's probability stands for
    every start before the data too, so it is weighed against all the later days together, not against
    each: a change dated to within a few days can spread 80% over them with no single day above 20%."""
    first = level["day"] == level["day"].min()
    if level.loc[first, "current"].sum() >= 0.5:
        return None
    top = level.loc[level.loc[~first, "current"].idxmax()]
    recent = level["day"] > level["day"].max() - pd.Timedelta(days=recent_days)
    return {"day": top["day"], "probability": float(top["current"]), "recent_days": recent_days,
            "recent": float(level.loc[recent, "current"].sum())}


@st.cache_data(ttl=TTL)
def verdicts(url: str, fit_id: int) -> pd.DataFrame:
    return query(url, "SELECT a.name AS agent, v.* FROM verdict v JOIN agent a ON a.id = v.agent_id "
                      "WHERE v.fit_id = :f", f=fit_id)


@st.cache_data(ttl=TTL)
def difficulty(url: str, fit_id: int) -> pd.DataFrame:
    df = query(url, "SELECT t.name AS task, t.language, t.kind, t.tags, d.* FROM task_difficulty d "
                    "JOIN task t ON t.id = d.task_id WHERE d.fit_id = :f ORDER BY d.mean", f=fit_id)
    if not df.empty:
        df["canary"] = df["tags"].map(lambda t: "canary" in (json.loads(t) if isinstance(t, str) else t or []))
    return df


@st.cache_data(ttl=TTL)
def group_days(url: str, fit_id: int) -> pd.DataFrame:
    df = query(url, "SELECT a.name AS agent, g.* FROM group_day g JOIN agent a ON a.id = g.agent_id "
                    "WHERE g.fit_id = :f ORDER BY g.day", f=fit_id)
    if not df.empty:
        df["day"] = pd.to_datetime(df["day"])
    return df


@st.cache_data(ttl=TTL)
def attempts(url: str) -> pd.DataFrame:
    """One row per attempt with what the public may see: no logs, no transcripts."""
    df = query(url, """
        SELECT r.id AS run_id, r.date AS day, a.name AS agent, r.simulated, t.name AS task, t.language, t.kind,
               x.attempt_no, x.status, x.tests_passed, x.tests_total, x.duration_s, x.tokens_in, x.tokens_out,
               x.cost_usd, x.turns, x.tool_calls, x.retries, x.model, COALESCE(x.agent_version, r.agent_version)
               AS agent_version
        FROM attempt x JOIN run r ON r.id = x.run_id JOIN agent a ON a.id = r.agent_id
        JOIN task t ON t.id = x.task_id""")
    if not df.empty:
        df["day"] = pd.to_datetime(df["day"])
    return df


@st.cache_data(ttl=TTL)
def run_attempts(url: str, run_id: int) -> pd.DataFrame:
    df = query(url, """
        SELECT t.name AS task, x.attempt_no, x.status, x.tests_passed, x.tests_total, x.duration_s, x.turns,
               x.tool_calls, x.cost_usd, x.error, x.final_message, x.test_log
        FROM attempt x JOIN task t ON t.id = x.task_id WHERE x.run_id = :r ORDER BY t.name, x.attempt_no""",
               r=run_id)
    for col in ("error", "final_message", "test_log"):
        if col in df:
            df[col] = df[col].map(public_text)
    return df


def public_text(s):
    """Capped, and without this host's paths (an infrastructure error may name a local directory)."""
    if not isinstance(s, str):
        return s
    cfg = settings.load()
    for path in sorted({str(cfg.data_dir), str(cfg.images_dir), str(settings.BUILTIN_TASKS.parent), str(Path.home())},
                       key=len, reverse=True):
        s = re.sub(re.escape(path) + r"(?=[/\s;:,'\"]|$)", "<host>", s)
    return s if len(s) <= TEXT_CAP else s[:TEXT_CAP] + f"\n… [{len(s) - TEXT_CAP} more characters not shown]"


def version_changes(attempts: pd.DataFrame) -> pd.DataFrame:
    """Per agent, the first day of each new (agent version, model) pair: rules on the main chart."""
    if attempts.empty:
        return pd.DataFrame(columns=["agent", "day", "label"])
    per_day = (attempts.sort_values("day").groupby(["agent", "day"])
               .agg(version=("agent_version", "first"), model=("model", "first")).reset_index())
    per_day["label"] = per_day["version"].fillna("?") + " · " + per_day["model"].fillna("?")
    changed = per_day["label"] != per_day.groupby("agent")["label"].shift()
    first = per_day.groupby("agent").cumcount() == 0
    return per_day[changed & ~first][["agent", "day", "label"]]


@st.cache_data(ttl=TTL)
def export_tables(url: str, fit_id: int) -> dict[str, pd.DataFrame]:
    from sqlmodel import Session

    from core.export import tables

    with Session(db.engine(url, read_only=True)) as s:
        return tables(s, fit_id)


@st.cache_data(ttl=TTL)
def posterior_bytes(url: str, fit_id: int) -> bytes | None:
    rows = query(url, "SELECT netcdf_path FROM fit WHERE id = :f", f=fit_id)
    path = None if rows.empty else rows.iloc[0, 0]
    return Path(path).read_bytes() if isinstance(path, str) and Path(path).exists() else None


def partial_credit(verdicts: pd.DataFrame) -> pd.DataFrame:
    """Per agent, the partial-credit channel its sequential verdict stored (none: tests were not counted)."""
    rows = []
    for agent, model in verdicts.loc[verdicts["task_model"].notna(), ["agent", "task_model"]].itertuples(index=False):
        # A JSON column stores a missing model as the text 'null'.
        pc = ((json.loads(model) if isinstance(model, str) else model) or {}).get("partial_credit")
        if pc:
            rows.append({"agent": agent, "slope": f"{pc['slope']:.2f} ± {pc['slope_se']:.2f}",
                         "failed attempts with 2+ tests": pc["failed_attempts"], "used by the alarm": pc["used"]})
    return pd.DataFrame(rows, columns=["agent", "slope", "failed attempts with 2+ tests", "used by the alarm"])


def prior_text(priors: dict | None) -> str:
    """The fit's own priors in words, as it stored them (a fit from before they were stored says so)."""
    if not priors:
        return "this fit predates stored priors; `docs/analysis.md` has the current ones"
    m, s = priors["walk_median"], priors["walk_log_sd"]
    lo, hi = m * math.exp(-1.96 * s), m * math.exp(1.96 * s)
    return (f"as this fit used them: the daily step σ ~ LogNormal(log {m:g}, {s:g}) logits, 95% between "
            f"{lo:.3f} and {hi:.2f}; σ_b ~ HalfNormal({priors['difficulty_sd']:g}); the level ~ "
            f"Normal(0, {priors['level_sd']:g})")


def detection_figures() -> dict | None:
    """The detection benchmark's last published result (benchmarks/results/detection.json)."""
    path = REPO / "benchmarks" / "results" / "detection.json"
    return json.loads(path.read_text()) if path.exists() else None


def false_alarm_table(figures: dict) -> pd.DataFrame:
    """The benchmark's false alarms as display rows, intervals in the cells."""
    return pd.DataFrame([{"world": r["world"], "method": r["method"],
                          "false alarms per agent-year": f"{r['per_agent_year']:.2f} [{r['low']:.2f}–{r['high']:.2f}]",
                          "any alarm in 90 days": f"{r['any_in_90_days']:.0%} [{r['any_low']:.0%}–{r['any_high']:.0%}]"}
                         for r in figures["false_alarms"]])
