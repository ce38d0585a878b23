"""The remote provider against a real local HTTP server speaking the OpenAI audio API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from heymilo.speech.audio import float_to_pcm, wav_bytes
from heymilo.speech.chain import RecognizerChain, VoiceChain
from heymilo.speech.openai_speech import OpenAISpeechToText

VERBOSE = {
    "text": "I solved it the same day.",
    "language": "english",
    "duration": 2.0,
    "words": [
        {"word": "I", "start": 0.1, "end": 0.2},
        {"word": "solved", "start": 0.2, "end": 0.6},
        {"word": "it", "start": 0.6, "end": 0.7},
    ],
}


class AudioServer:
    def __init__(self, mode: str):
        self.mode, self.requests = mode, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                server.requests.append((self.path, body))
                server.answer(self, body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/v1"

    def answer(self, handler, body: bytes) -> None:
        if self.mode == "down":
            return self.send(handler, 503, b'{"error": {"message": "overloaded"}}')
        if handler.path.endswith("/audio/speech"):
            wav = bytearray(wav_bytes(b"\x10\x00" * 24_000, 24_000))
            wav[4:8] = wav[40:44] = b"\xff\xff\xff\xff"  # a streaming server's placeholders
            return self.send(handler, 200, bytes(wav), "audio/wav")
        if b"verbose_json" in body:
            if self.mode == "plain":
                return self.send(handler, 400, b'{"error": {"message": "unsupported format"}}')
            return self.send(handler, 200, json.dumps(VERBOSE).encode())
        return self.send(handler, 200, json.dumps({"text": "I solved it."}).encode())

    @staticmethod
    def send(handler, status: int, body: bytes, kind: str = "application/json") -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def remote(settings):
    servers = []

    def start(mode: str) -> AudioServer:
        server = AudioServer(mode)
        servers.append(server)
        settings.AI_BASE_URL, settings.AI_API_KEY = server.url, "test"
        settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = 0, 5
        return server

    yield start
    for server in servers:
        server.httpd.shutdown()


def test_word_timings_come_back_from_verbose_json(remote, say):
    server = remote("verbose")

    transcript = OpenAISpeechToText().recognize(float_to_pcm(say("I solved it the same day.")))

    assert transcript.text == "I solved it the same day." and transcript.provider == "openai"
    assert [(w.text, w.start) for w in transcript.words][:2] == [("I", 0.1), ("solved", 0.2)]
    assert b"timestamp_granularities" in server.requests[0][1]


def test_a_server_without_verbose_json_gives_text_and_is_not_asked_twice(remote, say):
    server = remote("plain")
    recognizer = OpenAISpeechToText()

    first = recognizer.recognize(float_to_pcm(say("I solved it.")))
    second = recognizer.recognize(float_to_pcm(say("I solved it.")))

    assert first.text == second.text == "I solved it." and first.words == ()
    assert len(server.requests) == 3  # verbose refused once, then plain twice


def test_a_remote_recogniser_that_is_down_falls_back_to_whisper(remote, say):
    remote("down")
    chain = RecognizerChain.named("openai")

    transcript = chain.recognize(float_to_pcm(say("I solved the problem the same day.")))

    assert transcript.provider == "whisper" and "problem" in transcript.text.lower()


def test_refining_keeps_the_embedded_transcript_when_the_remote_fails(remote, whisper, say):
    remote("down")
    pcm = float_to_pcm(say("I solved the problem."))
    heard = whisper.recognize(pcm)

    assert RecognizerChain.named("openai").refine(pcm, heard) is heard


def test_refining_uses_the_remote_words_when_it_answers(remote, whisper, say):
    remote("verbose")
    pcm = float_to_pcm(say("I solved it the same day."))

    refined = RecognizerChain.named("openai").refine(pcm, whisper.recognize(pcm))

    assert refined.provider == "openai"


def test_remote_speech_with_placeholder_wav_sizes_is_read_to_the_end(remote):
    remote("verbose")

    chunk = VoiceChain.named("openai").speak("Hello.", language="en", voice="alloy")

    assert chunk.provider == "openai" and chunk.sample_rate == 24_000
    assert chunk.seconds == pytest.approx(1.0)
