"""Hands-free voice over a real websocket against the real ASGI app: real speech (Piper) streamed
in real time as the page does, heard by the server's listener (Silero VAD, Whisper), answered
through the same path as typed answers, and the interviewer's reply spoken back sentence by
sentence (docs/websocket.md)."""

import json
import time

import pytest
from websockets.exceptions import ConnectionClosed

from candidates.models import Interview
from heymilo.speech.wer import word_error_rate
from interviews.models import Turn
from tests.interviews.conftest import Microphone, ready_interview
from tests.interviews.media import piper_pcm, silence_pcm

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = "I listened to the customer, I apologized, and I solved the problem the same day."


class Voice:
    """One page's side of a voice interview: its socket, its microphone, what it received."""

    def __init__(self, ws):
        self.ws = ws
        self.mic = Microphone(ws)
        self.log: list[tuple[float, dict]] = []  # (received at, message)
        self.taken: set[int] = set()  # indexes of the log `until` returned

    def configure(self, *, listen=True, speak=True) -> dict:
        self.ws.send({"type": "voice", "listen": listen, "speak": speak})
        return self.until("voice")

    def until(self, kind: str, timeout: float = 30, where=None, **fields) -> dict:
        """The first message of this type (and these field values) not yet returned, received
        before or after this call; audio frames are logged as "audio"."""
        deadline = time.monotonic() + timeout
        first = 0
        while True:
            for index in range(first, len(self.log)):
                message = self.log[index][1]
                wanted = (
                    message["type"] == kind
                    and all(message.get(k) == v for k, v in fields.items())
                    and (where is None or where(message))
                )
                if wanted and index not in self.taken:
                    self.taken.add(index)
                    self.at = self.log[index][0]
                    return message
            first = len(self.log)
            raw = self.ws.connection.recv(timeout=max(0.01, deadline - time.monotonic()))
            message = {"type": "audio", "bytes": len(raw)} if isinstance(raw, bytes) else None
            self.log.append((time.monotonic(), message or json.loads(raw)))

    def received(self, kind: str) -> list[dict]:
        return [m for _, m in self.log if m["type"] == kind]

    def listen_to(self, say: int, timeout: float = 60) -> None:
        """Wait until the page would have played utterance `say` to its end (it plays each
        sentence as it arrives, one after another)."""
        self.until("speech_end", timeout, say=say)
        end = 0.0
        for at, message in self.log:
            if message["type"] == "speech" and message["say"] == say:
                end = max(end, at) + message["seconds"]
        time.sleep(max(0.0, end - time.monotonic()) + 0.2)

    def interviewer_turn(self, timeout: float = 30) -> dict:
        while True:
            message = self.until("turn", timeout)
            if message["turn"]["speaker"] == "interviewer":
                return message["turn"]


def to_a_spoken_follow_up(page: Voice) -> None:
    """Skip the long greeting (text), type a first answer, hear the follow-up: the candidate
    then has the floor and the interviewer a voice."""
    page.interviewer_turn()
    page.ws.send({"type": "answer", "id": "typed", "text": "I don't know."})
    page.interviewer_turn()
    page.configure(listen=True, speak=True)  # the question pending is said
    page.listen_to(page.until("speech")["say"])


@pytest.fixture
def voice(open_socket):
    pages = []

    def opener(interview, *, listen=True, speak=False) -> Voice:
        page = Voice(open_socket(interview.public_id))
        pages.append(page)
        page.until("state")
        state = page.configure(listen=listen, speak=speak)
        assert state["listen"] is listen, state
        return page

    yield opener
    for page in pages:
        page.mic.stop()


