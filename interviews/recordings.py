"""Recordings arrive in chunks while the interview runs and are assembled when it ends.

Chunks of one recorder session (one page load) concatenate into a valid WebM file. Several
sessions (a reload, a dropped connection) are joined with ffmpeg when it is installed;
without it the longest session is kept, and the README says so.
"""

import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from candidates.models import Interview
from interviews.models import Recording, RecordingChunk
from interviews.services import InterviewError

MAX_CHUNK_BYTES = 8 * 1024 * 1024
# Chunks still in flight when the interview ends are accepted for a short while.
LATE_CHUNK_GRACE = timedelta(minutes=10)
CONTENT_TYPES = {"video": "video/webm", "audio": "audio/webm"}


def _accepts_chunks(interview: Interview) -> bool:
    if interview.status == Interview.Status.IN_PROGRESS:
        return True
    finished = interview.completed_at
    return finished is not None and timezone.now() - finished < LATE_CHUNK_GRACE


def chunk_store(*, interview: Interview, kind: str, session: str, seq: int, data: bytes) -> bool:
    """Keep one chunk; the same (session, seq) twice is a harmless retransmit. True if new."""
    if not _accepts_chunks(interview):
        raise InterviewError("not_recording", "This interview is not being recorded now.")
    if not data:
        raise InterviewError("empty_chunk", "The chunk is empty.")
    stored = interview.chunks.aggregate(total=Sum("size"))["total"] or 0
    if stored + len(data) > settings.RECORDING_MAX_BYTES:
        raise InterviewError("recording_too_large", "This interview's recording is full.")
    if RecordingChunk.objects.filter(
        interview=interview, kind=kind, session=session, seq=seq
    ).exists():
        return False
    chunk = RecordingChunk(interview=interview, kind=kind, session=session, seq=seq, size=len(data))
    chunk.file.save(
        f"{interview.public_id}/{kind}-{session}-{seq:06d}.part", ContentFile(data), save=False
    )
    try:
        with transaction.atomic():
            chunk.save()
    except IntegrityError:
        chunk.file.delete(save=False)
        return False
    if interview.status != Interview.Status.IN_PROGRESS:
        from interviews.tasks import assemble_recordings

        transaction.on_commit(lambda: assemble_recordings.delay(interview.pk))
    return True


def _sessions(interview: Interview, kind: str) -> list[list[RecordingChunk]]:
    sessions: dict[str, list[RecordingChunk]] = {}
    for chunk in interview.chunks.filter(kind=kind).order_by("created_at", "seq"):
        sessions.setdefault(chunk.session, []).append(chunk)
    return [sorted(chunks, key=lambda c: c.seq) for chunks in sessions.values()]


def _concatenate(chunks: list[RecordingChunk], target: Path) -> None:
    with target.open("wb") as out:
        for chunk in chunks:
            with chunk.file.open("rb") as part:
                shutil.copyfileobj(part, out)


def _join_sessions(parts: list[Path], target: Path) -> bool:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return False
    listing = target.with_suffix(".txt")
    listing.write_text("".join(f"file '{part}'\n" for part in parts))
    completed = subprocess.run(
        [
            ffmpeg,
            "-y",
            "-loglevel",
            "error",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-c",
            "copy",
            str(target),
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )
    return completed.returncode == 0 and target.exists() and target.stat().st_size > 0


def _assemble_kind(interview: Interview, kind: str, workdir: Path) -> Path | None:
    sessions = _sessions(interview, kind)
    if not sessions:
        return None
    parts = []
    for index, chunks in enumerate(sessions):
        part = workdir / f"{kind}-{index}.webm"
        _concatenate(chunks, part)
        parts.append(part)
    if len(parts) == 1:
        return parts[0]
    joined = workdir / f"{kind}-joined.webm"
    if _join_sessions(parts, joined):
        return joined
    return max(parts, key=lambda part: part.stat().st_size)


def recordings_assemble(*, interview: Interview) -> list[Recording]:
    """(Re)build one video and one audio file from the chunks; safe to run again."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in CONTENT_TYPES:
            path = _assemble_kind(interview, kind, Path(tmp))
            if path is not None:
                made.append(_save(interview, kind, path))
    return made


def _save(interview: Interview, kind: str, path: Path) -> Recording:
    recording = Recording.objects.filter(interview=interview, kind=kind).first()
    recording = recording or Recording(interview=interview, kind=kind)
    old_name = recording.file.name if recording.pk else None
    with path.open("rb") as handle:
        recording.file.save(f"{interview.public_id}-{kind}.webm", File(handle), save=False)
    recording.content_type = CONTENT_TYPES[kind]
    recording.size = path.stat().st_size
    recording.save()
    if old_name and old_name != recording.file.name:
        recording.file.storage.delete(old_name)
    return recording
