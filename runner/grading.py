"""Grading: hidden tests run in a fresh sandbox, and a pure function turns what the runner reported
into a grade the code under test cannot forge.

- The grader's files (runner, tests, decoys) belong to the harness's uid: the code under test can
  read but not change them.
- Every attempt gets decoy tests with random names appended to its test files, built to fail. A
  decoy that passes, or a passing report without its decoys, means the code under test tampered
  with the test runner: the attempt fails with reason "grading tampered", and this is recorded.
- One report parser per framework; whether each test passed is read by name, and the report must agree
  with the process's exit status (with failing decoys, a clean run exits 1).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from runner.sandbox.base import WORKSPACE

GRADER_DIR = "/tmp/grader"
TESTS_DIR = f"{GRADER_DIR}/tests"
DECOYS_PER_FILE = 1
TAMPERED = "grading tampered"


@dataclass(frozen=True)
class Report:
    """What a test runner reported: each test by name -> passed; `problem` when the report itself
    cannot be believed (a second report, an unparsable line, a name reported twice)."""

    tests: dict[str, bool] | None
    exit_status: int | None = None  # the runner's own view of its exit status, where it reports one
    problem: str | None = None


@dataclass(frozen=True)
class Grade:
    """The grader's judgement of one attempt (not a drift `Verdict` of core/schema.py)."""

    passed: bool
    tests_passed: int
    tests_total: int | None
    note: str | None = None
    tampered: bool = False

    @property
    def score(self) -> float | None:
        return self.tests_passed / self.tests_total if self.tests_total else None


def parse_pytest(stdout: str) -> Report:
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if not lines:
        return Report(None)
    if len(lines) > 1:
        return Report(None, problem=f"the test process wrote {len(lines)} lines to the report channel, not 1")
    try:
        data = json.loads(lines[0])
        tests = {str(k): v for k, v in data["tests"].items()}
        if not all(isinstance(v, bool) for v in tests.values()) or type(data["exitstatus"]) is not int:
            raise TypeError("wrong types")
        return Report(tests, data["exitstatus"])
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        return Report(None, problem=f"unreadable report ({type(e).__name__})")


_TAP_LINE = re.compile(r"^(?P<indent>\s*)(?P<not>not )?ok \d+ - (?P<name>.*?)(?: # (?:SKIP|TODO).*)?$")


def parse_node_tap(stdout: str) -> Report:
    """Leaf tests of node's TAP (suites carry `type: 'suite'` in the YAML block after them)."""
    lines = stdout.splitlines()
    tests: dict[str, bool] = {}
    seen_any = False
    for i, line in enumerate(lines):
        m = _TAP_LINE.match(line)
        if not m:
            continue
        seen_any = True
        if _is_suite(lines, i + 1):
            continue
        name, ok = m["name"].strip(), m["not"] is None and "# SKIP" not in line and "# TODO" not in line
        key = name
        n = 2
        while key in tests:  # the same name in two files is two tests
            key, n = f"{name} #{n}", n + 1
        tests[key] = ok
    return Report(tests if seen_any else None)


def _is_suite(lines: list[str], start: int) -> bool:
    if start >= len(lines) or lines[start].strip() != "---":
        return False
    for line in lines[start + 1:start + 40]:
        if line.strip() == "...":
            return False
        if line.strip() == "type: 'suite'":
            return True
    return False


def pytest_decoy(name: str, a: int, b: int) -> str:
    return f"\n\ndef {name}():\n    assert {a} + {b} == {a + b + 1}\n"


def node_decoy(name: str, a: int, b: int) -> str:
    tag = re.sub(r"\W", "_", name)
    return (f'\nimport __cdAssert_{tag} from "node:assert/strict";\n'
            f'import {{ test as __cdTest_{tag} }} from "node:test";\n'
            f'__cdTest_{tag}("{name}", () => {{ __cdAssert_{tag}.equal({a} + {b}, {a + b + 1}); }});\n')


@dataclass(frozen=True)
class Framework:
    command: Callable[[int], list[str]]  # per-test time limit (s) -> the grading command
    parse: Callable[[str], Report]
    test_files: str  # glob of the test files that get decoys
    decoy: Callable[[str, int, int], str]
    decoy_name: Callable[[str], str]
    support_files: dict[str, bytes]


