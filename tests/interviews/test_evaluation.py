"""Scoring: a strong candidate beats a weak one, rescoring keeps history, voice answers work."""

import json

import pytest
from django.core.management import call_command

from candidates.services.ingest import candidate_ingest
from interviews.models import WebInterviewResult
from interviews.scores import interview_score, match_score
from tests.factories import make_posting
from tests.interviews import documents
from tests.interviews.conftest import ready_interview

pytestmark = pytest.mark.django_db(transaction=True)

STRONG = {
    "Q001": [
        "At Salesforce I closed a $350K deal with a Fortune 500 retailer. I multi-threaded across "
        "six stakeholders, the CFO, CIO and procurement, and when a competitor appeared late I "
        "arranged an executive alignment call. We closed in four months at 120% of target.",
        "My exact contribution was running the business case with the CFO and the pricing.",
    ],
    "Q002": [
        "Your team spends days reconciling data silos, which costs real revenue. CloudMetrics "
        "unifies it in one platform; a customer like yours cut reporting time by 60% in a "
        "quarter. Can we book thirty minutes next Tuesday to map your use case?",
    ],
    "Q003": [
        "I lost a $200K renewal because I single-threaded with a champion who left. I owned it: "
        "I now map at least three stakeholders per deal and review it weekly with my manager.",
    ],
    "Q004": [
        "Every week I make 50 cold calls, send 100 personalised emails, engage on LinkedIn daily "
        "and ask two customers for referrals. I track it in Salesforce and hit 12 meetings a week.",
    ],
    "Q005": [
        "Data-driven companies win because they decide faster. I love analytics, I use SQL "
        "myself, and selling a product that changes how teams decide fits my career goals.",
    ],
}
WEAK = {qid: ["I don't know, I guess I would just do my best."] for qid in STRONG}


def test_match_score_is_the_weighted_formula():
    assert match_score([(3.0, 5), (1.0, 1)]) == 75
    assert match_score([(2.0, 3), (2.0, None)]) == 50
    assert match_score([]) is None
    assert match_score([(0.0, 5), (0.0, 1)]) == 50
    assert interview_score(match=82, resume_overall=4.5) == 82.0
    assert interview_score(match=None, resume_overall=4.5) == 90.0
    assert interview_score(match=None, resume_overall=None) is None


def simulate(asgi_server, interview, answers: dict, tmp_path, *extra) -> None:
    path = tmp_path / f"{interview.public_id}.json"
    path.write_text(json.dumps(answers))
    call_command(
        "simulate_candidate",
        interview.public_id,
        "--server",
        asgi_server.url,
        "--answers",
        str(path),
        *extra,
    )


def ingest_sales(owner, name, email):
    posting = make_posting(owner.workspace, "sales", title="Sales")
    return candidate_ingest(posting=posting, row={"name": name, "email": email}).interview


def test_marcus_uploads_a_resume_and_completes_the_guides_shape(owner, asgi_server, tmp_path):
    from tests.api.test_guides import assert_shape
    from tests.factories import FIXTURES

    interview = ingest_sales(owner, "Marcus Johnson", "marcus.j@email.com")
    resume = tmp_path / "marcus.pdf"
    resume.write_bytes(documents.pdf(documents.MARCUS))
    simulate(asgi_server, interview, STRONG, tmp_path, "--resume", str(resume))
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()
    guide = json.loads((FIXTURES / "guide-interview-data.json").read_text())
    guide_marcus = guide["marcus"]
    for url in ("video_recording_url", "audio_recording_url"):
        guide_marcus["data"]["web_interview"].pop(url)  # a text-only run records nothing
    assert_shape(data, guide_marcus)
    assert [s["status"] for s in data["data"]["workflow"]["steps"]] == ["complete", "complete"]
    assert data["data"]["status"] == "completed"
    assert data["data"]["score"] == data["data"]["web_interview"]["match_score"]


def test_aisha_skips_the_resume_and_completes(owner, asgi_server, tmp_path):
    from tests.api.test_guides import assert_shape
    from tests.factories import FIXTURES

    interview = ingest_sales(owner, "Aisha Williams", "aisha.w@email.com")
    simulate(asgi_server, interview, STRONG, tmp_path, "--skip-resume")
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()
    guide = json.loads((FIXTURES / "guide-interview-data.json").read_text())["aisha"]
    for url in ("video_recording_url", "audio_recording_url"):
        guide["data"]["web_interview"].pop(url)
    assert_shape(data, guide)
    assert data["data"]["resume"] is None
    assert data["data"]["workflow"]["steps"][0]["status"] == "skipped"


def test_a_strong_candidate_scores_clearly_above_a_weak_one(owner, asgi_server, tmp_path):
    strong = ingest_sales(owner, "Strong", "strong@example.com")
    posting = strong.posting
    weak = candidate_ingest(posting=posting, row={"name": "Weak", "email": "w@e.com"}).interview
    for interview, answers in ((strong, STRONG), (weak, WEAK)):
        simulate(asgi_server, interview, answers, tmp_path, "--skip-resume")
        interview.refresh_from_db()
    assert strong.score >= weak.score + 40, (strong.score, weak.score)
    result = strong.results.get(is_current=True)
    assert result.highlights and result.tags
    assert weak.results.get(is_current=True).lowlights


