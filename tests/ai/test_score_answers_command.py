"""``manage.py score_answers``: streaming batch scoring with clear errors for bad lines."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.ai.conftest import STRONG_ANSWER, UNHAPPY_CUSTOMER, WEAK_ANSWER


def row(identifier: str, answer: str) -> dict:
    return {
        "id": identifier,
        "question": UNHAPPY_CUSTOMER.text,
        "evaluation_criteria": UNHAPPY_CUSTOMER.evaluation_criteria,
        "score_of_1": UNHAPPY_CUSTOMER.score_of_1,
        "score_of_5": UNHAPPY_CUSTOMER.score_of_5,
        "answer": answer,
    }


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_it_scores_each_line_and_repeats_the_input(tmp_path: Path):
    source = write_lines(
        tmp_path / "in.jsonl",
        [json.dumps(row("a", STRONG_ANSWER)), json.dumps(row("b", WEAK_ANSWER) | {"extra": 1})],
    )
    output = tmp_path / "out.jsonl"

    call_command("score_answers", str(source), output=str(output), engine="local")

    strong, weak = read_output(output)
    assert strong["id"] == "a" and weak["extra"] == 1
    assert strong["answer"] == STRONG_ANSWER
    assert strong["score"] > weak["score"]
    assert isinstance(strong["score"], int) and 1 <= weak["score"] <= 5
    assert strong["evidence"] and all(q in STRONG_ANSWER for q in strong["evidence"])
    assert strong["engine"] == "local" and strong["prompt_version"]
    assert re.match(
        r"(Strong|Good|Partial|Weak|Very weak) answer \(\d/5\)", strong["evaluation_summary"]
    )


def test_it_uses_the_reference_answer_when_given(tmp_path: Path):
    reference = {"reference_answer": "TCP is connection oriented; UDP is connectionless."}
    base = row("r", "UDP is connectionless while TCP is connection oriented.") | reference
    other = row("s", "I like turtles very much and I enjoy swimming.") | reference
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(base), json.dumps(other)])
    output = tmp_path / "out.jsonl"

    call_command("score_answers", str(source), output=str(output))

    right, wrong = read_output(output)
    assert right["score"] > wrong["score"]


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path: Path):
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            json.dumps(row("1", STRONG_ANSWER)),
            "{not json",
            json.dumps({"id": "3", "question": "q"}),
            json.dumps(row("4", STRONG_ANSWER) | {"answer": 42}),
            "[1, 2]",
            json.dumps(row("6", WEAK_ANSWER)),
        ],
    )
    output = tmp_path / "out.jsonl"
    errors = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("score_answers", str(source), output=str(output), stderr=errors)

    messages = errors.getvalue()
    assert "line 2: invalid JSON" in messages
    assert "line 3: missing field(s): evaluation_criteria" in messages
    assert "line 4: field 'answer' must be a string, got int" in messages
    assert "line 5: expected a JSON object" in messages
    assert [r["id"] for r in read_output(output)] == ["1", "6"]
    assert raised.value.returncode == 1
    assert "4 bad line(s)" in str(raised.value)


def test_it_prints_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path):
    source = write_lines(
        tmp_path / "in.jsonl", [json.dumps(row(str(i), WEAK_ANSWER)) for i in range(150)]
    )
    errors = io.StringIO()

    call_command("score_answers", str(source), output=str(tmp_path / "o.jsonl"), stderr=errors)

    assert errors.getvalue() == ""


def test_it_scores_at_least_twenty_answers_a_second(tmp_path: Path):
    answers = [STRONG_ANSWER, WEAK_ANSWER, "No submission.", STRONG_ANSWER[:200]]
    lines = [json.dumps(row(str(i), answers[i % 4] + f" ({i})")) for i in range(400)]
    source = write_lines(tmp_path / "in.jsonl", lines)
    output = tmp_path / "out.jsonl"

    started = time.perf_counter()
    call_command("score_answers", str(source), output=str(output), engine="local")
    elapsed = time.perf_counter() - started

    assert sum(1 for _ in output.open()) == 400
    assert elapsed < 20, f"400 rows took {elapsed:.1f}s"


def test_it_scores_through_the_openai_engine_with_fallback_recorded(tmp_path: Path, fake, settings):
    settings.AI_BASE_URL = fake.base_url
    settings.AI_MODEL = "chat-model"
    settings.AI_SCORING_MODEL = ""
    settings.AI_MAX_RETRIES = 0
    from tests.ai.fake_openai import Step

    fake.script(Step(), Step(status=500))
    source = write_lines(
        tmp_path / "in.jsonl",
        [json.dumps(row("x", STRONG_ANSWER)), json.dumps(row("y", WEAK_ANSWER))],
    )
    output = tmp_path / "out.jsonl"

    call_command("score_answers", str(source), output=str(output), engine="openai")

    remote, local = read_output(output)
    assert remote["engine"] == "openai" and remote["model"] == "chat-model"
    assert remote["fallback_reason"] is None
    assert local["engine"] == "local" and "HTTP 500" in local["fallback_reason"]
