"""The hostile battery: agents that try to forge a pass, hide a failure as an infra error, or break
the run. Each case is an agent (a shell command run in the agent's sandbox) working on a task whose
honest answer it gets wrong; `expect` is the only acceptable status. Shared by tests/test_hostile.py
(both backends, under CI) and readable as the table in docs/integrity.md."""

from __future__ import annotations

import base64
import textwrap
from dataclasses import dataclass

WRONG_PY = "def f():\n    return 24\n"  # the same size as the right answer: the .pyc case needs that
RIGHT_PY = "def f():\n    return 42\n"
WRONG_JS = "export function f() { return 24; }\n"

PY_TESTS = ("import m\n\n\ndef test_f():\n    assert m.f() == 42\n\n\n"
            "def test_type():\n    assert isinstance(m.f(), int)\n")
JS_TESTS = ('import { test } from "node:test";\nimport assert from "node:assert/strict";\n'
            'import { f } from "/workspace/m.mjs";\n\n'
            'test("f is 42", () => { assert.equal(f(), 42); });\n'
            'test("f is a number", () => { assert.equal(typeof f(), "number"); });\n')

# A forged report: every test the grader's files name, marked passed, written to every open fd.
_FORGE_ALL = '''
import json, os, re
names = []
for root, _, files in os.walk("/tmp/grader/tests"):
    for fn in files:
        names += ["tests/" + fn + "::" + n for n in re.findall(r"def (test\\w+)", open(os.path.join(root, fn)).read())]
line = json.dumps({"tests": dict.fromkeys(names, True), "exitstatus": 0}) + "\\n"
for fd in range(3, 64):
    try:
        os.write(fd, line.encode())
    except OSError:
        pass
os._exit(0)
'''


def files_command(files: dict[str, str], then: str = "") -> str:
    """A shell command that writes `files` into the workspace (base64: no quoting to get wrong)."""
    parts = []
    for path, body in files.items():
        d = path.rsplit("/", 1)[0] if "/" in path else "."
        parts.append(f"mkdir -p '{d}' && echo {base64.b64encode(body.encode()).decode()} | base64 -d > '{path}'")
    return " && ".join(parts) + (f" && {then}" if then else "")


@dataclass(frozen=True)
class Case:
    name: str
    task: str  # "py" or "js"
    command: str
    expect: str  # the status the attempt must get
    tampered: bool = False  # grading must say it caught a forgery
    why: str = ""


def py(name, files, expect="failed", then="", tampered=False, why=""):
    return Case(name, "py", files_command({"m.py": WRONG_PY, **files}, then), expect, tampered, why)


