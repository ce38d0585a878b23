"""Voice interviews end to end: N candidates talking at once to a real server over loopback.

    .venv/bin/python bench/voice.py [--concurrency 1,5,10] [--answers 8]
    bench/with-services.sh bench/voice.py        # against throwaway PostgreSQL + Redis
    VOICE_BENCH_DEBUG=1 .venv/bin/python bench/voice.py --concurrency 1 --answers 2  # every message

Starts the product (uvicorn, `heymilo.asgi`, the local engine, Whisper, Piper) as its own
process on a free loopback port, with its own throwaway database, and drives each interview
as the page does: the microphone streamed in real time as 20 ms frames of 16 kHz PCM16 (silence
between answers), the interviewer's audio "played" (the client waits for it to end before it
answers, after a pause to think), answers spoken by several synthetic voices (Piper at three
speeds, two espeak-ng voices) in two sentences with a short pause between them. Once per
interview it speaks over the interviewer, one second into a reply (barge-in).

Printed, per concurrency, with the load average:
- voice to voice: end of the candidate's speech (the last voiced sample sent) → the first byte
  of the interviewer's audio received (on loopback: leaving the server), p50/p95/max;
- the server's own breakdown of the same interval (the `latency` of the reply's first `speech`
  header): endpoint wait (end of speech → end-of-turn decision), transcription (end of speech
  → final transcript ready; it runs during the endpoint wait), engine (end of turn → first
  sentence written, answer stored and reply planned included), voice (first sentence →
  first audio sent);
- barge-in: the first voiced sample sent → `speech_start` that stops the reply, as received,
  and the server's own (`after`);
- word error rate of the final transcripts, overall and per voice.
All speech is synthetic, cleaner than a person: see docs/voice.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
FRAME = 320  # samples: 20 ms at 16 kHz, what the page's worklet sends
FRAME_SECONDS = 0.02
VOICES = ["piper 1.0", "espeak en-us 150", "piper 0.9", "espeak en-gb 160", "piper 1.15"]


# -- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(var_dir: Path) -> dict:
    """A throwaway database with one posting (the customer-service guide) for the server."""
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    env = {"VAR_DIR": str(var_dir), "SECRET_KEY": os.environ["SECRET_KEY"]}
    if connection.vendor != "sqlite":  # bench/with-services.sh: a test database beside yours
        from django.test.utils import setup_test_environment

        setup_test_environment()
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        name = settings.DATABASES["default"]["NAME"]
        env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    else:
        call_command("migrate", verbosity=0)
    return env


def make_interviews(count: int, tag: str) -> list[str]:
    from django.utils import timezone

    from candidates.services.ingest import candidate_ingest
    from heymilo.accounts.services import workspace_get_or_create
    from postings.serializers import PostingCreateIn
    from postings.services import posting_create

    body = json.loads(
        (ROOT / "heymilo" / "demo_data" / "customer-service-posting.json").read_text()
    )
    serializer = PostingCreateIn(data=body)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    workflow = data.pop("workflow")
    workspace = workspace_get_or_create(name="Voice bench")
    posting = posting_create(workspace=workspace, fields=data, workflow=workflow)
    ids = []
    for n in range(count):
        row = {"name": f"Candidate {tag}{n}", "email": f"c{tag}{n}@example.com"}
        interview = candidate_ingest(posting=posting, row=row).interview
        interview.consented_at, interview.answer_mode = timezone.now(), "voice"
        interview.save()
        ids.append(interview.public_id)
    return ids


def start_server(env: dict, port: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "uvicorn"), "heymilo.asgi:application",
        "--host", "127.0.0.1", "--port", str(port), "--lifespan", "off",
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    full_env = {**os.environ, **env, "PORT": str(port), "DEBUG": "false"}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(command, cwd=ROOT, env=full_env)
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.2)


# -- speech ------------------------------------------------------------------------------------


def voice(name: str):
    from voice_stt import espeak_voice, piper_voice

    kind, setting = name.split(" ", 1)
    if kind == "piper":
        return piper_voice(float(setting))
    language, speed = setting.split()
    return espeak_voice(language, int(speed))


@dataclass
class Answer:
    text: str
    voice: str
    pcm: bytes
    onset: float  # seconds into `pcm` where the voice starts
    end: float  # seconds into `pcm` where it stops


class Speech:
    """Answers of two sentences, a 0.25–0.45 s pause between them, made once per voice."""

    def __init__(self):
        from voice_stt import answers

        lines = answers()
        self.texts = [f"{a} {b}" for a, b in zip(lines[::2], lines[1::2], strict=False)]
        self.voices = {}
        self.made: dict[tuple[str, int], Answer] = {}

    def answer(self, voice_name: str, index: int) -> Answer:
        key = (voice_name, index % len(self.texts))
        if key not in self.made:
            self.made[key] = self._make(voice_name, self.texts[key[1]])
        return self.made[key]

    def _make(self, voice_name: str, text: str) -> Answer:
        import numpy as np

        from heymilo.speech.audio import float_to_pcm

        speak = self.voices.setdefault(voice_name, voice(voice_name))
        first, second = text.split(". ", 1)
        pause = np.zeros(int(16000 * random.uniform(0.25, 0.45)), dtype=np.float32)
        samples = np.concatenate([trim(speak(first + ".")), pause, trim(speak(second))])
        loud = np.flatnonzero(np.abs(samples) > 0.02)
        return Answer(text, voice_name, float_to_pcm(samples), loud[0] / 16000, loud[-1] / 16000)


def trim(samples):
    import numpy as np

    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[max(0, loud[0] - 800) : loud[-1] + 800]


# -- a candidate -------------------------------------------------------------------------------


@dataclass
class Results:
    voice_to_voice: list[float] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    barge_in: list[float] = field(default_factory=list)
    barge_in_server: list[float] = field(default_factory=list)
    # (candidate, turn seq) → (voice, said, stored): the answer as stored, continuations joined
    heard: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)
    continued: int = 0  # answers ended early by a pause, then continued (their reply withdrawn)
    errors: list[str] = field(default_factory=list)
    finished: int = 0


class Candidate:
    def __init__(self, url: str, speech: Speech, voice_name: str, results: Results, answers: int):
        self.url, self.speech, self.voice_name = url, speech, voice_name
        self.results, self.max_answers = results, answers
        self.queue: deque = deque()  # pieces of PCM to speak
        self.speaking_since: float | None = None  # first voiced sample sent
        self.spoke_until: float | None = None  # last voiced sample sent
        self.says: dict[int, dict] = {}  # say → {"first": t, "end": playback end, "done": bool}
        self.messages: asyncio.Queue = asyncio.Queue()
        self.header = None

    async def run(self) -> None:
        from websockets.asyncio.client import connect

        async with connect(self.url, max_size=2**24) as ws:
            self.ws = ws
            tasks = [asyncio.create_task(self._microphone()), asyncio.create_task(self._read())]
            try:
                await ws.send(json.dumps({"type": "voice", "listen": True, "speak": True}))
                await self._interview()
            finally:
                for task in tasks:
                    task.cancel()

    async def _microphone(self) -> None:
        """20 ms frames in real time; silence when there is nothing to say."""
        silence = b"\x00\x00" * FRAME
        next_at = time.monotonic()
        while True:
            piece = self.queue.popleft() if self.queue else None
            if piece is None:
                frames, answer = [silence], None
            else:
                answer = piece
                frames = [
                    answer.pcm[i : i + FRAME * 2] for i in range(0, len(answer.pcm), FRAME * 2)
                ]
            for index, frame in enumerate(frames):
                next_at += len(frame) / 2 / 16000
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                await self.ws.send(frame)
                if answer is not None:
                    sent_until = (index + 1) * FRAME_SECONDS
                    if self.speaking_since is None and sent_until >= answer.onset:
                        self.speaking_since = time.monotonic()
                    if sent_until >= answer.end and self.spoke_until is None:
                        self.spoke_until = time.monotonic()

    async def _read(self) -> None:
        async for raw in self.ws:
            now = time.monotonic()
            if isinstance(raw, bytes):
                self.header = None
                continue
            message = json.loads(raw)
            if os.environ.get("VOICE_BENCH_DEBUG"):
                print(f"{now:.2f} {self.voice_name}: {str(message)[:150]}", flush=True)
            if message["type"] == "speech":
                say = self.says.setdefault(message["say"], {"first": now, "end": now})
                say["end"] = max(say["end"], now) + message["seconds"]
            elif message["type"] == "speech_end":
                self.says.setdefault(message["say"], {"first": now, "end": now})["done"] = True
            await self.messages.put((now, message))

    async def _next(self, kind: str | tuple, timeout: float = 60, **fields) -> tuple[float, dict]:
        kinds = (kind,) if isinstance(kind, str) else kind
        deadline = time.monotonic() + timeout
        while True:
            at, message = await asyncio.wait_for(
                self.messages.get(), max(0.01, deadline - time.monotonic())
            )
            if message["type"] == "error":
                self.results.errors.append(f"{message['code']}: {message['message']}")
            if message["type"] == "finished" and "finished" not in kinds:
                raise EOFError
            if message["type"] in kinds and all(message.get(k) == v for k, v in fields.items()):
                return at, message

    async def _heard(self, say: int) -> None:
        """Wait until the page would have played `say` to its end."""
        deadline = time.monotonic() + 60
        while not self.says.get(say, {}).get("done"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"say {say} never ended")
            await asyncio.sleep(0.05)
        await asyncio.sleep(max(0.0, self.says[say]["end"] - time.monotonic()))

    async def _say(self, answer: Answer) -> None:
        self.speaking_since = self.spoke_until = None
        self.queue.append(answer)

    async def _interview(self) -> None:
        _, first = await self._next("speech")
        await self._heard(first["say"])
        for index in range(self.max_answers):
            answer = self.speech.answer(self.voice_name, index + hash(self.url) % 7)
            await asyncio.sleep(random.uniform(0.4, 1.2))  # thinking
            await self._say(answer)
            try:
                say = await self._answered(answer)
            except EOFError:
                self.results.finished += 1
                return
            if index == 1:
                await self._barge_in(say)
                continue
            await self._heard(say)

    async def _answered(self, answer: Answer) -> int:
        """Until the spoken reply to `answer`: the first `speech` carrying the server's latency
        once the whole answer was said. An answer the server ended at a pause between its
        sentences and then continued is stored extended; the reply it had begun is withdrawn
        (`retracted`) and not measured."""
        while True:
            at, message = await self._next(("ack", "speech", "retracted"))
            if message["type"] == "ack":
                turn = message["turn"]
                said = (answer.voice, answer.text, turn["text"])
                self.results.heard[(id(self), turn["seq"])] = said
            elif message["type"] == "retracted":
                self.results.continued += 1
            elif "latency" in message and self.spoke_until is not None and at > self.spoke_until:
                break
        self.results.voice_to_voice.append(at - self.spoke_until)
        for stage, value in message["latency"].items():
            self.results.stages[stage].append(value)
        return message["say"]

    async def _barge_in(self, say: int) -> None:
        """Speak over the reply one second into it; the interrupted reply is cut."""
        await asyncio.sleep(max(0.0, self.says[say]["first"] + 1.0 - time.monotonic()))
        if self.says[say].get("done") and self.says[say]["end"] < time.monotonic():
            return  # already over: nothing to interrupt
        answer = self.speech.answer(self.voice_name, 100)
        await self._say(answer)
        at, start = await self._next("speech_start")
        while self.speaking_since is None:
            await asyncio.sleep(0.005)
        if start.get("stopped") == say:
            self.results.barge_in.append(at - self.speaking_since)
            self.results.barge_in_server.append(start["after"])
        await self._heard(await self._answered(answer))


# -- the run -----------------------------------------------------------------------------------


def percentiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return f"p50 {at(0.5):.2f} s  p95 {at(0.95):.2f} s  max {ordered[-1]:.2f} s  (n={len(values)})"


async def run_round(port: int, ids: list[str], speech: Speech, answers: int) -> Results:
    results = Results()
    candidates = [
        Candidate(
            f"ws://127.0.0.1:{port}/ws/interviews/{public_id}/",
            speech,
            VOICES[n % len(VOICES)],
            results,
            answers,
        )
        for n, public_id in enumerate(ids)
    ]
    for candidate in candidates:  # the answers are made before anybody speaks
        for index in range(answers):
            speech.answer(candidate.voice_name, index + hash(candidate.url) % 7)
        speech.answer(candidate.voice_name, 100)
    outcomes = await asyncio.gather(*(c.run() for c in candidates), return_exceptions=True)
    results.errors += [repr(o) for o in outcomes if isinstance(o, Exception)]
    return results


def report(concurrency: int, answers: int, results: Results, load_before, load_after) -> None:
    from voice_stt import wer

    print(f"\n{concurrency} concurrent voice interview(s)  (load average before "
          f"{load_before[0]:.2f}, after {load_after[0]:.2f} / {load_after[1]:.2f})")  # fmt: skip
    print(f"  voice to voice, client     {percentiles(results.voice_to_voice)}")
    for stage in ("endpoint", "transcription", "engine", "voice", "total"):
        print(f"  server {stage:<19} {percentiles(results.stages.get(stage, []))}")
    print(f"  barge-in, client           {percentiles(results.barge_in)}")
    print(f"  barge-in, server           {percentiles(results.barge_in_server)}")
    heard = list(results.heard.values())
    pairs = [(said, stored) for _, said, stored in heard]
    print(f"  word error rate            {wer(pairs):.1f} %  ({len(pairs)} answers)")
    for name in VOICES:
        mine = [(said, stored) for v, said, stored in heard if v == name]
        if mine:
            print(f"    {name:<24} {wer(mine):5.1f} %  ({len(mine)} answers)")
    print(f"  ended at a pause, continued {results.continued}")
    over = f"{results.finished}/{concurrency}"
    print(f"  interviews over (closing)  {over}  (at most {answers} answers each)")
    if results.errors:
        print(f"  errors ({len(results.errors)}): {sorted(set(results.errors))[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", default="1,5,10")
    parser.add_argument("--answers", type=int, default=12, help="per interview (at most)")
    args = parser.parse_args()
    random.seed(14)
    assert shutil.which("espeak-ng"), "espeak-ng is missing (apt install espeak-ng)"
    print(f"Voice bench on {os.cpu_count()} cores; synthetic voices, not human speech.")
    print("Load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    print(f"Commit {commit}, {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory(prefix="voice-bench-") as var_dir:
        env = prepare_database(Path(var_dir))
        speech = Speech()
        port = free_port()
        server = start_server(env, port)
        try:
            warm = make_interviews(1, "warm")
            asyncio.run(run_round(port, warm, speech, 1))  # models loaded, caches filled
            for concurrency in (int(c) for c in args.concurrency.split(",")):
                ids = make_interviews(concurrency, f"n{concurrency}-")
                before = os.getloadavg()
                results = asyncio.run(run_round(port, ids, speech, args.answers))
                report(concurrency, args.answers, results, before, os.getloadavg())
        finally:
            server.terminate()
            server.wait(timeout=30)
    # Piper's and CTranslate2's threads are parked in C++; leaving now avoids a noisy teardown.
    os._exit(0)


if __name__ == "__main__":
    main()