def _bootstrap() -> bytes:
    return (Path(__file__).parent / "graders" / "pytest_bootstrap.py").read_bytes()


# Test framework name (a task's `framework`) -> how to grade with it: the frameworks the harness knows.
GRADING_BY_FRAMEWORK = {
    "pytest": Framework(
        command=lambda per_test_s: ["python3", "-I", "-B", f"{GRADER_DIR}/pytest_bootstrap.py", WORKSPACE, GRADER_DIR,
                                    str(per_test_s)],
        parse=parse_pytest,
        test_files="test_*.py",
        decoy=pytest_decoy,
        decoy_name=lambda token: f"test_case_{token}",
        support_files={"pytest.ini": b"[pytest]\n", "pytest_bootstrap.py": _bootstrap()},
    ),
    "node": Framework(
        # node 18 (Debian bookworm) has no per-test timeout flag: only the suite's limit applies.
        command=lambda per_test_s: ["sh", "-c", f"exec node --test --test-reporter=tap {TESTS_DIR}/*.test.mjs"],
        parse=parse_node_tap,
        test_files="*.test.mjs",
        decoy=node_decoy,
        decoy_name=lambda token: f"case {token}",
        support_files={},
    ),
}


@dataclass(frozen=True)
class GraderFiles:
    files: dict[str, bytes]  # path under GRADER_DIR -> content
    decoys: frozenset[str]


def grader_files(fw: Framework, tests_dir: Path) -> GraderFiles:
    """The task's hidden tests with this attempt's decoys appended, plus the framework's support files."""
    files = {name: body for name, body in fw.support_files.items()}
    decoys = set()
    for p in sorted(tests_dir.rglob("*")):
        if not p.is_file():
            continue
        body = p.read_bytes()
        if p.match(fw.test_files):  # a relative pattern matches at any depth
            for _ in range(DECOYS_PER_FILE):
                name = fw.decoy_name(secrets.token_hex(6))
                decoys.add(name)
                body += fw.decoy(name, secrets.randbelow(1000), secrets.randbelow(1000)).encode()
        files[f"tests/{p.relative_to(tests_dir).as_posix()}"] = body
    return GraderFiles(files, frozenset(decoys))


def _is_decoy(test: str, decoys: frozenset[str]) -> bool:
    return test in decoys or test.rsplit("::", 1)[-1] in decoys


def grade(report: Report, exit_code: int | None, timed_out: bool, expected: int | None,
          decoys: frozenset[str]) -> Grade:
    total = expected
    if report.problem:
        return Grade(False, 0, total, f"{TAMPERED}: {report.problem}", tampered=True)
    if report.tests is None:
        note = "tests timed out" if timed_out else f"no test results found (exit code {exit_code})"
        return Grade(False, 0, total, note)
    real = {name: ok for name, ok in report.tests.items() if not _is_decoy(name, decoys)}
    seen_decoys = {name for name in report.tests if _is_decoy(name, decoys)}
    if any(ok for name, ok in report.tests.items() if _is_decoy(name, decoys)):
        return Grade(False, 0, total, f"{TAMPERED}: a decoy test that must fail passed", tampered=True)
    total = expected if expected is not None else len(real)
    got = min(sum(real.values()), total)
    if expected is not None and len(real) > expected:
        return Grade(False, 0, total, f"{TAMPERED}: reported {len(real)} tests but the task has {expected}",
                     tampered=True)
    if timed_out:
        return Grade(False, got, total, "tests timed out")
    if report.exit_status is not None and report.exit_status != exit_code:
        return Grade(False, 0, total, f"{TAMPERED}: process exit code {exit_code} disagrees with the test "
                                      f"run's own status {report.exit_status}", tampered=True)
    if got == total and len(real) == total:
        if len(seen_decoys) != len(decoys):
            return Grade(False, 0, total, f"{TAMPERED}: every test passed but {len(decoys) - len(seen_decoys)} "
                                          "decoy test(s) are missing from the report", tampered=True)
        if exit_code != 1:  # the decoys failed, so an honest runner exits 1
            return Grade(False, 0, total, f"{TAMPERED}: decoys failed but the runner exited {exit_code}",
                         tampered=True)
        return Grade(True, got, total)
    return Grade(False, got, total, None if len(real) == total else f"{len(real)} of {total} tests reported")
