"""The grade is a pure function of what the runner reported: each rule that stops a forgery."""

import json
from pathlib import Path

from runner.grading import GRADING_BY_FRAMEWORK, Report, grade, grader_files, parse_node_tap, parse_pytest

DECOYS = frozenset({"test_case_aaa"})

NODE_TAP = """\
TAP version 13
# Subtest: adds
ok 1 - adds
  ---
  duration_ms: 0.6
  ...
# Subtest: group
    # Subtest: inner
    not ok 1 - inner
      ---
      duration_ms: 1.0
      ...
    1..1
not ok 2 - group
  ---
  duration_ms: 1.4
  type: 'suite'
  ...
1..2
# tests 2
# suites 1
# pass 1
# fail 1
"""


def report(tests: dict, exitstatus: int = 1) -> str:
    return json.dumps({"tests": tests, "exitstatus": exitstatus}) + "\n"


def honest(n_real: int, passed: int) -> Report:
    tests = {f"t.py::test_{i}": i < passed for i in range(n_real)}
    return parse_pytest(report({**tests, "t.py::test_case_aaa": False}))


def test_parse_pytest_takes_exactly_one_line():
    assert parse_pytest(report({"a": True})) == Report({"a": True}, 1)
    assert parse_pytest("") == Report(None)
    assert "2 lines" in parse_pytest(report({"a": True}) * 2).problem
    assert "unreadable" in parse_pytest("{not json\n").problem
    assert "unreadable" in parse_pytest(json.dumps({"tests": {"a": "yes"}, "exitstatus": 0})).problem


def test_parse_node_tap_reads_leaf_tests_by_name():
    assert parse_node_tap(NODE_TAP) == Report({"adds": True, "inner": False})
    assert parse_node_tap("no tap here") == Report(None)


def test_an_honest_pass_needs_every_test_failing_decoys_and_exit_1():
    v = grade(honest(4, 4), 1, False, 4, DECOYS)
    assert v.passed and (v.tests_passed, v.tests_total, v.score) == (4, 4, 1.0) and not v.tampered
    v = grade(honest(4, 3), 1, False, 4, DECOYS)
    assert (v.passed, v.tests_passed, v.score, v.tampered) == (False, 3, 0.75, False)


def test_a_passing_decoy_is_tampering():
    r = parse_pytest(report({"t.py::test_0": True, "t.py::test_case_aaa": True}, 0))
    v = grade(r, 0, False, 1, DECOYS)
    assert not v.passed and v.tampered and "decoy" in v.note and v.tests_passed == 0


def test_a_pass_without_its_decoys_is_tampering():
    v = grade(parse_pytest(report({"t.py::test_0": True}, 0)), 0, False, 1, DECOYS)
    assert not v.passed and v.tampered and "missing" in v.note


def test_exit_code_must_agree_with_the_report():
    v = grade(honest(1, 1), 0, False, 1, DECOYS)  # the report says 1, the process was made to exit 0
    assert not v.passed and v.tampered and "disagrees" in v.note
    node = Report({"adds": True, "case x": False})
    assert not grade(node, 0, False, 1, frozenset({"case x"})).passed  # failing decoy, yet exit 0
    assert grade(node, 1, False, 1, frozenset({"case x"})).passed


def test_more_tests_than_the_task_has_is_tampering():
    v = grade(honest(40, 40), 1, False, 4, DECOYS)
    assert not v.passed and v.tampered and v.tests_passed == 0


def test_fewer_tests_is_not_a_pass_and_a_second_report_is_tampering():
    v = grade(honest(3, 3), 1, False, 4, DECOYS)
    assert not v.passed and v.tests_passed == 3 and v.tests_total == 4 and "3 of 4" in v.note
    v = grade(parse_pytest(report({"a": True}) * 2), 1, False, 1, DECOYS)
    assert v.tampered and not v.passed


def test_no_results_and_timeout():
    v = grade(Report(None), 2, False, 5, DECOYS)
    assert (v.passed, v.tests_passed, v.tests_total, v.tampered) == (False, 0, 5, False)
    assert grade(honest(2, 1), 124, True, 2, DECOYS).note == "tests timed out"


def test_every_test_file_gets_fresh_decoys(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "test_a.py").write_text("def test_x():\n    pass\n")
    (tmp_path / "sub" / "test_b.py").write_text("def test_y():\n    pass\n")
    (tmp_path / "helper.py").write_text("X = 1\n")
    first, second = (grader_files(GRADING_BY_FRAMEWORK["pytest"], tmp_path) for _ in range(2))
    assert len(first.decoys) == 2 and not first.decoys & second.decoys
    for name in ("tests/test_a.py", "tests/sub/test_b.py"):
        assert sum(d.encode() in first.files[name] for d in first.decoys) == 1
    assert first.files["tests/helper.py"] == b"X = 1\n" and "pytest_bootstrap.py" in first.files


def test_output_cap_keeps_head_and_tail():
    from runner.sandbox.base import OutputCap

    cap = OutputCap(100)
    for i in range(1000):
        cap.feed(f"line {i}\n".encode())
    text = cap.text()
    assert text.startswith("line 0\n") and text.rstrip().endswith("line 999")
    assert "bytes cut by codedrift's output cap" in text and len(cap.buf) == 100
    small = OutputCap(100)
    small.feed(b"short")
    assert small.text() == "short" and not small.dropped
