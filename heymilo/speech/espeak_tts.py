"""Fallback voice: the espeak-ng program (Debian package), robotic but in ~100 languages."""

from __future__ import annotations

import shutil
import subprocess

from heymilo.speech.audio import read_wav
from heymilo.speech.base import SpeechChunk, SpeechUnavailable

LANGUAGES = {"en": "en-us", "es": "es", "fr": "fr-fr", "de": "de", "pt": "pt"}
WORDS_PER_MINUTE = 165


class EspeakTextToSpeech:
    name = "espeak-ng"

    def __init__(self, *, words_per_minute: int = WORDS_PER_MINUTE):
        self.words_per_minute = words_per_minute

    def speak(self, sentence: str, *, language: str = "en", voice: str = "") -> SpeechChunk:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise SpeechUnavailable("espeak-ng is not installed")
        name = voice or LANGUAGES.get(language.split("-")[0].lower(), "en-us")
        completed = subprocess.run(
            [binary, "-v", name, "-s", str(self.words_per_minute), "--stdout", sentence],
            capture_output=True,
            timeout=30,
            check=False,
        )
        if completed.returncode != 0 or not completed.stdout:
            raise SpeechUnavailable(f"espeak-ng failed: {completed.stderr[:200]!r}")
        # espeak-ng streams its WAV, so the header's sizes are placeholders: re-read the data.
        pcm, rate = read_wav(completed.stdout)
        return SpeechChunk(sentence, pcm, rate, self.name)
