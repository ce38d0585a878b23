"""The speech interfaces: what a recogniser returns, what a voice yields, and how one is chosen.

A provider is one module holding one class that satisfies `SpeechToText` or `TextToSpeech`;
adding one means adding the module and its line in `RECOGNIZERS` or `VOICES`. Callers use
`get_stt()` / `get_tts()` (in `heymilo.speech.chain`), which wrap the configured provider in
a fallback chain: remote → embedded → nothing, never dead air.
"""

from __future__ import annotations

import functools
import importlib
import os
from dataclasses import dataclass, field
from typing import Protocol

SAMPLE_RATE = 16_000  # what the page sends and Whisper hears: mono signed 16-bit little-endian PCM

# name → "module.Class"; the first embedded entry of each is the fallback.
RECOGNIZERS = {
    "whisper": "heymilo.speech.whisper_stt.WhisperSpeechToText",
    "openai": "heymilo.speech.openai_speech.OpenAISpeechToText",
}
EMBEDDED_RECOGNIZERS = ("whisper",)
VOICES = {
    "piper": "heymilo.speech.piper_tts.PiperTextToSpeech",
    "espeak-ng": "heymilo.speech.espeak_tts.EspeakTextToSpeech",
    "openai": "heymilo.speech.openai_speech.OpenAITextToSpeech",
}
EMBEDDED_VOICES = ("piper", "espeak-ng")


class SpeechUnavailable(Exception):
    """This provider cannot serve the request (not installed, wrong language, endpoint down)."""


@dataclass(frozen=True)
class Word:
    text: str
    start: float  # seconds from the start of the audio that was recognised
    end: float
    probability: float = 1.0


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[Word, ...] = ()
    provider: str = ""
    language: str = "en"
    audio_seconds: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class SpeechChunk:
    """One sentence spoken: mono PCM16 little-endian at `sample_rate`."""

    text: str
    pcm: bytes
    sample_rate: int
    provider: str = ""
    cached: bool = field(default=False, compare=False)

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class SpeechToText(Protocol):
    name: str

    def recognize(self, pcm: bytes, *, language: str = "en", prompt: str = "") -> Transcript:
        """Text (with word timings where the provider has them) of 16 kHz mono PCM16.

        An empty transcript means nothing intelligible was said; `SpeechUnavailable` means
        this provider could not listen at all, so the chain tries the next one.
        """


class TextToSpeech(Protocol):
    name: str

    def speak(self, sentence: str, *, language: str, voice: str = "") -> SpeechChunk:
        """One sentence spoken; raises `SpeechUnavailable` when this provider cannot say it."""


def usable_cores() -> int:
    """Cores this process may run on (taskset and container limits narrow os.cpu_count())."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@functools.cache
def provider(table: str, name: str):
    """One instance per provider and process: models load once and are shared by threads."""
    path = {"stt": RECOGNIZERS, "tts": VOICES}[table].get(name)
    if path is None:
        raise SpeechUnavailable(f"unknown {table} provider {name!r}")
    module, _, cls = path.rpartition(".")
    return getattr(importlib.import_module(module), cls)()
