"""The production deployment of deploy/ on one machine: HAProxy, two web nodes, two workers and
beat over PostgreSQL, Redis and an S3 server; candidates interview through the proxy while
nodes, workers, PostgreSQL and Redis fail under them."""

import json
import ssl
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from django.db import close_old_connections, connection
from websockets.sync.client import connect

from candidates.models import Interview
from heymilo.accounts.services import api_key_create, workspace_get_or_create
from heymilo.celery import app as celery_app
from interviews.models import Recording, Turn, WebInterviewResult
from scripts.cluster import answers, free_port, wait_until
from tests.cluster.conftest import Browser, run_in_threads, services
from tests.factories import make_posting
from tests.interviews.documents import pdf
from tests.interviews.media import webm
from tests.interviews.test_websocket import STRONG
from webhooks.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

CANDIDATES = 4


class Integrator:
    """An API key's client, through the proxy."""

    def __init__(self, cluster, name: str = "Acme"):
        self.workspace = workspace_get_or_create(name=name)
        _, key = api_key_create(workspace=self.workspace)
        self.http = httpx.Client(base_url=cluster.url, headers={"X-API-KEY": key}, timeout=30)

    def posting(self, **overrides):
        return make_posting(self.workspace, "customer-service", **overrides)

    def ingest(self, posting, count: int, prefix: str = "c") -> list[str]:
        rows = [{"name": f"Cand {n}", "email": f"{prefix}{n}@example.com"} for n in range(count)]
        path = f"/api/v4/postings/{posting.public_id}/candidates/bulk"
        response = self.http.post(path, json={"data": rows})
        assert response.status_code == 200, response.text
        return [row["interview_id"] for row in response.json()["data"]]

    def subscribe(self, posting, receiver) -> None:
        body = {"posting_id": posting.public_id, "url": receiver.url}
        body["event_type"] = "report_available"
        response = self.http.post("/api/v4/webhooks", json=body)
        receiver.secret = response.json()["data"]["secret"]


def reports(receiver, interview_id: str) -> list:
    return [r for r in receiver.received if r.event["interview_id"] == interview_id]


def assert_reported_once(receiver, interview_id: str, recorded: bool = True) -> None:
    interview = Interview.objects.get(public_id=interview_id)
    assert interview.status == "completed", interview.evaluation_error
    assert WebInterviewResult.objects.filter(interview=interview).count() == 1
    events = Event.objects.filter(interview_id=interview_id, event_type="report_available")
    assert events.count() == 1
    received = reports(receiver, interview_id)
    assert len({r.event["id"] for r in received}) == 1 and all(r.verified for r in received)
    kinds = Counter(Recording.objects.filter(interview=interview).values_list("kind", flat=True))
    assert kinds == ({"video": 1} if recorded else {})  # the browsers upload the camera only


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> bytes:
    return webm(tmp_path_factory.mktemp("media") / "answer.webm", seconds=4)


def test_candidates_whose_web_node_is_killed_reconnect_to_the_other_and_lose_nothing(
    cluster, receiver, recording
):
    integrator = Integrator(cluster)
    posting = integrator.posting()
    integrator.subscribe(posting, receiver)
    browsers = [Browser(cluster, i) for i in integrator.ingest(posting, CANDIDATES)]
    half = len(recording) // 2
    for browser in browsers:
        browser.consent()
    paused, go = threading.Semaphore(0), threading.Event()

    def candidate(browser):
        def run():
            browser.play(pause_after=2, paused=paused, go=go)

        return run

    thread = threading.Thread(target=run_in_threads, args=([candidate(b) for b in browsers],))
    thread.start()
    for _ in browsers:
        assert paused.acquire(timeout=120), "a candidate never reached the second answer"
    on_web1 = [b for b in browsers if b.nodes[-1] == "web1"]
    assert on_web1, "the proxy sent no candidate to web1"
    for browser in browsers:  # the room records once the interview runs
        browser.upload(recording[:half], seq=0)
    go.set()
    cluster.processes["web1"].kill()  # while answers are on their way
    for browser in browsers:
        browser.upload(recording[half:], seq=1)
    thread.join(timeout=240)
    assert all(b.finished for b in browsers)
    for browser in on_web1:
        assert browser.nodes[-1] == "web2", browser.nodes  # reconnected through the proxy

    for browser in browsers:
        interview = Interview.objects.get(public_id=browser.interview_id)
        stored = list(
            Turn.objects.filter(interview=interview, speaker="candidate").values_list(
                "client_message_id", flat=True
            )
        )
        assert len(stored) == len(set(stored)), "an answer was stored twice"
        assert set(stored) == set(browser.acked) == set(browser.sent), "an answer was lost"
    cluster.start_web(1)
    wait_until(lambda: len(receiver.received) >= CANDIDATES, 120, "every report")
    for browser in browsers:
        assert_reported_once(receiver, browser.interview_id)


