from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from heymilo.accounts.models import Workspace
from heymilo.ids import new_ingestion_url_key, new_posting_id


class DeliveryMode(models.TextChoices):
    EXACT = "exact_delivery"
    SUMMARIZED = "summarized_delivery"
    REFERENCE_ONLY = "reference_only"
    SILENT_REFERENCE = "silent_reference"


# What candidates read once a posting is archived: on its apply page and at their interview link.
CLOSED_NOTICE = (
    _("This position is closed"),
    _("This position is no longer accepting interviews. Thank you for your interest."),
)


class Posting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        ACTIVE = "active"
        ARCHIVED = "archived"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="postings")
    public_id = models.CharField(max_length=8, unique=True, default=new_posting_id)
    title = models.CharField(max_length=200)
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=16, default="en")
    interviewer_name = models.CharField(max_length=60, default="Sarah")
    instructions = models.TextField(blank=True)
    company_overview = models.TextField(blank=True)
    job_overview = models.TextField(blank=True)
    interview_process_overview = models.TextField(blank=True)
    company_overview_delivery_mode = models.CharField(
        max_length=24, choices=DeliveryMode.choices, default=DeliveryMode.EXACT
    )
    job_overview_delivery_mode = models.CharField(
        max_length=24, choices=DeliveryMode.choices, default=DeliveryMode.EXACT
    )
    interview_process_overview_delivery_mode = models.CharField(
        max_length=24, choices=DeliveryMode.choices, default=DeliveryMode.EXACT
    )
    redirect_url = models.URLField(max_length=2000, blank=True)
    # Outreach: the invitation mail (blank: the default wording), how many days a candidate has
    # after it (null: no deadline), reminders that many days after it, and whether candidates
    # added over the API are invited unless the call says otherwise.
    invitation_subject = models.CharField(max_length=200, blank=True)
    invitation_body = models.TextField(blank=True)
    deadline_days = models.PositiveSmallIntegerField(null=True, blank=True)
    reminder_days = models.JSONField(default=list, blank=True)
    invite_api_candidates = models.BooleanField(default=False)
    metadata = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    ingestion_url_key = models.CharField(max_length=64, unique=True, default=new_ingestion_url_key)
    # Last number handed out per question-id prefix ("Q", "rec", "rsc"): ids are never reused.
    question_counters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "apply"

    @property
    def candidate_url(self) -> str:
        return f"{settings.PUBLIC_URL}/apply/{self.public_id}/{self.slug}"

    @property
    def review_url(self) -> str:
        return f"{settings.PUBLIC_URL}/dashboard/postings/{self.public_id}/candidates"


class WorkflowStep(models.Model):
    class Type(models.TextChoices):
        RESUME = "resume"
        WEB_INTERVIEW = "web_interview"

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="steps")
    type = models.CharField(max_length=32, choices=Type.choices)
    order = models.PositiveSmallIntegerField()
    config = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "type"], name="one_step_per_type"),
        ]

    @property
    def public_id(self) -> str:
        # One step per type, so the type names the step, as in interview data's workflow.steps.
        return self.type

    @property
    def is_optional(self) -> bool:
        return self.type == self.Type.RESUME and bool(self.config.get("optional"))


class Question(models.Model):
    class Modality(models.TextChoices):
        VOICE = "voice"
        RESUME_ELIGIBILITY = "resume_eligibility"
        RESUME_SCORING = "resume_scoring"

    # Which step holds each modality, and the prefix of its public ids.
    STEP_OF_MODALITY = {
        Modality.VOICE: WorkflowStep.Type.WEB_INTERVIEW,
        Modality.RESUME_ELIGIBILITY: WorkflowStep.Type.RESUME,
        Modality.RESUME_SCORING: WorkflowStep.Type.RESUME,
    }
    ID_PREFIX = {
        Modality.VOICE: "Q",
        Modality.RESUME_ELIGIBILITY: "rec_",
        Modality.RESUME_SCORING: "rsc_",
    }

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="questions")
    step = models.ForeignKey(WorkflowStep, on_delete=models.CASCADE, related_name="questions")
    public_id = models.CharField(max_length=16)
    modality = models.CharField(max_length=32, choices=Modality.choices)
    text = models.TextField()
    evaluation_criteria = models.TextField(blank=True)
    score_of_1 = models.TextField(blank=True)
    score_of_5 = models.TextField(blank=True)
    question_type = models.CharField(max_length=32, default="open-ended")
    score_weight = models.FloatField(default=1.0)
    min_follow_ups = models.PositiveSmallIntegerField(default=0)
    max_follow_ups = models.PositiveSmallIntegerField(default=1)
    not_scored = models.BooleanField(default=False)
    additional_instructions = models.TextField(blank=True)
    rank = models.PositiveIntegerField()
    # Set by the AI engine when it wrote the question; empty for human-written ones.
    generated_by = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["modality", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "public_id"], name="unique_question_id"),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.text[:40]}"
