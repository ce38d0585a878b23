"""Mails to candidates: the invitation with their private link, up to two reminders before the
deadline, and a recruiter's test of the wording.

The link is a credential (whoever holds it answers as the candidate), so it only ever travels
to the address on file: a public form that meets an email it already knows says "check your
email" and mails the link there, never hands it to whoever typed the address.

A mail is a row first (what was said, to whom), then a job sends it and records what the mail
server answered: accepted, bounced (the address refused for good) or failed (with the reason,
after retries). A reminder is never sent twice: each is a numbered row, unique per interview,
and a send interrupted mid-way is reported failed rather than tried again.
"""

import re
import smtplib
import string
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from candidates.models import CandidateEmail, Interview
from heymilo.accounts.services import audit_record
from heymilo.jobs import enqueue
from heymilo.mail import mail_send
from heymilo.ratelimit import fixed_window_hit
from postings.ai_context import company_name
from postings.models import Posting
from postings.validation import MAX_REMINDERS
from webhooks.models import EventType
from webhooks.services import event_emit

# Someone typing a stranger's address into the apply page again and again must not flood them.
LINK_MAILS_PER_HOUR = 3
# A mail still "sending" this long after it started was cut off with its worker.
SENDING_LEASE = timedelta(minutes=15)


def mail_texts(posting: Posting, values: dict) -> tuple[str, str]:
    """(subject, body) of the posting's invitation, in its language, filled with `values`."""
    with override(posting.language):
        subject = posting.invitation_subject or _("Your interview for {role} at {company}")
        body = posting.invitation_body or default_body()
        deadline_line = (
            _("Please complete it by {deadline}.").format(deadline=values["deadline"])
            if values["deadline"]
            else ""
        )
    body = re.sub(r"\n{3,}", "\n\n", body.replace("{deadline_line}", deadline_line))
    return _fill(subject, values), _fill(body, values)


def default_body() -> str:
    return _(
        "Hello {candidate_name},\n\n"
        "{company} invites you to a short interview for the {role} role, with an AI "
        "interviewer. You can take it whenever suits you, on a computer or a phone, by speaking "
        "or by typing.\n\n"
        "Start here: {link}\n\n"
        "{deadline_line}\n\n"
        "The link is personal: it opens your own interview, so please do not share it. You can "
        "use it again to continue where you left off.\n\n"
        "If you did not expect this, you can ignore this message."
    )


def _fill(template: str, values: dict) -> str:
    # Placeholders were checked when the text was saved; a brace that slipped through is shown.
    try:
        return string.Formatter().vformat(template, (), values)
    except (KeyError, ValueError, IndexError):
        return template


def mail_values(interview: Interview) -> dict:
    posting = interview.posting
    deadline = ""
    if interview.deadline_at:
        with override(posting.language):
            deadline = date_format(timezone.localtime(interview.deadline_at), "DATE_FORMAT")
    return {
        "candidate_name": interview.candidate.name,
        "company": company_name(posting),
        "role": posting.title,
        "link": interview.interview_url,
        "deadline": deadline,
    }


@transaction.atomic
def invitations_send(*, interviews: list[Interview]) -> int:
    """Invite those never invited: their link by mail, and their deadline's clock starts.
    Returns how many were invited."""
    now = timezone.now()
    fresh = set(
        Interview.objects.select_for_update()
        .filter(pk__in=[i.pk for i in interviews], invited_at__isnull=True)
        .values_list("pk", flat=True)
    )
    unique = {interview.pk: interview for interview in interviews}  # rows may repeat an email
    invited = [interview for pk, interview in unique.items() if pk in fresh]
    for posting, group in _by_posting(invited).items():
        deadline = now + timedelta(days=posting.deadline_days) if posting.deadline_days else None
        Interview.objects.filter(pk__in=[i.pk for i in group]).update(
            invited_at=now, deadline_at=deadline, updated_at=now
        )
        for interview in group:
            interview.invited_at, interview.deadline_at = now, deadline
    emails = CandidateEmail.objects.bulk_create(
        [_email(interview, CandidateEmail.Kind.INVITATION) for interview in invited]
    )
    for email in emails:
        enqueue("candidates.email_send", email.pk)
    return len(invited)


