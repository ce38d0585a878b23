from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.test import Client

from candidates.models import Interview
from interviews.models import Recording, RecordingChunk
from interviews.recordings import recordings_assemble
from interviews.services import interview_start
from tests.interviews import media
from tests.interviews.conftest import ready_interview


@pytest.fixture
def interview(owner):
    return interview_start(interview=ready_interview(owner.workspace))


EBML = b"\x1a\x45\xdf\xa3"  # how every WebM file starts


def send_chunk(interview, data, *, kind="video", session="s1", seq=0):
    return Client().post(
        f"/i/{interview.public_id}/recordings/{kind}?session={session}&seq={seq}",
        data=data,
        content_type="application/octet-stream",
    )


def chunks_of(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_chunks_are_stored_once_even_when_retransmitted(interview):
    assert send_chunk(interview, EBML + b"abc").json() == {"stored": True, "duplicate": False}
    assert send_chunk(interview, EBML + b"abc").json() == {"stored": True, "duplicate": True}
    assert RecordingChunk.objects.filter(interview=interview).count() == 1


@pytest.mark.parametrize(
    "query,status", [("session=s1", 400), ("seq=1", 400), ("session=../x&seq=1", 400)]
)
def test_bad_chunk_addresses_are_refused(interview, query, status):
    response = Client().post(
        f"/i/{interview.public_id}/recordings/video?{query}",
        data=b"x",
        content_type="application/octet-stream",
    )
    assert response.status_code == status


def test_chunks_are_refused_when_nothing_is_recording(owner):
    interview = ready_interview(owner.workspace)  # not started
    assert send_chunk(interview, EBML + b"abc").status_code == 409


def test_nothing_is_recorded_before_consent(owner):
    interview = interview_start(interview=ready_interview(owner.workspace))
    Interview.objects.filter(pk=interview.pk).update(consented_at=None)
    response = send_chunk(interview, EBML + b"abc")
    assert response.status_code == 409 and response.json()["error"]["code"] == "consent_required"
    assert not interview.chunks.exists()


def test_only_what_the_step_records_is_accepted(owner):
    no_video = {"workflow": [{"type": "web_interview", "config": {"video": False}}]}
    typed = interview_start(interview=ready_interview(owner.workspace, **no_video))
    assert send_chunk(typed, EBML + b"v").status_code == 409  # no camera in this interview
    assert send_chunk(typed, EBML + b"a", kind="audio").status_code == 409  # answers typed
    spoken = ready_interview(owner.workspace, email="v@example.com", **no_video)
    Interview.objects.filter(pk=spoken.pk).update(answer_mode="voice")
    spoken = interview_start(interview=Interview.objects.get(pk=spoken.pk))
    assert send_chunk(spoken, EBML + b"v").status_code == 409
    assert send_chunk(spoken, EBML + b"a", kind="audio").status_code == 200  # a voice interview


def test_a_recording_must_start_with_a_media_header(interview):
    response = send_chunk(interview, b"#!/bin/sh\nrm -rf /")
    assert response.status_code == 400 and response.json()["error"]["code"] == "not_media"
    later = send_chunk(interview, b"more bytes", seq=1)  # no first chunk in this session
    assert later.status_code == 409 and later.json()["error"]["code"] == "unknown_session"
    assert send_chunk(interview, b"....ftypisom", session="safari").status_code == 200  # MP4
    assert send_chunk(interview, b"more bytes", session="safari", seq=1).status_code == 200


def test_an_interview_uploads_no_faster_than_a_camera_records(interview):
    """168 MB in 1.2 s came from one client before: the budget grows with the interview."""
    piece = EBML + b"x" * (8 * 1024 * 1024 - 1024)
    statuses = [send_chunk(interview, piece, seq=seq).status_code for seq in range(6)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 409  # 4 Mbit/s × (0 + 60 s)
    assert interview.chunks.aggregate(total=Sum("size"))["total"] <= 500_000 * 62


def stored(recording, tmp_path) -> Path:
    """The assembled file, copied out of storage so ffprobe can read it."""
    copy = tmp_path / f"stored-{recording.kind}.{recording.file.name.rsplit('.', 1)[-1]}"
    with default_storage.open(recording.file.name, "rb") as handle:
        copy.write_bytes(handle.read())
    return copy


def test_one_session_becomes_an_mp4_of_the_same_length(interview, tmp_path):
    original = media.webm(tmp_path / "in.webm")
    for seq, piece in enumerate(chunks_of(original, 4096)):
        send_chunk(interview, piece, seq=seq)
    [video] = recordings_assemble(interview=interview)
    path = stored(video, tmp_path)
    assert video.content_type == "video/mp4" and video.file.name.endswith(".mp4")
    assert path.read_bytes()[4:8] == b"ftyp"
    assert media.codecs(path) == ["h264", "aac"]
    assert 3.5 <= media.duration_seconds(path) <= 4.5
    assert video.size == path.stat().st_size


def test_the_audio_track_becomes_an_mp3(interview, tmp_path):
    original = media.webm(tmp_path / "in.webm")
    send_chunk(interview, original, kind="audio")
    [audio] = recordings_assemble(interview=interview)
    path = stored(audio, tmp_path)
    assert audio.content_type == "audio/mpeg" and audio.file.name.endswith(".mp3")
    assert media.codecs(path) == ["mp3"]
    assert 3.5 <= media.duration_seconds(path) <= 4.5


def test_two_sessions_are_joined_into_one_playable_file(interview, tmp_path):
    first = media.webm(tmp_path / "a.webm", seconds=3)
    second = media.webm(tmp_path / "b.webm", seconds=2)
    send_chunk(interview, first, session="first")
    send_chunk(interview, second, session="second")
    [video] = recordings_assemble(interview=interview)
    assert 4.5 <= media.duration_seconds(stored(video, tmp_path)) <= 5.5


def test_what_cannot_be_decoded_is_kept_as_recorded(interview):
    send_chunk(interview, EBML + b"not a video at all" * 100)
    [video] = recordings_assemble(interview=interview)
    assert video.content_type == "video/webm" and video.file.name.endswith(".webm")
    with default_storage.open(video.file.name, "rb") as handle:
        assert handle.read() == EBML + b"not a video at all" * 100


def test_without_ffmpeg_the_recording_is_kept_as_the_browser_sent_it(
    interview, tmp_path, monkeypatch
):
    original = media.webm(tmp_path / "in.webm")
    send_chunk(interview, original)
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without ffmpeg
    [video] = recordings_assemble(interview=interview)
    assert video.content_type == "video/webm"
    with default_storage.open(video.file.name, "rb") as handle:
        assert handle.read() == original


def test_recording_urls_are_signed_and_support_range_requests(owner, interview, tmp_path, client):
    original = media.webm(tmp_path / "in.webm")
    send_chunk(interview, original)
    send_chunk(interview, original, kind="audio")
    recordings_assemble(interview=interview)
    Interview.objects.filter(pk=interview.pk).update(status="completed")
    interview.results.create(
        match_score=50,
        provenance={
            "engine": "local",
            "model": "m",
            "prompt_version": "v",
            "created_at": 0.0,
            "fallback_reason": None,
        },
    )
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    url = data["web_interview"]["video_recording_url"]
    assert data["web_interview"]["audio_recording_url"]
    assert url.split("?")[0].endswith(".mp4")
    assert data["web_interview"]["audio_recording_url"].split("?")[0].endswith(".mp3")
    content = stored(Recording.objects.get(interview=interview, kind="video"), tmp_path)
    content = content.read_bytes()
    path = "/" + url.split("/", 3)[3]
    partial = client.get(path, HTTP_RANGE="bytes=10-19")
    assert partial.status_code == 206 and partial["Content-Type"] == "video/mp4"
    assert b"".join(partial.streaming_content) == content[10:20]
    assert partial["Content-Range"] == f"bytes 10-19/{len(content)}"
    assert client.get(path, HTTP_RANGE=f"bytes={len(content) + 5}-").status_code == 416


def test_a_late_chunk_after_the_end_is_kept_and_reassembled(
    interview, tmp_path, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    original = media.webm(tmp_path / "in.webm")
    pieces = chunks_of(original, 8192)
    for seq, piece in enumerate(pieces[:-1]):
        send_chunk(interview, piece, seq=seq)
    Interview.objects.filter(pk=interview.pk).update(
        status="evaluating", completed_at=timezone.now()
    )
    interview.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_chunk(interview, pieces[-1], seq=len(pieces) - 1).status_code == 200
    video = Recording.objects.get(interview=interview, kind="video")
    assert 3.5 <= media.duration_seconds(stored(video, tmp_path)) <= 4.5


@pytest.mark.django_db(transaction=True)
def test_the_asgi_server_streams_recordings_and_serves_ranges(owner, asgi_server, tmp_path):
    import warnings

    import httpx

    from heymilo.files import signed_url

    interview = interview_start(interview=ready_interview(owner.workspace))
    original = media.webm(tmp_path / "in.webm", seconds=6)
    send_chunk(interview, original)
    [video, *_] = recordings_assemble(interview=interview)
    content = stored(video, tmp_path).read_bytes()
    url = signed_url(video.file.name).replace("http://127.0.0.1:8000", asgi_server.url)
    url = asgi_server.url + "/" + url.split("/", 3)[3]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django warns when it must buffer a sync iterator
        whole = httpx.get(url)
        part = httpx.get(url, headers={"Range": "bytes=100-199"})
    assert whole.status_code == 200 and whole.content == content
    assert whole.headers["Content-Length"] == str(len(content))
    assert part.status_code == 206 and part.content == content[100:200]


def test_a_recording_that_never_ends_is_capped(interview, settings):
    settings.RECORDING_MAX_BYTES = 10
    assert send_chunk(interview, EBML + b"12", seq=0).status_code == 200
    response = send_chunk(interview, b"123456", seq=1)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "recording_too_large"


@pytest.fixture
def subscribed(interview):
    """A webhook for report_available, so that the event is recorded."""
    from webhooks.services import webhook_create

    webhook_create(
        posting=interview.posting, url="https://example.com/h", event_type="report_available"
    )
    return interview


def reports(interview) -> list[dict]:
    import json

    from webhooks.models import Event

    events = Event.objects.filter(interview_id=interview.public_id, event_type="report_available")
    return [json.loads(event.body)["data"] for event in events]


def finish_and_score(interview):
    from interviews.evaluation import interview_evaluate
    from interviews.services import interview_finish

    interview_finish(interview=Interview.objects.get(pk=interview.pk))  # jobs not run: no commit
    interview_evaluate(interview=Interview.objects.get(pk=interview.pk))


def test_the_report_waits_for_the_recording_and_carries_it(subscribed, tmp_path):
    send_chunk(subscribed, media.webm(tmp_path / "in.webm"))
    finish_and_score(subscribed)  # the scores are ready before the conversion
    assert reports(subscribed) == []
    recordings_assemble(interview=subscribed)
    [report] = reports(subscribed)
    assert report["status"] == "completed"
    assert report["web_interview"]["video_recording_url"].endswith("-video.mp4")
    recordings_assemble(interview=subscribed)  # a late chunk's re-assembly: no second report
    assert len(reports(subscribed)) == 1


def test_without_a_recording_the_report_goes_out_with_the_scores(subscribed):
    finish_and_score(subscribed)
    [report] = reports(subscribed)
    assert report["web_interview"]["video_recording_url"] is None


def test_a_recording_that_cannot_be_assembled_does_not_hold_the_report_back(subscribed, tmp_path):
    from interviews.tasks import recordings_give_up

    send_chunk(subscribed, media.webm(tmp_path / "in.webm"))
    finish_and_score(subscribed)
    recordings_give_up(subscribed.pk, error="storage unavailable")
    [report] = reports(subscribed)
    assert report["web_interview"]["video_recording_url"] is None


def test_the_sweep_assembles_a_recording_whose_job_was_lost(subscribed, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from heymilo.jobs import sweeps_run

    send_chunk(subscribed, media.webm(tmp_path / "in.webm"))
    finish_and_score(subscribed)
    assert sweeps_run()["interviews.stuck_recordings"] == 0  # a conversion may take a while
    Interview.objects.filter(pk=subscribed.pk).update(
        completed_at=timezone.now() - timedelta(hours=2)
    )
    assert sweeps_run()["interviews.stuck_recordings"] == 1
    assert Recording.objects.filter(interview=subscribed, kind="video").exists()
    assert len(reports(subscribed)) == 1
    assert sweeps_run()["interviews.stuck_recordings"] == 0


def test_chunks_are_deleted_once_converted_whole_and_no_late_one_can_come(subscribed, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from heymilo.jobs import sweeps_run

    original = media.webm(tmp_path / "in.webm")
    for seq, piece in enumerate(chunks_of(original, 4096)):
        send_chunk(subscribed, piece, seq=seq)
    send_chunk(subscribed, b"not webm", kind="audio")  # refused: never stored
    finish_and_score(subscribed)
    recordings_assemble(interview=subscribed)
    files = [chunk.file.name for chunk in subscribed.chunks.all()]
    assert files and sweeps_run()["interviews.converted_chunks"] == 0  # late chunks may come
    Interview.objects.filter(pk=subscribed.pk).update(
        completed_at=timezone.now() - timedelta(hours=2)
    )
    assert sweeps_run()["interviews.converted_chunks"] == len(files)
    assert not subscribed.chunks.exists()
    assert not any(default_storage.exists(name) for name in files)
    assert Recording.objects.get(interview=subscribed, kind="video").content_type == "video/mp4"
