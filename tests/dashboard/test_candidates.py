"""The leaderboard (the API's review_url): filters, sort, search, pages, histogram, bulk
decisions, CSV export, live row updates and ingestion one by one or by CSV."""

import csv
import io
import re
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import Interview
from candidates.services.ingest import candidate_ingest
from heymilo.accounts.models import AuditEntry
from tests.dashboard.conftest import STRONG, WEAK, finished_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(posting):
    """Two finished interviews far apart, and one pending."""
    strong = finished_interview(posting, "Priya Patel", "priya@example.com", STRONG)
    weak = finished_interview(posting, "Alex Chen", "alex@example.com", WEAK)
    pending = candidate_ingest(
        posting=posting, row={"name": "Sam Rivera", "email": "sam@example.com"}
    ).interview
    return {"posting": posting, "strong": strong, "weak": weak, "pending": pending}


def url(posting, suffix=""):
    return f"/dashboard/postings/{posting.public_id}/candidates{suffix}"


def names_in(page: str, *names: str) -> list[str]:
    """The names in the order they appear on the page."""
    return sorted((n for n in names if n in page), key=page.index)


def test_the_review_url_of_the_api_opens_the_leaderboard(dash_owner, board):
    review_url = board["posting"].review_url
    path = review_url.split("://", 1)[1].split("/", 1)[1]
    assert dash_owner.get(f"/{path}").status_code == 200


def test_it_sorts_by_score_and_by_date(dash_owner, board):
    assert board["strong"].score > board["weak"].score
    names = ("Priya Patel", "Alex Chen", "Sam Rivera")
    best_first = dash_owner.get(url(board["posting"])).content.decode()
    assert names_in(best_first, *names) == ["Priya Patel", "Alex Chen", "Sam Rivera"]
    newest_first = dash_owner.get(url(board["posting"], "?sort=-date")).content.decode()
    assert names_in(newest_first, *names) == ["Sam Rivera", "Alex Chen", "Priya Patel"]


def test_it_filters_by_status_score_shortlist_and_tag_and_searches(dash_owner, board):
    posting = board["posting"]
    page = dash_owner.get(url(posting, "?status=pending")).content.decode()
    assert names_in(page, "Priya Patel", "Sam Rivera") == ["Sam Rivera"]
    low = board["weak"].score + 1
    page = dash_owner.get(url(posting, f"?score_min={low}")).content.decode()
    assert names_in(page, "Priya Patel", "Alex Chen") == ["Priya Patel"]
    Interview.objects.filter(pk=board["weak"].pk).update(shortlisted=True)
    page = dash_owner.get(url(posting, "?shortlisted=yes")).content.decode()
    assert names_in(page, "Priya Patel", "Alex Chen") == ["Alex Chen"]
    page = dash_owner.get(url(posting, "?q=ALEX.C")).content.decode()
    assert names_in(page, "Priya Patel", "Alex Chen", "Sam Rivera") == []
    page = dash_owner.get(url(posting, "?q=alex%40")).content.decode()
    assert names_in(page, "Priya Patel", "Alex Chen") == ["Alex Chen"]
    tag = board["strong"].results.get(is_current=True).tags[0]
    page = dash_owner.get(url(posting, f"?tag={tag}")).content.decode()
    assert "Priya Patel" in page and "Sam Rivera" not in page


def test_it_pages_through_many_candidates(dash_owner, posting):
    from candidates.services.ingest import candidates_ingest

    rows = [{"name": f"Person {n:02d}", "email": f"p{n}@example.com"} for n in range(30)]
    candidates_ingest(posting=posting, rows=rows)
    first = dash_owner.get(url(posting, "?sort=name")).content.decode()
    after = re.search(r"after=([0-9A-F]{16})", first).group(1)
    second = dash_owner.get(url(posting, f"?sort=name&after={after}")).content.decode()
    assert "Person 00" in first and "Person 24" in first and "Person 25" not in first
    assert "Person 25" in second and "Person 29" in second and "Person 24" not in second
    assert "5 of 30 candidates" in second and "after=" not in second.split("First page")[1]


def test_the_leaderboard_costs_the_same_queries_for_ten_or_a_hundred_candidates(
    dash_owner, posting, django_assert_max_num_queries
):
    from candidates.services.ingest import candidates_ingest

    for count in (10, 100):
        rows = [
            {"name": f"P {count} {n}", "email": f"p{count}.{n}@example.com"} for n in range(count)
        ]
        candidates_ingest(posting=posting, rows=rows)
        # the session, its user and membership, the posting with its steps, the tags' last
        # change and the tags, one summary, the page, its results
        with django_assert_max_num_queries(10):
            dash_owner.get(url(posting))
        with django_assert_max_num_queries(12):  # a filter counts; a cursor finds its row
            after = Interview.objects.filter(posting=posting).first().public_id
            dash_owner.get(url(posting, f"?status=pending&sort=name&after={after}"))


