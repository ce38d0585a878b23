"""The speech score is measured from timing and wording, never guessed."""

from __future__ import annotations

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
