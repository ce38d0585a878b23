"""Hands-free interviews in Chromium: the fake microphone plays a WAV of spoken answers (Piper)
with silences between them, the page streams it through its AudioWorklet, the server hears,
answers and speaks; nobody clicks anything after "Start interview"."""

import json
import time
from contextlib import suppress
from pathlib import Path

import numpy as np
import pytest

from heymilo.speech.audio import pcm_to_float, wav_bytes
from interviews.models import Turn
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ConsoleWatch
from tests.interviews.conftest import ready_interview
from tests.interviews.media import piper_pcm, silence_pcm

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = "I listened to the customer, apologized, and fixed the problem the same day."
SECOND = "I help the most urgent customer first and tell the others how long they will wait."


def microphone_file(path: Path, *pieces: bytes) -> Path:
    """A 48 kHz WAV for Chromium's fake capture device, as a headset would deliver it."""
    from heymilo.speech.audio import float_to_pcm
    from heymilo.speech.resample import resample

    samples = resample(pcm_to_float(b"".join(pieces)), 16000, 48000)
    path.write_bytes(wav_bytes(float_to_pcm(np.asarray(samples)), 48000))
    return path


def two_question_interview(workspace):
    """Two short questions and no follow-ups: the whole interview in under a minute."""
    interview = ready_interview(
        workspace,
        company_overview_delivery_mode="reference_only",
        job_overview_delivery_mode="reference_only",
    )
    interview.answer_mode = "voice"
    interview.save()
    questions = list(interview.posting.questions.filter(modality="voice").order_by("rank"))
    for question in questions[2:]:
        question.delete()
    texts = ["Tell me about a time you helped an unhappy customer.", "How do you prioritize?"]
    for question, text in zip(questions, texts, strict=False):
        question.text, question.min_follow_ups, question.max_follow_ups = text, 0, 0
        question.save()
    return interview


@pytest.fixture
def browser_with(browser):
    """A Chromium whose microphone plays the given WAV; closed after the test."""
    launched = []

    def launch(wav: Path | None, *, fake_permission_ui: bool = True):
        args = [a for a in CHROMIUM_ARGS if fake_permission_ui or "fake-ui" not in a]
        if wav is not None:
            args.append(f"--use-file-for-fake-audio-capture={wav}")
        chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=args)
        launched.append(chromium)
        return chromium

    yield launch
    for chromium in launched:
        chromium.close()


