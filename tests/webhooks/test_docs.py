"""The verification snippets of docs/webhooks.md, extracted and run against real deliveries."""

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.webhooks.helpers import emit
from webhooks.models import WebhookDelivery

DOC = (Path(__file__).resolve().parents[2] / "docs" / "webhooks.md").read_text()


def snippet(language: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)
    return next(block for block in blocks if "HeyMilo" in block and "hmac" in block.lower())


def test_the_python_snippet_verifies_a_real_delivery(
    posting, hook, receiver, django_capture_on_commit_callbacks
):
    namespace: dict = {}
    exec(snippet("python"), namespace)
    verify = namespace["verify_heymilo_signature"]
    with django_capture_on_commit_callbacks(execute=True):
        emit(posting)
    [request] = receiver.received
    header = request.headers["X-HeyMilo-Signature"]
    assert verify(header, request.body, receiver.secret)
    assert not verify(header, request.body + b" ", receiver.secret)
    assert not verify(header, request.body, "whsec_wrong")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_node_receiver_accepts_real_deliveries_and_refuses_a_wrong_secret(
    owner, posting, allow_private, tmp_path, django_capture_on_commit_callbacks
):
    script, port = tmp_path / "receiver.js", free_port()
    script.write_text(snippet("javascript"))
    body = {
        "posting_id": posting.public_id,
        "url": f"http://127.0.0.1:{port}/heymilo",
        "event_type": "report_available",
    }
    secret = owner.post("/api/v4/webhooks", body).json()["data"]["secret"]
    env = {**os.environ, "SECRET": secret, "PORT": str(port)}
    node = subprocess.Popen(["node", str(script)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and node.poll() is None
            time.sleep(0.05)
        with django_capture_on_commit_callbacks(execute=True):
            emit(posting, "0000000000000001")
        assert WebhookDelivery.objects.get().status == "succeeded"
        webhook_id = WebhookDelivery.objects.get().webhook.public_id
        owner.post(f"/api/v4/webhooks/{webhook_id}/rotate_secret")  # node keeps the old one
        with django_capture_on_commit_callbacks(execute=True):
            emit(posting, "0000000000000002")
        refused = WebhookDelivery.objects.get(event__interview_id="0000000000000002")
        assert refused.last_status_code == 400
    finally:
        node.terminate()
        output = node.communicate(timeout=10)[0]
    assert output.strip() == "report_available 0000000000000001"
