import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from heymilo.accounts.models import Workspace
from heymilo.ids import new_interview_id
from heymilo.indexes import Index
from postings.models import Posting, WorkflowStep


def new_candidate_id() -> str:
    return "cand_" + secrets.token_hex(8)


class Candidate(models.Model):
    """A person in a workspace; the same email in two postings is one candidate."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="candidates")
    public_id = models.CharField(max_length=24, unique=True, default=new_candidate_id)
    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=200)
    phone_number = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "email"], name="unique_candidate_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Interview(models.Model):
    """One candidate × one posting: the private link, its progress and its scores."""

    class Status(models.TextChoices):
        PENDING = "pending"
        IN_PROGRESS = "in_progress"
        EVALUATING = "evaluating"
        COMPLETED = "completed"
        KNOCKED_OUT = "knocked_out"

    class StepStatus(models.TextChoices):
        NOT_STARTED = "not_started"
        IN_PROGRESS = "in_progress"
        COMPLETE = "complete"
        SKIPPED = "skipped"
        KNOCKED_OUT = "knocked_out"

    class Source(models.TextChoices):
        API = "api"
        INTAKE = "intake"
        APPLY_PAGE = "apply_page"
        DASHBOARD = "dashboard"

    public_id = models.CharField(max_length=16, unique=True, default=new_interview_id)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="interviews")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="interviews")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="interviews")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # {step type: StepStatus}; a missing step is not_started.
    step_statuses = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.API)

    class AnswerMode(models.TextChoices):
        VOICE = "voice"
        TEXT = "text"

    answer_mode = models.CharField(max_length=8, choices=AnswerMode.choices, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    shortlisted = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    # The recruiter's note on the decision (shortlist / dismiss), shown on the report.
    recruiter_note = models.TextField(blank=True)
    # Set when the evaluation job gave up after its retries; cleared by the next success.
    evaluation_error = models.TextField(blank=True)
    # A recruiter's score replaces the AI's in the leaderboard and the API's `score`; the AI's
    # stays in `score` and both are reported. Who and why are also in the audit log.
    score_override = models.FloatField(null=True, blank=True)
    score_override_reason = models.TextField(blank=True)
    score_override_by = models.CharField(max_length=200, blank=True)
    score_override_at = models.DateTimeField(null=True, blank=True)
    # Outreach: when the link was first mailed, first opened, and until when it works (null:
    # no deadline); a candidate who unsubscribed gets no reminders.
    invited_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    deadline_at = models.DateTimeField(null=True, blank=True)
    reminders_stopped = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "candidate"], name="one_interview_per_posting"
            )
        ]
        # A posting's lists read their rows in index order and stop at the page's end: the
        # API's candidate list (by id, by status and id), the leaderboard's sorts (effective
        # score, date) and its "what changed since" poll.
        indexes = [
            models.Index(fields=["posting", "id"], name="interview_posting_id"),
            models.Index(fields=["posting", "status", "id"], name="interview_posting_status"),
            Index(  # NULLS LAST on PostgreSQL; SQLite's descending order has it anyway
                "posting",
                Coalesce("score_override", "score").desc(nulls_last=True),
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="interview_posting_rank",
            ),
            models.Index(fields=["posting", "created_at", "id"], name="interview_posting_date"),
            models.Index(fields=["posting", "updated_at"], name="interview_posting_updated"),
        ]

    def __str__(self) -> str:
        return self.public_id

    @property
    def interview_url(self) -> str:
        return f"{settings.PUBLIC_URL}/i/{self.public_id}"

    @property
    def expired(self) -> bool:
        """The deadline passed before the candidate started: the link shows a closed page."""
        return (
            self.deadline_at is not None
            and self.started_at is None
            and self.deadline_at <= timezone.now()
        )

    @property
    def outreach_status(self) -> str:
        """Where the candidate is, as a recruiter follows them: the furthest step reached."""
        if self.completed_at or self.status == self.Status.KNOCKED_OUT:
            return "completed"
        if self.started_at:
            return "started"
        if self.expired:
            return "expired"
        if self.opened_at:
            return "opened"
        return "invited" if self.invited_at else "not_invited"

    @property
    def effective_score(self) -> float | None:
        """The score recruiters rank by: their override when there is one, else the AI's."""
        return self.score_override if self.score_override is not None else self.score

    def step_status(self, step_type: str) -> str:
        status = self.step_statuses.get(step_type, self.StepStatus.NOT_STARTED)
        # A resume step added once the candidate was interviewing does not apply to them.
        resume = step_type == WorkflowStep.Type.RESUME
        if resume and status == self.StepStatus.NOT_STARTED and self.started_at is not None:
            return self.StepStatus.SKIPPED
        return status

    def workflow_steps(self) -> list[dict]:
        """Per-step progress in workflow order, as `workflow.steps` of the guides."""
        rows = []
        for step in self.posting.steps.all():
            status = self.step_status(step.type)
            rows.append(
                {
                    "id": step.type,
                    "order": step.order,
                    "status": status,
                    "started": status != self.StepStatus.NOT_STARTED
                    and status != self.StepStatus.SKIPPED,
                    "completed": status == self.StepStatus.COMPLETE,
                }
            )
        return rows

    def workflow(self) -> dict:
        steps = self.workflow_steps()
        done = (self.StepStatus.COMPLETE, self.StepStatus.SKIPPED)
        return {"steps": steps, "all_complete": all(step["status"] in done for step in steps)}


def new_ingestion_id() -> str:
    return "ing_" + secrets.token_hex(8)


class Ingestion(models.Model):
    """Candidates sent to be ingested in the background (`…/candidates/async`, `…/bulk/async`,
    the dashboard's CSV import).

    The rows are stored before anyone is answered, so a restart loses nothing: the job, or the
    sweep after a crash, ingests them; results and counts land with the interviews, in one
    transaction. A CSV import is `staged` while the recruiter looks at its preview.
    """

    class Status(models.TextChoices):
        STAGED = "staged"
        QUEUED = "queued"
        COMPLETED = "completed"
        FAILED = "failed"

    public_id = models.CharField(max_length=24, unique=True, default=new_ingestion_id)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="ingestions")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="ingestions")
    rows = models.JSONField(default=list)  # validated: {"row": …} or {"error": …, "email": …}
    results = models.JSONField(default=list)  # one per row, as the synchronous bulk call returns
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    source = models.CharField(
        max_length=16, choices=Interview.Source.choices, default=Interview.Source.API
    )
    invite = models.BooleanField(default=False)  # mail the new candidates their link
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"])]


class CandidateEmail(models.Model):
    """A mail to a candidate (their link, a reminder) or a recruiter's test of the wording, with
    what the mail server said. Kept for the dashboard's log and the delivery status."""

    class Kind(models.TextChoices):
        INVITATION = "invitation"
        REMINDER = "reminder"
        TEST = "test"

    class Status(models.TextChoices):
        QUEUED = "queued"
        SENDING = "sending"
        ACCEPTED = "accepted"  # the mail server took it
        BOUNCED = "bounced"  # the mail server refused the address for good
        FAILED = "failed"  # it could not be sent (the reason says why)

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="emails")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="emails")
    interview = models.ForeignKey(
        Interview, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Reminders are numbered (1, 2): one of each per interview, ever, however often the sweep runs.
    number = models.PositiveSmallIntegerField(default=0)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # The mail log's pages: a workspace's mail, newest first (selectors.mail_log_page).
        indexes = [models.Index(fields=["workspace", "-id"], name="email_workspace_newest")]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "number"],
                condition=models.Q(kind="reminder"),
                name="one_reminder_per_number",
            )
        ]
