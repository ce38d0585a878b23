"""A webhook receiver on loopback that does what an integrator's endpoint does: verify the
signature from the raw body, then record the event. Written from docs/webhooks.md, not from
our signing code, so a change on our side that breaks receivers breaks these tests."""

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify(header: str, body: bytes, secret: str, tolerance: int = 300) -> bool:
    pairs = [item.split("=", 1) for item in header.split(",")]
    timestamp = next(value for key, value in pairs if key == "t")
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return any(
        hmac.compare_digest(expected.hexdigest(), value) for key, value in pairs if key == "v1"
    )


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    at: float
    verified: bool

    @property
    def event(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    secret: str = ""
    status: int = 200
    delay: float = 0.0
    response_body: bytes = b"ok"
    extra_headers: dict[str, str] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def event_ids(self) -> list[str]:
        return [request.headers["X-HeyMilo-Event-Id"] for request in self.received]

    def start(self) -> "Receiver":
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        serve = partial(self._server.serve_forever, poll_interval=0.05)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def stop(self) -> None:
        """Down: connections to the port are refused until start() binds it again."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signature = self.headers.get("X-HeyMilo-Signature", "")
                verified = bool(receiver.secret) and verify(signature, body, receiver.secret)
                receiver.received.append(Received(dict(self.headers), body, time.time(), verified))
                time.sleep(receiver.delay)
                try:
                    self.send_response(receiver.status)
                    for name, value in receiver.extra_headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(receiver.response_body)))
                    self.end_headers()
                    self.wfile.write(receiver.response_body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender gave up (timeout) or was killed mid-request

            def log_message(self, *args):
                pass

        return Handler
