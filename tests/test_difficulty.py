"""Difficulty measured from a task's files (runner/difficulty.py), and the anchor suite's spread."""

from collections import defaultdict

from core.settings import BUILTIN_TASKS
from runner.difficulty import EASY_BELOW, HARD_FROM, TIERS, Change, reference_change
from runner.tasks import load_suite


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_reference_change_counts_added_and_removed_lines_per_touched_file(tmp_path):
    ws, sol = tmp_path / "workspace", tmp_path / "solution"
    write(ws, {"a.py": "x = 1\ny = 2\nz = 3\n", "same.py": "keep\n", "pkg/b.py": "old\n"})
    write(sol, {"a.py": "x = 1\ny = 20\nz = 3\n", "same.py": "keep\n", "pkg/b.py": "new\nmore\n", "c.py": "n\nm\n"})
    # a.py: one line replaced (2); same.py unchanged; pkg/b.py: 1 removed + 2 added; c.py new: 2 added.
    assert reference_change(ws, sol) == Change(lines=7, files=3)


def test_tiers_cut_the_change_at_fixed_sizes():
    assert [Change(n, 1).tier for n in (0, EASY_BELOW - 1, EASY_BELOW, HARD_FROM - 1, HARD_FROM)] == \
        ["easy", "easy", "medium", "medium", "hard"]


def test_the_anchor_suite_spans_every_tier_in_every_language_and_guesses_none():
    suite = load_suite(BUILTIN_TASKS / "core")
    by_language = defaultdict(set)
    for t in suite.tasks:
        assert not set(t.tags) & set(TIERS), f"{t.name}: a difficulty tag is measured, not written"
        by_language[t.language].add(reference_change(t.workspace_dir, t.solution_dir).tier)
    assert {lang: sorted(tiers) for lang, tiers in by_language.items()} == \
        {lang: sorted(TIERS) for lang in by_language}
