"""Fixed lines rendered ahead: greetings, questions and closings cost no synthesis when said.

`SpeechCache.prerender(texts)` speaks every sentence of the lines an interview will certainly
use (run it in a background job when the interview starts); `speak()` then answers from memory
or from storage, shared by every process through Django's default storage. Only audio from the
configured voice is kept: a fallback voice's sentence is used once, never cached, so the next
request tries the better voice again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from heymilo.speech.audio import read_wav, wav_bytes
from heymilo.speech.base import SpeechChunk
from heymilo.speech.sentences import split_sentences

VERSION = "1"  # bump when a change of voice settings should invalidate stored audio


class SpeechCache:
    def __init__(self, voices, *, storage=None, memory_items: int = 256, prefix="speech-cache"):
        self.voices = voices
        self.storage = storage
        self.memory: OrderedDict[str, SpeechChunk] = OrderedDict()
        self.memory_items = memory_items
        self.prefix = prefix
        self.lock = threading.Lock()

    def key(self, sentence: str, language: str, voice: str) -> str:
        identity = "\x1f".join((VERSION, self.voices.name, voice, language, sentence))
        return hashlib.sha256(identity.encode()).hexdigest()

    def speak(self, sentence: str, *, language: str, voice: str = "") -> SpeechChunk | None:
        key = self.key(sentence, language, voice)
        cached = self._recall(key, sentence)
        if cached is not None:
            return cached
        chunk = self.voices.speak(sentence, language=language, voice=voice)
        if chunk is not None and chunk.provider == self.voices.name:
            self._keep(key, chunk)
        return chunk

    def synthesize(self, text: str, *, language: str, voice: str = "") -> bytes | None:
        """The whole text as one WAV, from cached sentences where there are; None when
        nothing can speak."""
        from heymilo.speech.chain import joined_wav

        spoken = (self.speak(s, language=language, voice=voice) for s in split_sentences(text))
        return joined_wav(chunk for chunk in spoken if chunk is not None)

    def prerender(self, texts: list[str], *, language: str, voice: str = "") -> int:
        """Speaks every sentence of `texts` not yet cached; returns how many were made."""
        made = 0
        for text in texts:
            for sentence in split_sentences(text):
                if self._recall(self.key(sentence, language, voice), sentence) is None:
                    made += self.speak(sentence, language=language, voice=voice) is not None
        return made

    def _recall(self, key: str, sentence: str) -> SpeechChunk | None:
        with self.lock:
            if key in self.memory:
                self.memory.move_to_end(key)
                return self.memory[key]
        name = f"{self.prefix}/{key}.wav"
        if self.storage is None or not self.storage.exists(name):
            return None
        with self.storage.open(name, "rb") as handle:
            pcm, rate = read_wav(handle.read())
        chunk = SpeechChunk(sentence, pcm, rate, self.voices.name, cached=True)
        self._remember(key, chunk)
        return chunk

    def _keep(self, key: str, chunk: SpeechChunk) -> None:
        kept = SpeechChunk(chunk.text, chunk.pcm, chunk.sample_rate, chunk.provider, cached=True)
        self._remember(key, kept)
        if self.storage is not None:
            from django.core.files.base import ContentFile

            name = f"{self.prefix}/{key}.wav"
            if not self.storage.exists(name):
                self.storage.save(name, ContentFile(wav_bytes(chunk.pcm, chunk.sample_rate)))

    def _remember(self, key: str, chunk: SpeechChunk) -> None:
        with self.lock:
            self.memory[key] = chunk
            self.memory.move_to_end(key)
            while len(self.memory) > self.memory_items:
                self.memory.popitem(last=False)
