"""U+0000 anywhere in a URL is a 400, never a database error (PostgreSQL cannot hold it); an
unpaired surrogate in a body is a 422, never a 500."""

import json

import pytest

from candidates.services.ingest import candidate_ingest
from tests.factories import make_posting

PATHS = [
    "/api/v4/postings/%00",
    "/api/v4/interviews/%00AB/data",
    "/api/v4/webhooks/wh_%00",
    "/api/v4/postings?starting_after=%00",
    "/api/v4/postings/ABCD/questions/Q%00",
    "/intake/v1/candidate/%00",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_null_character_in_an_api_url_is_a_json_400(owner, path):
    response = owner.client.get(path)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The URL contains a null character."


@pytest.mark.parametrize("path", ["/i/%00", "/apply/%00", "/files/%00", "/dashboard/?q=%00"])
def test_a_null_character_in_a_page_url_is_a_400(client, db, path):
    assert client.get(path).status_code == 400


def send_raw(owner, method, path, body):
    """JSON as any client escapes it ("\\ud800"), which the test client's encoder cannot do."""
    return getattr(owner.client, method)(path, json.dumps(body), content_type="application/json")


def test_unpaired_surrogates_are_a_422_that_can_be_encoded(owner):
    posting = make_posting(owner.workspace, "sales")
    interview = candidate_ingest(posting=posting, row={"name": "A", "email": "a@e.com"}).interview
    cases = [
        ("post", f"/api/v4/postings/{posting.public_id}/candidates",
         {"name": "B", "email": "b@e.com", "metadata": {"k": "\ud800"}}, "metadata"),
        ("post", f"/api/v4/interviews/{interview.public_id}/metadata",
         {"metadata": {"\udfff": "v"}}, "metadata"),
        # A choice error quotes the input: the message must still encode.
        ("patch", f"/api/v4/postings/{posting.public_id}/workflow/web_interview",
         {"config": {"interview_type": "\ud800"}}, "interview_type"),
    ]  # fmt: skip
    for method, path, body, param in cases:
        response = send_raw(owner, method, path, body)
        assert response.status_code == 422, (path, response.status_code)
        assert response.json()["error"]["param"] == param
    message = send_raw(owner, *cases[2][:3]).json()["error"]["message"]
    assert "\ufffd" in message
