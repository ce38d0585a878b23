import re

import pytest

from tests.factories import guide_posting_body, make_posting


def test_it_creates_a_posting_with_the_default_workflow(owner):
    response = owner.post("/api/v4/postings", {"title": "Barista", "description": "Coffee."})
    assert response.status_code == 201
    posting = response.json()["data"]["posting"]
    assert posting["interviewer_name"] == "Sarah" and posting["language"] == "en"
    [step] = posting["workflow"]
    assert step["type"] == "web_interview" and step["questions"] == []
    # No questions yet: the step keeps num_questions for the AI to generate them.
    assert step["config"]["num_questions"] == 5


def test_it_creates_the_guides_posting_with_urls(owner):
    response = owner.post("/api/v4/postings", guide_posting_body("customer-service"))
    data = response.json()["data"]
    assert re.fullmatch(r"[0-9A-F]{8}", data["id"])
    assert data["urls"]["candidate_url"].endswith(
        f"/apply/{data['id']}/customer-service-representative"
    )
    assert data["urls"]["review_url"].endswith(f"/dashboard/postings/{data['id']}/candidates")
    assert len(data["urls"]["ingestion_url_key"]) == 38
    assert isinstance(data["created_at"], float)
    assert data["posting"]["workflow"][0]["config"]["video"] is True


def test_it_rejects_a_question_in_the_wrong_step(owner):
    body = guide_posting_body("customer-service")
    body["workflow"][0]["questions"][0]["modality"] = "resume_scoring"
    response = owner.post("/api/v4/postings", body)
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "workflow.0.questions.0.modality"


def test_it_rejects_unknown_step_settings(owner):
    body = {"title": "X", "workflow": [{"type": "resume", "config": {"optinal": True}}]}
    response = owner.post("/api/v4/postings", body)
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "workflow.0.config.optinal"


def test_it_rejects_two_steps_of_one_type(owner):
    body = {"title": "X", "workflow": [{"type": "resume"}, {"type": "resume"}]}
    assert owner.post("/api/v4/postings", body).status_code == 422


def test_mandatory_is_the_opposite_of_optional(owner):
    body = {"title": "X", "workflow": [{"type": "resume", "config": {"mandatory": False}}]}
    step = owner.post("/api/v4/postings", body).json()["data"]["posting"]["workflow"][0]
    assert step["config"]["optional"] is True
    contradiction = {"optional": True, "mandatory": True}
    body["workflow"][0]["config"] = contradiction
    assert owner.post("/api/v4/postings", body).status_code == 422


def test_it_rejects_min_follow_ups_above_max(owner):
    body = guide_posting_body("customer-service")
    body["workflow"][0]["questions"][0].update(min_follow_ups=3, max_follow_ups=1)
    response = owner.post("/api/v4/postings", body)
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "workflow.0.questions.0.max_follow_ups"


def test_it_gets_lists_and_paginates_postings(owner):
    ids = [make_posting(owner.workspace, title=f"Role {n}").public_id for n in range(3)]
    first = owner.get("/api/v4/postings?limit=2").json()
    assert [p["id"] for p in first["data"]] == ids[:2]
    assert first["has_more"] is True and first["total_count"] == 3
    second = owner.get(f"/api/v4/postings?limit=2&starting_after={ids[1]}").json()
    assert [p["id"] for p in second["data"]] == ids[2:] and second["has_more"] is False
    one = owner.get(f"/api/v4/postings/{ids[0]}").json()
    assert one["object"] == "posting" and one["data"]["title"] == "Role 0"


def test_it_rejects_a_bad_limit_and_cursor(owner):
    assert owner.get("/api/v4/postings?limit=0").status_code == 422
    assert owner.get("/api/v4/postings?limit=101").status_code == 422
    assert owner.get("/api/v4/postings?limit=abc").status_code == 422
    response = owner.get("/api/v4/postings?starting_after=NOPE")
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "starting_after"


def test_it_updates_a_posting(owner):
    posting = make_posting(owner.workspace)
    response = owner.patch(
        f"/api/v4/postings/{posting.public_id}", {"interviewer_name": "Maya", "metadata": {"a": 1}}
    )
    assert response.status_code == 200
    assert response.json()["data"]["interviewer_name"] == "Maya"
    assert response.json()["data"]["title"] == posting.title


def test_it_validates_metadata(owner):
    too_many = {f"k{n}": n for n in range(51)}
    response = owner.post("/api/v4/postings", {"title": "X", "metadata": too_many})
    assert response.status_code == 422
    nested = owner.post("/api/v4/postings", {"title": "X", "metadata": {"a": {"b": 1}}})
    assert nested.status_code == 422


def test_it_archives_and_activates(owner):
    posting = make_posting(owner.workspace)
    archived = owner.post(f"/api/v4/postings/{posting.public_id}/archive")
    assert archived.json()["data"]["status"] == "archived"
    listed = owner.get("/api/v4/postings?status=archived").json()
    assert [p["id"] for p in listed["data"]] == [posting.public_id]
    activated = owner.post(f"/api/v4/postings/{posting.public_id}/activate")
    assert activated.json()["data"]["status"] == "active"


def test_it_regenerates_the_ingestion_key(owner):
    posting = make_posting(owner.workspace)
    response = owner.post(f"/api/v4/postings/{posting.public_id}/ingestion_url_key/regenerate")
    assert response.json()["data"]["urls"]["ingestion_url_key"] != posting.ingestion_url_key


def test_it_updates_a_step_config(owner):
    posting = make_posting(owner.workspace, "sales")
    path = f"/api/v4/postings/{posting.public_id}/workflow/resume"
    response = owner.patch(path, {"config": {"mandatory": True, "min_evaluation_score": 3}})
    assert response.status_code == 200
    config = response.json()["data"]["config"]
    assert config["optional"] is False and config["min_evaluation_score"] == 3
    assert owner.patch(path, {"config": {"video": True}}).status_code == 422
    missing = f"/api/v4/postings/{posting.public_id}/workflow/sms"
    assert owner.patch(missing, {"config": {}}).status_code == 404


@pytest.mark.parametrize(
    "value,status",
    [(1.2, 200), (0.4, 200), (3.0, 200), (0.3, 422), (5, 422), ("slow", 422), (True, 422)],
)
def test_the_pause_that_ends_a_spoken_answer_is_set_per_posting_within_bounds(owner, value, status):
    posting = make_posting(owner.workspace)
    path = f"/api/v4/postings/{posting.public_id}/workflow/web_interview"
    response = owner.patch(path, {"config": {"end_of_turn_silence": value}})
    assert response.status_code == status, response.json()
    if status == 200:
        assert response.json()["data"]["config"]["end_of_turn_silence"] == value
    else:
        assert response.json()["error"]["errors"][0]["param"] == "end_of_turn_silence"


def test_the_posting_list_costs_a_constant_number_of_queries(owner, django_assert_max_num_queries):
    for n in range(12):
        make_posting(owner.workspace, title=f"Role {n}")
    with django_assert_max_num_queries(8):
        response = owner.get("/api/v4/postings?limit=100")
    assert len(response.json()["data"]) == 12


def test_null_characters_are_a_422_not_a_database_error(owner):
    for body in (
        {"title": "X", "metadata": {"source": "a\x00b"}},
        {"title": "X", "metadata": {"a\x00": 1}},
        {"title": "Bad\x00title"},
    ):
        assert owner.post("/api/v4/postings", body).status_code == 422
