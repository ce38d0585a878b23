"""The candidate's pages. The interview id in the URL is the candidate's credential."""

import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import Interview
from candidates.services.invitations import reminders_stop
from heymilo.ai.phrases import phrase
from heymilo.errors import DomainError
from heymilo.i18n import in_language_of
from interviews import recordings, resume
from interviews.models import Turn
from interviews.services import interview_consent as consent_record
from interviews.stage import CLOSED, Stage, interview_stage
from interviews.voice import speech_cache
from postings.ai_context import overview_sections as overviews
from postings.models import Posting, WorkflowStep

SESSION_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# HTTP statuses of refused recording chunks; other refusals are 409 Conflict.
CHUNK_REFUSALS = {"empty_chunk": 400, "not_media": 400}
UNKNOWN_LINK = (_("This link is not valid"), _("Please check the link you were sent."))


def posting_of(interview_id: str, **url) -> Posting | None:
    return Posting.objects.filter(interviews__public_id=interview_id).only("language").first()


in_posting_language = in_language_of(posting_of)


def find_interview(interview_id: str) -> Interview | None:
    return (
        Interview.objects.select_related("posting__workspace", "candidate")
        .prefetch_related("posting__steps")
        .filter(public_id=interview_id)
        .first()
    )


def message_page(request, title_and_text: tuple[str, str], status: int = 200, posting=None):
    title, text = title_and_text
    context = {"title": title, "text": text, "posting": posting}
    return render(request, "interview/message.html", context, status=status)


def steps_of(interview: Interview) -> dict[str, WorkflowStep]:
    return {step.type: step for step in interview.posting.steps.all()}


@require_GET
@never_cache  # a deadline extended, a step done: the next visit must see it at once
@in_posting_language
def interview_page(request, interview_id: str):
    """The screen of the candidate's stage: welcome, resume, room, or why it is closed."""
    interview = find_interview(interview_id)
    if interview is None:
        return message_page(request, UNKNOWN_LINK, status=404)
    posting = interview.posting
    stage = interview_stage(interview)
    if interview.opened_at is None:
        Interview.objects.filter(pk=interview.pk, opened_at__isnull=True).update(
            opened_at=timezone.now(), updated_at=timezone.now()
        )
    if stage == Stage.FINISHED:
        if posting.redirect_url:
            return redirect(posting.redirect_url)
        return render(request, "interview/done.html", {"interview": interview})
    steps = steps_of(interview)
    context = {"interview": interview, "posting": posting, "steps": steps}
    if stage == Stage.WELCOME:
        context["overviews"] = overviews(posting)
        return render(request, "interview/welcome.html", context)
    if stage == Stage.RESUME:
        context["optional"] = steps[WorkflowStep.Type.RESUME].is_optional
        return render(request, "interview/resume.html", context)
    if stage != Stage.ROOM:
        return message_page(request, CLOSED[stage], posting=posting)
    web = steps[WorkflowStep.Type.WEB_INTERVIEW]
    context["video"] = bool(web.config.get("video"))
    return render(request, "interview/room.html", context)


@require_POST
@in_posting_language
def interview_consent(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    if request.POST.get("consent") != "yes":
        context = {
            "interview": interview,
            "posting": interview.posting,
            "overviews": overviews(interview.posting),
            "error": _("Please agree to the recording to continue."),
        }
        return render(request, "interview/welcome.html", context, status=400)
    mode = request.POST.get("mode")
    if mode not in Interview.AnswerMode.values:
        mode = Interview.AnswerMode.VOICE
    consent_record(interview=interview, answer_mode=mode)
    return redirect("interview-page", interview_id=interview_id)


def _json_error(error: DomainError, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": {"code": error.code, "message": error.message}}, status=status)


@require_POST
@in_posting_language
def resume_upload(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    upload = request.FILES.get("resume")
    if upload is None:
        return JsonResponse(
            {"error": {"code": "no_file", "message": _("Choose a file to upload.")}}, status=400
        )
    if upload.size > settings.RESUME_MAX_BYTES:
        return JsonResponse(
            {"error": {"code": "file_too_large", "message": _("Resumes are limited to 10 MB.")}},
            status=413,
        )
    try:
        result = resume.resume_submit(interview=interview, data=upload.read(), filename=upload.name)
    except DomainError as error:
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
@in_posting_language
def resume_skip(request, interview_id: str):
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    try:
        resume.resume_skip(interview=interview)
    except DomainError as error:
        return _json_error(error, status=403 if error.code == "resume_required" else 400)
    return redirect("interview-page", interview_id=interview_id)


@require_POST
@in_posting_language
def recording_chunk(request, interview_id: str, kind: str):
    interview = find_interview(interview_id)
    if interview is None or kind not in ("video", "audio"):
        raise Http404
    session = request.GET.get("session", "")
    seq = request.GET.get("seq", "")
    if not SESSION_PATTERN.match(session) or not seq.isdigit() or int(seq) > 100_000:
        return JsonResponse(
            {"error": {"code": "bad_chunk", "message": "session and seq are required."}},
            status=400,
        )
    # Larger bodies never get here: heymilo.middleware.BodyLimit answers them 413.
    try:
        created = recordings.chunk_store(
            interview=interview, kind=kind, session=session, seq=int(seq), data=request.body
        )
    except DomainError as error:
        return _json_error(error, status=CHUNK_REFUSALS.get(error.code, 409))
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
        audio = speech_cache().synthesize(turn.text, language=posting.language)
        if audio is None:
            raise Http404("Text-to-speech is not available on this server.")
        # Two requests racing here each save a copy under their own name; both are valid.
        name = default_storage.save(name, ContentFile(audio))
    with default_storage.open(name, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="audio/wav")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@require_GET
def voice_check(request, interview_id: str):
    """The device check's test phrase, in the interviewer's voice (WAV)."""
    interview = find_interview(interview_id)
    if interview is None:
        raise Http404
    posting = interview.posting
    text = phrase(posting.language, "voice_check", interviewer=posting.interviewer_name)
    audio = speech_cache().synthesize(text, language=posting.language)
    if audio is None:
        raise Http404("Text-to-speech is not available on this server.")
    response = HttpResponse(audio, content_type="audio/wav")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@csrf_exempt  # mail clients' one-click unsubscribe posts without a token; the link is the key
@require_http_methods(["GET", "POST"])
@in_posting_language
def unsubscribe(request, interview_id: str):
    """No more reminders for this interview (the List-Unsubscribe link of its mails)."""
    interview = find_interview(interview_id)
    if interview is None:
        return message_page(request, UNKNOWN_LINK, status=404)
    context = {"interview": interview, "posting": interview.posting}
    if request.method == "POST":
        reminders_stop(interview=interview)
        context["done"] = True
    return render(request, "interview/unsubscribe.html", context)
