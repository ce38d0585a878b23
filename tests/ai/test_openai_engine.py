"""The remote engine over loopback: the real ``openai`` client against ``FakeOpenAI``."""

from __future__ import annotations

import json
from dataclasses import replace

from heymilo.ai.base import AnswerEvaluation, Criterion, Turn, TurnDecision
from heymilo.ai.fallback import FallbackEngine
from heymilo.ai.openai_engine import OpenAIEngine
from heymilo.ai.prompts import load_prompt
from tests.ai.conftest import CSR_POSTING, STRONG_ANSWER, UNHAPPY_CUSTOMER, dialogue
from tests.ai.fake_openai import FakeOpenAI, Step


def turn_kwargs(follow_ups_asked: int = 0) -> dict:
    return {
        "posting": CSR_POSTING,
        "question": UNHAPPY_CUSTOMER,
        "dialogue": dialogue(UNHAPPY_CUSTOMER, STRONG_ANSWER),
        "follow_ups_asked": follow_ups_asked,
        "candidate_name": "Priya",
    }


def evaluate(engine: FallbackEngine) -> AnswerEvaluation:
    return engine.evaluate_answer(
        question=UNHAPPY_CUSTOMER, dialogue=dialogue(UNHAPPY_CUSTOMER, STRONG_ANSWER)
    )


def test_it_sends_a_json_schema_request_with_the_scoring_model(engine, fake: FakeOpenAI):
    result = evaluate(engine)

    request = fake.requests[-1]
    assert request["model"] == "scoring-model"
    assert request["response_format"]["type"] == "json_schema"
    schema = request["response_format"]["json_schema"]
    assert schema["name"] == "answer_evaluation"
    assert schema["strict"] is True
    assert set(schema["schema"]["required"]) == {"score", "summary", "evidence"}
    assert result.score == 4
    assert result.provenance.engine == "openai"
    assert result.provenance.model == "scoring-model"
    assert result.provenance.prompt_version == load_prompt("evaluate_answer").version
    assert result.provenance.fallback_reason is None


def test_it_keeps_only_evidence_the_candidate_really_said(engine):
    result = evaluate(engine)

    assert result.evidence, "the fake quotes the candidate's first sentence"
    assert all(quote in STRONG_ANSWER for quote in result.evidence)
    assert "words never said" not in result.evidence


def test_it_uses_the_chat_model_for_turn_decisions(engine, fake: FakeOpenAI):
    decision = engine.next_turn(**turn_kwargs())

    assert fake.requests[-1]["model"] == "chat-model"
    assert fake.requests[-1]["response_format"]["json_schema"]["name"] == "turn_decision"
    assert decision.action == "follow_up"
    assert decision.utterance == "What was the result?"
    assert decision.provenance.engine == "openai"


def test_it_streams_real_tokens_for_a_follow_up(engine, fake: FakeOpenAI):
    items = list(engine.stream_next_turn(**turn_kwargs()))

    deltas = [i for i in items if isinstance(i, str)]
    decision = items[-1]
    assert len(deltas) > 3
    assert isinstance(decision, TurnDecision)
    assert "".join(deltas) == decision.utterance == fake.stream_text
    assert fake.requests[-1]["stream"] is True
    assert decision.provenance.engine == "openai"
    assert decision.provenance.prompt_version == load_prompt("speak_turn").version


def test_it_never_follows_up_past_the_maximum_even_if_the_model_wants_to(engine):
    decision = engine.next_turn(**turn_kwargs(follow_ups_asked=2))

    assert decision.action == "move_on"
    assert decision.provenance.engine == "openai"


def test_it_wraps_up_after_the_last_question(engine):
    decision = engine.next_turn(**turn_kwargs(follow_ups_asked=2), is_last_question=True)

    assert decision.action == "wrap_up"
    assert "Priya" in decision.utterance


def test_it_retries_after_a_429_and_then_succeeds(engine, fake: FakeOpenAI):
    fake.script(Step(status=429))

    result = evaluate(engine)

    assert len(fake.requests) == 2
    assert result.provenance.engine == "openai"
    assert result.provenance.fallback_reason is None


def test_it_falls_back_when_500s_exhaust_the_retries(engine, fake: FakeOpenAI):
    fake.script(Step(status=500), Step(status=500), Step(status=500), Step(status=500))

    result = evaluate(engine)

    assert len(fake.requests) == 3  # one call plus max_retries=2, and no more
    assert result.provenance.engine == "local"
    assert "HTTP 500" in result.provenance.fallback_reason
    assert "openai engine (model scoring-model)" in result.provenance.fallback_reason
    assert 1 <= result.score <= 5


