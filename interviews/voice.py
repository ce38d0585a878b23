"""Hands-free voice on the interview websocket: the candidate's microphone in, the interviewer's
voice out, sentence by sentence. Protocol: docs/websocket.md; the speech kit: docs/voice.md.

One `VoiceSession` per connection, off until the page sends `{"type": "voice", …}`:

- **In.** Binary frames (16 kHz mono PCM16) go to one `Listener`, pushed in arrival order by
  one task (`_pump`) on worker threads, so the event loop never waits for audio work. Its
  events become `speech_start`, `caption`, `prompt` (a long silence: a gentle nudge, never a
  skip) and, at the end of the turn, the answer: `transcript`, then the same service call,
  `ack` and `turn` as a typed answer.
- **Out.** While the engine writes the interviewer's turn, each sentence `SentenceBuffer`
  releases is spoken (through `SpeechCache`: fixed lines are rendered ahead) and sent as a
  `speech` header followed by one binary frame of PCM16, so audio starts after the first
  sentence.
- **Barge-in.** Speech while the interviewer is being heard stops its audio at once; the turn
  keeps only the sentences that had started playing when the candidate started speaking.
  Speech that resumes within `MERGE_WINDOW` of the end of an answer, or before anything of
  the reply was heard, continues that answer: the reply is withdrawn, as if not yet said.

The server cannot hear the page play; it keeps a playback clock from what it sent (each
sentence starts when it was sent or when the previous one ends), which on a live connection
is within a network delay of the page's.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from channels.db import database_sync_to_async
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from heymilo.ai.phrases import phrase
from heymilo.errors import DomainError
from heymilo.outages import MESSAGE as OUTAGE_MESSAGE
from heymilo.outages import OUTAGES
from heymilo.speech import SAMPLE_RATE, SpeechChunk, get_stt, get_tts
from heymilo.speech.cache import SpeechCache
from heymilo.speech.listening import Caption, EndOfTurn, Listener, LongSilence, SpeechStarted
from heymilo.speech.sentences import SentenceBuffer
from heymilo.speech.turns import TurnSettings
from interviews import services
from interviews.conversation import ASKING_KINDS
from interviews.models import Turn
from postings.models import WorkflowStep

log = logging.getLogger(__name__)

# Speech resuming this soon after an answer ended belongs to it (seconds of the stream). The
# listener ends a turn after 0.45–3 s of silence; a longer thought is a new answer.
MERGE_WINDOW = 1.5
MAX_FRAME_BYTES = 64 * 1024
MAX_BACKLOG_BYTES = SAMPLE_RATE * 2 * 30  # frames waiting to be heard: 30 s of audio
# Frames are pushed and sentences spoken on these threads; decodes run on the speech kit's own.
THREADS = ThreadPoolExecutor(max_workers=16, thread_name_prefix="voice")
CUT, WITHDRAWN = "cut", "withdrawn"
SOMETHING_WRONG = _("Something went wrong; please try again.")
VOICE_FAILED = _(
    "The interviewer's voice is not available right now. Please read the questions on screen."
)
DONE = object()  # the "Done" button, in the frames' order


class VoiceOff(DomainError):
    pass


def _voice_off() -> VoiceOff:
    return VoiceOff("voice_off", 'Send {"type": "voice", "listen": true} before audio or "done".')


async def in_thread(function: Callable, *args, **kwargs):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(THREADS, functools.partial(function, *args, **kwargs))


@functools.cache
def _caches() -> dict:
    return {}


def speech_cache() -> SpeechCache:
    """One cache per process and configured voice, backed by the default storage (shared by
    every process), so a sentence is synthesised once."""
    voices = get_tts()
    return _caches().setdefault(voices.name, SpeechCache(voices, storage=default_storage))


_prerendered: set = set()
_prerender_lock = threading.Lock()


def prerender(texts: list[str], *, language: str, voice: str) -> None:
    """Render the fixed lines an interview will certainly say, once per process."""
    cache = speech_cache()
    with _prerender_lock:
        fresh = [t for t in texts if (cache.voices.name, language, voice, t) not in _prerendered]
        _prerendered.update((cache.voices.name, language, voice, t) for t in fresh)
    try:
        cache.prerender(fresh, language=language, voice=voice)
    except Exception:  # the live path speaks them anyway
        log.exception("prerendering speech failed")


@dataclass
class Answer:
    """The last answer heard on this connection, which a continuation joins."""

    seq: int
    started: float | None  # stream seconds where its speech began (None: it was typed)
    ended: float  # stream seconds where it stopped


@dataclass
class Reply:
    """The interviewer's turn being written, said and heard on this connection."""

    after_seq: int
    answers: Answer | None  # the spoken answer it replies to, if any
    planned: object = None  # the engine's turn being written (None: a stored turn said again)
    say: Utterance | None = None
    text: str = ""  # written so far
    written: bool = False
    turn_seq: int | None = None
    kind: str = ""  # once stored
    outcome: str = ""  # CUT: the candidate took the floor; WITHDRAWN: not heard, they go on
    said: str = ""  # with CUT, what was heard

    @property
    def closing(self) -> bool:
        kind = self.kind or getattr(self.planned, "kind", None)
        return kind == Turn.Kind.CLOSING

    def holds_floor(self, now: float) -> bool:
        if self.outcome:
            return False
        if self.turn_seq is None:
            return True  # still being written or saved
        return self.say is not None and self.say.playing(now)


