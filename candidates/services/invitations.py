"""The candidate's private interview link, mailed to the candidate's own address.

The link is a credential (whoever holds it answers as the candidate), so it only ever travels
to the address on file: a public form that meets an email it already knows says "check your
email" and mails the link there, never hands it to whoever typed the address.
"""

from django.core.mail import send_mail

from candidates.models import Interview
from heymilo.jobs import enqueue
from heymilo.ratelimit import fixed_window_hit
from postings.ai_context import company_name

# Someone typing a stranger's address into the apply page again and again must not flood them.
LINK_MAILS_PER_HOUR = 3


def interview_link_request(*, interview: Interview) -> bool:
    """Queue the link mail for `interview`, unless that address got enough of them this hour.

    Returns whether a mail was queued; the page says "check your email" either way, so the
    answer tells a stranger nothing.
    """
    allowed, _, _ = fixed_window_hit(
        f"interview-link:{interview.pk}", LINK_MAILS_PER_HOUR, window_seconds=3600
    )
    if allowed:
        enqueue("candidates.interview_link_send", interview.pk)
    return allowed


def interview_link_send(*, interview: Interview) -> None:
    posting, candidate = interview.posting, interview.candidate
    company = company_name(posting)
    body = (
        f"Hello {candidate.name},\n\n"
        f"Thank you for applying for {posting.title} at {company}. Your interview is here:\n"
        f"{interview.interview_url}\n\n"
        "The link is personal: it opens your own interview, so please do not share it. You can "
        "use it again to come back where you left off.\n\n"
        "If you did not apply, you can ignore this message.\n"
    )
    send_mail(f"Your interview for {posting.title} at {company}", body, None, [candidate.email])
