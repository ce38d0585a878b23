from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from heymilo.accounts.models import ApiKey, AuditEntry, Workspace, hash_api_key

# Recording every request's use would turn each read into a write; a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def workspace_get_or_create(*, name: str) -> Workspace:
    workspace, _ = Workspace.objects.get_or_create(name=name)
    return workspace


@transaction.atomic
def api_key_create(*, workspace: Workspace, name: str = "API key") -> tuple[ApiKey, str]:
    """Create a key and return it with the raw secret, which is never stored and shown once."""
    raw_key = ApiKey.generate_raw_key()
    api_key = ApiKey.objects.create(
        workspace=workspace, name=name, prefix=raw_key[:10], key_hash=hash_api_key(raw_key)
    )
    return api_key, raw_key


def api_key_revoke(*, api_key: ApiKey) -> None:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])


def api_key_touch(*, api_key: ApiKey) -> None:
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now


def audit_record(*, workspace: Workspace, actor: str, action: str, target: str, data=None) -> None:
    AuditEntry.objects.create(
        workspace=workspace, actor=actor, action=action, target=target, data=data or {}
    )
