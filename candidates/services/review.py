"""The recruiter's decisions on an interview: shortlist, dismiss, override the score.

Each is a stage change or a score change, so each writes an audit entry with who and why.
"""

from django.db import transaction
from django.utils import timezone

from candidates.models import Interview
from heymilo.accounts.services import audit_record
from heymilo.errors import Invalid
from postings.models import Posting

# decision → (shortlisted, dismissed)
DECISIONS = {"shortlist": (True, False), "dismiss": (False, True), "reset": (False, False)}
DECISION_ACTIONS = {
    "shortlist": "interview_shortlisted",
    "dismiss": "interview_dismissed",
    "reset": "interview_decision_reset",
}
MAX_SCORE = 100.0


@transaction.atomic
def interview_decide(
    *, interview: Interview, decision: str, actor: str, note: str | None = None
) -> Interview:
    """Shortlist, dismiss or reset one interview; `note` (when given) replaces the note."""
    shortlisted, dismissed = DECISIONS[decision]
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    previous = {"shortlisted": interview.shortlisted, "dismissed": interview.dismissed}
    interview.shortlisted, interview.dismissed = shortlisted, dismissed
    if note is not None:
        interview.recruiter_note = note.strip()
    interview.updated_at = timezone.now()
    interview.save(update_fields=["shortlisted", "dismissed", "recruiter_note", "updated_at"])
    audit_record(
        workspace=interview.workspace,
        actor=actor,
        action=DECISION_ACTIONS[decision],
        target=interview.public_id,
        data={"from": previous, "note": interview.recruiter_note},
    )
    return interview


@transaction.atomic
def interviews_decide_bulk(
    *, posting: Posting, interview_ids: list[str], decision: str, actor: str
) -> int:
    """The same decision for many of the posting's interviews; returns how many changed."""
    shortlisted, dismissed = DECISIONS[decision]
    interviews = posting.interviews.select_for_update().filter(public_id__in=interview_ids)
    public_ids = list(interviews.values_list("public_id", flat=True))
    posting.interviews.filter(public_id__in=public_ids).update(
        shortlisted=shortlisted, dismissed=dismissed, updated_at=timezone.now()
    )
    for public_id in public_ids:
        audit_record(
            workspace=posting.workspace,
            actor=actor,
            action=DECISION_ACTIONS[decision],
            target=public_id,
            data={"bulk": True},
        )
    return len(public_ids)


@transaction.atomic
def interview_score_override(
    *, interview: Interview, score: float, reason: str, actor: str
) -> Interview:
    """Replace the AI's score with the recruiter's (0–100); the AI's stays alongside."""
    if not 0 <= score <= MAX_SCORE:
        raise Invalid("invalid", f"The score must be between 0 and {MAX_SCORE:g}.", param="score")
    if not reason.strip():
        raise Invalid("invalid", "Say why the score is overridden.", param="reason")
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    previous = interview.score_override
    now = timezone.now()
    interview.score_override = round(score, 1)
    interview.score_override_reason = reason.strip()
    interview.score_override_by = actor
    interview.score_override_at = now
    interview.updated_at = now
    interview.save()
    audit_record(
        workspace=interview.workspace,
        actor=actor,
        action="score_overridden",
        target=interview.public_id,
        data={
            "ai_score": interview.score,
            "from": previous,
            "to": interview.score_override,
            "reason": interview.score_override_reason,
        },
    )
    return interview


@transaction.atomic
def interview_score_override_clear(*, interview: Interview, actor: str) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.score_override is None:
        return interview
    previous = interview.score_override
    interview.score_override = None
    interview.score_override_reason = interview.score_override_by = ""
    interview.score_override_at = None
    interview.updated_at = timezone.now()
    interview.save()
    audit_record(
        workspace=interview.workspace,
        actor=actor,
        action="score_override_cleared",
        target=interview.public_id,
        data={"ai_score": interview.score, "from": previous},
    )
    return interview
