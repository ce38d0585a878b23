"""The scripted conversations of ``tests/ai/conversations.py``, played through the local engine."""

from __future__ import annotations

import pytest

from heymilo.ai import LocalEngine
from tests.ai.conversations import CONVERSATIONS, play_all


@pytest.fixture(scope="module")
def tally():
    return play_all(LocalEngine())


def test_there_are_at_least_thirty_conversations():
    assert len(CONVERSATIONS) >= 30


def test_no_line_reads_the_rubric_out_or_repeats_a_sentence(tally):
    assert tally.follow_ups >= 30
    assert tally.rubric_quotes == 0
    assert tally.repeats == 0


def test_follow_ups_take_up_the_answer_or_ask_for_what_it_missed(tally):
    assert tally.grounded / tally.follow_ups >= 0.5
    assert tally.on_point / tally.follow_ups >= 0.8
    assert tally.not_questions == 0


def test_every_utterance_is_told_apart_and_candidate_questions_are_answered(tally):
    assert tally.classified == tally.utterances
    assert tally.answered / tally.questions >= 0.8
    assert tally.honest == tally.unknowns
