"""Incremental recognition: long answers stay cheap, finals jump the queue, live audio keeps up."""

from __future__ import annotations

import threading
import time

import numpy as np

from heymilo.speech.audio import float_to_pcm
from heymilo.speech.listening import EndOfTurn, Listener
from heymilo.speech.streaming import (
    PARTIAL,
    SETTLE,
    DecodeScheduler,
    IncrementalRecognizer,
    InlineScheduler,
)
from heymilo.speech.wer import word_error_rate
from tests.speech.conftest import silence, speech_end

LONG_ANSWER = [
    "In my last role I looked after the support queue for a small software company.",
    "Most tickets were about billing, so I wrote a short guide for the common cases.",
    "After two months the number of repeat tickets had fallen by about a third.",
]


def test_a_long_answer_commits_old_words_and_keeps_them(whisper, say):
    audio = np.concatenate([np.concatenate([say(s), silence(0.35)]) for s in LONG_ANSWER])
    recognizer = IncrementalRecognizer(
        whisper, max_tail=6.0, partial_every=2.0, scheduler=InlineScheduler()
    )

    for start in range(0, len(audio), 1600):
        recognizer.feed(audio[start : start + 1600])
    final = recognizer.finish()

    assert recognizer.committed, "nothing was committed: every decode re-read the whole answer"
    assert recognizer.tail_start > 0 and len(recognizer.tail) < 10 * 16_000
    assert word_error_rate(" ".join(LONG_ANSWER), final.text) <= 0.15, final.text
    starts = [w.start for w in final.words]
    assert starts == sorted(starts) and final.words[-1].end > len(audio) / 16_000 - 1.5


def test_an_answer_longer_than_the_tail_still_ends_at_the_pause(whisper, say):
    """The decode at the pause is the one that commits (no caption decode ran before it): what
    it heard stays heard, and the turn ends — it once waited for a decode that never came."""
    answer = np.concatenate([np.concatenate([say(s), silence(0.35)]) for s in LONG_ANSWER])
    audio = np.concatenate([silence(0.3), answer, silence(4.0)])
    listener = Listener(
        whisper,
        recognizer_options={
            "max_tail": 6.0,
            "partial_every": 100.0,
            "scheduler": InlineScheduler(),
        },
    )
    listener.arm()

    ends = []
    for start in range(0, len(audio), 320):
        ends += [
            e
            for e in listener.push(float_to_pcm(audio[start : start + 320]))
            if isinstance(e, EndOfTurn)
        ]
        if ends:
            break

    assert ends, "the turn never ended"
    assert word_error_rate(" ".join(LONG_ANSWER), ends[0].transcript.text) <= 0.15
    assert ends[0].ended < 0.3 + speech_end(answer) + 0.5


class QueuedScheduler:
    """Jobs wait until the test runs them, in the order it chooses (two workers' races)."""

    def __init__(self):
        self.jobs = []

    def submit(self, key, priority: int, job) -> None:
        self.jobs.append((priority, job))

    def take(self, priority: int):
        job = next(j for p, j in self.jobs if p == priority)
        self.jobs = [(p, j) for p, j in self.jobs if j is not job]
        return job


class HeldRecognizer:
    """The real recogniser, holding one decode until released."""

    def __init__(self, stt):
        self.stt, self.held, self.release = stt, threading.Event(), threading.Event()

    def recognize(self, pcm, **options):
        if not self.held.is_set():
            self.held.set()
            self.release.wait(30)
        return self.stt.recognize(pcm, **options)


