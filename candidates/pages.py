"""The public apply page (a posting's `candidate_url`): apply with a name and an email, then go
to the interview. Knowing someone's email must never open their interview: a known email is
told to check its inbox, where the link is sent."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from candidates.models import Interview
from candidates.serializers import CandidateIn
from candidates.services.ingest import candidate_ingest
from candidates.services.invitations import interview_link_request
from heymilo.accounts.privacy import privacy_notice
from heymilo.errors import Conflict
from heymilo.i18n import in_language_of
from heymilo.ratelimit import fixed_window_hit
from postings.ai_context import company_name, overview_sections
from postings.models import CLOSED_NOTICE, Posting

CHECK_EMAIL = (
    _("Check your email"),
    _(
        "You have already applied for this position. We have sent the link to your interview "
        "to the email address you gave: open it from there to continue where you left off. It "
        "can take a few minutes to arrive; please also look in your spam folder."
    ),
)
FIELDS = ("name", "email", "phone_number")


def message_page(request, title_and_text: tuple[str, str], posting: Posting):
    title, text = title_and_text
    context = {"title": title, "text": text, "posting": posting}
    return render(request, "interview/message.html", context)


def posting_named(posting_id: str, **url) -> Posting | None:
    return Posting.objects.filter(public_id=posting_id).only("language").first()


@in_language_of(posting_named)
def apply_page(request, posting_id: str, slug: str = ""):
    posting = get_object_or_404(Posting.objects.select_related("workspace"), public_id=posting_id)
    if posting.status == Posting.Status.ARCHIVED:
        return message_page(request, CLOSED_NOTICE, posting)
    context = {"posting": posting, "values": {}, "overviews": overview_sections(posting)}
    if request.method != "POST":
        return render(request, "interview/apply.html", context)
    return _apply(request, posting, context)


def _apply(request, posting: Posting, context: dict):
    allowed, _, _ = fixed_window_hit(
        f"apply:{request.META.get('REMOTE_ADDR')}", settings.INTAKE_RATE_LIMIT_PER_MINUTE
    )
    if not allowed:
        context["errors"] = {"form": [_("Too many attempts; please wait a minute.")]}
        return render(request, "interview/apply.html", context, status=429)
    fields = {key: request.POST.get(key, "").strip() for key in FIELDS}
    context["values"] = fields
    serializer = CandidateIn(data={k: v for k, v in fields.items() if v})
    if not serializer.is_valid():
        context["errors"] = serializer.errors
        return render(request, "interview/apply.html", context, status=400)
    try:
        result = candidate_ingest(
            posting=posting,
            row=serializer.validated_data,
            source=Interview.Source.APPLY_PAGE,
            invite=True,  # the link goes to the address too, to come back later
        )
    except Conflict:
        return message_page(request, CLOSED_NOTICE, posting)
    # Only a new applicant is taken to the interview here: knowing an email must never open
    # that person's interview, so a known one is mailed their link again instead.
    if not result.created:
        interview_link_request(interview=result.interview)
        return message_page(request, CHECK_EMAIL, posting)
    return redirect("interview-page", interview_id=result.interview.public_id)


@in_language_of(posting_named)
def privacy_page(request, posting_id: str):
    """What the workspace says about recording, AI evaluation, retention and the alternative
    process (NYC Local Law 144's notice items), linked from every candidate page."""
    posting = get_object_or_404(Posting.objects.select_related("workspace"), public_id=posting_id)
    context = {"posting": posting, "company": company_name(posting)}
    context["notice"] = privacy_notice(
        posting.workspace, company=context["company"], role=posting.title
    )
    return render(request, "interview/privacy.html", context)
