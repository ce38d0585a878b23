"""Killing the server in the middle of an interview loses nothing: the state is in the database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import free_port
from tests.interviews.conftest import Socket, ready_interview
from tests.interviews.test_websocket import STRONG

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def subprocess_database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class ServerProcess:
    """`uvicorn heymilo.asgi:application` as its own process, on the test database."""

    def __init__(self):
        self.port = free_port()
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": subprocess_database_url(),
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "VAR_DIR": str(settings.VAR_DIR),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "heymilo.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--lifespan",
                "off",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1)
                return
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server process did not start"
                time.sleep(0.1)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def test_killing_the_server_mid_interview_loses_nothing(owner):
    interview = ready_interview(owner.workspace)
    first = ServerProcess()
    try:
        ws = Socket(first, interview.public_id)
        ws.interviewer_turn()
        acked = [ws.expect("ack", id=ws.answer(STRONG))["turn"]["seq"]]
        ws.interviewer_turn()
        acked.append(
            ws.expect("ack", id=ws.answer("I then personally called her back."))["turn"]["seq"]
        )
    finally:
        first.kill()
    second = ServerProcess()
    try:
        ws = Socket(second, interview.public_id)
        state = ws.expect("state")
        seqs = [turn["seq"] for turn in state["transcript"]]
        assert set(acked) <= set(seqs) and seqs == list(range(1, len(seqs) + 1))
        if state["awaiting"] != "answer":
            ws.interviewer_turn()  # the reply that was cut off is said now
        while True:
            ws.answer(STRONG)
            if ws.interviewer_turn()["turn"]["kind"] == "closing":
                break
        ws.expect("finished")
    finally:
        second.kill()
    interview.refresh_from_db()
    assert interview.status == "completed"
    assert interview.turns.filter(speaker="candidate").count() >= 6