def test_it_falls_back_when_the_server_hangs_past_the_timeout(fake: FakeOpenAI):
    remote = OpenAIEngine(
        base_url=fake.base_url, api_key="k", model="m", timeout=0.3, max_retries=0, backoff=0.0
    )
    fake.script(Step(hang=1.0))

    result = evaluate(FallbackEngine(remote))

    assert result.provenance.engine == "local"
    assert "Timeout" in result.provenance.fallback_reason


def test_it_falls_back_when_the_reply_is_not_json(engine, fake: FakeOpenAI):
    fake.script(Step(content="this is {not json"))

    result = evaluate(engine)

    assert result.provenance.engine == "local"
    assert "invalid structured reply" in result.provenance.fallback_reason


def test_it_falls_back_when_the_json_breaks_the_schema(engine, fake: FakeOpenAI):
    fake.script(Step(content='{"score": 9, "summary": "x", "evidence": []}'))

    result = evaluate(engine)

    assert result.provenance.engine == "local"
    assert "above 5" in result.provenance.fallback_reason


def test_it_falls_back_when_the_server_dies_mid_stream(engine, fake: FakeOpenAI):
    # The decision call succeeds; the streamed utterance dies after three chunks.
    fake.script(Step(), Step(die_after_chunks=3))

    items = list(engine.stream_next_turn(**turn_kwargs()))

    deltas = [i for i in items if isinstance(i, str)]
    decision = items[-1]
    assert "".join(deltas[:3]) == "Could you tell "
    assert isinstance(decision, TurnDecision)
    assert decision.action == "follow_up"
    assert decision.provenance.engine == "local"
    assert "mid-stream" in decision.provenance.fallback_reason
    assert "".join(deltas).endswith(decision.utterance)


def test_it_falls_back_when_the_server_is_gone(engine, fake: FakeOpenAI):
    fake.stop()

    items = list(engine.stream_next_turn(**turn_kwargs()))

    decision = items[-1]
    assert decision.provenance.engine == "local"
    assert "".join(i for i in items if isinstance(i, str)) == decision.utterance


def test_it_generates_questions_remotely(engine, fake: FakeOpenAI):
    result = engine.generate_questions(CSR_POSTING, num_questions=3, interview_type="behavioral")

    assert len(result.questions) == 3
    assert result.questions[0].max_follow_ups == 2
    assert fake.requests[-1]["response_format"]["json_schema"]["name"] == "interview_questions"
    assert result.provenance.engine == "openai"


def test_it_summarises_remotely_with_kebab_case_tags(engine):
    evaluation = evaluate(engine)
    summary = engine.summarise_interview(
        posting=CSR_POSTING,
        evaluations=[(UNHAPPY_CUSTOMER, evaluation)],
        transcript=dialogue(UNHAPPY_CUSTOMER, STRONG_ANSWER),
    )

    assert summary.tags == ["strong-communicator"]
    assert summary.highlights == ["Specific examples"]
    assert summary.provenance.engine == "openai"


def test_it_screens_a_resume_remotely(engine, fake: FakeOpenAI):
    screen = engine.screen_resume(
        resume_text="Account Executive at Salesforce, 140% of quota in 2025.",
        eligibility=[Criterion("rec_001", "Has B2B sales experience")],
        scoring=[Criterion("rsc_001", "Track record of meeting quota", 3.0)],
    )

    assert screen.is_eligible
    assert screen.scores[0].score == round(4.25, 1)
    assert screen.overall_score == screen.scores[0].score
    assert screen.provenance.model == "scoring-model"


def test_it_falls_back_when_the_model_omits_a_criterion(engine, fake: FakeOpenAI):
    fake.script(Step(content='{"eligibility": [], "scores": []}'))

    screen = engine.screen_resume(
        resume_text="Sold SaaS for 4 years.",
        eligibility=[Criterion("rec_001", "Has B2B sales experience")],
        scoring=[],
    )

    assert screen.provenance.engine == "local"
    assert "rec_001" in screen.provenance.fallback_reason


def test_the_speech_score_never_calls_the_model(engine, fake: FakeOpenAI):
    score = engine.speech_score([Turn("candidate", "I solved it quickly.", 0.0)])

    assert fake.requests == []
    assert 0 <= score.score <= 100


def test_it_streams_the_local_turn_when_the_stream_fails_before_any_word(engine, fake: FakeOpenAI):
    fake.script(Step(), Step(status=503), Step(status=503), Step(status=503))

    items = list(engine.stream_next_turn(**turn_kwargs()))

    decision = items[-1]
    assert len(fake.requests) == 4  # the decision, then the stream request tried three times
    assert decision.provenance.engine == "local"
    assert "HTTP 503" in decision.provenance.fallback_reason
    assert "".join(i for i in items if isinstance(i, str)) == decision.utterance


