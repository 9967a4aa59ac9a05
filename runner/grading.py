"""Grading: a pure function from a test log (and the runner's exit code) to a verdict.

One parser per test framework. The exit code is cross-checked against the parsed counts, and the
parsed total against the count the task declares, so a workspace that prints fake "passed" lines
does not pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GRADER_DIR = "/tmp/grader"

# Hidden tests live outside the workspace; conftest files and ini files in the workspace are ignored.
COMMANDS = {
    "pytest": ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest",
               "-c", f"{GRADER_DIR}/pytest.ini", "--rootdir", GRADER_DIR, f"{GRADER_DIR}/tests"],
    "node": ["sh", "-c", f"node --test --test-reporter=tap {GRADER_DIR}/tests/*.test.mjs"],
}
SUPPORT_FILES = {"pytest": {"pytest.ini": "[pytest]\n"}, "node": {}}


@dataclass(frozen=True)
class Counts:
    passed: int
    failed: int

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


_PYTEST_TAIL = re.compile(r"^=*\s*(?P<body>(\d+ \w+(, )?)+) in [\d.]+s")
_PYTEST_PART = re.compile(r"(\d+) (passed|failed|errors?|xpassed|xfailed|skipped)")


def parse_pytest(log: str) -> Counts | None:
    """The last summary line decides: anything printed earlier (by the code under test) is ignored."""
    for line in reversed(log.strip().splitlines()):
        m = _PYTEST_TAIL.match(line.strip())
        if m:
            parts = {kind: int(n) for n, kind in _PYTEST_PART.findall(m["body"])}
            failed = parts.get("failed", 0) + parts.get("error", 0) + parts.get("errors", 0)
            failed += parts.get("xpassed", 0)  # an unexpected pass means the test's premise is wrong
            return Counts(passed=parts.get("passed", 0), failed=failed)
    return None


def parse_node_tap(log: str) -> Counts | None:
    tail = {}
    for line in log.strip().splitlines()[-20:]:
        m = re.match(r"^# (tests|pass|fail|cancelled|todo|skipped) (\d+)$", line.strip())
        if m:
            tail[m[1]] = int(m[2])
    if "tests" not in tail:
        return None
    return Counts(passed=tail.get("pass", 0), failed=tail.get("fail", 0) + tail.get("cancelled", 0))


PARSERS = {"pytest": parse_pytest, "node": parse_node_tap}


def verdict(framework: str, log: str, exit_code: int | None, timed_out: bool, expected: int | None) -> Verdict:
    counts = PARSERS[framework](log)
    total = expected if expected is not None else (counts.total if counts else None)
    if counts is None:
        note = "tests timed out" if timed_out else f"no test summary found (exit code {exit_code})"
        return Verdict(False, 0, total, note)
    if expected is not None and counts.total > expected:
        return Verdict(False, 0, total, f"reported {counts.total} tests but the task has {expected}")
    got = min(counts.passed, total or 0)
    if timed_out:
        return Verdict(False, got, total, "tests timed out")
    if exit_code != 0:
        note = None if counts.failed else f"test runner exited {exit_code} though no test failed"
        return Verdict(False, got if counts.failed else 0, total, note)
    if counts.failed or got != total:
        return Verdict(False, got, total, f"exit code 0 disagrees with {counts.failed} failed, {got}/{total}")
    return Verdict(True, got, total)
