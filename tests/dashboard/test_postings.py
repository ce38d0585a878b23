"""Postings in the dashboard: list with stats, create with a workflow, edit steps and
questions, reorder, generate, archive / activate / clone."""

import json

import pytest

from postings.models import Posting
from tests.dashboard.conftest import STRONG, finished_interview

pytestmark = pytest.mark.django_db

NEW_POSTING = {
    "title": "Support Engineer",
    "description": "Help customers with our API and debug their integrations.",
    "interviewer_name": "Sam",
    "language": "en",
    "company_overview_delivery_mode": "exact_delivery",
    "job_overview_delivery_mode": "exact_delivery",
    "interview_process_overview_delivery_mode": "exact_delivery",
    "wf-resume_step": "on",
    "wf-resume_required": "on",
    "wf-knockout_enabled": "on",
    "wf-video": "on",
    "wf-num_questions": "3",
    "wf-interview_type": "technical",
}
QUESTION = {
    "new-modality": "voice",
    "new-text": "Tell me about a bug you tracked down.",
    "new-evaluation_criteria": "A clear method",
    "new-question_type": "open-ended",
    "new-score_weight": "2.5",
    "new-min_follow_ups": "1",
    "new-max_follow_ups": "2",
}


def test_the_list_shows_each_postings_status_and_stats(dash_owner, posting):
    finished_interview(posting, "Priya", "priya@example.com", STRONG)
    page = dash_owner.get("/dashboard/postings").content.decode()
    assert posting.title in page and "active" in page
    row = page[page.index(posting.title) :]
    assert '<td class="num">1</td>' in row


def test_the_list_filters_by_status(dash_owner, posting):
    page = dash_owner.get("/dashboard/postings?status=archived").content.decode()
    assert posting.title not in page


def test_it_creates_a_posting_with_a_two_step_workflow(dash_owner):
    response = dash_owner.post("/dashboard/postings/new", NEW_POSTING)
    posting = Posting.objects.get(title="Support Engineer")
    assert response["Location"] == f"/dashboard/postings/{posting.public_id}"
    steps = list(posting.steps.values_list("type", "config"))
    assert steps[0] == ("resume", {"optional": False, "knockout_enabled": True})
    assert steps[1][0] == "web_interview"
    assert steps[1][1]["video"] is True and steps[1][1]["interview_type"] == "technical"
    assert posting.workspace == dash_owner.workspace


def test_it_reports_the_api_validation_errors_on_the_form(dash_owner):
    response = dash_owner.post(
        "/dashboard/postings/new", {**NEW_POSTING, "language": "english!", "redirect_url": "x"}
    )
    assert response.status_code == 200
    assert not Posting.objects.filter(title="Support Engineer").exists()
    page = response.content.decode()
    assert page.count('class="error"') >= 2


def test_it_saves_the_details_and_a_steps_config(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}"
    data = {**NEW_POSTING, "title": "Renamed"}
    assert dash_owner.post(url, data).status_code == 302
    step_data = {
        "web_interview-num_questions": "4",
        "web_interview-interview_type": "cultural",
        "web_interview-end_of_turn_silence": "1.5",
    }
    assert dash_owner.post(f"{url}/steps/web_interview", step_data).status_code == 302
    posting.refresh_from_db()
    config = posting.steps.get(type="web_interview").config
    assert posting.title == "Renamed"
    assert config["video"] is False and config["num_questions"] == 4
    assert config["end_of_turn_silence"] == 1.5
    page = dash_owner.get(url).content.decode()
    assert 'name="web_interview-end_of_turn_silence"' in page and 'value="1.5"' in page
    step_data["web_interview-end_of_turn_silence"] = "9"
    refused = dash_owner.post(f"{url}/steps/web_interview", step_data)
    assert refused.status_code == 400 and "3.0" in refused.content.decode()


def test_it_adds_edits_and_deletes_a_question(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}/questions"
    assert dash_owner.post(url, QUESTION).status_code == 302
    question = posting.questions.get(text=QUESTION["new-text"])
    assert question.public_id == "Q006" and question.score_weight == 2.5
    assert (question.min_follow_ups, question.max_follow_ups) == (1, 2)
    edit = {k.removeprefix("new-"): v for k, v in QUESTION.items() if k != "new-modality"}
    edit["max_follow_ups"] = "3"
    assert dash_owner.post(f"{url}/Q006", edit).status_code == 302
    question.refresh_from_db()
    assert question.max_follow_ups == 3
    assert dash_owner.post(f"{url}/Q006/delete").status_code == 302
    assert not posting.questions.filter(public_id="Q006").exists()


