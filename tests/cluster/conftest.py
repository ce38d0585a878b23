"""The cluster of deploy/ on loopback (scripts/cluster.py) over the test database, and a
candidate's browser that talks to it through the proxy."""

import json
import re
import subprocess
import threading
import time
import uuid

import httpx
import pytest
from django.conf import settings
from django.db import connection
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.sync.client import connect

from scripts.cluster import ROOT, Cluster
from tests.ai.fake_openai import FakeOpenAI, Step
from tests.interviews.test_websocket import STRONG
from tests.webhooks.receiver import Receiver

# Every model call of the workers takes this long, as a real one does: evaluations last
# seconds, long enough to kill a worker in the middle of one.
MODEL_SECONDS = 0.7
# Short recovery times, so a killed worker's job is taken back within seconds.
RECOVERY = {
    "EVALUATION_STUCK_AFTER_SECONDS": "4",
    "RECORDINGS_STUCK_AFTER_SECONDS": "6",
    "JOBS_SWEEP_INTERVAL_SECONDS": "1",
    "WEBHOOKS_ALLOW_PRIVATE_URLS": "true",  # the receiver is on loopback
}

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL, reason="the cluster needs PostgreSQL and Redis (make test-cluster)"
)


def test_database_url() -> str:
    db = connection.settings_dict  # the test database pytest-django created
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def model():
    server = FakeOpenAI().start()
    server.script(*[Step(hang=MODEL_SECONDS) for _ in range(100_000)])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, model, tmp_path_factory):
    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", "the cluster runs on PostgreSQL"
        url = test_database_url()
    workers_model = {
        "AI_ENGINE": "openai",
        "AI_BASE_URL": model.base_url,
        "AI_API_KEY": "test",
        "AI_MAX_RETRIES": "0",
    }
    started = Cluster(
        tmp_path_factory.mktemp("cluster"),
        database_url=url,
        redis_url=settings.REDIS_URL,
        overrides=RECOVERY,
        worker_overrides=workers_model,
    ).start()
    yield started
    started.stop()


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


def services(command: str) -> None:
    """postgres_stop, redis_start… of scripts/services.sh, on the suite's own servers."""
    subprocess.run(["bash", "-c", f"source scripts/services.sh && {command}"], cwd=ROOT, check=True)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RETRYABLE = (502, 503, 504)


class Browser:
    """What a candidate's browser does through the proxy: the pages, recording uploads, and the
    interview websocket — reconnecting as room.js does, and sending an answer again with the
    same id until it is acknowledged (docs/websocket.md)."""

    def __init__(self, cluster: Cluster, interview_id: str):
        self.cluster, self.interview_id = cluster, interview_id
        self.http = httpx.Client(base_url=cluster.url, timeout=30)
        self.csrf = ""
        self.sent: list[str] = []  # answer ids in the order they were first sent
        self.acked: dict[str, int] = {}  # answer id -> the turn's seq
        self.pending: tuple[str, str] | None = None  # sent, not yet acknowledged
        self.nodes: list[str] = []  # the node that served each websocket
        self.errors: list[dict] = []
        self.finished = False

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """A request, tried again while the proxy has no node for it (a node just died)."""
        for _ in range(30):
            try:
                response = self.http.request(method, path, **kwargs)
            except httpx.TransportError:
                time.sleep(0.5)
                continue
            if response.status_code not in RETRYABLE:
                return response
            time.sleep(0.5)
        raise AssertionError(f"{method} {path} kept failing")

    def consent(self) -> None:
        page = self.request("GET", f"/i/{self.interview_id}")
        token = CSRF.search(page.text).group(1)
        data = {"consent": "yes", "mode": "text", "csrfmiddlewaretoken": token}
        consented = self.request("POST", f"/i/{self.interview_id}/consent", data=data)
        assert consented.status_code == 302, consented.text
        room = self.request("GET", f"/i/{self.interview_id}")
        self.csrf = CSRF.search(room.text).group(1)

    def upload(self, data: bytes, seq: int, kind: str = "video") -> None:
        response = self.request(
            "POST",
            f"/i/{self.interview_id}/recordings/{kind}?session=s1&seq={seq}",
            content=data,
            headers={"X-CSRFToken": self.csrf, "Content-Type": "application/octet-stream"},
        )
        assert response.json()["stored"], response.text

    def play(self, pause_after: int | None = None, paused=None, go=None) -> None:
        """Answer until the closing turn; after `pause_after` acknowledged answers, say so
        (`paused`) and wait for `go` with the socket open."""
        self.pause = (pause_after, paused, go)
        deadline = time.monotonic() + 240
        while not self.finished:
            assert time.monotonic() < deadline, f"{self.interview_id} never finished"
            try:
                with connect(
                    f"{self.cluster.ws_url}/ws/interviews/{self.interview_id}/", open_timeout=5
                ) as socket:
                    self.nodes.append(socket.response.headers.get("X-Served-By", "?"))
                    self.converse(socket)
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError):
                time.sleep(0.3)  # room.js waits a moment, then reconnects

    def converse(self, socket) -> None:
        state = self.receive(socket)
        if state["type"] == "error":
            self.on_error(state)
            return
        if state["awaiting"] == "none":
            self.finished = True
            return
        transcript = state["transcript"]
        last_seq = transcript[-1]["seq"] if transcript else 0
        awaiting = state["awaiting"] == "answer"
        if self.pending:
            self.send(socket, *self.pending)  # not acknowledged before the drop: same id
        elif awaiting:
            self.answer(socket)
        while not self.finished:
            message = self.receive(socket)
            kind = message["type"]
            if kind == "ack":
                self.acked[message["id"]] = message["turn"]["seq"]
                if self.pending and self.pending[0] == message["id"]:
                    self.pending = None
                self.maybe_pause()
                if awaiting and message["turn"]["seq"] < last_seq:
                    self.answer(socket)  # stored before the drop, and already answered by
                    awaiting = False  # the interviewer: it is our turn again
            elif kind == "turn" and message["turn"]["speaker"] == "interviewer":
                if message["turn"]["kind"] != "closing":
                    self.answer(socket)
            elif kind == "finished":
                self.finished = True
            elif kind == "error":
                self.on_error(message)

    def on_error(self, message: dict) -> None:
        self.errors.append(message)
        if message["code"] == "finished":
            self.finished = True
        elif message["code"] == "service_unavailable":
            raise TimeoutError("try again shortly")  # reconnect, send the answer again
        else:
            raise AssertionError(message)

    def receive(self, socket) -> dict:
        return json.loads(socket.recv(timeout=60))

    def answer(self, socket) -> None:
        self.pending = (uuid.uuid4().hex, STRONG)
        self.sent.append(self.pending[0])
        self.send(socket, *self.pending)

    def send(self, socket, answer_id: str, text: str) -> None:
        socket.send(json.dumps({"type": "answer", "id": answer_id, "text": text}))

    def maybe_pause(self) -> None:
        pause_after, paused, go = self.pause
        if pause_after is not None and len(self.acked) == pause_after:
            paused.release()
            go.wait(timeout=60)


def run_in_threads(functions) -> None:
    failures = []

    def guarded(function):
        try:
            function()
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=guarded, args=(f,), daemon=True) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if failures:
        raise failures[0]
