"""Settings > Mail: every mail to candidates, newest first, a page at a time; the problems alone
on request; another workspace's mail never."""

import re

import pytest

from candidates.models import CandidateEmail
from tests.factories import make_posting

pytestmark = pytest.mark.django_db


def mails(workspace, count: int, status="accepted", to="ana{n}@example.com"):
    posting = make_posting(workspace)
    CandidateEmail.objects.bulk_create(
        CandidateEmail(
            workspace=workspace,
            posting=posting,
            kind="invitation",
            to=to.format(n=n),
            subject=f"Mail {n:03d}",
            body="…",
            status=status,
        )
        for n in range(count)
    )


def subjects(response) -> list[str]:
    return re.findall(r"Mail \d{3}", response.content.decode())


def test_the_log_pages_through_every_mail_newest_first(dash_owner):
    mails(dash_owner.workspace, 120)
    first = dash_owner.get("/dashboard/settings/mail")
    assert subjects(first) == [f"Mail {n:03d}" for n in range(119, 69, -1)]
    older = re.search(r'href="\?before=(\d+)">Older', first.content.decode()).group(1)
    second = dash_owner.get(f"/dashboard/settings/mail?before={older}")
    assert subjects(second) == [f"Mail {n:03d}" for n in range(69, 19, -1)]
    older = re.search(r'href="\?before=(\d+)">Older', second.content.decode()).group(1)
    last = dash_owner.get(f"/dashboard/settings/mail?before={older}")
    assert subjects(last) == [f"Mail {n:03d}" for n in range(19, -1, -1)]
    assert "Older" not in last.content.decode()
    assert "Newest" in last.content.decode()


def test_the_problems_alone_and_nothing_of_another_workspace(dash_owner, dash_outsider):
    mails(dash_owner.workspace, 3, to="fine{n}@example.com")
    mails(dash_owner.workspace, 2, status="bounced", to="gone{n}@example.com")
    mails(dash_outsider.workspace, 2, status="bounced", to="theirs{n}@example.com")
    page = dash_owner.get("/dashboard/settings/mail?show=problems").content.decode()
    assert "gone0@example.com" in page and "gone1@example.com" in page
    assert "fine0@example.com" not in page
    assert "theirs0@example.com" not in page
    everything = dash_owner.get("/dashboard/settings/mail?before=junk").content.decode()
    assert "fine0@example.com" in everything and "theirs0@example.com" not in everything
