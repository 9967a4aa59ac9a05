"""`codedrift fit` end to end: attempts in the database -> PyMC fit -> fit row, summaries, NetCDF."""

import datetime as dt
import json

import pandas as pd
import pytest
import xarray as xr
from sqlmodel import select

from analysis.fit import FitOptions, _carried_in, run_fit
from analysis.model import Priors, Sampling
from analysis.simulate import InjectedDrop, simulate
from codedrift import cli
from core import db
from core.export import SCHEMA
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

pytestmark = pytest.mark.slow
START = dt.date(2026, 1, 1)


DROP_15 = InjectedDrop(points=15, start=30)


def seed_database(cfg, days=40, tasks=20, name="sim-agent", drop=DROP_15, seed=7, first_day=0,
                  tests=0):
    h = simulate(days=days, tasks=tasks, repeats=1, drop=drop, seed=seed, tests=tests)
    with db.session(cfg.db_url) as s:
        suite = s.exec(select(Suite).where(Suite.name == "sim")).first() or Suite(name="sim")
        agent = s.exec(select(Agent).where(Agent.name == name)).first() or Agent(name=name, adapter="null",
                                                                                simulated=True)
        s.add_all([suite, agent])
        s.commit()
        task_rows = s.exec(select(Task).order_by(Task.id)).all() or [
            Task(suite_id=suite.id, name=f"t{i}", content_hash=f"h{i}", language="python" if i % 2 else "javascript",
                 kind="generation", image="x", time_limit_s=60) for i in range(tasks)]
        s.add_all(task_rows)
        s.commit()
        for d in range(first_day, days):
            if d == 12:
                continue  # a day without a run
            run = Run(date=START + dt.timedelta(days=d), agent_id=agent.id, suite_id=suite.id, simulated=True)
            s.add(run)
            s.commit()
            day = h.attempts[h.attempts.day == d]
            for r in day.itertuples():
                status = AttemptStatus.passed if r.passed else AttemptStatus.failed
                s.add(Attempt(run_id=run.id, task_id=task_rows[r.task].id, attempt_no=1, status=status,
                              tests_passed=getattr(r, "tests_passed", None),
                              tests_total=getattr(r, "tests_total", None)))
            # An outage on our side must not count as a failure.
            s.add(Attempt(run_id=run.id, task_id=task_rows[0].id, attempt_no=2, status=AttemptStatus.infra_error))
            s.commit()
    return h


def test_fit_stores_diagnostics_summaries_and_the_posterior(cfg, capsys):
    seed_database(cfg)
    assert cli.main(["fit", "--draws", "500"]) == 0
    out = capsys.readouterr().out
    with db.session(cfg.db_url) as s:
        fit = s.exec(select(Fit)).one()
        days = s.exec(select(AbilityDay).order_by(AbilityDay.day)).all()
    assert fit.attempts_used == 39 * 20  # infra errors excluded, the empty day has none
    assert (fit.first_day, fit.last_day) == (START, START + dt.timedelta(days=39))
    assert fit.divergences == 0 and fit.rhat_max < 1.2
    # The stored flag is the documented thresholds applied to the stored numbers, and the command says so.
    from analysis.model import BFMI_MIN, ESS_MIN, RHAT_MAX

    judged = (fit.rhat_max <= RHAT_MAX and min(fit.ess_bulk_min, fit.ess_tail_min) >= ESS_MIN
              and fit.divergences == 0 and fit.bfmi_min >= BFMI_MIN)
    assert fit.diagnostics_ok is judged
    assert (": ok\n" in out) is judged and ("NOT TRUSTED" in out) is (not judged)
    assert len(days) == 40 and days[12].attempts == 0  # the calendar is complete
    assert all(d.q05 <= d.q25 <= d.median <= d.q75 <= d.q95 for d in days)
    before = sum(d.median for d in days[20:30]) / 10
    after = sum(d.median for d in days[33:]) / 7
    assert before - after > 0.07  # the 15-point drop shows in the stored summaries
    posterior = xr.open_datatree(fit.netcdf_path)
    assert posterior["posterior"]["pass_rate"].sizes["day"] == 40


def test_fit_without_attempts_says_so(cfg, capsys):
    assert cli.main(["fit"]) == 1
    assert "no graded attempts to fit yet" in capsys.readouterr().err