def test_a_question_with_fewer_max_than_min_follow_ups_is_refused(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}/questions"
    response = dash_owner.post(url, {**QUESTION, "new-max_follow_ups": "0"})
    assert response.status_code == 400
    assert b"greater than or equal to min_follow_ups" in response.content


def test_reordering_saves_at_once(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}/questions/reorder"
    body = {"modality": "voice", "question_ids": ["Q003", "Q001", "Q002", "Q005", "Q004"]}
    response = dash_owner.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    ranks = list(posting.questions.filter(modality="voice").order_by("rank"))
    assert [q.public_id for q in ranks] == body["question_ids"]


def test_reordering_refuses_unknown_ids(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}/questions/reorder"
    body = {"modality": "voice", "question_ids": ["Q999"]}
    response = dash_owner.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422


def test_generate_questions_fills_the_interview_up_to_its_number_and_no_further(
    dash_owner, posting
):
    voice = posting.questions.filter(modality="voice")
    before = voice.count()
    step = posting.steps.get(type="web_interview")
    step.config["num_questions"] = before + 2
    step.save()
    dash_owner.post(f"/dashboard/postings/{posting.public_id}/questions/generate")
    assert voice.count() == before + 2
    assert voice.exclude(generated_by=None).first().generated_by["engine"]
    assert len(set(voice.values_list("text", flat=True))) == before + 2  # no duplicates
    again = dash_owner.post(
        f"/dashboard/postings/{posting.public_id}/questions/generate", follow=True
    )
    assert voice.count() == before + 2 and b"already has" in again.content


def test_generate_adds_nothing_when_the_background_job_wrote_the_questions(
    owner, dash_owner, django_capture_on_commit_callbacks
):
    body = {"title": "Barista", "description": "Make espresso, keep the bar clean."}
    with django_capture_on_commit_callbacks(execute=True):  # the job writes them
        created = owner.post("/api/v4/postings", body).json()["data"]
    posting = Posting.objects.get(public_id=created["id"])
    assert posting.questions.count() == 5
    dash_owner.post(f"/dashboard/postings/{posting.public_id}/questions/generate")
    assert posting.questions.count() == 5


def test_archive_activate_and_clone(dash_owner, posting):
    url = f"/dashboard/postings/{posting.public_id}/actions"
    dash_owner.post(f"{url}/archive")
    posting.refresh_from_db()
    assert posting.status == "archived"
    dash_owner.post(f"{url}/activate")
    posting.refresh_from_db()
    assert posting.status == "active"
    response = dash_owner.post(f"{url}/clone")
    clone = Posting.objects.exclude(pk=posting.pk).get(workspace=posting.workspace)
    assert response["Location"] == f"/dashboard/postings/{clone.public_id}"
    assert clone.status == "draft" and clone.title.endswith("(copy)")
    assert clone.questions.count() == posting.questions.count()
    assert clone.ingestion_url_key != posting.ingestion_url_key


@pytest.mark.parametrize(
    "wanted",
    ["https://evil.example/phish", "//evil.example/x", "javascript:alert(1)", "/\\evil.example"],
)
def test_an_action_returns_only_to_a_path_on_this_site(dash_owner, posting, wanted):
    url = f"/dashboard/postings/{posting.public_id}/actions/archive"
    response = dash_owner.post(url, {"next": wanted})
    assert response.status_code == 302 and response["Location"] == "/dashboard/postings"
    own = dash_owner.post(url, {"next": f"/dashboard/postings/{posting.public_id}"})
    assert own["Location"] == f"/dashboard/postings/{posting.public_id}"


def test_the_edit_page_offers_the_candidate_link(dash_owner, posting):
    page = dash_owner.get(f"/dashboard/postings/{posting.public_id}").content.decode()
    assert posting.candidate_url in page and "Copy link" in page


def write_requests(posting):
    p = f"/dashboard/postings/{posting.public_id}"
    return [
        ("/dashboard/postings/new", NEW_POSTING),
        (p, {**NEW_POSTING, "title": "Changed"}),
        (
            f"{p}/steps/web_interview",
            {"web_interview-num_questions": "2", "web_interview-interview_type": "general"},
        ),
        (f"{p}/actions/archive", {}),
        (f"{p}/actions/clone", {}),
        (f"{p}/questions", QUESTION),
        (f"{p}/questions/Q001", {"text": "Changed", "question_type": "x", "score_weight": "1"}),
        (f"{p}/questions/Q001/delete", {}),
        (f"{p}/questions/generate", {}),
    ]


def read_paths(posting):
    p = f"/dashboard/postings/{posting.public_id}"
    return ["/dashboard/postings", p, f"{p}/questions/Q001"]


