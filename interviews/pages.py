"""The candidate's pages. The interview id in the URL is the candidate's credential."""

import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from candidates.invitations import interview_link_request
from candidates.models import Interview
from candidates.services import candidate_ingest
from heymilo.api.errors import Conflict
from heymilo.api.throttling import fixed_window_hit
from heymilo.speech import get_tts
from interviews import recordings, resume
from interviews.models import Turn
from interviews.services import InterviewError, web_interview_blocker
from postings.ai_context import delivered_overviews
from postings.models import Posting, WorkflowStep

SESSION_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MESSAGES = {
    "unknown": ("This link is not valid", "Please check the link you were sent."),
    "knocked_out": (
        "Thank you for applying",
        "We have reviewed your application and will not be moving forward at this time. "
        "We appreciate your interest and wish you the best in your search.",
    ),
    "archived": (
        "This position is closed",
        "This position is no longer accepting interviews. Thank you for your interest.",
    ),
    "check_email": (
        "Check your email",
        "You have already applied for this position. We have sent the link to your interview to "
        "the email address you gave: open it from there to continue where you left off. It can "
        "take a few minutes to arrive; please also look in your spam folder.",
    ),
}


def find_interview(interview_id: str) -> Interview | None:
    return (
        Interview.objects.select_related("posting__workspace", "candidate")
        .prefetch_related("posting__steps")
        .filter(public_id=interview_id)
        .first()
    )


def message_page(request, key: str, status: int = 200):
    title, text = MESSAGES[key]
    return render(request, "interview/message.html", {"title": title, "text": text}, status=status)


OVERVIEW_TITLES = {
    "company": "About the company",
    "job": "About the role",
    "process": "About the process",
}


def overviews(posting: Posting) -> list[dict]:
    """The overviews a candidate reads on the welcome page (the interviewer also says them)."""
    return [
        {"title": OVERVIEW_TITLES[kind], "text": text}
        for kind, text in delivered_overviews(posting)
    ]


def steps_of(interview: Interview) -> dict[str, WorkflowStep]:
    return {step.type: step for step in interview.posting.steps.all()}


