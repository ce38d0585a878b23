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