def play_recorded(browser: Browser, recording: bytes) -> None:
    """The whole interview, with the recording uploaded once it runs."""
    paused, go = threading.Semaphore(0), threading.Event()
    thread = threading.Thread(target=browser.play, args=(1, paused, go))
    thread.start()
    assert paused.acquire(timeout=60)
    browser.upload(recording, seq=0)
    go.set()
    thread.join(timeout=120)
    assert browser.finished


def active_jobs(name: str) -> dict[str, list]:
    """The workers running a job of this name now: {worker name: [args]}."""
    active = celery_app.control.inspect(timeout=0.5).active() or {}
    return {
        worker.split("@")[0]: [job["args"] for job in jobs if job["name"] == name]
        for worker, jobs in active.items()
        if any(job["name"] == name for job in jobs)
    }


def converting_worker(cluster) -> str | None:
    """The worker whose ffmpeg is converting a recording now (its child, in its group)."""
    for name, process in cluster.processes.items():
        if name.startswith("worker") and process.running:
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                    comm = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
                except (OSError, IndexError):
                    continue
                if comm == "ffmpeg" and int(fields[2]) == process.popen.pid:
                    return name
    return None


def wait_for(find, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while (found := find()) is None:
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return found


def test_a_worker_killed_mid_evaluation_or_mid_assembly_leaves_one_report_and_one_webhook(
    cluster, receiver, tmp_path
):
    integrator = Integrator(cluster, "Initech")
    posting = integrator.posting()
    integrator.subscribe(posting, receiver)
    long_recording = webm(tmp_path / "long.webm", seconds=60)  # converts in about a second
    first, second = integrator.ingest(posting, 2)

    # Mid-evaluation: the model answers slowly, so an evaluation lasts seconds.
    interview_pk = Interview.objects.get(public_id=first).pk
    browser = Browser(cluster, first)
    browser.consent()
    browser.play()

    def evaluating_worker():
        jobs = active_jobs("interviews.interview_evaluate")
        return next((w for w, args in jobs.items() if [interview_pk] in args), None)

    victim = wait_for(evaluating_worker, 60, "the evaluation to start")
    cluster.processes[victim].kill()
    close_old_connections()
    assert Interview.objects.get(pk=interview_pk).status == "evaluating", "killed too late"
    wait_until(lambda: reports(receiver, first), 90, "the report after the kill")
    cluster.start_worker(int(victim.removeprefix("worker")))

    # Mid-assembly: ffmpeg is converting the recording when its worker dies.
    browser = Browser(cluster, second)
    browser.consent()
    play_recorded(browser, long_recording)
    victim = wait_for(lambda: converting_worker(cluster), 90, "the recording's conversion")
    cluster.processes[victim].kill()
    assert not Recording.objects.filter(interview__public_id=second).exists(), "killed too late"
    wait_until(lambda: reports(receiver, second), 120, "the report after the kill")
    cluster.start_worker(int(victim.removeprefix("worker")))
    time.sleep(3)  # more sweeps: nothing may be scored, assembled or sent twice
    assert_reported_once(receiver, first, recorded=False)
    assert_reported_once(receiver, second)


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"].isdigit()
    error = response.json()["error"]
    assert error["code"] == "service_unavailable" and error["type"] == "api_error"


def socket_error(cluster, interview_id: str) -> dict:
    with connect(f"{cluster.ws_url}/ws/interviews/{interview_id}/", open_timeout=5) as socket:
        return json.loads(socket.recv(timeout=10))


def messages_until(socket, kind: str) -> list[dict]:
    """The messages up to and including the first of this type."""
    seen = []
    while not seen or seen[-1]["type"] != kind:
        seen.append(json.loads(socket.recv(timeout=30)))
    return seen


@pytest.mark.parametrize("service", ["postgres", "redis"])
def test_while_postgresql_or_redis_restarts_requests_fail_cleanly_and_recover(cluster, service):
    integrator = Integrator(cluster, f"Outage {service}")
    interview_id, open_id = integrator.ingest(integrator.posting(), 2)
    for consenting in (interview_id, open_id):
        Browser(cluster, consenting).consent()
    with connect(f"{cluster.ws_url}/ws/interviews/{open_id}/", open_timeout=5) as open_socket:
        messages_until(open_socket, "turn")  # the first question
        services(f"{service}_stop")
        try:
            for _ in range(4):  # both nodes
                assert_unavailable(integrator.http.get("/api/v4/postings"))
            message = socket_error(cluster, interview_id)
            assert message["type"] == "error" and message["code"] == "service_unavailable"
            time.sleep(2)
        finally:
            services(f"{service}_start")
        connection.close()  # this test process's own connection died with the server
        wait_until(
            lambda: (
                integrator.http.get("/api/v4/postings").status_code == 200
                and integrator.http.get("/api/v4/postings").status_code == 200
            ),
            20,
            "recovery",
        )
        # The socket opened before the outage is still there and the interview goes on.
        open_socket.send(json.dumps({"type": "answer", "id": "after", "text": STRONG}))
        seen = messages_until(open_socket, "ack")
        assert seen[-1]["id"] == "after", seen
        reply = messages_until(open_socket, "turn")[-1]
        if reply["turn"]["speaker"] == "candidate":  # the answer, to every tab; then the reply
            reply = messages_until(open_socket, "turn")[-1]
        assert reply["turn"]["speaker"] == "interviewer", reply
        open_socket.send(json.dumps({"type": "sync"}))
        state = messages_until(open_socket, "state")[-1]
    assert state["transcript"][-1] == reply["turn"], state
    assert Turn.objects.filter(interview__public_id=open_id, client_message_id="after").count() == 1
    browser = Browser(cluster, interview_id)
    browser.play()  # the whole interview, on whichever node, nothing restarted
    assert browser.finished and browser.acked


def test_rate_limits_count_requests_on_both_nodes_together(cluster):
    integrator = Integrator(cluster, "Limits")
    posting = integrator.posting()
    if time.time() % 60 > 45:  # one fixed window for the whole burst
        time.sleep(61 - time.time() % 60)
    path = f"/intake/v1/candidate/{posting.ingestion_url_key}"
    responses = [
        httpx.post(f"{cluster.url}{path}", json={"name": "A", "email": f"a{n}@example.com"})
        for n in range(40)
    ]
    assert {r.headers["X-Served-By"] for r in responses} == {"web1", "web2"}
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 30, 429: 10}  # INTAKE_RATE_LIMIT_PER_MINUTE, not twice it