def test_a_pause_decode_outrun_by_a_committing_caption_asks_again(whisper, say):
    answer = np.concatenate([np.concatenate([say(s), silence(0.35)]) for s in LONG_ANSWER])
    settle_stt = HeldRecognizer(whisper)
    scheduler = QueuedScheduler()
    recognizer = IncrementalRecognizer(
        settle_stt, caption_stt=whisper, max_tail=6.0, partial_every=100.0, scheduler=scheduler
    )
    recognizer.feed(answer[: len(answer) - 16_000], caption=False)
    recognizer.settle()  # the speaker pauses…
    settling = threading.Thread(target=scheduler.take(SETTLE))
    settling.start()  # …the decode of everything starts on one worker
    assert settle_stt.held.wait(10)
    recognizer.feed(answer[len(answer) - 16_000 :])  # they go on
    recognizer.partial_every = 1
    recognizer.feed(silence(0.02))
    scheduler.take(PARTIAL)()  # a caption decode on the other worker finishes first, committing
    assert recognizer.tail_start > 0
    settle_stt.release.set()
    settling.join(30)

    scheduler.take(SETTLE)()  # the stale one asked again
    final = recognizer.transcript()
    assert recognizer.covered() >= recognizer.samples - 320
    assert word_error_rate(" ".join(LONG_ANSWER), final.text) <= 0.15, final.text


def test_captions_never_take_the_last_free_worker():
    scheduler = DecodeScheduler(workers=2)
    gate, ran = threading.Event(), []
    scheduler.submit("alice", PARTIAL, gate.wait)  # one caption decode occupies a worker
    time.sleep(0.05)
    scheduler.submit("bob", PARTIAL, lambda: ran.append("bob caption"))
    scheduler.submit("carol", SETTLE, lambda: ran.append("carol final"))
    time.sleep(0.2)

    assert ran == ["carol final"]  # bob's caption waits: it would have used the last worker
    gate.set()
    deadline = time.monotonic() + 5
    while len(ran) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ran == ["carol final", "bob caption"]


def test_a_caption_that_waited_too_long_is_dropped_but_a_final_never_is():
    scheduler = DecodeScheduler(workers=1, caption_max_wait=0.1)
    gate, ran = threading.Event(), []
    scheduler.submit("busy", SETTLE, gate.wait)
    time.sleep(0.05)
    scheduler.submit("alice", PARTIAL, lambda: ran.append("alice caption"))
    scheduler.submit("bob", SETTLE, lambda: ran.append("bob final"))
    time.sleep(0.3)  # both have now waited longer than 0.1 s

    gate.set()
    deadline = time.monotonic() + 5
    while not ran and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)

    assert ran == ["bob final"] and scheduler.dropped == 1


def test_settle_decodes_run_before_caption_decodes():
    scheduler = DecodeScheduler(workers=1)
    gate, order = threading.Event(), []
    scheduler.submit("busy", SETTLE, gate.wait)  # occupies the only worker
    time.sleep(0.05)
    scheduler.submit("alice", PARTIAL, lambda: order.append("alice caption"))
    scheduler.submit("bob", PARTIAL, lambda: order.append("bob caption"))
    scheduler.submit("carol", SETTLE, lambda: order.append("carol final"))
    scheduler.submit("bob", PARTIAL, lambda: order.append("bob again"))  # already covered
    scheduler.submit("alice", SETTLE, lambda: order.append("alice final"))  # more urgent now

    gate.set()
    deadline = time.monotonic() + 5
    while len(order) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)

    assert order == ["carol final", "alice final", "bob caption"]


def test_live_audio_gets_its_final_transcript_right_after_the_silence(whisper, say):
    """Real time and the real worker threads: the answer is ready when the pause is long
    enough, not a decode later. (The bound leaves room for a machine shared with other work.)"""
    answer = say("I solved the problem the same day.")
    whisper.recognize(float_to_pcm(answer))  # the model is loaded and warm
    audio = np.concatenate([silence(0.3), answer, silence(4.0)])
    ended_speaking = 0.3 + speech_end(answer)
    listener = Listener()
    listener.arm()
    began, decided = time.monotonic(), None
    for start in range(0, len(audio), 320):
        # Pace the frames as a microphone would (20 ms each).
        time.sleep(max(0.0, began + start / 16_000 - time.monotonic()))
        ends = [
            e
            for e in listener.push(float_to_pcm(audio[start : start + 320]))
            if isinstance(e, EndOfTurn)
        ]
        if ends:
            decided = time.monotonic() - began
            break

    assert decided is not None
    assert "problem" in ends[0].transcript.text.lower()
    assert decided - ended_speaking <= 0.7 + 1.0, decided - ended_speaking
