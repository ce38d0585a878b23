"""Cloning a posting and an interview's own metadata, over the API."""

from candidates.services.ingest import candidate_ingest
from tests.factories import make_posting


def test_a_clone_is_a_draft_with_the_same_workflow_and_fresh_ids(owner):
    source = make_posting(owner.workspace, "sales")
    response = owner.post(f"/api/v4/postings/{source.public_id}/clone")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["id"] != source.public_id and data["status"] == "draft"
    original = owner.get(f"/api/v4/postings/{source.public_id}").json()["data"]
    clone = data["posting"]
    assert clone["title"] == f"{original['title']} (copy)"
    assert data["urls"]["ingestion_url_key"] != original["urls"]["ingestion_url_key"]

    def shape(posting):
        return [
            (step["type"], step["config"], [(q["id"], q["text"]) for q in step["questions"]])
            for step in posting["workflow"]
        ]

    assert shape(clone) == shape(original)
    # The clone takes candidates once activated; the source keeps its own.
    assert owner.post(f"/api/v4/postings/{data['id']}/activate").status_code == 200
    row = {"name": "Ann", "email": "ann@example.com"}
    assert owner.post(f"/api/v4/postings/{data['id']}/candidates", row).status_code == 201
    assert owner.get(f"/api/v4/postings/{source.public_id}/candidates").json()["total_count"] == 0


def test_metadata_is_merged_removed_by_null_and_cleared(owner):
    posting = make_posting(owner.workspace, "sales")
    row = {"name": "Ann", "email": "ann@example.com", "metadata": {"source": "referral"}}
    interview = candidate_ingest(posting=posting, row=row).interview
    path = f"/api/v4/interviews/{interview.public_id}/metadata"
    assert owner.get(path).json() == {
        "object": "metadata",
        "data": {"object": "metadata", "metadata": {"source": "referral"}},
    }

    response = owner.post(path, {"metadata": {"external_id": "ats_123", "source": None}})
    assert response.status_code == 200
    assert response.json()["data"]["metadata"] == {"external_id": "ats_123"}
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["metadata"] == {"external_id": "ats_123"}

    response = owner.delete(path)
    assert response.status_code == 200 and response.json()["data"]["metadata"] == {}
    assert owner.get(path).json()["data"]["metadata"] == {}


def test_bad_metadata_is_refused_and_changes_nothing(owner):
    posting = make_posting(owner.workspace, "sales")
    interview = candidate_ingest(posting=posting, row={"name": "A", "email": "a@e.com"}).interview
    path = f"/api/v4/interviews/{interview.public_id}/metadata"
    owner.post(path, {"metadata": {f"k{n}": "v" for n in range(45)}})

    cases = [
        ({"metadata": {f"new{n}": "v" for n in range(6)}}, "this would make 51"),
        ({"metadata": {"x" * 41: "v"}}, "Keys must be"),
        ({"metadata": {"k": "v" * 501}}, "at most 500"),
        ({"metadata": {"k": {"nested": 1}}}, "Values must be"),
        ({"metadata": ["k"]}, "Must be an object"),
        ({}, "required"),
    ]
    for body, message in cases:
        response = owner.post(path, body)
        assert response.status_code == 422, body
        error = response.json()["error"]
        assert error["param"] == "metadata" and message in error["message"], error
    assert len(owner.get(path).json()["data"]["metadata"]) == 45


def test_posting_summaries_list_ids_titles_and_slugs_and_search_titles(owner, outsider):
    sales = make_posting(owner.workspace, "sales")
    support = make_posting(owner.workspace, "customer-service")
    make_posting(outsider.workspace, "sales")
    body = owner.get("/api/v4/postings/list?limit=1").json()
    assert body["object"] == "list" and body["total_count"] == 2 and body["has_more"] is True
    assert body["data"] == [
        {
            "object": "posting_summary",
            "id": sales.public_id,
            "title": sales.title,
            "name": "sales-representative-mid-market",
        }
    ]
    after = owner.get(f"/api/v4/postings/list?starting_after={sales.public_id}").json()
    assert [row["id"] for row in after["data"]] == [support.public_id]
    found = owner.get("/api/v4/postings/list?search=CUSTOMER").json()["data"]
    assert [row["id"] for row in found] == [support.public_id]
    assert owner.get("/api/v4/postings/list?limit=0").status_code == 422