def test_a_rubric_change_and_rescore_keep_the_history(owner, asgi_server, tmp_path):
    interview = ingest_sales(owner, "Strong", "strong@example.com")
    simulate(asgi_server, interview, STRONG, tmp_path, "--skip-resume")
    posting_id = interview.posting.public_id
    owner.patch(f"/api/v4/postings/{posting_id}/questions/Q001", {"score_weight": 0.5})
    response = owner.post(f"/api/v4/postings/{posting_id}/rescore")
    assert response.status_code == 202 and response.json()["data"]["interviews_queued"] == 1
    results = WebInterviewResult.objects.filter(interview=interview).order_by("created_at")
    assert [r.is_current for r in results] == [False, True]
    assert results[1].reason.startswith("rescore:")
    assert results[1].rows.get(question_public_id="Q001").score_weight == 0.5
    assert all(r.provenance["engine"] == "local" for r in results)


def timed_words(text: str, *, pace: float, pause_every: int = 0, pause: float = 0.0):
    """Word timings as the recogniser gives them: `pace` words a second, and a silence of
    `pause` seconds after every `pause_every` words."""
    words, at = [], 0.0
    for index, word in enumerate(text.split(), start=1):
        words.append({"text": word, "start": at, "end": at + 0.8 / pace, "probability": 0.9})
        at += 1 / pace + (pause if pause_every and index % pause_every == 0 else 0.0)
    return words


def spoken_interview(owner, *, pace: float, pause: float = 0.0):
    from interviews import services
    from interviews.playthrough import interviewer_speaks

    interview = services.interview_start(interview=ready_interview(owner.workspace))
    interviewer_speaks(interview)
    while interview.status == "in_progress":
        words = timed_words(STRONG_ANSWER, pace=pace, pause_every=8, pause=pause)
        services.answer_submit(
            interview=interview,
            text=STRONG_ANSWER,
            client_message_id=f"voice-{interview.turns.count()}",
            by_voice=True,
            words=words,
            speaking_for=words[-1]["end"],
        )
        interviewer_speaks(interview)
        interview.refresh_from_db()
    from interviews.evaluation import interview_evaluate

    return interview_evaluate(interview=interview)


STRONG_ANSWER = (
    "At my last job a customer was furious because her order was two weeks late. I listened, "
    "apologised, offered a discount and expedited shipping, then followed up the next day."
)


def test_the_speech_score_measures_pace_and_pauses_from_the_spoken_words(owner):
    steady = spoken_interview(owner, pace=2.3)  # 138 words a minute, no long pause
    components = steady.speech_components
    assert components["timed_answers"] >= 5
    assert 130 <= components["wpm"] <= 145, components  # not the gaps between turns
    assert components["pauses"] == 1.0 and components["long_pauses_per_minute"] == 0
    halting = spoken_interview(owner, pace=2.3, pause=1.5)  # a 1.5 s silence every 8 words
    assert halting.speech_components["long_pauses_per_minute"] > 4
    assert halting.speech_components["pauses"] < components["pauses"]
    assert halting.speech_score < steady.speech_score


def test_the_report_data_carries_the_words_on_the_interviews_clock(owner):
    result = spoken_interview(owner, pace=2.5)
    interview = result.interview
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    answer = next(e for e in data["web_interview"]["transcript"] if e["speaker"] == "candidate")
    turn = interview.turns.filter(speaker="candidate").first()
    assert [w["text"] for w in answer["words"]] == STRONG_ANSWER.split()
    assert answer["words"][0]["start"] == round(turn.offset, 2)
    assert answer["words"][1]["start"] == round(turn.offset + 0.4, 2)
    greeting = data["web_interview"]["transcript"][0]
    assert greeting["speaker"] == "interviewer" and greeting["words"] == []


def test_an_evaluation_that_gives_up_is_visible_and_cleared_by_the_next_success(owner):
    from candidates.models import Interview
    from interviews.evaluation import interview_evaluate
    from interviews.tasks import evaluation_give_up

    interview = ready_interview(owner.workspace)
    Interview.objects.filter(pk=interview.pk).update(status="evaluating")
    evaluation_give_up(interview.pk, error="APIConnectionError: model unreachable")
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["evaluation_error"] == "APIConnectionError: model unreachable"
    interview.refresh_from_db()
    interview_evaluate(interview=interview)
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    assert data["evaluation_error"] is None and data["status"] == "completed"


def test_two_runs_of_one_evaluation_store_one_result_and_one_report(owner):
    from candidates.models import Interview
    from interviews.evaluation import interview_evaluate
    from webhooks.models import Event
    from webhooks.services import webhook_create

    interview = ready_interview(owner.workspace)
    webhook_create(
        posting=interview.posting, url="https://example.com/h", event_type="report_available"
    )
    Interview.objects.filter(pk=interview.pk).update(status="evaluating")
    # The sweep re-queued an evaluation that was only slow: both runs reach the store.
    first = interview_evaluate(interview=Interview.objects.get(pk=interview.pk))
    second = interview_evaluate(interview=Interview.objects.get(pk=interview.pk))
    assert first.pk == second.pk
    assert WebInterviewResult.objects.filter(interview=interview).count() == 1
    assert Event.objects.filter(interview_id=interview.public_id).count() == 1
