import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_posting


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace, "sales")


def ingest(owner, posting, **row):
    row = {"name": "Marcus Johnson", "email": "marcus.j@email.com", **row}
    return owner.post(f"/api/v4/postings/{posting.public_id}/candidates", row)


def test_it_ingests_a_candidate(owner, posting):
    response = ingest(owner, posting, phone_number="+1 (212) 555-9876", metadata={"src": "x"})
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["posting_id"] == posting.public_id
    listed = owner.get(f"/api/v4/postings/{posting.public_id}/candidates").json()["data"][0]
    assert listed["phone_number"] == "+12125559876"
    assert listed["metadata"] == {"src": "x"}


def test_the_same_email_returns_the_existing_interview(owner, posting):
    first = ingest(owner, posting).json()["data"]
    again = ingest(owner, posting, email="MARCUS.J@email.com")
    assert again.status_code == 200
    assert again.json()["data"]["interview_id"] == first["interview_id"]


def test_the_same_person_gets_one_interview_per_posting(owner, posting):
    other = make_posting(owner.workspace, "customer-service")
    first = ingest(owner, posting).json()["data"]["interview_id"]
    second = ingest(owner, other).json()["data"]["interview_id"]
    assert first != second


@pytest.mark.parametrize(
    "row,param",
    [
        ({"email": "not-an-email"}, "email"),
        ({"name": ""}, "name"),
        ({"phone_number": "2125559876"}, "phone_number"),
        ({"metadata": "text"}, "metadata"),
    ],
)
def test_it_rejects_bad_rows(owner, posting, row, param):
    response = ingest(owner, posting, **row)
    assert response.status_code == 422
    assert response.json()["error"]["param"] == param


def test_an_archived_posting_refuses_candidates(owner, posting):
    owner.post(f"/api/v4/postings/{posting.public_id}/archive")
    response = ingest(owner, posting)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "posting_archived"


def test_bulk_reports_one_result_per_row(owner, posting):
    rows = [
        {"name": "David Kim", "email": "d.kim@email.com"},
        {"name": "Bad", "email": "nope"},
        {"name": "David again", "email": "D.Kim@email.com"},
        "not an object",
        {"name": "Emma", "email": "e.rod@email.com", "phone_number": "+14155552222"},
    ]
    ingest(owner, posting, email="e.rod@email.com", name="Emma")
    response = owner.post(f"/api/v4/postings/{posting.public_id}/candidates/bulk", {"data": rows})
    assert response.status_code == 422  # a non-object row is a request error, not a row error
    rows.pop(3)
    body = owner.post(
        f"/api/v4/postings/{posting.public_id}/candidates/bulk", {"data": rows}
    ).json()
    assert [r["status"] for r in body["data"]] == ["created", "error", "existing", "existing"]
    assert [r["index"] for r in body["data"]] == [0, 1, 2, 3]
    assert body["data"][0]["interview_id"] == body["data"][2]["interview_id"]
    assert body["data"][1]["error"]["param"] == "email"
    assert (body["created_count"], body["existing_count"], body["error_count"]) == (1, 2, 1)


def test_bulk_rejects_an_empty_or_oversized_batch(owner, posting, settings):
    path = f"/api/v4/postings/{posting.public_id}/candidates/bulk"
    assert owner.post(path, {"data": []}).status_code == 422
    assert owner.post(path, {}).status_code == 422


def test_it_lists_candidates_with_score_status_and_workflow(owner, posting):
    for n in range(5):
        ingest(owner, posting, email=f"c{n}@example.com", name=f"C{n}")
    page = owner.get(f"/api/v4/postings/{posting.public_id}/candidates?limit=2").json()
    assert page["total_count"] == 5 and page["has_more"] is True
    row = page["data"][0]
    assert row["object"] == "candidate" and row["score"] is None and row["status"] == "pending"
    assert [s["id"] for s in row["workflow"]["steps"]] == ["resume", "web_interview"]
    after = page["data"][-1]["interview_id"]
    rest = owner.get(
        f"/api/v4/postings/{posting.public_id}/candidates?limit=50&starting_after={after}"
    ).json()
    assert [r["name"] for r in rest["data"]] == ["C2", "C3", "C4"]
    pending = owner.get(f"/api/v4/postings/{posting.public_id}/candidates?status=completed")
    assert pending.json()["total_count"] == 0


