"""Speech through an OpenAI-compatible endpoint (`/audio/transcriptions`, `/audio/speech`)."""

import io
import wave

from django.conf import settings

from heymilo.speech.base import SAMPLE_RATE


def _client():
    from openai import OpenAI

    return OpenAI(
        base_url=settings.AI_BASE_URL or None,
        api_key=settings.AI_API_KEY or "unused",
        timeout=settings.AI_TIMEOUT,
        max_retries=settings.AI_MAX_RETRIES,
    )


def pcm_to_wav(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)
    return buffer.getvalue()


class OpenAISpeechToText:
    name = "openai"

    def transcribe(self, pcm: bytes) -> str:
        result = _client().audio.transcriptions.create(
            model=settings.SPEECH_TO_TEXT_MODEL, file=("answer.wav", pcm_to_wav(pcm))
        )
        return result.text.strip()


class OpenAITextToSpeech:
    name = "openai"

    def synthesize(self, text: str, *, language: str, voice: str = "") -> bytes | None:
        response = _client().audio.speech.create(
            model=settings.TEXT_TO_SPEECH_MODEL,
            voice=voice or "alloy",
            input=text,
            response_format="wav",
        )
        return response.read()
