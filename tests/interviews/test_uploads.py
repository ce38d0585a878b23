"""Oversized uploads are refused with a 413 JSON before the server reads them (the real ASGI
server, over a socket: Django's test client would skip the ASGI layer that enforces it)."""

import json
import socket
import time

import httpx
import pytest

from interviews.services import interview_start
from tests.interviews.conftest import ready_interview

pytestmark = pytest.mark.django_db(transaction=True)


def raw_request(server, path: str, headers: dict, body: bytes = b"") -> tuple[int, dict, float]:
    """Send the head (and `body`), then read the answer: (status, JSON, seconds waited)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        started = time.monotonic()
        conn.sendall(head.encode() + body)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(payload), time.monotonic() - started


def test_a_declared_oversized_resume_is_refused_before_its_body_is_sent(owner, asgi_server):
    interview = ready_interview(owner.workspace, "sales")
    headers = {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": "60000000"}
    status, body, waited = raw_request(asgi_server, f"/i/{interview.public_id}/resume", headers)
    assert status == 413 and body["error"]["code"] == "payload_too_large"
    assert waited < 5  # answered at once: none of the 60 MB was waited for


def test_a_streamed_oversized_chunk_is_cut_off_with_a_413(owner, asgi_server):
    interview = interview_start(interview=ready_interview(owner.workspace))
    path = f"/i/{interview.public_id}/recordings/video?session=s&seq=0"

    def stream():  # chunked transfer: no Content-Length to refuse up front
        for _ in range(20):
            yield b"\x1a\x45\xdf\xa3" + b"x" * (1024 * 1024)

    response = httpx.post(f"{asgi_server.url}{path}", content=stream(), timeout=30)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not interview.chunks.exists()


def test_an_api_body_over_the_limit_is_a_413_envelope(owner, asgi_server, settings):
    headers = {"X-API-KEY": owner.raw_key, "Content-Type": "application/json"}
    headers["Content-Length"] = str(settings.API_MAX_BODY_BYTES + 1)
    status, body, _ = raw_request(asgi_server, "/api/v4/postings", headers)
    assert status == 413 and body["error"]["type"] == "invalid_request_error"
