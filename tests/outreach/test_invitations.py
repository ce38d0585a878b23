"""Invitations, reminders and deadlines, sent through a real SMTP server on loopback."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from candidates.models import CandidateEmail, Interview
from candidates.services.ingest import candidate_ingest
from heymilo.jobs import sweeps_run
from tests.factories import make_posting
from tests.outreach.conftest import html_part, text_part
from webhooks.models import Event

pytestmark = pytest.mark.django_db
ROW = {"name": "Ana Lima", "email": "ana@example.com"}


@pytest.fixture
def posting(owner):
    posting = make_posting(owner.workspace)
    posting.deadline_days, posting.reminder_days = 7, [2, 5]
    posting.save()
    owner.workspace.company_name, owner.workspace.reply_to_email = "BrightDesk", "jobs@bd.test"
    owner.workspace.save()
    return posting


def invite(posting, capture, row=ROW) -> Interview:
    with capture(execute=True):
        return candidate_ingest(posting=posting, row=row, invite=True).interview


def age(interview, days: float) -> None:
    """As if the invitation went out `days` ago (and the deadline with it)."""
    shift = timedelta(days=days)
    Interview.objects.filter(pk=interview.pk).update(
        invited_at=interview.invited_at - shift, deadline_at=interview.deadline_at - shift
    )


def sweep(capture) -> dict:
    with capture(execute=True):
        return sweeps_run()


def test_an_invitation_carries_the_link_in_text_and_html_with_reply_to_and_unsubscribe(
    posting, smtp, django_capture_on_commit_callbacks
):
    from webhooks.services import webhook_create

    webhook_create(posting=posting, url="https://example.com/h", event_type="candidate_invited")
    interview = invite(posting, django_capture_on_commit_callbacks)
    [message] = smtp.to("ana@example.com")
    assert message["Subject"] == f"Your interview for {posting.title} at BrightDesk"
    assert message["Reply-To"] == "jobs@bd.test"
    assert message["List-Unsubscribe"] == f"<{interview.interview_url}/unsubscribe>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = text_part(message)
    assert interview.interview_url in text and "Hello Ana Lima" in text
    assert "Please complete it by" in text
    assert interview.interview_url in html_part(message)
    interview.refresh_from_db()
    assert interview.invited_at and interview.deadline_at - interview.invited_at == timedelta(7)
    assert CandidateEmail.objects.get(interview=interview).status == "accepted"
    event = Event.objects.get(interview_id=interview.public_id, event_type="candidate_invited")
    assert '"deadline"' in event.body


def test_two_reminders_then_none_after_the_interview_and_none_twice(
    posting, smtp, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = invite(posting, capture)
    done = invite(posting, capture, {"name": "Bo", "email": "bo@example.com"})
    Interview.objects.filter(pk=done.pk).update(
        status="completed", completed_at=timezone.now(), started_at=timezone.now()
    )
    assert sweep(capture)["candidates.reminders"] == 0  # too early
    age(interview, 2.1)
    age(Interview.objects.get(pk=done.pk), 2.1)
    assert sweep(capture)["candidates.reminders"] == 1
    assert sweep(capture)["candidates.reminders"] == 0  # the sweep runs again: nothing new
    age(Interview.objects.get(pk=interview.pk), 3)  # now 5.1 days after the invitation
    sweep(capture)
    sweep(capture)
    subjects = [m["Subject"] for m in smtp.to("ana@example.com")]
    assert subjects == [
        f"Your interview for {posting.title} at BrightDesk",
        f"Reminder: Your interview for {posting.title} at BrightDesk",
        f"Reminder: Your interview for {posting.title} at BrightDesk",
    ]
    assert len(smtp.to("bo@example.com")) == 1  # finished: no reminder


def test_a_reminder_cut_off_mid_send_is_never_sent_again(
    posting, smtp, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = invite(posting, capture)
    age(interview, 2.1)
    with capture(execute=False):  # the sweep queues it, then the worker dies mid-send
        sweeps_run()
    reminder = CandidateEmail.objects.get(kind="reminder")
    CandidateEmail.objects.filter(pk=reminder.pk).update(
        status="sending", created_at=timezone.now() - timedelta(hours=1)
    )
    sweep(capture)
    sweep(capture)
    reminder.refresh_from_db()
    assert reminder.status == "failed" and "not sent again" in reminder.detail
    assert len(smtp.to("ana@example.com")) == 1  # the invitation only
    assert CandidateEmail.objects.filter(kind="reminder").count() == 1


def test_a_refused_address_is_recorded_as_bounced_with_the_servers_reason(
    posting, smtp, django_capture_on_commit_callbacks, owner
):
    smtp.refuse["ghost@example.com"] = "550 5.1.1 No such user here"
    interview = invite(
        posting, django_capture_on_commit_callbacks, {"name": "G", "email": "ghost@example.com"}
    )
    email = CandidateEmail.objects.get(interview=interview)
    assert email.status == "bounced" and email.detail == "550 5.1.1 No such user here"
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["invitation"]["last_email"]["status"] == "bounced"
    assert data["interview_url"] == interview.interview_url


def test_a_mail_server_that_is_down_is_tried_again_then_reported(
    posting, settings, django_capture_on_commit_callbacks
):
    from heymilo.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    app.conf.task_eager_propagates = False
    interview = invite(posting, django_capture_on_commit_callbacks)
    email = CandidateEmail.objects.get(interview=interview)
    assert email.status == "failed" and "refused" in email.detail.lower()


def test_after_the_deadline_the_link_shows_a_closed_page_until_extended(
    posting, smtp, django_capture_on_commit_callbacks, owner
):
    interview = invite(posting, django_capture_on_commit_callbacks)
    age(interview, 8)
    page = Client().get(f"/i/{interview.public_id}")
    assert b"This interview link has expired" in page.content
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    from candidates.services.invitations import deadline_extend

    deadline_extend(interview=interview, days=7, actor="user:olivia@acme.test")
    assert b"expired" not in Client().get(f"/i/{interview.public_id}").content


def test_opening_the_link_is_recorded(posting, smtp, django_capture_on_commit_callbacks):
    interview = invite(posting, django_capture_on_commit_callbacks)
    Client().get(f"/i/{interview.public_id}")
    interview.refresh_from_db()
    assert interview.opened_at and interview.outreach_status == "opened"


def test_unsubscribing_stops_reminders_in_one_click(
    posting, smtp, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    interview = invite(posting, capture)
    response = Client(enforce_csrf_checks=True).post(
        f"/i/{interview.public_id}/unsubscribe", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    age(interview, 6)
    sweep(capture)
    assert len(smtp.to("ana@example.com")) == 1


def test_the_api_invites_only_when_asked_or_when_the_posting_says_so(
    owner, posting, smtp, django_capture_on_commit_callbacks
):
    path = f"/api/v4/postings/{posting.public_id}/candidates"
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(path, {"name": "A", "email": "a@example.com"})
        owner.post(path, {"name": "B", "email": "b@example.com", "send_invitation": True})
        posting.invite_api_candidates = True
        posting.save()
        owner.post(path, {"name": "C", "email": "c@example.com"})
        owner.post(path, {"name": "D", "email": "d@example.com", "send_invitation": False})
    assert [bool(smtp.to(f"{x}@example.com")) for x in "abcd"] == [False, True, True, False]


def test_recruiters_resend_and_extend_from_the_report(
    owner, posting, smtp, django_capture_on_commit_callbacks
):
    from tests.dashboard.conftest import DashboardUser

    interview = invite(posting, django_capture_on_commit_callbacks)
    recruiter = DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")
    page = recruiter.get(f"/dashboard/interviews/{interview.public_id}").content.decode()
    assert interview.interview_url in page and "accepted" in page
    with django_capture_on_commit_callbacks(execute=True):
        recruiter.post(f"/dashboard/interviews/{interview.public_id}/invitation")
    assert len(smtp.to("ana@example.com")) == 2
    before = Interview.objects.get(pk=interview.pk).deadline_at
    recruiter.post(f"/dashboard/interviews/{interview.public_id}/deadline", {"days": "7"})
    assert Interview.objects.get(pk=interview.pk).deadline_at - before == timedelta(days=7)
    viewer = DashboardUser(owner.workspace.name, "viewer", "vera@acme.test")
    assert viewer.post(f"/dashboard/interviews/{interview.public_id}/deadline").status_code == 403


def test_the_builder_previews_and_sends_a_test_to_the_recruiter(
    owner, posting, smtp, django_capture_on_commit_callbacks
):
    from tests.dashboard.conftest import DashboardUser

    recruiter = DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")
    path = f"/dashboard/postings/{posting.public_id}/invitations"
    body = {
        "invitation_subject": "{company} would like to meet you",
        "invitation_body": "Hi {candidate_name}, here is your link: {link} (until {deadline}).",
        "deadline_days": "10",
        "first_reminder": "3",
        "action": "test",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter.post(path, body)
    assert response.status_code == 302
    [test] = smtp.to("rick@acme.test")
    assert test["Subject"] == "[Test] BrightDesk would like to meet you"
    assert "Hi Alex Sample" in text_part(test)
    preview = recruiter.get(path).content.decode()
    assert "Hi Alex Sample, here is your link" in preview
    bad = recruiter.post(path, {**body, "invitation_body": "Hi {name}", "action": "save"})
    assert bad.status_code == 200 and "Unknown placeholder {name}" in bad.content.decode()
    late = recruiter.post(path, {**body, "first_reminder": "12", "action": "save"})
    assert "before the deadline" in late.content.decode()
