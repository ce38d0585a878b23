"""Log in by email, password reset, the workspace switcher, API keys and members."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from heymilo.accounts.models import ApiKey, AuditEntry, Membership
from heymilo.accounts.services import recruiter_create
from tests.dashboard.conftest import PASSWORD, DashboardUser

pytestmark = pytest.mark.django_db


def test_it_logs_in_by_email_and_password_and_lands_on_postings(dash_owner):
    client = Client()
    page = client.get("/login/")
    assert b">Email<" in page.content and b">Password<" in page.content
    assert b">Log in<" in page.content
    response = client.post("/login/", {"username": "Olivia@Acme.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == (
        "/dashboard/postings"
    )


def test_it_refuses_a_wrong_password(dash_owner):
    response = Client().post("/login/", {"username": "olivia@acme.test", "password": "nope"})
    assert response.status_code == 200
    assert b"correct" in response.content  # Django's "Please enter a correct email…"


def test_it_sends_anonymous_visitors_to_log_in():
    response = Client().get("/dashboard/postings")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_log_out_ends_the_session(dash_owner):
    assert dash_owner.post("/logout/").status_code == 302
    assert dash_owner.get("/dashboard/postings").status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(dash_owner):
    response = Client().post("/password-reset/", {"email": "olivia@acme.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/reset/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form_url = client.get(link, follow=True).request["PATH_INFO"]
    new = {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"}
    assert client.post(form_url, new).status_code == 302
    assert client.login(username="olivia@acme.test", password="a-brand-new-passphrase")


def test_the_reset_link_is_built_from_public_url_whatever_the_host_header(dash_owner, settings):
    settings.ALLOWED_HOSTS = ["*"]  # even a permissive deployment mails no forged link
    settings.PUBLIC_URL = "https://jobs.acme.test"
    response = Client().post(
        "/password-reset/", {"email": "olivia@acme.test"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert re.search(r"^https://jobs\.acme\.test/reset/\S+/$", body, re.MULTILINE)


def test_allowed_hosts_default_to_the_public_url_host(settings):
    from heymilo.settings import default_allowed_hosts

    assert default_allowed_hosts("https://jobs.acme.test/hiring") == ["jobs.acme.test"]
    assert "localhost" in default_allowed_hosts("http://127.0.0.1:8000")
    settings.ALLOWED_HOSTS = default_allowed_hosts("https://jobs.acme.test")
    assert Client().get("/login/", HTTP_HOST="evil.example").status_code == 400
    assert Client().get("/login/", HTTP_HOST="jobs.acme.test").status_code == 200


def test_create_recruiter_makes_the_user_and_the_workspace(capsys):
    call_command("create_recruiter", "New@Example.com", "--password", PASSWORD, "--workspace", "N")
    membership = Membership.objects.get(user__username="new@example.com")
    assert membership.workspace.name == "N" and membership.role == "owner"
    assert Client().login(username="new@example.com", password=PASSWORD)
    call_command(
        "create_recruiter", "v@example.com", "--password", PASSWORD, "--workspace", "N",
        "--role", "viewer",
    )  # fmt: skip
    assert Membership.objects.get(user__username="v@example.com").role == "viewer"
    with pytest.raises(CommandError):
        call_command("create_recruiter", "not-an-email", "--password", "x", "--workspace", "N")


def test_the_switcher_changes_workspace_only_to_ones_the_user_belongs_to(dash_owner, outsider):
    recruiter_create(
        email="olivia@acme.test", password=None, workspace_name="Second", role="viewer"
    )
    page = dash_owner.get("/dashboard/postings").content.decode()
    assert 'id="workspace-switch"' in page and "Second" in page
    second = Membership.objects.get(workspace__name="Second").workspace
    dash_owner.post("/dashboard/workspace", {"workspace": second.public_id})
    assert (
        "You are a <strong>viewer</strong>"
        in dash_owner.get("/dashboard/postings").content.decode()
    )
    dash_owner.post("/dashboard/workspace", {"workspace": outsider.workspace.public_id})
    assert outsider.workspace.name not in dash_owner.get("/dashboard/postings").content.decode()


def test_a_new_api_key_is_shown_once_and_works(dash_owner):
    response = dash_owner.post("/dashboard/settings/api-keys", {"name": "ATS"})
    raw = re.search(r'id="raw-key"[^>]*>(hm_[^<]+)<', response.content.decode()).group(1)
    assert raw not in dash_owner.get("/dashboard/settings/api-keys").content.decode()
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_X_API_KEY=raw)
    assert api.get("/api/v4/postings").status_code == 200
    assert AuditEntry.objects.filter(action="api_key_created").exists()


def test_revoking_a_key_stops_it(dash_owner):
    dash_owner.post("/dashboard/settings/api-keys", {"name": "Old"})
    key = ApiKey.objects.get(name="Old")
    dash_owner.post(f"/dashboard/settings/api-keys/{key.pk}/revoke")
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_owners_add_members_and_change_roles_but_keep_one_owner(dash_owner):
    dash_owner.post("/dashboard/settings/members", {"email": "Newbie@Acme.test", "role": "viewer"})
    newbie = Membership.objects.get(user__username="newbie@acme.test")
    assert newbie.role == "viewer" and newbie.workspace == dash_owner.workspace
    dash_owner.post(f"/dashboard/settings/members/{newbie.pk}", {"role": "recruiter"})
    newbie.refresh_from_db()
    assert newbie.role == "recruiter"
    own = Membership.objects.get(user=dash_owner.user)
    response = dash_owner.post(
        f"/dashboard/settings/members/{own.pk}", {"role": "viewer"}, follow=True
    )
    assert b"at least one owner" in response.content
    dash_owner.post(f"/dashboard/settings/members/{newbie.pk}", {"action": "remove"})
    assert not Membership.objects.filter(pk=newbie.pk).exists()


def test_a_new_member_starts_as_a_recruiter_not_an_owner(dash_owner):
    page = dash_owner.get("/dashboard/settings/members").content.decode()
    new_member = re.search(r'<select name="role" id="id_role">.*?</select>', page, re.S).group(0)
    assert '<option value="recruiter" selected>' in new_member
    assert '<option value="owner" selected>' not in new_member


def invite(dash_owner, capture, email, role):
    with capture(execute=True):  # the mail job is queued when the membership commits
        dash_owner.post("/dashboard/settings/members", {"email": email, "role": role})


def test_a_new_member_is_invited_by_email_and_chooses_a_password(
    dash_owner, mailoutbox, django_capture_on_commit_callbacks
):
    invite(dash_owner, django_capture_on_commit_callbacks, "nina@acme.test", "recruiter")
    [mail] = mailoutbox
    assert mail.to == ["nina@acme.test"] and dash_owner.workspace.name in mail.subject
    assert "as recruiter" in mail.body
    link = re.search(r"http://[^\s]+/reset/[^\s]+/", mail.body).group(0)
    client = Client()
    form_page = client.get(urlsplit(link).path, follow=True)
    assert form_page.status_code == 200 and b"new_password1" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "A-long-new-passw0rd", "new_password2": "A-long-new-passw0rd"},
    )
    assert done.status_code == 302
    assert client.login(username="nina@acme.test", password="A-long-new-passw0rd")


def test_an_existing_user_is_told_to_sign_in_not_to_reset(
    dash_owner, mailoutbox, django_capture_on_commit_callbacks
):
    recruiter_create(email="olga@acme.test", password=PASSWORD, workspace_name="Elsewhere")
    invite(dash_owner, django_capture_on_commit_callbacks, "olga@acme.test", "viewer")
    [mail] = mailoutbox
    assert "/login/" in mail.body and "/reset/" not in mail.body


def test_recruiters_cannot_manage_members(dash_recruiter, dash_owner):
    response = dash_recruiter.post(
        "/dashboard/settings/members", {"email": "x@acme.test", "role": "owner"}
    )
    assert response.status_code == 403
    own = Membership.objects.get(user=dash_owner.user)
    assert (
        dash_recruiter.post(
            f"/dashboard/settings/members/{own.pk}", {"action": "remove"}
        ).status_code
        == 403
    )


def test_a_user_without_a_workspace_is_told_so(db):
    user = DashboardUser("Lonely", "owner", "lonely@x.test")
    Membership.objects.filter(user=user.user).delete()
    response = user.get("/dashboard/postings")
    assert response.status_code == 403 and b"not a member" in response.content


def test_access_to_account_pages(dash_owner, dash_recruiter, dash_viewer, dash_outsider):
    key = ApiKey.objects.create(workspace=dash_owner.workspace, prefix="hm_x", key_hash="h")
    for user in (dash_owner, dash_recruiter, dash_viewer):
        assert user.get("/dashboard/settings/members").status_code == 200
    assert dash_owner.get("/dashboard/settings/api-keys").status_code == 200
    # A key holds the whole API's power: owners only, to see, create or revoke.
    for user in (dash_recruiter, dash_viewer):
        assert user.get("/dashboard/settings/api-keys").status_code == 403
        assert user.post("/dashboard/settings/api-keys", {"name": "r"}).status_code == 403
        assert user.post(f"/dashboard/settings/api-keys/{key.pk}/revoke").status_code == 403
    assert not ApiKey.objects.filter(name="r").exists()
    assert dash_outsider.post(f"/dashboard/settings/api-keys/{key.pk}/revoke").status_code == 404
    outsider_page = dash_outsider.get("/dashboard/settings/api-keys").content.decode()
    assert "hm_x" not in outsider_page
    key.refresh_from_db()
    assert key.revoked_at is None


def test_password_guessing_is_stopped_even_when_the_right_one_comes(dash_owner):
    client = Client()
    for _ in range(10):
        client.post("/login/", {"username": "olivia@acme.test", "password": "guess"})
    response = client.post("/login/", {"username": "Olivia@acme.test", "password": PASSWORD})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert b"Too many attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_one_address_cannot_spray_passwords_over_many_accounts():
    client = Client()
    statuses = [
        client.post("/login/", {"username": f"u{n}@x.test", "password": "p"}).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_reset_mails_to_one_address_are_limited(dash_owner):
    statuses = [
        Client().post("/password-reset/", {"email": "olivia@acme.test"}).status_code
        for _ in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_the_root_leads_to_the_login_or_the_dashboard(dash_owner):
    assert Client().get("/")["Location"] == "/login/"
    assert dash_owner.get("/")["Location"] == "/dashboard/"