class Utterance:
    """One thing the interviewer says on this connection (a turn, or a prompt), spoken
    sentence by sentence as its text arrives."""

    def __init__(self, session: VoiceSession, number: int, latency: dict | None = None):
        self.session, self.number = session, number
        self.buffer = SentenceBuffer()
        self.sentences: asyncio.Queue = asyncio.Queue()
        self.played: list[tuple[str, float, float]] = []  # (sentence, playback start, seconds)
        self.stopped = False
        self.done = asyncio.Event()
        self.latency = latency  # end of the answer → this reply's first audio, by stage
        self.first_sentence_at: float | None = None
        self.task = session.spawn(self._speak())

    def feed(self, delta: str) -> None:
        for sentence in self.buffer.feed(delta):
            self._queue(sentence)

    def close(self) -> None:
        for sentence in self.buffer.flush():
            self._queue(sentence)
        self.sentences.put_nowait(None)

    def say(self, text: str) -> Utterance:
        self.feed(text)
        self.close()
        return self

    def _queue(self, sentence: str) -> None:
        if self.first_sentence_at is None:
            self.first_sentence_at = time.monotonic()
        self.sentences.put_nowait(sentence)

    def stop(self) -> None:
        self.stopped = True

    def playing(self, now: float) -> bool:
        """Still being said: sentences to come, or the last one not played to its end."""
        return not self.stopped and (not self.done.is_set() or self.playback_end() > now)

    def playback_end(self) -> float:
        if not self.played:
            return 0.0
        _, start, seconds = self.played[-1]
        return start + seconds

    def heard_by(self, moment: float) -> str:
        """The sentences that had started playing at `moment`."""
        return " ".join(sentence for sentence, start, _ in self.played if start <= moment)

    async def _speak(self) -> None:
        try:
            while (sentence := await self.sentences.get()) is not None:
                if self.stopped:
                    continue
                chunk = await self.session.synthesize(sentence)
                if chunk is None:
                    await self.session.voice_failed()
                elif not self.stopped:
                    await self._send(sentence, chunk)
        finally:
            self.done.set()
        await self.session.send_json({"type": "speech_end", "say": self.number})

    async def _send(self, sentence: str, chunk: SpeechChunk) -> None:
        now = time.monotonic()
        start = max(now, self.playback_end())
        header = {
            "type": "speech",
            "say": self.number,
            "index": len(self.played),
            "text": sentence,
            "sample_rate": chunk.sample_rate,
            "seconds": round(chunk.seconds, 3),
            "provider": chunk.provider,
        }
        if not self.played and self.latency:
            header["latency"] = self._latency(now)
        self.played.append((sentence, start, chunk.seconds))
        await self.session.send_json(header)
        await self.session.send_bytes(chunk.pcm)

    def _latency(self, now: float) -> dict:
        """Seconds from the end of the candidate's speech, per stage (bench/voice.py)."""
        marks = self.latency
        ended = marks["ended"]
        first = self.first_sentence_at or now
        return {
            "endpoint": round(marks["end_of_turn"] - ended, 3),
            "transcription": round(marks["transcribed"] - ended, 3),
            "engine": round(first - marks["end_of_turn"], 3),
            "voice": round(now - first, 3),
            "total": round(now - ended, 3),
        }


