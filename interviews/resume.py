"""The resume step: check the file by its content, read it safely, screen it, apply knockout."""

import hashlib
import subprocess
import sys
import zipfile
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Interview
from heymilo import ai
from heymilo.accounts.services import audit_record
from heymilo.errors import Conflict, Invalid
from heymilo.strings import storable
from interviews.models import ResumeResult
from interviews.scores import interview_score
from interviews.stage import Stage, interview_stage, stage_refusal
from postings.models import Question, WorkflowStep

EXTRACT_MEMORY_BYTES = 512 * 1024 * 1024
EXTRACT_CPU_SECONDS = 15
EXTRACT_TIMEOUT_SECONDS = 20
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}


def sniff(data: bytes) -> str:
    """pdf, docx or txt, judged by the bytes, never by the file name."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    elif data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: legacy .doc or a password-protected .docx
        raise Invalid(
            "unsupported_file", _("Please upload a PDF, a .docx or a text file (not .doc).")
        )
    elif _looks_like_text(data):
        return "txt"
    raise Invalid("unsupported_file", _("Please upload a PDF, a .docx or a plain text file."))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a character cut at the sample's end
    return True


def extract_text(data: bytes, kind: str) -> str:
    """Run the parser in a child with CPU, memory and time limits (see interviews/extract.py)."""
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "interviews.extract",
                kind,
                str(EXTRACT_MEMORY_BYTES),
                str(EXTRACT_CPU_SECONDS),
            ],
            input=data,
            capture_output=True,
            timeout=EXTRACT_TIMEOUT_SECONDS,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Invalid("unreadable_file", _("This file took too long to read.")) from None
    if completed.returncode == 3:
        raise Invalid(
            "encrypted_file", _("This file is password-protected; please upload an unlocked copy.")
        )
    # Parsers can emit U+0000, which PostgreSQL text cannot store.
    text = completed.stdout.decode("utf-8", errors="replace").replace("\x00", "").strip()
    if completed.returncode != 0:
        raise Invalid("unreadable_file", _("We could not read this file."))
    if len(text.split()) < 5:
        raise Invalid(
            "empty_file", _("We found no text in this file. Is it a scanned image? Try a text PDF.")
        )
    return text


def _criteria(interview: Interview, modality: str) -> list[ai.Criterion]:
    questions = interview.posting.questions.filter(modality=modality).order_by("rank")
    return [ai.Criterion(id=q.public_id, text=q.text, weight=q.score_weight) for q in questions]


def resume_step(interview: Interview) -> WorkflowStep:
    """The resume step, when the candidate is at it; else why not."""
    stage = interview_stage(interview)
    step = interview.posting.steps.filter(type=WorkflowStep.Type.RESUME).first()
    if stage == Stage.RESUME:
        return step
    if stage in (Stage.ROOM, Stage.NO_INTERVIEW):
        if step is None:
            raise Conflict("no_resume_step", _("This interview has no resume step."))
        raise Conflict("resume_done", _("The resume step is already done."))
    raise stage_refusal(stage)


def resume_submit(*, interview: Interview, data: bytes, filename: str) -> ResumeResult:
    step = resume_step(interview)
    if len(data) > settings.RESUME_MAX_BYTES:
        raise Invalid("file_too_large", _("Resumes are limited to 10 MB."))
    if not data:
        raise Invalid("empty_file", _("The file is empty."))
    kind = sniff(data)
    text = extract_text(data, kind)
    screen = ai.get_engine().screen_resume(
        resume_text=text,
        eligibility=_criteria(interview, Question.Modality.RESUME_ELIGIBILITY),
        scoring=_criteria(interview, Question.Modality.RESUME_SCORING),
    )
    return _store(interview, step, data, filename, kind, text, screen)


@transaction.atomic
def _store(interview, step, data, filename, kind, text, screen) -> ResumeResult:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    resume_step(interview)  # a second upload racing this one loses here
    digest = hashlib.sha256(data).hexdigest()[:12]
    result = ResumeResult(
        interview=interview,
        filename=storable(filename)[:255],
        content_type=CONTENT_TYPES[kind],
        size=len(data),
        text=text,
        overall_score=screen.overall_score if screen.scores else None,
        is_eligible=screen.is_eligible,
        eligibility_criteria=[_row(r) for r in screen.eligibility],
        score_criteria=[_row(r) for r in screen.scores],
        provenance=screen.provenance.as_dict(),
    )
    result.file.save(f"{interview.public_id}-{digest}.{kind}", ContentFile(data), save=False)
    result.save()
    knocked_out = _knocked_out(step, result)
    _advance(interview, knocked_out=knocked_out, result=result)
    return result


def _row(row) -> dict:
    data = dict(row.__dict__)
    if "score" in data:
        data["score"] = round(data["score"], 1)
    data["confidence"] = round(data["confidence"], 2)
    return data


def _knocked_out(step: WorkflowStep, result: ResumeResult) -> bool:
    if step.config.get("knockout_enabled", True) and result.is_eligible is False:
        return True
    minimum = step.config.get("min_evaluation_score")
    return (
        minimum is not None and result.overall_score is not None and result.overall_score < minimum
    )


def _advance(interview: Interview, *, knocked_out: bool, result: ResumeResult) -> None:
    status = Interview.StepStatus.KNOCKED_OUT if knocked_out else Interview.StepStatus.COMPLETE
    interview.step_statuses[WorkflowStep.Type.RESUME] = status
    if knocked_out:
        interview.status = Interview.Status.KNOCKED_OUT
    # Until the web interview is scored, the resume's score is the interview's.
    interview.score = interview_score(match=None, resume_overall=result.overall_score)
    interview.updated_at = timezone.now()
    interview.save()
    audit_record(
        workspace=interview.workspace,
        actor=f"engine:{result.provenance['engine']}/{result.provenance['model']}",
        action="resume_knocked_out" if knocked_out else "resume_screened",
        target=interview.public_id,
        data={"overall_score": result.overall_score, "is_eligible": result.is_eligible},
    )


@transaction.atomic
def resume_skip(*, interview: Interview) -> None:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    step = resume_step(interview)
    if not step.is_optional:
        raise Conflict("resume_required", _("This posting requires a resume."))
    interview.step_statuses[WorkflowStep.Type.RESUME] = Interview.StepStatus.SKIPPED
    interview.updated_at = timezone.now()
    interview.save()
