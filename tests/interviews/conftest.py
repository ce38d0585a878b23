import json
import queue
import threading
import time
import uuid

import pytest
from django.utils import timezone
from websockets.sync.client import connect

from candidates.services.ingest import candidate_ingest
from tests.conftest import AsgiServer
from tests.factories import make_posting


class Socket:
    """A real websocket client speaking the interview protocol (docs/websocket.md)."""

    def __init__(self, server: AsgiServer, interview_id: str):
        # Unbounded buffering: a test that stops reading (the interviewer's audio keeps coming)
        # still reads the server's close frame, so closing does not wait out close_timeout.
        self.connection = connect(
            f"{server.ws_url}/ws/interviews/{interview_id}/", legacy=True, max_queue=None
        )
        self.deltas: list[str] = []

    def send(self, message) -> None:
        self.connection.send(message if isinstance(message, (str, bytes)) else json.dumps(message))

    def answer(self, text: str, message_id: str | None = None) -> str:
        message_id = message_id or uuid.uuid4().hex
        self.send({"type": "answer", "id": message_id, "text": text})
        return message_id

    def receive(self, timeout: float = 10) -> dict:
        message = json.loads(self.connection.recv(timeout=timeout))
        if message["type"] == "interviewer_delta":
            self.deltas.append(message["text"])
        return message

    def expect(self, kind: str, timeout: float = 10, **fields) -> dict:
        """The next message of this type (and these field values), skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(timeout=max(deadline - time.monotonic(), 0.01))
            if message["type"] == kind and all(message.get(k) == v for k, v in fields.items()):
                return message

    def interviewer_turn(self, timeout: float = 10) -> dict:
        while True:
            message = self.expect("turn", timeout)
            if message["turn"]["speaker"] == "interviewer":
                return message

    def close(self) -> None:
        self.connection.close()


FRAME_SECONDS = 0.04


class Microphone:
    """A candidate's microphone over the websocket, as the page streams it: frames of 16 kHz
    PCM16 in real time, silence whenever nobody speaks. `say(pcm)` queues speech; `spoken_at`
    and `ended_at` record (monotonic) when each piece's first and last frame were sent."""

    FRAME = int(16000 * FRAME_SECONDS) * 2

    def __init__(self, socket: Socket):
        self.socket = socket
        self.queue: queue.Queue = queue.Queue()
        self.pieces = 0
        self.running = True
        self.spoken_at: list[float] = []
        self.ended_at: list[float] = []
        self.thread = threading.Thread(target=self._stream, daemon=True)
        self.thread.start()

    def say(self, pcm: bytes) -> None:
        self.pieces += 1
        self.queue.put(pcm)

    def wait_until_said(self, timeout: float = 60) -> float:
        """Blocks until everything queued was sent; returns when the last piece ended."""
        deadline = time.monotonic() + timeout
        while len(self.ended_at) < self.pieces:
            assert time.monotonic() < deadline, "the microphone did not finish speaking"
            time.sleep(0.02)
        return self.ended_at[-1]

    def _stream(self) -> None:
        silence = b"\x00" * self.FRAME
        next_at = time.monotonic()
        while self.running:
            try:
                pcm = self.queue.get_nowait()
            except queue.Empty:
                pcm = None
            frames = [silence] if pcm is None else _frames(pcm, self.FRAME)
            for index, frame in enumerate(frames):
                next_at += FRAME_SECONDS
                time.sleep(max(0.0, next_at - time.monotonic()))
                if pcm is not None and index == 0:
                    self.spoken_at.append(time.monotonic())
                try:
                    self.socket.send(frame)
                except Exception:  # the socket closed: the test is over
                    self.running = False
                    return
            if pcm is not None:
                self.ended_at.append(time.monotonic())

    def stop(self) -> None:
        self.running = False
        self.thread.join(timeout=5)


def _frames(pcm: bytes, size: int) -> list[bytes]:
    frames = [pcm[i : i + size] for i in range(0, len(pcm), size)]
    if frames and len(frames[-1]) < size:
        frames[-1] += b"\x00" * (size - len(frames[-1]))
    return frames


@pytest.fixture
def open_socket(asgi_server):
    sockets = []

    def opener(interview_id: str) -> Socket:
        socket_ = Socket(asgi_server, interview_id)
        sockets.append(socket_)
        return socket_

    yield opener
    for socket_ in sockets:
        socket_.close()


def ready_interview(workspace, guide="customer-service", email="priya@example.com", **overrides):
    """An ingested interview whose candidate has consented (the page's first step)."""
    posting = make_posting(workspace, guide, **overrides)
    row = {"name": "Priya Patel", "email": email}
    interview = candidate_ingest(posting=posting, row=row).interview
    interview.consented_at = timezone.now()
    interview.answer_mode = "text"
    interview.save()
    return interview
