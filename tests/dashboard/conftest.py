"""Dashboard users: an owner, a recruiter and a viewer of one workspace, and an outsider who
owns another. Each is a logged-in Django test client; `.workspace` is their workspace."""

import pytest
from django.test import Client

from heymilo.accounts.services import recruiter_create
from interviews.playthrough import interview_play
from tests.factories import make_posting

PASSWORD = "correct-horse-battery-staple"
STRONG = (
    "In my last role I handled about sixty customer chats a day. When a customer was angry "
    "about a late delivery, I listened, apologised, explained the cause, offered a refund and "
    "followed up the next day; our satisfaction score rose from 82 to 94 percent that quarter."
)
WEAK = "I don't know."


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing is slow on purpose; these tests make many users and test no hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class DashboardUser:
    def __init__(self, workspace_name: str, role: str, email: str):
        membership = recruiter_create(
            email=email, password=PASSWORD, workspace_name=workspace_name, role=role
        )
        self.user, self.workspace, self.role = membership.user, membership.workspace, role
        self.client = Client()
        self.client.force_login(self.user)

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.client.post(path, data or {}, **kwargs)


@pytest.fixture
def dash_owner(owner) -> DashboardUser:
    return DashboardUser(owner.workspace.name, "owner", "olivia@acme.test")


@pytest.fixture
def dash_recruiter(owner) -> DashboardUser:
    return DashboardUser(owner.workspace.name, "recruiter", "rick@acme.test")


@pytest.fixture
def dash_viewer(owner) -> DashboardUser:
    return DashboardUser(owner.workspace.name, "viewer", "vera@acme.test")


@pytest.fixture
def dash_outsider(outsider) -> DashboardUser:
    return DashboardUser(outsider.workspace.name, "owner", "otto@globex.test")


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace, "customer-service")


def finished_interview(posting, name: str, email: str, reply: str):
    """An interview played to its end through the real services, scored."""
    from candidates.services.ingest import candidate_ingest

    interview = candidate_ingest(posting=posting, row={"name": name, "email": email}).interview
    return interview_play(interview=interview, answer=lambda question_id, count: reply)


@pytest.fixture
def report(posting):
    return finished_interview(posting, "Priya Patel", "priya@example.com", STRONG)
