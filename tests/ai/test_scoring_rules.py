"""The local scorer reads rubrics as recruiters write them, and is hard to game."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from heymilo.ai import LocalEngine
from heymilo.ai.base import QuestionSpec, Turn
from heymilo.ai.rubric import read_rubric
from tests.ai.cases import CASES, OFF_TOPIC, ONE_WORD, stuffed

engine = LocalEngine()
CASE_IDS = [case.name for case in CASES]

# A knowledge question written three ways: as a reference answer, as a recruiter's rubric whose
# score_of_5 is a model answer, and as a checklist.
TCP = "Explain the difference between TCP and UDP."
MODEL_ANSWER = (
    "TCP is connection-oriented and reliable: it retransmits lost segments and keeps them in "
    "order. UDP is connectionless, unreliable and faster, with a smaller header."
)
AS_REFERENCE = QuestionSpec(id="K1", text=TCP, reference_answer=MODEL_ANSWER)
AS_RUBRIC = QuestionSpec(
    id="K1",
    text=TCP,
    evaluation_criteria=f"Judge how fully and correctly the candidate answers: {TCP} Look for "
    "the points a model answer makes, in any wording.",
    score_of_1="The answer is wrong, off topic or empty.",
    score_of_5=MODEL_ANSWER,
)
AS_CHECKLIST = replace(
    AS_RUBRIC,
    score_of_5=(
        "The candidate covers each of these points:\n"
        "- TCP is connection-oriented\n- TCP retransmits lost segments in order\n"
        "- UDP is connectionless and faster"
    ),
)
ANSWERS = [
    "TCP sets up a connection and resends lost packets so data arrives in order; UDP just sends "
    "datagrams without a connection, which is faster but unreliable.",
    "TCP is reliable and UDP is not.",
    "They are both protocols.",
    "No idea.",
]


def score(question: QuestionSpec, answer: str):
    return engine.evaluate_answer(question=question, dialogue=[Turn("candidate", answer)])


def test_a_model_answer_in_score_of_5_scores_like_the_same_reference_answer():
    by_reference = [score(AS_REFERENCE, a).score for a in ANSWERS]
    by_rubric = [score(AS_RUBRIC, a).score for a in ANSWERS]

    assert by_rubric == by_reference
    assert by_rubric[0] >= 4 and by_rubric[-1] == 1


def test_criteria_prose_about_judging_is_not_content():
    judging = "I would judge how fully and correctly the candidate answers, looking for points."

    assert score(AS_RUBRIC, judging).score <= 2


def test_a_checklist_is_covered_item_by_item():
    one_item = score(AS_CHECKLIST, "TCP is connection-oriented.")
    all_items = score(AS_CHECKLIST, ANSWERS[0])

    assert "Not covered:" in one_item.summary and "Covered: tcp is connection-oriented" in (
        one_item.summary
    )
    assert all_items.raw_score > one_item.raw_score


def test_a_score_of_1_description_pulls_a_matching_answer_down():
    criteria = "Assess self-awareness, resilience, and ability to learn from failure."
    blames = replace(CASES[2].question, evaluation_criteria=criteria)  # score_of_1: blames others
    neutral = replace(blames, score_of_1="No answer.")
    blaming = (
        "Last year I lost a $40K renewal to a cheaper competitor. Honestly it came down to "
        "external factors: the market and pricing, so I blame the economy more than anything."
    )

    assert score(blames, blaming).raw_score < score(neutral, blaming).raw_score


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_stringing_the_rubric_words_together_scores_two_at_most(case):
    result = score(case.question, stuffed(case.question))

    assert result.score <= 2
    assert "lists the rubric's own words" in result.summary


DESCRIBED = [c for c in CASES if read_rubric(c.question).descriptive]


@pytest.mark.parametrize("case", DESCRIBED, ids=[c.name for c in DESCRIBED])
def test_the_rubric_said_back_in_a_sentence_scores_two_at_most_under_a_description(case):
    """(Under a model answer or a checklist, saying it in sentences is answering.)"""
    words = stuffed(case.question).removeprefix("I always show ").replace(",", "").rstrip(".")
    result = score(case.question, f"In my work I always show {words}.")

    assert result.score <= 2
    assert "repeats the rubric's own words" in result.summary


def test_a_checklist_read_back_as_a_list_scores_two_at_most_but_said_as_a_story_it_counts():
    case = next(c for c in CASES if c.name == "warehouse-cutoff")
    listed = score(case.question, stuffed(case.question))

    assert listed.score <= 2
    assert score(case.question, case.strong).raw_score > listed.raw_score


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_off_topic_and_one_word_answers_score_two_at_most(case):
    assert score(case.question, OFF_TOPIC).score <= 2
    assert score(case.question, ONE_WORD).score <= 2


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_paraphrase_scores_within_one_point_of_the_original(case):
    original, paraphrase = score(case.question, case.strong), score(case.question, case.paraphrase)

    assert abs(original.score - paraphrase.score) <= 1
    assert original.score > score(case.question, case.weak).score


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_same_answer_always_gets_the_same_score(case):
    first, again = score(case.question, case.strong), score(case.question, case.strong)

    assert (first.score, first.raw_score, first.summary) == (
        again.score,
        again.raw_score,
        again.summary,
    )


def test_a_sentence_encoder_sees_no_name_or_gender():
    answer = "Maria here. She told her manager and he thanked her; John agreed with him."
    swapped = "John here. He told his manager and she thanked him; Maria agreed with her."

    assert score(CASES[0].question, answer).raw_score == score(CASES[0].question, swapped).raw_score


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_quote_in_a_summary_is_the_candidates_own_words(case):
    for answer in (case.strong, case.weak, case.paraphrase):
        result = score(case.question, answer)
        quoted = re.findall(r"“([^”]+)”", result.summary)

        assert all(q in answer for q in quoted)
        assert all(e in answer for e in result.evidence)


@pytest.mark.parametrize(
    "answer,verdict",
    [(CASES[0].strong, "Strong answer"), (CASES[0].weak, "Very weak answer")],
)
def test_the_summary_opens_with_a_verdict_that_matches_the_score(answer, verdict):
    result = score(CASES[0].question, answer)

    assert result.summary.startswith(f"{verdict} ({result.score}/5).")


def test_an_example_that_was_given_is_never_called_missing():
    result = score(CASES[5].question, CASES[5].strong)  # an incident told event by event

    assert "No specific past example" not in result.summary
    assert "Gives a concrete example." in result.summary
