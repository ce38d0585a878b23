"""The recruiter reaches candidates, and candidates meet the company in their language:
copy link, resend, extend, the closed page, the Spanish flow (real Chromium)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from candidates.models import Interview
from candidates.services.ingest import candidate_ingest
from heymilo.accounts.services import recruiter_create
from tests.browser.conftest import axe_check, screenshot
from tests.browser.test_dashboard import PASSWORD, log_in
from tests.factories import make_posting

pytestmark = pytest.mark.django_db(transaction=True)
SEND_ENABLED = "() => { const b = document.getElementById('send'); return !!b && !b.disabled }"


@pytest.fixture
def invited(owner):
    owner.workspace.company_name = "BrightDesk"
    owner.workspace.save()
    posting = make_posting(owner.workspace)
    posting.deadline_days = 7
    posting.save()
    row = {"name": "Ana Lima", "email": "ana@example.com"}
    return candidate_ingest(posting=posting, row=row, invite=True).interview


def test_a_recruiter_copies_resends_and_extends(owner, browser, asgi_server, invited):
    recruiter_create(email="rita@acme.test", password=PASSWORD, workspace_name=owner.workspace.name)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=asgi_server.url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        log_in(page, asgi_server, "rita@acme.test")
        page.goto(f"{asgi_server.url}/dashboard/postings/{invited.posting.public_id}/candidates")
        row = page.locator(f"#row-{invited.public_id}")
        row.get_by_text("invited").wait_for()
        row.get_by_role("button", name="Copy link").click()
        row.get_by_role("button", name="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == invited.interview_url
        page.get_by_role("link", name="Ana Lima").click()
        page.get_by_role("heading", name="Invitation").wait_for()
        axe_check(page)
        screenshot(page, "dashboard-report-invitation")
        page.get_by_role("button", name="Resend the invitation").click()
        page.get_by_text("The invitation is on its way to ana@example.com").wait_for()
        assert len([m for m in mail.outbox if m.to == ["ana@example.com"]]) == 2
        before = Interview.objects.get(pk=invited.pk).deadline_at
        page.get_by_role("button", name="Extend the deadline 7 days").click()
        page.get_by_text("Ana Lima has until").wait_for()
        after = Interview.objects.get(pk=invited.pk).deadline_at
        assert after - before == timedelta(days=7)
        page.goto(f"{asgi_server.url}/dashboard/postings/{invited.posting.public_id}/invitations")
        page.get_by_role("heading", name="Preview").wait_for()
        axe_check(page)
        page.goto(f"{asgi_server.url}/dashboard/settings/mail")
        page.get_by_role("link", name="Your interview for").first.wait_for()
        axe_check(page)
    finally:
        context.close()
    assert errors == []


def test_past_the_deadline_the_link_is_politely_closed(page, asgi_server, invited):
    Interview.objects.filter(pk=invited.pk).update(deadline_at=timezone.now() - timedelta(hours=1))
    page.goto(f"{asgi_server.url}/i/{invited.public_id}")
    page.get_by_role("heading", name="This interview link has expired").wait_for()
    assert page.get_by_text("BrightDesk").count()  # the company's page, not the workspace's
    axe_check(page)
    screenshot(page, "candidate-closed")
    Interview.objects.filter(pk=invited.pk).update(deadline_at=timezone.now() + timedelta(days=1))
    page.reload()  # never cached: the extension shows at once
    page.get_by_role("button", name="Continue").wait_for()


def test_a_spanish_candidate_goes_through_in_spanish(owner, page, asgi_server):
    posting = make_posting(owner.workspace, language="es")
    row = {"name": "Lucía Gómez", "email": "lucia@example.com"}
    interview = candidate_ingest(posting=posting, row=row).interview
    page.goto(f"{asgi_server.url}/i/{interview.public_id}")
    page.get_by_text("¿Cómo prefieres responder?").wait_for()
    axe_check(page)
    screenshot(page, "candidate-welcome-es")
    page.get_by_label("Escribiendo: disponible para todos, en cualquier momento").check()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_role("button", name="Empezar la entrevista").click()
    page.get_by_text("Pregunta 1 de").wait_for()
    answer = page.get_by_label("Tu respuesta")
    for _ in range(60):
        if page.get_by_role("heading", name="¡Gracias, Lucía Gómez!").count():
            break
        if page.evaluate(
            "() => { const b = document.getElementById('send'); return !!b && !b.disabled }"
        ):
            answer.fill("Escuché al cliente, me disculpé y resolví el problema ese mismo día.")
            page.get_by_role("button", name="Enviar").click()
        page.wait_for_timeout(200)
    page.get_by_role("heading", name="¡Gracias, Lucía Gómez!").wait_for(timeout=20_000)
    screenshot(page, "candidate-done-es")
