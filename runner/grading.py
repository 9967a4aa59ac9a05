"""Grading: a pure function from what the test run left behind (log, report file, exit code) to a verdict.

One parser per test framework. Nothing printed by the code under test is trusted on its own:
- pytest results come from a grader plugin that writes a JSON report at session end, including
  pytest's own exit status; a process exit code that disagrees with it means tampering
  (e.g. `os._exit(0)` from an atexit hook) and fails the attempt;
- node's summary comes from the parent test runner, not from the test files' processes;
- the parsed total must equal the number of tests the task declares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

GRADER_DIR = "/tmp/grader"

_PYTEST_PLUGIN = '''\
import json

def pytest_sessionfinish(session, exitstatus):
    stats = session.config.pluginmanager.get_plugin("terminalreporter").stats
    report = {"passed": len(stats.get("passed", [])),
              "failed": len(stats.get("failed", [])) + len(stats.get("error", [])),
              "exitstatus": int(exitstatus)}
    with open("/tmp/grader/report.json", "w") as fh:
        json.dump(report, fh)
'''


@dataclass(frozen=True)
class Counts:
    passed: int
    failed: int
    exit_status: int | None = None  # the test runner's own view of its exit status, where it reports one

    @property
    def total(self) -> int:
        return self.passed + self.failed


@dataclass(frozen=True)
class Verdict:
    passed: bool
    tests_passed: int
    tests_total: int | None
    note: str | None = None

    @property
    def score(self) -> float | None:
        return self.tests_passed / self.tests_total if self.tests_total else None


def parse_pytest_report(log: str, report: bytes | None) -> Counts | None:
    if not report:
        return None
    try:
        data = json.loads(report)
        return Counts(int(data["passed"]), int(data["failed"]), int(data["exitstatus"]))
    except (ValueError, KeyError, TypeError):
        return None


_PYTEST_TAIL = re.compile(r"^=*\s*(?P<body>(\d+ \w+(, )?)+) in [\d.]+s")
_PYTEST_PART = re.compile(r"(\d+) (passed|failed|errors?|xpassed|xfailed|skipped)")


def parse_pytest_log(log: str) -> Counts | None:
    """pytest's final summary line; for logs from other harnesses (the grader itself uses the report)."""
    for line in reversed(log.strip().splitlines()):
        m = _PYTEST_TAIL.match(line.strip())
        if m:
            parts = {kind: int(n) for n, kind in _PYTEST_PART.findall(m["body"])}
            failed = sum(parts.get(k, 0) for k in ("failed", "error", "errors", "xpassed"))
            return Counts(passed=parts.get("passed", 0), failed=failed)
    return None


def parse_node_tap(log: str, report: bytes | None = None) -> Counts | None:
    tail = {}
    for line in log.strip().splitlines()[-20:]:
        m = re.match(r"^# (tests|pass|fail|cancelled|todo|skipped) (\d+)$", line.strip())
        if m:
            tail[m[1]] = int(m[2])
    if "tests" not in tail:
        return None
    return Counts(passed=tail.get("pass", 0), failed=tail.get("fail", 0) + tail.get("cancelled", 0))


@dataclass(frozen=True)
class Framework:
    command: list[str]
    parse: Callable[[str, bytes | None], Counts | None]
    support_files: dict[str, str] = field(default_factory=dict)
    report_file: str | None = None


# Hidden tests live outside the workspace; conftest and ini files in the workspace are ignored.
FRAMEWORKS = {
    "pytest": Framework(
        command=["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest",
                 "-p", "codedrift_grader", "-c", f"{GRADER_DIR}/pytest.ini", "--rootdir", GRADER_DIR,
                 f"{GRADER_DIR}/tests"],
        parse=parse_pytest_report,
        support_files={"pytest.ini": "[pytest]\n", "plugins/codedrift_grader.py": _PYTEST_PLUGIN},
        report_file=f"{GRADER_DIR}/report.json",
    ),
    "node": Framework(
        command=["sh", "-c", f"node --test --test-reporter=tap {GRADER_DIR}/tests/*.test.mjs"],
        parse=parse_node_tap,
    ),
}
GRADER_PYTHONPATH = f"{GRADER_DIR}/plugins"


def verdict(counts: Counts | None, exit_code: int | None, timed_out: bool, expected: int | None) -> Verdict:
    total = expected if expected is not None else (counts.total if counts else None)
    if counts is None:
        note = "tests timed out" if timed_out else f"no test results found (exit code {exit_code})"
        return Verdict(False, 0, total, note)
    if expected is not None and counts.total > expected:
        return Verdict(False, 0, total, f"reported {counts.total} tests but the task has {expected}")
    got = min(counts.passed, total or 0)
    if timed_out:
        return Verdict(False, got, total, "tests timed out")
    if counts.exit_status is not None and counts.exit_status != exit_code:
        return Verdict(False, 0, total, f"process exit code {exit_code} disagrees with the test run's own "
                                        f"status {counts.exit_status}: results not trusted")
    if exit_code != 0:
        note = None if counts.failed else f"test runner exited {exit_code} though no test failed"
        return Verdict(False, got if counts.failed else 0, total, note)
    if counts.failed or got != total:
        return Verdict(False, got, total, f"exit code 0 disagrees with {counts.failed} failed, {got}/{total}")
    return Verdict(True, got, total)