def test_a_page_after_a_row_holds_the_rows_that_follow_it_in_every_sort(dash_owner, board):
    posting = board["posting"]
    for sort in ("-score", "score", "-date", "date", "name"):
        first = dash_owner.get(url(posting, f"?sort={sort}")).content.decode()
        order = re.findall(r'data-id="([0-9A-F]{16})"', first)
        for index, row in enumerate(order):
            rest = dash_owner.get(url(posting, f"?sort={sort}&after={row}")).content.decode()
            assert re.findall(r'data-id="([0-9A-F]{16})"', rest) == order[index + 1 :], sort


def test_the_histogram_counts_completed_interviews_per_band(dash_owner, board):
    from candidates.selectors import score_histogram

    bands = score_histogram(posting=board["posting"])
    assert len(bands) == 10 and sum(b["count"] for b in bands) == 2
    assert "Score distribution" in dash_owner.get(url(board["posting"])).content.decode()


def test_bulk_shortlist_and_dismiss_write_audit_entries(dash_owner, board):
    posting = board["posting"]
    ids = [board["strong"].public_id, board["weak"].public_id]
    dash_owner.post(url(posting, "/bulk"), {"decision": "shortlist", "ids": ids})
    assert posting.interviews.filter(shortlisted=True).count() == 2
    dash_owner.post(url(posting, "/bulk"), {"decision": "dismiss", "ids": ids[1:]})
    board["weak"].refresh_from_db()
    assert board["weak"].dismissed and not board["weak"].shortlisted
    entries = AuditEntry.objects.filter(action__in=["interview_shortlisted", "interview_dismissed"])
    assert entries.count() == 3 and entries.first().actor == "user:olivia@acme.test"


def test_bulk_decisions_never_redirect_off_site(dash_owner, board):
    posting = board["posting"]
    body = {"decision": "shortlist", "ids": [board["strong"].public_id]}
    for wanted in ("https://evil.example/", "javascript:alert(1)"):
        response = dash_owner.post(url(posting, "/bulk"), {**body, "next": wanted})
        assert response.status_code == 302 and response["Location"] == url(posting)


