import pytest
from rest_framework.test import APIClient

from candidates.models import Interview
from tests.factories import make_posting


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace, "customer-service")


def test_the_ingestion_key_ingests_without_an_api_key(posting):
    client = APIClient()
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    response = client.post(path, {"name": "Alex", "email": "alex@example.com"}, format="json")
    assert response.status_code == 201
    interview = Interview.objects.get(public_id=response.json()["data"]["interview_id"])
    assert interview.source == "intake" and interview.posting == posting


def test_a_new_candidate_gets_the_link_in_the_answer_and_by_mail(
    posting, mailoutbox, django_capture_on_commit_callbacks
):
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    body = {"name": "Alex", "email": "alex@example.com"}
    with django_capture_on_commit_callbacks(execute=True):
        data = APIClient().post(path, body, format="json").json()["data"]
    interview = Interview.objects.get(candidate__email="alex@example.com")
    assert data["status"] == "created" and data["interview_url"] == interview.interview_url
    assert [m.to for m in mailoutbox] == [["alex@example.com"]]


def test_an_email_that_already_applied_gets_no_link_back_only_a_mail(
    posting, mailoutbox, django_capture_on_commit_callbacks
):
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    with django_capture_on_commit_callbacks(execute=True):
        APIClient().post(path, {"name": "Alex", "email": "alex@example.com"}, format="json")
        response = APIClient().post(
            path, {"name": "Eve", "email": "alex@example.com"}, format="json"
        )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "existing" and data["link_emailed"] is True
    assert data["interview_id"] is None and data["interview_url"] is None
    interview = Interview.objects.get(candidate__email="alex@example.com")
    assert interview.public_id not in response.content.decode()
    assert [m.to for m in mailoutbox] == [["alex@example.com"]] * 2


def test_the_api_key_still_returns_the_existing_interview(owner, posting):
    body = {"name": "Alex", "email": "alex@example.com"}
    first = owner.post(f"/api/v4/postings/{posting.public_id}/candidates", body).json()
    again = owner.post(f"/api/v4/postings/{posting.public_id}/candidates", body)
    assert again.status_code == 200
    assert again.json()["data"]["interview_id"] == first["data"]["interview_id"]


def test_a_careers_form_can_post_form_fields(posting):
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    response = APIClient().post(path, {"name": "Alex", "email": "alex@example.com"})
    assert response.status_code == 201


def test_an_unknown_or_regenerated_key_is_a_404(owner, posting):
    old = posting.ingestion_url_key
    owner.post(f"/api/v4/postings/{posting.public_id}/ingestion_url_key/regenerate")
    response = APIClient().post(f"/intake/v1/candidate/{old}", {"name": "A", "email": "a@b.co"})
    assert response.status_code == 404


def test_intake_is_rate_limited(posting, settings):
    settings.INTAKE_RATE_LIMIT_PER_MINUTE = 2
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    client = APIClient()
    statuses = [
        client.post(path, {"name": "A", "email": f"a{n}@b.co"}, format="json").status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]


def test_intake_validates_like_the_api(posting):
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    response = APIClient().post(path, {"name": "A", "email": "nope"}, format="json")
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "email"
