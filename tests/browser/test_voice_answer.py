"""A candidate answers by voice in Chromium: the fake microphone plays speech made by espeak-ng,
the page streams it as PCM over the websocket, pocketsphinx transcribes it on the server."""

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.interviews.conftest import ready_interview
from tests.interviews.media import spoken

pytestmark = pytest.mark.django_db(transaction=True)

SPOKEN = "I listened to the customer, I apologised, and I solved the problem the same day."


@pytest.fixture(scope="module")
def voice_browser(browser, tmp_path_factory):
    """A second Chromium from the session's Playwright, its fake microphone playing speech."""
    # Chromium's fake capture plays a 16-bit WAV; silence after the words keeps the loop gentle.
    wav = spoken(
        SPOKEN,
        tmp_path_factory.mktemp("voice") / "answer.wav",
        "-ar",
        "48000",
        "-ac",
        "1",
        "-af",
        "apad=pad_dur=2",
    )
    args = [*CHROMIUM_ARGS, f"--use-file-for-fake-audio-capture={wav}"]
    voice = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=args)
    yield voice
    voice.close()


def test_a_spoken_answer_is_transcribed_and_answers_the_question(owner, voice_browser, asgi_server):
    interview = ready_interview(owner.workspace)
    interview.answer_mode = "voice"
    interview.save()
    context = voice_browser.new_context()
    context.grant_permissions(["camera", "microphone"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{asgi_server.url}/i/{interview.public_id}")
        page.get_by_role("button", name="Start interview").click()
        page.get_by_label("Current question").filter(has_text="unhappy customer").wait_for()
        talk = page.get_by_role("button", name="Speak answer")
        talk.click()
        page.wait_for_timeout(6000)  # the clip plays through the fake microphone
        page.get_by_role("button", name="Stop and send").click()
        page.locator("#transcript li.candidate").first.wait_for(timeout=20_000)
    finally:
        context.close()
    assert errors == []
    answer = interview.turns.get(speaker="candidate")
    assert answer.answered_by_voice and answer.question_public_id == "Q001"
    heard = set(answer.text.lower().split())
    assert heard & {"customer", "problem", "listened", "same", "day"}, answer.text