def test_the_export_holds_the_filtered_rows_in_order(dash_owner, board):
    response = dash_owner.get(url(board["posting"], "/export.csv?status=completed"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["name"] for r in rows] == ["Priya Patel", "Alex Chen"]
    assert rows[0]["score"] == f"{board['strong'].score:g}"
    assert rows[0]["report_url"] == (
        f"{settings.PUBLIC_URL}/dashboard/interviews/{board['strong'].public_id}"
    )


def test_the_export_defuses_spreadsheet_formulas(dash_owner, posting):
    candidate_ingest(posting=posting, row={"name": "=HYPERLINK(1)", "email": "f@example.com"})
    text = dash_owner.get(url(posting, "/export.csv")).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_updates_return_only_rows_changed_since_the_last_look(dash_owner, board):
    posting, pending = board["posting"], board["pending"]
    since = time.time()
    ids = f"{pending.public_id},{board['strong'].public_id}"
    quiet = dash_owner.get(url(posting, f"/updates?since={since}&ids={ids}")).json()
    assert quiet["rows"] == {}
    report = finished_interview(posting, "Sam Rivera", "sam@example.com", STRONG)
    changed = dash_owner.get(url(posting, f"/updates?since={since}&ids={ids}")).json()
    assert list(changed["rows"]) == [report.public_id]
    assert "Completed" in changed["rows"][report.public_id]
    assert changed["now"] >= since


def test_updates_carry_the_stat_cards_when_anything_in_the_posting_changed(dash_owner, board):
    posting = board["posting"]
    since = time.time()
    quiet = dash_owner.get(url(posting, f"/updates?since={since}&ids=")).json()
    assert "summary" not in quiet
    before = dash_owner.get(url(posting, "")).content.decode()
    total = before.count('data-id="')
    candidate_ingest(posting=posting, row={"name": "New Person", "email": "new@example.com"})
    summary = dash_owner.get(url(posting, f"/updates?since={since}&ids=")).json()["summary"]
    assert summary.startswith('<div class="summary" id="summary">')
    cards = re.findall(r'<p class="stat-value">([^<]+)</p>', summary)
    assert cards[0] == str(total + 1)  # the Candidates card counts the newcomer


def test_updates_refuse_a_bad_since(dash_owner, posting):
    assert dash_owner.get(url(posting, "/updates?since=soon")).status_code == 400


def test_it_adds_one_candidate(dash_owner, posting):
    data = {"name": "Dana Lee", "email": "Dana@Example.com", "phone_number": "+14155550123"}
    dash_owner.post(url(posting, "/add"), data)
    interview = posting.interviews.get(candidate__email="dana@example.com")
    assert interview.source == "dashboard"
    response = dash_owner.post(url(posting, "/add"), {"name": "X", "email": "bad"}, follow=True)
    assert b"valid email" in response.content


CSV = (
    "name,email,phone_number,source\n"
    "Ann Smith,ann@example.com,+14155550100,referral\n"
    "Bad Email,not-an-email,,\n"
    "Bo Jones,bo@example.com,12345,\n"
    'Cy Young,cy@example.com,,"job board"\n'
)


def upload(user, posting, text: str):
    file = SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")
    return user.post(url(posting, "/import"), {"file": file})


def test_the_csv_preview_lists_each_bad_row_before_anything_is_ingested(dash_owner, posting):
    response = upload(dash_owner, posting, CSV)
    page = response.content.decode()
    assert posting.interviews.count() == 0
    assert "<strong>2</strong> of 4 rows are ready" in page
    assert "not-an-email" in page and "phone_number" in page
    assert '<td class="num">3</td>' in page and '<td class="num">4</td>' in page


def test_confirming_queues_an_ingestion_the_page_follows_to_the_end(
    dash_owner, posting, django_capture_on_commit_callbacks
):
    ingestion = upload(dash_owner, posting, CSV).context["ingestion"]
    assert ingestion.status == "staged" and posting.interviews.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = dash_owner.post(
            url(posting, "/import/commit"),
            {"ingestion": ingestion.public_id},
            HTTP_ACCEPT="application/json",
        )
    assert response.json()["total"] == 2
    progress = dash_owner.get(url(posting, f"/import/{ingestion.public_id}")).json()
    assert progress == {"status": "completed", "total": 2, "created": 2, "error": None}
    ann = posting.interviews.get(candidate__email="ann@example.com")
    assert ann.metadata == {"source": "referral"} and ann.source == "dashboard"
    again = dash_owner.post(url(posting, "/import/commit"), {"ingestion": ingestion.public_id})
    assert again.status_code == 302  # already done: nothing is ingested twice
    assert posting.interviews.count() == 2


def test_a_plain_form_commit_ingests_everything_and_returns_to_the_leaderboard(
    dash_owner, posting, django_capture_on_commit_callbacks
):
    ingestion = upload(dash_owner, posting, CSV).context["ingestion"]
    with django_capture_on_commit_callbacks(execute=True):
        response = dash_owner.post(
            url(posting, "/import/commit"), {"ingestion": ingestion.public_id}
        )
    assert response["Location"] == url(posting)
    assert posting.interviews.count() == 2


def test_a_file_without_the_required_columns_is_refused(dash_owner, posting):
    response = upload(dash_owner, posting, "full_name,mail\nA,a@example.com\n")
    assert b"including name and email" in response.content


def test_a_commit_cannot_use_another_postings_import(
    dash_owner, posting, owner, django_capture_on_commit_callbacks
):
    from tests.factories import make_posting

    other = make_posting(owner.workspace, "sales")
    ingestion = upload(dash_owner, posting, CSV).context["ingestion"]
    with django_capture_on_commit_callbacks(execute=True):
        dash_owner.post(url(other, "/import/commit"), {"ingestion": ingestion.public_id})
    assert other.interviews.count() == 0 and posting.interviews.count() == 0
    assert dash_owner.get(url(other, f"/import/{ingestion.public_id}")).status_code == 404


def test_access_to_the_leaderboard(dash_owner, dash_recruiter, dash_viewer, dash_outsider, board):
    posting = board["posting"]
    ids = [board["strong"].public_id]
    reads = ["", "/export.csv", "/import", f"/updates?since=0&ids={ids[0]}"]
    writes = [
        ("/bulk", {"decision": "shortlist", "ids": ids}),
        ("/add", {"name": "Q", "email": "q@example.com"}),
        ("/import", {}),
        ("/import/commit", {"ingestion": "x"}),
    ]
    for user in (dash_owner, dash_recruiter, dash_viewer):
        for suffix in reads:
            assert user.get(url(posting, suffix)).status_code == 200, suffix
    for suffix, data in writes:
        assert dash_viewer.post(url(posting, suffix), data).status_code == 403, suffix
        assert dash_recruiter.post(url(posting, suffix), data).status_code in (200, 302), suffix
        assert dash_outsider.post(url(posting, suffix), data).status_code == 404, suffix
    for suffix in reads:
        assert dash_outsider.get(url(posting, suffix)).status_code == 404, suffix
    viewer_page = dash_viewer.get(url(posting)).content.decode()
    assert 'id="bulk-form"' not in viewer_page and "Add a candidate" not in viewer_page
