"""Posterior predictive checks (analysis/ppc.py) stay quiet on data the model could have produced and flag
the departure each aims at: day shocks, task-by-day over-dispersion and drifting difficulties."""

import pytest

from analysis import model, ppc
from analysis.simulate import Departures, simulate

pytestmark = pytest.mark.slow

SIZE = dict(days=60, tasks=40, repeats=3, walk_sd=0.02)


def _checks(departures: Departures, seed: int) -> dict[str, ppc.Check]:
    h = simulate(**SIZE, departures=departures, seed=seed)
    cells = model.to_cells(h.attempts)
    idata = model.fit(cells, model.Sampling(draws=500, tune=400, seed=seed))
    return {c.name: c for c in ppc.check(idata, cells, draws=200, seed=seed)}


def test_checks_are_quiet_on_data_from_the_model():
    checks = _checks(Departures(), seed=11)
    assert set(checks) == {"day", "cell", "task and period", "walk steps"}
    assert not any(c.flagged for c in checks.values()), checks


def test_each_departure_is_flagged_by_its_own_check():
    shocks = _checks(Departures(day_shock_sd=0.5), seed=12)
    # A flexible walk can follow shocks (then the counts look fine), but its steps alternate.
    assert min(shocks["day"].p_value, shocks["walk steps"].p_value) < ppc.EXTREME, shocks
    dispersed = _checks(Departures(overdispersion_sd=1.2), seed=13)
    assert dispersed["cell"].p_value < ppc.EXTREME, dispersed
    drifting = _checks(Departures(drift_sd=0.1), seed=14)
    assert drifting["task and period"].p_value < ppc.EXTREME, drifting
    # Each check answers for its own departure: over-dispersion is not read as a day shock, nor drift as
    # over-dispersion.
    assert not dispersed["day"].flagged and not dispersed["walk steps"].flagged and not drifting["cell"].flagged
