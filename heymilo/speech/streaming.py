"""Incremental recognition: transcribe the growing utterance in the background.

`IncrementalRecognizer` holds one utterance. While the candidate speaks it asks for a partial
decode every `partial_every` seconds of new audio (captions); when they pause, `settle()`
asks for a decode of everything so far at high priority, so that when the pause turns out to
end the turn the final transcript is already there. Utterances longer than `max_tail` commit
the words that are safely in the past (ending ≥ 2 s before the newest audio) and drop their
audio, so no decode ever grows past ~`max_tail` seconds, however long the answer.

Decodes of all streams in the process share one `DecodeScheduler`: settle decodes go first,
captions after, and each stream has at most one decode waiting (a newer request replaces it),
so ten interviews on two cores degrade captions before they delay anyone's answer.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from heymilo.speech.audio import float_to_pcm
from heymilo.speech.base import SAMPLE_RATE, SpeechUnavailable, Transcript, Word

log = logging.getLogger(__name__)

SETTLE, PARTIAL = 0, 1  # scheduler priorities: lower runs first


class DecodeScheduler:
    """Worker threads serving decode jobs by priority, one pending job per stream.

    Caption decodes may use all workers but one, so a final decode never waits for more
    than the caption decodes already running (with one worker, captions take turns with it).
    A caption that waited longer than `caption_max_wait` is dropped, not run late: on an
    overloaded machine captions thin out and the CPU goes to the answers that are ending.
    """

    def __init__(self, workers: int = 2, *, caption_max_wait: float = 1.0):
        self.workers = workers
        self.caption_limit = max(1, workers - 1)
        self.caption_max_wait = caption_max_wait
        self.dropped = 0
        self.heap: list = []
        self.pending: dict = {}  # key → (priority, job)
        self.counter = itertools.count()
        self.condition = threading.Condition()
        self.threads: list[threading.Thread] = []
        self.captions_running = 0

    def submit(self, key, priority: int, job: Callable[[], None]) -> None:
        """Queue `job` for stream `key`. A stream's jobs read its audio when they run, so one
        already waiting at the same or a higher priority covers this request too."""
        with self.condition:
            previous = self.pending.get(key)
            if previous is not None and previous[0] <= priority:
                return
            self.pending[key] = (priority, job, time.monotonic())
            heapq.heappush(self.heap, (priority, next(self.counter), key))
            self._start_workers()
            self.condition.notify_all()

    def _start_workers(self) -> None:
        while len(self.threads) < self.workers:
            thread = threading.Thread(target=self._work, name="speech-decode", daemon=True)
            self.threads.append(thread)
            thread.start()

    def _runnable(self) -> tuple[int, Callable[[], None]] | None:
        while self.heap:
            priority, _, key = self.heap[0]
            entry = self.pending.get(key)
            if entry is None or entry[0] != priority:  # replaced or already taken
                heapq.heappop(self.heap)
                continue
            if priority == PARTIAL and self.captions_running >= self.caption_limit:
                return None  # the heap is ordered: everything left is a caption too
            heapq.heappop(self.heap)
            del self.pending[key]
            if priority == PARTIAL and time.monotonic() - entry[2] > self.caption_max_wait:
                self.dropped += 1  # stale: the stream's next request brings newer audio
                continue
            self.captions_running += priority == PARTIAL
            return priority, entry[1]
        return None

    def _work(self) -> None:
        while True:
            with self.condition:
                while (taken := self._runnable()) is None:
                    self.condition.wait()
            priority, job = taken
            try:
                job()
            except SpeechUnavailable as error:  # a language it does not hear: the chain's job
                log.info("speech decode skipped: %s", error)
            except Exception:  # one bad decode must not kill the worker every stream shares
                log.exception("speech decode failed")
            finally:
                with self.condition:
                    self.captions_running -= priority == PARTIAL
                    self.condition.notify_all()


class InlineScheduler:
    """Runs each decode at once in the caller's thread: recorded audio pushed faster than
    real time then gives the same events as live audio on an idle machine (tests, bench)."""

    def submit(self, key, priority: int, job: Callable[[], None]) -> None:
        job()


@functools.cache
def shared_scheduler() -> DecodeScheduler:
    """As many decode threads as the model has workers (one per core, at most four)."""
    from heymilo.speech.whisper_stt import default_workers

    return DecodeScheduler(default_workers())


@dataclass(frozen=True)
class _Decode:
    transcript: Transcript
    covered: int  # samples of the tail this decode heard
    tail_start: int  # utterance sample where the tail began when it was taken
    finished_at: float = 0.0  # time.monotonic() when it was ready


class IncrementalRecognizer:
    def __init__(
        self,
        stt,
        *,
        caption_stt=None,
        language: str = "en",
        partial_every: float = 0.7,
        max_tail: float = 12.0,
        scheduler: DecodeScheduler | None = None,
    ):
        self.stt, self.language = stt, language
        self.caption_stt = caption_stt or stt  # a cheaper setting for captions, if given
        self.partial_every = int(partial_every * SAMPLE_RATE)
        self.max_tail = int(max_tail * SAMPLE_RATE)
        self.scheduler = scheduler or shared_scheduler()
        self.lock = threading.Condition()
        # Audio not yet committed, in a buffer that grows by doubling: appending a 20 ms frame
        # must not copy the whole answer (ten streams × 50 frames a second add up).
        self.buffer = np.zeros(SAMPLE_RATE * 4, dtype=np.float32)
        self.length = 0
        self.tail_start = 0  # utterance samples before the tail
        self.committed: list[Word] = []
        self.latest: _Decode | None = None
        self.requested = 0  # tail length the last decode request will cover
        self.failures = 0

    @property
    def tail(self) -> np.ndarray:
        return self.buffer[: self.length]

    @property
    def samples(self) -> int:
        return self.tail_start + self.length

    def _append(self, samples: np.ndarray) -> None:
        needed = self.length + len(samples)
        if needed > len(self.buffer):
            grown = np.zeros(max(needed, 2 * len(self.buffer)), dtype=np.float32)
            grown[: self.length] = self.tail
            self.buffer = grown
        self.buffer[self.length : needed] = samples
        self.length = needed

    def feed(self, samples: np.ndarray, *, caption: bool = True) -> None:
        """Append audio; `caption=False` (silence) asks for no caption decode: there is
        nothing new to show, and a later decode must not replace the settle decode."""
        with self.lock:
            self._append(np.asarray(samples, dtype=np.float32))
            due = caption and len(self.tail) - self.requested >= self.partial_every
        if due:
            self._request(PARTIAL)

    def settle(self) -> None:
        """The speaker paused: decode everything heard so far before anything else."""
        self._request(SETTLE)

    def _request(self, priority: int) -> None:
        with self.lock:
            self.requested = len(self.tail)
        stt = self.stt if priority == SETTLE else self.caption_stt
        self.scheduler.submit(id(self), priority, functools.partial(self._decode, stt, priority))

    def _decode(self, stt=None, priority: int = SETTLE) -> None:
        with self.lock:
            audio, tail_start = self.tail.copy(), self.tail_start
        try:
            transcript = (stt or self.stt).recognize(float_to_pcm(audio), language=self.language)
        except Exception:
            with self.lock:
                self.failures += 1
                self.lock.notify_all()
            raise
        with self.lock:
            stale = tail_start != self.tail_start
            if not stale and (self.latest is None or len(audio) >= self.latest.covered):
                self.latest = _Decode(transcript, len(audio), tail_start, time.monotonic())
                self._commit_if_long()
            self.lock.notify_all()
        if stale and priority == SETTLE:
            # A caption decode committed words while this one ran: its audio no longer lines
            # up. The pause still needs a decode of everything, so it asks again.
            self._request(SETTLE)

    def _commit_if_long(self) -> None:
        """Keep decodes short: words ending ≥ 2 s before the newest audio are final."""
        if len(self.tail) <= self.max_tail or self.latest is None:
            return
        horizon = (self.latest.covered - 2 * SAMPLE_RATE) / SAMPLE_RATE
        words = self.latest.transcript.words
        settled = [w for w in words if w.end <= horizon]
        if not settled or len(settled) == len(words):
            return
        following = words[len(settled)]
        cut = int((settled[-1].end + following.start) / 2 * SAMPLE_RATE)
        offset = self.tail_start / SAMPLE_RATE
        self.committed += [_shifted(w, offset) for w in settled]
        kept = self.length - cut
        self.buffer[:kept] = self.buffer[cut : self.length]
        self.length, self.tail_start = kept, self.tail_start + cut
        # The rest of this decode stays the tail's: what it heard is still heard. (Dropping it
        # left a settle decode that committed covering nothing, and the turn never ended.)
        rest = tuple(_shifted(w, -cut / SAMPLE_RATE) for w in words[len(settled) :])
        tail = Transcript(
            " ".join(w.text for w in rest),
            rest,
            self.latest.transcript.provider,
            self.latest.transcript.language,
            (self.latest.covered - cut) / SAMPLE_RATE,
        )
        self.latest = _Decode(tail, self.latest.covered - cut, self.tail_start, time.monotonic())
        self.requested = max(0, self.requested - cut)

    def covered(self) -> int:
        """Utterance samples the newest decode heard."""
        with self.lock:
            return self._covered_locked()

    def decoded_at(self) -> float:
        """When the newest decode was ready (time.monotonic()); 0 before the first."""
        with self.lock:
            return self.latest.finished_at if self.latest else 0.0

    def transcript(self) -> Transcript:
        """Committed words plus the newest decode of the tail (a caption, or the final text)."""
        with self.lock:
            return self._assemble()

    def _assemble(self) -> Transcript:
        offset = self.tail_start / SAMPLE_RATE
        tail = self.latest.transcript if self.latest else Transcript("")
        words = (*self.committed, *(_shifted(w, offset) for w in tail.words))
        committed = " ".join(w.text for w in self.committed)
        text = f"{committed} {tail.text}".strip()
        provider = tail.provider or getattr(self.stt, "name", "")
        return Transcript(text, words, provider, self.language, self.samples / SAMPLE_RATE)

    def finish(self, *, timeout: float = 5.0) -> Transcript:
        """The final transcript of all the audio fed; blocks until a decode covers it (and
        decodes in this thread if the shared workers are slower than `timeout`)."""
        target, failures = self.samples, self.failures
        if self.covered() < target:
            self.settle()
            with self.lock:
                self.lock.wait_for(
                    lambda: self._covered_locked() >= target or self.failures > failures, timeout
                )
        with self.lock:
            if self._covered_locked() >= target:
                return self._assemble()
        log.warning("speech decode queue is slow; decoding the final tail in this thread")
        self._decode()
        return self.transcript()

    def _covered_locked(self) -> int:
        return self.latest.tail_start + self.latest.covered if self.latest else self.tail_start


def _shifted(word: Word, offset: float) -> Word:
    return Word(
        word.text, round(word.start + offset, 3), round(word.end + offset, 3), word.probability
    )
