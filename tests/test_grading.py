import json

from runner.grading import Counts, parse_node_tap, parse_pytest_log, parse_pytest_report, verdict

PYTEST_MIXED = """\
..F.
=================================== FAILURES ===================================
FAILED test_m.py::test_b - assert 1 == 2
1 failed, 3 passed in 0.05s
"""

NODE_TAP = """\
TAP version 13
# Subtest: adds
ok 1 - adds
# Subtest: fails
not ok 2 - fails
1..2
# tests 2
# suites 0
# pass 1
# fail 1
# cancelled 0
# skipped 0
# todo 0
# duration_ms 41.2
"""


def report(passed, failed, exitstatus) -> bytes:
    return json.dumps({"passed": passed, "failed": failed, "exitstatus": exitstatus}).encode()


def test_parse_pytest_report():
    assert parse_pytest_report("", report(3, 1, 1)) == Counts(3, 1, 1)
    assert parse_pytest_report("1 passed in 0.1s", None) is None
    assert parse_pytest_report("", b"{not json") is None


def test_parse_pytest_log_uses_last_summary_line():
    assert parse_pytest_log(PYTEST_MIXED) == Counts(passed=3, failed=1)
    assert parse_pytest_log("== 99 passed in 0.01s ==\nF\n1 failed in 0.02s\n") == Counts(0, 1)
    assert parse_pytest_log("==== 2 passed, 1 error in 0.10s ====") == Counts(2, 1)
    assert parse_pytest_log("garbage") is None


def test_parse_node_tap():
    assert parse_node_tap(NODE_TAP) == Counts(passed=1, failed=1)
    assert parse_node_tap("ok 1 - x\n") is None


def test_pass_needs_exit_zero_and_every_test():
    assert verdict(Counts(4, 0, 0), 0, False, 4).passed
    v = verdict(Counts(3, 1, 1), 1, False, 4)
    assert (v.passed, v.tests_passed, v.tests_total, v.score) == (False, 3, 4, 0.75)


def test_forged_exit_code_is_caught():
    # Tests failed (pytest's status 1), then the code under test forced the process to exit 0.
    v = verdict(Counts(0, 1, 1), 0, False, 1)
    assert not v.passed and "not trusted" in v.note


def test_fake_pass_counts_with_failing_exit_code_do_not_pass():
    v = verdict(Counts(4, 0), 1, False, 4)
    assert not v.passed and v.tests_passed == 0 and "exited 1" in v.note


def test_more_tests_than_the_task_has_is_rejected():
    v = verdict(Counts(40, 0, 0), 0, False, 4)
    assert not v.passed and v.tests_passed == 0


def test_exit_zero_but_fewer_tests_is_not_a_pass():
    v = verdict(Counts(3, 0, 0), 0, False, 4)
    assert not v.passed and v.tests_passed == 3 and v.tests_total == 4


def test_no_results_and_timeout():
    v = verdict(None, 2, False, 5)
    assert (v.passed, v.tests_passed, v.tests_total) == (False, 0, 5)
    assert verdict(Counts(1, 1), 124, True, 2).note == "tests timed out"


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
