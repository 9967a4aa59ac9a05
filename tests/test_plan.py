"""Daily plans: the same date gives the same tasks, the next date a fresh rotating set with the same
anchors; a secret keys the day's seed; the resolved plan is stored with its run."""

import datetime as dt
import math
import shutil
from collections import Counter
from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Fit, Run, Task, Verdict
from runner.families import all_families
from runner.plan import PlanError, day_seed, load_plan, resolve
from runner.run import run

DAY = dt.date(2026, 11, 24)


def _plan(tmp_path, body: str):
    path = tmp_path / "p.toml"
    path.write_text(body)
    return load_plan(path)


def test_same_date_same_tasks_next_date_fresh_rotation_same_anchors(cfg, tmp_path):
    plan = _plan(tmp_path, 'name = "t"\nper_family = 3\n')
    a = resolve(plan, DAY, cfg.tasks_dir, tmp_path / "a")
    b = resolve(plan, DAY, cfg.tasks_dir, tmp_path / "b")  # another machine: nothing cached
    nxt = resolve(plan, DAY + dt.timedelta(days=1), cfg.tasks_dir, tmp_path / "a")
    names = [t.name for t in a.tasks]
    assert names == [t.name for t in b.tasks]
    assert [t.content_hash for t in a.tasks] == [t.content_hash for t in b.tasks]  # byte-identical instances
    assert [t.name for t in nxt.anchors] == [t.name for t in a.anchors] and a.anchors
    rotating, rotating_next = {p.task.name for p in a.rotating}, {p.task.name for p in nxt.rotating}
    assert len(rotating) == 3 * len(all_families()) and not rotating & rotating_next
    assert {p.task.family for p in a.rotating} == set(all_families())
    assert a.record()["rotating"][0].keys() == {"task", "family", "seed", "knobs", "reason", "p_pass", "information"}
    assert {p["reason"] for p in a.record()["rotating"]} == {"uniform"} and a.record()["design"] is None


