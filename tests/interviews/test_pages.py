"""The candidate's pages, from the link to the room, in the order a candidate meets them."""

import pytest
from django.test import Client

from candidates.models import Interview
from candidates.services.ingest import candidate_ingest
from tests.factories import make_posting


@pytest.fixture
def sales(owner):
    posting = make_posting(owner.workspace, "sales")
    row = {"name": "Marcus Johnson", "email": "marcus@example.com"}
    return candidate_ingest(posting=posting, row=row).interview


def test_the_welcome_page_shows_overviews_consent_and_the_typing_option(sales, client):
    page = client.get(f"/i/{sales.public_id}").content.decode()
    assert "Sales Representative - Mid Market" in page
    assert "CloudMetrics is a fast-growing analytics platform" in page  # exact_delivery
    assert 'name="consent"' in page and 'value="text"' in page
    assert "Upload your resume (optional)" in page


def test_consent_is_required_to_continue(sales, client):
    response = client.post(f"/i/{sales.public_id}/consent", {"mode": "voice"})
    assert response.status_code == 400
    sales.refresh_from_db()
    assert sales.consented_at is None


def test_consent_leads_to_the_resume_step_then_the_room(sales, client):
    client.post(f"/i/{sales.public_id}/consent", {"consent": "yes", "mode": "text"})
    sales.refresh_from_db()
    assert sales.consented_at is not None and sales.answer_mode == "text"
    page = client.get(f"/i/{sales.public_id}").content.decode()
    assert 'id="resume-form"' in page and ">Skip<" in page
    client.post(f"/i/{sales.public_id}/resume/skip")
    room = client.get(f"/i/{sales.public_id}").content.decode()
    assert 'id="room"' in room and 'data-video="true"' in room


def test_summarized_and_reference_overviews(owner, client):
    posting = make_posting(
        owner.workspace,
        company_overview="First sentence. Second sentence. Third sentence.",
        company_overview_delivery_mode="summarized_delivery",
        job_overview="A secret the interviewer only uses to answer questions.",
        job_overview_delivery_mode="reference_only",
    )
    interview = candidate_ingest(posting=posting, row={"name": "A", "email": "a@e.com"}).interview
    page = client.get(f"/i/{interview.public_id}").content.decode()
    assert "First sentence. Second sentence." in page and "Third sentence" not in page
    assert "A secret" not in page


@pytest.mark.parametrize(
    "status,text",
    [
        (Interview.Status.KNOCKED_OUT, "will not be moving forward"),
        (Interview.Status.COMPLETED, "Thank you"),
        (Interview.Status.EVALUATING, "Thank you"),
    ],
)
def test_clear_messages_for_a_finished_or_knocked_out_interview(sales, client, status, text):
    Interview.objects.filter(pk=sales.pk).update(status=status)
    assert text in client.get(f"/i/{sales.public_id}").content.decode()


def test_an_archived_posting_closes_unstarted_interviews(sales, client):
    sales.posting.status = "archived"
    sales.posting.save()
    assert "no longer accepting" in client.get(f"/i/{sales.public_id}").content.decode()


def test_an_unknown_link_is_a_clear_404(client, db):
    response = client.get("/i/0000000000000000")
    assert response.status_code == 404 and b"not valid" in response.content


def test_a_finished_interview_redirects_when_the_posting_says_so(sales, client):
    sales.posting.redirect_url = "https://careers.example.com/thanks"
    sales.posting.save()
    Interview.objects.filter(pk=sales.pk).update(status=Interview.Status.COMPLETED)
    response = client.get(f"/i/{sales.public_id}")
    assert response.status_code == 302 and response["Location"] == sales.posting.redirect_url


def test_the_apply_page_creates_the_interview_and_mails_its_link(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace)
    client = Client()
    page = client.get(f"/apply/{posting.public_id}/{posting.slug}")
    assert page.status_code == 200 and b"Full name" in page.content
    body = {"name": "Ana Lima", "email": "ana@example.com", "phone_number": "+55 11 91234 5678"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/apply/{posting.public_id}/{posting.slug}", body)
    interview = Interview.objects.get(candidate__email="ana@example.com")
    assert first.status_code == 302 and first["Location"] == f"/i/{interview.public_id}"
    assert interview.source == "apply_page"
    assert interview.candidate.phone_number == "+5511912345678"
    assert [m.to for m in mailoutbox] == [["ana@example.com"]]
    assert interview.interview_url in mailoutbox[0].body


def test_applying_again_with_a_known_email_never_reveals_the_interview(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace)
    body = {"name": "Ana Lima", "email": "ana@example.com"}
    stranger = Client()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(f"/apply/{posting.public_id}", body)
        again = stranger.post(
            f"/apply/{posting.public_id}", {"name": "Eve", "email": "ANA@example.com"}
        )
    interview = Interview.objects.get(candidate__email="ana@example.com")
    assert again.status_code == 200 and b"Check your email" in again.content
    assert interview.public_id.encode() not in again.content
    assert stranger.get(f"/apply/{posting.public_id}").status_code == 200  # no redirect either
    # The link went to Ana's own address, not to whoever typed it.
    assert [m.to for m in mailoutbox] == [["ana@example.com"], ["ana@example.com"]]
    assert interview.interview_url in mailoutbox[1].body


def test_repeated_applications_do_not_flood_the_address(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    posting = make_posting(owner.workspace)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            Client().post(f"/apply/{posting.public_id}", {"name": "A", "email": "ana@example.com"})
    assert len(mailoutbox) == 1 + 3  # the invitation, then LINK_MAILS_PER_HOUR resends


def test_the_apply_page_shows_errors(owner, db):
    posting = make_posting(owner.workspace)
    response = Client().post(f"/apply/{posting.public_id}", {"name": "", "email": "nope"})
    assert response.status_code == 400
    assert b"valid email" in response.content
