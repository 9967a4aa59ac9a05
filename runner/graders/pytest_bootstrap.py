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
  `os._exit`: no atexit hook of the code under test runs after the report is written;
- each test's call has its own time limit (argv[3], seconds): past it, the test fails with pytest's
  own `Failed` (a BaseException, so `except Exception` in the code under test does not swallow it),
  re-raised every second until the call returns. A loop fails in seconds, not at the suite's limit.
The code under test shares this process and could still write to that stream; the harness treats a
second line, an unreadable line, or a disagreeing exit code as tampering, and decoy tests that must
fail catch any "make everything pass" forgery.
"""

import json
import os
import signal
import sys

WORKSPACE, GRADER = sys.argv[1], sys.argv[2]
PER_TEST_S = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
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
        self.timing = False

    def pytest_runtest_logreport(self, report):
        ok = report.passed and not getattr(report, "wasxfail", None)
        if report.when == "call":
            self.tests[report.nodeid] = self.tests.get(report.nodeid, True) and ok
        elif not ok:
            self.tests[report.nodeid] = False

    def pytest_collectreport(self, report):
        if report.failed:
            self.tests[f"{report.nodeid}::<collection>"] = False

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        if PER_TEST_S <= 0:
            yield
            return
        self.timing = True
        signal.signal(signal.SIGALRM, self.over_time)
        signal.setitimer(signal.ITIMER_REAL, PER_TEST_S, 1.0)
        try:
            yield
        finally:
            self.timing = False  # a signal arriving after the call is ignored, not raised into pytest itself
            signal.setitimer(signal.ITIMER_REAL, 0)

    def over_time(self, signum, frame):
        if self.timing:
            pytest.fail(f"over the per-test time limit of {PER_TEST_S:g} s", pytrace=False)


pass_fail = PassFail()
status = int(pytest.main(["-q", "-p", "no:cacheprovider", "--noconftest", "-c", f"{GRADER}/pytest.ini",
                          "--rootdir", GRADER, f"{GRADER}/tests"], plugins=[pass_fail]))
sys.stdout.flush()
sys.stderr.flush()
channel.write(json.dumps({"tests": pass_fail.tests, "exitstatus": status}) + "\n")
channel.flush()
os._exit(status)
