"""Seeds the demo workspace that `make run` serves: both guides' postings and candidates."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from candidates.services import candidates_ingest
from heymilo.accounts.services import api_key_create, workspace_get_or_create
from postings.models import Posting
from postings.serializers import PostingCreateIn
from postings.services import posting_create

DEMO_DATA = Path(settings.BASE_DIR) / "heymilo" / "demo_data"
DEMO_WORKSPACE = "Demo"
GUIDES = {
    "customer-service": [
        {
            "name": "Priya Patel",
            "email": "priya.patel@email.com",
            "metadata": {"source": "linkedin"},
        },
        {"name": "Alex Chen", "email": "alex.c@email.com", "metadata": {"source": "greenhouse"}},
    ],
    "sales": [
        {"name": "Marcus Johnson", "email": "marcus.j@email.com", "phone_number": "+12125559876"},
        {"name": "Aisha Williams", "email": "aisha.w@email.com", "phone_number": "+13105557654"},
    ],
}


class Command(BaseCommand):
    help = "Create (once) the demo workspace, its API key and both guides' postings; print them."

    def handle(self, *args, **options):
        workspace = workspace_get_or_create(name=DEMO_WORKSPACE)
        raw_key = self.demo_key(workspace)
        postings = [self.guide_posting(workspace, guide) for guide in GUIDES]
        self.report(raw_key, postings)

    def demo_key(self, workspace) -> str:
        # The demo key is kept in var/ so every start can print it; real keys are shown once.
        key_file = settings.VAR_DIR / "demo-api-key"
        if key_file.exists():
            return key_file.read_text().strip()
        _, raw_key = api_key_create(workspace=workspace, name="Demo key")
        key_file.write_text(raw_key + "\n")
        key_file.chmod(0o600)
        return raw_key

    @transaction.atomic
    def guide_posting(self, workspace, guide: str) -> Posting:
        existing = workspace.postings.filter(metadata__demo_guide=guide).first()
        if existing:
            return existing
        body = json.loads((DEMO_DATA / f"{guide}-posting.json").read_text())
        body["metadata"] = {"demo_guide": guide}
        serializer = PostingCreateIn(data=body)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        workflow = fields.pop("workflow", None)
        posting = posting_create(workspace=workspace, fields=fields, workflow=workflow)
        candidates_ingest(posting=posting, rows=GUIDES[guide])
        return posting

    def report(self, raw_key: str, postings: list[Posting]) -> None:
        url = settings.PUBLIC_URL
        lines = [
            "",
            f"Demo workspace {DEMO_WORKSPACE!r} is ready at {url}",
            f"  API key (X-API-KEY): {raw_key}",
            f"  API docs:            {url}/api/v4/docs/",
            f"  Health:              {url}/health",
        ]
        for posting in postings:
            lines.append(f"  Posting {posting.public_id}: {posting.title}")
            lines.append(f"    candidate link: {posting.candidate_url}")
            for interview in posting.interviews.select_related("candidate"):
                lines.append(f"    {interview.candidate.name}: {interview.interview_url}")
        lines.append("")
        self.stdout.write("\n".join(lines))
