import secrets

from django.db import models
from django.utils import timezone

from heymilo.accounts.models import Workspace
from heymilo.crypto import decrypt, encrypt
from heymilo.ids import new_webhook_id
from postings.models import Posting


class EventType(models.TextChoices):
    CANDIDATE_INGESTED = "candidate_ingested"
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
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
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
