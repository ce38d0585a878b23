"""The recruiter's candidates: the leaderboard (the API's review_url), bulk decisions, CSV
export and ingestion (one at a time or by CSV with a preview)."""

import csv
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from candidates import csv_import, selectors
from candidates.forms import CandidateForm, ImportForm, LeaderboardForm, OutreachForm
from candidates.models import Interview
from candidates.serializers import CandidateIn
from candidates.services import ingest, invitations, review
from candidates.services.ingest import candidate_ingest
from heymilo.accounts.access import dashboard_view
from heymilo.dashboard import back_to, flatten, reported, validate_with
from postings.selectors import posting_get
from postings.serializers import OutreachFields
from postings.services import posting_update as update_posting
from postings.validation import PLACEHOLDERS

PAGE_SIZE = 25
MAIL_PAGE_SIZE = 50
CANDIDATE_FIELDS = ("name", "email", "phone_number")
POLL_SECONDS = 3


def posting_for(request, posting_id: str):
    return posting_get(workspace=request.workspace, posting_id=posting_id, questions=False)


def _leaderboard_form(request, posting, version: str | None = None) -> LeaderboardForm:
    tags = selectors.posting_tags(posting=posting, version=version)
    return LeaderboardForm(request.GET or None, tags=tags)


def _leaderboard_rows(request, posting):
    form = _leaderboard_form(request, posting)
    return form, selectors.leaderboard(posting=posting, filters=form.filters())


@dashboard_view
def leaderboard(request, posting_id: str):
    posting = posting_for(request, posting_id)
    version = selectors.posting_version(posting=posting)  # once: the tags and the summary
    form = _leaderboard_form(request, posting, version)
    summary = summary_context(posting, version)
    page = selectors.leaderboard_page(
        posting=posting,
        filters=form.filters(),
        after=request.GET.get("after"),
        size=PAGE_SIZE,
        total=summary["stats"]["total_candidates"],
    )
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "nav": "postings",
        "posting": posting,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        **summary,
        "candidate_form": CandidateForm(),
        "import_form": ImportForm(),
        "poll_seconds": POLL_SECONDS,
        "now": timezone.now().timestamp(),
    }
    return render(request, "dashboard/candidates/leaderboard.html", context)


def summary_context(posting, version: str | None = None) -> dict:
    stats, histogram = selectors.posting_summary(posting=posting, version=version)
    return {"stats": stats, "histogram": histogram}


