import time

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from candidates.models import Interview
from interviews.models import ResumeResult
from tests.interviews import documents
from tests.interviews.conftest import ready_interview


@pytest.fixture
def interview(owner):
    return ready_interview(owner.workspace, "sales")


def upload(interview, data: bytes, name: str = "resume.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    return client.post(
        f"/i/{interview.public_id}/resume", {"resume": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize(
    "make,name",
    [
        (documents.pdf, "cv.pdf"),
        (documents.docx, "cv.docx"),
        (lambda lines: "\n".join(lines).encode(), "cv.txt"),
    ],
    ids=["pdf", "docx", "txt"],
)
def test_it_reads_and_screens_each_format(owner, interview, make, name):
    response = upload(interview, make(documents.MARCUS), name)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "complete"
    result = ResumeResult.objects.get(interview=interview)
    assert "140% of quota" in result.text
    assert result.is_eligible is True and 1 <= result.overall_score <= 5
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    resume = data["resume"]
    assert [c["criteria_id"] for c in resume["eligibility_criteria"]] == ["rec_001"]
    assert [c["criteria_id"] for c in resume["score_criteria"]] == [
        "rsc_001",
        "rsc_002",
        "rsc_003",
        "rsc_004",
    ]
    assert resume["eligibility_criteria"][0]["passed"] is True
    assert resume["provenance"]["engine"] == "local"
    assert data["workflow"]["steps"][0]["status"] == "complete"
    assert data["score"] == round(result.overall_score * 20, 1)


def test_the_resume_url_is_signed_and_serves_the_file(owner, interview, client):
    upload(interview, documents.pdf(documents.MARCUS))
    url = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]["resume"][
        "resume_url"
    ]
    path = url.split("://", 1)[1].split("/", 1)[1]
    token, filename = path.removeprefix("files/").split("/")
    assert filename.endswith(".pdf")
    response = client.get("/" + path)
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert client.get(f"/files/{token[:-3]}xyz/{filename}").status_code == 404


def test_the_resume_url_expires(owner, interview, client, settings):
    upload(interview, documents.pdf(documents.MARCUS))
    url = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]["resume"][
        "resume_url"
    ]
    settings.SIGNED_URL_TTL = 0
    time.sleep(1.1)
    assert client.get("/" + url.split("/", 3)[3]).status_code == 404


@pytest.mark.parametrize(
    "data,name,code",
    [
        (documents.PNG, "resume.pdf", "unsupported_file"),
        (b"", "resume.pdf", "empty_file"),
        (b"MZ\x90\x00" + b"\x00" * 100, "resume.txt", "unsupported_file"),
        (documents.pdf([" "]), "resume.pdf", "empty_file"),
        (b"%PDF-1.4 garbage that is not a pdf", "resume.pdf", "unreadable_file"),
    ],
    ids=["image-named-pdf", "empty", "binary-named-txt", "no-text", "broken-pdf"],
)
def test_it_refuses_bad_files_by_content_and_stores_nothing(interview, data, name, code):
    response = upload(interview, data, name)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not ResumeResult.objects.filter(interview=interview).exists()
    interview.refresh_from_db()
    assert interview.step_status("resume") == "not_started"


def test_it_refuses_an_encrypted_pdf(interview):
    response = upload(interview, documents.encrypted_pdf(documents.MARCUS))
    assert response.json()["error"]["code"] == "encrypted_file"


def test_it_survives_a_pdf_bomb_within_its_limits(interview):
    started = time.monotonic()
    response = upload(interview, documents.pdf_bomb())
    assert response.status_code == 400
    assert response.json()["error"]["code"] in ("unreadable_file", "empty_file")
    assert time.monotonic() - started < 25


def test_it_refuses_an_oversized_file(interview):
    response = upload(interview, b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert not default_storage.exists(f"resumes/{interview.public_id}")


def test_an_optional_resume_can_be_skipped(owner, interview, client):
    response = client.post(f"/i/{interview.public_id}/resume/skip")
    assert response.status_code == 302
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["workflow"]["steps"][0] == {
        "id": "resume",
        "order": 1,
        "status": "skipped",
        "started": False,
        "completed": False,
    }
    assert data["resume"] is None


def test_a_mandatory_resume_cannot_be_skipped(interview, client):
    interview.posting.steps.filter(type="resume").update(config={"optional": False})
    response = client.post(f"/i/{interview.public_id}/resume/skip")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "resume_required"


def test_an_ineligible_resume_is_knocked_out_politely(interview, client):
    lines = [
        "Jamie Rivera",
        "Barista at Blue Bottle Coffee, 2019-2025.",
        "Latte art champion; opened and closed the store; trained new staff.",
    ]
    response = upload(interview, documents.pdf(lines))
    assert response.json()["is_eligible"] is False
    interview.refresh_from_db()
    assert interview.status == Interview.Status.KNOCKED_OUT
    page = client.get(f"/i/{interview.public_id}")
    assert b"will not be moving forward" in page.content


def test_a_second_upload_is_refused(interview):
    upload(interview, documents.pdf(documents.MARCUS))
    response = upload(interview, documents.pdf(documents.MARCUS))
    assert response.json()["error"]["code"] == "resume_done"


def test_knockout_can_be_disabled_and_a_minimum_score_applies(owner, interview):
    barista = [
        "Jamie Rivera",
        "Barista at Blue Bottle Coffee, 2019-2025.",
        "Latte art champion; opened and closed the store; trained new staff.",
    ]
    interview.posting.steps.filter(type="resume").update(
        config={"optional": True, "knockout_enabled": False}
    )
    assert upload(interview, documents.pdf(barista)).json()["status"] == "complete"
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PENDING  # ineligible, but not knocked out

    strict = ready_interview(owner.workspace, "sales", email="second@example.com")
    strict.posting.steps.filter(type="resume").update(
        config={"optional": True, "knockout_enabled": True, "min_evaluation_score": 4.9}
    )
    response = upload(strict, documents.pdf(documents.MARCUS))
    assert response.json()["status"] == "knocked_out"
    strict.refresh_from_db()
    assert strict.status == Interview.Status.KNOCKED_OUT
    assert strict.resume.overall_score < 4.9
