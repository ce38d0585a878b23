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


def get_stt() -> SpeechToText:
    from django.conf import settings

    if settings.SPEECH_TO_TEXT == "openai":
        from heymilo.speech.openai_speech import OpenAISpeechToText

        return OpenAISpeechToText()
    from heymilo.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    return PocketsphinxSpeechToText()


def get_tts() -> TextToSpeech:
    from django.conf import settings

    if settings.TEXT_TO_SPEECH == "openai":
        from heymilo.speech.openai_speech import OpenAITextToSpeech

        return OpenAITextToSpeech()
    from heymilo.speech.espeak_tts import EspeakTextToSpeech

    return EspeakTextToSpeech()
