from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from heymilo.accounts.branding import color_check, logo_check
from heymilo.accounts.models import ApiKey, AuditEntry, Membership, Workspace, hash_api_key
from heymilo.errors import Conflict
from heymilo.jobs import enqueue

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


def user_get_or_create(*, email: str, password: str | None = None):
    """The user whose login is `email` (lower-cased); a new one gets `password`, or none usable
    (they choose one through "Forgot your password?")."""
    from django.contrib.auth import get_user_model

    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email, password=password)
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def recruiter_create(
    *, email: str, password: str | None, workspace_name: str, role: str = Membership.Role.OWNER
) -> Membership:
    """A user (email is the login) in a workspace, both created when missing."""
    workspace = workspace_get_or_create(name=workspace_name)
    user = user_get_or_create(email=email, password=password)
    membership, _ = Membership.objects.update_or_create(
        workspace=workspace, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_add(*, workspace: Workspace, email: str, role: str, actor: str) -> Membership:
    user = user_get_or_create(email=email)
    membership, _ = Membership.objects.update_or_create(
        workspace=workspace, user=user, defaults={"role": role}
    )
    audit_record(
        workspace=workspace,
        actor=actor,
        action="member_added",
        target=user.email,
        data={"role": role},
    )
    enqueue("accounts.invitation_send", membership.pk)
    return membership


def invitation_send(*, membership: Membership) -> None:
    """Tell a new member where to sign in: a link to choose a password when they have none yet
    (the password-reset token, valid PASSWORD_RESET_TIMEOUT), else the login page."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user, workspace = membership.user, membership.workspace
    if user.has_usable_password():
        link = settings.PUBLIC_URL + reverse("login")
        action = "Sign in with your email and password"
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.PUBLIC_URL + reverse("password_reset_confirm", args=[uid, token])
        days = round(settings.PASSWORD_RESET_TIMEOUT / 86400)
        action = f"Choose your password (the link works for {days} days)"
    body = (
        f"Hello,\n\nYou have been added to the {workspace.name} workspace as "
        f"{membership.get_role_display().lower()}, to review interviews and candidates.\n\n"
        f"{action}:\n{link}\n\nIf you did not expect this, you can ignore this message.\n"
    )
    send_mail(f"You're invited to {workspace.name}", body, None, [user.email])


def _check_not_last_owner(membership: Membership) -> None:
    if membership.role != Membership.Role.OWNER:
        return
    owners = membership.workspace.memberships.filter(role=Membership.Role.OWNER)
    if owners.exclude(pk=membership.pk).count() == 0:
        raise Conflict("last_owner", "A workspace needs at least one owner.")


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, actor: str) -> Membership:
    if role != Membership.Role.OWNER:
        _check_not_last_owner(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        workspace=membership.workspace,
        actor=actor,
        action="member_role_changed",
        target=membership.user.email,
        data={"from": previous, "to": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: str) -> None:
    _check_not_last_owner(membership)
    audit_record(
        workspace=membership.workspace,
        actor=actor,
        action="member_removed",
        target=membership.user.email,
    )
    membership.delete()


@transaction.atomic
def workspace_privacy_update(
    *, workspace: Workspace, retention_days: int | None, contact: str, notice: str, actor: str
) -> Workspace:
    """How long recordings and resumes are kept, and what candidates are told."""
    previous = workspace.retention_days
    workspace.retention_days = retention_days
    workspace.privacy_contact = contact.strip()
    workspace.privacy_notice = notice.strip()
    workspace.save(update_fields=["retention_days", "privacy_contact", "privacy_notice"])
    audit_record(
        workspace=workspace,
        actor=actor,
        action="privacy_settings_changed",
        target=workspace.public_id,
        data={"retention_days": {"from": previous, "to": retention_days}},
    )
    return workspace


BRANDING_FIELDS = (
    "company_name",
    "brand_color",
    "reply_to_email",
    "interviewer_name",
    "interviewer_voice",
)


@transaction.atomic
def workspace_branding_update(
    *, workspace: Workspace, fields: dict, logo: bytes | None, remove_logo: bool, actor: str
) -> Workspace:
    """The company candidates meet: its name, colour (checked for contrast), logo (checked to
    be a real image), where replies go, and a new posting's interviewer."""
    if fields.get("brand_color"):
        fields["brand_color"] = color_check(fields["brand_color"])
    for name in BRANDING_FIELDS:
        setattr(workspace, name, (fields.get(name) or "").strip())
    if remove_logo and workspace.logo:
        workspace.logo.delete(save=False)
    if logo is not None:
        extension = logo_check(logo)
        old = workspace.logo.name if workspace.logo else None
        workspace.logo.save(f"{workspace.public_id}.{extension}", ContentFile(logo), save=False)
        if old and old != workspace.logo.name:
            workspace.logo.storage.delete(old)
    workspace.save()
    audit_record(
        workspace=workspace,
        actor=actor,
        action="branding_changed",
        target=workspace.public_id,
        data={name: getattr(workspace, name) for name in BRANDING_FIELDS},
    )
    return workspace