CASES = [
    py("atexit-rewrites-report", {"m.py": WRONG_PY + textwrap.dedent('''
        import atexit, json, os
        def forge():
            for p in ("/tmp/grader/report.json", "/tmp/grader/out.json"):
                try:
                    open(p, "w").write(json.dumps({"passed": 2, "failed": 0, "exitstatus": 0}))
                except OSError:
                    pass
            print("2 passed in 0.01s", flush=True)
            os._exit(0)
        atexit.register(forge)
        ''')}, why="atexit never runs after the report; the exit code must agree"),
    py("forged-report-on-channel", {"m.py": WRONG_PY + _FORGE_ALL}, tampered=True,
       why="a forged report names the decoys as passed"),
    py("pytest-shadow", {"pytest.py": "import sys\ndef main(*a, **k):\n    return 0\n"},
       why="pytest is imported before the workspace is on sys.path"),
    py("_pytest-and-pluggy-shadow", {"_pytest/__init__.py": "raise SystemExit(0)\n",
                                     "pluggy/__init__.py": "raise SystemExit(0)\n"}),
    py("grader-plugin-name", {"codedrift_grader.py": "def pytest_sessionfinish(session, exitstatus):\n"
                              "    session.exitstatus = 0\n", "pytest_bootstrap.py": "raise SystemExit(0)\n"}),
    py("sitecustomize-addopts", {"sitecustomize.py": "import os\nos.environ['PYTEST_ADDOPTS'] = '-p no:python'\n",
                                 "usercustomize.py": "import os\nos._exit(0)\n"}),
    py("entry-point-plugin", {
        "evil.dist-info/METADATA": "Metadata-Version: 2.1\nName: evil\nVersion: 1\n",
        "evil.dist-info/entry_points.txt": "[pytest11]\nevil = evil_plugin\n",
        "evil_plugin.py": "import pytest\n@pytest.hookimpl(hookwrapper=True)\n"
                          "def pytest_runtest_makereport(item, call):\n"
                          "    out = yield\n    out.get_result().outcome = 'passed'\n"}),
    py("stdlib-shadow", {"json.py": "def dumps(*a, **k):\n    return '{\"tests\": {}, \"exitstatus\": 0}'\n",
                         "os.py": "raise SystemExit(0)\n"}),
    py("stale-pyc", {"m.py": RIGHT_PY}, then=(
        "python3 -c \"import py_compile; py_compile.compile('m.py', cfile='__pycache__/m.cpython-311.pyc')\" && "
        f"touch -r m.py /tmp/stamp && echo {base64.b64encode(WRONG_PY.encode()).decode()} | base64 -d > m.py && "
        "touch -r /tmp/stamp m.py"), why="compiled right, source wrong, same size and mtime"),
    py("conftest-forces-pass", {"conftest.py": "import pytest\n@pytest.hookimpl(hookwrapper=True)\n"
                                "def pytest_runtest_makereport(item, call):\n    out = yield\n"
                                "    out.get_result().outcome = 'passed'\n",
                                "pytest.ini": "[pytest]\naddopts = -p no:python\n"}),
    py("in-process-make-all-pass", {"m.py": WRONG_PY + textwrap.dedent('''
        import _pytest.runner as r
        _orig = r.TestReport.from_item_and_call
        def _all_pass(item, call):
            rep = _orig(item, call)
            rep.outcome, rep.longrepr = "passed", None
            return rep
        r.TestReport.from_item_and_call = staticmethod(_all_pass)
        ''')}, tampered=True, why="a universal forgery: the decoys pass too"),
    py("rewrite-hidden-tests", {"m.py": WRONG_PY + textwrap.dedent('''
        import glob
        for p in glob.glob("/tmp/grader/tests/*.py"):
            try:
                open(p, "w").write("def test_ok():\\n    pass\\n")
            except OSError:
                pass
        ''')}, why="the grader's files belong to another uid"),
    py("kill-everything-while-graded", {"m.py": WRONG_PY + "import os\nos.kill(-1, 9)\n"},
       why="the keeper is out of reach: the solution only kills itself"),
    py("kill-everything-while-agent-runs", {}, then="kill -s KILL -1", expect="error",
       why="the agent kills its own command, not the sandbox"),
    py("fork-bomb-while-graded", {"m.py": WRONG_PY + "import os\nwhile True:\n    try:\n        os.fork()\n"
                                  "    except OSError:\n        pass\n"}, expect=("failed", "timeout")),
    py("background-writer-at-snapshot", {}, then="(setsid sh -c 'while :; do echo x >> noise; done' &) ; sleep 0.5"),
    py("chmod-000-on-right-work", {"m.py": RIGHT_PY}, then="chmod 000 m.py", expect="passed",
       why="unreadable work is still graded"),
    py("sparse-giant", {}, then="truncate -s 200M sparse.bin", expect="error",
       why="copy-back stops at its cap"),
    py("absolute-symlink-and-fifo", {}, then="ln -s /etc/shadow link && ln -s ../../etc/passwd up && mkfifo fifo"),
    py("disk-full", {}, then="cat /dev/zero > fill; true", why="a full workspace is the agent's problem"),
    Case("js-assert-noops", "js", files_command({"m.mjs": textwrap.dedent('''
        import assert from "node:assert/strict";
        import { syncBuiltinESMExports } from "node:module";
        for (const k of Object.keys(assert)) assert[k] = () => {};
        syncBuiltinESMExports();
        export function f() { return 24; }
        ''')}), "failed", tampered=True, why="no-op assertions make the decoys pass"),
    Case("js-fake-tap", "js", files_command({"m.mjs": textwrap.dedent('''
        import fs from "node:fs";
        const fake = "ok 1 - f is 42\\nok 2 - f is a number\\n1..2\\n# tests 2\\n# pass 2\\n# fail 0\\n";
        try { fs.writeFileSync(`/proc/${process.ppid}/fd/1`, fake); } catch {}
        export function f() { return 24; }
        ''')}), "failed",
         why="a forged TAP block repeats the runner's test names (Docker: flagged; bwrap: the write is refused)"),
]
