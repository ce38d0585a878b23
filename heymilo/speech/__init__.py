"""Speech without a network: pocketsphinx for speech-to-text, espeak-ng for text-to-speech.

One small interface per direction; each provider is a module. `SPEECH_TO_TEXT` and
`TEXT_TO_SPEECH` settings pick them; an OpenAI-compatible endpoint is the remote choice.
"""

from heymilo.speech.base import SpeechToText, TextToSpeech, get_stt, get_tts

__all__ = ["SpeechToText", "TextToSpeech", "get_stt", "get_tts"]
