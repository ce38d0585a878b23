"""Erasing candidates' data on request (GDPR art. 17, CCPA) and after the workspace's
retention period.

An erasure takes the interviews with everything that hangs off them (answers, scores, resume,
recordings, the webhook events that carried them, audit lines that may quote the candidate),
the candidate when nothing of theirs is left, and their rows in past ingestions; the files
everywhere are deleted by a job once the rows are gone. What stays is one audit line: who
erased which id, when, with no personal data.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidates.models import Candidate, Ingestion, Interview
from candidates.selectors import posting_cache_forget
from heymilo.accounts.models import AuditEntry, Workspace
from heymilo.accounts.services import audit_record
from heymilo.jobs import enqueue, send
from interviews.models import FileToDelete, Recording, RecordingChunk, ResumeResult
from postings.models import Posting
from webhooks.models import Event

# Interviewer turns spoken by text-to-speech are kept as speech/<interview id>-<seq>*.wav.
SPEECH_FOLDER = "speech"
FILES_PER_JOB = 500


@transaction.atomic
def candidate_erase(*, candidate: Candidate, actor: str) -> int:
    """Erase a person and all their interviews in the workspace; returns how many interviews."""
    workspace, public_id = candidate.workspace, candidate.public_id
    erased = _interviews_erase(candidate.interviews.all())
    _ingestions_scrub(workspace=workspace, email=candidate.email)
    candidate.delete()
    audit_record(
        workspace=workspace,
        actor=actor,
        action="candidate_erased",
        target=public_id,
        data={"interviews": erased},
    )
    return erased


@transaction.atomic
def interview_erase(*, interview: Interview, actor: str) -> None:
    """Erase one interview; its candidate goes too when they have no other."""
    candidate, workspace, public_id = interview.candidate, interview.workspace, interview.public_id
    _interviews_erase(Interview.objects.filter(pk=interview.pk))
    if not candidate.interviews.exists():
        _ingestions_scrub(workspace=workspace, email=candidate.email)
        candidate.delete()
    audit_record(workspace=workspace, actor=actor, action="interview_erased", target=public_id)


@transaction.atomic
def posting_erase(*, posting: Posting, actor: str) -> int:
    """Erase a posting with its steps, questions, webhooks and every interview; candidates
    left with no interview go too. Returns how many interviews."""
    workspace, public_id = posting.workspace, posting.public_id
    candidate_ids = list(posting.interviews.values_list("candidate_id", flat=True))
    erased = _interviews_erase(posting.interviews.all())
    posting.delete()  # steps, questions, webhooks, events, ingestions go with it
    orphans = Candidate.objects.filter(pk__in=candidate_ids, interviews__isnull=True)
    for email in orphans.values_list("email", flat=True):
        _ingestions_scrub(workspace=workspace, email=email)
    orphans.delete()
    audit_record(
        workspace=workspace,
        actor=actor,
        action="posting_erased",
        target=public_id,
        data={"interviews": erased},
    )
    return erased


def _interviews_erase(interviews) -> int:
    rows = list(interviews.values_list("pk", "public_id", "workspace_id", "posting_id"))
    if not rows:
        return 0
    pks = [pk for pk, _, _, _ in rows]
    public_ids = [public_id for _, public_id, _, _ in rows]
    files = _stored_files(pks, public_ids)
    # Deleting its events cancels every delivery still due: no further webhook about them.
    Event.objects.filter(workspace_id=rows[0][2], interview_id__in=public_ids).delete()
    AuditEntry.objects.filter(workspace_id=rows[0][2], target__in=public_ids).delete()
    Interview.objects.filter(pk__in=pks).delete()
    transaction.on_commit(
        lambda: posting_cache_forget(posting_ids=[row[3] for row in rows]), robust=True
    )
    files_delete_later(files)
    return len(pks)


def _stored_files(pks: list[int], public_ids: list[str]) -> list[str]:
    names = [
        *ResumeResult.objects.filter(interview_id__in=pks).values_list("file", flat=True),
        *Recording.objects.filter(interview_id__in=pks).values_list("file", flat=True),
        *RecordingChunk.objects.filter(interview_id__in=pks).values_list("file", flat=True),
        *speech_files(public_ids),
    ]
    return [name for name in names if name]


def speech_files(public_ids: list[str]) -> list[str]:
    if not default_storage.exists(SPEECH_FOLDER):
        return []
    prefixes = tuple(f"{public_id}-" for public_id in public_ids)
    _, files = default_storage.listdir(SPEECH_FOLDER)
    return [f"{SPEECH_FOLDER}/{name}" for name in files if name.startswith(prefixes)]


def files_delete_later(names: list[str]) -> None:
    """Condemn these files in the caller's transaction; a job deletes them once it commits."""
    rows = FileToDelete.objects.bulk_create([FileToDelete(name=name) for name in names])
    _in_jobs([row.pk for row in rows], enqueue)


