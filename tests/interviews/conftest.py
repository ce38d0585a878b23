import json
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
        self.connection = connect(f"{server.ws_url}/ws/interviews/{interview_id}/", legacy=True)
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
