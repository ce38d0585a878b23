"""Hands-free listening for one connection: turn detection plus incremental recognition.

The consumer creates one `Listener` per websocket, pushes every binary frame to it in arrival
order (from one thread at a time: `await asyncio.to_thread(listener.push, frame)`), and acts
on the events each push returns:

- `SpeechStarted` — the candidate started talking: if the interviewer is speaking, stop the
  audio (barge-in) and `arm()`;
- `Caption` — the words so far, for the live caption;
- `EndOfTurn` — the answer, with word timings (`transcript`), its audio (`pcm`, for a remote
  recogniser via `RecognizerChain.refine`) and the silence that ended it; the listener
  disarms itself: call `arm()` once the interviewer's next turn has been said;
- `LongSilence` — armed and nothing said for a while: a gentle prompt.

`finish_now()` is the "Done" button: the answer ends at once, whatever the silence.
Audio times (`at`, `started`, `ended`) are seconds of the stream, counted from its first
sample, so they are exact and repeatable for recorded audio.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from heymilo.speech.audio import float_to_pcm, pcm_to_float
from heymilo.speech.base import SAMPLE_RATE, Transcript
from heymilo.speech.streaming import IncrementalRecognizer
from heymilo.speech.turns import (
    LongSilence,
    SpeechPaused,
    SpeechStarted,
    TurnDetector,
    TurnSettings,
)

log = logging.getLogger(__name__)

PRE_ROLL = 0.3  # seconds kept before the detected onset: the VAD is ~1–3 windows late
RING = SAMPLE_RATE  # one second of history while nobody speaks
SETTLE_AFTER = 0.1  # seconds of silence before the "probably final" decode starts
ASK_AGAIN = 2.0  # seconds after which a settle decode that never came is asked for again

__all__ = ["Caption", "EndOfTurn", "Listener", "LongSilence", "SpeechStarted", "TurnSettings"]


@dataclass(frozen=True)
class Caption:
    text: str
    at: float


@dataclass(frozen=True)
class EndOfTurn:
    transcript: Transcript
    pcm: bytes  # the utterance, 16 kHz PCM16, from PRE_ROLL before the onset
    started: float  # stream seconds where the utterance's audio begins
    ended: float  # stream seconds where the speech stopped
    silence: float  # the silence that ended it (0 for "Done")
    armed: bool  # False: said while the interviewer had the turn (a barge-in, a "mm-hmm")
    decoded_at: float = 0.0  # time.monotonic() when the final transcript was ready


class Listener:
    def __init__(
        self,
        stt=None,
        *,
        settings: TurnSettings | None = None,
        language: str = "en",
        recognizer_options: dict | None = None,
    ):
        if stt is None:
            from heymilo.speech.base import provider

            stt = provider("stt", "whisper")
        self.stt, self.language = stt, language
        # Captions are redone anyway: a recogniser that has a cheaper mode uses it for them.
        captions = stt.greedy() if hasattr(stt, "greedy") else stt
        self.recognizer_options = {"caption_stt": captions, **(recognizer_options or {})}
        self.detector = TurnDetector(settings)
        self.ring = np.zeros(0, dtype=np.float32)
        self.received = 0  # samples pushed so far
        self.armed = False
        self._reset_utterance()

    def _reset_utterance(self) -> None:
        self.recognizer: IncrementalRecognizer | None = None
        self.utterance: list[np.ndarray] = []
        self.started = 0.0
        self.settled_for: float | None = None  # the pause the settle decode was asked for
        self.settle_asked = 0.0  # stream seconds when it was asked for
        self.caption = ""

    def arm(self) -> None:
        """It is the candidate's turn: long-silence events apply, and an answer already under
        way (they interrupted) is part of it."""
        self.armed = True
        self.detector.arm()

    def disarm(self) -> None:
        self.armed = False
        self.detector.disarm()

    def push(self, pcm: bytes) -> list:
        samples = pcm_to_float(pcm)
        history = np.concatenate([self.ring, samples])
        history_start = self.received - len(self.ring)
        events: list = []
        for event in self.detector.push_samples(samples):
            if isinstance(event, SpeechStarted):
                self._begin(event, history, history_start)
            elif isinstance(event, SpeechPaused):
                self.settled_for = None
            events.append(event)
        if self.recognizer is not None and not any(isinstance(e, SpeechStarted) for e in events):
            self._feed(samples)
        self.received += len(samples)
        self.ring = history[-RING:]
        events.extend(self._after_push())
        return events

    def _begin(self, event: SpeechStarted, history: np.ndarray, history_start: int) -> None:
        first = max(history_start, int((event.at - PRE_ROLL) * SAMPLE_RATE))
        self.recognizer = IncrementalRecognizer(
            self.stt, language=self.language, **self.recognizer_options
        )
        self.started = first / SAMPLE_RATE
        self._feed(history[first - history_start :])

    def _feed(self, samples: np.ndarray) -> None:
        self.utterance.append(samples)
        self.recognizer.feed(samples, caption=self.detector.state.speaking)

    def _after_push(self) -> list:
        if self.recognizer is None:
            return []
        events = self._caption()
        silence = self.detector.silence
        if silence >= SETTLE_AFTER and self.settled_for != self.detector.state.paused_at:
            self.settled_for = self.detector.state.paused_at
            self.settle_asked = self.detector.now
            self.recognizer.settle()
        ended = self._turn_ended()
        if ended is not None:
            events.append(self._end(silence=ended))
        return events

    def _caption(self) -> list:
        text = self.recognizer.transcript().text
        if text == self.caption:
            return []
        self.caption = text
        return [Caption(text, at=round(self.detector.now, 3))]

    def _turn_ended(self) -> float | None:
        """The ending silence, once the decode of the whole utterance confirms the words."""
        paused_at = self.detector.state.paused_at
        if paused_at is None or self.settled_for != paused_at:
            return None
        settled = paused_at + SETTLE_AFTER - self.started
        heard_all = self.recognizer.covered() >= int(settled * SAMPLE_RATE)
        if not heard_all and not self.recognizer.failures:
            # The settle decode is late (a busy machine): wait for it on a later frame rather
            # than block this one, so the voice activity of this stream keeps flowing; if it
            # seems lost, ask again — an answer must never wait for a decode nobody runs.
            if self.detector.now - self.settle_asked >= ASK_AGAIN:
                self.settle_asked = self.detector.now
                self.recognizer.settle()
            return None
        return self.detector.turn_ended(self.recognizer.transcript().text)

    def finish_now(self) -> EndOfTurn | None:
        """The "Done" button: end the answer now (None if nothing was said)."""
        if self.recognizer is None:
            return None
        return self._end(silence=0.0)

    def _end(self, *, silence: float) -> EndOfTurn:
        paused_at = self.detector.state.paused_at
        try:
            # After a pause the settle decode has heard it all (or failed: keep what there is);
            # "Done" mid-word decodes the rest now.
            transcript = self.recognizer.transcript() if silence else self.recognizer.finish()
        except Exception:  # the consumer offers typing; the interview goes on
            log.exception("embedded recognition failed")
            transcript = Transcript("", provider="none", language=self.language)
        audio = np.concatenate(self.utterance) if self.utterance else np.zeros(0, np.float32)
        event = EndOfTurn(
            transcript=transcript,
            pcm=float_to_pcm(audio),
            started=round(self.started, 3),
            ended=round(paused_at if paused_at is not None else self.detector.now, 3),
            silence=silence,
            armed=self.armed,
            decoded_at=self.recognizer.decoded_at(),
        )
        self._reset_utterance()
        self.disarm()
        return event
