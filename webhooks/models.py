import secrets

from django.db import models
from django.utils import timezone

from heymilo.accounts.models import Workspace
from heymilo.crypto import decrypt, encrypt
from heymilo.ids import new_webhook_id
from postings.models import Posting


def new_event_id() -> str:
    return "evt_" + secrets.token_hex(12)


def new_delivery_id() -> str:
    return "dlv_" + secrets.token_hex(12)


class EventType(models.TextChoices):
    CANDIDATE_INGESTED = "candidate_ingested"
    CANDIDATE_INVITED = "candidate_invited"
    INTERVIEW_STARTED = "interview_started"
    INTERVIEW_COMPLETED = "interview_completed"
    REPORT_AVAILABLE = "report_available"


class Webhook(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="webhooks")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="webhooks")
    public_id = models.CharField(max_length=24, unique=True, default=new_webhook_id)
    url = models.URLField(max_length=2000)
    event_type = models.CharField(max_length=32, choices=EventType.choices)
    secret_encrypted = models.TextField()
    # After a rotation the old secret also signs deliveries until it expires, so receivers
    # can switch without dropping events.
    previous_secret_encrypted = models.TextField(blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    # The first failed attempt since the last success; null while the receiver is healthy.
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    @staticmethod
    def generate_secret() -> str:
        return "whsec_" + secrets.token_urlsafe(32)

    def set_secret(self, raw_secret: str) -> None:
        self.secret_encrypted = encrypt(raw_secret)

    @property
    def secret(self) -> str:
        return decrypt(self.secret_encrypted)

    def signing_secrets(self, *, now=None) -> list[str]:
        """The current secret, then the previous one while its grace period lasts."""
        now = now or timezone.now()
        secrets_ = [self.secret]
        expires = self.previous_secret_expires_at
        if self.previous_secret_encrypted and expires and expires > now:
            secrets_.append(decrypt(self.previous_secret_encrypted))
        return secrets_


class Event(models.Model):
    """Something that happened to an interview, serialised once: every attempt sends `body`."""

    public_id = models.CharField(max_length=32, unique=True, default=new_event_id)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="events")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="events")
    interview_id = models.CharField(max_length=16, blank=True)
    event_type = models.CharField(max_length=32, choices=EventType.choices)
    # Empty for events that happen once per interview; set for those that may repeat
    # (a rescore's report_available) so each occurrence is still emitted only once.
    dedupe_key = models.CharField(max_length=64, blank=True)
    is_test = models.BooleanField(default=False)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event_type", "interview_id", "dedupe_key"], name="one_event_per_key"
            )
        ]


class WebhookDelivery(models.Model):
    """One event on its way to one webhook; retries are scheduled here, not in the broker."""

    class Status(models.TextChoices):
        PENDING = "pending"
        IN_FLIGHT = "in_flight"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    public_id = models.CharField(max_length=32, unique=True, default=new_delivery_id)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempt_count = models.PositiveIntegerField(default=0)
    # Failed attempts since the delivery was created or redelivered: the retry budget.
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event"], name="one_delivery_per_webhook")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["status", "lease_expires_at"], name="delivery_lease"),
        ]


class WebhookDeliveryAttempt(models.Model):
    """The log line of one HTTP attempt, kept for the integrator to debug their endpoint."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    succeeded = models.BooleanField(default=False)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    response_excerpt = models.CharField(max_length=1024, blank=True)
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
