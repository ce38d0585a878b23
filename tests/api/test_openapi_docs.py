"""The OpenAPI document (/api/v4/schema/) is one an integrator can use: every operation has its
own summary and description, one of the six tags, request and success examples, and the docs
page lists them in the order an integrator meets them."""

import functools
import json
from collections import Counter

from django.test import Client

TAGS = ["postings", "questions", "candidates", "ingestion", "interviews", "webhooks"]
HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}
# Within each tag, the order an integrator meets the operations.
JOURNEY = {
    "postings": [
        "postings_create",
        "postings_list",
        "postings_summaries",
        "postings_retrieve",
        "postings_update",
        "postings_destroy",
        "workflow_steps_update",
        "postings_archive",
        "postings_activate",
        "postings_clone",
        "postings_regenerate_ingestion_key",
        "postings_stats",
    ],
    "questions": [
        "questions_list",
        "questions_create",
        "questions_retrieve",
        "questions_update",
        "questions_delete",
        "questions_reorder",
    ],
    "candidates": [
        "candidates_create",
        "candidates_list",
        "candidates_bulk_create",
        "candidates_destroy",
    ],
    "ingestion": [
        "candidates_create_async",
        "candidates_bulk_create_async",
        "ingestions_retrieve",
        "intake_candidate_create",
    ],
    "interviews": [
        "interviews_data",
        "interviews_metadata_retrieve",
        "interviews_metadata_update",
        "interviews_metadata_destroy",
        "postings_rescore",
        "interviews_destroy",
    ],
    "webhooks": [
        "webhooks_create",
        "webhooks_list",
        "webhooks_retrieve",
        "webhooks_delete",
        "webhooks_test",
        "webhooks_deliveries_list",
        "webhooks_deliveries_retrieve",
        "webhooks_deliveries_redeliver",
        "webhooks_rotate_secret",
        "webhooks_enable",
    ],
}


@functools.cache
def document() -> dict:
    """The document as the API serves it."""
    response = Client().get("/api/v4/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def operations(doc: dict):
    """(path, method, operation) in document order: the order of the docs page."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def name(path: str, method: str) -> str:
    return f"{method.upper()} {path}"


def test_the_document_has_the_six_tags_in_order_each_described():
    tags = document()["tags"]
    assert [tag["name"] for tag in tags] == TAGS
    assert all(len(tag.get("description", "")) > 40 for tag in tags)


def test_every_operation_has_its_own_summary_and_description_and_an_allowed_tag():
    problems = []
    for path, method, operation in operations(document()):
        where = name(path, method)
        summary = operation.get("summary", "").strip()
        description = operation.get("description", "").strip()
        if not summary:
            problems.append(f"{where}: no summary")
        elif len(summary) > 60 or summary.endswith("."):
            problems.append(f"{where}: the summary is a title, short and without a full stop")
        if len(description) < 60:
            problems.append(f"{where}: no description worth the name")
        if len(operation.get("tags", [])) != 1 or operation["tags"][0] not in TAGS:
            problems.append(f"{where}: tags {operation.get('tags')}, not one of {TAGS}")
    assert not problems, "\n".join(problems)
    for field in ("summary", "description"):
        counts = Counter(op.get(field) for _, _, op in operations(document()))
        shared = {text: n for text, n in counts.items() if n > 1}
        assert not shared, f"{field}s shared by several operations: {shared}"


def test_every_request_body_has_an_example_for_each_media_type():
    missing = [
        f"{name(path, method)} {media_type}"
        for path, method, operation in operations(document())
        for media_type, content in operation.get("requestBody", {}).get("content", {}).items()
        if not content.get("examples")
    ]
    assert not missing, "request bodies without an example:\n" + "\n".join(missing)


def test_every_success_response_has_an_example():
    missing = []
    for path, method, operation in operations(document()):
        successes = [status for status in operation["responses"] if status.startswith("2")]
        assert successes, f"{name(path, method)} documents no success"
        for status in successes:
            content = operation["responses"][status].get("content", {})
            if not content.get("application/json", {}).get("examples"):
                missing.append(f"{name(path, method)} {status}")
            if not operation["responses"][status].get("description"):
                missing.append(f"{name(path, method)} {status}: no description")
    assert not missing, "success responses without an example:\n" + "\n".join(missing)


def test_every_path_parameter_is_described_with_an_example():
    bare = [
        f"{name(path, method)} {parameter['name']}"
        for path, method, operation in operations(document())
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
        and not (parameter.get("description") and "example" in parameter)
    ]
    assert not bare, bare


def test_the_docs_page_lists_operations_by_tag_in_the_integrators_order():
    seen = [(op["tags"][0], op["operationId"]) for _, _, op in operations(document())]
    tag_order = [TAGS.index(tag) for tag, _ in seen]
    assert tag_order == sorted(tag_order), "the operations of a tag must follow each other"
    for tag, expected in JOURNEY.items():
        assert [op_id for t, op_id in seen if t == tag] == expected, tag


def test_only_the_intake_call_goes_without_an_api_key():
    keyless = [op["operationId"] for _, _, op in operations(document()) if not op.get("security")]
    assert keyless == ["intake_candidate_create"]
    intake = next(op for _, _, op in operations(document()) if not op.get("security"))
    assert "401" not in intake["responses"]
    for _, _, operation in operations(document()):
        if operation.get("security"):
            assert operation["security"] == [{"ApiKey": []}], operation["operationId"]