def _by_posting(interviews: list[Interview]) -> dict[Posting, list[Interview]]:
    groups: dict[Posting, list[Interview]] = {}
    for interview in interviews:
        groups.setdefault(interview.posting, []).append(interview)
    return groups


def invitation_resend(*, interview: Interview) -> CandidateEmail:
    """The invitation again (a recruiter's "resend", a repeat application)."""
    if interview.invited_at is None:
        invitations_send(interviews=[interview])
        return interview.emails.order_by("-created_at").first()
    return _queue(interview, CandidateEmail.Kind.INVITATION)


def interview_link_request(*, interview: Interview) -> bool:
    """A public form met this candidate: mail them their link, unless that address got enough of
    them this hour. Returns whether a mail was queued; the page says "check your email" either
    way, so the answer tells a stranger nothing."""
    allowed, _, _ = fixed_window_hit(
        f"interview-link:{interview.pk}", LINK_MAILS_PER_HOUR, window_seconds=3600
    )
    if allowed:
        invitation_resend(interview=interview)
    return allowed


def _queue(interview: Interview, kind: str, number: int = 0) -> CandidateEmail:
    email = _email(interview, kind, number)
    email.save()
    enqueue("candidates.email_send", email.pk)
    return email


def _email(interview: Interview, kind: str, number: int = 0) -> CandidateEmail:
    """The mail to the candidate, written now: what was sent is what the log shows."""
    subject, body = mail_texts(interview.posting, mail_values(interview))
    if kind == CandidateEmail.Kind.REMINDER:
        with override(interview.posting.language):
            subject = _("Reminder: {subject}").format(subject=subject)
    return CandidateEmail(
        workspace_id=interview.workspace_id,
        posting=interview.posting,
        interview=interview,
        kind=kind,
        number=number,
        to=interview.candidate.email,
        subject=subject[:300],
        body=body,
    )


@transaction.atomic
def deadline_extend(*, interview: Interview, days: int, actor: str) -> Interview:
    """More time for one candidate: from the deadline, or from now if it already passed."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    start = max(interview.deadline_at or timezone.now(), timezone.now())
    previous, interview.deadline_at = interview.deadline_at, start + timedelta(days=days)
    interview.updated_at = timezone.now()
    interview.save(update_fields=["deadline_at", "updated_at"])
    audit_record(
        workspace=interview.workspace,
        actor=actor,
        action="deadline_extended",
        target=interview.public_id,
        data={"from": previous.isoformat() if previous else None, "days": days},
    )
    return interview


def reminders_stop(*, interview: Interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(reminders_stopped=True)


def reminders_queue() -> int:
    """The sweep: each reminder that is due becomes one mail, once (the unique number)."""
    now = timezone.now()
    queued = 0
    for posting in Posting.objects.exclude(reminder_days=[]).exclude(status="archived"):
        for number, days in enumerate(sorted(posting.reminder_days)[:MAX_REMINDERS], start=1):
            for interview in _awaiting_reminder(posting, number, now - timedelta(days=days), now):
                try:
                    with transaction.atomic():
                        _queue(interview, CandidateEmail.Kind.REMINDER, number)
                except IntegrityError:  # another sweep queued this one a moment ago
                    continue
                queued += 1
    return queued


def _awaiting_reminder(posting: Posting, number: int, invited_before, now):
    reminded = CandidateEmail.objects.filter(kind="reminder", number=number)
    return (
        posting.interviews.select_related("candidate", "posting__workspace")
        .filter(
            invited_at__lte=invited_before,
            status__in=(Interview.Status.PENDING, Interview.Status.IN_PROGRESS),
            reminders_stopped=False,
        )
        .exclude(deadline_at__lte=now)
        .exclude(pk__in=reminded.values("interview_id"))[:500]
    )


def emails_requeue() -> int:
    """The sweep: a queued mail whose job was lost is queued again; one cut off mid-send is
    reported failed, not sent again (it may have left: a reminder must not come twice)."""
    now = timezone.now()
    CandidateEmail.objects.filter(status="sending", created_at__lt=now - SENDING_LEASE).update(
        status="failed", detail="Interrupted while sending; not sent again to avoid a duplicate."
    )
    lost = CandidateEmail.objects.filter(status="queued", created_at__lt=now - timedelta(minutes=5))
    pks = list(lost.values_list("pk", flat=True)[:500])
    for pk in pks:
        enqueue("candidates.email_send", pk)
    return len(pks)


class TemporaryMailError(Exception):
    """The mail server could not take the mail now; the job tries again later."""


def email_send(*, email_pk: int) -> None:
    """Send one queued mail and record the mail server's answer."""
    if not CandidateEmail.objects.filter(pk=email_pk, status="queued").update(status="sending"):
        return  # sent, being sent, or given up: never twice
    email = CandidateEmail.objects.select_related("workspace", "interview", "posting").get(
        pk=email_pk
    )
    try:
        mail_send(
            to=email.to,
            subject=email.subject,
            text=email.body,
            workspace=email.workspace,
            link=email.interview.interview_url if email.interview else "",
            unsubscribe=_unsubscribe_url(email),
            language=email.posting.language,
        )
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        _record_refusal(email, code, reason)
        return
    except (smtplib.SMTPException, OSError) as error:
        code = getattr(error, "smtp_code", 0)
        reason = getattr(error, "smtp_error", str(error))
        _record_refusal(email, code, reason)
        return
    _record(email, CandidateEmail.Status.ACCEPTED, "")
    if email.kind == CandidateEmail.Kind.INVITATION and email.interview_id:
        _invited_event(email)


