import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from heymilo.ids import new_workspace_id

API_KEY_PREFIX = "hm_"


class Workspace(models.Model):
    public_id = models.CharField(max_length=24, unique=True, default=new_workspace_id)
    name = models.CharField(max_length=200, unique=True)
    # Recordings and resumes of finished interviews are deleted this many days after the end;
    # null keeps them until someone deletes them.
    retention_days = models.PositiveIntegerField(null=True, blank=True)
    # What candidates read before they consent; blank shows the default notice.
    privacy_notice = models.TextField(blank=True)
    # Where candidates write to ask for their data, its deletion, or another process.
    privacy_contact = models.EmailField(blank=True)
    # Branding: the company candidates meet (greetings, pages, mails) instead of the workspace's
    # name, its logo and colour, where candidates' replies go, and a new posting's interviewer.
    company_name = models.CharField(max_length=200, blank=True)
    logo = models.FileField(upload_to="logos/", max_length=300, blank=True)
    brand_color = models.CharField(max_length=7, blank=True)
    reply_to_email = models.EmailField(blank=True)
    interviewer_name = models.CharField(max_length=60, blank=True)
    interviewer_voice = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner"
        RECRUITER = "recruiter"
        VIEWER = "viewer"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RECRUITER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="unique_membership")
        ]


def hash_api_key(raw_key: str) -> str:
    # Keys carry 256 bits of randomness, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKey(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, default="API key")
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def generate_raw_key() -> str:
        return API_KEY_PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEntry(models.Model):
    """Who (a person, a key, the candidate or an AI engine) changed what, and how."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="audit")
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workspace", "target"])]
