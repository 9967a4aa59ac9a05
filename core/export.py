"""`codedrift export`: a fit's posterior summaries as files with a stable, documented column schema.

The schema (docs/export.md) only grows: columns are never renamed or removed, so downstream
notebooks keep working. Every table carries `fit_id`, and `fit.*` says whether its diagnostics passed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlmodel import Session

from core.schema import AbilityDay, Agent, Fit, GroupDay, LevelDay, Task, TaskDifficulty, Verdict

FORMATS = ("csv", "parquet", "json", "netcdf")

# Table name -> (model, columns in their published order). Agent and task names are joined in so
# a file is readable on its own.
SCHEMA: dict[str, tuple[type, list[str]]] = {
    "fit": (Fit, ["fit_id", "created_at", "first_day", "last_day", "attempts_used", "likelihood", "group_by",
                  "sampler", "chains", "draws", "seed", "duration_s", "rhat_max", "ess_bulk_min", "ess_tail_min",
                  "divergences", "bfmi_min", "diagnostics_ok", "prior_fit_id", "rule", "min_detectable_drop",
                  "checks"]),
    "ability_day": (AbilityDay, ["fit_id", "agent", "day", "attempts", "passed", "q05", "q25", "median", "q75",
                                 "q95", "theta_mean", "theta_sd"]),
    "group_day": (GroupDay, ["fit_id", "agent", "grouping", "group", "day", "q05", "q25", "median", "q75", "q95"]),
    "level_day": (LevelDay, ["fit_id", "agent", "stream", "day", "attempts", "passed", "q05", "q25", "median", "q75",
                             "q95", "theta_mean", "theta_sd", "level", "change", "current"]),
    "task_difficulty": (TaskDifficulty, ["fit_id", "task", "task_version", "language", "kind", "mean", "sd", "q05",
                                         "median", "q95", "attempts", "passed"]),
    "verdict": (Verdict, ["fit_id", "agent", "day", "method", "window", "window_start", "window_end",
                          "baseline_start", "baseline_end", "attempts", "drop", "drop_low", "drop_high", "p_drop",
                          "p_any_drop", "p_value", "rate", "rate_low", "rate_high", "p0", "threshold", "statistic",
                          "limit_watch", "limit_degraded", "change_day", "flagged", "status", "task_model"]),
}
# Columns holding JSON, which travels as text in the flat formats.
JSON_COLUMNS = {Fit: ("rule", "min_detectable_drop", "checks"), Verdict: ("task_model",)}


# A fit is committed together with its summaries (analysis/fit.py), so every fit row is complete. A row
# without ability_day rows can only be a fit half-written by an older version: readers skip it.
COMPLETE_FIT = "EXISTS (SELECT 1 FROM ability_day d WHERE d.fit_id = fit.id)"

# A CSV cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def latest_fit_id(s: Session) -> int | None:
    return s.exec(text(f"SELECT max(id) FROM fit WHERE {COMPLETE_FIT}")).one()[0]


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy where every string cell a spreadsheet would run as a formula starts with a quote.

    Only str cells change: numbers (a negative one too) stay numbers."""
    def cell(v):
        return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(cell)
    return out


def to_csv(df: pd.DataFrame, path: Path | None = None) -> str | None:
    """Every CSV the project writes goes through here (export files, dashboard downloads)."""
    return neutralise_formulas(df).to_csv(path, index=False)


def tables(s: Session, fit_id: int) -> dict[str, pd.DataFrame]:
    conn = s.connection()
    agents = pd.read_sql(text(f"SELECT id AS agent_id, name AS agent FROM {Agent.__tablename__}"), conn)
    tasks = pd.read_sql(text(f"SELECT id AS task_id, name AS task, content_hash AS task_version, language, kind "
                             f"FROM {Task.__tablename__}"), conn)
    out = {}
    for name, (table, columns) in SCHEMA.items():
        df = pd.read_sql(text(f"SELECT * FROM {table.__tablename__} WHERE "
                              f"{'id' if table is Fit else 'fit_id'} = :f"), conn, params={"f": fit_id})
        if table is Fit:
            df = df.rename(columns={"id": "fit_id"})
        for col in JSON_COLUMNS.get(table, ()):
            df[col] = df[col].map(lambda v: v if v is None or isinstance(v, str) else json.dumps(v))
        if "agent_id" in df:
            df = df.merge(agents, on="agent_id", how="left")
        if "task_id" in df:
            df = df.merge(tasks, on="task_id", how="left")
        out[name] = df.reindex(columns=columns)
    return out


def export(s: Session, fit_id: int, fmt: str, out: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "netcdf":
        fit = s.get(Fit, fit_id)
        if not fit or not fit.netcdf_path or not Path(fit.netcdf_path).exists():
            raise ValueError(f"fit {fit_id} has no posterior file")
        dest = out / f"posterior-fit-{fit_id}.nc"
        shutil.copyfile(fit.netcdf_path, dest)
        return [dest]
    written = []
    for name, df in tables(s, fit_id).items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            to_csv(df, path)
        elif fmt == "parquet":
            df.to_parquet(path, index=False)
        else:
            df.to_json(path, orient="records", date_format="iso", indent=1)
        written.append(path)
    return written
