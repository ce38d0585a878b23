"""Fallback chains: the configured provider first, the embedded ones behind it.

Speech must never leave dead air. A recogniser that fails hands the audio to the next one
(remote → embedded Whisper); when none can listen the caller offers typing. A voice that fails
hands the sentence to the next one (remote → Piper → espeak-ng); when none can speak the
caller shows the text only. Every result names the provider that served it, for logs and for
the provenance of transcripts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator

from heymilo.speech.audio import wav_bytes
from heymilo.speech.base import (
    EMBEDDED_RECOGNIZERS,
    EMBEDDED_VOICES,
    SpeechChunk,
    SpeechUnavailable,
    Transcript,
    provider,
)
from heymilo.speech.sentences import split_sentences

log = logging.getLogger(__name__)


def _order(configured: str, embedded: tuple[str, ...]) -> list[str]:
    return [configured, *(name for name in embedded if name != configured)]


class RecognizerChain:
    def __init__(self, providers: list):
        self.providers = providers

    @classmethod
    def named(cls, configured: str) -> RecognizerChain:
        return cls([provider("stt", name) for name in _order(configured, EMBEDDED_RECOGNIZERS)])

    @property
    def name(self) -> str:
        return self.providers[0].name

    @property
    def embedded(self):
        """The streaming-capable recogniser for a `Listener` (the first embedded one)."""
        return next(p for p in self.providers if p.name in EMBEDDED_RECOGNIZERS)

    def can_listen(self, language: str) -> bool:
        """Whether a provider understands `language` (a remote one is taken at its word)."""
        return any(getattr(p, "understands", lambda _: True)(language) for p in self.providers)

    def recognize(self, pcm: bytes, *, language: str = "en", prompt: str = "") -> Transcript:
        """The first provider that can listen; `SpeechUnavailable` when none can."""
        for candidate in self.providers:
            try:
                return candidate.recognize(pcm, language=language, prompt=prompt)
            except Exception as error:  # a provider's bug or outage costs a fallback, no more
                log.warning("speech-to-text %s failed, falling back: %s", candidate.name, error)
        raise SpeechUnavailable("no speech-to-text provider could listen")

    def refine(self, pcm: bytes, heard: Transcript, *, language: str = "en") -> Transcript:
        """A remote recogniser's final word on an utterance the embedded one already heard.

        With an embedded provider configured, `heard` is final and returned as it is.
        """
        if self.providers[0].name in EMBEDDED_RECOGNIZERS:
            return heard
        try:
            return self.providers[0].recognize(pcm, language=language)
        except Exception as error:
            log.warning("speech-to-text %s failed, kept %s: %s", self.name, heard.provider, error)
            return heard


class VoiceChain:
    def __init__(self, providers: list):
        self.providers = providers

    @classmethod
    def named(cls, configured: str) -> VoiceChain:
        return cls([provider("tts", name) for name in _order(configured, EMBEDDED_VOICES)])

    @property
    def name(self) -> str:
        return self.providers[0].name

    def speak(self, sentence: str, *, language: str, voice: str = "") -> SpeechChunk | None:
        """One sentence from the first provider that can say it; None: show the text only.

        `voice` names a voice of the configured provider; fallbacks use their default.
        """
        for index, candidate in enumerate(self.providers):
            try:
                own_voice = voice if index == 0 else ""
                return candidate.speak(sentence, language=language, voice=own_voice)
            except Exception as error:
                log.warning("text-to-speech %s failed, falling back: %s", candidate.name, error)
        return None

    def stream(
        self, sentences: Iterable[str], *, language: str, voice: str = ""
    ) -> Iterator[SpeechChunk]:
        """Each sentence spoken as soon as it arrives (feed it a `SentenceBuffer`'s output)."""
        for sentence in sentences:
            chunk = self.speak(sentence, language=language, voice=voice)
            if chunk is not None:
                yield chunk

    def synthesize(self, text: str, *, language: str, voice: str = "") -> bytes | None:
        """The whole text as one WAV (the per-turn audio URL); None when nothing can speak."""
        return joined_wav(self.stream(split_sentences(text), language=language, voice=voice))


def joined_wav(chunks: Iterable[SpeechChunk]) -> bytes | None:
    """Sentences spoken one after another as one WAV, at the first one's rate."""
    chunks = list(chunks)
    if not chunks:
        return None
    rate = chunks[0].sample_rate
    return wav_bytes(b"".join(_at_rate(chunk, rate) for chunk in chunks), rate)


def _at_rate(chunk: SpeechChunk, rate: int) -> bytes:
    """A fallback mid-text may speak at another rate; one WAV has one."""
    if chunk.sample_rate == rate:
        return chunk.pcm
    from heymilo.speech.audio import float_to_pcm, pcm_to_float
    from heymilo.speech.resample import resample

    return float_to_pcm(resample(pcm_to_float(chunk.pcm), chunk.sample_rate, rate))


def get_stt() -> RecognizerChain:
    """The configured recogniser with the embedded one behind it."""
    from django.conf import settings

    return RecognizerChain.named(getattr(settings, "SPEECH_TO_TEXT", "whisper") or "whisper")


def get_tts() -> VoiceChain:
    """The configured voice with piper and espeak-ng behind it."""
    from django.conf import settings

    return VoiceChain.named(getattr(settings, "TEXT_TO_SPEECH", "piper") or "piper")


_warmed = threading.Event()


def warm_up() -> None:
    """Load the embedded models (Whisper, Silero, Piper) in a background thread, once per
    process, so the first candidate's greeting and answer do not wait for them (~1 s)."""
    if _warmed.is_set():
        return
    _warmed.set()
    threading.Thread(target=_load_models, name="heymilo-speech-warm-up", daemon=True).start()


def _load_models() -> None:
    try:
        from heymilo.speech.piper_tts import load_voice
        from heymilo.speech.vad import SileroStream

        provider("stt", "whisper").model  # noqa: B018 (the property loads it, shared by all)
        load_voice(provider("tts", "piper").threads)
        SileroStream()
    except Exception as error:  # a missing model shows itself, with its fallback, when used
        log.warning("speech models could not be loaded ahead: %s", error)
