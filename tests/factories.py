"""Builders for test data that go through the same services as the API."""

import json
from pathlib import Path

from heymilo.accounts.models import Workspace
from postings.models import Posting
from postings.serializers import PostingCreateIn
from postings.services import posting_create

DEMO_DATA = Path(__file__).resolve().parent.parent / "heymilo" / "demo_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def guide_posting_body(name: str) -> dict:
    """The posting body of a seed guide: "customer-service" or "sales"."""
    return json.loads((DEMO_DATA / f"{name}-posting.json").read_text())


def guide_calls(name: str) -> list[dict]:
    return json.loads((FIXTURES / f"guide-{name}-calls.json").read_text())


def make_posting(workspace: Workspace, name: str = "customer-service", **overrides) -> Posting:
    body = {**guide_posting_body(name), **overrides}
    serializer = PostingCreateIn(data=body)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    workflow = data.pop("workflow", None)
    return posting_create(workspace=workspace, fields=data, workflow=workflow)
