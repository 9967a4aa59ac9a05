from core.schema import AttemptStatus
from runner import attempt
from runner.attempt import AttemptResult, run_with_retries


def scripted(monkeypatch, statuses):
    calls = []

    def fake_run_attempt(task, agent, sandbox_cls, limits):
        calls.append(1)
        status = statuses[len(calls) - 1]
        return AttemptResult(status, error="boom" if status == "infra_error" else None)

    monkeypatch.setattr(attempt, "run_attempt", fake_run_attempt)
    return calls


def test_infra_errors_are_retried_with_growing_jittered_backoff(monkeypatch):
    calls = scripted(monkeypatch, [AttemptStatus.infra_error, AttemptStatus.infra_error, AttemptStatus.passed])
    sleeps = []
    out = run_with_retries(None, None, None, None, retries=3, backoff_s=4.0, sleep=sleeps.append)
    assert out.status == AttemptStatus.passed and out.retries == 2 and len(calls) == 3
    assert len(sleeps) == 2 and 0 <= sleeps[0] <= 4.0 and 0 <= sleeps[1] <= 8.0


def test_backoff_grows_exponentially_with_full_jitter(monkeypatch):
    """Over many retry sequences: the k-th wait is uniform on [0, base * 2**k]. A constant, a
    non-jittered or a linearly growing backoff fails here."""
    import random
    import statistics

    random.seed(7)
    waits: list[list[float]] = [[], [], []]
    for _ in range(300):
        scripted(monkeypatch, [AttemptStatus.infra_error] * 4)
        sleeps = []
        run_with_retries(None, None, None, None, retries=3, backoff_s=1.0, sleep=sleeps.append)
        for k, w in enumerate(sleeps):
            waits[k].append(w)
    for k, ws in enumerate(waits):
        top = 2**k
        assert all(0 <= w <= top for w in ws)
        assert max(ws) > 0.9 * top and min(ws) < 0.1 * top  # spread over the whole interval: jitter
        assert abs(statistics.mean(ws) - top / 2) < 0.1 * top  # uniform: the mean sits in the middle


def test_retries_are_bounded(monkeypatch):
    calls = scripted(monkeypatch, [AttemptStatus.infra_error] * 10)
    out = run_with_retries(None, None, None, None, retries=2, backoff_s=0.0, sleep=lambda s: None)
    assert out.status == AttemptStatus.infra_error and out.retries == 2 and len(calls) == 3


def test_task_failures_are_not_retried(monkeypatch):
    calls = scripted(monkeypatch, [AttemptStatus.failed, AttemptStatus.passed])
    out = run_with_retries(None, None, None, None, retries=5, backoff_s=0.0, sleep=lambda s: None)
    assert out.status == AttemptStatus.failed and out.retries == 0 and len(calls) == 1
