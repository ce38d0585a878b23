"""The interview websocket: translates JSON messages to service calls and back, nothing more.

Protocol: docs/websocket.md. The server is authoritative; every turn is persisted before it is
acknowledged or broadcast, so a reconnect to any process resumes at the same point.
"""

import asyncio
import contextlib
import json
import logging
import re
import threading
from contextlib import suppress

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from candidates.models import Interview
from heymilo import ai
from heymilo.errors import Conflict, DomainError, Invalid
from heymilo.i18n import candidate_language
from heymilo.outages import MESSAGE as OUTAGE_MESSAGE
from heymilo.outages import OUTAGES
from heymilo.payloads import json_loads
from interviews import services
from interviews.conversation import ASKING_KINDS, plan_next_turn
from interviews.models import Turn
from interviews.voice import (
    CUT,
    WITHDRAWN,
    Reply,
    VoiceSession,
    answer_extend,
    turn_cut,
    turn_retract,
)

log = logging.getLogger(__name__)

MAX_TEXT_FRAME = 64 * 1024
MAX_CLIENT_ID = 64
INTERVIEW_ID = re.compile(r"[0-9A-F]{16}")
TRY_AGAIN_LATER = 1013  # the websocket close code for a server that is briefly overloaded


def turn_payload(turn: Turn) -> dict:
    return {
        "seq": turn.seq,
        "speaker": turn.speaker,
        "kind": turn.kind,
        "text": turn.text,
        "offset": turn.offset,
        "timestamp_str": turn.timestamp_str,
        "question_id": turn.question_public_id or None,
    }


@database_sync_to_async
def load_interview(public_id: str) -> Interview | None:
    if not INTERVIEW_ID.fullmatch(public_id):
        return None  # never let a malformed id (a NUL byte, say) reach a query
    return (
        Interview.objects.select_related("posting__workspace", "candidate")
        .prefetch_related("posting__steps")
        .filter(public_id=public_id)
        .first()
    )


@database_sync_to_async
def start_interview(interview: Interview) -> Interview:
    return services.interview_start(interview=interview)


@database_sync_to_async
def state_message(interview: Interview) -> dict:
    interview.refresh_from_db()
    conversation = services.conversation_load(interview=interview)
    return {
        "type": "state",
        "status": interview.status,
        "interviewer_name": interview.posting.interviewer_name,
        "progress": conversation.progress(),
        "awaiting": "answer"
        if conversation.awaiting_answer
        else ("none" if conversation.finished else "interviewer"),
        "transcript": [turn_payload(t) for t in conversation.turns],
        "redirect_url": interview.posting.redirect_url or None,
    }


@database_sync_to_async
def submit_answer(interview, text, client_id, **spoken):
    return services.answer_submit(
        interview=interview, text=text, client_message_id=client_id, **spoken
    )


@database_sync_to_async
def plan(interview: Interview):
    interview.refresh_from_db()
    if interview.status != Interview.Status.IN_PROGRESS:
        return None, None
    conversation = services.conversation_load(interview=interview)
    planned = plan_next_turn(conversation, ai.get_engine())
    last_seq = conversation.last.seq if conversation.last else 0
    return planned, last_seq


@database_sync_to_async
def save_interviewer_turn(interview, after_seq, planned):
    turn = services.interviewer_turn_save(interview=interview, after_seq=after_seq, planned=planned)
    if turn is None:
        return None, None
    return turn, _progress(interview)


def _progress(interview) -> dict:
    return services.conversation_load(interview=interview).progress()


progress_of = database_sync_to_async(_progress)


@database_sync_to_async
def fixed_lines(interview) -> list[str]:
    return services.conversation_load(interview=interview).fixed_lines()


class InterviewConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.public_id = self.scope["url_route"]["kwargs"]["interview_id"]
        self.group: str | None = None  # the interview's tabs, once it is known
        self.advancing = asyncio.Lock()
        self.advancer: asyncio.Task | None = None
        self.active = False  # this connection holds the answer box (one tab at a time)
        self.awaiting_answer = False  # the candidate has the floor
        self.ref: str | None = None  # the id of the message being handled, for its error
        self.language = settings.LANGUAGE_CODE  # the posting's, once the interview is known
        self.voice = VoiceSession(self)
        await self.accept()
        try:
            await self.join()
        except OUTAGES:  # PostgreSQL or Redis away: the page reconnects in a moment
            await self.fail("service_unavailable", OUTAGE_MESSAGE, close=TRY_AGAIN_LATER)

    async def join(self):
        interview = await load_interview(self.public_id)
        if interview is not None:
            self.language = candidate_language(interview.posting.language)
        if interview is None:
            await self.fail("unknown_interview", _("This interview link is not valid."), close=4404)
            return
        try:
            self.interview = await start_interview(interview)
        except DomainError as error:
            await self.fail(error.code, error.message, close=4403)
            return
        await self.voice.load(self.interview)
        self.group = f"interview.{self.interview.public_id}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        state = await state_message(self.interview)
        self.awaiting_answer = state["awaiting"] == "answer"
        await self.send_json(state)
        await self.claim()
        self.advance_soon()

    async def disconnect(self, code):
        self.voice.close()
        if self.advancer is not None:
            self.advancer.cancel()
        if self.group is None:  # never joined: an unknown link, or refused
            return
        with contextlib.suppress(*OUTAGES):  # Redis away: the group entry expires by itself
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def send(self, text_data=None, bytes_data=None, close=False):
        # A candidate can leave while a turn is being said to them (uvicorn then raises its
        # ClientDisconnected, an OSError): what they missed is stored, and sent on reconnecting.
        try:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)
        except OSError:
            log.debug(
                "interview %s: the candidate left before a message reached them", self.public_id
            )

    async def send_json(self, message: dict) -> None:
        # Refusals and notices are translated when they leave, in the posting's language.
        with translation.override(self.language):
            text = json.dumps(message, default=str)
        await self.send(text_data=text)

    async def fail(self, code: str, message: str, *, close: int | None = None, ref=None):
        await self.send_json({"type": "error", "code": code, "message": message, "id": ref})
        if close:
            await self.close(code=close)

    async def receive(self, text_data=None, bytes_data=None):
        self.ref = None
        try:
            with translation.override(self.language):
                if bytes_data is not None:
                    self.voice.feed(bytes_data)
                else:
                    await self.on_text(text_data)
        except DomainError as error:
            await self.fail(error.code, error.message, ref=self.ref)
        except OUTAGES:  # resending the same id later is safe: an answer is stored once
            await self.fail("service_unavailable", OUTAGE_MESSAGE, ref=self.ref)
        except Exception:  # a bug must cost one message, never the session
            log.exception("interview %s: message failed", self.public_id)
            await self.fail("internal_error", _("Something went wrong; please try again."))

    async def on_text(self, text_data: str) -> None:
        if len(text_data) > MAX_TEXT_FRAME:
            await self.fail("frame_too_large", f"Messages are limited to {MAX_TEXT_FRAME} bytes.")
            return
        try:
            message = json_loads(text_data)
        except ValueError:
            await self.fail("malformed", "Messages must be JSON objects.")
            return
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self.fail("malformed", 'Messages must be JSON objects with a "type".')
            return
        ref = message.get("id")
        self.ref = ref if isinstance(ref, str) and 0 < len(ref) <= MAX_CLIENT_ID else None
        handler = self.HANDLERS.get(message["type"])
        if handler is None:
            await self.fail("unknown_type", f"Unknown message type {message['type']!r}.")
            return
        await handler(self, message)

    def client_id(self, message: dict) -> str:
        client_id = message.get("id")
        if not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_CLIENT_ID:
            raise Invalid("malformed", f'"id" must be a string of 1–{MAX_CLIENT_ID} chars.')
        return client_id

    async def on_ping(self, message):
        await self.send_json({"type": "pong"})

    async def on_sync(self, message):
        await self.send_json(await state_message(self.interview))

    async def on_answer(self, message):
        client_id = self.client_id(message)
        text = message.get("text")
        if not isinstance(text, str):
            raise Invalid("malformed", '"text" must be a string.')
        await self.accept_answer(text, client_id)

    async def on_repeat(self, message):
        await self.accept_answer("Could you repeat the question?", self.client_id(message))

    async def on_voice(self, message):
        listen, speak = message.get("listen", False), message.get("speak", False)
        if not isinstance(listen, bool) or not isinstance(speak, bool):
            raise Invalid("malformed", '"listen" and "speak" must be true or false.')
        self.require_active()
        await self.voice.configure(listen=listen, speak=speak)

    async def on_done(self, message):
        self.require_active()
        self.voice.done()

    def require_active(self) -> None:
        if not self.active:
            raise Conflict(
                "inactive_tab",
                _(
                    "This interview is open in another tab or window. Answer there, or take it "
                    "back here."
                ),
            )

    async def accept_answer(self, text: str, client_id: str, **spoken) -> Turn:
        """Typed and spoken answers alike: stored (once per id), acknowledged, shown to every
        tab, then the interviewer's reply."""
        self.require_active()
        turn, duplicate = await submit_answer(self.interview, text, client_id, **spoken)
        await self.send_json({"type": "ack", "id": client_id, "turn": turn_payload(turn)})
        if not duplicate:
            await self.broadcast(turn)
        self.advance_soon()
        return turn

    async def extend_answer(self, client_id: str, seq: int, text: str, words: list) -> bool:
        """Speech that went on after the answer seemed to end joins it (docs/websocket.md)."""
        self.require_active()
        turn = await answer_extend(self.interview, seq, text, words)
        if turn is None:
            return False
        await self.send_json({"type": "ack", "id": client_id, "turn": turn_payload(turn)})
        await self.broadcast(turn)
        self.advance_soon()
        return True

    async def fixed_lines(self) -> list[str]:
        return await fixed_lines(self.interview)

    def advance_soon(self) -> None:
        """The interviewer's next turn runs beside the socket: audio frames (a barge-in) keep
        being heard while it is written and said."""
        if self.advancer is None or self.advancer.done():
            self.advancer = asyncio.create_task(self.advance())
        else:  # one is running: it looks again once done (another answer may have come)
            self.advancer.add_done_callback(lambda _: self.advance_soon())

    async def advance(self) -> None:
        """Say the interviewer's next turn(s) if it is the interviewer's turn."""
        try:
            async with self.advancing:
                await self._advance()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("interview %s: the interviewer's turn failed", self.public_id)
            await self.fail("internal_error", _("Something went wrong; please try again."))

    async def _advance(self) -> None:
        for _attempt in range(3):  # another process may move first; re-plan a few at most
            planned, last_seq = await plan(self.interview)
            if planned is None:
                self.voice.candidate_floor()
                return
            reply = self.voice.reply_begins(planned, last_seq)
            await self.send_json(
                {"type": "interviewer_start", "say": reply.say and reply.say.number}
            )
            await self.stream(planned, reply)
            if reply.outcome == WITHDRAWN:
                return  # the candidate went on: their answer is not over
            turn, progress = await save_interviewer_turn(self.interview, last_seq, planned)
            if turn is None:
                self.voice.reply_dropped(reply)
                continue
            await self.voice.reply_saved(reply, turn)
            if reply.outcome:  # decided while it was being stored
                await self.reply_revised(reply)
            else:
                await self.broadcast(turn, progress)
            return

    async def stream(self, planned, reply: Reply) -> None:
        """Run the engine in a thread and forward its text as it is written (and, with voice,
        speak each sentence as soon as it is whole)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        done = object()

        def produce():
            try:
                for delta in planned:
                    loop.call_soon_threadsafe(queue.put_nowait, delta)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, done)

        threading.Thread(target=produce, daemon=True).start()
        while (delta := await queue.get()) is not done:
            if reply.outcome:
                continue  # the candidate has the floor: the rest is neither shown nor said
            self.voice.reply_delta(reply, delta)
            await self.send_json({"type": "interviewer_delta", "text": delta})
        self.voice.reply_written(reply)

    async def reply_revised(self, reply: Reply) -> None:
        """The candidate spoke over a stored turn: it keeps what they heard, or is withdrawn."""
        if reply.outcome == CUT:
            turn = await turn_cut(self.interview, reply.turn_seq, reply.said)
            if turn is not None:
                await self.broadcast(turn, await progress_of(self.interview))
        elif reply.outcome == WITHDRAWN and await turn_retract(self.interview, reply.turn_seq):
            await self.channel_layer.group_send(
                self.group, {"type": "turn.retracted", "seq": reply.turn_seq}
            )

    async def claim(self, message=None) -> None:
        """This connection takes the answer box; every other one of the interview is told."""
        self.active = True
        await self.channel_layer.group_send(
            self.group, {"type": "tab.claimed", "channel": self.channel_name}
        )

    async def tab_claimed(self, event):
        if event["channel"] != self.channel_name and self.active:
            self.active = False
            self.voice.pause()
            await self.send_json(
                {
                    "type": "inactive",
                    "message": _("This interview is now open in another tab or window."),
                }
            )

    HANDLERS = {
        "claim": claim,
        "ping": on_ping,
        "sync": on_sync,
        "answer": on_answer,
        "repeat": on_repeat,
        "voice": on_voice,
        "done": on_done,
    }

    async def broadcast(self, turn: Turn, progress: dict | None = None) -> None:
        """Every connection of this interview (other tabs, other processes) sees the turn; this
        one at once, not through Redis: a group left empty by a Redis restart cannot lose the
        candidate their own interviewer's turn."""
        event = {"type": "turn.persisted", "turn": turn_payload(turn), "progress": progress}
        await self.turn_persisted(event)
        try:
            await self.channel_layer.group_send(self.group, {**event, "origin": self.channel_name})
        except OUTAGES:  # the other tabs catch up with `sync` when they reconnect
            log.warning("interview %s: turn %s not shown to other tabs", self.public_id, turn.seq)

    async def turn_persisted(self, event):
        if event.get("origin") == self.channel_name:
            return  # delivered when it was sent
        turn = event["turn"]
        message = {"type": "turn", "turn": turn, "progress": event["progress"]}
        interviewer = turn["speaker"] == Turn.Speaker.INTERVIEWER
        if interviewer:
            message["audio_url"] = f"/i/{self.public_id}/speech/{turn['seq']}.wav"
        self.awaiting_answer = interviewer and turn["kind"] in ASKING_KINDS
        await self.send_json(message)
        if turn["kind"] == Turn.Kind.CLOSING:
            self.voice.spawn(self.finished())

    async def finished(self) -> None:
        """The goodbye has been said: the page may move on once it has played it."""
        with suppress(TimeoutError):
            await asyncio.wait_for(self.voice.said(), timeout=60)
        redirect_url = self.interview.posting.redirect_url or None
        await self.send_json({"type": "finished", "redirect_url": redirect_url})

    async def turn_retracted(self, event):
        await self.send_json({"type": "retracted", "seq": event["seq"]})
