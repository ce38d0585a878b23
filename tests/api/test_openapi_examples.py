"""The examples of the OpenAPI document do not drift: each fits its schema strictly, the seed
guides' requests and answers are among them, and each answer example has the shape of what the
API really answers to its request (replayed here like tests/api/test_guides.py replays the
guides)."""

import copy
import json
import re

import pytest
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from candidates.models import Ingestion, Interview
from candidates.services.ingest import ingestion_process
from interviews.playthrough import interview_play
from interviews.resume import resume_submit
from interviews.services import interview_consent
from tests.api.test_openapi_docs import document, operations
from tests.factories import FIXTURES, guide_calls

# --- Strict schemas -------------------------------------------------------------------------


def strict(node, *, response: bool):
    """An OpenAPI 3.0 schema as JSON Schema that allows no unknown key (and, for answers, misses
    none: every serializer field is always sent); `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [strict(item, response=response) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: strict(value, response=response) for key, value in node.items()}
    if "oneOf" in node:  # drf-spectacular's blank-or-URL: "" fits both without a format check
        node["anyOf"] = node.pop("oneOf")
    if "properties" in node:
        node.setdefault("additionalProperties", False)
        if response:
            node["required"] = list(node["properties"])
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def validator(schema: dict, *, response: bool) -> Draft202012Validator:
    components = strict(document()["components"]["schemas"], response=response)
    root = {**strict(schema, response=response), "components": {"schemas": components}}
    return Draft202012Validator(root)


def examples_of(content: dict) -> dict:
    return {name: example["value"] for name, example in content.get("examples", {}).items()}


def all_examples():
    """(where, schema, value, is_response) for every request and response example."""
    for path, method, operation in operations(document()):
        where = f"{method.upper()} {path}"
        for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
            for name, value in examples_of(content).items():
                yield f"{where} request {media_type} {name}", content["schema"], value, False
        for status, answer in operation["responses"].items():
            content = answer.get("content", {}).get("application/json", {})
            for name, value in examples_of(content).items():
                yield f"{where} {status} {name}", content["schema"], value, True


def test_every_example_fits_its_schema_strictly():
    problems = []
    count = 0
    for where, schema, value, is_response in all_examples():
        count += 1
        for error in validator(schema, response=is_response).iter_errors(value):
            problems.append(f"{where}: {'.'.join(map(str, error.absolute_path))}: {error.message}")
    assert count > 100
    assert not problems, "\n".join(problems[:40])


# --- The guides -----------------------------------------------------------------------------


def operation_at(method: str, path: str) -> dict:
    """The operation that serves `method path` (a guide's /v4/… path)."""
    path = "/api" + path.split("?")[0]
    for template, item_method, operation in operations(document()):
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if item_method == method.lower() and re.match(pattern, path):
            return operation
    raise AssertionError(f"no operation for {method} {path}")


def response_examples(operation: dict, status: int) -> dict:
    answer = operation["responses"][str(status)]
    return examples_of(answer.get("content", {}).get("application/json", {}))


def request_examples(operation: dict, media_type="application/json") -> dict:
    return examples_of(operation["requestBody"]["content"][media_type])


def shows(example, guide, path="$") -> list[str]:
    """Where `example` does not show what the guide shows: every key with the same value; a
    guide's string ending in "..." is a shortened one; a guide's list is the first items."""
    if isinstance(guide, dict):
        if not isinstance(example, dict):
            return [f"{path}: not an object"]
        problems = [f"{path}.{key}: missing" for key in guide if key not in example]
        for key in guide:
            if key in example:
                problems += shows(example[key], guide[key], f"{path}.{key}")
        return problems
    if isinstance(guide, list):
        if not isinstance(example, list) or len(example) < len(guide):
            return [f"{path}: fewer items than the guide"]
        return [p for i, g in enumerate(guide) for p in shows(example[i], g, f"{path}[{i}]")]
    if isinstance(guide, str) and guide.endswith("...") and isinstance(example, str):
        return [] if example.startswith(guide[:-3]) else [f"{path}: {example!r} ≠ {guide!r}"]
    return [] if example == guide else [f"{path}: {example!r} ≠ {guide!r}"]


@pytest.mark.parametrize("name", ["customer-service", "sales"])
def test_every_request_of_the_guides_is_an_example_of_its_operation(name):
    for call in guide_calls(name):
        if call["body"] is not None:
            operation = operation_at(call["method"], call["path"])
            assert call["body"] in request_examples(operation).values(), call


def guide_answers() -> list[tuple[str, str, int, dict]]:
    """The answers the guides show, as the guides show them."""
    interview_data = json.loads((FIXTURES / "guide-interview-data.json").read_text())
    created = {
        "B5E7F8A2": (
            "https://candidates.heymilo.io/brightdesk/customer-service-representative",
            "xK9mNpQ2rS4tU6vW8yZ0aB3cD5eF7gH9iJ1kL",
        ),
        "D9E0F1A2": (
            "https://candidates.heymilo.io/cloudmetrics/sales-representative",
            "qS4tU6vW8xY0zA2bC4dE6fG8hI0jK2lM4nO6pQ",
        ),
    }
    answers = [
        (
            "POST",
            "/v4/postings",
            201,
            {
                "object": "posting",
                "data": {
                    "object": "posting",
                    "id": posting_id,
                    "status": "active",
                    "urls": {
                        "candidate_url": candidate_url,
                        "ingestion_url_key": key,
                        "review_url": f"https://admin.heymilo.ai/w/WORKSPACE_ID/lab2/{posting_id}"
                        "/1-details",
                    },
                    "created_at": 1739612400.0,
                    "posting": {},
                },
            },
        )
        for posting_id, (candidate_url, key) in created.items()
    ]
    answers.append(
        (
            "GET",
            "/v4/postings/B5E7F8A2/questions",
            200,
            {
                "object": "list",
                "data": [
                    {
                        "id": "Q001",
                        "modality": "voice",
                        "text": "Tell me about a time you turned an unhappy customer into a "
                        "satisfied one...",
                        "rank": 1,
                        "score_weight": 3.0,
                        "score_of_1": "Cannot provide an example...",
                        "score_of_5": "Describes a detailed scenario...",
                    }
                ],
                "total_count": 5,
                "has_more": False,
                "url": "/v4/postings/B5E7F8A2/questions",
            },
        )
    )
    for posting_id, interview_id, company in [
        ("B5E7F8A2", "E8F9A0B1C2D3E4F5", "brightdesk"),
        ("D9E0F1A2", "A1B2C3D4E5F6A7B8", "cloudmetrics"),
    ]:
        data = {
            "object": "candidate",
            "interview_id": interview_id,
            "interview_url": f"https://candidates.heymilo.io/{company}/i/{interview_id}",
            "posting_id": posting_id,
        }
        answers.append(
            (
                "POST",
                f"/v4/postings/{posting_id}/candidates",
                201,
                {"object": "candidate", "data": data},
            )
        )
    for answer in interview_data.values():
        interview_id = answer["data"]["interview_id"]
        answers.append(("GET", f"/v4/interviews/{interview_id}/data", 200, answer))
    return answers


@pytest.mark.parametrize("method, path, status, guide", guide_answers())
def test_every_answer_of_the_guides_is_shown_by_an_example(method, path, status, guide):
    examples = response_examples(operation_at(method, path), status)
    mismatches = {name: shows(value, guide) for name, value in examples.items()}
    assert any(not problems for problems in mismatches.values()), mismatches


# --- Real answers ---------------------------------------------------------------------------


def same_shape(real, example, path="$") -> list[str]:
    """Where an example's keys and kinds differ from a real answer's. A null on either side is
    not compared (the schema says what may be null); list items are compared in order, the
    extra items of the example with the real list's last one."""
    if real is None or example is None:
        return []
    if isinstance(example, dict):
        if not isinstance(real, dict):
            return [f"{path}: the API answers {type(real).__name__}"]
        if set(real) != set(example):
            extra, missing = sorted(set(example) - set(real)), sorted(set(real) - set(example))
            return [f"{path}: example has {extra} more, lacks {missing}"]
        return [p for key in example for p in same_shape(real[key], example[key], f"{path}.{key}")]
    if isinstance(example, list):
        if not isinstance(real, list):
            return [f"{path}: the API answers {type(real).__name__}"]
        if not real:
            return []
        return [
            p
            for i, item in enumerate(example)
            for p in same_shape(real[min(i, len(real) - 1)], item, f"{path}[{i}]")
        ]
    if isinstance(example, bool) or isinstance(real, bool):
        ok = isinstance(example, bool) and isinstance(real, bool)
    elif isinstance(example, (int, float)):
        ok = isinstance(real, (int, float))
    else:
        ok = type(real) is type(example)
    return [] if ok else [f"{path}: example {example!r}, the API {real!r}"]


class Replay:
    """Calls the API with the document's request examples, swapping the examples' ids for the
    ones the API hands out, and checks each answer against the examples of its status."""

    def __init__(self, owner):
        self.owner = owner
        self.ids: dict[str, str] = {}
        self.answered: set[tuple[str, str]] = set()
        self.operations = {op["operationId"]: (m, p, op) for p, m, op in operations(document())}

    def swap(self, value):
        text = json.dumps(value)
        for example, real in self.ids.items():
            text = text.replace(example, real)
        return json.loads(text)

    def body(self, operation_id: str, example: str) -> dict:
        _, _, operation = self.operations[operation_id]
        return self.swap(copy.deepcopy(request_examples(operation)[example]))

    def __call__(self, operation_id, path, *, example=None, body=None, status=200, like=None):
        """Call `operation_id` at `path` (real ids) with the request example `example` (or
        `body`); compare the answer with the answer example of the same name, else with those
        named in `like`, else with all the examples of its status."""
        method, template, operation = self.operations[operation_id]
        assert re.match("^" + re.sub(r"\{[^}]+\}", "[^/?]+", template), path), (path, template)
        if example is not None:
            body = self.body(operation_id, example)
        client = self.owner.client if operation.get("security") else APIClient()
        call = getattr(client, method)
        response = call(path, body, format="json") if body is not None else call(path)
        answer = response.json()
        assert response.status_code == status, (operation_id, answer)
        examples = response_examples(operation, status)
        if like is None and example in examples:  # a request's answer has the request's name
            like = [example]
        if like is not None:
            examples = {name: examples[name] for name in like}
        assert examples, f"{operation_id} {status} has no example"
        for name, value in examples.items():
            problems = same_shape(answer, value)
            assert not problems, f"{operation_id} {status} example {name}:\n" + "\n".join(problems)
        self.answered.add((operation_id, str(status)))
        return answer if answer.get("object") == "list" or "data" not in answer else answer["data"]


@pytest.fixture
def replay(owner):
    return Replay(owner)


def test_each_answer_example_has_the_shape_of_the_real_answer(
    replay, owner, django_capture_on_commit_callbacks
):
    v4 = "/api/v4"
    # Postings and questions, as the guides create and edit them.
    cs = replay("postings_create", f"{v4}/postings", example="CustomerService", status=201)
    sales = replay("postings_create", f"{v4}/postings", example="Sales", status=201)
    replay.ids.update({"B5E7F8A2": cs["id"], "D9E0F1A2": sales["id"]})
    cs_path, sales_path = f"{v4}/postings/{cs['id']}", f"{v4}/postings/{sales['id']}"
    replay("postings_list", f"{v4}/postings?limit=1")
    replay("postings_summaries", f"{v4}/postings/list")
    replay("postings_retrieve", cs_path, like=["CustomerService"])
    replay("postings_retrieve", sales_path, like=["Sales"])
    replay("postings_update", cs_path, example="CustomerService")
    replay("questions_list", f"{cs_path}/questions?modality=voice", like=["CustomerService"])
    replay("questions_list", f"{sales_path}/questions?modality=resume_scoring", like=["Sales"])
    replay("questions_create", f"{sales_path}/questions", example="Sales", status=201)
    replay("questions_retrieve", f"{cs_path}/questions/Q003")
    replay("questions_update", f"{cs_path}/questions/Q003", example="CustomerService")
    replay("questions_update", f"{sales_path}/questions/Q002", example="Sales")
    replay("questions_reorder", f"{cs_path}/questions/reorder", example="CustomerService")
    replay("questions_reorder", f"{sales_path}/questions/reorder", example="Sales")

    # Candidates, one at a time and in bulk.
    priya = replay(
        "candidates_create", f"{cs_path}/candidates", example="CustomerService", status=201
    )
    marcus = replay(
        "candidates_create", f"{sales_path}/candidates", example="SalesWithResume", status=201
    )
    aisha = replay(
        "candidates_create", f"{sales_path}/candidates", example="SalesWithoutResume", status=201
    )
    replay("candidates_create", f"{cs_path}/candidates", example="CustomerService")
    replay.ids.update(
        {
            "E8F9A0B1C2D3E4F5": priya["interview_id"],
            "A1B2C3D4E5F6A7B8": marcus["interview_id"],
            "B2C3D4E5F6A7B8C9": aisha["interview_id"],
        }
    )
    replay("candidates_bulk_create", f"{cs_path}/candidates/bulk", example="CustomerService")
    replay("candidates_bulk_create", f"{sales_path}/candidates/bulk", example="Sales")
    replay("candidates_bulk_create", f"{cs_path}/candidates/bulk", example="Mixed")
    listed = replay("candidates_list", f"{cs_path}/candidates?limit=50")

    # In the background: queued, then run, then failed on an archived posting.
    replay(
        "candidates_create_async",
        f"{cs_path}/candidates/async",
        example="CustomerService",
        status=202,
    )
    queued = replay(
        "candidates_bulk_create_async",
        f"{cs_path}/candidates/bulk/async",
        example="CustomerService",
        status=202,
    )
    replay("ingestions_retrieve", f"{v4}/ingestions/{queued['ingestion_id']}", like=["Queued"])
    with django_capture_on_commit_callbacks(execute=True):
        ran = replay(
            "candidates_bulk_create_async",
            f"{cs_path}/candidates/bulk/async",
            example="CustomerService",
            status=202,
        )
    done = replay(
        "ingestions_retrieve", f"{v4}/ingestions/{ran['ingestion_id']}", like=["Completed"]
    )
    assert done["status"] == "completed"
    replay("postings_archive", f"{cs_path}/archive")
    ingestion_process(ingestion_pk=Ingestion.objects.get(public_id=queued["ingestion_id"]).pk)
    failed = replay(
        "ingestions_retrieve", f"{v4}/ingestions/{queued['ingestion_id']}", like=["Failed"]
    )
    assert failed["status"] == "failed"
    replay("candidates_create", f"{cs_path}/candidates", example="CustomerService", status=409)
    replay("postings_activate", f"{cs_path}/activate")

    # Webhooks, then the interviews they report.
    hook = replay("webhooks_create", f"{v4}/webhooks", example="CustomerService", status=201)
    replay("webhooks_create", f"{v4}/webhooks", example="V2Spelling", status=201)
    replay.ids["wh_4b8e1d2c9a7f3e05"] = hook["id"]
    interview = Interview.objects.get(public_id=priya["interview_id"])
    interview_play(interview=interview, answer=lambda question_id, count: STRONG)
    interview = Interview.objects.get(public_id=marcus["interview_id"])
    interview_consent(interview=interview, answer_mode=Interview.AnswerMode.TEXT)
    resume_submit(
        interview=Interview.objects.get(pk=interview.pk),
        data=RESUME.encode(),
        filename="resume.txt",
    )
    interview_play(interview=Interview.objects.get(pk=interview.pk), answer=lambda q, n: STRONG)
    interviews = f"{v4}/interviews"
    replay(
        "interviews_data",
        f"{interviews}/{priya['interview_id']}/data",
        like=["CustomerService", "Pending"],
    )
    replay(
        "interviews_data", f"{interviews}/{marcus['interview_id']}/data", like=["SalesWithResume"]
    )
    replay(
        "interviews_data", f"{interviews}/{aisha['interview_id']}/data", like=["SalesWithoutResume"]
    )
    metadata = f"{interviews}/{priya['interview_id']}/metadata"
    replay("interviews_metadata_retrieve", metadata)
    replay("interviews_metadata_update", metadata, example="CustomerService")
    replay("interviews_metadata_destroy", metadata)
    replay("postings_stats", f"{cs_path}/stats")
    replay("postings_rescore", f"{cs_path}/rescore", status=202)

    hook_path = f"{v4}/webhooks/{hook['id']}"
    replay("webhooks_list", f"{v4}/webhooks")
    replay("webhooks_retrieve", hook_path)
    replay("webhooks_test", f"{hook_path}/test", status=202)
    deliveries = replay("webhooks_deliveries_list", f"{hook_path}/deliveries")["data"]
    report = next(
        d for d in deliveries if d["event_type"] == "report_available" and not d["is_test"]
    )
    replay("webhooks_deliveries_retrieve", f"{hook_path}/deliveries/{report['id']}")
    replay(
        "webhooks_deliveries_redeliver",
        f"{hook_path}/deliveries/{report['id']}/redeliver",
        status=202,
    )
    replay("webhooks_rotate_secret", f"{hook_path}/rotate_secret", example="GracePeriod")
    replay("webhooks_rotate_secret", f"{hook_path}/rotate_secret", example="AtOnce")
    replay("webhooks_enable", f"{hook_path}/enable")

    # The intake URL, the posting's other calls, and the errors shown.
    key = cs["urls"]["ingestion_url_key"]
    replay(
        "intake_candidate_create",
        f"/intake/v1/candidate/{key}",
        example="CustomerService",
        status=201,
    )
    replay("intake_candidate_create", f"/intake/v1/candidate/{key}", example="CustomerService")
    replay("postings_clone", f"{cs_path}/clone", status=201)
    replay("postings_regenerate_ingestion_key", f"{cs_path}/ingestion_url_key/regenerate")
    replay(
        "workflow_steps_update",
        f"{cs_path}/workflow/web_interview",
        example="CustomerService",
        like=["CustomerService"],
    )
    replay(
        "workflow_steps_update", f"{sales_path}/workflow/resume", example="Sales", like=["Sales"]
    )
    replay("postings_retrieve", f"{v4}/postings/FFFFFFFF", status=404)
    replay(
        "postings_create", f"{v4}/postings", body={"title": "", "language": "english"}, status=422
    )
    replay(
        "candidates_create",
        f"{cs_path}/candidates",
        body={"name": "Sam", "email": "sam@"},
        status=422,
    )

    # Erasure last.
    replay("questions_delete", f"{cs_path}/questions/Q004")
    replay("webhooks_delete", hook_path)
    alex = next(row for row in listed["data"] if row["email"] == "alex.c@email.com")
    replay("candidates_destroy", f"{v4}/candidates/{alex['candidate_id']}")
    replay("interviews_destroy", f"{interviews}/{priya['interview_id']}")
    replay("postings_destroy", cs_path)

    documented = {
        (op["operationId"], status)
        for _, _, op in operations(document())
        for status, answer in op["responses"].items()
        if status.startswith("2")
        and answer.get("content", {}).get("application/json", {}).get("examples")
    }
    assert documented - replay.answered == set(), "examples never compared with a real answer"


STRONG = (
    "Yes. In my last role I listened first, restated the problem, checked the browser and the "
    "steps to reproduce, solved it and followed up the next day: satisfaction rose from 82 to 94 "
    "percent in one quarter."
)
RESUME = (
    "Marcus Johnson - Account Executive\n"
    "Six years of B2B sales: SaaS, mid-market accounts. Exceeded quota every year; "
    "President's Club. Salesforce, HubSpot, Gong.\n"
)
