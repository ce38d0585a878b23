"""Mail to workspace members, sent by a job so a slow or failing mail server retries later and
never fails the page that caused it."""

from heymilo.accounts import services
from heymilo.accounts.models import Membership
from heymilo.jobs import job


@job(name="accounts.invitation_send", max_retries=8)
def invitation_send(membership_pk: int) -> None:
    membership = Membership.objects.select_related("user", "workspace").filter(pk=membership_pk)
    membership = membership.first()
    if membership is not None:  # removed before the mail went out: nothing to say
        services.invitation_send(membership=membership)
