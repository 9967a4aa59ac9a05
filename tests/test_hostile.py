"""The hostile battery (tests/hostile.py) through the real runner on both backends: every case is
recorded, none passes except by correct work, none becomes an infra error."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt, Run
from runner.run import run
from runner.sandbox import Limits
from tests import hostile

pytestmark = pytest.mark.slow


def _suite(root):
    for name, lang, files in (("py", "python", {"tests/test_m.py": hostile.PY_TESTS, "workspace/m.py": hostile.WRONG_PY,
                                               "solution/m.py": hostile.RIGHT_PY}),
                              ("js", "javascript", {"tests/m.test.mjs": hostile.JS_TESTS,
                                                    "workspace/m.mjs": hostile.WRONG_JS,
                                                    "solution/m.mjs": hostile.WRONG_JS.replace("24", "42")})):
        d = root / name / "t"
        for rel, body in files.items():
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(body)
        (d / "prompt.md").write_text("Make f return 42.\n")
        (d / "task.toml").write_text(f'language = "{lang}"\nkind = "generation"\nexpected_tests = 2\n'
                                     "time_limit_s = 20\ntest_time_limit_s = 20\n")
    return root


def test_hostile_battery(cfg, backend_name, tmp_path):
    cfg = replace(cfg, tasks_dir=_suite(tmp_path / "tasks"), sandbox=backend_name, retries=0)
    with db.session(cfg.db_url) as s:
        for case in hostile.CASES:
            s.add(Agent(name=case.name, adapter="command", settings={"command": case.command}))
        s.commit()
    limits = Limits(memory_mb=256, pids=64, workspace_mb=64, tmp_mb=32)
    for case in hostile.CASES:
        run(cfg, suite_name=case.task, agent_name=case.name, limits=limits)
    with db.session(cfg.db_url) as s:
        rows = {name: a for name, a in s.exec(select(Agent.name, Attempt).join(Run, Run.agent_id == Agent.id)
                                              .join(Attempt, Attempt.run_id == Run.id)).all()}
    missing = Attempt(status="MISSING", tampered=None, error="")
    table = [(c.name, str(a.status), bool(a.tampered), (a.error or "")[:90])
             for c in hostile.CASES for a in [rows.get(c.name, missing)]]
    print("\n" + "\n".join(f"| {n} | {st} | {'yes' if t else ''} | {e} |" for n, st, t, e in table))
    wrong = [(c.name, st, e) for c, (_, st, t, e) in zip(hostile.CASES, table, strict=True)
             if st not in ((c.expect,) if isinstance(c.expect, str) else c.expect) or (c.tampered and not t)]
    assert not wrong, wrong
