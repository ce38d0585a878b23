"""The recruiter's report on one interview: scores and why, the recordings beside the
transcript, and the decisions (shortlist / dismiss with a note, score override with a reason)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from candidates.selectors import interview_get
from candidates.services import review
from heymilo.accounts.access import dashboard_view
from heymilo.accounts.models import AuditEntry
from heymilo.dashboard import reported
from interviews import erasure
from interviews.forms import DecisionForm, OverrideForm
from interviews.selectors import interview_data
from postings.selectors import posting_get

ACTIVITY_SHOWN = 20


def interview_for(request, interview_id: str):
    return interview_get(workspace=request.workspace, interview_id=interview_id)


def step_scores(data: dict) -> list[dict]:
    """Each step's score on 0–100, next to its own scale."""
    rows = []
    if data["resume"] and data["resume"]["overall_score"] is not None:
        overall = data["resume"]["overall_score"]
        rows.append({"label": "Resume", "score": round(overall * 20), "raw": f"{overall:g} / 5"})
    web = data["web_interview"]
    if web and web["match_score"] is not None:
        rows.append({"label": "Web interview", "score": web["match_score"], "raw": "match score"})
    return rows


def same_origin(url: str | None) -> str | None:
    """Our own signed file links as paths, so the players work on whatever host serves the page."""
    if url and url.startswith(f"{settings.PUBLIC_URL}/files/"):
        return url[len(settings.PUBLIC_URL) :]
    return url


def local_links(data: dict) -> dict:
    web, resume = data["web_interview"], data["resume"]
    if web:
        for key in ("video_recording_url", "audio_recording_url"):
            web[key] = same_origin(web[key])
    if resume:
        resume["resume_url"] = same_origin(resume["resume_url"])
    return data


def report_context(request, interview, **extra) -> dict:
    data = local_links(interview_data(interview=interview))
    activity = AuditEntry.objects.filter(
        workspace=request.workspace, target=interview.public_id
    ).order_by("-created_at")[:ACTIVITY_SHOWN]
    return {
        "nav": "postings",
        "interview": interview,
        "posting": interview.posting,
        "data": data,
        "steps": step_scores(data),
        "activity": activity,
        "decision_form": DecisionForm(initial={"note": interview.recruiter_note}),
        "override_form": OverrideForm(),
        **extra,
    }


@dashboard_view
def interview_report(request, interview_id: str):
    interview = interview_for(request, interview_id)
    return render(request, "dashboard/interviews/report.html", report_context(request, interview))


@dashboard_view
def interview_print(request, interview_id: str):
    interview = interview_for(request, interview_id)
    context = report_context(request, interview, printable=True)
    return render(request, "dashboard/interviews/report.html", context)


@require_POST
@dashboard_view
def interview_decide(request, interview_id: str):
    interview = interview_for(request, interview_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        review.interview_decide(
            interview=interview,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            actor=request.access.actor,
        )
        verb = {"shortlist": "shortlisted", "dismiss": "dismissed", "reset": "undecided"}
        messages.success(
            request, f"{interview.candidate.name} is {verb[form.cleaned_data['decision']]}."
        )
    return redirect("interview-report", interview_id=interview.public_id)


@require_POST
@dashboard_view
def interview_override(request, interview_id: str):
    interview = interview_for(request, interview_id)
    actor = request.access.actor
    if request.POST.get("action") == "clear":
        review.interview_score_override_clear(interview=interview, actor=actor)
        messages.success(request, "The AI's score applies again.")
        return redirect("interview-report", interview_id=interview.public_id)
    form = OverrideForm(request.POST)
    if form.is_valid():
        with reported(request, form):
            review.interview_score_override(interview=interview, actor=actor, **form.cleaned_data)
            messages.success(request, "Score overridden; the AI's score is kept alongside.")
            return redirect("interview-report", interview_id=interview.public_id)
    context = report_context(request, interview, override_form=form)
    return render(request, "dashboard/interviews/report.html", context, status=400)


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, minutes = millis // 3_600_000, millis // 60_000 % 60
    return f"{hours:02d}:{minutes:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


@dashboard_view
def interview_captions(request, interview_id: str):
    """WebVTT captions for the recording, from the transcript: each line until the next."""
    interview = interview_for(request, interview_id)
    turns = list(interview.turns.all())
    cues = ["WEBVTT", ""]
    for index, turn in enumerate(turns):
        end = turns[index + 1].offset if index + 1 < len(turns) else turn.offset + 8
        who = interview.posting.interviewer_name if turn.speaker == "interviewer" else "Candidate"
        text = turn.text.replace("-->", "→")
        cues += [f"{vtt_time(turn.offset)} --> {vtt_time(max(end, turn.offset + 0.5))}"]
        cues += [f"<v {who}>{text}", ""]
    return HttpResponse("\n".join(cues), content_type="text/vtt; charset=utf-8")


@require_POST
@dashboard_view
def candidate_erase(request, interview_id: str):
    """A candidate asked to be forgotten: every interview of theirs in the workspace goes."""
    interview = interview_for(request, interview_id)
    candidate, posting = interview.candidate, interview.posting
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm the erasure.")
        return redirect("interview-report", interview_id=interview.public_id)
    count = erasure.candidate_erase(candidate=candidate, actor=request.access.actor)
    messages.success(request, f"Erased {candidate.name}'s data ({count} interviews).")
    return redirect("candidates-leaderboard", posting_id=posting.public_id)


@require_POST
@dashboard_view
def posting_erase(request, posting_id: str):
    posting = posting_get(workspace=request.workspace, posting_id=posting_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm the deletion.")
        return redirect("posting-edit", posting_id=posting.public_id)
    count = erasure.posting_erase(posting=posting, actor=request.access.actor)
    messages.success(request, f"Deleted {posting.title} and erased its {count} interviews.")
    return redirect("postings-list")
