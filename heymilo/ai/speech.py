"""Speech score 0–100 from the transcript's timing and wording — never an LLM guess.

Components (each 0..1, weights in ``WEIGHTS``):
- ``pace``: words per minute. Spoken answers carry the recogniser's word timings: their words
  over the time from the first word's start to the last word's end. Without any (typed
  answers), the gap to the next turn stands in for each answer's duration. 110–170 wpm is
  ideal, falling to 0 at 60 and 240.
- ``pauses``: silences of a second or more between the words of spoken answers, per minute of
  speech; up to 4 a minute is ideal (thinking is allowed), falling to 0 at 15. Neutral (0.7)
  without timings, like an unknown pace.
- ``fillers``: filler words ("um", "uh", "you know") per 100 words; none is ideal, 8+ scores 0.
- ``length``: mean words per answer; 40–200 is ideal, very short answers score low.
- ``clarity``: sentence length near 8–25 words and little immediate word repetition ("I I I").
"""

from __future__ import annotations

import time

from heymilo.ai.base import Provenance, SpeechScore, Turn
from heymilo.ai.text import FILLER_PHRASES, FILLERS, sentences, words

SPEECH_VERSION = "speech.v2"
WEIGHTS = {"pace": 0.25, "pauses": 0.10, "fillers": 0.25, "length": 0.15, "clarity": 0.25}
LONG_PAUSE = 1.0  # seconds of silence between two words that count as a pause
UNKNOWN = 0.7  # a component that cannot be measured (no timing) is neutral, not punished


def _band(
    value: float, low_zero: float, low_ideal: float, high_ideal: float, high_zero: float
) -> float:
    """1 inside [low_ideal, high_ideal], falling linearly to 0 at the outer bounds."""
    if low_ideal <= value <= high_ideal:
        return 1.0
    if value < low_ideal:
        return max(0.0, (value - low_zero) / (low_ideal - low_zero))
    return max(0.0, (high_zero - value) / (high_zero - high_ideal))


def _timed(transcript: list[Turn]) -> list[tuple]:
    """The word timings of spoken candidate answers with at least two words."""
    return [
        turn.words for turn in transcript if turn.speaker == "candidate" and len(turn.words) >= 2
    ]


def _spoken_seconds(words: tuple) -> float:
    return max(0.0, words[-1]["end"] - words[0]["start"])


def words_per_minute(transcript: list[Turn]) -> float | None:
    """Candidate words per minute: from word timings when answers were spoken, else from the
    gap to the next turn as each answer's duration."""
    timed = _timed(transcript)
    if timed:
        seconds = sum(_spoken_seconds(words) for words in timed)
        count = sum(len(words) for words in timed)
        return count / (seconds / 60.0) if seconds > 0 else None
    total_words = 0
    total_seconds = 0.0
    for turn, following in zip(transcript, transcript[1:], strict=False):
        duration = following.offset - turn.offset
        if turn.speaker != "candidate" or duration <= 0:
            continue
        total_words += len(words(turn.text))
        total_seconds += duration
    if total_seconds <= 0 or total_words == 0:
        return None
    return total_words / (total_seconds / 60.0)


def long_pauses_per_minute(transcript: list[Turn]) -> float | None:
    """Silences of LONG_PAUSE or more between the words of spoken answers, per minute."""
    timed = _timed(transcript)
    seconds = sum(_spoken_seconds(words) for words in timed)
    if seconds <= 0:
        return None
    pauses = sum(
        1
        for answer in timed
        for before, after in zip(answer, answer[1:], strict=False)
        if after["start"] - before["end"] >= LONG_PAUSE
    )
    return pauses / (seconds / 60.0)


def filler_rate(text: str) -> float:
    """Fillers per 100 words."""
    tokens = words(text)
    if not tokens:
        return 0.0
    lowered = text.lower()
    count = sum(1 for t in tokens if t in FILLERS)
    count += sum(lowered.count(p) for p in FILLER_PHRASES)
    return 100.0 * count / len(tokens)


def clarity(text: str) -> float:
    parts = sentences(text)
    if not parts:
        return 0.0
    mean_sentence = sum(len(words(s)) for s in parts) / len(parts)
    tokens = words(text)
    stutters = sum(1 for a, b in zip(tokens, tokens[1:], strict=False) if a == b)
    repetition_penalty = min(1.0, 10.0 * stutters / max(1, len(tokens)))
    return _band(mean_sentence, 2, 8, 25, 60) * (1.0 - 0.5 * repetition_penalty)


def speech_components(transcript: list[Turn]) -> dict[str, float]:
    answers = [t.text for t in transcript if t.speaker == "candidate" and t.text.strip()]
    if not answers:
        return {name: 0.0 for name in WEIGHTS} | {
            "wpm": 0.0,
            "filler_rate": 0.0,
            "long_pauses_per_minute": 0.0,
            "timed_answers": 0,
        }
    joined = " ".join(answers)
    wpm = words_per_minute(transcript)
    pauses = long_pauses_per_minute(transcript)
    rate = filler_rate(joined)
    mean_words = len(words(joined)) / len(answers)
    return {
        "pace": round(_band(wpm, 60, 110, 170, 240), 3) if wpm is not None else UNKNOWN,
        "pauses": round(_band(pauses, -1, 0, 4, 15), 3) if pauses is not None else UNKNOWN,
        "fillers": round(max(0.0, 1.0 - rate / 8.0), 3),
        "length": round(_band(mean_words, 3, 40, 200, 500), 3),
        "clarity": round(clarity(joined), 3),
        "wpm": round(wpm or 0.0, 1),
        "filler_rate": round(rate, 2),
        "long_pauses_per_minute": round(pauses or 0.0, 2),
        "timed_answers": len(_timed(transcript)),
    }


def speech_score(transcript: list[Turn]) -> SpeechScore:
    components = speech_components(transcript)
    score = 100.0 * sum(weight * components[name] for name, weight in WEIGHTS.items())
    provenance = Provenance(
        engine="local",
        model="speech-features",
        prompt_version=SPEECH_VERSION,
        created_at=time.time(),
    )
    return SpeechScore(score=round(score, 1), components=components, provenance=provenance)