def files_delete(*, pks: list[int]) -> None:
    deleted = []
    try:
        for pk, name in FileToDelete.objects.filter(pk__in=pks).values_list("pk", "name"):
            default_storage.delete(name)  # a file already gone is no error
            deleted.append(pk)
    finally:  # storage failing midway: what is gone stays done, the rest is retried
        FileToDelete.objects.filter(pk__in=deleted).delete()


def files_requeue_condemned() -> int:
    """The sweep: files still condemned FILES_DELETE_STUCK_AFTER_SECONDS after the erasure
    lost their job (a broker outage, a worker killed, an upgrade, the storage away through
    every retry) and are queued again."""
    before = timezone.now() - timedelta(seconds=settings.FILES_DELETE_STUCK_AFTER_SECONDS)
    pks = list(FileToDelete.objects.filter(created_at__lt=before).values_list("pk", flat=True))
    _in_jobs(pks, send)
    return len(pks)


def _in_jobs(pks: list[int], dispatch) -> None:
    """`interviews.files_delete` jobs of FILES_PER_JOB files, by `enqueue` (after the caller's
    commit) or `send` (now)."""
    for start in range(0, len(pks), FILES_PER_JOB):
        dispatch("interviews.files_delete", pks[start : start + FILES_PER_JOB])


def _ingestions_scrub(*, workspace: Workspace, email: str) -> None:
    """Past ingestions keep each row sent and its result: the erased person's become bare
    error rows, so the counts stay true and nothing names them."""
    mentioned = Ingestion.objects.filter(workspace=workspace).filter(
        Q(rows__icontains=f'"{email}"') | Q(results__icontains=f'"{email}"')
    )
    for ingestion in mentioned:
        ingestion.rows = [_scrubbed_row(item, email) for item in ingestion.rows]
        ingestion.results = [_scrubbed_result(item, email) for item in ingestion.results]
        ingestion.save(update_fields=["rows", "results"])


ERASED = {"code": "erased", "message": "Erased on request.", "param": None, "errors": []}


def _scrubbed_row(item: dict, email: str) -> dict:
    row_email = (item.get("row") or {}).get("email") or item.get("email")
    return {"error": ERASED, "email": None} if row_email == email else item


def _scrubbed_result(item: dict, email: str) -> dict:
    if item.get("email") != email:
        return item
    return {**item, "email": None, "interview_id": None, "interview_url": None}


def retention_apply(*, limit: int = 100) -> int:
    """Delete the recordings and resume files of interviews finished longer ago than their
    workspace keeps them (scores and transcripts stay); returns how many interviews."""
    now = timezone.now()
    due = Q()
    for workspace in Workspace.objects.filter(retention_days__isnull=False):
        kept_since = now - timedelta(days=workspace.retention_days)
        due |= Q(workspace=workspace, finished__lt=kept_since)
    if not due:
        return 0
    finished = Interview.objects.filter(
        status__in=(Interview.Status.COMPLETED, Interview.Status.KNOCKED_OUT)
    ).annotate(finished=Coalesce("completed_at", "updated_at"))
    has_resume = Q(resume__isnull=False) & ~Q(resume__file="")
    has_media = Q(recordings__isnull=False) | Q(chunks__isnull=False) | has_resume
    interviews = list(finished.filter(due).filter(has_media).distinct()[:limit])
    for interview in interviews:
        _media_erase(interview)
    return len(interviews)


@transaction.atomic
def _media_erase(interview: Interview) -> None:
    files = _stored_files([interview.pk], [interview.public_id])
    interview.recordings.all().delete()
    interview.chunks.all().delete()
    ResumeResult.objects.filter(interview=interview).update(file="", text="")
    audit_record(
        workspace=interview.workspace,
        actor="system",
        action="retention_applied",
        target=interview.public_id,
        data={"retention_days": interview.workspace.retention_days},
    )
    files_delete_later(files)
