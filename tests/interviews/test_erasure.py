"""A candidate's data erased on request (API and dashboard), a posting with its interviews,
and recordings and resumes past the workspace's retention period."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from candidates.models import Candidate, Ingestion, Interview
from candidates.serializers import rows_prepared
from candidates.services.ingest import candidate_ingest, ingestion_create
from heymilo.accounts.models import AuditEntry
from heymilo.jobs import sweeps_run
from interviews.models import FileToDelete, Recording, RecordingChunk, ResumeResult, Turn
from interviews.resume import resume_submit
from interviews.services import interview_consent
from tests.dashboard.conftest import STRONG, DashboardUser, finished_interview
from tests.factories import make_posting
from webhooks.models import Event, WebhookDelivery
from webhooks.services import webhook_create

RESUME = b"Account executive, six years of B2B SaaS sales. Exceeded quota every year (120%).\n"


@pytest.fixture
def everything(owner, django_capture_on_commit_callbacks):
    """A finished sales interview with a resume, a recording, a spoken turn, webhook events
    still to deliver and audit lines: everything an erasure must take."""
    posting = make_posting(owner.workspace, "sales")
    webhook_create(posting=posting, url="https://example.com/h", event_type="report_available")
    interview = candidate_ingest(posting=posting, row={"name": "Ana Lima", "email": "ana@x.com"})
    interview = interview.interview
    interview_consent(interview=interview, answer_mode="voice")
    interview.refresh_from_db()
    resume_submit(interview=interview, data=RESUME, filename="cv.txt")
    interview = finished_interview(posting, "Ana Lima", "ana@x.com", STRONG)
    recording = Recording(interview=interview, kind="video", content_type="video/mp4", size=3)
    recording.file.save(f"{interview.public_id}-video.mp4", ContentFile(b"mp4"))
    chunk = RecordingChunk(interview=interview, kind="video", session="s", seq=0, size=3)
    chunk.file.save(f"{interview.public_id}/video-s-000000.part", ContentFile(b"abc"))
    seq = interview.turns.filter(speaker="interviewer").first().seq
    default_storage.save(f"speech/{interview.public_id}-{seq}.wav", ContentFile(b"RIFF"))
    return interview


def stored_files(interview) -> list[str]:
    from interviews.erasure import _stored_files

    return _stored_files([interview.pk], [interview.public_id])


def test_erasing_a_candidate_over_the_api_takes_everything_and_every_file(
    owner, outsider, everything, django_capture_on_commit_callbacks
):
    interview, candidate = everything, everything.candidate
    files = stored_files(interview)
    assert len(files) == 4 and all(default_storage.exists(name) for name in files)
    assert Event.objects.filter(interview_id=interview.public_id).exists()
    assert WebhookDelivery.objects.exists()
    path = f"/api/v4/candidates/{candidate.public_id}"
    assert outsider.delete(path).status_code == 404  # another workspace's: not there for them
    assert Interview.objects.filter(pk=interview.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.delete(path)
    assert response.status_code == 200
    assert response.json()["data"] == {
        "object": "candidate",
        "id": candidate.public_id,
        "deleted": True,
        "interviews_deleted": 1,
    }
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    for model in (Interview, Turn, ResumeResult, Recording, RecordingChunk):
        assert not model.objects.filter(**_of(model, interview)).exists(), model
    assert not any(default_storage.exists(name) for name in files)
    assert not FileToDelete.objects.exists()  # nothing left to do
    assert not Event.objects.filter(interview_id=interview.public_id).exists()
    assert not WebhookDelivery.objects.exists()  # nothing more goes out about them
    [line] = AuditEntry.objects.filter(workspace=owner.workspace)
    assert (line.action, line.target, line.actor) == (
        "candidate_erased",
        candidate.public_id,
        f"api_key:{owner.api_key.prefix}",
    )
    assert "ana" not in str(line.data).lower()
    assert owner.get(f"/api/v4/interviews/{interview.public_id}/data").status_code == 404


def test_files_whose_deletion_job_was_lost_are_deleted_by_the_sweep(
    owner, everything, django_capture_on_commit_callbacks, settings
):
    interview = everything
    files = stored_files(interview)
    with django_capture_on_commit_callbacks(execute=False):  # the job's message never arrives
        assert owner.delete(f"/api/v4/interviews/{interview.public_id}").status_code == 200
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert all(default_storage.exists(name) for name in files)  # the message was lost
    assert sorted(FileToDelete.objects.values_list("name", flat=True)) == sorted(files)
    sweeps_run()
    assert all(default_storage.exists(name) for name in files)  # a job may still be on its way
    FileToDelete.objects.update(
        created_at=timezone.now() - timedelta(seconds=settings.FILES_DELETE_STUCK_AFTER_SECONDS + 1)
    )
    sweeps_run()
    assert not any(default_storage.exists(name) for name in files)
    assert not FileToDelete.objects.exists()


def _of(model, interview) -> dict:
    return {"pk": interview.pk} if model is Interview else {"interview_id": interview.pk}


def test_erasing_one_interview_keeps_the_candidates_other_ones(owner):
    first = candidate_ingest(posting=make_posting(owner.workspace), row=ROW).interview
    second = candidate_ingest(posting=make_posting(owner.workspace, "sales"), row=ROW).interview
    assert owner.delete(f"/api/v4/interviews/{first.public_id}").status_code == 200
    assert not Interview.objects.filter(pk=first.pk).exists()
    assert Interview.objects.filter(pk=second.pk).exists()
    assert owner.delete(f"/api/v4/interviews/{second.public_id}").status_code == 200
    assert not Candidate.objects.filter(email=ROW["email"]).exists()  # nothing of theirs left


ROW = {"name": "Bo Jones", "email": "bo@x.com"}


def test_deleting_a_posting_erases_its_interviews_and_the_candidates_left_with_none(owner):
    posting, other = make_posting(owner.workspace), make_posting(owner.workspace, "sales")
    only_here = candidate_ingest(posting=posting, row=ROW).interview
    both = {"name": "Cy", "email": "cy@x.com"}
    candidate_ingest(posting=posting, row=both)
    candidate_ingest(posting=other, row=both)
    response = owner.delete(f"/api/v4/postings/{posting.public_id}")
    assert response.status_code == 200 and response.json()["data"]["interviews_deleted"] == 2
    assert owner.get(f"/api/v4/postings/{posting.public_id}").status_code == 404
    assert not Candidate.objects.filter(pk=only_here.candidate_id).exists()
    assert Candidate.objects.filter(email="cy@x.com").exists()
    assert other.interviews.count() == 1
    assert owner.get(f"/api/v4/postings/{other.public_id}").status_code == 200


def test_past_ingestions_no_longer_name_an_erased_candidate(owner):
    posting = make_posting(owner.workspace)
    rows = rows_prepared([ROW, {"name": "Di", "email": "di@x.com"}])
    ingestion = ingestion_create(posting=posting, prepared=rows)
    from candidates.services.ingest import ingestion_process

    ingestion_process(ingestion_pk=ingestion.pk)
    bo = Candidate.objects.get(email="bo@x.com")
    owner.delete(f"/api/v4/candidates/{bo.public_id}")
    ingestion = Ingestion.objects.get(pk=ingestion.pk)
    assert "bo@x.com" not in str(ingestion.rows) + str(ingestion.results)
    assert "di@x.com" in str(ingestion.results)


def test_a_recruiter_erases_a_candidate_from_the_report_a_viewer_cannot(owner, everything):
    recruiter = DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")
    viewer = DashboardUser(owner.workspace.name, "viewer", "vera@acme.test")
    outsider = DashboardUser("Globex", "owner", "otto@globex.test")
    path = f"/dashboard/interviews/{everything.public_id}/erase"
    page = recruiter.get(f"/dashboard/interviews/{everything.public_id}").content.decode()
    assert "Erase Ana Lima" in page
    assert viewer.post(path, {"confirm": "yes"}).status_code == 403
    assert outsider.post(path, {"confirm": "yes"}).status_code == 404
    assert recruiter.post(path).status_code == 302  # not confirmed: nothing happens
    assert Interview.objects.filter(pk=everything.pk).exists()
    response = recruiter.post(path, {"confirm": "yes"})
    assert response["Location"] == f"/dashboard/postings/{everything.posting.public_id}/candidates"
    assert not Candidate.objects.filter(email="ana@x.com").exists()


def test_a_posting_is_deleted_from_its_page_with_confirmation(owner):
    posting = make_posting(owner.workspace)
    candidate_ingest(posting=posting, row=ROW)
    recruiter = DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")
    path = f"/dashboard/postings/{posting.public_id}/erase"
    assert recruiter.post(path).status_code == 302 and posting.interviews.count() == 1
    assert recruiter.post(path, {"confirm": "yes"})["Location"] == "/dashboard/postings"
    assert not Candidate.objects.filter(email=ROW["email"]).exists()
    assert AuditEntry.objects.get(action="posting_erased").target == posting.public_id


def test_retention_deletes_old_recordings_and_resumes_and_keeps_the_scores(
    owner, everything, django_capture_on_commit_callbacks
):
    files = stored_files(everything)
    owner.workspace.retention_days = 30
    owner.workspace.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps_run()["interviews.retention"] == 0  # finished today
    Interview.objects.filter(pk=everything.pk).update(
        completed_at=timezone.now() - timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps_run()["interviews.retention"] == 1
        assert sweeps_run()["interviews.retention"] == 0  # done once
    assert not any(default_storage.exists(name) for name in files)
    data = owner.get(f"/api/v4/interviews/{everything.public_id}/data").json()["data"]
    assert data["resume"]["resume_url"] is None and data["resume"]["overall_score"] is not None
    assert data["web_interview"]["video_recording_url"] is None
    assert data["web_interview"]["match_score"] is not None and data["web_interview"]["transcript"]


def test_retention_leaves_alone_what_has_nothing_to_delete(owner):
    posting = make_posting(owner.workspace)
    plain = finished_interview(posting, "Bo Jones", "bo@x.com", STRONG)  # typed, no resume
    Interview.objects.filter(pk=plain.pk).update(completed_at=timezone.now() - timedelta(days=9))
    owner.workspace.retention_days = 1
    owner.workspace.save()
    assert sweeps_run()["interviews.retention"] == 0


def test_candidates_read_a_privacy_notice_before_they_consent(owner):
    interview = candidate_ingest(posting=make_posting(owner.workspace), row=ROW).interview
    welcome = Client().get(f"/i/{interview.public_id}").content.decode()
    link = f"/privacy/{interview.posting.public_id}"
    assert link in welcome
    notice = Client().get(link).content.decode()
    for says in ("recorded", "automated employment decision tool", "kept until", "accommodation"):
        assert says in notice
    owner.workspace.retention_days, owner.workspace.privacy_contact = 90, "privacy@acme.test"
    owner.workspace.save()
    notice = Client().get(link).content.decode()
    assert "deleted 90 days after" in notice and "privacy@acme.test" in notice


def test_owners_set_retention_and_the_notice_others_only_read_them(owner):
    path = "/dashboard/settings/privacy"
    body = {"retention_days": "60", "privacy_contact": "dpo@acme.test", "privacy_notice": "Ours."}
    recruiter = DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")
    assert recruiter.get(path).status_code == 200
    assert recruiter.post(path, body).status_code == 403
    boss = DashboardUser(owner.workspace.name, "owner", "olivia@acme.test")
    assert boss.post(path, body).status_code == 302
    owner.workspace.refresh_from_db()
    assert (owner.workspace.retention_days, owner.workspace.privacy_notice) == (60, "Ours.")
    posting = make_posting(owner.workspace)
    assert "Ours." in Client().get(f"/privacy/{posting.public_id}").content.decode()


def test_an_erased_interview_leaves_the_postings_tag_filter_and_figures(
    owner, django_capture_on_commit_callbacks
):
    from candidates.selectors import posting_stats, posting_tags
    from interviews.erasure import interview_erase
    from interviews.models import WebInterviewResult

    posting = make_posting(owner.workspace)
    erased, kept = (
        candidate_ingest(posting=posting, row={"name": name, "email": f"{name}@x.com"}).interview
        for name in ("ana", "bo")
    )
    WebInterviewResult.objects.create(interview=erased, tags=["only-ana"])
    WebInterviewResult.objects.create(interview=kept, tags=["shared"])
    Interview.objects.filter(pk=kept.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    assert posting_tags(posting=posting) == ["only-ana", "shared"]  # now cached
    assert posting_stats(posting=posting)["total_candidates"] == 2  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        interview_erase(interview=erased, actor="rita@acme.test")
    # The posting's last change is still bo's, yet ana is gone at once.
    assert posting_tags(posting=posting) == ["shared"]
    assert posting_stats(posting=posting)["total_candidates"] == 1


def test_a_deletion_queued_by_the_previous_release_still_deletes_its_files(
    db, django_capture_on_commit_callbacks
):
    from interviews.tasks import files_delete

    name = default_storage.save("recordings/old-release.mp4", ContentFile(b"mp4"))
    with django_capture_on_commit_callbacks(execute=True):
        files_delete.delay([name])  # the message as the previous release wrote it: names
    assert not default_storage.exists(name)
    assert not FileToDelete.objects.exists()