def _record_refusal(email: CandidateEmail, code: int, reason) -> None:
    reason = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
    detail = f"{code} {reason}".strip()[:500]
    if 500 <= code < 600:  # refused for good: retrying would not help
        _record(email, CandidateEmail.Status.BOUNCED, detail)
        return
    CandidateEmail.objects.filter(pk=email.pk).update(status="queued", detail=detail)
    raise TemporaryMailError(detail)


def email_give_up(email_pk: int, *, error: str) -> None:
    CandidateEmail.objects.filter(pk=email_pk, status="queued").update(
        status="failed", detail=error[:500]
    )


def _record(email: CandidateEmail, status: str, detail: str) -> None:
    CandidateEmail.objects.filter(pk=email.pk).update(
        status=status, detail=detail, sent_at=timezone.now()
    )


def _unsubscribe_url(email: CandidateEmail) -> str:
    if email.kind == CandidateEmail.Kind.TEST or email.interview is None:
        return ""
    return f"{email.interview.interview_url}/unsubscribe"


def _invited_event(email: CandidateEmail) -> None:
    interview = email.interview
    event_emit(
        posting=email.posting,
        interview_id=interview.public_id,
        event_type=EventType.CANDIDATE_INVITED,
        data={
            "interview_id": interview.public_id,
            "email": email.to,
            "interview_url": interview.interview_url,
            "invited_at": interview.invited_at.timestamp() if interview.invited_at else None,
            "deadline": interview.deadline_at.timestamp() if interview.deadline_at else None,
        },
    )


def sample_values(posting: Posting) -> dict:
    """The placeholders filled for a made-up candidate: the preview and the test mail."""
    deadline = ""
    if posting.deadline_days:
        with override(posting.language):
            sample = timezone.now() + timedelta(days=posting.deadline_days)
            deadline = date_format(sample, "DATE_FORMAT")
    return {
        "candidate_name": "Alex Sample",
        "company": company_name(posting),
        "role": posting.title,
        "link": f"{settings.PUBLIC_URL}/i/SAMPLE-LINK",
        "deadline": deadline,
    }


def test_email_send(*, posting: Posting, to: str) -> CandidateEmail:
    """The posting's invitation, filled in for a made-up candidate, to a recruiter."""
    subject, body = mail_texts(posting, sample_values(posting))
    email = CandidateEmail.objects.create(
        workspace=posting.workspace,
        posting=posting,
        kind=CandidateEmail.Kind.TEST,
        to=to,
        subject=f"[Test] {subject}"[:300],
        body=body,
    )
    enqueue("candidates.email_send", email.pk)
    return email
