"""`codedrift fit` end to end: attempts in the database -> PyMC fit -> fit row, summaries, NetCDF."""

import datetime as dt

import pytest
import xarray as xr
from sqlmodel import select

from analysis.simulate import Drop, simulate
from codedrift import cli, db
from codedrift.schema import AbilityDay, Agent, Attempt, AttemptStatus, Fit, Run, Suite, Task

pytestmark = pytest.mark.slow
START = dt.date(2026, 1, 1)


def seed_database(cfg, days=40, tasks=20):
    h = simulate(days=days, tasks=tasks, repeats=1, drop=Drop(points=15, start=30), seed=7)
    with db.session(cfg.db_url) as s:
        suite, agent = Suite(name="sim"), Agent(name="sim-agent", adapter="null", simulated=True)
        s.add_all([suite, agent])
        s.commit()
        task_rows = [Task(suite_id=suite.id, name=f"t{i}", content_hash=f"h{i}", language="python",
                          kind="generation", image="x", time_limit_s=60) for i in range(tasks)]
        s.add_all(task_rows)
        s.commit()
        for d in range(days):
            if d == 12:
                continue  # a day without a run
            run = Run(date=START + dt.timedelta(days=d), agent_id=agent.id, suite_id=suite.id, simulated=True)
            s.add(run)
            s.commit()
            day = h.attempts[h.attempts.day == d]
            for r in day.itertuples():
                status = AttemptStatus.passed if r.passed else AttemptStatus.failed
                s.add(Attempt(run_id=run.id, task_id=task_rows[r.task].id, attempt_no=1, status=status))
            # An outage on our side must not count as a failure.
            s.add(Attempt(run_id=run.id, task_id=task_rows[0].id, attempt_no=2, status=AttemptStatus.infra_error))
            s.commit()
    return h


def test_fit_stores_diagnostics_summaries_and_the_posterior(cfg, capsys):
    seed_database(cfg)
    assert cli.main(["fit", "--draws", "300"]) == 0
    out = capsys.readouterr().out
    with db.session(cfg.db_url) as s:
        fit = s.exec(select(Fit)).one()
        days = s.exec(select(AbilityDay).order_by(AbilityDay.day)).all()
    assert fit.attempts_used == 39 * 20  # infra errors excluded, the empty day has none
    assert (fit.first_day, fit.last_day) == (START, START + dt.timedelta(days=39))
    assert fit.divergences == 0 and fit.rhat_max < 1.2 and isinstance(fit.diagnostics_ok, bool)
    assert ("ok" if fit.diagnostics_ok else "NOT TRUSTED") in out
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
