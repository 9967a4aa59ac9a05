"""Runs the hidden tests with pytest inside the grading sandbox and reports whether each test passed.

Shipped into the sandbox owned by the harness (read-only to the code under test) and started as
`python3 -I -B pytest_bootstrap.py`: isolated mode ignores PYTHON* variables, the user site and the
current directory, so nothing in the workspace runs before the test runner is loaded. Then:
- pytest and pluggy are imported from the image before the workspace is importable, and the
  workspace is appended *after* the standard library and site-packages: a workspace `pytest.py`,
  `_pytest/`, `pluggy/`, `json.py` or `sitecustomize.py` shadows nothing;
- plugin autoload is off and the grader's plugin is an object, not a module looked up by name;
- `-B` writes no bytecode, and the workspace's `__pycache__`/`.pyc` files were dropped before it
  was copied in (runner/snapshot.py): an agent's compiled file never stands in for its source;
- the report leaves on the process's original stdout, which nothing else writes to (pytest's own
  output goes to stderr), as exactly one JSON line, and the process ends right after it with
  `os._exit`: no atexit hook of the code under test runs after the report is written.
The code under test shares this process and could still write to that stream; the harness treats a
second line, an unreadable line, or a disagreeing exit code as tampering, and decoy tests that must
fail catch any "make everything pass" forgery.
"""

import json
import os
import sys

WORKSPACE, GRADER = sys.argv[1], sys.argv[2]
channel = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
for var in [k for k in os.environ if k.startswith("PYTEST_")]:
    del os.environ[var]
os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"

import pytest  # noqa: E402  (deliberately before the workspace is on sys.path)

sys.path.append(WORKSPACE)


class PassFail:
    """Whether each test passed, over its setup, call and teardown: passed only if the call passed and
    no phase failed; skipped or expected-failure counts as not passed."""

    def __init__(self):
        self.tests = {}

    def pytest_runtest_logreport(self, report):
        ok = report.passed and not getattr(report, "wasxfail", None)
        if report.when == "call":
            self.tests[report.nodeid] = self.tests.get(report.nodeid, True) and ok
        elif not ok:
            self.tests[report.nodeid] = False

    def pytest_collectreport(self, report):
        if report.failed:
            self.tests[f"{report.nodeid}::<collection>"] = False


pass_fail = PassFail()
status = int(pytest.main(["-q", "-p", "no:cacheprovider", "--noconftest", "-c", f"{GRADER}/pytest.ini",
                          "--rootdir", GRADER, f"{GRADER}/tests"], plugins=[pass_fail]))
sys.stdout.flush()
sys.stderr.flush()
channel.write(json.dumps({"tests": pass_fail.tests, "exitstatus": status}) + "\n")
channel.flush()
os._exit(status)
