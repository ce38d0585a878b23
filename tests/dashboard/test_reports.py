"""The report on one interview and the recruiter's decisions on it."""

import pytest
from django.utils.html import escape

from heymilo.accounts.models import AuditEntry
from interviews.models import Recording

pytestmark = pytest.mark.django_db


def path(interview, suffix=""):
    return f"/dashboard/interviews/{interview.public_id}{suffix}"


def test_the_report_shows_scores_scorecard_evidence_and_transcript(dash_owner, report):
    result = report.results.get(is_current=True)
    page = dash_owner.get(path(report)).content.decode()
    assert f"{report.score:.0f}" in page and "Web interview" in page
    for row in result.rows.all():
        assert row.question_public_id in page
    for line in result.highlights + result.lowlights:
        assert escape(line) in page
    assert result.tags[0] in page
    first_turn = report.turns.first()
    assert f'data-seek="{first_turn.offset:f}"' in page
    assert "Speech" in page


def test_the_report_plays_recordings_from_signed_links(dash_owner, report):
    from django.core.files.base import ContentFile

    recording = Recording(interview=report, kind="video", content_type="video/webm", size=4)
    recording.file.save("r.webm", ContentFile(b"webm"), save=False)
    recording.save()
    page = dash_owner.get(path(report)).content.decode()
    assert 'id="report-video"' in page and "/files/" in page


def test_the_report_of_a_sales_interview_shows_the_resume_result(dash_owner, owner):
    from candidates.services.ingest import candidate_ingest
    from interviews.resume import resume_submit
    from interviews.services import interview_consent
    from tests.factories import make_posting

    posting = make_posting(owner.workspace, "sales")
    interview = candidate_ingest(posting=posting, row={"name": "M", "email": "m@x.com"}).interview
    interview_consent(interview=interview, answer_mode="text")
    interview.refresh_from_db()
    resume_text = b"B2B sales for six years. Exceeded quota every year (120%).\n"
    resume_submit(interview=interview, data=resume_text, filename="cv.txt")
    page = dash_owner.get(path(interview)).content.decode()
    assert "Open the resume file" in page and "Has B2B sales experience" in page
    assert "No report yet" in page


def test_shortlisting_with_a_note_is_audited(dash_owner, report):
    dash_owner.post(path(report, "/decision"), {"decision": "shortlist", "note": "Great fit"})
    report.refresh_from_db()
    assert report.shortlisted and report.recruiter_note == "Great fit"
    entry = AuditEntry.objects.get(action="interview_shortlisted", target=report.public_id)
    assert entry.actor == "user:olivia@acme.test" and entry.data["note"] == "Great fit"
    dash_owner.post(path(report, "/decision"), {"decision": "dismiss", "note": "Changed mind"})
    report.refresh_from_db()
    assert report.dismissed and not report.shortlisted


def test_a_score_override_keeps_the_ai_score_and_the_api_shows_both(dash_owner, owner, report):
    ai_score = report.score
    dash_owner.post(path(report, "/override"), {"score": "88", "reason": "Strong references"})
    entry = AuditEntry.objects.get(action="score_overridden", target=report.public_id)
    assert entry.data == {
        "ai_score": ai_score,
        "from": None,
        "to": 88.0,
        "reason": "Strong references",
    }
    data = owner.get(f"/api/v4/interviews/{report.public_id}/data").json()["data"]
    assert data["score"] == 88.0 and data["ai_score"] == ai_score
    assert data["score_override"]["reason"] == "Strong references"
    assert data["score_override"]["overridden_by"] == "user:olivia@acme.test"
    listed = owner.get(f"/api/v4/postings/{report.posting.public_id}/candidates").json()["data"]
    row = next(r for r in listed if r["interview_id"] == report.public_id)
    assert row["score"] == 88.0 and row["ai_score"] == ai_score
    page = dash_owner.get(path(report)).content.decode()
    assert "Strong references" in page and 'id="ai-score"' in page


def test_an_override_needs_a_reason_and_a_score_in_range(dash_owner, report):
    assert dash_owner.post(path(report, "/override"), {"score": "88"}).status_code == 400
    assert (
        dash_owner.post(path(report, "/override"), {"score": "101", "reason": "x"}).status_code
        == 400
    )
    report.refresh_from_db()
    assert report.score_override is None


def test_clearing_the_override_brings_back_the_ai_score(dash_owner, owner, report):
    dash_owner.post(path(report, "/override"), {"score": "10", "reason": "Typo in scoring"})
    dash_owner.post(path(report, "/override"), {"action": "clear"})
    data = owner.get(f"/api/v4/interviews/{report.public_id}/data").json()["data"]
    assert data["score"] == report.score and data["score_override"] is None
    assert AuditEntry.objects.filter(action="score_override_cleared").exists()


def test_the_printable_view_holds_the_whole_transcript_without_players(dash_owner, report):
    page = dash_owner.get(path(report, "/print")).content.decode()
    assert "printable" in page and 'id="report-video"' not in page
    assert report.turns.last().text[:30] in page
    assert "print.css" in page


def test_access_to_reports(dash_owner, dash_recruiter, dash_viewer, dash_outsider, report):
    writes = [
        ("/decision", {"decision": "shortlist", "note": "n"}),
        ("/override", {"score": "50", "reason": "r"}),
    ]
    for user in (dash_owner, dash_recruiter, dash_viewer):
        assert user.get(path(report)).status_code == 200
        assert user.get(path(report, "/print")).status_code == 200
    for suffix, data in writes:
        assert dash_viewer.post(path(report, suffix), data).status_code == 403
        assert dash_outsider.post(path(report, suffix), data).status_code == 404
        assert dash_recruiter.post(path(report, suffix), data).status_code == 302
    assert dash_outsider.get(path(report)).status_code == 404
    assert dash_outsider.get(path(report, "/print")).status_code == 404
    viewer_page = dash_viewer.get(path(report)).content.decode()
    assert "Override score" not in viewer_page
