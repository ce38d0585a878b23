import pytest

from tests.factories import make_posting


def test_malformed_json_is_a_400_with_the_envelope(owner):
    response = owner.client.post(
        "/api/v4/postings", data=b'{"title": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_a_non_json_body_is_a_415(owner):
    response = owner.client.post("/api/v4/postings", data=b"title=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_an_oversized_body_is_a_413(owner, settings):
    settings.API_MAX_BODY_BYTES = 1000
    response = owner.post("/api/v4/postings", {"title": "x" * 2000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_validation_errors_are_422_with_every_field(owner):
    response = owner.post(
        "/api/v4/postings",
        {
            "description": 5,
            "language": "english please",
            "workflow": [{"type": "web_interview", "questions": [{"modality": "voice"}]}],
        },
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "validation_error"
    params = {row["param"] for row in error["errors"]}
    assert {"title", "language", "workflow.0.questions.0.text"} <= params
    assert error["param"] in params


def test_a_json_array_body_is_a_422_not_a_crash(owner):
    response = owner.post("/api/v4/postings", [1, 2, 3])
    assert response.status_code == 422


def test_an_unknown_api_path_is_a_json_404(owner):
    response = owner.get("/api/v4/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_wrong_method_is_a_405(owner):
    response = owner.client.put("/api/v4/postings", {}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_health_reports_database_and_cache(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_schema_and_docs_are_public_and_offline(client, db):
    schema = client.get("/api/v4/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v4/postings/{posting_id}/candidates/bulk" in schema.json()["paths"]
    docs = client.get("/api/v4/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # The UI is served from our own static files, not a CDN.
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html


@pytest.mark.parametrize("depth", [3000, 950])
def test_json_nested_absurdly_deep_is_refused_cleanly(owner, depth):
    posting = make_posting(owner.workspace)
    nested = "[" * depth + "]" * depth
    bodies = {
        f"/api/v4/interviews/{'0' * 16}/metadata": f'{{"metadata": {{"k": {nested}}}}}',
        f"/api/v4/postings/{posting.public_id}/candidates/bulk": (
            f'{{"data": [{{"name": {nested}, "email": "a@b.co"}}]}}'
        ),
        "/api/v4/postings": f'{{"title": "T", "metadata": {nested}}}',
    }
    for path, body in bodies.items():
        response = owner.client.post(path, data=body, content_type="application/json")
        assert response.status_code in (400, 404, 422), (path, response.status_code)
        assert response.json()["error"]["code"] in ("invalid_json", "validation_error", "not_found")
