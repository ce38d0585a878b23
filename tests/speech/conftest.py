"""Real models and real synthetic speech: Piper and espeak-ng speak, Whisper and Silero listen.

The models load once per test session (a few tenths of a second each); audio is made at test
time, so nothing here is a recording of unknown licence.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from heymilo.speech.audio import pcm_to_float, read_wav
from heymilo.speech.base import SAMPLE_RATE, provider
from heymilo.speech.resample import resample


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * SAMPLE_RATE)), dtype=np.float32)


def speech_onset(samples: np.ndarray, threshold: float = 0.02) -> float:
    """Where the audio first rises above -34 dBFS (the true start of the words)."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return float(loud[0]) / SAMPLE_RATE


def speech_end(samples: np.ndarray, threshold: float = 0.02) -> float:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return float(loud[-1] + 1) / SAMPLE_RATE


def trimmed(samples: np.ndarray) -> np.ndarray:
    """The words without the voice's own leading and trailing silence."""
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[max(0, loud[0] - 800) : loud[-1] + 800]


@pytest.fixture(scope="session")
def whisper():
    return provider("stt", "whisper")


@pytest.fixture(scope="session")
def piper():
    return provider("tts", "piper")


@pytest.fixture(scope="session")
def say(piper):
    """`text` spoken by Piper (joe), as 16 kHz float samples without edge silence."""

    def speak(text: str) -> np.ndarray:
        chunk = piper.speak(text, language="en")
        return trimmed(resample(pcm_to_float(chunk.pcm), chunk.sample_rate, SAMPLE_RATE))

    return speak


@pytest.fixture(scope="session")
def espeak():
    """`text` spoken by the espeak-ng program, 16 kHz float samples."""
    binary = shutil.which("espeak-ng")
    assert binary, "espeak-ng is missing: `make test` installs it (apt)."

    def speak(text: str, voice: str = "en-us", speed: int = 160) -> np.ndarray:
        wav = subprocess.run(
            [binary, "-v", voice, "-s", str(speed), "--stdout", text],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout
        pcm, rate = read_wav(wav)
        return trimmed(resample(pcm_to_float(pcm), rate, SAMPLE_RATE))

    return speak