def test_a_spoken_answer_ends_by_itself_and_the_reply_is_spoken(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    to_a_spoken_follow_up(page)
    page.mic.say(piper_pcm(ANSWER))
    started = page.until("speech_start")
    assert started["stopped"] is None  # nothing was playing
    transcript = page.until("transcript")
    ack = page.until("ack", id=transcript["id"])
    ended = page.mic.wait_until_said()
    assert page.received("caption"), "no live caption while the candidate spoke"
    assert word_error_rate(ANSWER, transcript["text"]) <= 0.2, transcript["text"]
    reply = page.until("speech")  # the interviewer's reply, spoken sentence by sentence
    assert reply["say"] == page.received("interviewer_start")[-1]["say"]
    page.interviewer_turn()
    assert reply["sample_rate"] == 22050 and reply["provider"] == "piper"
    assert 0 < reply["latency"]["total"] < 3.0, reply["latency"]
    assert page.at - ended < 3.0  # voice to voice, as the page saw it
    answer = Turn.objects.get(interview=interview, seq=ack["turn"]["seq"])
    assert answer.answered_by_voice and answer.text == transcript["text"]
    assert answer.question_public_id == "Q001" and answer.kind == "answer"
    assert (
        interview.turns.get(seq=answer.seq - 1).text.split()
        == " ".join(m["text"] for m in page.received("speech") if m["say"] == 1).split()
    )  # the follow-up was said again, whole, when voice came on
    words = answer.words
    assert " ".join(w["text"] for w in words).split() == answer.text.split()
    assert all(0 <= w["start"] <= w["end"] for w in words)
    assert [w["start"] for w in words] == sorted(w["start"] for w in words)
    spoken_for = ended - page.mic.spoken_at[0]
    assert abs(words[-1]["end"] - spoken_for) < 1.0, (words[-1], spoken_for)
    # The turn starts where the speech did, not where it was stored.
    assert answer.offset < Turn.objects.get(interview=interview, seq=answer.seq + 1).offset - 3


def test_a_pause_after_and_does_not_end_the_answer(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    page.mic.say(piper_pcm("I listened to the customer and"))
    page.mic.say(piper_pcm("then I solved the problem the same day.", pause_before=0.8))
    page.until("ack")
    assert len(page.received("transcript")) == 1
    text = page.received("transcript")[0]["text"].lower()
    assert "customer" in text and "same day" in text, text
    assert interview.turns.filter(speaker="candidate").count() == 1


def test_the_posting_sets_the_patience_and_done_ends_the_answer_at_once(owner, voice):
    interview = ready_interview(owner.workspace)
    step = interview.posting.steps.get(type="web_interview")
    step.config["end_of_turn_silence"] = 3.0  # a finished sentence then needs 2.25 s
    step.save()
    page = voice(interview)
    page.interviewer_turn()
    page.mic.say(piper_pcm("I would escalate it to my manager the same day."))
    ended = page.mic.wait_until_said()
    page.until("ack", timeout=30)
    waited = page.at - ended
    assert waited > 2.0, f"a 3 s posting ended the answer {waited:.2f} s after the speech"
    page.interviewer_turn()
    page.mic.say(piper_pcm("I would ask the customer what happened first."))
    ended = page.mic.wait_until_said()
    page.ws.send({"type": "done"})
    page.until("ack")
    assert page.at - ended < 1.5  # Done does not wait for any silence
    assert interview.turns.filter(speaker="candidate").count() == 2


def test_speaking_over_the_greeting_stops_it_and_keeps_only_what_was_said(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview, speak=True)
    first = page.until("speech")
    say = first["say"]
    time.sleep(max(0.0, first["seconds"] + 0.5 - (time.monotonic() - page.at)))
    page.mic.say(piper_pcm("Sorry, can you hear me? I am ready to start."))
    started = page.until("speech_start")
    onset = page.mic.spoken_at[0]
    assert started["stopped"] == say
    assert started["after"] < 0.5, started  # speech onset → the server's stop
    assert page.at - onset < 1.0
    stop_index = next(i for i, (_, m) in enumerate(page.log) if m is started)
    page.until("ack")
    after_stop = [m for _, m in page.log[stop_index:] if m["type"] == "speech"]
    assert not [m for m in after_stop if m["say"] == say], "the greeting went on"
    greeting = interview.turns.get(seq=1)
    assert greeting.provenance["interrupted"] is True
    sent = " ".join(m["text"] for _, m in page.log[:stop_index] if m["type"] == "speech")
    kept = greeting.text.split()
    assert 0 < len(kept) < len(greeting.provenance["planned"].split())
    assert sent.split()[: len(kept)] == kept  # what was said, from the start
    # The question was not heard: it is asked next, and the interruption is not its answer.
    assert greeting.question_public_id == ""
    revised = [m["turn"] for m in page.received("turn") if m["turn"]["seq"] == 1]
    assert revised[-1]["text"] == greeting.text
    remark = interview.turns.get(speaker="candidate")
    assert remark.question_public_id == ""
    asked = page.until("turn", where=lambda m: m["turn"]["seq"] == remark.seq + 1)["turn"]
    assert asked["kind"] == "question" and asked["question_id"] == "Q001"


def test_the_greeting_heard_to_its_end_is_kept_whole(owner, voice):
    """The control for the barge-in test: the same greeting, listened to in silence."""
    interview = ready_interview(owner.workspace)
    page = voice(interview, speak=True)
    page.listen_to(page.until("speech")["say"])
    greeting = interview.turns.get(seq=1)
    assert "interrupted" not in (greeting.provenance or {})
    assert greeting.question_public_id == "Q001"
    spoken = " ".join(m["text"] for m in page.received("speech"))
    assert spoken.split() == greeting.text.split()


def test_going_on_right_after_a_pause_continues_the_same_answer(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    to_a_spoken_follow_up(page)
    page.mic.say(piper_pcm("I listened to the customer."))
    page.mic.say(piper_pcm("Then I solved the problem the same day.", pause_before=1.1))
    first = page.until("ack", id=page.until("transcript")["id"])
    second = page.until("ack", id=page.until("transcript")["id"])
    assert first["turn"]["seq"] == second["turn"]["seq"]  # the same answer, extended
    answer = Turn.objects.get(interview=interview, seq=first["turn"]["seq"])
    assert "customer" in answer.text.lower() and "same day" in answer.text.lower()
    words = answer.words
    gaps = [b["start"] - a["end"] for a, b in zip(words, words[1:], strict=False)]
    assert max(gaps) > 0.8, gaps  # the second part is timed from the first's start
    assert interview.turns.filter(speaker="candidate").count() == 2  # typed, then this one
    deadline = time.monotonic() + 20  # the reply to the whole answer
    while not interview.turns.filter(seq=answer.seq + 1).exists():
        assert time.monotonic() < deadline, "no reply to the continued answer"
        time.sleep(0.1)
    assert interview.turns.get(seq=answer.seq + 1).speaker == "interviewer"


def test_done_with_nothing_said_is_not_an_answer(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    page.mic.say(silence_pcm(1.0))
    page.mic.wait_until_said()
    page.ws.send({"type": "done"})
    assert page.until("error")["code"] == "no_speech"
    assert not interview.turns.filter(speaker="candidate").exists()


def test_a_long_silence_gets_a_gentle_prompt_not_a_skip(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    prompt = page.until("prompt", timeout=20)
    assert "Take your time" in prompt["text"]
    assert not interview.turns.filter(speaker="candidate").exists()
    page.mic.say(piper_pcm(ANSWER))
    page.until("ack")
    assert interview.turns.get(speaker="candidate").question_public_id == "Q001"


def test_a_language_the_recogniser_does_not_know_falls_back_to_typing(owner, voice):
    interview = ready_interview(owner.workspace, language="es")
    page = voice(interview, listen=False)
    page.ws.send({"type": "voice", "listen": True, "speak": False})
    state = page.until("voice")
    assert state["listen"] is False and "escribe" in state["message"].lower(), state
    page.interviewer_turn()
    page.ws.send(silence_pcm(0.1))
    assert page.until("error")["code"] == "voice_off"
    page.ws.send({"type": "answer", "id": "typed", "text": "Escuché al cliente y lo resolví."})
    page.until("ack", id="typed")


def test_a_remote_recogniser_that_is_down_falls_back_to_whisper(owner, voice, settings):
    settings.SPEECH_TO_TEXT = "openai"
    settings.AI_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens there
    settings.AI_TIMEOUT, settings.AI_MAX_RETRIES = 2, 0
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    page.mic.say(piper_pcm(ANSWER))
    transcript = page.until("transcript")
    page.until("ack")
    assert word_error_rate(ANSWER, transcript["text"]) <= 0.2, transcript["text"]


def test_with_no_voice_at_all_the_interview_goes_on_in_text(owner, voice, settings, monkeypatch):
    settings.TEXT_TO_SPEECH = "openai"
    settings.AI_BASE_URL = "http://127.0.0.1:9/v1"
    settings.AI_TIMEOUT, settings.AI_MAX_RETRIES = 2, 0
    monkeypatch.setenv("PATH", "/nonexistent")  # no espeak-ng program either
    interview = ready_interview(owner.workspace, language="es")  # and Piper speaks English only
    page = voice(interview, listen=False, speak=True)
    notice = page.until("voice", speak=False)
    assert notice["message"], notice
    greeting = page.interviewer_turn()
    assert greeting["kind"] == "greeting" and not page.received("speech")


def test_an_inactive_tab_is_not_heard(owner, voice, open_socket):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    other = open_socket(interview.public_id)
    other.expect("state")
    page.until("inactive")
    page.mic.stop()
    page.ws.send(silence_pcm(0.1))
    assert page.until("error")["code"] == "voice_off"
    page.ws.send({"type": "voice", "listen": True, "speak": False})
    page.until("error", code="inactive_tab")


def test_no_audio_is_taken_before_the_candidate_consents(owner, open_socket):
    interview = ready_interview(owner.workspace)
    Interview.objects.filter(pk=interview.pk).update(consented_at=None)
    ws = open_socket(interview.public_id)
    refused = ws.expect("error")
    assert refused["code"] == "consent_required"
    with pytest.raises(ConnectionClosed):  # closed with 4403: nothing more is read
        for _ in range(3):
            ws.send(silence_pcm(0.1))
            ws.send({"type": "voice", "listen": True, "speak": True})
            ws.receive(timeout=2)
    assert ws.connection.close_code == 4403
    interview.refresh_from_db()
    assert interview.status == "pending" and not interview.turns.exists()


def test_an_oversized_audio_frame_is_refused_and_the_session_goes_on(owner, voice):
    interview = ready_interview(owner.workspace)
    page = voice(interview)
    page.interviewer_turn()
    page.mic.stop()
    page.ws.send(silence_pcm(2.5))  # 80,000 bytes in one frame: over the 64 KiB limit
    assert page.until("error")["code"] == "frame_too_large"
    page.ws.send({"type": "ping"})
    page.until("pong")
    page.ws.send({"type": "answer", "id": "typed", "text": "I would still like to answer."})
    assert page.until("ack")["turn"]["kind"] == "answer"
