import pytest

from tests.factories import make_posting


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace, "sales")


def url(posting, suffix=""):
    return f"/api/v4/postings/{posting.public_id}/questions{suffix}"


def test_it_lists_questions_by_modality(owner, posting):
    voice = owner.get(url(posting, "?modality=voice")).json()
    assert [q["id"] for q in voice["data"]] == ["Q001", "Q002", "Q003", "Q004", "Q005"]
    scoring = owner.get(url(posting, "?modality=resume_scoring")).json()
    assert [q["id"] for q in scoring["data"]] == ["rsc_001", "rsc_002", "rsc_003", "rsc_004"]
    assert [q["score_weight"] for q in scoring["data"]] == [3.0, 2.0, 2.0, 1.0]
    everything = owner.get(url(posting)).json()
    assert everything["total_count"] == 10
    assert owner.get(url(posting, "?modality=sms")).status_code == 422


def test_it_creates_gets_updates_and_deletes_a_question(owner, posting):
    created = owner.post(url(posting), {"modality": "voice", "text": "Why sales?"})
    assert created.status_code == 201
    question = created.json()["data"]
    assert question["id"] == "Q006" and question["rank"] == 6
    got = owner.get(url(posting, "/Q006")).json()["data"]
    assert got["text"] == "Why sales?"
    patched = owner.patch(url(posting, "/Q006"), {"score_weight": 2.5, "max_follow_ups": 2})
    assert patched.json()["data"]["score_weight"] == 2.5
    deleted = owner.delete(url(posting, "/Q006"))
    assert deleted.json()["data"] == {"object": "question", "id": "Q006", "deleted": True}
    assert owner.get(url(posting, "/Q006")).status_code == 404


def test_question_ids_are_never_reused(owner, posting):
    owner.delete(url(posting, "/Q005"))
    created = owner.post(url(posting), {"modality": "voice", "text": "Another"})
    assert created.json()["data"]["id"] == "Q006"


def test_deleting_closes_the_gap_in_ranks(owner, posting):
    owner.delete(url(posting, "/Q002"))
    voice = owner.get(url(posting, "?modality=voice")).json()["data"]
    assert [(q["id"], q["rank"]) for q in voice] == [
        ("Q001", 1),
        ("Q003", 2),
        ("Q004", 3),
        ("Q005", 4),
    ]


def test_it_rejects_an_update_that_breaks_follow_up_bounds(owner, posting):
    response = owner.patch(url(posting, "/Q001"), {"min_follow_ups": 4})
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "max_follow_ups"


def test_resume_criteria_accept_weight(owner, posting):
    created = owner.post(url(posting), {"modality": "resume_scoring", "text": "CRM", "weight": 4})
    assert created.json()["data"]["id"] == "rsc_005"
    assert created.json()["data"]["score_weight"] == 4.0


def test_it_refuses_a_modality_the_workflow_lacks(owner):
    posting = make_posting(owner.workspace, "customer-service")
    response = owner.post(url(posting), {"modality": "resume_eligibility", "text": "Degree"})
    assert response.status_code == 422
    assert response.json()["error"]["param"] == "modality"


def test_a_partial_reorder_puts_named_ids_first(owner, posting):
    response = owner.post(url(posting, "/reorder"), {"modality": "voice", "question_ids": ["Q004"]})
    assert [q["id"] for q in response.json()["data"]] == ["Q004", "Q001", "Q002", "Q003", "Q005"]


def test_reorder_accepts_the_v2_order_field(owner, posting):
    body = {"modality": "voice", "order": ["Q005", "Q004"]}
    response = owner.post(url(posting, "/reorder"), body)
    assert [q["id"] for q in response.json()["data"]][:2] == ["Q005", "Q004"]


@pytest.mark.parametrize(
    "question_ids", [["Q009"], ["Q001", "Q001"], ["rsc_001"]], ids=["unknown", "twice", "other"]
)
def test_reorder_rejects_bad_ids(owner, posting, question_ids):
    body = {"modality": "voice", "question_ids": question_ids}
    assert owner.post(url(posting, "/reorder"), body).status_code == 422


def test_generating_questions_twice_never_repeats_one(owner):
    from heymilo.errors import Conflict
    from postings.services import questions_generate

    posting = make_posting(owner.workspace, "customer-service")
    step = posting.steps.get(type="web_interview")
    step.config["num_questions"] = 8
    step.save()
    first = questions_generate(posting=posting)  # 5 written by hand: 3 more
    step.config["num_questions"] = 11
    step.save()
    second = questions_generate(posting=posting)  # and 3 more again, none the same
    texts = list(posting.questions.filter(modality="voice").values_list("text", flat=True))
    assert len(texts) == len(set(texts)) == 5 + len(first) + len(second) == 11
    assert first and all(q.generated_by["engine"] == "local" for q in first + second)
    with pytest.raises(Conflict):  # full: nothing more without a higher number
        questions_generate(posting=posting)
