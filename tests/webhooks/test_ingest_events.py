"""candidate_ingested: one event per new interview, bulk included, never a query per row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.services.ingest import candidates_ingest
from webhooks.models import Event


def rows(count: int, start: int = 0) -> list[dict]:
    return [{"name": f"C {n}", "email": f"c{n}@example.com"} for n in range(start, start + count)]


def subscribe(owner, posting, receiver) -> None:
    body = {
        "posting_id": posting.public_id,
        "url": receiver.url,
        "event_type": "candidate_ingested",
    }
    receiver.secret = owner.post("/api/v4/webhooks", body).json()["data"]["secret"]


def test_it_announces_each_new_interview_once_and_not_existing_ones(
    owner, posting, receiver, allow_private, django_capture_on_commit_callbacks
):
    subscribe(owner, posting, receiver)
    owner.post(f"/api/v4/postings/{posting.public_id}/candidates", rows(1)[0])
    body = {"data": [*rows(3), {"name": "Bad", "email": "nope"}]}
    with django_capture_on_commit_callbacks(execute=True):
        answer = owner.post(f"/api/v4/postings/{posting.public_id}/candidates/bulk", body).json()
    assert (answer["created_count"], answer["existing_count"]) == (2, 1)
    created = {row["interview_id"]: row for row in answer["data"] if row["status"] == "created"}
    received = {request.event["interview_id"]: request for request in receiver.received}
    assert set(received) == set(created)
    for interview_id, request in received.items():
        event = request.event
        assert request.verified and event["event_type"] == "candidate_ingested"
        assert event["data"]["email"] == created[interview_id]["email"]
        assert event["data"]["interview_url"] == created[interview_id]["interview_url"]
        assert event["data"]["status"] == "pending" and event["posting_id"] == posting.public_id
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/api/v4/postings/{posting.public_id}/candidates/bulk", body)
    assert len(receiver.received) == 2 and Event.objects.count() == 3


def test_a_bulk_ingest_emits_in_a_constant_number_of_queries(
    owner, posting, receiver, allow_private
):
    subscribe(owner, posting, receiver)
    with CaptureQueriesContext(connection) as small:
        candidates_ingest(posting=posting, rows=rows(5))
    with CaptureQueriesContext(connection) as large:
        candidates_ingest(posting=posting, rows=rows(40, start=100))
    assert len(large) == len(small)
    assert Event.objects.filter(event_type="candidate_ingested").count() == 45


def test_a_posting_without_webhooks_pays_one_query_for_events(posting):
    with CaptureQueriesContext(connection) as queries:
        candidates_ingest(posting=posting, rows=rows(50))
    webhook_queries = [q for q in queries.captured_queries if "webhooks_" in q["sql"]]
    assert len(webhook_queries) == 1 and Event.objects.count() == 0
