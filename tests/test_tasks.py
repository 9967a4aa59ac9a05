from collections import Counter

import pytest

from core.settings import BUILTIN_TASKS
from runner.tasks import TaskError, load_suite, load_task
from tests.conftest import write_task


def test_core_suite_shape():
    suite = load_suite(BUILTIN_TASKS / "core")
    langs = Counter(t.language for t in suite.tasks)
    assert len(suite.tasks) >= 20
    assert langs["python"] > langs["javascript"] >= 5
    assert {t.kind for t in suite.tasks} == {"generation", "completion", "debugging", "refactoring"}
    assert any("canary" in t.tags for t in suite.tasks)
    assert all(t.expected_tests for t in suite.tasks)
    assert len({t.content_hash for t in suite.tasks}) == len(suite.tasks)


def test_content_hash_changes_with_any_file(tmp_path):
    d = write_task(tmp_path, "t", solution="x = 1\n", tests="def test_x():\n    pass\n")
    before = load_task(d).content_hash
    (d / "tests" / "test_m.py").write_text("def test_x():\n    assert True\n")
    assert load_task(d).content_hash != before


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: (d / "task.toml").write_text("language = \n"), "not valid TOML"),
        (lambda d: (d / "task.toml").write_text('language = "python"\nkind = "poetry"\n'), "kind 'poetry'"),
        (lambda d: (d / "task.toml").write_text('language = "cobol"\nkind = "generation"\n'), "no test framework"),
        (lambda d: (d / "prompt.md").unlink(), "missing prompt.md"),
        (lambda d: [p.unlink() for p in (d / "tests").iterdir()], "tests/ is empty"),
        (lambda d: (d / "task.toml").write_text('language = "python"\nkind = "generation"\ntags = "fast"\n'),
         "key 'tags' must be a list of strings, not str 'fast'"),
        (lambda d: (d / "task.toml").write_text('language = "python"\nkind = "generation"\nexpected_tests = "3"\n'),
         "key 'expected_tests' must be a whole number > 0, not str '3'"),
        (lambda d: (d / "task.toml").write_text('language = "python"\nkind = "generation"\ntime_limit_s = true\n'),
         "key 'time_limit_s' must be a whole number > 0, not bool True"),
        (lambda d: (d / "task.toml").write_text('language = 3\nkind = "generation"\n'),
         "key 'language' must be a string"),
    ],
)
def test_malformed_task_is_named_in_the_error(tmp_path, breakage, message):
    write_task(tmp_path, "good", solution="x = 1\n", tests="def test_x():\n    pass\n")
    bad = write_task(tmp_path, "broken", solution="x = 1\n", tests="def test_x():\n    pass\n")
    breakage(bad)
    with pytest.raises(TaskError) as info:
        load_suite(tmp_path)
    assert "'broken'" in str(info.value) and message in str(info.value)
    assert "'good'" not in str(info.value)


def test_every_default_framework_is_one_the_grader_knows():
    from runner.grading import GRADING_BY_FRAMEWORK
    from runner.tasks import FRAMEWORK_BY_LANGUAGE

    assert set(FRAMEWORK_BY_LANGUAGE.values()) <= set(GRADING_BY_FRAMEWORK)
