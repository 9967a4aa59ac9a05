"""The adaptive daily plan: which rotating instances say most about the agent's ability.

An instance of family f with knob x, for an agent of ability theta, passes with probability
p = logistic((theta - mu_f - beta_f x) / c) (analysis/daily.py), and one attempt carries Fisher
information p (1 - p) / c^2 about theta. Tasks the agent nearly always passes or nearly always
fails carry almost none. The plan spends `uniform_share` of the rotating budget on a uniform draw
(so every family's difficulty stays estimated on fresh data, and a change confined to an unloved
family still shows), and the rest on the (family, knob) cells with the most information, at most
`cap_share` of that part per cell so no single family carries the day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.daily import TaskModel
from core.design import CAP_SHARE, UNIFORM_SHARE, information, slope_divisor


@dataclass(frozen=True)
class Pick:
    family: str
    knob: float
    reason: str  # "uniform" or "information"
    p_pass: float  # predicted
    information: float  # predicted Fisher information about ability per attempt


@dataclass(frozen=True)
class Design:
    uniform_share: float = UNIFORM_SHARE
    cap_share: float = CAP_SHARE


def cell_information(tm: TaskModel, theta: float, knobs: tuple[float, ...]) -> list[tuple[str, float, float, float]]:
    """(family, knob, p, information) for every family the task model knows and every knob."""
    c = slope_divisor(tm.within_sd)
    return [(fam, x, *information(theta, mu + beta * x, c)) for fam, (mu, beta) in sorted(tm.family.items())
            for x in knobs]


def choose(tm: TaskModel, theta: float, n: int, knobs: tuple[float, ...], rng: np.random.Generator,
           design: Design = Design()) -> list[Pick]:
    """`n` rotating picks for an agent whose current ability estimate is `theta`."""
    cells = cell_information(tm, theta, knobs)
    n_uniform = round(n * design.uniform_share)
    picks = [Pick(*cells[i][:2], "uniform", *cells[i][2:]) for i in rng.integers(0, len(cells), n_uniform)]
    rest = n - n_uniform
    cap = max(int(np.ceil(rest * design.cap_share)), 1)
    for i in np.argsort([-c[3] for c in cells], kind="stable"):
        take = min(cap, rest - (len(picks) - n_uniform))
        if take <= 0:
            break
        picks += [Pick(*cells[i][:2], "information", *cells[i][2:])] * take
    while len(picks) < n:  # fewer cells than the cap allows: top up uniformly
        i = int(rng.integers(0, len(cells)))
        picks.append(Pick(*cells[i][:2], "uniform", *cells[i][2:]))
    return picks
