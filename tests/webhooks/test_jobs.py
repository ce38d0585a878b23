"""The house rules for jobs (heymilo.jobs): retries, a visible failure, the sweep registry."""

import pytest

from heymilo import jobs
from heymilo.celery import app as celery_app
from webhooks.tasks import delivery_attempt

failures: list[tuple] = []
attempts: list[int] = []


def record_failure(thing_id: int, *, error: str) -> None:
    failures.append((thing_id, error))


@jobs.job(name="tests.flaky", give_up=record_failure, max_retries=2, retry_backoff=False)
def flaky(thing_id: int) -> None:
    attempts.append(thing_id)
    raise ConnectionError("provider down")


@jobs.job(name="tests.doomed", give_up=record_failure)
def doomed(thing_id: int) -> None:
    attempts.append(thing_id)
    raise jobs.PermanentJobError("no such resume")


@pytest.fixture(autouse=True)
def clean_logs(eager_jobs):
    # A failing job must end as a failed result here, as in a worker, not raise into the test.
    celery_app.conf.task_eager_propagates = False
    failures.clear()
    attempts.clear()


def test_a_job_retries_a_bounded_number_of_times_then_records_its_failure():
    result = flaky.apply(args=[7])
    assert result.failed() and attempts == [7, 7, 7]
    assert failures == [(7, "ConnectionError: provider down")]


def test_a_permanent_error_fails_at_once():
    assert doomed.apply(args=[3]).failed()
    assert attempts == [3] and failures == [(3, "PermanentJobError: no such resume")]


def test_jobs_ack_late_and_have_time_limits():
    for task in (flaky, delivery_attempt, jobs.sweep):
        assert task.acks_late and task.reject_on_worker_lost
        assert 0 < task.soft_time_limit <= task.time_limit


def test_the_sweep_runs_every_registered_sweep_even_when_one_breaks():
    def broken() -> int:
        raise RuntimeError("boom")

    jobs.register_sweep(broken, name="tests.broken")
    jobs.register_sweep(lambda: 4, name="tests.four")
    try:
        # Celery's "no .get() inside a task" flag is process-wide: a job running eagerly in
        # another thread (the live server's) sets it, so this check would fail at random.
        counts = jobs.sweep.apply().get(disable_sync_subtasks=False)
    finally:
        jobs._sweeps.pop("tests.broken")
        jobs._sweeps.pop("tests.four")
    assert counts["tests.broken"] == -1 and counts["tests.four"] == 4
    assert "webhooks.deliveries" in counts
