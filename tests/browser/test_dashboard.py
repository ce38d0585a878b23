"""A recruiter in Chromium: log in, build a posting with a two-step workflow, reorder questions
by dragging, ingest candidates by CSV, watch a row update live, open the real report, play the
video and seek from the transcript, shortlist, override the score and export the CSV. A viewer
is refused writes. Every main page passes axe and is kept as a screenshot."""

import csv
import re
import subprocess
from urllib.parse import urlsplit

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Interview
from heymilo.accounts.services import recruiter_create
from interviews.models import Turn
from interviews.resume import resume_skip
from postings.models import Posting
from tests.browser.conftest import axe_check, screenshot
from tests.interviews.conftest import Socket

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-dashboard-passphrase"
ANSWER = (
    "At my last job a customer was furious about a late order. I listened, apologised, "
    "offered a 20% discount and followed up the next day; she renewed for a year."
)
CSV_FILE = (
    "name,email,phone_number,source\n"
    "Ann Smith,ann@example.com,+14155550100,referral\n"
    "Bad Row,not-an-email,,\n"
    "Bo Jones,bo@example.com,,job board\n"
)


@pytest.fixture(scope="module")
def webm(tmp_path_factory) -> bytes:
    """Six seconds of real VP8/Opus WebM, as a browser's MediaRecorder would upload."""
    path = tmp_path_factory.mktemp("media") / "interview.webm"
    subprocess.run(
        [
            "ffmpeg", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=duration=6:size=320x240:rate=10",
            "-f", "lavfi", "-i", "sine=d=6",
            "-c:v", "libvpx", "-c:a", "libopus", "-shortest", str(path),
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    return path.read_bytes()


def log_in(page, server, email: str) -> None:
    page.goto(f"{server.url}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/postings")


def finish_over_websocket(server, interview: Interview, webm: bytes) -> None:
    """The candidate side: consent, skip the optional resume, open the room, record, answer
    every question; the recording goes up through the candidate endpoint like room.js sends it."""
    Interview.objects.filter(pk=interview.pk).update(
        consented_at=timezone.now(), answer_mode="text"
    )
    resume_skip(interview=Interview.objects.get(pk=interview.pk))
    with httpx.Client(base_url=server.url, timeout=30) as http:
        room = http.get(f"/i/{interview.public_id}").text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', room).group(1)
        socket = Socket(server, interview.public_id)
        try:
            socket.interviewer_turn(timeout=20)  # the interview has started: recording is on
            response = http.post(
                f"/i/{interview.public_id}/recordings/video?session=s1&seq=0",
                content=webm,
                headers={"X-CSRFToken": csrf, "Content-Type": "video/webm"},
            )
            assert response.status_code == 200, response.text
            answer_until_finished(socket)
        finally:
            socket.close()


def answer_until_finished(socket: Socket) -> None:
    socket.answer(ANSWER)
    while True:
        message = socket.receive(timeout=20)
        if message["type"] == "finished":
            return
        turn = message.get("turn") or {}
        if turn.get("speaker") == "interviewer" and turn["kind"] != "closing":
            socket.answer(ANSWER)


def space_out_turns(interview: Interview) -> None:
    # The socket answers in milliseconds; space the lines like a spoken conversation so that
    # seeking to one is measurable in a six-second recording.
    for turn in interview.turns.all():
        Turn.objects.filter(pk=turn.pk).update(offset=round(turn.seq * 0.4, 2))


def create_posting(page) -> Posting:
    page.get_by_role("link", name="New posting").click()
    page.get_by_label("Job title").fill("Support Specialist")
    page.get_by_label("Job description").fill(
        "Answer customer questions by chat and email, calm upset customers, and log feedback."
    )
    page.get_by_label("Resume step", exact=True).check()
    page.get_by_label("Record video").check()
    axe_check(page)
    screenshot(page, "dashboard-posting-new")
    page.get_by_role("button", name="Create posting").click()
    page.get_by_role("heading", name="Support Specialist").wait_for()
    posting = Posting.objects.get(title="Support Specialist")
    assert [s.type for s in posting.steps.all()] == ["resume", "web_interview"]
    return posting


def voice_ids(page) -> list[str]:
    items = page.locator(".question-list[data-modality=voice] li.question")
    return [items.nth(i).get_attribute("data-id") for i in range(items.count())]


def reorder_by_dragging(page, posting: Posting) -> None:
    # The background job wrote the interview's five questions when the posting was created:
    # generating more adds none past the number the step asks for.
    page.get_by_role("button", name="Generate questions").click()
    page.get_by_text("already has 5 questions").wait_for()
    before = voice_ids(page)
    assert len(before) >= 3
    items = page.locator(".question-list[data-modality=voice] li.question")
    items.nth(0).drag_to(items.nth(2), target_position={"x": 20, "y": 40})
    page.get_by_text("Order saved").wait_for()
    after = voice_ids(page)
    assert after != before and sorted(after) == sorted(before)
    saved = posting.questions.filter(modality="voice").order_by("rank")
    assert [q.public_id for q in saved] == after
    axe_check(page)
    screenshot(page, "dashboard-posting-edit")


def import_csv(page, posting: Posting) -> None:
    page.get_by_role("link", name="Candidates", exact=True).click()
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("CSV file").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": CSV_FILE.encode()}
    )
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("2 of 3 rows are ready").wait_for()
    assert page.locator(".errors-table").get_by_text("not-an-email").count() == 1
    axe_check(page)
    screenshot(page, "dashboard-import-preview")
    page.get_by_role("button", name="Import 2 candidates").click()
    page.wait_for_url(f"**/dashboard/postings/{posting.public_id}/candidates")
    page.get_by_role("link", name="Ann Smith").wait_for()
    assert posting.interviews.count() == 2


def check_player_follows_transcript(page) -> None:
    video = "document.querySelector('#report-video')"
    page.wait_for_function(f"{video}.readyState >= 1 && {video}.duration > 5")
    lines = page.locator("#transcript [data-seek]")
    target = lines.nth(5)
    offset = float(target.get_attribute("data-seek"))
    target.click()
    page.wait_for_function(f"!{video}.paused && {video}.currentTime >= {offset}")
    current = page.locator("#transcript [aria-current=true]")
    current.wait_for()
    assert float(current.get_attribute("data-seek")) >= offset


def decide(page, owner, interview: Interview) -> None:
    page.get_by_label("Note").fill("Calm and specific; invite to a call.")
    page.get_by_role("button", name="Shortlist").click()
    page.get_by_text("is shortlisted").wait_for()
    page.get_by_label("New score (0–100)").fill("77")
    page.get_by_label("Reason").fill("Strong phone screen last week")
    page.get_by_role("button", name="Override score").click()
    page.get_by_text("Score overridden").wait_for()
    assert page.locator("#overall-score").inner_text().startswith("77")
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["shortlisted"] is True and data["score"] == 77.0
    assert data["ai_score"] is not None and data["ai_score"] != 77.0
    assert data["score_override"]["reason"] == "Strong phone screen last week"


def export(page, tmp_path) -> list[dict]:
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    path = tmp_path / "export.csv"
    download_info.value.save_as(path)
    return list(csv.DictReader(path.open()))


def test_a_recruiter_builds_reviews_decides_and_exports(owner, page, asgi_server, webm, tmp_path):
    recruiter_create(email="rita@acme.test", password=PASSWORD, workspace_name=owner.workspace.name)
    page.goto(f"{asgi_server.url}/login/")
    axe_check(page)
    screenshot(page, "dashboard-login")
    log_in(page, asgi_server, "rita@acme.test")

    posting = create_posting(page)
    reorder_by_dragging(page, posting)
    import_csv(page, posting)
    axe_check(page)

    ann = posting.interviews.get(candidate__email="ann@example.com")
    finish_over_websocket(asgi_server, ann, webm)
    row = page.locator(f"#row-{ann.public_id}")
    row.get_by_text("Completed").wait_for(timeout=20_000)  # no reload: the poll swapped it in
    completed_card = page.locator("#summary .stat", has_text="Completed").locator(".stat-value")
    expect(completed_card).to_have_text("1", timeout=10_000)  # and the cards with it
    assert ann.recordings.filter(kind="video").exists()
    space_out_turns(ann)
    screenshot(page, "dashboard-leaderboard")

    row.get_by_role("link", name="Ann Smith").click()
    page.get_by_role("heading", name="Scorecard").wait_for()
    check_player_follows_transcript(page)
    axe_check(page)
    screenshot(page, "dashboard-report")
    decide(page, owner, ann)
    page.goto(f"{asgi_server.url}/dashboard/interviews/{ann.public_id}/print")
    screenshot(page, "dashboard-report-print")

    page.goto(asgi_server.url + urlsplit(posting.review_url).path)  # the API's review_url
    rows = export(page, tmp_path)
    by_email = {r["email"]: r for r in rows}
    assert set(by_email) == {"ann@example.com", "bo@example.com"}
    assert by_email["ann@example.com"]["score"] == "77"
    assert by_email["ann@example.com"]["shortlisted"] == "yes"

    page.goto(f"{asgi_server.url}/dashboard/settings/api-keys")
    page.get_by_role("button", name="Create key").click()
    page.locator("#raw-key").wait_for()
    axe_check(page)
    screenshot(page, "dashboard-settings-api-keys")


def test_a_viewer_sees_everything_and_changes_nothing(owner, page, asgi_server):
    from candidates.services.ingest import candidate_ingest
    from tests.factories import make_posting

    posting = make_posting(owner.workspace, "customer-service")
    interview = candidate_ingest(posting=posting, row={"name": "Bo", "email": "bo@x.com"}).interview
    recruiter_create(
        email="vic@acme.test", password=PASSWORD, workspace_name=owner.workspace.name,
        role="viewer",
    )  # fmt: skip
    log_in(page, asgi_server, "vic@acme.test")
    page.get_by_text("You are a viewer").wait_for()
    assert page.get_by_role("link", name="New posting").count() == 0
    page.goto(f"{asgi_server.url}/dashboard/postings/{posting.public_id}/candidates")
    assert page.get_by_role("button", name="Shortlist").count() == 0
    axe_check(page)
    page.goto(f"{asgi_server.url}/dashboard/interviews/{interview.public_id}")
    assert page.get_by_role("button", name="Override score").count() == 0
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(
        f"{asgi_server.url}/dashboard/interviews/{interview.public_id}/decision",
        form={"decision": "shortlist", "note": "sneaky", "csrfmiddlewaretoken": token},
    )
    assert response.status == 403
    assert "Viewers can look but not change anything" in response.text()
    interview.refresh_from_db()
    assert not interview.shortlisted
    screenshot(page, "dashboard-viewer-report")
