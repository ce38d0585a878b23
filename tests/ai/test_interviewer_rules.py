"""The local interviewer talks like a person: follow-ups about what was said, varied thanks,
answers to the candidate's own questions, honest summaries, specific questions, sound screening."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from heymilo.ai import LocalEngine
from heymilo.ai.base import Criterion, PostingContext, Turn
from heymilo.ai.followups import _plain_point
from heymilo.ai.lines import quotes_rubric, sentences_of
from tests.ai.cases import CASES
from tests.ai.conversations import POSTING

engine = LocalEngine()
INCIDENT = CASES[5]


def turn(question, *answers, history=None, asked=0, posting=POSTING):
    dialogue = [Turn("interviewer", question.text)]
    for answer in answers:
        dialogue.append(Turn("candidate", answer))
    return engine.next_turn(
        posting=posting, question=question, dialogue=dialogue, follow_ups_asked=asked,
        candidate_name="Priya", history=history or [],
    )  # fmt: skip


def respond(text, question=INCIDENT.question, dialogue=None, history=None, posting=POSTING):
    return engine.respond_to_candidate(
        posting=posting,
        question=question,
        dialogue=dialogue or [Turn("interviewer", question.text)],
        text=text,
        history=history or [],
    )


# -- follow-ups ---------------------------------------------------------------------------------


def test_a_follow_up_takes_up_something_the_candidate_just_said():
    answer = (
        "We had an outage in March. I rolled back the release within ten minutes and posted in "
        "the incident channel."
    )

    decision = turn(replace(INCIDENT.question, min_follow_ups=1), answer)

    assert decision.action == "follow_up"
    assert decision.utterance.startswith("You rolled back the release within ten minutes")
    assert decision.utterance.endswith("?")


def test_a_follow_up_asks_for_a_missing_rubric_part_in_plain_words():
    answer = (
        "First I ask which customers are blocked, then I work through the queue and I tell "
        "people how long they will wait."
    )

    decision = turn(CASES[1].question, answer)

    assert "triage" in decision.utterance
    assert not quotes_rubric(decision.utterance, CASES[1].question)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_follow_up_reads_five_words_of_the_rubric(case):
    for answer in (case.weak, case.strong, case.paraphrase, "Yes."):
        decision = turn(replace(case.question, min_follow_ups=1, max_follow_ups=2), answer)

        assert not quotes_rubric(decision.utterance, case.question), decision.utterance


def test_a_follow_up_said_earlier_in_the_interview_is_not_said_again():
    question = CASES[0].question
    first = turn(question, CASES[0].weak)
    history = [Turn("interviewer", "Earlier question?"), Turn("interviewer", first.utterance)]

    second = turn(question, CASES[0].weak, history=history)

    assert second.action == "follow_up"
    assert second.utterance != first.utterance


def test_moving_on_thanks_the_candidate_for_what_they_said_and_varies():
    strong = [
        turn(case.question, case.strong, asked=case.question.max_follow_ups) for case in CASES
    ]
    thanks = [d.utterance for d in strong if d.action == "move_on"]

    assert len(set(thanks)) == len(thanks) >= 6
    assert "Thank you, that's helpful." not in thanks
    assert any("you rolled back" in t or "you wrote the postmortem" in t for t in thanks)


def test_an_acknowledgement_is_never_a_sentence_already_said():
    question = CASES[1].question
    said = [
        Turn("interviewer", "Thank you, that's helpful."),
        Turn("interviewer", "Okay, thank you."),
    ]

    decision = turn(question, CASES[1].weak, history=said, asked=2)

    assert decision.action == "move_on"
    assert decision.utterance not in ("Thank you, that's helpful.", "Okay, thank you.")


# -- the candidate's own questions ---------------------------------------------------------------


def test_a_question_about_the_role_is_answered_from_a_reference_only_overview():
    reply = respond("What does the on-call rotation look like?")

    assert reply.kind == "question" and reply.answered
    assert "one week in six" in reply.utterance
    assert reply.sources == (
        "Engineers join a weekly on-call rotation after their first three months, one week in six.",
    )
    assert "back to" in reply.utterance.lower()


def test_a_question_the_posting_cannot_answer_gets_an_honest_dont_know():
    reply = respond("Do you sponsor work visas?")

    assert reply.kind == "question" and not reply.answered
    assert "recruiter will follow up" in reply.utterance
    assert reply.sources == ()


def test_asked_how_many_customers_it_answers_with_the_businesses_it_serves():
    reply = respond("Can I ask how many customers you have?")

    assert reply.answered and "4,000 small businesses" in reply.utterance


def test_a_how_many_question_gets_the_sentence_with_the_number_not_a_duty_naming_the_word():
    posting = replace(
        POSTING,
        company_overview="BrightDesk provides helpdesk software to over 5,000 businesses.",
        description=(
            "Handle inbound tickets and deliver an exceptional customer experience. You have 1+ "
            "years in a customer-facing role."
        ),
    )

    reply = respond("How many customers do you have?", posting=posting)

    assert reply.sources == ("BrightDesk provides helpdesk software to over 5,000 businesses.",)


def test_a_question_asked_again_gets_the_same_facts_said_another_way():
    first = respond("What are the next steps after this interview?")
    history = [Turn("candidate", "What are the next steps?"), Turn("interviewer", first.utterance)]

    again = respond("How long until I hear back from you?", history=history)

    assert again.answered and "five working days" in again.utterance
    assert again.utterance.startswith("As I mentioned a moment ago: ")
    assert not set(sentences_of(again.utterance)) & set(sentences_of(first.utterance))


def test_an_unknown_how_many_question_is_named_as_a_number():
    reply = respond("How many vacation days do I get?")

    assert not reply.answered and "the number of vacation days" in reply.utterance


def test_a_follow_up_on_a_checklist_item_leaves_out_what_the_item_adds_in_brackets():
    point = "quick redeployment (covering the station themselves, moving someone across)"

    assert _plain_point(point) == "quick redeployment"
    assert _plain_point("re-planning labour: moving cross-trained staff") == "re-planning labour"


def test_half_a_match_is_not_an_answer():
    reply = respond("Do you pay for conferences?")  # "pay" is in the posting, conferences are not

    assert not reply.answered


@pytest.mark.parametrize(
    "text,kind",
    [
        ("What's the salary range?", "question"),
        ("Is this role remote?", "question"),
        ("Could you rephrase that?", "rephrase"),
        ("Sorry, I don't understand the question.", "rephrase"),
        ("Could you repeat that?", "repeat"),
        ("What would I do? First I'd page the on-call lead, then roll back the release and post "
         "a status update for customers within five minutes.", "answer"),
        (INCIDENT.strong, "answer"),
    ],
)  # fmt: skip
def test_it_tells_answers_from_questions_and_requests(text, kind):
    assert respond(text).kind == kind


def test_an_answer_needs_no_reply_of_its_own():
    reply = respond(INCIDENT.strong)

    assert (reply.utterance, reply.answered, reply.sources) == ("", False, ())


def test_a_rephrase_says_the_question_in_other_words():
    for case in CASES:
        reply = respond("Could you rephrase that?", question=case.question)

        assert reply.kind == "rephrase" and reply.utterance
        assert case.question.text not in reply.utterance
        assert reply.utterance.rstrip().endswith("?") or reply.utterance.endswith(".")


def test_a_repeat_request_repeats_the_current_question_only():
    question = CASES[0].question
    dialogue = [
        Turn("interviewer", f"Thanks, that's clear. {question.text}"),
        Turn("candidate", "Do you sponsor work visas?"),
        Turn("interviewer", "I don't have that information. Now, back to my question."),
    ]

    reply = respond("Could you repeat that?", question=question, dialogue=dialogue)

    assert reply.utterance == f"Of course. Here it is again: {question.text}"


def test_questions_and_requests_are_not_scored_as_answers():
    question = CASES[0].question
    plain = [Turn("interviewer", question.text), Turn("candidate", CASES[0].strong)]
    asked = [
        Turn("interviewer", question.text),
        Turn("candidate", "Sorry, what's the salary range?"),
        Turn("interviewer", "The salary range is €55,000 to €68,000 plus equity."),
        Turn("candidate", CASES[0].strong),
    ]

    first = engine.evaluate_answer(question=question, dialogue=plain)
    second = engine.evaluate_answer(question=question, dialogue=asked)

    assert (first.score, first.raw_score) == (second.score, second.raw_score)


# -- summaries ----------------------------------------------------------------------------------


def evaluations(answers):
    return [
        (case.question, engine.evaluate_answer(question=case.question, dialogue=[
            Turn("interviewer", case.question.text), Turn("candidate", answer)]))
        for case, answer in answers
    ]  # fmt: skip


def summarise(pairs):
    transcript = [Turn("candidate", answer) for _, answer in pairs]
    return engine.summarise_interview(
        posting=POSTING, evaluations=evaluations(pairs), transcript=transcript
    )


def test_two_scored_questions_give_a_highlight_and_a_lowlight_naming_their_topics():
    summary = summarise([(CASES[2], CASES[2].strong), (CASES[5], CASES[5].weak)])

    assert summary.highlights and summary.lowlights
    assert "lost a deal" in " ".join(summary.highlights + summary.lowlights)
    assert "production incident" in " ".join(summary.highlights + summary.lowlights)


def test_highlights_quote_the_candidate_verbatim():
    pairs = [(CASES[0], CASES[0].strong), (CASES[1], CASES[1].weak), (CASES[5], CASES[5].strong)]
    said = " ".join(answer for _, answer in pairs)

    summary = summarise(pairs)

    quotes = re.findall(r"“([^”]+)”", " ".join(summary.highlights + summary.lowlights))
    assert quotes and all(q in said for q in quotes)
    assert any("prioritize" in low for low in summary.lowlights)


def test_when_every_answer_scored_the_same_the_summary_says_so_on_the_right_side():
    weak = summarise([(CASES[0], CASES[0].weak), (CASES[1], CASES[1].weak)])
    strong = summarise([(CASES[2], CASES[2].strong), (CASES[5], CASES[5].strong)])

    assert weak.highlights == []
    assert weak.lowlights[0] == "Every answer scored 1/5; no question stood out."
    assert "unhappy customer" in weak.lowlights[1] and "prioritize" in weak.lowlights[2]
    assert strong.highlights[0] == "Every answer scored 5/5; no question stood out."
    assert strong.lowlights == []


# -- generated questions ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 5, 9, 20])
def test_it_generates_exactly_the_number_asked_all_different(count):
    drafts = engine.generate_questions(POSTING, num_questions=count, interview_type="behavioral")

    texts = [d.text for d in drafts.questions]
    assert len(texts) == count == len(set(texts))


def test_generated_questions_are_about_this_role_and_never_a_placeholder_company():
    posting = replace(POSTING, company_name="Demo", title="Barista", description="")

    drafts = engine.generate_questions(posting, num_questions=6, interview_type="general")

    assert all("Barista" in d.text for d in drafts.questions)
    assert not any("Demo" in d.text for d in drafts.questions)
    real = engine.generate_questions(POSTING, num_questions=6, interview_type="general")
    assert any("BrightDesk" in d.text for d in real.questions)
    assert any("helpdesk tools" in d.text for d in real.questions)


def test_generated_rubrics_are_written_in_the_posting_language():
    posting = PostingContext(
        title="Camarero",
        language="es",
        company_name="Casa Pepe",
        description="Buscamos camarero con experiencia en atención al cliente.",
    )

    drafts = engine.generate_questions(posting, num_questions=3, interview_type="behavioral")

    for draft in drafts.questions:
        assert re.search(r"[¿áéíóúñ]", draft.text + draft.score_of_5 + draft.evaluation_criteria)
        assert " the " not in f" {draft.evaluation_criteria} {draft.score_of_1} {draft.score_of_5} "


# -- resumes ------------------------------------------------------------------------------------

RESUME = """Jane Doe
Account Executive, Northwind (2019-2024)
Five years of B2B software sales to mid-market accounts
Tools: Salesforce, HubSpot, Outreach"""


def test_named_crm_products_count_as_crm_experience_and_are_quoted():
    screen = engine.screen_resume(
        resume_text=RESUME,
        eligibility=[Criterion("rec_001", "CRM experience")],
        scoring=[Criterion("rsc_001", "CRM experience")],
    )

    assert screen.eligibility[0].passed
    assert screen.scores[0].score >= 4.0
    assert screen.scores[0].reasons == ["Tools: Salesforce, HubSpot, Outreach"]


def test_five_years_meets_three_plus_years_but_not_ten():
    screen = engine.screen_resume(
        resume_text=RESUME,
        eligibility=[
            Criterion("rec_001", "3+ years of B2B sales experience"),
            Criterion("rec_002", "At least 10 years of B2B sales experience"),
        ],
        scoring=[],
    )

    enough, too_few = screen.eligibility
    assert enough.passed and not too_few.passed
    assert all(reason in RESUME for reason in enough.reasons)
