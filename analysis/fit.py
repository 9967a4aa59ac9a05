"""`codedrift fit`: graded attempts from the database -> the ability model -> fit, summaries, NetCDF.

Infrastructure errors are excluded (they say nothing about the agent); timeouts and errors count as
failures. Every stored number refers to its fit, whose diagnostics say whether it can be trusted.
"""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
from sqlmodel import Session, select

from analysis import model
from codedrift import db
from codedrift.schema import AbilityDay, Attempt, AttemptStatus, Fit, Run
from codedrift.settings import Settings


def load_attempts(s: Session, agent_ids: list[int] | None = None, since: dt.date | None = None) -> pd.DataFrame:
    q = select(Run.agent_id, Run.date, Attempt.task_id, Attempt.status).join(Attempt, Attempt.run_id == Run.id)
    q = q.where(Attempt.status != AttemptStatus.infra_error)
    if agent_ids:
        q = q.where(Run.agent_id.in_(agent_ids))
    if since:
        q = q.where(Run.date >= since)
    rows = s.exec(q).all()
    df = pd.DataFrame(rows, columns=["agent", "day", "task", "status"])
    df["attempts"] = 1
    df["passed"] = (df["status"] == AttemptStatus.passed).astype(int)
    return df.drop(columns="status")


def run_fit(cfg: Settings, *, agent_ids: list[int] | None = None, since: dt.date | None = None,
            draws: int = 500, tune: int = 500, chains: int = 2, seed: int = 0) -> Fit:
    with db.session(cfg.db_url) as s:
        df = load_attempts(s, agent_ids, since)
        if df.empty:
            raise ValueError("no graded attempts to fit yet; run `codedrift run` first")
        cells = model.to_cells(df)
        t0 = time.monotonic()
        idata = model.fit(cells, draws=draws, tune=tune, chains=chains, seed=seed)
        diag = model.diagnostics(idata)
        days = [dt.date.fromisoformat(d) for d in cells.coords["day"]]
        row = Fit(first_day=days[0], last_day=days[-1], agents=[int(a) for a in cells.coords["agent"]],
                  attempts_used=len(df), sampler=idata["sample_stats"].attrs.get("inference_library", "pymc"),
                  chains=chains, draws=draws, seed=seed, duration_s=time.monotonic() - t0,
                  rhat_max=diag["rhat_max"], ess_bulk_min=diag["ess_bulk_min"], ess_tail_min=diag["ess_tail_min"],
                  divergences=diag["divergences"], bfmi_min=diag["bfmi_min"], diagnostics_ok=diag["ok"])
        s.add(row)
        s.commit()
        path = cfg.data_dir / "fits" / f"fit-{row.id}.nc"
        path.parent.mkdir(parents=True, exist_ok=True)
        idata.to_netcdf(path)
        row.netcdf_path = str(path)
        s.add(row)
        for r in model.summarise(idata, cells).itertuples():
            s.add(AbilityDay(fit_id=row.id, agent_id=int(r.agent), day=dt.date.fromisoformat(r.day),
                             attempts=r.attempts, passed=r.passed,
                             q05=r.q05, q25=r.q25, median=r.median, q75=r.q75, q95=r.q95))
        s.commit()
        return row
