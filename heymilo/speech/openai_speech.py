"""Remote speech through an OpenAI-compatible endpoint (`/audio/transcriptions`, `/audio/speech`).

Recognition asks for `verbose_json` with word timestamps; servers that refuse it (many
compatible ones only know `json`) are asked again for plain text, and remembered, so the
report still gets the words, only without timings. Speech is requested sentence by sentence,
so the first sentence plays while the next is made. Any failure raises `SpeechUnavailable`
and the chain moves on to the embedded provider.
"""

from __future__ import annotations

import threading

from django.conf import settings

from heymilo.speech.audio import duration, read_wav, wav_bytes
from heymilo.speech.base import SpeechChunk, SpeechUnavailable, Transcript, Word


def _client():
    from openai import OpenAI

    return OpenAI(
        base_url=settings.AI_BASE_URL or None,
        api_key=settings.AI_API_KEY or "unused",
        timeout=settings.AI_TIMEOUT,
        max_retries=settings.AI_MAX_RETRIES,
    )


def _unavailable(error: Exception) -> SpeechUnavailable:
    return SpeechUnavailable(f"{type(error).__name__}: {str(error)[:200]}")


class OpenAISpeechToText:
    name = "openai"

    def __init__(self) -> None:
        self.plain_only = False  # set once the server refuses verbose_json
        self.lock = threading.Lock()

    def recognize(self, pcm: bytes, *, language: str = "en", prompt: str = "") -> Transcript:
        import openai

        seconds = duration(pcm)
        try:
            if not self.plain_only:
                try:
                    return self._verbose(pcm, language, prompt, seconds)
                except openai.BadRequestError:
                    with self.lock:
                        self.plain_only = True
            return self._plain(pcm, language, prompt, seconds)
        except openai.OpenAIError as error:
            raise _unavailable(error) from error

    def _request(self, pcm: bytes, language: str, prompt: str, **options):
        extra = {"prompt": prompt} if prompt else {}
        return _client().audio.transcriptions.create(
            model=settings.SPEECH_TO_TEXT_MODEL,
            file=("answer.wav", wav_bytes(pcm)),
            language=language.split("-")[0],
            **extra,
            **options,
        )

    def _verbose(self, pcm: bytes, language: str, prompt: str, seconds: float) -> Transcript:
        result = self._request(
            pcm,
            language,
            prompt,
            response_format="verbose_json",
            timestamp_granularities=["word"],
        )
        words = tuple(
            Word(str(w.word).strip(), float(w.start), float(w.end))
            for w in (getattr(result, "words", None) or ())
            if str(w.word).strip()
        )
        return Transcript(result.text.strip(), words, self.name, language, seconds)

    def _plain(self, pcm: bytes, language: str, prompt: str, seconds: float) -> Transcript:
        result = self._request(pcm, language, prompt)
        return Transcript(result.text.strip(), (), self.name, language, seconds)


class OpenAITextToSpeech:
    name = "openai"

    def speak(self, sentence: str, *, language: str = "en", voice: str = "") -> SpeechChunk:
        import openai

        try:
            response = _client().audio.speech.create(
                model=settings.TEXT_TO_SPEECH_MODEL,
                voice=voice or "alloy",
                input=sentence,
                response_format="wav",
            )
            pcm, rate = read_wav(response.read())
        except (openai.OpenAIError, ValueError) as error:
            raise _unavailable(error) from error
        return SpeechChunk(sentence, pcm, rate, self.name)
