"""A real worker killed in the middle of an evaluation: one complete report, one event."""

import time

import pytest
from django.conf import settings
from django.db import connection

from heymilo.celery import app as celery_app
from interviews.models import WebInterviewResult
from tests.ai.fake_openai import FakeOpenAI, Step
from tests.interviews.conftest import ready_interview
from tests.interviews.test_websocket import play_to_the_end
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_worker import kill, start_worker, wait_for
from webhooks.models import Event

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="a real worker needs REDIS_URL (Redis)"),
    pytest.mark.django_db(transaction=True),
]


def test_a_worker_killed_mid_evaluation_yields_one_report_and_one_event(
    owner, open_socket, tmp_path, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: PostgreSQL")
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = Receiver().start()
    model = FakeOpenAI().start()
    model.script(*[Step(hang=120) for _ in range(20)])  # the first worker's engine never answers
    interview = ready_interview(owner.workspace)
    body = {
        "posting_id": interview.posting.public_id,
        "url": receiver.url,
        "event_type": "report_available",
    }
    receiver.secret = owner.post("/api/v4/webhooks", body).json()["data"]["secret"]
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    with open(tmp_path / "worker.log", "ab") as log:
        worker = start_worker(
            tmp_path,
            log,
            AI_ENGINE="openai",
            AI_BASE_URL=model.base_url,
            AI_API_KEY="test",
            AI_TIMEOUT="300",
            AI_MAX_RETRIES="0",
            EVALUATION_STUCK_AFTER_SECONDS="3",
        )
        try:
            play_to_the_end(open_socket(interview.public_id))
            wait_for(lambda: len(model.requests) >= 1, 30, "the evaluation to reach the model")
            kill(worker)  # mid-evaluation: the model call is still hanging
            interview.refresh_from_db()
            assert interview.status == "evaluating"
            worker = start_worker(
                tmp_path, log, AI_ENGINE="local", EVALUATION_STUCK_AFTER_SECONDS="3"
            )
            wait_for(lambda: len(receiver.received) >= 1, 90, "the report after a restart")
            time.sleep(4)  # more sweeps: nothing may be scored or sent twice
        finally:
            kill(worker)
            model.stop()
            receiver.stop()
    interview.refresh_from_db()
    assert interview.status == "completed"
    assert WebInterviewResult.objects.filter(interview=interview).count() == 1
    events = Event.objects.filter(interview_id=interview.public_id, event_type="report_available")
    assert events.count() == 1
    assert len({request.event["id"] for request in receiver.received}) == 1
    assert all(request.verified for request in receiver.received)
