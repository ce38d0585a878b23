"""A cluster on loopback started from deploy/: HAProxy (deploy/haproxy.cfg) in front of web
nodes, Celery workers and one beat (each `deploy/run ...`) in the production environment
(deploy/heymilo.env), over the PostgreSQL and Redis of DATABASE_URL and REDIS_URL, with an
S3-compatible server (moto's server mode) for the files.

    bench/with-services.sh scripts/cluster.py     # starts one, prints its URL; Ctrl-C stops it

tests/cluster/ and bench/api.py start it the same way. Only addresses, credentials and the
throwaway secret key replace the values of deploy/heymilo.env.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
LOOPBACK = "127.0.0.1"
S3_KEY = "cluster-test-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as systemd's EnvironmentFile reads them (comments and blanks skipped)."""
    pairs = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code < 500
    except httpx.HTTPError:
        return False


def database_create(url: str) -> None:
    """Create the database DATABASE_URL names if it is missing (a fresh throwaway server)."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not found.fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Process:
    """One child process in its own process group, so a kill takes its children too (ffmpeg
    under a worker, beat's scheduler)."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_dir: Path):
        self.name, self.command, self.env = name, command, env
        self.log_path = log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with open(self.log_path, "ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.running:
            os.killpg(self.popen.pid, sig)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would."""
        self.signal(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=10)

    def stop(self, grace: float = 10) -> None:
        self.signal(signal.SIGTERM)
        try:
            if self.popen is not None:
                self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()


class Cluster:
    def __init__(
        self,
        workdir: Path,
        *,
        database_url: str,
        redis_url: str,
        web_nodes: int = 2,
        workers: int = 2,
        overrides: dict[str, str] | None = None,
        worker_overrides: dict[str, str] | None = None,
        proxy: bool = True,
    ):
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.database_url, self.redis_url = database_url, redis_url
        self.web_ports = [free_port() for _ in range(web_nodes)]
        self.worker_count = workers
        self.proxy_port = free_port() if proxy else None
        self.s3_port = free_port()
        self.bucket = "heymilo-" + secrets.token_hex(4)
        self.overrides = overrides or {}
        self.worker_overrides = worker_overrides or {}
        self.processes: dict[str, Process] = {}
        # One key for every process: each signs what the others check.
        self.secret_key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64)

    @property
    def url(self) -> str:
        port = self.proxy_port or self.web_ports[0]
        return f"http://{LOOPBACK}:{port}"

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1)

    @property
    def s3_endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.s3_port}"

    def env(self) -> dict[str, str]:
        """deploy/heymilo.env with this machine's addresses, credentials and a throwaway key."""
        production = env_file(DEPLOY / "heymilo.env")
        local = {
            "SECRET_KEY": self.secret_key,
            "PUBLIC_URL": self.url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "S3_BUCKET": self.bucket,
            # Through the proxy, as signed links reach browsers (deploy/haproxy.cfg: files).
            "S3_ENDPOINT_URL": self.url if self.proxy_port else self.s3_endpoint,
            "S3_ADDRESSING_STYLE": "path",
            "S3_ACCESS_KEY": S3_KEY,
            "S3_SECRET_KEY": S3_KEY,
            "VAR_DIR": str(self.workdir / "var"),
            "WEB_BIND": LOOPBACK,
            "PROXY_ADDRESSES": LOOPBACK,
            "HEYMILO_VENV": str(Path(sys.executable).parent.parent),
        }
        inherited = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
        return {**inherited, **production, **local, **self.overrides}

    def _add(self, name: str, command: list[str], env: dict[str, str]) -> Process:
        process = Process(name, command, env, self.logs).start()
        self.processes[name] = process
        return process

    def start(self) -> "Cluster":
        env = self.env()
        self._start_s3()
        subprocess.run(
            [str(DEPLOY / "run"), "migrate"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        for index in range(1, len(self.web_ports) + 1):
            self.start_web(index)
        for index in range(1, self.worker_count + 1):
            self.start_worker(index)
        self._add("beat", [str(DEPLOY / "run"), "beat"], {**env, **self.worker_overrides})
        for port in self.web_ports:
            wait_until(lambda p=port: answers(f"http://{LOOPBACK}:{p}/health"), 60, "a web node")
        if self.proxy_port:
            self._start_proxy()
        return self

    def start_web(self, index: int) -> Process:
        port = str(self.web_ports[index - 1])
        return self._add(f"web{index}", [str(DEPLOY / "run"), "web", port], self.env())

    def start_worker(self, index: int) -> Process:
        command = [str(DEPLOY / "run"), "worker", f"worker{index}"]
        return self._add(f"worker{index}", command, {**self.env(), **self.worker_overrides})

    def _start_s3(self) -> None:
        moto = Path(sys.executable).with_name("moto_server")
        command = [str(moto), "-H", LOOPBACK, "-p", str(self.s3_port)]
        self._add("s3", command, {**os.environ, "AWS_DEFAULT_REGION": "us-east-1"})
        wait_until(lambda: answers(self.s3_endpoint), 60, "the S3 server")
        self.s3().create_bucket(Bucket=self.bucket)

    def s3(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id=S3_KEY,
            aws_secret_access_key=S3_KEY,
            region_name="us-east-1",
        )

    def _start_proxy(self) -> None:
        self.start_proxy("proxy", self.proxy_port)
        wait_until(lambda: self.nodes_serving() == len(self.web_ports), 30, "the proxy")

    def start_proxy(self, name: str, port: int, **tls: str) -> Process:
        """deploy/haproxy.cfg on `port`; with HEYMILO_TLS_BIND and HEYMILO_TLS_CERT, TLS too."""
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        env = {
            **os.environ,
            "HEYMILO_BIND": f"{LOOPBACK}:{port}",
            "HEYMILO_HOST": f"{LOOPBACK}:{self.proxy_port}",  # PUBLIC_URL's
            "HEYMILO_ERRORS": str(DEPLOY / "errors"),
            "HEYMILO_S3": f"{LOOPBACK}:{self.s3_port}",
            "HEYMILO_BUCKET": self.bucket,
            **{f"HEYMILO_WEB_{i}": f"{LOOPBACK}:{p}" for i, p in enumerate(self.web_ports, 1)},
            **tls,
        }
        return self._add(name, [haproxy, "-db", "-f", str(DEPLOY / "haproxy.cfg")], env)

    def nodes_serving(self, tries: int = 8) -> int:
        """How many distinct web nodes answered `tries` requests through the proxy."""
        served = set()
        for _ in range(tries):
            try:
                response = httpx.get(f"{self.url}/health", timeout=2)
            except httpx.HTTPError:
                continue
            served.add(response.headers.get("X-Served-By"))
        served.discard(None)
        return len(served)

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()


def main() -> None:
    import tempfile

    workdir = Path(tempfile.mkdtemp(prefix="heymilo-cluster-"))
    database_create(os.environ["DATABASE_URL"])
    cluster = Cluster(
        workdir, database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"]
    ).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the children on SIGTERM too
    print(f"Cluster at {cluster.url} (logs in {cluster.logs}); Ctrl-C stops it.", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
