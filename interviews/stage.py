"""Where a candidate stands in their interview, and so what they see next.

One decision for the candidate's page (which screen), the websocket (may the interview run)
and the resume step (may a resume come in), with one wording of every refusal.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from candidates.models import Interview
from heymilo.errors import Conflict
from postings.models import CLOSED_NOTICE, Posting, WorkflowStep


class Stage(StrEnum):
    WELCOME = "welcome"  # the overviews and the recording consent
    RESUME = "resume"  # the resume step, not done yet
    ROOM = "room"  # the interview itself
    FINISHED = "finished"
    EXPIRED = "expired"  # the deadline passed before the candidate started
    KNOCKED_OUT = "knocked_out"
    ARCHIVED = "archived"  # the posting closed before the candidate started
    NO_INTERVIEW = "no_interview"  # the posting has no interview step


# (title for the page, message for the page and the websocket) of each stage that closes the room.
CLOSED = {
    Stage.KNOCKED_OUT: (
        _("Thank you for applying"),
        _(
            "We have reviewed your application and will not be moving forward at this time. "
            "We appreciate your interest and wish you the best in your search."
        ),
    ),
    Stage.FINISHED: (_("Thank you"), _("This interview is finished. Thank you!")),
    Stage.ARCHIVED: CLOSED_NOTICE,
    Stage.EXPIRED: (
        _("This interview link has expired"),
        _(
            "The time to take this interview has passed. If you would still like to interview, "
            "reply to the email with your link and ask for more time."
        ),
    ),
    Stage.NO_INTERVIEW: (_("Nothing to do here yet"), _("This posting has no interview step.")),
    Stage.WELCOME: (
        _("Please start from your link"),
        _("Please open your interview link and agree to the recording first."),
    ),
    Stage.RESUME: (_("Your resume first"), _("Please upload your resume first.")),
}
# The websocket's error codes for the same refusals (docs/websocket.md).
CODES = {
    Stage.KNOCKED_OUT: "knocked_out",
    Stage.FINISHED: "finished",
    Stage.ARCHIVED: "archived",
    Stage.EXPIRED: "expired",
    Stage.NO_INTERVIEW: "no_interview",
    Stage.WELCOME: "consent_required",
    Stage.RESUME: "resume_required",
}


def interview_stage(interview: Interview) -> Stage:
    if interview.status == Interview.Status.KNOCKED_OUT:
        return Stage.KNOCKED_OUT
    if interview.status in (Interview.Status.EVALUATING, Interview.Status.COMPLETED):
        return Stage.FINISHED
    if interview.posting.status == Posting.Status.ARCHIVED and interview.started_at is None:
        return Stage.ARCHIVED
    if interview.expired:
        return Stage.EXPIRED
    if interview.consented_at is None:
        return Stage.WELCOME
    steps = {step.type for step in interview.posting.steps.all()}
    resume = interview.step_status(WorkflowStep.Type.RESUME)
    if WorkflowStep.Type.RESUME in steps and resume == Interview.StepStatus.NOT_STARTED:
        return Stage.RESUME
    if WorkflowStep.Type.WEB_INTERVIEW not in steps:
        return Stage.NO_INTERVIEW
    return Stage.ROOM


def stage_refusal(stage: Stage) -> Conflict:
    """Why the interview cannot run at this stage, as the error the websocket sends."""
    return Conflict(CODES[stage], CLOSED[stage][1])


def room_require(interview: Interview) -> None:
    """Raise unless the candidate is in the interview room's stage."""
    stage = interview_stage(interview)
    if stage != Stage.ROOM:
        raise stage_refusal(stage)
