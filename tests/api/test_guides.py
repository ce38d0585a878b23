"""Replays every call of both seed guides and checks the statuses and shapes they show."""

import json
import re

import pytest

from tests.factories import guide_calls


def assert_shape(actual, expected, path="$"):
    """Every key the guide shows is present with a value of the same kind (ids may differ)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}: missing {key!r}"
            assert_shape(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected a list"
        if expected and actual:
            assert_shape(actual[0], expected[0], f"{path}[0]")
    elif isinstance(expected, bool):
        assert isinstance(actual, bool), f"{path}: expected a boolean, got {actual!r}"
    elif isinstance(expected, (int, float)):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), path
    elif isinstance(expected, str):
        assert isinstance(actual, str), f"{path}: expected a string, got {actual!r}"


def replay(owner, name):
    """Run the guide's calls in order, swapping its example ids for the ones we hand out."""
    ids: dict[str, str] = {}
    responses = []
    for call in guide_calls(name):
        # The guide PATCHes "{question_id}" of the pitch question, which is Q002.
        text = json.dumps(call).replace("{question_id}", "Q002")
        for example, real in ids.items():
            text = text.replace(example, real)
        call = json.loads(text)
        method = getattr(owner, call["method"].lower())
        path = "/api" + call["path"]
        response = method(path, call["body"]) if call["body"] is not None else method(path)
        responses.append((call, response))
        body = response.json()
        if call["path"] == "/v4/postings":
            example = "B5E7F8A2" if name == "customer-service" else "D9E0F1A2"
            ids[example] = body["data"]["id"]
        if re.search(r"/candidates$", call["path"]) and call["method"] == "POST":
            example = "E8F9A0B1C2D3E4F5" if name == "customer-service" else "A1B2C3D4E5F6A7B8"
            ids.setdefault(example, body["data"]["interview_id"])
    return ids, responses


@pytest.mark.parametrize("name", ["customer-service", "sales"])
def test_every_call_of_the_guide_succeeds(owner, name):
    _, responses = replay(owner, name)
    for call, response in responses:
        assert response.status_code in (200, 201), (call, response.json())


def test_customer_service_guide_responses_have_the_guide_shapes(owner):
    ids, responses = replay(owner, "customer-service")
    by_call = {(c["method"], c["path"].split("?")[0].split("/")[-1]): r for c, r in responses}

    created = by_call[("POST", "postings")].json()
    assert_shape(
        created,
        {
            "object": "posting",
            "data": {
                "object": "posting",
                "id": "B5E7F8A2",
                "status": "active",
                "urls": {"candidate_url": "", "ingestion_url_key": "", "review_url": ""},
                "created_at": 1739612400.0,
                "posting": {},
            },
        },
    )
    assert re.fullmatch(r"[0-9A-F]{8}", created["data"]["id"])
    assert created["data"]["status"] == "active"

    questions = by_call[("GET", "questions")].json()
    assert questions["object"] == "list" and questions["total_count"] == 5
    assert questions["has_more"] is False
    assert questions["url"] == f"/v4/postings/{ids['B5E7F8A2']}/questions"
    assert [q["id"] for q in questions["data"]] == ["Q001", "Q002", "Q003", "Q004", "Q005"]
    assert questions["data"][0]["score_weight"] == 3.0

    patched = by_call[("PATCH", "Q003")].json()["data"]
    assert patched["score_weight"] == 3.0
    assert patched["evaluation_criteria"].startswith("Assess technical troubleshooting")

    reordered = by_call[("POST", "reorder")].json()["data"]
    assert [q["id"] for q in reordered] == ["Q005", "Q001", "Q002", "Q003", "Q004"]
    assert [q["rank"] for q in reordered] == [1, 2, 3, 4, 5]

    ingested = by_call[("POST", "candidates")]
    assert ingested.status_code == 201
    data = ingested.json()["data"]
    assert set(data) == {"object", "interview_id", "interview_url", "posting_id"}
    assert re.fullmatch(r"[0-9A-F]{16}", data["interview_id"])
    assert data["interview_url"].endswith(f"/i/{data['interview_id']}")

    bulk = by_call[("POST", "bulk")].json()
    assert [row["status"] for row in bulk["data"]] == ["created"] * 3

    listed = by_call[("GET", "candidates")].json()
    assert listed["total_count"] == 4
    row = listed["data"][0]
    assert row["name"] == "Priya Patel" and row["score"] is None and row["status"] == "pending"

    interview = by_call[("GET", "data")].json()
    assert interview["object"] == "interview_data"
    assert interview["data"]["status"] == "pending"
    assert interview["data"]["score"] is None
    assert interview["data"]["web_interview"] is None

    webhook = by_call[("POST", "webhooks")]
    assert webhook.status_code == 201
    assert webhook.json()["data"]["secret"].startswith("whsec_")


def test_sales_guide_keeps_the_resume_step_optional_and_numbers_criteria(owner):
    ids, responses = replay(owner, "sales")
    posting = owner.get(f"/api/v4/postings/{ids['D9E0F1A2']}").json()["data"]
    resume, interview = posting["workflow"]
    assert resume["id"] == "resume" and resume["config"]["optional"] is True
    assert [q["id"] for q in resume["questions"]] == [
        "rec_001",
        "rsc_001",
        "rsc_002",
        "rsc_003",
        "rsc_004",
    ]
    assert resume["questions"][1]["score_weight"] == 3.0
    assert interview["config"] == {"video": True, "num_questions": 5, "interview_type": "general"}
    voice = owner.get(f"/api/v4/postings/{ids['D9E0F1A2']}/questions?modality=voice").json()
    # The added question became Q006; the partial reorder put Q002, Q001, Q004, Q003, Q005 first.
    assert [q["id"] for q in voice["data"]] == ["Q002", "Q001", "Q004", "Q003", "Q005", "Q006"]
    assert voice["data"][0]["text"].startswith("Imagine I am a VP of Analytics currently using")

    marcus, aisha = [
        r.json()["data"]
        for c, r in responses
        if c["path"].endswith("/candidates") and c["method"] == "POST"
    ]
    assert marcus["interview_id"] != aisha["interview_id"]
    data = owner.get(f"/api/v4/interviews/{marcus['interview_id']}/data").json()["data"]
    assert data["name"] == "Marcus Johnson" and data["email"] == "marcus.j@email.com"
    assert data["workflow"] == {
        "steps": [
            {
                "id": "resume",
                "order": 1,
                "status": "not_started",
                "started": False,
                "completed": False,
            },
            {
                "id": "web_interview",
                "order": 2,
                "status": "not_started",
                "started": False,
                "completed": False,
            },
        ],
        "all_complete": False,
    }
    assert data["resume"] is None
