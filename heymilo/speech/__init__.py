"""Speech without a network: pocketsphinx for speech-to-text, espeak-ng for text-to-speech.

One small interface per direction (`base.py`); each provider is a module. `SPEECH_TO_TEXT` and
`TEXT_TO_SPEECH` settings pick them; an OpenAI-compatible endpoint is the remote choice.
Providers are imported when chosen, so an unused one costs nothing.
"""

from heymilo.speech.base import SpeechToText, TextToSpeech

__all__ = ["SpeechToText", "TextToSpeech", "get_stt", "get_tts"]


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
