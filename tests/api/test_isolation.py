"""A second workspace's key gets 404 on every object of the first."""

import pytest

from candidates.serializers import rows_prepared
from candidates.services.ingest import candidate_ingest, ingestion_create
from tests.factories import make_posting
from webhooks.services import webhook_create


@pytest.fixture
def objects(owner):
    posting = make_posting(owner.workspace, "sales")
    interview = candidate_ingest(posting=posting, row={"name": "A", "email": "a@e.com"}).interview
    webhook, _ = webhook_create(posting=posting, url="https://e.com", event_type="report_available")
    rows = rows_prepared([{"name": "C", "email": "c@e.com"}])
    ingestion = ingestion_create(posting=posting, prepared=rows)
    return posting.public_id, interview.public_id, webhook.public_id, ingestion.public_id


def calls(posting_id, interview_id, webhook_id, ingestion_id):
    p = f"/api/v4/postings/{posting_id}"
    return [
        ("get", p, None),
        ("patch", p, {"title": "Stolen"}),
        ("post", f"{p}/archive", None),
        ("post", f"{p}/activate", None),
        ("post", f"{p}/clone", None),
        ("post", f"{p}/ingestion_url_key/regenerate", None),
        ("patch", f"{p}/workflow/resume", {"config": {"optional": False}}),
        ("get", f"{p}/stats", None),
        ("get", f"{p}/questions", None),
        ("post", f"{p}/questions", {"modality": "voice", "text": "Q?"}),
        ("get", f"{p}/questions/Q001", None),
        ("patch", f"{p}/questions/Q001", {"text": "Changed"}),
        ("delete", f"{p}/questions/Q001", None),
        ("post", f"{p}/questions/reorder", {"modality": "voice", "question_ids": ["Q002"]}),
        ("get", f"{p}/candidates", None),
        ("post", f"{p}/candidates", {"name": "B", "email": "b@e.com"}),
        ("post", f"{p}/candidates/bulk", {"data": [{"name": "B", "email": "b@e.com"}]}),
        ("post", f"{p}/candidates/async", {"name": "B", "email": "b@e.com"}),
        ("post", f"{p}/candidates/bulk/async", {"data": [{"name": "B", "email": "b@e.com"}]}),
        ("get", f"/api/v4/ingestions/{ingestion_id}", None),
        ("get", f"/api/v4/interviews/{interview_id}/data", None),
        ("get", f"/api/v4/interviews/{interview_id}/metadata", None),
        ("post", f"/api/v4/interviews/{interview_id}/metadata", {"metadata": {"k": "v"}}),
        ("delete", f"/api/v4/interviews/{interview_id}/metadata", None),
        ("get", f"/api/v4/webhooks/{webhook_id}", None),
        ("delete", f"/api/v4/webhooks/{webhook_id}", None),
        (
            "post",
            "/api/v4/webhooks",
            {"posting_id": posting_id, "url": "https://x.com", "event_type": "report_available"},
        ),
    ]


def test_another_workspace_gets_404_on_every_object(owner, outsider, objects):
    for method, path, body in calls(*objects):
        args = (path, body) if body is not None else (path,)
        response = getattr(outsider, method)(*args)
        assert response.status_code == 404, (method, path, response.status_code)
    # Nothing changed for the owner.
    posting = owner.get(f"/api/v4/postings/{objects[0]}").json()["data"]
    assert posting["title"] == "Sales Representative - Mid Market"
    assert posting["status"] == "active"
    assert owner.get(f"/api/v4/webhooks/{objects[2]}").status_code == 200


def test_lists_show_only_the_callers_objects(owner, outsider, objects):
    assert outsider.get("/api/v4/postings").json()["total_count"] == 0
    assert outsider.get("/api/v4/webhooks").json()["total_count"] == 0
    assert owner.get("/api/v4/postings").json()["total_count"] == 1


def test_a_cursor_from_another_workspace_is_not_accepted(owner, outsider, objects):
    response = outsider.get(f"/api/v4/postings?starting_after={objects[0]}")
    assert response.status_code == 422
