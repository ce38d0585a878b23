"""A candidate takes the interview in Chromium by typing, with a fake camera and microphone."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from candidates.models import Interview
from tests.browser.conftest import axe_check, screenshot
from tests.interviews.conftest import ready_interview

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = (
    "At my last job a customer was furious about a late order. I listened, apologised, "
    "offered a 20% discount and followed up the next day; she renewed for a year."
)


def test_a_candidate_takes_the_video_interview_by_typing(owner, page, asgi_server):
    interview = ready_interview(owner.workspace, "customer-service")
    interview.consented_at = None
    interview.save()
    page.goto(f"{asgi_server.url}/i/{interview.public_id}")
    axe_check(page)
    screenshot(page, "candidate-welcome")
    page.get_by_label("By typing").check()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Start interview").wait_for()
    screenshot(page, "candidate-device-check")
    page.get_by_role("button", name="Start interview").click()
    answer = page.get_by_label("Your answer")
    send = page.get_by_role("button", name="Send")
    caption = page.get_by_label("Current question")
    caption.filter(has_text="unhappy customer").wait_for()
    progress = page.locator("#progress")
    assert progress.inner_text() == "Question 1 of 5"
    axe_check(page)
    screenshot(page, "candidate-interview-room")
    # Answer whenever the box is open, however slowly the machine runs, until the goodbye.
    deadline = time.monotonic() + 90
    while not page.get_by_role("heading", name="Thank you").count():
        assert time.monotonic() < deadline, "the interview did not reach its end"
        try:
            ready = page.evaluate(
                "() => { const b = document.getElementById('send'); return !!b && !b.disabled }"
            )
        except PlaywrightError:  # the goodbye navigated to the thank-you page meanwhile
            ready = False
        if ready:
            answer.fill(ANSWER)
            send.click()
        page.wait_for_timeout(150)
    screenshot(page, "candidate-thank-you")
    interview.refresh_from_db()
    assert interview.status == "completed"
    assert interview.chunks.filter(kind="video").exists()
    assert interview.recordings.filter(kind="video").exists()


def test_the_interview_works_on_a_360_pixel_phone(owner, browser, asgi_server):
    interview = ready_interview(owner.workspace, "sales")
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    context.grant_permissions(["camera", "microphone"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        Interview.objects.filter(pk=interview.pk).update(consented_at=None)
        for path in (f"/apply/{interview.posting.public_id}", f"/i/{interview.public_id}"):
            page.goto(f"{asgi_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, (path, width)
        screenshot(page, "candidate-phone-welcome")
        page.get_by_role("checkbox").check()
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Resume").wait_for()
        axe_check(page)
        screenshot(page, "candidate-phone-resume")
        page.get_by_role("button", name="Skip").click()
        page.get_by_role("button", name="Start interview").click()
        page.get_by_label("Current question").filter(has_text="deal").wait_for()
        # Nothing wider than the screen: the answer box and Send stay reachable.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, width
        assert page.get_by_role("button", name="Send").is_visible()
        screenshot(page, "candidate-phone-room")
    finally:
        context.close()
    assert errors == []


def test_enter_sends_the_answer_and_shift_enter_starts_a_new_line(owner, page, asgi_server):
    interview = ready_interview(owner.workspace, "customer-service")
    page.goto(f"{asgi_server.url}/i/{interview.public_id}")
    page.get_by_role("button", name="Start interview").click()
    page.get_by_label("Current question").filter(has_text="unhappy customer").wait_for()
    answer = page.get_by_label("Your answer")
    answer.fill("First line")
    answer.press("Shift+Enter")
    answer.type("second line")
    assert answer.input_value() == "First line\nsecond line"
    answer.press("Enter")
    page.locator("#transcript li.candidate").first.wait_for()
    assert answer.input_value() == ""
    assert interview.turns.get(speaker="candidate").text == "First line\nsecond line"