@dashboard_view
def leaderboard_updates(request, posting_id: str):
    """Rows of the page that changed since `since` (unix seconds), rendered, for live updates."""
    posting = posting_for(request, posting_id)
    ids = [i for i in request.GET.get("ids", "").split(",") if i][:100]
    try:
        since = datetime.fromtimestamp(float(request.GET.get("since", "0")), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return JsonResponse({"error": {"message": "since must be unix seconds."}}, status=400)
    now = timezone.now()
    changed = selectors.interviews_changed(posting=posting, public_ids=ids, since=since)
    rows = {
        interview.public_id: render_to_string(
            "dashboard/candidates/_row.html", {"i": interview, "posting": posting}, request
        )
        for interview in changed
    }
    body = {"rows": rows, "now": now.timestamp()}
    if selectors.posting_changed_since(posting=posting, since=since):
        # New candidates or new scores anywhere in the posting: the cards and histogram too.
        body["summary"] = render_to_string(
            "dashboard/candidates/_summary.html", summary_context(posting), request
        )
    return JsonResponse(body)


@require_POST
@dashboard_view
def bulk_decide(request, posting_id: str):
    posting = posting_for(request, posting_id)
    decision = request.POST.get("decision")
    ids = request.POST.getlist("ids")
    back = back_to(request, reverse("candidates-leaderboard", args=[posting.public_id]))
    if decision not in review.DECISIONS or not ids:
        messages.error(request, "Select candidates, then choose Shortlist or Dismiss.")
        return redirect(back)
    count = review.interviews_decide_bulk(
        posting=posting, interview_ids=ids, decision=decision, actor=request.access.actor
    )
    verb = {"shortlist": "shortlisted", "dismiss": "dismissed", "reset": "reset"}[decision]
    messages.success(request, f"{count} candidate{'s' if count != 1 else ''} {verb}.")
    return redirect(back)


EXPORT_COLUMNS = [
    "interview_id",
    "name",
    "email",
    "phone_number",
    "status",
    "interview_url",
    "invitation_status",
    "invited_at",
    "deadline",
    "score",
    "ai_score",
    "score_override",
    "shortlisted",
    "dismissed",
    "tags",
    "interviewed_at",
    "report_url",
]


@dashboard_view
def export_csv(request, posting_id: str):
    """The rows the leaderboard shows with the same filters and sort (every page)."""
    posting = posting_for(request, posting_id)
    _, interviews = _leaderboard_rows(request, posting)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="candidates-{posting.public_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for interview in interviews.prefetch_related("results").iterator(chunk_size=500):
        writer.writerow(_export_row(interview))
    return response


def _export_row(interview: Interview) -> list:
    candidate = interview.candidate
    return [
        interview.public_id,
        _safe_cell(candidate.name),
        candidate.email,
        candidate.phone_number,
        interview.status,
        interview.interview_url,
        interview.outreach_status,
        _iso(interview.invited_at),
        _iso(interview.deadline_at),
        _number(interview.effective_score),
        _number(interview.score),
        _number(interview.score_override),
        "yes" if interview.shortlisted else "no",
        "yes" if interview.dismissed else "no",
        _safe_cell(", ".join(selectors.current_tags(interview))),
        _iso(interview.completed_at),
        f"{settings.PUBLIC_URL}{reverse('interview-report', args=[interview.public_id])}",
    ]


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


def _number(value) -> str:
    return "" if value is None else f"{value:g}"


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets; quote it.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@require_POST
@dashboard_view
def candidate_add(request, posting_id: str):
    posting = posting_for(request, posting_id)
    # The API's validation, so the dashboard and the API accept the same candidates.
    row = {k: v for k, v in request.POST.items() if k in CANDIDATE_FIELDS and v}
    serializer = CandidateIn(data=row)
    if not serializer.is_valid():
        messages.error(request, "; ".join(flatten(serializer.errors)))
        return redirect("candidates-leaderboard", posting_id=posting.public_id)
    with reported(request):
        result = candidate_ingest(
            posting=posting,
            row=serializer.validated_data,
            source=Interview.Source.DASHBOARD,
            invite=request.POST.get("invite") == "on",
        )
        verb = "added" if result.created else "was already in this posting"
        invited = " Their interview link is on its way." if result.interview.invited_at else ""
        messages.success(request, f"{result.interview.candidate.name} {verb}.{invited}")
    return redirect("candidates-leaderboard", posting_id=posting.public_id)


@dashboard_view
def import_upload(request, posting_id: str):
    """Upload a CSV and see what would be ingested, with each bad row's errors; the good rows
    wait in a staged ingestion until the recruiter confirms."""
    posting = posting_for(request, posting_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"nav": "postings", "posting": posting, "form": form}
    if request.method == "POST" and form.is_valid():
        with reported(request, form):
            parsed = csv_import.csv_parse(form.cleaned_data["file"].read())
            staged = None
            if parsed.rows:
                staged = ingest.ingestion_create(
                    posting=posting,
                    prepared=[{"row": row} for row in parsed.rows],
                    source=Interview.Source.DASHBOARD,
                    queue=False,
                )
            context.update(parsed=parsed, preview=parsed.rows[:50], ingestion=staged)
    return render(request, "dashboard/candidates/import.html", context)


def _wants_json(request) -> bool:
    return "json" in request.headers.get("Accept", "")


def _posting_ingestion(posting, ingestion_id: str):
    return posting.ingestions.filter(public_id=ingestion_id).first()


@require_POST
@dashboard_view
def import_commit(request, posting_id: str):
    """Queue the staged rows; the page then follows the ingestion (`import_status`)."""
    posting = posting_for(request, posting_id)
    ingestion = _posting_ingestion(posting, request.POST.get("ingestion", ""))
    invite = request.POST.get("invite") == "on"
    if ingestion is None or not ingest.ingestion_queue(ingestion=ingestion, invite=invite):
        return _import_failed(request, posting, "This import expired or was already done.")
    if _wants_json(request):
        return JsonResponse(_ingestion_progress(ingestion))
    count = len(ingestion.rows)
    messages.success(request, f"Importing {count} candidates; they appear here as they are added.")
    return redirect("candidates-leaderboard", posting_id=posting.public_id)


@dashboard_view
def import_status(request, posting_id: str, ingestion_id: str):
    posting = posting_for(request, posting_id)
    ingestion = _posting_ingestion(posting, ingestion_id)
    if ingestion is None:
        return JsonResponse({"error": {"message": "No such import."}}, status=404)
    return JsonResponse(_ingestion_progress(ingestion))


def _ingestion_progress(ingestion) -> dict:
    done = ingestion.status == ingestion.Status.COMPLETED
    return {
        "status": ingestion.status,
        "total": len(ingestion.rows),
        "created": sum(row["status"] == "created" for row in ingestion.results) if done else None,
        "error": ingestion.error or None,
    }


def _import_failed(request, posting, message: str):
    if _wants_json(request):
        return JsonResponse({"error": {"message": message}}, status=409)
    messages.error(request, message)
    return redirect("candidates-leaderboard", posting_id=posting.public_id)


@require_POST
@dashboard_view
def invitation_resend(request, interview_id: str):
    interview = selectors.interview_get(workspace=request.workspace, interview_id=interview_id)
    invitations.invitation_resend(interview=interview)
    messages.success(request, f"The invitation is on its way to {interview.candidate.email}.")
    return redirect("interview-report", interview_id=interview.public_id)


@require_POST
@dashboard_view
def deadline_extend(request, interview_id: str):
    interview = selectors.interview_get(workspace=request.workspace, interview_id=interview_id)
    days = request.POST.get("days", "7")
    days = int(days) if days.isdigit() and 0 < int(days) <= 365 else 7
    interview = invitations.deadline_extend(
        interview=interview, days=days, actor=request.access.actor
    )
    when = interview.deadline_at.strftime("%b %-d")
    messages.success(request, f"{interview.candidate.name} has until {when} to interview.")
    return redirect("interview-report", interview_id=interview.public_id)


@dashboard_view
def outreach(request, posting_id: str):
    """The posting's invitation mail, deadline and reminders, with a preview and a test mail."""
    posting = posting_for(request, posting_id)
    form = OutreachForm(request.POST or None, initial=OutreachForm.initial_from(posting))
    if request.method == "POST" and form.is_valid():
        data = validate_with(form, OutreachFields, form.api_data())
        if data is not None:
            with reported(request, form):
                update_posting(posting=posting, fields={**form.api_data(), **data})
                if request.POST.get("action") == "test":
                    invitations.test_email_send(posting=posting, to=request.user.email)
                    messages.success(
                        request, f"Saved; a test is on its way to {request.user.email}."
                    )
                else:
                    messages.success(request, "Invitation settings saved.")
                return redirect("candidates-outreach", posting_id=posting.public_id)
    subject, body = invitations.mail_texts(posting, invitations.sample_values(posting))
    context = {
        "nav": "postings",
        "posting": posting,
        "form": form,
        "preview": {"subject": subject, "body": body},
        "placeholders": PLACEHOLDERS,
    }
    return render(request, "dashboard/candidates/outreach.html", context)


@dashboard_view
def mail_log(request):
    """What went to candidates, and what the mail servers answered."""
    before = request.GET.get("before", "")
    problems = request.GET.get("show") == "problems"
    page = selectors.mail_log_page(
        workspace=request.workspace,
        problems=problems,
        before=int(before) if before.isdigit() else None,
        size=MAIL_PAGE_SIZE,
    )
    context = {
        "nav": "settings",
        "section": "mail",
        "page": page,
        "problems": problems,
        "paged": before.isdigit(),
    }
    return render(request, "dashboard/settings/mail.html", context)


@dashboard_view
def mail_detail(request, email_id: int):
    email = get_object_or_404(request.workspace.emails, pk=email_id)
    context = {"nav": "settings", "section": "mail", "email": email}
    return render(request, "dashboard/settings/mail_detail.html", context)
