"""The rules every background job follows, and the sweep that recovers work a crash lost.

Jobs take ids, load what they need and call the service they are named after; they are
idempotent, so a message delivered twice (a worker killed before its ack) does no harm. Declare
one in `<app>/tasks.py` with `@job`, named `<app>.<service>`:

    @job(name="interviews.interview_evaluate", give_up=evaluation_give_up)
    def interview_evaluate(interview_pk: int, reason: str = "completed") -> None:
        ...

and queue it from a service by name, once the transaction commits:

    enqueue("interviews.interview_evaluate", interview.pk)

Services never import tasks (tasks import services), so the two never form a circle.

Work that must not be lost also has a sweep: a function run every JOBS_SWEEP_INTERVAL_SECONDS
by celery beat that finds rows stuck in an intermediate state and queues them again:

    register_sweep(interviews_requeue_stuck_evaluations, name="interviews.evaluations")
"""

import logging
from collections.abc import Callable
from functools import cache, partial

from celery import Task, current_app, shared_task
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

GiveUp = Callable[..., None]
Sweep = Callable[[], int]

_sweeps: dict[str, Sweep] = {}


class PermanentJobError(Exception):
    """Raised by a job whose work can never succeed: no retry, straight to give_up."""


class Job(Task):
    """acks_late (a killed worker's message is redelivered), bounded retries with backoff."""

    acks_late = True
    reject_on_worker_lost = True
    max_retries = 5
    retry_backoff = 5
    retry_backoff_max = 600
    retry_jitter = True
    dont_autoretry_for = (PermanentJobError,)
    give_up: GiveUp | None = None

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Reached once retries are spent: the failure must land where people look.
        logger.error("job %s(%s) failed for good: %r", self.name, args, exc)
        if self.give_up is not None:
            self.give_up(*args, error=f"{type(exc).__name__}: {exc}"[:500], **kwargs)


def job(
    *,
    name: str,
    give_up: GiveUp | None = None,
    retry_for: tuple[type[BaseException], ...] = (Exception,),
    max_retries: int = 5,
    time_limit: float | None = None,
    soft_time_limit: float | None = None,
    **options,
) -> Callable:
    """Declare a Celery task with the house rules.

    `give_up(*task_args, error=str, **task_kwargs)` runs when the job fails for good and must
    record a visible failed state on the object the job was working on. Time limits apply with
    the prefork pool; thread pools cannot interrupt a thread, so jobs doing I/O set their own
    timeouts and rely on a sweep.
    """
    hard = time_limit or settings.CELERY_TASK_TIME_LIMIT
    options.update(
        base=Job,
        name=name,
        autoretry_for=retry_for,
        max_retries=max_retries,
        time_limit=hard,
        soft_time_limit=soft_time_limit or max(hard - 30, hard * 0.8),
    )
    if give_up is not None:
        options["give_up"] = staticmethod(give_up)
    return shared_task(**options)


def enqueue(name: str, *args) -> None:
    """Queue the job `name` with `args` (ids) when the current transaction commits, or now
    outside one. Robust: a broker that refuses the message is logged, never undoes the
    committed work; the sweeps queue such work again."""
    transaction.on_commit(partial(send, name, *args), robust=True)


def send(name: str, *args) -> None:
    """Queue the job `name` now: for sweeps, whose rows are already committed."""
    _registry()[name].delay(*args)


@cache
def _registry():
    """Every app's tasks, imported once: a web process queues jobs it never imported."""
    current_app.autodiscover_tasks(force=True)
    return current_app.tasks


def requeue(task, pks) -> int:
    """Queue `task` again for each primary key a sweep found stuck; returns how many."""
    count = 0
    for pk in pks:
        task.delay(pk)
        count += 1
    return count


def register_sweep(func: Sweep, *, name: str | None = None) -> None:
    """Run `func` on every sweep; it returns how many objects it re-queued.

    Register from an AppConfig.ready() so web processes, workers and beat all know it.
    Registering the same name again replaces the function (reloads stay idempotent).
    """
    _sweeps[name or f"{func.__module__}.{func.__qualname__}"] = func


def registered_sweeps() -> dict[str, Sweep]:
    return dict(_sweeps)


def sweeps_run() -> dict[str, int]:
    """Run every sweep; one that raises is logged and does not starve the others."""
    counts = {}
    for name, func in registered_sweeps().items():
        try:
            counts[name] = func()
        except Exception:
            logger.exception("sweep %s failed", name)
            counts[name] = -1
    return counts


@shared_task(
    base=Job, name="heymilo.jobs.sweep", max_retries=0, time_limit=300, soft_time_limit=270
)
def sweep() -> dict[str, int]:
    return sweeps_run()
