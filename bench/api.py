"""API and dashboard speed on PostgreSQL, measured from outside, beside /health in the same run.

    bench/with-services.sh bench/api.py [--seconds 8] [--list-candidates 10000]
                                        [--board-candidates 100000]

It seeds a throwaway database (<DATABASE_URL's name>_bench, dropped at the end): one posting
with 10,000 candidates for the API's candidate list, one with 100,000 for the dashboard's
leaderboard. Then it measures twice: one node as `make run` serves (scripts/run.sh: one uvicorn
process and a worker), and the cluster of deploy/ (HAProxy, two web nodes, two workers, beat;
scripts/cluster.py). Clients are threads with keep-alive connections; they share the machine's
cores with the server, as every figure here does. Each row prints its p95 as a multiple of
/health's p95 in the same run: what our own code costs above the bare stack.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.cluster import Cluster, database_create, free_port, wait_until  # noqa: E402
from scripts.cluster import answers as node_answers  # noqa: E402

PASSWORD = "bench-recruiter-password-1"
# The bench measures speed, not the 300/min per key that would refuse most of its requests;
# every request still counts in Redis as usual.
SERVER_ENV = {"API_RATE_LIMIT_PER_MINUTE": "100000000"}
EMAIL = "bench@example.com"


@dataclass
class Result:
    name: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_statuses: set[int] = field(default_factory=set)
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(int(q * len(ordered)), len(ordered) - 1)] * 1000 if ordered else 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


class Client:
    """One keep-alive HTTP/1.1 connection, as a browser or an integrator's HTTP client keeps."""

    def __init__(self, base_url: str, headers: dict[str, str]):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.headers = {"Host": f"{parts.hostname}:{parts.port}", **headers}
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        try:
            all_headers = {**self.headers, **(headers or {})}
            self.connection.request(method, path, body=body, headers=all_headers)
            response = self.connection.getresponse()
            return response.status, response.read(), response
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            return 0, b"", None


def load(name, base_url, headers, next_path, *, clients: int, seconds: float) -> Result:
    """`clients` threads each sending requests back to back for `seconds`; `next_path(body)`
    gives a client's next path from its last answer (None at the start)."""
    result = Result(name, clients)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop():
        client, body = Client(base_url, headers), None
        while time.monotonic() < deadline:
            path = next_path(body)
            started = time.perf_counter()
            status, body, _ = client.request("GET", path)
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1
                    result.error_statuses.add(status)
                    body = None

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


# --- the data -----------------------------------------------------------------------------


def bench_database_url(url: str) -> str:
    base, name = url.rsplit("/", 1)
    return f"{base}/{name}_bench"


