import pytest

from tests.factories import make_posting
from tests.webhooks.receiver import Receiver


@pytest.fixture
def fast_retries(settings):
    """The day-long retry schedule squeezed into fractions of a second."""
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0.05
    settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS = 0.2
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    return settings


@pytest.fixture
def allow_private(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    return settings


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def posting(owner):
    return make_posting(owner.workspace)


@pytest.fixture
def hook(owner, posting, receiver, allow_private):
    """A report_available webhook pointing at the receiver, which knows its secret."""
    body = {"posting_id": posting.public_id, "url": receiver.url, "event_type": "report_available"}
    created = owner.post("/api/v4/webhooks", body).json()["data"]
    receiver.secret = created["secret"]
    return created
