"""`make run`'s demo: a recruiter login and finished interviews on the first start only."""

import pytest
from django.core.management import call_command
from django.test import Client

from candidates.models import Interview

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_recruiter_login_and_a_real_spread_of_reports(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    first = capsys.readouterr().out
    line = next(line for line in first.splitlines() if "recruiter@example.com" in line)
    password = line.split()[-1]
    assert Client().login(username="recruiter@example.com", password=password)
    scores = list(
        Interview.objects.filter(workspace__name="Demo", status="completed").values_list(
            "score", flat=True
        )
    )
    assert len(scores) == 4 and max(scores) - min(scores) >= 50
    call_command("seed_demo")
    assert password in capsys.readouterr().out
    assert Interview.objects.filter(workspace__name="Demo").count() == 4
