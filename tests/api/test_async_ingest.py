"""`…/candidates/async` and `…/bulk/async`: stored at once (202), ingested by a job, followed
with `GET /ingestions/{id}`; nothing is lost if the queue loses the message."""

import json

from candidates.models import Ingestion, Interview
from heymilo.jobs import sweeps_run
from tests.factories import make_posting
from webhooks.models import Event


def test_a_queued_candidate_is_ingested_and_can_be_followed(
    owner, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace, "sales")
    path = f"/api/v4/postings/{posting.public_id}/candidates/async"
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(path, {"name": "Ann Lee", "email": "Ann@Example.com"})
    assert response.status_code == 202
    queued = response.json()["data"]
    assert queued["object"] == "ingestion" and queued["status"] == "queued"
    assert queued["ingestion_id"].startswith("ing_") and queued["row_count"] == 1

    followed = owner.get(f"/api/v4/ingestions/{queued['ingestion_id']}").json()["data"]
    assert followed["status"] == "completed" and followed["created_count"] == 1
    [row] = followed["results"]
    interview = Interview.objects.get(public_id=row["interview_id"])
    assert interview.candidate.email == "ann@example.com" and interview.posting == posting


def test_bulk_async_reports_each_row_like_the_synchronous_call(
    owner, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace, "sales")
    rows = [
        {"name": "A", "email": "a@example.com"},
        {"name": "Bad", "email": "nope"},
        {"name": "A again", "email": "A@example.com"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(
            f"/api/v4/postings/{posting.public_id}/candidates/bulk/async", {"data": rows}
        )
    ingestion_id = response.json()["data"]["ingestion_id"]
    data = owner.get(f"/api/v4/ingestions/{ingestion_id}").json()["data"]
    assert [r["status"] for r in data["results"]] == ["created", "error", "existing"]
    assert data["results"][1]["error"]["param"] == "email"
    assert (data["created_count"], data["existing_count"], data["error_count"]) == (1, 1, 1)
    assert Event.objects.filter(event_type="candidate_ingested").count() == 0  # no webhook yet


def test_bad_input_is_refused_before_anything_is_queued(owner):
    posting = make_posting(owner.workspace, "sales")
    base = f"/api/v4/postings/{posting.public_id}/candidates"
    assert owner.post(f"{base}/async", {"name": "No email"}).status_code == 422
    assert owner.post(f"{base}/bulk/async", {"data": []}).status_code == 422
    owner.post(f"/api/v4/postings/{posting.public_id}/archive")
    archived = owner.post(f"{base}/async", {"name": "A", "email": "a@example.com"})
    assert archived.status_code == 409
    assert not Ingestion.objects.exists()


def test_a_lost_message_is_picked_up_by_the_sweep(owner):
    from datetime import timedelta

    from django.utils import timezone

    posting = make_posting(owner.workspace, "sales")
    # The rows were stored and answered 202, then the queue lost the job (no on_commit here).
    row = {"name": "B", "email": "b@e.com"}
    owner.post(f"/api/v4/postings/{posting.public_id}/candidates/async", row)
    ingestion = Ingestion.objects.get()
    assert ingestion.status == "queued"
    Ingestion.objects.filter(pk=ingestion.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    assert sweeps_run()["candidates.stuck_ingestions"] == 1
    ingestion.refresh_from_db()
    assert ingestion.status == "completed" and ingestion.results[0]["status"] == "created"
    assert sweeps_run()["candidates.stuck_ingestions"] == 0


def test_an_ingestion_for_a_posting_archived_meanwhile_fails_visibly(owner):
    from candidates.services.ingest import ingestion_process

    posting = make_posting(owner.workspace, "sales")
    row = {"name": "C", "email": "c@e.com"}
    owner.post(f"/api/v4/postings/{posting.public_id}/candidates/async", row)
    owner.post(f"/api/v4/postings/{posting.public_id}/archive")
    ingestion = Ingestion.objects.get()
    ingestion_process(ingestion_pk=ingestion.pk)
    data = owner.get(f"/api/v4/ingestions/{ingestion.public_id}").json()["data"]
    assert data["status"] == "failed" and "archived" in data["error"]
    assert not Interview.objects.exists()


def test_rows_postgresql_cannot_store_are_reported_not_a_500(
    owner, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace, "sales")
    rows = [
        {"name": "Nul\u0000Name", "email": "n\u0000@e.com", "extra\u0000key": 1},
        {"name": "Half a pair", "email": "\ud800@e.com"},
        {"name": "Fine", "email": "f@e.com", "other": "\ud800"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.client.post(
            f"/api/v4/postings/{posting.public_id}/candidates/bulk/async",
            json.dumps({"data": rows}),  # \u escapes, as a JSON client sends them
            content_type="application/json",
        )
    assert response.status_code == 202
    data = owner.get(f"/api/v4/ingestions/{response.json()['data']['ingestion_id']}").json()
    results = data["data"]["results"]
    assert [r["status"] for r in results] == ["error", "error", "created"]
    assert results[0]["email"] == "n@e.com" and results[1]["email"] == "\ufffd@e.com"
