"""`codedrift fit`: graded attempts from the database -> the ability model -> fit, summaries, verdicts.

Infrastructure errors are excluded (they say nothing about the agent); timeouts and errors count as
failures. Every stored number refers to its fit, whose diagnostics say whether it can be trusted.

Cost is bounded: a fit covers at most `window_days`. What the older past says about the tasks
arrives as a prior: the task difficulties of the latest fit that ended before this window began.
Chained this way, information accumulates over the whole history without any day counted twice.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from sqlmodel import Session, select

from analysis import alarm, detect, model, ppc, sequential, shares, verdicts
from core import db
from core.design import knob_value
from core.schema import (
    AbilityDay,
    Agent,
    Attempt,
    AttemptStatus,
    Fit,
    GroupDay,
    LevelDay,
    Run,
    Suite,
    Task,
    TaskDifficulty,
    Verdict,
)
from core.settings import FIT_WINDOW_DAYS, Settings


@dataclass(frozen=True)
class FitOptions:
    agent_ids: list[int] | None = None
    since: dt.date | None = None
    window_days: int = FIT_WINDOW_DAYS
    likelihood: str = "binary"
    group_by: str | None = None  # "language" or "kind"
    rule: detect.Rule = field(default_factory=detect.Rule)
    baseline: tuple[dt.date, dt.date] | None = None  # a pinned baseline period
    alarm: alarm.AlarmRule = field(default_factory=alarm.AlarmRule)
    peers: verdicts.PeerSettings = field(default_factory=verdicts.PeerSettings)
    sampling: model.Sampling = field(default_factory=model.Sampling)


def load_attempts(s: Session, agent_ids: list[int] | None = None, since: dt.date | None = None) -> pd.DataFrame:
    q = (select(Run.agent_id, Run.date, Attempt.task_id, Attempt.status, Attempt.tests_passed, Attempt.tests_total)
         .join(Attempt, Attempt.run_id == Run.id).where(Attempt.status != AttemptStatus.infra_error))
    if agent_ids:
        q = q.where(Run.agent_id.in_(agent_ids))
    if since:
        q = q.where(Run.date >= since)
    df = pd.DataFrame(s.exec(q).all(), columns=["agent", "day", "task", "status", "tests_passed", "tests_total"])
    df["attempts"] = 1
    df["passed"] = (df["status"] == AttemptStatus.passed).astype(int)
    return df.drop(columns="status")


def load_tasks(s: Session, ids) -> pd.DataFrame:
    """Per task: its family (a generated instance's family; a built-in task's suite), its knob value
    (core/design.py; 0 for built-in tasks), language and kind."""
    rows = s.exec(select(Task.id, Task.family, Suite.name, Task.knobs, Task.language, Task.kind)
                  .join(Suite, Suite.id == Task.suite_id).where(Task.id.in_([int(i) for i in ids]))).all()
    return pd.DataFrame([(t, fam or suite, knob_value(knobs), lang, kind) for t, fam, suite, knobs, lang, kind in rows],
                        columns=["task", "family", "knob", "language", "kind"])


def run_fit(cfg: Settings, opts: FitOptions = FitOptions()) -> Fit:
    with db.session(cfg.db_url) as s:
        last = s.exec(select(Run.date).order_by(Run.date.desc())).first()
        start = last - dt.timedelta(days=opts.window_days - 1) if last else None
        since = max(d for d in (opts.since, start) if d) if (opts.since or start) else None
        if opts.baseline and since and opts.baseline[0] < since:
            since = opts.baseline[0]  # a pinned baseline is always inside the fit, never clamped into it
        df = load_attempts(s, opts.agent_ids, since)
        if df.empty:
            raise ValueError("no graded attempts to fit yet; run `codedrift run` first")
        tasks = load_tasks(s, df["task"].unique())
        cells = model.to_cells(df, tasks, opts.group_by)
        prior_fit, priors = _carried_in(s, df["day"].min(), opts.likelihood)
        t0 = time.monotonic()
        idata = model.fit(cells, opts.sampling, opts.likelihood, priors)
        seconds = time.monotonic() - t0
        diag = model.diagnostics(idata)
        # The checks replicate pass/fail counts; a partial-credit fit's observations are test shares.
        checks = [asdict(c) | {"flagged": c.flagged} for c in ppc.check(idata, cells)] \
            if opts.likelihood == "binary" else None
        days = [dt.date.fromisoformat(d) for d in cells.coords["day"]]
        row = Fit(first_day=days[0], last_day=days[-1], agents=[int(a) for a in cells.coords["agent"]],
                  attempts_used=len(df), sampler=opts.sampling.sampler, chains=opts.sampling.chains,
                  draws=opts.sampling.draws, seed=opts.sampling.seed, duration_s=seconds,
                  rhat_max=diag["rhat_max"], ess_bulk_min=diag["ess_bulk_min"], ess_tail_min=diag["ess_tail_min"],
                  divergences=diag["divergences"], bfmi_min=diag["bfmi_min"], diagnostics_ok=diag["ok"],
                  likelihood=opts.likelihood, group_by=opts.group_by if cells.group is not None else None,
                  prior_fit_id=prior_fit,
                  rule=asdict(opts.rule) | {"alarm": asdict(opts.alarm)}
                  | {"baseline": [d.isoformat() for d in opts.baseline] if opts.baseline
                                            else None} | {"peers": asdict(opts.peers)}
                  | {"priors": asdict(priors) | {"difficulty": None, "carried_in": bool(priors.difficulty)}},
                  min_detectable_drop=_detectable(idata, cells, opts.rule), checks=checks)
        # A fit becomes visible only whole: the fit row and every summary of it are committed in one
        # transaction, so a reader (dashboard, export, the next fit's carried-in prior) never sees a fit
        # without its estimates, and a crash midway leaves the previous fit the latest one.
        fits = cfg.data_dir / "fits"
        fits.mkdir(parents=True, exist_ok=True)
        tmp = fits / f".fit-{os.getpid()}-{time.time_ns()}.nc.tmp"  # written before the write lock is taken
        path = None
        try:
            idata.to_netcdf(tmp)
            s.add(row)
            s.flush()  # assigns row.id inside the transaction; nothing is visible before the commit
            path = fits / f"fit-{row.id}.nc"
            row.netcdf_path = str(path)
            _store_summaries(s, row, idata, cells, days)
            _store_verdicts(s, row, idata, cells, days, opts)
            _store_sequential(s, row, df, tasks, days, opts)
            tmp.replace(path)
            s.commit()
        except BaseException:
            s.rollback()
            for p in (tmp, path):  # no posterior file for a fit that does not exist
                if p is not None:
                    p.unlink(missing_ok=True)
            raise
        return row


def _carried_in(s: Session, first_day: dt.date, likelihood: str) -> tuple[int | None, model.Priors]:
    # Fits are committed whole (see run_fit); the EXISTS also skips a fit row left without summaries
    # by a version that committed the row first, so such a fit is never taken as the prior. Only a fit
    # of the same likelihood: difficulties of another likelihood sit on another scale.
    has_difficulty = select(TaskDifficulty.id).where(TaskDifficulty.fit_id == Fit.id).exists()
    earlier = s.exec(select(Fit).where(Fit.last_day < first_day, Fit.likelihood == likelihood, has_difficulty)
                     .order_by(Fit.last_day.desc(), Fit.id.desc())).first()
    if earlier is None:
        return None, model.Priors()
    rows = s.exec(select(TaskDifficulty).where(TaskDifficulty.fit_id == earlier.id)).all()
    return earlier.id, model.Priors(difficulty={r.task_id: (r.mean, r.sd) for r in rows} or None)


def _store_summaries(s: Session, fit: Fit, idata, cells: model.Cells, days: list[dt.date]) -> None:
    for r in model.summarise(idata, cells).itertuples():
        s.add(AbilityDay(fit_id=fit.id, agent_id=int(r.agent), day=dt.date.fromisoformat(r.day),
                         attempts=r.attempts, passed=r.passed, q05=r.q05, q25=r.q25, median=r.median,
                         q75=r.q75, q95=r.q95, theta_mean=r.theta_mean, theta_sd=r.theta_sd))
    for r in model.summarise_difficulty(idata, cells).itertuples():
        s.add(TaskDifficulty(fit_id=fit.id, task_id=int(r.task), mean=r.mean, sd=r.sd, q05=r.q05, median=r.median,
                             q95=r.q95, attempts=int(r.attempts), passed=int(r.passed)))
    if cells.group is not None:
        rate = model.draws_of(idata, "pass_rate_by_group")
        q = np.quantile(rate, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)  # (5, agent, group, day)
        for ai, agent in enumerate(cells.coords["agent"]):
            for gi, group in enumerate(cells.coords["group"]):
                for di, day in enumerate(days):
                    s.add(GroupDay(fit_id=fit.id, agent_id=int(agent), grouping=fit.group_by, group=str(group),
                                   day=day, **dict(zip(("q05", "q25", "median", "q75", "q95"),
                                                       map(float, q[:, ai, gi, di]), strict=True))))


def _store_verdicts(s: Session, fit: Fit, idata, cells: model.Cells, days: list[dt.date], opts: FitOptions) -> None:
    baseline = None
    if opts.baseline:
        baseline = tuple((d - days[0]).days for d in opts.baseline)
        if baseline[0] < 0 or baseline[1] >= len(days) - 1 or baseline[1] < baseline[0]:
            raise ValueError(f"pinned baseline {opts.baseline[0]}..{opts.baseline[1]} must lie within the data "
                             f"({days[0]}..{days[-1]}) and end before its last day")
    wins = detect.windows(len(days) - 1, opts.rule, baseline)
    rate = model.pass_rate_draws(idata)
    agents = cells.coords["agent"]
    controls = {a.id for a in s.exec(select(Agent).where(Agent.id.in_([int(a) for a in agents]))) if a.control}
    control = next((i for i, a in enumerate(agents) if a in controls), None)
    for ai, agent in enumerate(agents):
        ref = rate[:, control] if control is not None and control != ai else None
        # Only windows the agent has data for, in the window and in its baseline: elsewhere the
        # posterior is the prior's walk, and a verdict would be noise dressed as evidence.
        n = cells.attempts[ai].sum(1)
        seen = [w for w in wins if n[w.start:w.end + 1].sum() and n[w.baseline_start:w.baseline_end + 1].sum()]
        rows = verdicts.bayes(rate[:, ai], seen, opts.rule, ref) + verdicts.peer_rows(
            cells.passed[ai], cells.attempts[ai], seen, opts.peers)
        for r in rows:
            attempts = r.pop("attempts", None)
            if attempts is None:
                attempts = int(cells.attempts[ai, r["start"]:r["end"] + 1].sum())
            s.add(Verdict(fit_id=fit.id, agent_id=int(agent), day=days[-1], attempts=attempts,
                          window_start=days[r.pop("start")], window_end=days[r.pop("end")],
                          baseline_start=days[r.pop("baseline_start")], baseline_end=days[r.pop("baseline_end")],
                          **{k: _plain(v) for k, v in r.items()}))


def _store_sequential(s: Session, fit: Fit, df: pd.DataFrame, tasks: pd.DataFrame, days: list[dt.date],
                      opts: FitOptions) -> None:
    """The sequential alarm (analysis/sequential.py) per agent and stream, judged on the fit's last day."""
    index = {d: i for i, d in enumerate(days)}
    pinned = tuple(index[d] for d in opts.baseline) if opts.baseline else None
    detectable = dict(fit.min_detectable_drop or {})
    for agent, mine in df.groupby("agent"):
        counts = (shares.columns(mine).assign(day=mine["day"].map(index)).groupby(["day", "task"], as_index=False)
                  [["attempts", "passed", *shares.COLUMNS]].sum())
        for v in sequential.judge_agent(counts, tasks, len(days) - 1, opts.alarm, opts.group_by, pinned):
            j = v.judgement
            change = days[v.monitored.start + j.change_index] if j.change_index is not None else None
            s.add(Verdict(fit_id=fit.id, agent_id=int(agent), day=days[-1], method="sequential", window=v.stream,
                          window_start=days[v.monitored.start], window_end=days[-1],
                          baseline_start=days[v.baseline.start], baseline_end=days[v.baseline.stop - 1],
                          attempts=v.attempts, drop=v.drop, statistic=j.statistic, limit_watch=j.h_watch,
                          limit_degraded=j.h_degraded, change_day=change, flagged=j.status != "ok",
                          status=j.status, task_model=_plan_inputs(v) if v.stream == "all" else None))
            _store_levels(s, fit, int(agent), v, days)
            if v.stream == "all":
                detectable[str(int(agent))] = detectable.get(str(int(agent)), {}) | {
                    "alarm_points_watch": round(100 * v.detectable_drop(j.h_watch, opts.alarm), 2),
                    "alarm_points_degraded": round(100 * v.detectable_drop(j.h_degraded, opts.alarm), 2)}
    fit.min_detectable_drop = detectable  # a new dict, so the JSON column is written


