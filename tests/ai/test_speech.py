"""The speech score is measured from timing and wording, never guessed."""

from __future__ import annotations

import pytest

from heymilo.ai.base import Turn
from heymilo.ai.speech import filler_rate, speech_score, words_per_minute

CLEAR = (
    "At my last job I handled about forty chats a day. I always confirmed the problem first. "
    "Then I explained the fix in plain words and checked that it worked for the customer."
)
HESITANT = "Um, uh, I I I think, you know, um, like, I uh sort of, um, helped, uh, people."


def interview(answer: str, seconds: float) -> list[Turn]:
    return [
        Turn("interviewer", "Tell me about your work.", 0.0),
        Turn("candidate", answer, 5.0),
        Turn("interviewer", "Thank you.", 5.0 + seconds),
    ]


def test_words_per_minute_come_from_turn_offsets():
    words = len(CLEAR.split())

    assert round(words_per_minute(interview(CLEAR, 15.0))) == round(words * 4)


def test_a_clear_steady_answer_outscores_a_hesitant_one():
    clear = speech_score(interview(CLEAR, 15.0))
    hesitant = speech_score(interview(HESITANT, 15.0))

    assert clear.score > 80
    assert hesitant.score < clear.score - 30
    assert hesitant.components["filler_rate"] > 20


def test_speaking_far_too_fast_lowers_the_pace_component():
    normal = speech_score(interview(CLEAR, 15.0))
    rushed = speech_score(interview(CLEAR, 5.0))

    assert rushed.components["pace"] < normal.components["pace"]
    assert rushed.score < normal.score


def test_an_empty_transcript_scores_zero_and_says_it_is_local():
    score = speech_score([])

    assert score.score == 0
    assert score.provenance.engine == "local"
    assert score.provenance.model == "speech-features"


def test_filler_rate_counts_per_hundred_words():
    assert filler_rate("um I think uh yes") == 40.0


def spoken(answer: str, *, words_per_second: float, pause_after: int = 0, pause: float = 0.0):
    """A spoken answer's word timings: the recogniser's, as the turn stores them."""
    timed, at = [], 0.0
    for index, word in enumerate(answer.split(), start=1):
        timed.append({"text": word, "start": at, "end": at + 0.3, "probability": 0.9})
        at += 1 / words_per_second + (pause if pause_after and index % pause_after == 0 else 0)
    return tuple(timed)


def test_spoken_answers_are_paced_by_their_words_not_by_the_next_turn():
    words = spoken(CLEAR, words_per_second=2.5)
    transcript = [
        Turn("interviewer", "Tell me about your work.", 0.0),
        Turn("candidate", CLEAR, 5.0, words=words),
        Turn("interviewer", "Thank you.", 65.0),  # a minute later: thinking, a slow network
    ]
    wpm = words_per_minute(transcript)
    spoken_seconds = words[-1]["end"] - words[0]["start"]
    assert wpm == pytest.approx(len(words) * 60 / spoken_seconds)
    assert 140 < wpm < 160  # the gap to the next turn would have said 33 wpm
    assert speech_score(transcript).components["pace"] == 1.0


def test_long_silences_between_words_lower_the_pauses_component():
    def scored(pause: float):
        words = spoken(CLEAR, words_per_second=2.5, pause_after=6, pause=pause)
        return speech_score([Turn("candidate", CLEAR, 0.0, words=words)])

    fluent, halting = scored(0.0), scored(2.0)
    assert fluent.components["pauses"] == 1.0 and fluent.components["long_pauses_per_minute"] == 0
    assert halting.components["long_pauses_per_minute"] > 5
    assert halting.components["pauses"] < 1.0 and halting.score < fluent.score


def test_typed_answers_have_a_neutral_pauses_component():
    assert speech_score(interview(CLEAR, 15.0)).components["pauses"] == 0.7
