"""Plays a candidate through the real HTTP and websocket endpoints of a running server.

    python manage.py simulate_candidate INTERVIEW_ID --server http://127.0.0.1:8000 \\
        --answers answers.json [--resume resume.pdf | --skip-resume]

answers.json maps question ids to lists of replies: the first answers the question, the next ones
its follow-ups in order; when a list runs out its last reply is repeated. Exit status 0 only when
the interview reached its end.
"""

import json
import re
import sys
import uuid
from pathlib import Path

import httpx
from django.core.management.base import BaseCommand, CommandError
from websockets.sync.client import connect

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FALLBACK_REPLY = "I'd rather not say more on that."


class Command(BaseCommand):
    help = "Play a candidate through an interview against a running server."

    def add_arguments(self, parser):
        parser.add_argument("interview_id")
        parser.add_argument("--server", default="http://127.0.0.1:8000")
        parser.add_argument("--answers", required=True, help="JSON file: question id → replies")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--resume", help="A resume file to upload at the resume step")
        group.add_argument("--skip-resume", action="store_true")
        parser.add_argument("--timeout", type=float, default=60)

    def handle(self, *args, interview_id, server, answers, resume, skip_resume, timeout, **opts):
        replies = self.load_answers(answers)
        server = server.rstrip("/")
        with httpx.Client(base_url=server, timeout=timeout, follow_redirects=True) as http:
            page = self.page(http, interview_id)
            if 'action="/i/' in page and "/consent" in page:
                page = self.post_form(
                    http, f"/i/{interview_id}/consent", page, {"consent": "yes", "mode": "text"}
                )
            if "/resume" in page and 'id="resume-form"' in page:
                page = self.resume_step(http, interview_id, page, resume, skip_resume)
            if 'id="room"' not in page:
                raise CommandError(f"The interview page did not reach the room:\n{page[:500]}")
        finished = self.converse(server, interview_id, replies, timeout)
        if not finished:
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS("The interview reached its end."))

    def load_answers(self, path: str) -> dict[str, list[str]]:
        try:
            data = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read answers from {path}: {exc}") from None
        if not isinstance(data, dict) or not all(
            isinstance(v, list) and v and all(isinstance(x, str) for x in v) for v in data.values()
        ):
            raise CommandError("Answers must map question ids to non-empty lists of strings.")
        return data

    def page(self, http: httpx.Client, interview_id: str) -> str:
        response = http.get(f"/i/{interview_id}")
        if response.status_code != 200:
            raise CommandError(f"GET /i/{interview_id} answered {response.status_code}.")
        return response.text

    def csrf(self, page: str) -> str:
        match = CSRF_INPUT.search(page)
        if not match:
            raise CommandError("No CSRF token on the page.")
        return match.group(1)

    def post_form(self, http, path, page, fields) -> str:
        response = http.post(path, data={**fields, "csrfmiddlewaretoken": self.csrf(page)})
        if response.status_code != 200:
            raise CommandError(f"POST {path} answered {response.status_code}: {response.text}")
        return response.text

    def resume_step(self, http, interview_id, page, resume, skip_resume) -> str:
        if resume:
            path = Path(resume)
            response = http.post(
                f"/i/{interview_id}/resume",
                files={"resume": (path.name, path.read_bytes())},
                headers={"X-CSRFToken": self.csrf(page)},
            )
            if response.status_code != 200:
                raise CommandError(f"Resume refused: {response.text}")
            self.stdout.write(f"Resume uploaded: {response.json()}")
            return self.page(http, interview_id)
        if skip_resume:
            return self.post_form(http, f"/i/{interview_id}/resume/skip", page, {})
        raise CommandError("The interview asks for a resume: pass --resume or --skip-resume.")

    def converse(self, server, interview_id, replies, timeout) -> bool:
        url = re.sub(r"^http", "ws", server) + f"/ws/interviews/{interview_id}/"
        given: dict[str, int] = {}
        with connect(url, open_timeout=timeout) as socket:
            while True:
                message = json.loads(socket.recv(timeout=timeout))
                kind = message["type"]
                if kind == "error":
                    self.stderr.write(f"Server: {message['code']}: {message['message']}")
                    if message["code"] in ("finished", "unknown_interview", "resume_required"):
                        return message["code"] == "finished"
                elif kind == "finished":
                    return True
                elif kind == "state":
                    self.resume_state(socket, message, replies, given)
                elif kind == "turn" and message["turn"]["speaker"] == "interviewer":
                    turn = message["turn"]
                    self.stdout.write(f"{turn['timestamp_str']} Interviewer: {turn['text']}")
                    if turn["kind"] != "closing":
                        self.reply(socket, turn, replies, given)

    def resume_state(self, socket, state, replies, given) -> None:
        """A reconnect to an interview under way: count what was said, answer if it's our turn."""
        if state["status"] in ("evaluating", "completed"):
            return
        for turn in state["transcript"]:
            if turn["speaker"] == "candidate" and turn["question_id"]:
                given[turn["question_id"]] = given.get(turn["question_id"], 0) + 1
        if state["awaiting"] == "answer":
            self.reply(socket, state["transcript"][-1], replies, given)

    def reply(self, socket, turn, replies, given) -> None:
        question_id = turn["question_id"] or ""
        options = replies.get(question_id) or [FALLBACK_REPLY]
        index = given.get(question_id, 0)
        text = options[min(index, len(options) - 1)]
        given[question_id] = index + 1
        self.stdout.write(f"         Candidate: {text}")
        socket.send(json.dumps({"type": "answer", "id": uuid.uuid4().hex, "text": text}))