def test_viewers_see_postings_but_every_write_is_refused(dash_viewer, posting):
    for path in read_paths(posting):
        assert dash_viewer.get(path).status_code == 200, path
    assert dash_viewer.get("/dashboard/postings/new").status_code == 200
    for path, data in write_requests(posting):
        assert dash_viewer.post(path, data).status_code == 403, path
    reorder = f"/dashboard/postings/{posting.public_id}/questions/reorder"
    body = json.dumps({"modality": "voice", "question_ids": ["Q002"]})
    assert dash_viewer.post(reorder, body, content_type="application/json").status_code == 403
    posting.refresh_from_db()
    assert posting.status == "active" and posting.questions.count() == 5


def test_recruiters_may_write(dash_recruiter, posting):
    for path, data in write_requests(posting):
        assert dash_recruiter.post(path, data).status_code in (200, 302), path


def test_another_workspaces_posting_is_not_found(dash_outsider, posting):
    for path in read_paths(posting)[1:]:
        assert dash_outsider.get(path).status_code == 404, path
    for path, data in write_requests(posting)[1:]:
        assert dash_outsider.post(path, data).status_code == 404, path
    assert posting.title not in dash_outsider.get("/dashboard/postings").content.decode()


def test_steps_can_be_added_and_removed_after_creation(dash_owner, posting):
    """The customer-service posting has only the interview; a resume step goes before it."""
    base = f"/dashboard/postings/{posting.public_id}/steps"
    page = dash_owner.get(f"/dashboard/postings/{posting.public_id}").content.decode()
    assert "Add a resume step" in page and "Remove step" not in page  # its only step stays
    dash_owner.post(f"{base}/resume/add")
    assert [s.type for s in posting.steps.order_by("order")] == ["resume", "web_interview"]
    assert dash_owner.post(f"{base}/resume/add", follow=True).status_code == 200  # no second one
    assert posting.steps.count() == 2
    dash_owner.post(
        f"/dashboard/postings/{posting.public_id}/questions",
        {**QUESTION, "new-modality": "resume_scoring", "new-text": "Support experience"},
    )
    assert posting.questions.filter(modality="resume_scoring").count() == 1

    dash_owner.post(f"{base}/resume/remove")
    assert [s.type for s in posting.steps.all()] == ["web_interview"]
    assert not posting.questions.filter(modality="resume_scoring").exists()  # its criteria too
    refused = dash_owner.post(f"{base}/web_interview/remove", follow=True).content.decode()
    assert "at least one step" in refused and posting.steps.count() == 1


def test_viewers_cannot_change_steps(dash_viewer, posting):
    response = dash_viewer.post(f"/dashboard/postings/{posting.public_id}/steps/resume/add")
    assert response.status_code == 403 and posting.steps.count() == 1


def test_a_resume_step_added_mid_interview_does_not_stop_those_already_interviewing(
    owner, posting, client
):
    from django.utils import timezone

    from candidates.services.ingest import candidate_ingest
    from interviews.services import interview_start
    from interviews.stage import Stage, interview_stage
    from postings.services import step_add

    def consented(email):
        interview = candidate_ingest(posting=posting, row={"name": "A", "email": email}).interview
        interview.consented_at, interview.answer_mode = timezone.now(), "text"
        interview.save()
        return interview

    started = interview_start(interview=consented("started@example.com"))
    waiting = consented("waiting@example.com")
    step_add(posting=posting, step_type="resume")
    started.refresh_from_db()
    assert interview_stage(started) == Stage.ROOM
    page = client.get(f"/i/{started.public_id}").content.decode()
    assert 'id="room"' in page and 'id="resume-form"' not in page
    assert interview_stage(waiting) == Stage.RESUME
    assert 'id="resume-form"' in client.get(f"/i/{waiting.public_id}").content.decode()

    def resume_status(interview):
        data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
        return data["workflow"]["steps"][0]["id"], data["workflow"]["steps"][0]["status"]

    assert resume_status(started) == ("resume", "skipped")  # never asked: not pending forever
    assert resume_status(waiting) == ("resume", "not_started")


def test_a_resume_step_without_criteria_says_it_scores_nothing(owner, dash_owner):
    from tests.factories import make_posting

    posting = make_posting(owner.workspace, "sales")
    page = dash_owner.get(f"/dashboard/postings/{posting.public_id}").content.decode()
    assert 'data-field="resume-unscored"' not in page  # the guide's step has criteria
    posting.questions.exclude(modality="voice").delete()
    page = dash_owner.get(f"/dashboard/postings/{posting.public_id}").content.decode()
    assert 'data-field="resume-unscored"' in page and "not screened or scored" in page
