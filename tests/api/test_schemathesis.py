"""Schema-driven fuzzing of all of /api/v4: no 5xx and no response that breaks the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from heymilo.wsgi import application
from tests.factories import make_posting

schema = schemathesis.openapi.from_wsgi("/api/v4/schema/?format=json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection_open():
    """Like Django's test client: a request must not close the test's database connection."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_ids(owner, keep_connection_open):
    """Point most path parameters at real objects so the fuzzer reaches validation, not 404."""
    from candidates.services.ingest import candidate_ingest
    from webhooks.services import webhook_create

    posting = make_posting(owner.workspace, "sales")
    interview = candidate_ingest(
        posting=posting, row={"name": "Fuzz", "email": "fuzz@example.com"}
    ).interview
    webhook, _ = webhook_create(
        posting=posting, url="https://example.com/h", event_type="report_available"
    )
    return {
        "posting_id": posting.public_id,
        "interview_id": interview.public_id,
        "webhook_id": webhook.public_id,
        "question_id": "Q001",
        "step_id": "web_interview",
        "ingestion_url_key": posting.ingestion_url_key,
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, owner, real_ids):
    for name in list(case.path_parameters or {}):
        if name in real_ids:
            case.path_parameters[name] = real_ids[name]
    case.call_and_validate(headers={"X-API-KEY": owner.raw_key}, checks=CHECKS)