def wait_until(page, expression: str, timeout: float = 15) -> None:
    """Poll a JavaScript expression from the test (the page's CSP forbids evaluating strings
    in the page, which Playwright's wait_for_function needs)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(50)


def open_room(chromium, server, interview, *, grant=True):
    context = chromium.new_context()
    if grant:
        context.grant_permissions(["microphone", "camera"])
    page = context.new_page()
    watch = ConsoleWatch()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    frames: list[tuple[float, dict]] = []

    def on_socket(socket):
        def received(payload):
            if isinstance(payload, str):
                frames.append((time.monotonic(), json.loads(payload)))

        socket.on("framereceived", received)

    page.on("websocket", on_socket)
    page.goto(f"{server.url}/i/{interview.public_id}")
    return page, watch, frames


def test_a_whole_interview_answered_out_loud_with_no_click_after_start(
    owner, browser_with, asgi_server, tmp_path
):
    interview = two_question_interview(owner.workspace)
    wav = microphone_file(
        tmp_path / "answers.wav",
        silence_pcm(17),  # the greeting (the first question at its end) plays meanwhile
        piper_pcm(FIRST),
        silence_pcm(9),  # the second question
        piper_pcm(SECOND),
        silence_pcm(60),
    )
    page, watch, frames = open_room(browser_with(wav), asgi_server, interview)
    try:
        page.get_by_test_id("mic-level").wait_for()
        page.get_by_test_id("start").click()  # the only click
        wait_until(page, "document.body.dataset.state === 'speaking'")
        seen_states = set()
        deadline = time.monotonic() + 90
        while "/i/" in page.url and page.get_by_role("heading", name="Thank you").count() == 0:
            assert time.monotonic() < deadline, f"no end; states seen {seen_states}"
            with suppress(Exception):  # the goodbye navigated meanwhile
                seen_states.add(page.evaluate("document.body.dataset.state"))
            page.wait_for_timeout(100)
        left_at = time.monotonic()
    finally:
        page.context.close()
    assert watch.errors == []
    assert {"speaking", "listening", "thinking"} <= seen_states
    interview.refresh_from_db()
    assert interview.status in ("evaluating", "completed")
    answers = list(interview.turns.filter(speaker="candidate").order_by("seq"))
    assert [a.question_public_id for a in answers] == ["Q001", "Q002"], [a.text for a in answers]
    assert all(a.answered_by_voice and a.words for a in answers)
    assert "customer" in answers[0].text.lower() and "urgent" in answers[1].text.lower()
    closing = interview.turns.get(kind=Turn.Kind.CLOSING)
    assert "interrupted" not in (closing.provenance or {})
    # The page left only after the goodbye's audio had played to its end.
    goodbye = [(at, m) for at, m in frames if m["type"] == "speech" and m["text"] in closing.text]
    assert " ".join(m["text"] for _, m in goodbye).split() == closing.text.split()
    played_until = goodbye[0][0] + sum(m["seconds"] for _, m in goodbye)
    assert left_at >= played_until, (left_at - played_until, closing.text)


def test_speaking_over_the_interviewer_stops_its_voice_in_the_page(
    owner, browser_with, asgi_server, tmp_path
):
    interview = two_question_interview(owner.workspace)
    wav = microphone_file(
        tmp_path / "interrupt.wav",
        piper_pcm("Testing, one, two."),  # the device check's meter moves
        silence_pcm(6),
        piper_pcm("Sorry, before we start, can you hear me well?"),
        silence_pcm(60),
    )
    page, watch, frames = open_room(browser_with(wav), asgi_server, interview)
    try:
        wait_until(page, "document.getElementById('mic-level').ariaValueNow > 30")
        page.get_by_test_id("start").click()
        wait_until(page, "document.body.dataset.state === 'speaking'")
        wait_until(page, "document.body.dataset.state === 'listening'", 20)
        stopped_at = time.monotonic()
        page.get_by_test_id("caption").filter(has_text="hear").wait_for(timeout=20_000)
        page.locator("li[data-speaker='candidate'] .text").first.wait_for(timeout=20_000)
        greeting = page.locator("li[data-speaker='interviewer'] .text").first.inner_text()
    finally:
        page.context.close()
    assert watch.errors == []
    start = next(m for _, m in frames if m["type"] == "speech_start")
    assert start["stopped"] is not None and start["after"] < 0.3, start
    # The page went quiet when told, long before the greeting it had received would have ended
    # (no stopwatch on a shared machine: the greeting is ~20 s, the interruption ~7 s into it).
    sent = [(at, m) for at, m in frames if m["type"] == "speech" and m["say"] == start["stopped"]]
    received = next(at for at, m in frames if m["type"] == "speech_start")
    assert received < stopped_at < sent[0][0] + sum(m["seconds"] for _, m in sent) - 3
    stored = interview.turns.get(seq=1)
    assert stored.provenance["interrupted"] is True
    assert greeting == stored.text and len(stored.text) < len(stored.provenance["planned"])


def test_a_blocked_microphone_is_explained_and_the_interview_goes_on_typed(
    owner, browser_with, asgi_server
):
    interview = two_question_interview(owner.workspace)
    page, watch, _ = open_room(
        browser_with(None, fake_permission_ui=False), asgi_server, interview, grant=False
    )
    try:
        help_text = page.locator("#mic-help-text")
        help_text.wait_for()
        assert "blocked the microphone" in help_text.inner_text()
        page.get_by_test_id("type-instead").click()
        page.get_by_test_id("start").click()
        page.get_by_test_id("interviewer-text").filter(has_text="unhappy customer").wait_for()
        box = page.get_by_test_id("answer-box")
        box.fill(FIRST)
        box.press("Enter")
        page.locator("li[data-speaker='candidate'] .text").first.wait_for()
    finally:
        page.context.close()
    assert watch.errors == []
    answer = interview.turns.get(speaker="candidate")
    assert answer.text == FIRST and not answer.answered_by_voice


def test_a_silent_microphone_is_explained_before_the_interview(
    owner, browser_with, asgi_server, tmp_path
):
    interview = two_question_interview(owner.workspace)
    wav = microphone_file(tmp_path / "silence.wav", silence_pcm(20))
    page, watch, _ = open_room(browser_with(wav), asgi_server, interview)
    try:
        page.locator("#mic-help-text").filter(has_text="can't hear anything").wait_for()
        assert page.get_by_test_id("type-instead").is_visible()
        assert page.get_by_test_id("mic-level").get_attribute("aria-valuenow") == "0"
    finally:
        page.context.close()
    assert watch.errors == []