def _store_levels(s: Session, fit: Fit, agent: int, v: sequential.StreamVerdict, days: list[dt.date]) -> None:
    """The stream's change-point level per day, from its first day with attempts, as pass rates on the
    baseline's tasks."""
    lv, est = v.levels, v.estimate
    q, level = v.rate(lv.quantiles), v.rate(lv.level)  # (quantile, day), (day,)
    for i in range(len(lv.mean)):
        d = v.first + i
        s.add(LevelDay(fit_id=fit.id, agent_id=agent, stream=v.stream, day=days[d], attempts=int(est.attempts[d]),
                       passed=int(v.passed[d]),
                       **dict(zip(("q05", "q25", "median", "q75", "q95"), map(float, q[:, i]), strict=True)),
                       theta_mean=float(lv.mean[i]), theta_sd=float(lv.sd[i]), level=float(level[i]),
                       change=float(lv.change[i]),
                       current=float(lv.current[i])))


def _plan_inputs(v: sequential.StreamVerdict) -> dict:
    """The agent's current ability (its baseline's, moved by a flagged shift) and its task model."""
    j, tm = v.judgement, v.task_model
    ability = j.base.theta + (j.shift if j.status != "ok" and j.shift is not None else 0.0)
    out = {"ability": ability, "within_sd": tm.within_sd, "families": {f: list(mb) for f, mb in tm.family.items()}}
    if tm.shares is not None:  # what the partial-credit channel learnt, and whether the alarm used it
        sh = tm.shares
        out["partial_credit"] = {"slope": sh.slope, "slope_se": sh.slope_se, "dispersion": sh.dispersion,
                                 "failed_attempts": sh.observations, "used": sh.informative}
    return out


def _detectable(idata, cells: model.Cells, rule: detect.Rule) -> dict:
    """Per agent, at the volume of its last 30 days with runs."""
    sigma = np.median(model.draws_of(idata, "sigma_walk"), axis=0)
    b = model.draws_of(idata, "difficulty").mean(0)
    theta = model.draws_of(idata, "theta").mean(0)
    out = {}
    for ai, agent in enumerate(cells.coords["agent"]):
        n = cells.attempts[ai]
        run_days = np.flatnonzero(n.sum(1))[-30:]
        if not len(run_days):
            continue
        p = 1 / (1 + np.exp(-(theta[ai, -1] - b)))
        info = float((n[run_days] * p * (1 - p)).sum(1).mean())
        mdd = detect.minimum_detectable_drop(info, float((p * (1 - p)).mean()), float(sigma[ai]), rule)
        out[str(int(agent))] = {"points": round(100 * mdd, 2), "tasks_per_day": float((n[run_days] > 0).sum(1).mean()),
                                "attempts_per_task": float(n[run_days].sum() / max((n[run_days] > 0).sum(), 1)),
                                "sigma_walk": float(sigma[ai])}
    return out


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v
