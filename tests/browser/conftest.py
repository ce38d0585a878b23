"""Real Chromium (Debian's package) driven by Playwright, with a fake camera and microphone.

Every page a test opens fails the test on a console error or an uncaught exception; `axe_check`
runs axe-core (from npm, node_modules/) in the page and fails on serious violations.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
# still synchronous, so Django's async guard is switched off for these tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}; `make test` installs it (apt chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class ConsoleWatch:
    def __init__(self):
        self.errors: list[str] = []

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} @ {message.location}")

    def on_page_error(self, error):
        self.errors.append(f"pageerror: {error}")


@pytest.fixture
def page(browser, request):
    """A fresh browser context; console errors fail the test after it ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.grant_permissions(["camera", "microphone"])
    watch = ConsoleWatch()
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert watch.errors == [], "\n".join(watch.errors)


def screenshot(page, name: str) -> Path:
    """Keep a screenshot as a test artefact under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_check(page, *, allowed: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core in the page; fail on serious or critical violations."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` runs `npm ci` to install it.")
    # Evaluated by the test, not added as a <script>: the page's CSP rightly refuses inline code.
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document)")
    bad = [
        violation
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical") and violation["id"] not in allowed
    ]
    details = [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})" for v in bad]
    assert not bad, "\n".join(details)
    return results["violations"]
