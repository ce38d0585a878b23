"""Mail to workspace members, sent by a job so a slow or failing mail server retries later and
never fails the page that caused it."""

from heymilo.accounts.models import Membership
from heymilo.jobs import job


@job(name="accounts.send_invitation", max_retries=8)
def send_invitation(membership_pk: int) -> None:
    from heymilo.accounts.services import invitation_send

    membership = Membership.objects.select_related("user", "workspace").filter(pk=membership_pk)
    membership = membership.first()
    if membership is not None:  # removed before the mail went out: nothing to say
        invitation_send(membership=membership)