def find(data, key: str):
    """The first value of `key` anywhere in nested JSON."""
    if isinstance(data, dict):
        if key in data:
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        return next((v for v in (find(item, key) for item in data) if v is not None), None)
    return None


def test_resumes_and_recordings_land_in_the_bucket_and_their_signed_links_work_via_the_proxy(
    cluster, recording
):
    integrator = Integrator(cluster, "Files")
    posting = make_posting(integrator.workspace, "sales")
    [interview_id] = integrator.ingest(posting, 1)
    browser = Browser(cluster, interview_id)
    browser.consent()
    resume = pdf(["Priya Patel", "B2B SaaS sales: 120% of quota three years running."])
    uploaded = browser.request(
        "POST",
        f"/i/{interview_id}/resume",
        files={"resume": ("priya.pdf", resume, "application/pdf")},
        headers={"X-CSRFToken": browser.csrf},
    )
    assert uploaded.status_code == 200, uploaded.text
    play_recorded(browser, recording)

    def report():
        data = integrator.http.get(f"/api/v4/interviews/{interview_id}/data").json()
        return data if find(data, "video_recording_url") else None

    data = wait_for(report, 90, "the report with its recording")
    bucket = cluster.s3()
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=cluster.bucket)["Contents"]]
    for url in (find(data, "resume_url"), find(data, "video_recording_url")):
        assert url.startswith(f"{cluster.url}/{cluster.bucket}/"), url
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
        key = unquote(urlsplit(url).path.split("/", 2)[2])
        assert key in keys
        stored = bucket.get_object(Bucket=cluster.bucket, Key=key)["Body"].read()
        assert httpx.get(url).content == stored
    seek = httpx.get(find(data, "video_recording_url"), headers={"Range": "bytes=0-99"})
    assert seek.status_code == 206 and len(seek.content) == 100


def test_the_proxy_terminates_tls_redirects_plain_http_and_carries_websockets(cluster, tmp_path):
    integrator = Integrator(cluster, "Secure")
    [interview_id] = integrator.ingest(integrator.posting(), 1)
    Browser(cluster, interview_id).consent()
    pem = tmp_path / "proxy.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(pem), "-out", str(pem)],
        check=True, capture_output=True,
    )  # fmt: skip
    plain, secure = free_port(), free_port()
    proxy = cluster.start_proxy(
        "tls-proxy", plain, HEYMILO_TLS_BIND=f"127.0.0.1:{secure}", HEYMILO_TLS_CERT=str(pem)
    )
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{plain}/health"), 20, "the TLS proxy")
        redirect = httpx.get(f"http://127.0.0.1:{plain}/health")
        assert redirect.status_code == 301
        assert redirect.headers["Location"].startswith("https://")
        served = httpx.get(f"https://127.0.0.1:{secure}/health", verify=False)
        assert served.status_code == 200 and served.headers["X-Served-By"] in ("web1", "web2")
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        url = f"wss://127.0.0.1:{secure}/ws/interviews/{interview_id}/"
        with connect(url, ssl=context, open_timeout=5) as socket:
            first = json.loads(socket.recv(timeout=10))
            assert first["type"] == "state", first
    finally:
        proxy.stop()
