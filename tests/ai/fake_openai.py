"""A real OpenAI-compatible HTTP server for tests: 127.0.0.1, random port, one thread.

It speaks ``POST /v1/chat/completions`` (JSON and SSE streaming), records every request body, and
can be scripted per request with ``server.script(...)``: an HTTP status (429, 500), garbage
content, a hang longer than the client's timeout, or a stream that dies after some chunks.
Unscripted requests get a plausible, schema-valid default reply so every engine function can run
against it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    """One scripted reply. Only the fields that matter for a behaviour are set."""

    status: int = 200
    content: str | None = None  # assistant message content (JSON text or plain text)
    hang: float = 0.0  # seconds to sleep before answering
    die_after_chunks: int | None = None  # streaming only: drop the connection after N chunks


@dataclass
class FakeOpenAI:
    requests: list[dict[str, Any]] = field(default_factory=list)
    steps: deque[Step] = field(default_factory=deque)
    stream_text: str = "Could you tell me what result you achieved there?"

    def __post_init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        # Scripted hangs and kills end in broken pipes by design; keep them out of test output.
        self.httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.stopped = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.httpd.shutdown()
        self.httpd.server_close()

    def script(self, *steps: Step) -> None:
        self.steps.extend(steps)

    def next_step(self) -> Step | None:
        return self.steps.popleft() if self.steps else None


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            server.requests.append(body)
            step = server.next_step() or Step()
            if step.hang:
                time.sleep(step.hang)
            if step.status != 200:
                return self._json(step.status, {"error": {"message": "scripted", "type": "x"}})
            if body.get("stream"):
                return self._stream(body, step)
            content = step.content if step.content is not None else default_content(body)
            self._json(200, completion(body, content))

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, body: dict[str, Any], step: Step) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            text = step.content if step.content is not None else server.stream_text
            pieces = [w + " " for w in text.split(" ")]
            pieces[-1] = pieces[-1].rstrip()
            for index, piece in enumerate(pieces):
                if step.die_after_chunks is not None and index >= step.die_after_chunks:
                    return self._die()
                self._chunk(sse(body, {"content": piece}, None))
            self._chunk(sse(body, {}, "stop"))
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _die(self) -> None:
            # Like a killed process: the socket closes in the middle of a chunked response.
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.connection.close()
            self.close_connection = True

    return Handler


def completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def sse(body: dict[str, Any], delta: dict[str, Any], finish: str | None) -> bytes:
    chunk = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body.get("model", ""),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(chunk)}\n\n".encode()


def default_content(body: dict[str, Any]) -> str:
    """A schema-valid reply chosen by the requested schema's name."""
    fmt = body.get("response_format") or {}
    name = (fmt.get("json_schema") or {}).get("name", "")
    user = next((m["content"] for m in body.get("messages", []) if m["role"] == "user"), "")
    return json.dumps(DEFAULTS.get(name, lambda _: {"text": "ok"})(user))


def _evaluation(user: str) -> dict[str, Any]:
    # Quote the first candidate sentence verbatim, plus one invented quote the engine must drop.
    line = next((x for x in user.splitlines() if "candidate: " in x), "candidate: ")
    quote = line.split("candidate: ", 1)[1].split(".")[0]
    return {"score": 4, "summary": "Clear example.", "evidence": [quote, "words never said"]}


def _questions(user: str) -> dict[str, Any]:
    item = {
        "text": "Tell me about a time you calmed an upset customer.",
        "evaluation_criteria": "Empathy and resolution.",
        "score_of_1": "No example.",
        "score_of_5": "Specific example with a positive outcome.",
        "question_type": "open-ended",
        "score_weight": 2.0,
        "min_follow_ups": 1,
        "max_follow_ups": 2,
    }
    return {"questions": [item | {"text": f"{item['text']} ({n})"} for n in range(1, 11)]}


def _resume(user: str) -> dict[str, Any]:
    ids = [part.split(":")[0] for part in user.split("- ")[1:]]
    row = {"passed": True, "confidence": 0.9, "reasons": ["quoted"]}
    score = {"score": 4.25, "confidence": 0.8, "reasons": ["quoted"]}
    return {
        "eligibility": [{"criteria_id": i, **row} for i in ids if i.startswith("rec")],
        "scores": [{"criteria_id": i, **score} for i in ids if i.startswith("rsc")],
    }


def _candidate_reply(user: str) -> dict[str, Any]:
    # Answers "the on-call rotation" from the posting text it was sent; anything else is an answer.
    said = user.rsplit("Candidate's latest utterance: ", 1)[-1]
    if "on-call" in said:
        return {
            "kind": "question",
            "utterance": "It's one week in six. Now, back to my question.",
            "answered": True,
        }
    return {"kind": "answer", "utterance": "", "answered": False}


DEFAULTS = {
    "candidate_reply": _candidate_reply,
    "answer_evaluation": _evaluation,
    "turn_decision": lambda _: {"action": "follow_up", "utterance": "What was the result?"},
    "interview_questions": _questions,
    "interview_summary": lambda _: {
        "highlights": ["Specific examples"],
        "lowlights": ["Few numbers"],
        "tags": ["Strong Communicator"],
    },
    "resume_screen": _resume,
}