def test_an_adaptive_plan_keeps_a_uniform_share_and_spends_the_rest_where_the_information_is(cfg, tmp_path):
    """Half the families sit at the agent's level (p = 0.5), half far from it (p near 0 or 1): the
    informative picks all come from the first half, at most 10% of them from one family, and a quarter
    of the budget stays uniform. Same day and same analysis: same tasks."""
    plan = _plan(tmp_path, 'name = "t"\nper_family = 4\nadaptive = true\n')
    names = sorted(all_families())
    level = set(names[::2])
    design = {"ability": 0.3, "within_sd": 0.5,
              "families": {f: [0.3, 0.0] if f in level else [0.3 + (8.0 if i % 4 == 1 else -8.0), 0.0]
                           for i, f in enumerate(names)}}
    day = resolve(plan, DAY, cfg.tasks_dir, tmp_path / "a", design=design)
    again = resolve(plan, DAY, cfg.tasks_dir, tmp_path / "b", design=design)
    assert [t.content_hash for t in day.tasks] == [t.content_hash for t in again.tasks]
    budget = 4 * len(names)
    informative = [p for p in day.rotating if p.reason == "information"]
    assert len(day.rotating) == budget and len(informative) == budget - round(budget * 0.25)
    assert {p.task.family for p in informative} <= level
    assert max(Counter(p.task.family for p in informative).values()) <= -(-len(informative) // 10)
    assert all(p.information == pytest.approx(0.25 / (1 + math.pi / 8 * 0.25)) for p in informative)
    uniform = [p for p in day.rotating if p.reason == "uniform"]
    assert {p.task.family for p in uniform} & (set(names) - level)  # far families are still measured
    record = day.record()
    assert record["design"] == design and all(r["p_pass"] is not None for r in record["rotating"])
    # Without an analysis yet (the first days), an adaptive plan is the uniform one.
    first = resolve(plan, DAY, cfg.tasks_dir, tmp_path / "a")
    assert [t.name for t in first.tasks] == [t.name for t in resolve(
        _plan(tmp_path, 'name = "t"\nper_family = 4\n'), DAY, cfg.tasks_dir, tmp_path / "a").tasks]


def test_a_secret_keys_the_day_seed(monkeypatch):
    plain, keyed = day_seed("daily", DAY, {}), day_seed("daily", DAY, {"CODEDRIFT_PLAN_SECRET": "s1"})
    assert plain[1] is False and keyed[1] is True and plain[0] != keyed[0]
    assert keyed == day_seed("daily", DAY, {"CODEDRIFT_PLAN_SECRET": "s1"})
    assert keyed != day_seed("daily", DAY, {"CODEDRIFT_PLAN_SECRET": "s2"})
    assert plain != day_seed("daily", DAY + dt.timedelta(days=1), {})


@pytest.mark.parametrize("body,says", [
    ('per_family = "2"', "per_family must be a whole number"),
    ("colour = 1", "unknown key(s) colour"),
    ('families = ["no-such-family"]', "no task family 'no-such-family'"),
    ("anchors = 3", 'anchors must be "all" or a list'),
    ("repeats = 0", "repeats must be a whole number >= 1"),
    ('adaptive = "yes"', "adaptive must be true or false"),
    ("uniform_share = 2", "uniform_share must be a number from 0 to 1"),
    ("name = [", "not valid TOML"),
])
def test_a_bad_plan_names_the_file_and_the_problem(tmp_path, body, says):
    with pytest.raises(PlanError) as e:
        _plan(tmp_path, body)
    assert str(tmp_path / "p.toml") in str(e.value) and says in str(e.value)


def test_the_builtin_plan_loads(cfg):
    plan = load_plan(cfg.tasks_dir / "plans" / "daily.toml")
    assert plan.name == "daily" and plan.anchors is None and plan.per_family >= 1


@pytest.mark.slow
def test_a_planned_run_validates_its_instances_and_stores_the_plan(cfg, backend_name, tmp_path):
    shutil.copytree(cfg.tasks_dir / "core" / "py-slugify", tmp_path / "tasks" / "core" / "py-slugify")
    cfg = replace(cfg, sandbox=backend_name, data_dir=tmp_path / "data", tasks_dir=tmp_path / "tasks")
    plan = _plan(tmp_path, 'name = "small"\nanchors = ["py-slugify"]\nfamilies = ["py-string-pipeline"]\n'
                           "per_family = 2\nrepeats = 1\n")
    report = run(cfg, date=DAY, agent_name="oracle", plan=plan)
    assert sorted(report.new.elements()) == ["passed"] * 3
    with db.session(cfg.db_url) as s:
        stored = s.exec(select(Run).where(Run.id == report.run_id)).one().plan
        generated = s.exec(select(Task).where(Task.origin == "generated")).all()
    assert stored["name"] == "small" and stored["anchors"] == ["py-slugify"] and stored["date"] == DAY.isoformat()
    assert [r["family"] for r in stored["rotating"]] == ["py-string-pipeline"] * 2
    assert {(t.name, t.family, t.seed) for t in generated} == {
        (r["task"], r["family"], r["seed"]) for r in stored["rotating"]}
    assert all(t.knobs and "steps" in t.knobs for t in generated), [(t.name, t.knobs) for t in generated]
    again = resolve(plan, DAY, cfg.tasks_dir, cfg.data_dir)  # validations were kept with the instances
    assert all(p.validity is not None and p.validity.valid for p in again.rotating)

    # An adaptive plan reads the agent's latest analysis from the database (as analysis/fit.py stores it)
    # and stores what it chose and why.
    design = {"ability": 0.5, "within_sd": 0.6, "families": {"py-string-pipeline": [0.2, 0.1]}}
    with db.session(cfg.db_url) as s:
        fit = Fit(first_day=DAY, last_day=DAY, attempts_used=3, sampler="nutpie", chains=2, draws=10, seed=0,
                  duration_s=1.0, rhat_max=1.0, ess_bulk_min=500, ess_tail_min=500, divergences=0, bfmi_min=1.0,
                  diagnostics_ok=True)
        s.add(fit)
        s.commit()
        agent = s.exec(select(Agent).where(Agent.name == "oracle")).one()
        s.add(Verdict(fit_id=fit.id, agent_id=agent.id, day=DAY, method="sequential", window="all",
                      window_start=DAY, window_end=DAY, flagged=False, status="ok", task_model=design))
        s.commit()
    adaptive = replace(plan, adaptive=True, uniform_share=0.5)
    report = run(cfg, date=DAY + dt.timedelta(days=1), agent_name="oracle", plan=adaptive)
    with db.session(cfg.db_url) as s:
        stored = s.exec(select(Run).where(Run.id == report.run_id)).one().plan
    assert stored["design"] == design
    assert sorted(r["reason"] for r in stored["rotating"]) == ["information", "uniform"]
    assert all(0 < r["p_pass"] < 1 and r["information"] > 0 for r in stored["rotating"])