def respond(engine, text: str, **extra):
    return engine.respond_to_candidate(
        posting=extra.pop("posting", CSR_POSTING),
        question=UNHAPPY_CUSTOMER,
        dialogue=dialogue(UNHAPPY_CUSTOMER),
        text=text,
        **extra,
    )


def test_it_answers_a_candidate_question_remotely_from_the_posting(engine, fake: FakeOpenAI):
    posting = replace(CSR_POSTING, job_overview="On-call is one week in six.")

    reply = respond(engine, "What does the on-call rotation look like?", posting=posting)

    request = fake.requests[-1]
    assert request["response_format"]["json_schema"]["name"] == "candidate_reply"
    assert "On-call is one week in six." in request["messages"][1]["content"]
    assert reply.kind == "question" and reply.answered
    assert reply.provenance.engine == "openai"
    assert reply.provenance.prompt_version == load_prompt("respond_to_candidate").version


def test_a_remote_repeat_request_repeats_the_question_itself(engine, fake: FakeOpenAI):
    fake.script(
        Step(content='{"kind": "repeat", "utterance": "Sure: tell me a story.", "answered": false}')
    )

    reply = respond(engine, "Could you repeat that?")

    assert reply.kind == "repeat"
    assert reply.utterance.endswith(UNHAPPY_CUSTOMER.text)


def test_a_remote_rephrase_that_only_repeats_the_question_falls_back(engine, fake: FakeOpenAI):
    same = UNHAPPY_CUSTOMER.text.replace('"', "")
    fake.script(
        Step(content=json.dumps({"kind": "rephrase", "utterance": same, "answered": False}))
    )

    reply = respond(engine, "Could you put that another way?")

    assert reply.provenance.engine == "local"
    assert reply.kind == "rephrase"
    assert UNHAPPY_CUSTOMER.text not in reply.utterance


def test_a_remote_follow_up_that_reads_the_rubric_out_falls_back(engine, fake: FakeOpenAI):
    reading = "Can you describe a detailed scenario showing active listening?"
    fake.script(Step(content=json.dumps({"action": "follow_up", "utterance": reading})))

    decision = engine.next_turn(**turn_kwargs())

    assert decision.provenance.engine == "local"
    assert "rubric" in decision.provenance.fallback_reason
    assert decision.utterance != reading


def test_a_remote_follow_up_said_earlier_in_the_interview_falls_back(engine, fake: FakeOpenAI):
    history = [Turn("interviewer", "What was the result?")]

    decision = engine.next_turn(**turn_kwargs(), history=history)

    assert decision.provenance.engine == "local"
    assert decision.utterance != "What was the result?"


def test_remote_moving_on_uses_the_models_acknowledgement(engine, fake: FakeOpenAI):
    thanks = "Thanks — express shipping plus a discount was a smart fix."
    fake.script(Step(content=json.dumps({"action": "move_on", "utterance": thanks})))

    decision = engine.next_turn(**turn_kwargs(follow_ups_asked=1))

    assert decision.action == "move_on"
    assert decision.utterance == thanks


def test_remote_highlights_that_misquote_the_candidate_are_dropped(engine, fake: FakeOpenAI):
    good, weak = evaluate(engine), evaluate(engine)
    weak = replace(weak, score=2)
    fake.script(
        Step(content=json.dumps({
            "highlights": ["Said “I fixed everything in a day”"], "lowlights": [], "tags": ["x"],
        }))
    )  # fmt: skip

    summary = engine.summarise_interview(
        posting=CSR_POSTING,
        evaluations=[(UNHAPPY_CUSTOMER, good), (replace(UNHAPPY_CUSTOMER, id="Q9"), weak)],
        transcript=dialogue(UNHAPPY_CUSTOMER, STRONG_ANSWER),
    )

    assert summary.provenance.engine == "openai"
    assert all("I fixed everything" not in h for h in summary.highlights)
    assert summary.highlights and summary.lowlights


def test_remote_resume_reasons_are_kept_only_when_quoted_from_the_resume(engine, fake: FakeOpenAI):
    screen = engine.screen_resume(
        resume_text="Account Executive at Salesforce, 140% of quota in 2025.",
        eligibility=[Criterion("rec_001", "Has B2B sales experience")],
        scoring=[],
    )

    assert screen.eligibility[0].reasons == ["No matching evidence quoted from the resume."]