class VoiceSession:
    def __init__(self, room):
        self.room = room  # the consumer: sending, answers, the interview
        self.language, self.config = "en", {}
        self.listen = self.speak = False
        self.listener: Listener | None = None
        self.inbox: deque = deque()
        self.backlog = 0
        self.arrived = asyncio.Event()
        self.pump: asyncio.Task | None = None
        self.clock = (time.monotonic(), 0.0)  # (arrival time, stream seconds) of the newest push
        self.reply: Reply | None = None
        self.prompting: Utterance | None = None
        self.says = 0
        self.last_answer: Answer | None = None
        self.continuing: Answer | None = None  # the answer that speech now continues
        self.failures = 0
        self.voice_broken = False
        self.prerendered = False
        self.pending_latency: dict | None = None  # marks of the answer the next reply follows
        self.tasks: set[asyncio.Task] = set()
        self.closed = False

    # ---- settings -----------------------------------------------------------------------------

    async def load(self, interview) -> None:
        """The posting's language and its interview step's settings (patience, voice)."""
        self.language, self.config = await _voice_settings(interview)

    async def configure(self, *, listen: bool, speak: bool) -> None:
        """The page's `voice` message: hear the microphone, speak the interviewer, or not."""
        notice = None
        if listen and self.listener is None:
            if get_stt().can_listen(self.language):
                self._start_listening()
            else:
                listen, notice = (
                    False,
                    _(
                        "Speech recognition is not available for this interview's language. "
                        "Please type your answers."
                    ),
                )
        elif not listen:
            self._stop_listening()
        speak = speak and not self.voice_broken
        starts_speaking = speak and not self.speak
        self.listen, self.speak = listen, speak
        if not self.speak:
            self._stop_speaking()
        await self.send_state(notice)
        if starts_speaking:
            await self._speak_late()
        if self.listen and self.room.awaiting_answer and not self._interviewer_holds_floor():
            self.control(self._arm)

    async def _speak_late(self) -> None:
        """Voice came on with the interviewer's turn already under way (the page asks for it
        once connected, while the greeting is written): say it from its start. A stored
        question nobody has said on this connection yet (a reconnect) is said again."""
        reply = self.reply
        if reply is not None and reply.say is None and reply.holds_floor(time.monotonic()):
            reply.say = self._utterance()
            reply.say.feed(reply.text)
            if reply.written:
                reply.say.close()
            return
        if self.says:
            return
        turn = await _last_turn(self.room.interview)
        if (
            turn is None
            or turn.speaker != Turn.Speaker.INTERVIEWER
            or turn.kind not in ASKING_KINDS
        ):
            return
        reply = Reply(after_seq=turn.seq - 1, answers=None, turn_seq=turn.seq, kind=turn.kind)
        reply.say = self._utterance().say(turn.text)
        self.reply = reply
        if self.listener is not None:
            self.control(self.listener.disarm)
        self._heard_then_listen(reply)

    async def send_state(self, notice=None) -> None:
        await self.send_json(
            {"type": "voice", "listen": self.listen, "speak": self.speak, "message": notice}
        )

    def _start_listening(self) -> None:
        silence = self.config.get("end_of_turn_silence")
        self.listener = Listener(
            get_stt().embedded,
            settings=TurnSettings.for_posting(silence),
            language=self.language,
        )
        self.inbox.clear()
        self.backlog = 0
        self.pump = self.spawn(self._pump())

    def _stop_listening(self) -> None:
        if self.pump is not None:
            self.pump.cancel()
        self.listener, self.pump, self.continuing = None, None, None
        self.inbox.clear()

    def pause(self) -> None:
        """Another tab took the interview: this one neither hears nor speaks until it claims."""
        self._stop_listening()
        self._stop_speaking()
        self.listen = self.speak = False

    def close(self) -> None:
        self.closed = True
        self.pause()
        for task in list(self.tasks):
            task.cancel()

    def spawn(self, coroutine) -> asyncio.Task:
        """A task of this connection: cancelled when it closes, its failures logged."""
        task = asyncio.create_task(self._guarded(coroutine))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        task.add_done_callback(lambda _: coroutine.close())  # cancelled before it ever ran
        return task

    async def _guarded(self, coroutine) -> None:
        try:
            await coroutine
        except asyncio.CancelledError:
            raise
        except Exception:
            if not self.closed:  # sending to a page that just left is not a failure
                log.exception("interview %s: voice task failed", self.room.public_id)

    # ---- sending ------------------------------------------------------------------------------

    async def send_json(self, message: dict) -> None:
        await self.room.send_json(message)

    async def send_bytes(self, data: bytes) -> None:
        await self.room.send(bytes_data=data)

    # ---- in: the microphone -------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        if self.listener is None:
            raise _voice_off()
        if len(data) > MAX_FRAME_BYTES:
            raise VoiceOff(
                "frame_too_large", f"Audio frames are limited to {MAX_FRAME_BYTES} bytes."
            )
        if self.backlog + len(data) > MAX_BACKLOG_BYTES:
            raise VoiceOff("audio_overflow", "Audio arrives faster than it can be heard.")
        self.backlog += len(data)
        self.inbox.append((data, time.monotonic()))
        self.arrived.set()

    def done(self) -> None:
        """The Done button: the answer ends now, after the audio that came before it."""
        if self.listener is None:
            raise _voice_off()
        self.inbox.append(DONE)
        self.arrived.set()

    def control(self, action: Callable[[], None]) -> None:
        """Run `action` between two pushes (the listener is used by one thread at a time)."""
        if self.listener is not None:
            self.inbox.append(action)
            self.arrived.set()

    async def _pump(self) -> None:
        while True:
            await self.arrived.wait()
            self.arrived.clear()
            while self.inbox:
                try:
                    await self._next()
                except asyncio.CancelledError:
                    raise
                except DomainError as error:
                    await self.room.fail(error.code, error.message)
                except Exception:  # a bug costs one answer, never the session
                    log.exception("interview %s: voice failed", self.room.public_id)
                    await self.room.fail(
                        "internal_error", _("Something went wrong; please try again.")
                    )

    async def _next(self) -> None:
        item = self.inbox.popleft()
        listener = self.listener
        if item is DONE:
            await self._finish_now(listener)
            return
        if callable(item):
            item()
            return
        frames = [item]
        while self.inbox and isinstance(self.inbox[0], tuple):
            frames.append(self.inbox.popleft())
        pcm = b"".join(data for data, _ in frames)
        self.backlog -= len(pcm)
        events = await in_thread(listener.push, pcm)
        if listener is not self.listener:
            return  # listening stopped meanwhile
        self.clock = (frames[-1][1], listener.received / SAMPLE_RATE)
        for event in events:
            await self._on_event(event)

    def wall(self, stream_seconds: float) -> float:
        """The monotonic time at which the page captured this instant of the stream."""
        arrived, stream_end = self.clock
        return arrived - (stream_end - stream_seconds)

    async def _on_event(self, event) -> None:
        if isinstance(event, SpeechStarted):
            await self._speech_started(event)
        elif isinstance(event, Caption):
            if self.listener.armed:
                await self.send_json({"type": "caption", "text": event.text})
        elif isinstance(event, LongSilence):
            await self._prompt()
        elif isinstance(event, EndOfTurn):
            await self._answered(event)

    async def _finish_now(self, listener: Listener) -> None:
        end = await in_thread(listener.finish_now)
        if end is None or not end.armed:
            await self.room.fail("no_speech", _("We haven't heard an answer yet. Take your time."))
            return
        await self._answered(end)

    # ---- the floor ----------------------------------------------------------------------------

    def _interviewer_holds_floor(self) -> bool:
        return self.reply is not None and self.reply.holds_floor(time.monotonic())

    def _arm(self) -> None:
        if self.listener is not None and not self.listener.armed:
            self.listener.arm()

    async def _speech_started(self, event: SpeechStarted) -> None:
        reply = self.reply
        stopped = self._stop_prompt()
        if reply is None or not reply.holds_floor(time.monotonic()):
            if self.room.awaiting_answer:
                self._arm()
            elif self._resumes_last_answer(event):
                # The answer was stored and the reply not yet begun: it goes on, and the reply
                # about to begin is withdrawn (`reply_begins`).
                self.continuing = self.last_answer
                self._arm()
            await self._speech_start(event, stopped)
            return
        if reply.closing:
            return  # the goodbye plays to its end: the interview is over
        heard = reply.say.heard_by(self.wall(event.at)) if reply.say else ""
        answer = reply.answers
        resumed = answer is not None and event.at - answer.ended <= MERGE_WINDOW
        if heard and not resumed:
            reply.outcome, reply.said = CUT, heard
        elif reply.after_seq:
            reply.outcome = WITHDRAWN
            self.continuing = answer or Answer(reply.after_seq, None, event.at)
        else:
            return  # nothing asked yet (before the greeting is heard): not an answer
        if reply.say is not None:
            reply.say.stop()
            stopped = reply.say.number
        self._arm()
        await self._speech_start(event, stopped)
        if reply.turn_seq is not None:
            await self.room.reply_revised(reply)

    def _resumes_last_answer(self, event: SpeechStarted) -> bool:
        answer = self.last_answer
        return answer is not None and event.at - answer.ended <= MERGE_WINDOW

    async def _speech_start(self, event: SpeechStarted, stopped: int | None) -> None:
        after = round(time.monotonic() - self.wall(event.at), 3)
        await self.send_json({"type": "speech_start", "stopped": stopped, "after": after})

    def _stop_prompt(self) -> int | None:
        prompt, self.prompting = self.prompting, None
        if prompt is None or not prompt.playing(time.monotonic()):
            return None
        prompt.stop()
        return prompt.number

    async def _prompt(self) -> None:
        if not self.listener.armed or self._interviewer_holds_floor():
            return
        count = self.listener.detector.state.prompts
        text = phrase(self.language, "listening" if count <= 1 else "listening_2")
        await self.send_json({"type": "prompt", "text": text})
        if self.speak:
            self.prompting = self._utterance().say(text)

    # ---- the answer ---------------------------------------------------------------------------

    async def _answered(self, end: EndOfTurn) -> None:
        if not end.armed:
            log.info("interview %s: speech over the interviewer ignored", self.room.public_id)
            return
        marks = {"ended": self.wall(end.ended), "end_of_turn": time.monotonic()}
        marks["transcribed"] = end.decoded_at or marks["end_of_turn"]
        transcript = await in_thread(
            get_stt().refine, end.pcm, end.transcript, language=self.language
        )
        if not transcript.text:
            await self._not_heard(end, transcript)
            return
        self.failures = 0
        client_id = f"voice-{uuid.uuid4().hex[:16]}"
        await self.send_json({"type": "transcript", "id": client_id, "text": transcript.text})
        continuing, self.continuing = self.continuing, None
        self.pending_latency = marks
        try:
            await self._store(client_id, transcript, end, continuing)
        except DomainError as error:  # not their turn, another tab, finished: the page keeps it
            self.pending_latency = None
            await self.room.fail(error.code, error.message, ref=client_id)
        except OUTAGES:  # the page keeps the transcript and sends it again with this id
            self.pending_latency = None
            await self.room.fail("service_unavailable", OUTAGE_MESSAGE, ref=client_id)

    async def _store(self, client_id: str, transcript, end: EndOfTurn, continuing) -> None:
        if continuing is not None:
            # Timed from the start of the answer it continues (a typed one has no timings).
            shift = end.started - continuing.started if continuing.started is not None else None
            words = _words(transcript, shift) if shift is not None else []
            if await self.room.extend_answer(client_id, continuing.seq, transcript.text, words):
                self.last_answer = Answer(continuing.seq, continuing.started, end.ended)
                return
        speaking_for = time.monotonic() - self.wall(end.started)
        turn = await self.room.accept_answer(
            transcript.text,
            client_id,
            by_voice=True,
            words=_words(transcript, 0.0),
            speaking_for=speaking_for,
        )
        self.last_answer = Answer(turn.seq, end.started, end.ended)

    async def _not_heard(self, end: EndOfTurn, transcript) -> None:
        continuing, self.continuing = self.continuing, None
        if continuing is not None:
            # A sound after the answer, not more of it: the reply it held back comes now.
            self.room.advance_soon()
        else:
            self.control(self._arm)  # still their turn
        if transcript.provider == "none":  # the recogniser failed, not the candidate
            self.failures += 1
        if self.failures >= 2:
            self._stop_listening()
            self.listen = False
            await self.send_state(
                _("Speech recognition is not working right now. Please type your answers.")
            )
            return
        if continuing is None:
            await self.room.fail(
                "no_speech", _("We couldn't make out any words. Please say it again, or type.")
            )

    # ---- out: the interviewer's voice ---------------------------------------------------------

    def _utterance(self, latency: dict | None = None) -> Utterance:
        self.says += 1
        return Utterance(self, self.says, latency)

    def reply_begins(self, planned, after_seq: int) -> Reply:
        """The interviewer starts a turn: the floor is theirs until it has been heard."""
        self._stop_prompt()
        answers = (
            self.last_answer if self.last_answer and self.last_answer.seq == after_seq else None
        )
        latency, self.pending_latency = self.pending_latency, None
        reply = Reply(after_seq=after_seq, answers=answers, planned=planned)
        self.reply = reply
        if self.continuing is not None and self.continuing.seq == after_seq:
            reply.outcome = WITHDRAWN  # they are still speaking: their answer is not over
            return reply
        if self.speak:
            reply.say = self._utterance(latency if answers else None)
        if self.listener is not None and self.listener.armed:
            self.control(self.listener.disarm)
        return reply

    def reply_delta(self, reply: Reply, delta: str) -> None:
        reply.text += delta
        if reply.say is not None and not reply.outcome:
            reply.say.feed(delta)

    def reply_written(self, reply: Reply) -> None:
        reply.written = True
        if reply.say is not None:
            reply.say.close()

    def reply_dropped(self, reply: Reply) -> None:
        """Not stored (the dialogue moved on meanwhile): it is not said either."""
        if reply.say is not None:
            reply.say.stop()
        if self.reply is reply:
            self.reply = None

    def candidate_floor(self) -> None:
        """Nothing for the interviewer to say: it is the candidate's turn."""
        if self.reply is not None and self.reply.turn_seq is None:
            self.reply = None
        if not self._interviewer_holds_floor():
            self.control(self._arm)

    async def reply_saved(self, reply: Reply, turn: Turn) -> None:
        """The turn is stored: the candidate has the floor once it has been heard."""
        reply.turn_seq, reply.kind = turn.seq, turn.kind
        self._heard_then_listen(reply)

    def _heard_then_listen(self, reply: Reply) -> None:
        if not reply.closing:
            self.spawn(self._arm_when_heard(reply))
        if reply.say is not None and not self.prerendered:
            self.prerendered = True
            self.spawn(self._prerender_after(reply.say))

    async def _arm_when_heard(self, reply: Reply) -> None:
        if reply.say is not None:
            await reply.say.done.wait()
            await asyncio.sleep(max(0.0, reply.say.playback_end() - time.monotonic()))
        if self.reply is reply and not reply.outcome:
            self.control(self._arm)

    async def said(self) -> None:
        """Wait until the current reply has been sent (the goodbye, before `finished`)."""
        reply = self.reply
        if reply is not None and reply.say is not None:
            await reply.say.done.wait()

    async def synthesize(self, sentence: str) -> SpeechChunk | None:
        voice = self.config.get("voice_id", "")
        return await in_thread(speech_cache().speak, sentence, language=self.language, voice=voice)

    async def voice_failed(self) -> None:
        if self.voice_broken:
            return
        self.voice_broken, self.speak = True, False
        await self.send_state(VOICE_FAILED)

    def _stop_speaking(self) -> None:
        for utterance in (self.reply.say if self.reply else None, self.prompting):
            if utterance is not None:
                utterance.stop()

    async def _prerender_after(self, first: Utterance) -> None:
        """Fixed lines, rendered once the first turn has been sent (not competing with it)."""
        await first.done.wait()
        texts = await self.room.fixed_lines()
        await in_thread(
            prerender, texts, language=self.language, voice=self.config.get("voice_id", "")
        )


def _words(transcript, shift: float) -> list[dict]:
    """The recogniser's words as stored with a turn: seconds from where its speech began."""
    return [
        {
            "text": w.text,
            "start": round(w.start + shift, 3),
            "end": round(w.end + shift, 3),
            "probability": round(w.probability, 3),
        }
        for w in transcript.words
    ]


@database_sync_to_async
def _voice_settings(interview) -> tuple[str, dict]:
    step = interview.posting.steps.filter(type=WorkflowStep.Type.WEB_INTERVIEW).first()
    return interview.posting.language or "en", dict(step.config) if step else {}


@database_sync_to_async
def _last_turn(interview) -> Turn | None:
    return interview.turns.order_by("-seq").first()


@database_sync_to_async
def turn_cut(interview, seq: int, said: str):
    return services.interviewer_turn_cut(interview=interview, seq=seq, said=said)


@database_sync_to_async
def turn_retract(interview, seq: int) -> bool:
    return services.interviewer_turn_retract(interview=interview, seq=seq)


@database_sync_to_async
def answer_extend(interview, seq: int, text: str, words: list[dict]):
    return services.answer_extend(interview=interview, seq=seq, text=text, words=words)
