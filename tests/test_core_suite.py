"""`codedrift tasks validate` on the whole built-in suite, with every backend."""

import pytest

from core.settings import BUILTIN_TASKS
from runner.sandbox import backend
from runner.tasks import load_suite
from runner.validate import validate

pytestmark = pytest.mark.slow


def test_builtin_suite_validates(backend_name):
    suite = load_suite(BUILTIN_TASKS / "core")
    checks = validate(suite, backend(backend_name), repeat=1, workers=2)
    problems = {c.task: c.problems for c in checks if c.problems}
    assert problems == {}
    assert len(checks) == len(suite.tasks) >= 20
    # The starting gap is measured: every untouched workspace fails at least one hidden test.
    assert [c.task for c in checks if not c.failing_at_start] == []
