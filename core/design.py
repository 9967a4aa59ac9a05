"""What the analysis and the adaptive daily plan share: how much one attempt is expected to say about
an agent's ability.

The analysis (analysis/daily.py) learns, per agent, each generated family's mean difficulty and knob
slope and the spread of instances around them; it stores them with the agent's current ability
(`Verdict.task_model` of the agent's sequential verdict). The runner's adaptive plan (runner/plan.py)
reads them back from the database to choose the day's instances. An instance with knob value x
passes with probability logistic((ability - mu - beta x) / c), c = sqrt(1 + pi s^2 / 8) integrating
the instance's own unknown deviation (sd s) out (the probit approximation), and one attempt carries
Fisher information p (1 - p) / c^2 about the ability: near nothing for tasks always or never passed.
"""

from __future__ import annotations

import math

PI_8 = math.pi / 8
UNIFORM_SHARE = 0.25  # of the rotating budget drawn uniformly, so every family stays measured on fresh data
CAP_SHARE = 0.1  # at most this share of the informative picks from one (family, knob) cell or family


def knob_value(knobs: dict | None) -> float:
    """One number per instance for the difficulty model: the sum of its numeric knobs (counts and
    sizes; text knobs such as a template name are left to the instance's own spread)."""
    return float(sum(v for v in (knobs or {}).values() if isinstance(v, int | float) and not isinstance(v, bool)))


def slope_divisor(within_sd: float) -> float:
    return math.sqrt(1 + PI_8 * within_sd**2)


def information(ability: float, mean: float, c: float) -> tuple[float, float]:
    """(predicted pass probability, Fisher information about ability) of one attempt."""
    p = 1 / (1 + math.exp(-(ability - mean) / c))
    return p, p * (1 - p) / c**2