def database_drop(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(list_candidates: int, board_candidates: int) -> dict:
    """Straight into the database: ingesting 110,000 through the API would measure ingestion."""
    from django.core.management import call_command

    from heymilo.accounts.services import api_key_create, workspace_get_or_create
    from tests.factories import make_posting

    call_command("migrate", verbosity=0)
    workspace = workspace_get_or_create(name="Bench")
    _, raw_key = api_key_create(workspace=workspace)
    call_command("create_recruiter", EMAIL, password=PASSWORD, workspace="Bench", verbosity=0)
    listed = make_posting(workspace, "customer-service")
    board = make_posting(workspace, "customer-service", title="Seasonal wave")
    seed_interviews(listed, list_candidates, "l")
    seed_interviews(board, board_candidates, "b")
    # What autovacuum does within a minute or two of a bulk load; left to it, it would run
    # during the first measurements and take a core from them.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"key": raw_key, "list": listed.public_id, "board": board.public_id}


def seed_interviews(posting, count: int, prefix: str) -> None:
    from candidates.models import Candidate, Interview
    from interviews.models import WebInterviewResult

    rng = random.Random(count)
    tags = ["clear communicator", "customer empathy", "vague answers", "strong examples"]
    for start in range(0, count, 5000):
        rows = range(start, min(start + 5000, count))
        candidates = Candidate.objects.bulk_create(
            Candidate(workspace=posting.workspace, email=f"{prefix}{n}@x.example", name=f"C {n}")
            for n in rows
        )
        interviews = Interview.objects.bulk_create(
            interview_row(posting, candidate, rng) for candidate in candidates
        )
        WebInterviewResult.objects.bulk_create(
            WebInterviewResult(
                interview=interview,
                match_score=int(interview.score),
                tags=rng.sample(tags, 2),
            )
            for interview in interviews
            if interview.status == Interview.Status.COMPLETED
        )


def interview_row(posting, candidate, rng):
    from candidates.models import Interview

    completed = rng.random() < 0.6
    return Interview(
        workspace=posting.workspace,
        posting=posting,
        candidate=candidate,
        status=Interview.Status.COMPLETED if completed else Interview.Status.PENDING,
        score=rng.randint(0, 100) if completed else None,
        shortlisted=completed and rng.random() < 0.1,
    )


# --- what is measured ---------------------------------------------------------------------


def login(base_url: str) -> str:
    """The recruiter's session cookie, by the login form."""
    client = Client(base_url, {})
    _, page, response = client.request("GET", "/login/")
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    body = f"username={EMAIL}&password={PASSWORD}&csrfmiddlewaretoken={csrf}".encode()
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    status, _, response = client.request("POST", "/login/", body, headers)
    assert status == 302, f"login failed: {status}"
    session = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid")]
    return session[0].split(";", 1)[0]


def walk_pages(posting_id: str, limit: int):
    """Each client reads the list page after page (keyset cursor), from the top again at the end."""
    first = f"/api/v4/postings/{posting_id}/candidates?limit={limit}"

    def next_path(body):
        if not body:
            return first
        page = json.loads(body)
        if not page["has_more"]:
            return first
        return f"{first}&starting_after={page['data'][-1]['interview_id']}"

    return next_path


def fixed(path: str):
    return lambda body: path


def integrator_mix(data: dict):
    """What an ATS polling us does: its postings, a candidate page, stats, one interview."""
    paths = [
        f"/api/v4/postings/{data['list']}",
        f"/api/v4/postings/{data['list']}/candidates?limit=10",
        f"/api/v4/postings/{data['list']}/stats",
        "/api/v4/postings?limit=10",
    ]
    counter = iter(range(10**9))
    return lambda body: paths[next(counter) % len(paths)]


def settle(most_seconds: float = 60) -> None:
    """Wait until the machine is quiet (under a fifth of its CPU busy for a second): servers
    that just answered their first /health are still loading the AI and speech models."""

    def busy_and_total():
        with open("/proc/stat") as stat:
            fields = [int(n) for n in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields) - idle, sum(fields)

    deadline = time.monotonic() + most_seconds
    while time.monotonic() < deadline:
        busy_before, total_before = busy_and_total()
        time.sleep(1)
        busy, total = busy_and_total()
        if (busy - busy_before) / max(total - total_before, 1) < 0.2:
            return


def measure(base_url: str, data: dict, seconds: float) -> list[Result]:
    settle()
    key = {"X-API-KEY": data["key"]}
    session = {"Cookie": login(base_url)}
    board = f"/dashboard/postings/{data['board']}/candidates"
    results = [
        load("/health", base_url, {}, fixed("/health"), clients=1, seconds=seconds),
        load("/health", base_url, {}, fixed("/health"), clients=8, seconds=seconds),
        load("candidate list, 50 rows of 10,000", base_url, key, walk_pages(data["list"], 50),
             clients=8, seconds=seconds),
        load("leaderboard of 100,000, first page", base_url, session, fixed(board),
             clients=1, seconds=seconds),
        load("leaderboard of 100,000, first page", base_url, session, fixed(board),
             clients=8, seconds=seconds),
        load("/health", base_url, {}, fixed("/health"), clients=50, seconds=seconds),
        load("integrator mix (4 API calls)", base_url, key, integrator_mix(data),
             clients=50, seconds=seconds),
    ]  # fmt: skip
    results.append(bulk_ingest(base_url, data))
    return results


def bulk_ingest(base_url: str, data: dict, rows: int = 10_000) -> Result:
    client = Client(base_url, {"X-API-KEY": data["key"], "Content-Type": "application/json"})
    status, body, _ = client.request(
        "POST", "/api/v4/postings", json.dumps({"title": f"Ingest {time.time()}"}).encode()
    )
    posting_id = json.loads(body)["data"]["id"]
    tag = f"{time.time_ns()}"
    payload = {"data": [{"name": f"N {n}", "email": f"i{tag}.{n}@x.example"} for n in range(rows)]}
    started = time.perf_counter()
    status, body, _ = client.request(
        "POST", f"/api/v4/postings/{posting_id}/candidates/bulk", json.dumps(payload).encode()
    )
    result = Result(f"bulk ingest of {rows:,} new candidates (one call)", 1)
    result.latencies.append(time.perf_counter() - started)
    result.seconds = result.latencies[0]
    result.errors = 0 if status == 200 and json.loads(body)["created_count"] == rows else 1
    return result


# --- the servers ----------------------------------------------------------------------------


def one_node(workdir: Path, database_url: str):
    """scripts/run.sh as `make run` starts it, on PostgreSQL and Redis."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "VAR_DIR": str(workdir / "var"),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        **SERVER_ENV,
    }
    with open(workdir / "run.log", "ab") as log:
        process = subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    wait_until(lambda: node_answers(f"{url}/health"), 60, "make run's node")
    return url, lambda: (os.killpg(process.pid, signal.SIGTERM), process.wait(timeout=30))


def the_cluster(workdir: Path, database_url: str):
    redis_url = os.environ["REDIS_URL"]
    cluster = Cluster(workdir, database_url=database_url, redis_url=redis_url, overrides=SERVER_ENV)
    cluster.start()
    return cluster.url, cluster.stop


# --- the report ---------------------------------------------------------------------------


def report(topology: str, results: list[Result]) -> None:
    health = {r.clients: r for r in results if r.name == "/health"}
    print(f"\n{topology} — load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'what':<42} {'clients':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}"
          f" {'p95 ÷ /health':>13}")  # fmt: skip
    for r in results:
        base = health.get(r.clients)
        shown = base and r is not base and not r.name.startswith("bulk")
        ratio = f"{r.percentile(0.95) / base.percentile(0.95):.1f}×" if shown else ""
        print(f"  {r.name:<42} {r.clients:>7} {r.rate:>7.0f} {r.percentile(0.5):>8.1f}"
              f" {r.percentile(0.95):>8.1f} {r.errors:>6} {ratio:>13}"
              f"{' statuses ' + str(sorted(r.error_statuses)) if r.errors else ''}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--list-candidates", type=int, default=10_000)
    parser.add_argument("--board-candidates", type=int, default=100_000)
    args = parser.parse_args()
    database_url = bench_database_url(os.environ["DATABASE_URL"])
    database_drop(database_url)  # a run stopped half-way left one
    database_create(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")
    import django

    django.setup()
    started = time.monotonic()
    data = seed(args.list_candidates, args.board_candidates)
    print(f"seeded {args.list_candidates + args.board_candidates:,} candidates in "
          f"{time.monotonic() - started:.0f} s; load: {os.getloadavg()[0]:.1f}")  # fmt: skip
    for topology, start in (
        ("one node, as `make run` serves (uvicorn + worker), PostgreSQL + Redis", one_node),
        ("two nodes behind HAProxy (deploy/), two workers, beat, PostgreSQL + Redis + S3",
         the_cluster),
    ):  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            url, stop = start(Path(tmp), database_url)
            try:
                report(topology, measure(url, data, args.seconds))
            finally:
                stop()
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    from django.db import connections

    connections.close_all()
    database_drop(database_url)


if __name__ == "__main__":
    main()