@require_GET
def interview_page(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        return message_page(request, "unknown", status=404)
    posting = interview.posting
    if interview.status == Interview.Status.KNOCKED_OUT:
        return message_page(request, "knocked_out")
    if interview.status in (Interview.Status.EVALUATING, Interview.Status.COMPLETED):
        if posting.redirect_url:
            return redirect(posting.redirect_url)
        return render(request, "interview/done.html", {"interview": interview})
    if posting.status == Posting.Status.ARCHIVED and interview.started_at is None:
        return message_page(request, "archived")
    steps = steps_of(interview)
    context = {"interview": interview, "posting": posting, "steps": steps}
    if interview.consented_at is None:
        context["overviews"] = overviews(posting)
        return render(request, "interview/welcome.html", context)
    resume_step = steps.get(WorkflowStep.Type.RESUME)
    if resume_step and interview.step_status(WorkflowStep.Type.RESUME) == "not_started":
        context["optional"] = resume_step.is_optional
        return render(request, "interview/resume.html", context)
    web = steps.get(WorkflowStep.Type.WEB_INTERVIEW)
    context["video"] = bool(web and web.config.get("video"))
    context["blocker"] = web_interview_blocker(interview=interview)
    return render(request, "interview/room.html", context)


@require_POST
def interview_consent(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    if request.POST.get("consent") != "yes":
        context = {
            "interview": interview,
            "posting": interview.posting,
            "overviews": overviews(interview.posting),
            "error": "Please agree to the recording to continue.",
        }
        return render(request, "interview/welcome.html", context, status=400)
    mode = request.POST.get("mode")
    if mode not in Interview.AnswerMode.values:
        mode = Interview.AnswerMode.VOICE
    # Consent is recorded once; the answer mode may be changed by coming back here.
    Interview.objects.filter(pk=interview.pk, consented_at__isnull=True).update(
        consented_at=timezone.now()
    )
    Interview.objects.filter(pk=interview.pk).update(answer_mode=mode)
    return redirect("interview-page", interview_id=interview_id)


def _json_error(error: InterviewError, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": {"code": error.code, "message": error.message}}, status=status)


@require_POST
def resume_upload(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    upload = request.FILES.get("resume")
    if upload is None:
        return _json_error(InterviewError("no_file", "Choose a file to upload."))
    if upload.size > resume.MAX_RESUME_BYTES:
        return _json_error(InterviewError("file_too_large", "Resumes are limited to 10 MB."), 413)
    try:
        result = resume.resume_submit(interview=interview, data=upload.read(), filename=upload.name)
    except InterviewError as error:
        return _json_error(error)
    interview.refresh_from_db()
    return JsonResponse(
        {
            "status": interview.step_status("resume"),
            "is_eligible": result.is_eligible,
            "next": f"/i/{interview_id}",
        }
    )


@require_POST
def resume_skip(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    try:
        resume.resume_skip(interview=interview)
    except InterviewError as error:
        return _json_error(error, status=403 if error.code == "resume_required" else 400)
    return redirect("interview-page", interview_id=interview_id)


@require_POST
def recording_chunk(request, interview_id: str, kind: str):
    interview = find_interview(interview_id)
    if interview is None or kind not in ("video", "audio"):
        raise Http404
    session = request.GET.get("session", "")
    seq = request.GET.get("seq", "")
    if not SESSION_PATTERN.match(session) or not seq.isdigit() or int(seq) > 100_000:
        return _json_error(InterviewError("bad_chunk", "session and seq are required."))
    data = request.body
    if len(data) > recordings.MAX_CHUNK_BYTES:
        return _json_error(InterviewError("chunk_too_large", "Chunks are limited to 8 MB."), 413)
    try:
        created = recordings.chunk_store(
            interview=interview, kind=kind, session=session, seq=int(seq), data=data
        )
    except InterviewError as error:
        return _json_error(error, status=409)
    return JsonResponse({"stored": True, "duplicate": not created})


@require_GET
def interviewer_speech(request, interview_id: str, seq: int):
    """The interviewer's turn spoken (WAV), made once and kept."""
    turn = get_object_or_404(
        Turn.objects.select_related("interview__posting"),
        interview__public_id=interview_id,
        seq=seq,
        speaker=Turn.Speaker.INTERVIEWER,
    )
    name = f"speech/{interview_id}-{seq}.wav"
    if not default_storage.exists(name):
        posting = turn.interview.posting
        audio = get_tts().synthesize(turn.text, language=posting.language)
        if audio is None:
            raise Http404("Text-to-speech is not available on this server.")
        # Two requests racing here each save a copy under their own name; both are valid.
        name = default_storage.save(name, ContentFile(audio))
    with default_storage.open(name, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="audio/wav")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def apply_page(request, posting_id: str, slug: str = ""):
    """The public candidate_url: apply with a name and an email, then go to the interview."""
    posting = get_object_or_404(Posting.objects.select_related("workspace"), public_id=posting_id)
    context = {"posting": posting, "values": {}}
    if posting.status == Posting.Status.ARCHIVED:
        return message_page(request, "archived")
    if request.method != "POST":
        return render(request, "interview/apply.html", context)
    return _apply(request, posting, context)


def _apply(request, posting, context):
    from candidates.serializers import CandidateIn

    allowed, _, _ = fixed_window_hit(
        f"apply:{request.META.get('REMOTE_ADDR')}", settings.INTAKE_RATE_LIMIT_PER_MINUTE
    )
    if not allowed:
        context["errors"] = {"form": ["Too many attempts; please wait a minute."]}
        return render(request, "interview/apply.html", context, status=429)
    fields = {key: request.POST.get(key, "").strip() for key in ("name", "email", "phone_number")}
    context["values"] = fields
    serializer = CandidateIn(data={k: v for k, v in fields.items() if v})
    if not serializer.is_valid():
        context["errors"] = serializer.errors
        return render(request, "interview/apply.html", context, status=400)
    try:
        result = candidate_ingest(
            posting=posting, row=serializer.validated_data, source=Interview.Source.APPLY_PAGE
        )
    except Conflict:
        return message_page(request, "archived")
    # The link goes to the address either way (to come back later); only a new applicant is
    # taken to it here, since knowing an email must never open that person's interview.
    interview_link_request(interview=result.interview)
    if not result.created:
        return message_page(request, "check_email")
    return redirect("interview-page", interview_id=result.interview.public_id)
