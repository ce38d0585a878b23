from django.core.management import call_command
from rest_framework.test import APIClient

from postings.models import Posting


def test_seed_demo_creates_both_guides_once_and_prints_a_working_key(
    db, capsys, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out
    assert Posting.objects.filter(workspace__name="Demo").count() == 2
    key_line = next(line for line in first.splitlines() if "X-API-KEY" in line)
    raw_key = key_line.split()[-1]
    assert raw_key in second
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    listed = client.get("/api/v4/postings").json()
    assert {p["title"] for p in listed["data"]} == {
        "Customer Service Representative",
        "Sales Representative - Mid Market",
    }
    assert "/i/" in next(line for line in first.splitlines() if "Candidate" in line)