def test_the_candidate_list_costs_the_same_queries_for_any_page_size(owner, posting):
    rows = [{"name": f"C{n}", "email": f"c{n}@example.com"} for n in range(60)]
    owner.post(f"/api/v4/postings/{posting.public_id}/candidates/bulk", {"data": rows})
    path = f"/api/v4/postings/{posting.public_id}/candidates?limit="
    counts = {}
    for limit in (1, 10, 60):
        with CaptureQueriesContext(connection) as queries:
            assert len(owner.get(path + str(limit)).json()["data"]) == limit
        counts[limit] = len(queries)
    # the key, the posting with its steps, the count, the page: no query per row
    assert counts[1] == counts[10] == counts[60] == 5, counts


def test_a_page_after_a_cursor_costs_one_query_more(owner, posting, django_assert_num_queries):
    rows = [{"name": f"C{n}", "email": f"c{n}@example.com"} for n in range(30)]
    owner.post(f"/api/v4/postings/{posting.public_id}/candidates/bulk", {"data": rows})
    path = f"/api/v4/postings/{posting.public_id}/candidates?limit=10"
    after = owner.get(path).json()["data"][-1]["interview_id"]
    with django_assert_num_queries(6):
        page = owner.get(f"{path}&starting_after={after}&status=pending").json()
    assert [row["name"] for row in page["data"]] == [f"C{n}" for n in range(10, 20)]


def test_the_stats_read_the_interviews_once_per_change(owner, posting, django_assert_num_queries):
    url = f"/api/v4/postings/{posting.public_id}/stats"
    ingest(owner, posting)
    # The key, the posting with its steps, the posting's last change, the stats.
    with django_assert_num_queries(5):
        assert owner.get(url).json()["data"]["total_candidates"] == 1
    with django_assert_num_queries(4):  # the same figures, from the cache
        assert owner.get(url).json()["data"]["total_candidates"] == 1
    ingest(owner, posting, email="second@email.com")
    assert owner.get(url).json()["data"]["total_candidates"] == 2


def test_posting_stats_count_candidates(owner, posting):
    ingest(owner, posting)
    stats = owner.get(f"/api/v4/postings/{posting.public_id}/stats").json()["data"]
    assert stats["total_candidates"] == 1 and stats["completed_interviews"] == 0
    assert stats["status_counts"]["pending"] == 1


def test_interview_data_is_pending_until_the_candidate_finishes(owner, posting):
    interview_id = ingest(owner, posting).json()["data"]["interview_id"]
    data = owner.get(f"/api/v4/interviews/{interview_id}/data").json()["data"]
    assert data["status"] == "pending" and data["score"] is None
    assert data["resume"] is None and data["web_interview"] is None
    assert owner.get("/api/v4/interviews/0000000000000000/data").status_code == 404


def test_a_candidate_row_has_exactly_the_fields_the_schema_declares(owner, posting):
    from candidates.serializers import CandidateRowOut

    ingest(owner, posting, phone_number="+12125559876", metadata={"src": "x"})
    row = owner.get(f"/api/v4/postings/{posting.public_id}/candidates").json()["data"][0]
    assert list(row) == list(CandidateRowOut().fields)
    assert row["phone_number"] == "+12125559876" and row["metadata"] == {"src": "x"}
    assert isinstance(row["created_at"], float) and row["interviewed_at"] is None


def test_a_candidate_another_request_added_meanwhile_is_kept_not_duplicated(owner):
    from candidates.models import Candidate
    from candidates.services.ingest import _insert_new

    workspace = owner.workspace
    Candidate.objects.create(workspace=workspace, email="a@example.com", name="First")
    racing = [
        Candidate(workspace=workspace, email="a@example.com", name="Second"),
        Candidate(workspace=workspace, email="b@example.com", name="B"),
    ]
    rows = _insert_new(racing, refetch=lambda: Candidate.objects.filter(workspace=workspace))
    assert {c.email: c.name for c in rows} == {"a@example.com": "First", "b@example.com": "B"}
    assert Candidate.objects.filter(workspace=workspace).count() == 2
