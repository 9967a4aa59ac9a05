"""A task's difficulty as validation measures it, not as its author guesses it.

Two measurements, both taken when a task is validated:
- the reference change: lines the reference solution adds or removes against the untouched
  workspace, and in how many files (read from the task's files, no sandbox needed);
- the starting gap: how many hidden tests the untouched workspace fails (from its validation run).

The tier (easy / medium / hard) is the reference change's size cut at fixed thresholds. It is a
structural measure of the work a task asks for; how hard a task is *for the agents* is estimated from
their results by the analysis (each task's difficulty in the model), which needs no tier.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

# Lines changed by the reference: below EASY_BELOW is easy, from HARD_FROM on hard, else medium.
EASY_BELOW = 20
HARD_FROM = 80
TIERS = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Change:
    lines: int  # added + removed lines over all files the reference touches
    files: int

    @property
    def tier(self) -> str:
        return "easy" if self.lines < EASY_BELOW else "hard" if self.lines >= HARD_FROM else "medium"


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8", errors="replace").splitlines() if path.is_file() else []


def reference_change(workspace: Path, solution: Path) -> Change:
    """What the reference solution changes when the oracle overlays it onto the workspace."""
    lines = files = 0
    for ref in sorted(p for p in solution.rglob("*") if p.is_file()):
        diff = difflib.unified_diff(_lines(workspace / ref.relative_to(solution)), _lines(ref), lineterm="", n=0)
        changed = sum(1 for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---")))
        if changed:
            lines, files = lines + changed, files + 1
    return Change(lines, files)