def test_fit_stores_verdicts_difficulties_and_what_it_can_see(cfg, capsys, tmp_path):
    seed_database(cfg)
    assert cli.main(["fit", "--draws", "500"]) == 0
    out = capsys.readouterr().out
    with db.session(cfg.db_url) as s:
        fit = s.exec(select(Fit)).one()
        verdicts = {(v.method, v.window): v for v in s.exec(select(Verdict))}
        difficulty = s.exec(select(TaskDifficulty)).all()
        levels = s.exec(select(LevelDay).where(LevelDay.stream == "all").order_by(LevelDay.day)).all()
    # 40 days: the 30-day window has no 30-day baseline before it; today and 7 days are judged.
    assert set(verdicts) == {(m, w) for m in ("bayes", "tracker", "paired") for w in ("today", "7d")} | {
        ("cusum", "daily"), ("sequential", "all")}
    # The sequential alarm flags the 15-point drop (tests/test_alarm.py dates it), and its baseline never
    # overlaps the days it judges.
    alarm = verdicts["sequential", "all"]
    assert alarm.status == "degraded" and alarm.statistic >= alarm.limit_degraded > alarm.limit_watch
    assert alarm.baseline_end < alarm.window_start <= alarm.change_day and alarm.drop > 0.05
    # The change-point level (20 attempts a day, a random walk under the step): lower after the step,
    # and the current level began within a few days of it rather than long before.
    assert len(levels) == 40 and levels[12].attempts == 0 and levels[0].attempts == 20
    assert all(d.q05 <= d.q25 <= d.median <= d.q75 <= d.q95 for d in levels)
    assert sum(d.current for d in levels[25:32]) > 0.5 > 0.15 > sum(d.current for d in levels[:20])
    for column in ("median", "level"):
        before, after = [getattr(d, column) for d in levels[20:30]], [getattr(d, column) for d in levels[31:]]
        assert sum(before) / len(before) - sum(after) / len(after) > 0.07
    week = verdicts["bayes", "7d"]
    assert (week.window_start, week.window_end) == (START + dt.timedelta(days=33), START + dt.timedelta(days=39))
    assert (week.baseline_start, week.baseline_end) == (START + dt.timedelta(days=3), START + dt.timedelta(days=32))
    assert week.p_drop > 0.9 and week.status == "degraded" and week.drop_low < week.drop < week.drop_high
    assert week.attempts == 140 and verdicts["tracker", "7d"].p_value < 0.05
    assert "7d     P(drop > 2 points)" in out and "degraded" in out
    assert len(difficulty) == 20 and abs(sum(d.mean for d in difficulty)) < 1e-6
    mdd = fit.min_detectable_drop[str(fit.agents[0])]
    assert 1 < mdd["alarm_points_watch"] < mdd["alarm_points_degraded"] < 60  # the alarm's, at 20 tasks a day
    assert 1 < mdd["points"] < 60 and mdd["tasks_per_day"] == 20 and mdd["attempts_per_task"] == 1
    assert fit.rule["delta"] == 0.02 and fit.rule["degraded"] == 0.95

    # Export: every format, the published columns in order, readable on its own.
    for fmt in ("csv", "parquet", "json", "netcdf"):
        assert cli.main(["export", "--format", fmt, "--out", str(tmp_path / fmt)]) == 0
    for name, (_, columns) in SCHEMA.items():
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv")
        assert list(csv.columns) == columns
        assert list(pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet").columns) == columns
        assert len(json.loads((tmp_path / "json" / f"{name}.json").read_text())) == len(csv)
    exported = pd.read_csv(tmp_path / "csv" / "verdict.csv")
    assert set(exported["agent"]) == {"sim-agent"}
    sequential = exported[(exported["method"] == "sequential") & (exported["window"] == "all")]
    assert json.loads(sequential["task_model"].iloc[0])["ability"] == pytest.approx(
        verdicts["sequential", "all"].task_model["ability"])
    assert xr.open_datatree(tmp_path / "netcdf" / f"posterior-fit-{fit.id}.nc")["posterior"]["theta"].size > 0


def test_windowed_refit_carries_difficulties_in_and_compares_with_the_control(cfg, capsys):
    """29 days fitted; then 31 more with a 31-day window: the earlier fit's difficulties become the
    prior. A control agent that drops with the tracked one turns 'degraded' into 'shared'."""
    seed_database(cfg, days=29, drop=InjectedDrop(), tests=4)
    assert cli.main(["fit", "--draws", "400", "--likelihood", "partial"]) == 0
    seed_database(cfg, days=60, first_day=29, drop=InjectedDrop(points=15, start=50), tests=4)
    seed_database(cfg, days=60, first_day=29, name="control", drop=InjectedDrop(points=15, start=50), seed=8,
                  tests=4)
    assert cli.main(["agents", "add", "control", "--adapter", "null", "--control"]) == 0
    assert cli.main(["fit", "--window-days", "31", "--draws", "400", "--group-by", "language",
                     "--likelihood", "partial"]) == 0
    with db.session(cfg.db_url) as s:
        first, second = s.exec(select(Fit).order_by(Fit.id)).all()
        names = {a.id: a.name for a in s.exec(select(Agent))}
        rows = {(names[v.agent_id], v.method, v.window): v for v in s.exec(select(Verdict).where(
            Verdict.fit_id == second.id))}
        groups = s.exec(select(GroupDay).where(GroupDay.fit_id == second.id)).all()
    assert second.prior_fit_id == first.id and second.first_day == START + dt.timedelta(days=29)
    # Difficulties are carried only into a fit of the same likelihood (another sits on another scale).
    with db.session(cfg.db_url) as s:
        assert _carried_in(s, second.first_day, "partial")[0] == first.id
        assert _carried_in(s, second.first_day, "binary") == (None, Priors())
    assert second.likelihood == "partial" and second.group_by == "language"
    assert {g.group for g in groups} == {"python", "javascript"} and len(groups) == 2 * 2 * 31
    tracked = rows["sim-agent", "bayes", "today"]
    assert tracked.p_drop > 0.8  # day 59 against days 29..58, a third of them already dropped
    vs = rows["sim-agent", "bayes_vs_control", "today"]
    assert vs.p_drop < tracked.p_drop and abs(vs.drop) < tracked.drop
    assert ("control", "bayes_vs_control", "today") not in rows


SMALL = FitOptions(sampling=Sampling(draws=100, tune=100, chains=2, seed=1))


def _visible(cfg):
    """What readers see: fit ids with rows in each table, the dashboard's and export's latest fit,
    the fit files on disk."""
    from core.export import latest_fit_id
    from dashboard import data

    with db.session(cfg.db_url) as s:
        seen = {t.__tablename__: sorted({r.fit_id for r in s.exec(select(t))})
                for t in (AbilityDay, TaskDifficulty, GroupDay, Verdict)}
        seen["fit"] = sorted(s.exec(select(Fit.id)).all())
        seen["export_latest"] = latest_fit_id(s)
    seen["dashboard_latest"] = data.latest_fit.__wrapped__(cfg.db_url)["id"]
    seen["files"] = sorted(p.name for p in (cfg.data_dir / "fits").iterdir())
    return seen


def test_a_fit_that_fails_midway_leaves_no_trace_and_the_previous_fit_shown(cfg, monkeypatch):
    """A fit's row and its summaries are committed together: one that dies while storing its
    verdicts (after its summaries) leaves nothing a reader could show, use as a prior or export."""
    from analysis import fit as fitting

    seed_database(cfg, days=32, tasks=6)
    first = run_fit(cfg, SMALL)
    before = _visible(cfg)
    assert before["fit"] == before["ability_day"] == before["verdict"] == [first.id]
    assert before["dashboard_latest"] == before["export_latest"] == first.id

    seed_database(cfg, days=40, tasks=6, first_day=32)
    stored = fitting._store_verdicts

    def crash(s, *args, **kw):
        stored(s, *args, **kw)
        s.flush()  # the half fit's rows really reach the database, uncommitted
        raise RuntimeError("killed while storing verdicts")

    monkeypatch.setattr(fitting, "_store_verdicts", crash)
    with pytest.raises(RuntimeError, match="killed"):
        run_fit(cfg, SMALL)
    assert _visible(cfg) == before  # no half fit: no row, no summaries, no posterior file
    with db.session(cfg.db_url) as s:  # and the next window's prior still comes from the complete fit
        assert fitting._carried_in(s, first.last_day + dt.timedelta(days=1), "binary")[0] == first.id

    monkeypatch.setattr(fitting, "_store_verdicts", stored)
    second = run_fit(cfg, SMALL)
    after = _visible(cfg)
    assert after["fit"] == after["ability_day"] == after["task_difficulty"] == [first.id, second.id]
    assert after["dashboard_latest"] == after["export_latest"] == second.id
    assert after["files"] == [f"fit-{first.id}.nc", f"fit-{second.id}.nc"]


KILLED_FIT = """
import os, sys
from analysis import fit as fitting
from analysis.fit import FitOptions, _carried_in, run_fit
from analysis.model import Priors, Sampling
from core import settings

stored = fitting._store_verdicts
def die(s, *args, **kw):
    stored(s, *args, **kw)
    s.flush()
    os._exit(9)  # as kill -9 would: no rollback, no cleanup
fitting._store_verdicts = die
run_fit(settings.load(), FitOptions(sampling=Sampling(draws=100, tune=100, chains=2, seed=1)))
"""


def test_a_fit_process_killed_midway_leaves_the_previous_fit_shown(cfg):
    import subprocess
    import sys

    from tests import REPO_ROOT

    seed_database(cfg, days=32, tasks=6)
    first = run_fit(cfg, SMALL)
    before = _visible(cfg)
    seed_database(cfg, days=40, tasks=6, first_day=32)
    proc = subprocess.run([sys.executable, "-c", KILLED_FIT], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 9, proc.stderr
    after = _visible(cfg)
    after["files"] = [f for f in after["files"] if not f.endswith(".tmp")]  # a killed process's scratch file
    assert after == before and before["dashboard_latest"] == first.id
