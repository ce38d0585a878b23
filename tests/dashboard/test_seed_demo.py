"""`make run`'s demo: a recruiter login and finished interviews on the first start only."""

import pytest
from django.core.management import call_command
from django.test import Client

from candidates.models import Interview
from interviews.models import Turn

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_recruiter_login_and_a_real_spread_of_reports(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    first = capsys.readouterr().out
    line = next(line for line in first.splitlines() if "recruiter@example.com" in line)
    password = line.split()[-1]
    assert Client().login(username="recruiter@example.com", password=password)
    demo = Interview.objects.filter(workspace__name="Demo")
    scores = sorted(demo.filter(status="completed").values_list("score", flat=True))
    # Six real interviews, far apart but not all at the extremes.
    assert len(scores) == 6 and scores[-1] - scores[0] >= 40
    assert any(30 <= score <= 75 for score in scores), scores
    assert demo.filter(status="knocked_out").count() == 1  # a resume that did not qualify
    assert demo.filter(status="pending", invited_at__isnull=False).count() == 2
    days = [i.created_at for i in demo]
    assert (max(days) - min(days)).days >= 14  # spread over the past weeks
    assert demo.filter(recordings__kind="video").count() == 1  # one to watch in the report
    call_command("seed_demo")
    assert password in capsys.readouterr().out
    assert demo.count() == 9


def test_each_demo_posting_speaks_for_its_own_company(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    greetings = Turn.objects.filter(
        interview__workspace__name="Demo", speaker="interviewer", seq=1
    ).select_related("interview__posting")
    by_guide = {}
    for greeting in greetings:
        by_guide.setdefault(greeting.interview.posting.metadata["demo_guide"], []).append(
            greeting.text
        )
    support, sales = by_guide["customer-service"], by_guide["sales"]
    assert support and all("BrightDesk" in t and "CloudMetrics" not in t for t in support)
    assert sales and all("CloudMetrics" in t and "BrightDesk" not in t for t in sales)
