"""Seeds the demo workspace that `make run` serves: both guides' postings and candidates, a
recruiter login and, on the first start only, finished interviews played through the real
pipeline (strong and weak candidates) so the leaderboard and reports have something to show."""

import json
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from candidates.models import Interview
from candidates.services.ingest import candidates_ingest
from heymilo.accounts.models import Membership
from heymilo.accounts.services import api_key_create, recruiter_create, workspace_get_or_create
from interviews.playthrough import interview_play
from interviews.resume import resume_skip, resume_submit
from interviews.services import interview_consent
from postings.models import Posting
from postings.serializers import PostingCreateIn
from postings.services import posting_create

DEMO_DATA = Path(settings.BASE_DIR) / "heymilo" / "demo_data"
DEMO_WORKSPACE = "Demo"
DEMO_RECRUITER = "recruiter@example.com"
# How each demo candidate answers, on the first start: (style, resume or None).
PLAYERS = {
    "priya.patel@email.com": ("strong", None),
    "alex.c@email.com": ("weak", None),
    "marcus.j@email.com": ("strong", "strong"),
    "aisha.w@email.com": ("medium", None),
}
RESUMES = {
    "strong": (
        "Marcus Johnson - Account Executive\n"
        "Six years of B2B sales: SaaS, mid-market accounts of 200-2000 employees.\n"
        "Exceeded quota every year: 118% of quota in 2023, 124% in 2022; President's Club.\n"
        "Owned the full cycle from prospecting to close; built pipeline with outbound and "
        "referrals; negotiated annual contracts up to $180k.\n"
        "Salesforce, HubSpot, Gong. BA in Economics.\n"
    )
}
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
        password = self.demo_recruiter(workspace)
        postings = []
        for guide in GUIDES:
            posting, created = self.guide_posting(workspace, guide)
            if created:  # the first start only: later starts stay fast
                self.play_interviews(posting)
            postings.append(posting)
        self.report(raw_key, password, postings)

    def demo_recruiter(self, workspace) -> str:
        """The dashboard login; its password is kept in var/ like the demo key."""
        password_file = settings.VAR_DIR / "demo-recruiter-password"
        if (
            password_file.exists()
            and workspace.memberships.filter(user__username=DEMO_RECRUITER).exists()
        ):
            return password_file.read_text().strip()
        password = secrets.token_urlsafe(12)
        recruiter_create(
            email=DEMO_RECRUITER,
            password=password,
            workspace_name=workspace.name,
            role=Membership.Role.OWNER,
        )
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        return password

    def play_interviews(self, posting: Posting) -> None:
        for interview in posting.interviews.select_related("candidate", "posting__workspace"):
            style, resume = PLAYERS.get(interview.candidate.email, (None, None))
            if style is None:
                continue
            # Each demo candidate agrees on the welcome page, as a real one must first.
            interview_consent(interview=interview, answer_mode=Interview.AnswerMode.TEXT)
            interview.refresh_from_db()
            if posting.steps.filter(type="resume").exists():
                if resume:
                    data = RESUMES[resume].encode()
                    resume_submit(interview=interview, data=data, filename="resume.txt")
                else:
                    resume_skip(interview=interview)
                interview.refresh_from_db()
            interview_play(interview=interview, answer=demo_answerer(posting, style))

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
    def guide_posting(self, workspace, guide: str) -> tuple[Posting, bool]:
        existing = workspace.postings.filter(metadata__demo_guide=guide).first()
        if existing:
            return existing, False
        body = json.loads((DEMO_DATA / f"{guide}-posting.json").read_text())
        body["metadata"] = {"demo_guide": guide}
        serializer = PostingCreateIn(data=body)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        workflow = fields.pop("workflow", None)
        posting = posting_create(workspace=workspace, fields=fields, workflow=workflow)
        candidates_ingest(posting=posting, rows=GUIDES[guide])
        return posting, True

    def report(self, raw_key: str, password: str, postings: list[Posting]) -> None:
        url = settings.PUBLIC_URL
        lines = [
            "",
            f"Demo workspace {DEMO_WORKSPACE!r} is ready at {url}",
            f"  Dashboard:           {url}/login/",
            f"    email {DEMO_RECRUITER}  password {password}",
            f"  API key (X-API-KEY): {raw_key}",
            f"  API docs:            {url}/api/v4/docs/",
            f"  Health:              {url}/health",
        ]
        for posting in postings:
            lines.append(f"  Posting {posting.public_id}: {posting.title}")
            lines.append(f"    candidate link: {posting.candidate_url}")
            lines.append(f"    review:         {posting.review_url}")
            for interview in posting.interviews.select_related("candidate"):
                lines.append(f"    {interview.candidate.name}: {interview.interview_url}")
        lines.append("")
        self.stdout.write("\n".join(lines))


def demo_answerer(posting: Posting, style: str):
    """Replies built from each question's own rubric, so the styles land far apart."""
    questions = {q.public_id: q for q in posting.questions.all()}

    def answer(question_id: str, count: int) -> str:
        question = questions.get(question_id)
        if question is None or style == "weak":
            return "I'm not sure, I haven't really done that."
        if style == "medium" or count > 0:
            return f"I think so. {question.score_of_5.split('.')[0]}, more or less."
        return (
            f"Yes. For example, in my last role: {question.score_of_5} Concretely, "
            f"{question.evaluation_criteria} I measured the result: satisfaction rose from 82 "
            "to 94 percent in one quarter."
        )

    return answer
