from typing import Protocol

SAMPLE_RATE = 16_000  # what the page sends: mono signed 16-bit little-endian PCM


class SpeechToText(Protocol):
    name: str

    def transcribe(self, pcm: bytes) -> str:
        """Text of 16 kHz mono PCM16 audio; "" when nothing intelligible was said."""


class TextToSpeech(Protocol):
    name: str

    def synthesize(self, text: str, *, language: str, voice: str = "") -> bytes | None:
        """A WAV file of `text` spoken, or None when this machine cannot speak."""
