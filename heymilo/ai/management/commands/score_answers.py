"""Batch-score answers in JSON Lines: ``manage.py score_answers IN.jsonl --output OUT.jsonl``.

Reads and writes one line at a time (no whole-file loads). A bad input line (invalid JSON, missing
field, wrong type) is reported on stderr with its line number and skipped; the rest still run, and
the command then exits with status 1 so scripts notice. Progress goes to stderr only on a terminal.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heymilo.ai import get_engine
from heymilo.ai.base import AnswerEvaluation, Engine, QuestionSpec, Turn

REQUIRED = ("id", "question", "evaluation_criteria", "score_of_1", "score_of_5", "answer")
OPTIONAL = ("reference_answer",)


class BadLine(ValueError):
    pass


@dataclass
class Tally:
    scored: int = 0
    rejected: int = 0


def parse_line(text: str) -> dict[str, Any]:
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadLine(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(row, dict):
        raise BadLine("expected a JSON object")
    missing = [name for name in REQUIRED if name not in row]
    if missing:
        raise BadLine(f"missing field(s): {', '.join(missing)}")
    for name in (*REQUIRED[1:], *OPTIONAL):
        if name in row and not isinstance(row[name], str):
            raise BadLine(f"field {name!r} must be a string, got {type(row[name]).__name__}")
    if not isinstance(row["id"], str | int) or isinstance(row["id"], bool):
        raise BadLine("field 'id' must be a string or an integer")
    return row


def question_for(row: dict[str, Any]) -> QuestionSpec:
    return QuestionSpec(
        id=str(row["id"]),
        text=row["question"],
        evaluation_criteria=row["evaluation_criteria"],
        score_of_1=row["score_of_1"],
        score_of_5=row["score_of_5"],
        reference_answer=row.get("reference_answer", ""),
    )


def scored_row(row: dict[str, Any], result: AnswerEvaluation) -> dict[str, Any]:
    provenance = result.provenance
    return row | {
        "score": result.score,
        "evaluation_summary": result.summary,
        "evidence": result.evidence,
        "engine": provenance.engine,
        "model": provenance.model,
        "prompt_version": provenance.prompt_version,
        "scored_at": provenance.created_at,
        "fallback_reason": provenance.fallback_reason,
    }


def numbered_lines(handle: IO[str]) -> Iterator[tuple[int, str]]:
    for number, text in enumerate(handle, start=1):
        if text.strip():
            yield number, text


class Command(BaseCommand):
    help = "Score answers in a JSON Lines file against their rubrics with the AI engine."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="JSON Lines file, or - for stdin")
        parser.add_argument("--output", required=True, help="JSON Lines file, or - for stdout")
        parser.add_argument("--engine", choices=("local", "openai"), default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        engine = get_engine(options["engine"])
        tally = Tally()
        started = time.monotonic()
        with _open(options["input"], "r") as source, _open(options["output"], "w") as sink:
            for number, text in numbered_lines(source):
                self._score_line(engine, number, text, sink, tally)
                self._progress(tally, started)
        self._finish(tally, started)

    def _score_line(
        self, engine: Engine, number: int, text: str, sink: IO[str], tally: Tally
    ) -> None:
        try:
            row = parse_line(text)
        except BadLine as exc:
            tally.rejected += 1
            self.stderr.write(f"line {number}: {exc}; skipped")
            return
        dialogue = [Turn("interviewer", row["question"]), Turn("candidate", row["answer"])]
        result = engine.evaluate_answer(question=question_for(row), dialogue=dialogue)
        sink.write(json.dumps(scored_row(row, result), ensure_ascii=False) + "\n")
        tally.scored += 1

    def _progress(self, tally: Tally, started: float) -> None:
        done = tally.scored + tally.rejected
        if done % 100 == 0 and _is_tty(self.stderr):
            rate = done / max(1e-9, time.monotonic() - started)
            self.stderr.write(f"\r{done} lines ({rate:.0f}/s)", ending="")

    def _finish(self, tally: Tally, started: float) -> None:
        if _is_tty(self.stderr):
            seconds = time.monotonic() - started
            self.stderr.write(
                f"\rscored {tally.scored}, rejected {tally.rejected} in {seconds:.1f}s"
            )
        if tally.rejected:
            raise CommandError(
                f"{tally.rejected} bad line(s) skipped; {tally.scored} scored", returncode=1
            )


def _is_tty(stream: Any) -> bool:
    raw = getattr(stream, "_out", stream)
    return bool(getattr(raw, "isatty", lambda: False)())


class _open:
    """``open`` that maps "-" to stdin/stdout without closing them."""

    def __init__(self, path: str, mode: str) -> None:
        self.path, self.mode = path, mode
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path == "-":
            return sys.stdin if self.mode == "r" else sys.stdout
        try:
            self.handle = open(self.path, self.mode, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot open {self.path}: {exc.strerror}") from exc
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
