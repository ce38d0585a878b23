"""Recordings arrive in chunks while the interview runs and are assembled when it ends.

Chunks of one recorder session (one page load) concatenate into a valid file in whatever the
browser records (WebM in Chromium and Firefox, MP4 in Safari). When the interview ends, ffmpeg
joins the sessions (a reload, a dropped connection) and converts them to what every player and
integrator can use: MP4 (H.264 + AAC) for video, MP3 for audio. Without ffmpeg, or when the
media cannot be decoded, the longest session is kept as recorded.
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
from heymilo.errors import Conflict, Invalid
from heymilo.jobs import enqueue
from interviews.models import Recording, RecordingChunk
from interviews.report import report_send_if_scored
from postings.models import WorkflowStep

# Chunks still in flight when the interview ends are accepted for a short while.
LATE_CHUNK_GRACE = timedelta(minutes=10)
RECORDED = {"video": ("webm", "video/webm"), "audio": ("webm", "audio/webm")}
# (extension, content type, ffmpeg output options) of the delivered file per kind.
DELIVERED = {
    "video": (
        "mp4",
        "video/mp4",
        # Even dimensions for yuv420p; faststart puts the index first so players can seek at once.
        ["-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-preset", "veryfast",
         "-crf", "28", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k",
         "-movflags", "+faststart"],
    ),
    "audio": ("mp3", "audio/mpeg", ["-vn", "-c:a", "libmp3lame", "-q:a", "5"]),
}  # fmt: skip
DELIVERED_CONTENT_TYPES = [content_type for _, content_type, _ in DELIVERED.values()]
# Seconds per conversion: video converts at ~9x real time on two cores at 640x480
# (bench/recordings.py), so this covers interviews of hours; past it the recorded file is kept.
CONVERT_TIMEOUT = 1500
# Conversions run niced: on a small server, live interviews come before finished ones.
NICE = [nice, "-n", "10"] if (nice := shutil.which("nice")) else []


# What a browser's recorder makes at most, per second, with room to spare: the bytes an
# interview may upload grow with how long it has run, so no one can fill the disk in a second.
BYTES_PER_SECOND = {"video": 500_000, "audio": 32_000}  # 4 Mbit/s, 256 kbit/s
UPLOAD_SLACK_SECONDS = 60
# A recorder session's first chunk carries its container's header: WebM/Matroska (Chromium,
# Firefox) or MP4 (Safari). The chunks after it continue that file.
EBML_MAGIC = b"\x1a\x45\xdf\xa3"


def recorded_kinds(interview: Interview) -> set[str]:
    """What this interview records: camera and microphone when its step says video, the
    microphone alone for a voice interview without video, nothing for a typed one."""
    step = interview.posting.steps.filter(type=WorkflowStep.Type.WEB_INTERVIEW).first()
    if step is not None and step.config.get("video"):
        return {"video", "audio"}
    return {"audio"} if interview.answer_mode == Interview.AnswerMode.VOICE else set()


def _accepts_chunks(interview: Interview) -> bool:
    if interview.status == Interview.Status.IN_PROGRESS:
        return True
    finished = interview.completed_at
    return finished is not None and timezone.now() - finished < LATE_CHUNK_GRACE


def is_media_start(data: bytes) -> bool:
    return data.startswith(EBML_MAGIC) or data[4:8] == b"ftyp"


def upload_budget(interview: Interview, kind: str) -> int:
    """Bytes of `kind` this interview may have uploaded by now."""
    end = interview.completed_at or timezone.now()
    seconds = (end - interview.started_at).total_seconds() if interview.started_at else 0
    allowed = BYTES_PER_SECOND[kind] * (max(seconds, 0) + UPLOAD_SLACK_SECONDS)
    return int(min(allowed, settings.RECORDING_MAX_BYTES))


def _chunk_check(interview: Interview, kind: str, session: str, seq: int, data: bytes) -> None:
    if interview.consented_at is None:
        raise Conflict("consent_required", "Nothing is recorded before the candidate agrees.")
    if kind not in recorded_kinds(interview) or not _accepts_chunks(interview):
        raise Conflict("not_recording", "This interview is not being recorded now.")
    if not data:
        raise Invalid("empty_chunk", "The chunk is empty.")
    chunks = interview.chunks.filter(kind=kind)
    if seq == 0 and not is_media_start(data):
        raise Invalid("not_media", "A recording must start with a WebM or MP4 header.")
    if seq > 0 and not chunks.filter(session=session, seq=0).exists():
        raise Conflict("unknown_session", "Send this recording's first chunk first.")
    stored = chunks.aggregate(total=Sum("size"))["total"] or 0
    if stored + len(data) > upload_budget(interview, kind):
        raise Conflict("recording_too_large", "This interview's recording is full.")


def chunk_store(*, interview: Interview, kind: str, session: str, seq: int, data: bytes) -> bool:
    """Keep one chunk; the same (session, seq) twice is a harmless retransmit. True if new."""
    if RecordingChunk.objects.filter(
        interview=interview, kind=kind, session=session, seq=seq
    ).exists():
        return False
    _chunk_check(interview, kind, session, seq, data)
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
        enqueue("interviews.recordings_assemble", interview.pk)
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


def recording_convert(parts: list[Path], target: Path, kind: str) -> bool:
    """Join recorded sessions in order and convert them to the delivered format of `kind` in one
    ffmpeg run; False when ffmpeg is missing, fails or takes longer than CONVERT_TIMEOUT."""
    options = DELIVERED[kind][2]
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return False
    if len(parts) == 1:
        source = ["-i", str(parts[0])]
    else:
        listing = target.with_suffix(".txt")
        listing.write_text("".join(f"file '{part}'\n" for part in parts))
        source = ["-f", "concat", "-safe", "0", "-i", str(listing)]
    try:
        completed = subprocess.run(
            [*NICE, ffmpeg, "-y", "-nostdin", "-loglevel", "error", *source, *options, str(target)],
            capture_output=True,
            timeout=CONVERT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False
    return completed.returncode == 0 and target.exists() and target.stat().st_size > 0


def _assemble_kind(interview: Interview, kind: str, workdir: Path) -> tuple[Path, str, str] | None:
    """The file to keep for one kind, its extension and content type; None if nothing came."""
    sessions = _sessions(interview, kind)
    if not sessions:
        return None
    parts = []
    for index, chunks in enumerate(sessions):
        part = workdir / f"{kind}-{index}.recorded"
        _concatenate(chunks, part)
        parts.append(part)
    extension, content_type, _ = DELIVERED[kind]
    delivered = workdir / f"{kind}.{extension}"
    if recording_convert(parts, delivered, kind):
        return delivered, extension, content_type
    return max(parts, key=lambda part: part.stat().st_size), *RECORDED[kind]


def recordings_assemble(*, interview: Interview) -> list[Recording]:
    """(Re)build one video and one audio file from the chunks; safe to run again. When the
    scores were ready first, `report_available` goes out now, with the recordings."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in DELIVERED:
            assembled = _assemble_kind(interview, kind, Path(tmp))
            if assembled is not None:
                made.append(_save(interview, kind, *assembled))
    report_send_if_scored(interview_pk=interview.pk)
    return made


def chunks_discard(*, interview: Interview) -> int:
    """Delete the chunks of each kind converted whole (the MP4 or MP3 holds every session), so a
    recording is not stored twice; returns how many. Chunks kept as the only copy (a conversion
    that failed) stay."""
    recorded = interview.recordings.filter(content_type__in=DELIVERED_CONTENT_TYPES)
    delivered = set(recorded.values_list("kind", flat=True))
    chunks = list(interview.chunks.filter(kind__in=delivered))
    for chunk in chunks:
        chunk.file.delete(save=False)
    RecordingChunk.objects.filter(pk__in=[chunk.pk for chunk in chunks]).delete()
    return len(chunks)


def _save(
    interview: Interview, kind: str, path: Path, extension: str, content_type: str
) -> Recording:
    recording = Recording.objects.filter(interview=interview, kind=kind).first()
    recording = recording or Recording(interview=interview, kind=kind)
    old_name = recording.file.name if recording.pk else None
    with path.open("rb") as handle:
        recording.file.save(f"{interview.public_id}-{kind}.{extension}", File(handle), save=False)
    recording.content_type = content_type
    recording.size = path.stat().st_size
    recording.save()
    if old_name and old_name != recording.file.name:
        recording.file.storage.delete(old_name)
    return recording
