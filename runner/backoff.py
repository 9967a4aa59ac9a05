"""Waiting before a retry: exponential backoff with full jitter, for every retry loop in the runner
(infrastructure errors per attempt, runner/attempt.py; transient API errors, runner/agents/api.py)."""

from __future__ import annotations

import random


def backoff_wait(base_s: float, retry: int) -> float:
    """Seconds to wait before retry number `retry` + 1 (counting from 0): uniform on [0, base_s * 2**retry]."""
    return random.uniform(0, base_s * 2**retry)
