"""When has the candidate finished speaking? Voice activity plus what they said so far.

`TurnDetector` turns a live 16 kHz PCM16 stream into events, deterministically from the
samples (no clocks, no threads), so recorded audio always gives the same events:

- `SpeechStarted(at)` — speech began (after `min_speech` of it: a cough is not a barge-in);
- `SpeechPaused(at)` — speech stopped; the silence clock runs from here;
- `SpeechResumed(at, pause)` — they went on; the pause is remembered (it tunes the patience);
- `LongSilence(at, seconds)` — armed for an answer and nothing said for `prompt_after` s
  (repeated every `prompt_after` s): time for a gentle prompt, never a skip.

Whether a pause ends the turn depends on the words: `turn_ended(text)` compares the silence so
far with `required_silence(text)` — shorter after a finished sentence, much longer after "and",
"because", "um", a comma or a trailing "…", and never shorter than the speaker's own usual
mid-answer pauses. `base_silence` is the posting's setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from heymilo.speech.audio import pcm_to_float
from heymilo.speech.vad import SILENCE_THRESHOLD, SPEECH_THRESHOLD, WINDOW_SECONDS, SileroStream


@dataclass(frozen=True)
class TurnSettings:
    base_silence: float = 0.7  # seconds of silence that end an ordinary turn (per posting)
    finished_factor: float = 0.75  # after a clearly finished sentence
    unfinished_factor: float = 2.0  # after "and", "um", a comma, "…"
    max_silence: float = 3.0  # never wait longer than this once they have spoken
    min_silence: float = 0.45
    pause_factor: float = 1.2  # at least this × the speaker's usual long pause
    min_speech: float = 0.06  # speech this long starts a turn (or interrupts the interviewer)
    resume_speech: float = 0.06  # speech this long after a pause continues the turn
    prompt_after: float = 12.0  # silence before the first word that earns a gentle prompt

    @classmethod
    def for_posting(cls, base_silence: float | None = None, **overrides) -> TurnSettings:
        if base_silence is not None:
            overrides["base_silence"] = min(3.0, max(0.4, float(base_silence)))
        return cls(**overrides)


# Words after which a sentence is not over: conjunctions, fillers, articles, possessives,
# prepositions that need an object. ("I think so." waits longer too: patience is cheaper than
# cutting someone off.)
CONTINUATION_WORDS = frozenset((
    "and", "but", "so", "or", "because", "cause", "since", "although", "though", "while",
    "whereas", "if", "unless", "until", "then", "also", "plus", "which", "who", "whom",
    "whose", "where", "um", "umm", "uh", "uhh", "er", "erm", "hmm", "mm", "the", "a", "an",
    "my", "our", "their", "his", "her", "its", "your", "to", "of", "for", "with", "from",
    "into", "than", "as",
))  # fmt: skip
_UNFINISHED_ENDINGS = ("…", "...", ",", ";", ":", "-", "—")
_FINISHED = re.compile(r"[.!?][\"'”’)]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z']+")
# Whisper puts a full stop on any fragment followed by silence ("I would first."); a sentence
# this short is not *clearly* finished, so it gets the ordinary silence, not the short one.
FINISHED_MIN_WORDS = 5


def sentence_state(text: str) -> str:
    """'finished', 'unfinished' or 'unknown' for the words heard so far."""
    text = text.strip()
    if not text:
        return "unknown"
    words = _WORD.findall(text.lower())
    if text.endswith(_UNFINISHED_ENDINGS) or (words and words[-1] in CONTINUATION_WORDS):
        return "unfinished"  # Whisper often adds a period to "…and": the word decides
    last_sentence = _SENTENCE_END.split(text)[-1]
    long_enough = len(_WORD.findall(last_sentence.lower())) >= FINISHED_MIN_WORDS
    return "finished" if _FINISHED.search(text) and long_enough else "unknown"


def required_silence(text: str, settings: TurnSettings, usual_pause: float = 0.0) -> float:
    factor = {"finished": settings.finished_factor, "unfinished": settings.unfinished_factor}
    silence = settings.base_silence * factor.get(sentence_state(text), 1.0)
    silence = max(silence, settings.pause_factor * usual_pause)
    return round(min(settings.max_silence, max(settings.min_silence, silence)), 3)


@dataclass(frozen=True)
class SpeechStarted:
    at: float


@dataclass(frozen=True)
class SpeechPaused:
    at: float


@dataclass(frozen=True)
class SpeechResumed:
    at: float
    pause: float


@dataclass(frozen=True)
class LongSilence:
    at: float
    seconds: float


@dataclass
class _State:
    speaking: bool = False
    run: int = 0  # consecutive windows on the other side of the threshold
    run_start: float = 0.0
    paused_at: float | None = None  # set while silent after speech in this turn
    spoke: bool = False
    armed_at: float | None = None  # None: the interviewer's turn (only barge-in matters)
    prompts: int = 0


class TurnDetector:
    def __init__(self, settings: TurnSettings | None = None):
        self.settings = settings or TurnSettings()
        self.vad = SileroStream()
        self.windows = 0
        self.state = _State()
        self.pauses: list[float] = []  # kept across turns: the speaker's habits

    @property
    def now(self) -> float:
        """Seconds of audio consumed (the stream's own clock)."""
        return self.windows * WINDOW_SECONDS

    def arm(self) -> None:
        """The candidate's turn begins (a fresh long-silence clock). Speech already under way
        (a barge-in) stays part of this answer."""
        self.state.armed_at, self.state.prompts = self.now, 0

    def disarm(self) -> None:
        """The turn ended (or the interviewer speaks): the next speech is a new utterance."""
        self.state = _State(speaking=self.state.speaking, spoke=self.state.speaking)

    def push(self, pcm: bytes) -> list:
        return self.push_samples(pcm_to_float(pcm))

    def push_samples(self, samples: np.ndarray) -> list:
        events: list = []
        for probability in self.vad.probabilities(samples):
            self.windows += 1
            events.extend(self._step(float(probability)))
        return events

    @property
    def silence(self) -> float:
        """Seconds since speech paused in this turn; 0 while speaking or before any speech."""
        paused = self.state.paused_at
        return 0.0 if paused is None or self.state.speaking else self.now - paused

    @property
    def usual_pause(self) -> float:
        """The speaker's long mid-answer pauses: the 80th percentile of the last ten."""
        recent = self.pauses[-10:]
        return float(np.percentile(recent, 80)) if len(recent) >= 2 else 0.0

    def turn_ended(self, text: str) -> float | None:
        """The silence that ended the turn, if the pause is long enough for these words."""
        if not self.state.spoke or self.state.speaking or self.state.paused_at is None:
            return None
        needed = required_silence(text, self.settings, self.usual_pause)
        return needed if self.silence >= needed else None

    def _step(self, probability: float) -> list:
        state, settings = self.state, self.settings
        start = self.now - WINDOW_SECONDS  # this window's start time
        voiced = probability >= (SILENCE_THRESHOLD if state.speaking else SPEECH_THRESHOLD)
        if voiced == state.speaking:
            state.run = 0
            return self._maybe_prompt() if not state.speaking else []
        if state.run == 0:
            state.run_start = start
        state.run += 1
        if state.speaking:  # a silent window ends speech at once; the pause length decides
            state.speaking, state.run = False, 0
            state.paused_at = state.run_start
            return [SpeechPaused(at=round(state.run_start, 3))]
        needed = settings.resume_speech if state.paused_at is not None else settings.min_speech
        if state.run * WINDOW_SECONDS + 1e-9 < needed:
            return []
        return self._speech_begins()

    def _speech_begins(self) -> list:
        state = self.state
        state.speaking, state.run = True, 0
        if state.paused_at is not None:
            pause = state.run_start - state.paused_at
            state.paused_at = None
            if pause >= 0.25:  # short gaps between words say nothing about patience
                self.pauses.append(pause)
            return [SpeechResumed(at=round(state.run_start, 3), pause=round(pause, 3))]
        state.spoke = True
        return [SpeechStarted(at=round(state.run_start, 3))]

    def _maybe_prompt(self) -> list:
        state = self.state
        if state.spoke or state.armed_at is None:
            return []
        waited = self.now - state.armed_at
        if waited + 1e-9 < self.settings.prompt_after * (state.prompts + 1):
            return []
        state.prompts += 1
        return [LongSilence(at=round(self.now, 3), seconds=round(waited, 3))]
