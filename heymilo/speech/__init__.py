"""Speech without a network: Whisper hears, Piper speaks, espeak-ng stands in, a remote
OpenAI-compatible endpoint is the other choice. How it fits together: docs/voice.md.

- `get_stt()` / `get_tts()` — the configured provider with the embedded ones behind it;
- `Listener` — hands-free turns on a live stream (voice activity, captions, end of turn);
- `SentenceBuffer` + `VoiceChain.stream` — speak the interviewer's words sentence by sentence;
- `SpeechCache` — fixed lines rendered ahead.
"""

from heymilo.speech.base import (
    SAMPLE_RATE,
    SpeechChunk,
    SpeechToText,
    SpeechUnavailable,
    TextToSpeech,
    Transcript,
    Word,
)
from heymilo.speech.chain import get_stt, get_tts

__all__ = [
    "SAMPLE_RATE",
    "SpeechChunk",
    "SpeechToText",
    "SpeechUnavailable",
    "TextToSpeech",
    "Transcript",
    "Word",
    "get_stt",
    "get_tts",
]
