"""What browsers are told to enforce: a content security policy with no inline code, the camera
and microphone only in the interview room, and https everywhere when PUBLIC_URL is https."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.interviews.conftest import ready_interview

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_every_page_has_a_policy_without_inline_code():
    response = Client().get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Permissions-Policy"].startswith("camera=(), microphone=()")


def test_no_template_holds_inline_script_style_or_event_handlers():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        if template.parent.name == "mail":
            continue  # mails are read by mail clients, which need inline styles; no CSP there
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(str(template.relative_to(TEMPLATES)))
    assert offenders == []


def test_only_the_interview_room_may_ask_for_the_camera_and_microphone(owner):
    interview = ready_interview(owner.workspace)
    room = Client().get(f"/i/{interview.public_id}")
    assert "camera=(self), microphone=(self)" in room["Permissions-Policy"]
    apply = Client().get(f"/apply/{interview.posting.public_id}")
    assert "camera=()" in apply["Permissions-Policy"]


def test_https_public_url_means_secure_cookies_and_hsts(owner, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]


def test_the_api_docs_page_runs_without_inline_script(client):
    page = client.get("/api/v4/docs/").content.decode()
    assert "<style" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    script = client.get("/api/v4/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
