"""Seeds the demo workspace that `make run` serves: both guides' postings and candidates, a
recruiter login and, on the first start only, a few weeks of hiring played through the real
pipeline: strong, middling and weak interviews scored by the engine, a knocked-out resume,
candidates invited who have not started yet, and one interview with a recording."""

import json
import secrets
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from candidates.models import Candidate, CandidateEmail, Interview
from candidates.services.ingest import candidates_ingest
from candidates.services.invitations import invitations_send
from heymilo.accounts.models import Membership
from heymilo.accounts.services import api_key_create, recruiter_create, workspace_get_or_create
from interviews import recordings
from interviews.models import Turn, WebInterviewResult
from interviews.playthrough import interview_play
from interviews.resume import resume_skip, resume_submit
from interviews.services import interview_consent
from postings.models import Posting
from postings.serializers import PostingCreateIn
from postings.services import posting_create

DEMO_DATA = Path(settings.BASE_DIR) / "heymilo" / "demo_data"
DEMO_WORKSPACE = "Demo"
# The two guides hire for two companies; each posting names its own (the posting's
# `company_name` metadata comes before the workspace's brand), so the support role's interviewer
# never says it is from CloudMetrics and then describes BrightDesk.
DEMO_COMPANY = "CloudMetrics"
GUIDE_COMPANIES = {"customer-service": "BrightDesk", "sales": DEMO_COMPANY}
DEMO_RECRUITER = "recruiter@example.com"
# How each demo candidate took part, on the first start: (how they answer, their resume, how
# many days ago they were invited). "invited"/"opened": they have not started yet.
PLAYERS = {
    "priya.patel@email.com": ("strong", None, 18),
    "alex.c@email.com": ("weak", None, 16),
    "jordan.lee@email.com": ("medium", None, 9),
    "sofia.m@email.com": ("strong", None, 4),
    "sam.rivera@email.com": ("invited", None, 2),
    "marcus.j@email.com": ("strong", "strong", 20),
    "aisha.w@email.com": ("medium", None, 12),
    "tom.b@email.com": ("weak", "retail", 7),
    "nina.k@email.com": ("opened", None, 3),
}
RESUMES = {
    "strong": (
        "Marcus Johnson - Account Executive\n"
        "Six years of B2B sales: SaaS, mid-market accounts of 200-2000 employees.\n"
        "Exceeded quota every year: 118% of quota in 2023, 124% in 2022; President's Club.\n"
        "Owned the full cycle from prospecting to close; built pipeline with outbound and "
        "referrals; negotiated annual contracts up to $180k.\n"
        "Salesforce, HubSpot, Gong. BA in Economics.\n"
    ),
    "retail": (
        "Tom Becker - Store Associate\n"
        "Three years on the shop floor of a clothing store: tills, stock, displays.\n"
        "Employee of the month twice. Friendly with customers, good with a team.\n"
    ),
}
GUIDES = {
    "customer-service": [
        {
            "name": "Priya Patel",
            "email": "priya.patel@email.com",
            "metadata": {"source": "linkedin"},
        },
        {"name": "Alex Chen", "email": "alex.c@email.com", "metadata": {"source": "greenhouse"}},
        {"name": "Jordan Lee", "email": "jordan.lee@email.com", "metadata": {"source": "indeed"}},
        {
            "name": "Sofia Martínez",
            "email": "sofia.m@email.com",
            "metadata": {"source": "referral"},
        },
        {"name": "Sam Rivera", "email": "sam.rivera@email.com", "metadata": {"source": "indeed"}},
    ],
    "sales": [
        {"name": "Marcus Johnson", "email": "marcus.j@email.com", "phone_number": "+12125559876"},
        {"name": "Aisha Williams", "email": "aisha.w@email.com", "phone_number": "+13105557654"},
        {"name": "Tom Becker", "email": "tom.b@email.com"},
        {"name": "Nina Kowalski", "email": "nina.k@email.com"},
    ],
}
RECORDED = "priya.patel@email.com"


class Command(BaseCommand):
    help = "Create (once) the demo workspace, its API key and both guides' postings; print them."

    def handle(self, *args, **options):
        workspace = workspace_get_or_create(name=DEMO_WORKSPACE)
        if not workspace.company_name:
            workspace.company_name = DEMO_COMPANY
            workspace.save(update_fields=["company_name"])
        raw_key = self.demo_key(workspace)
        password = self.demo_recruiter(workspace)
        postings = []
        for guide in GUIDES:
            posting, created = self.guide_posting(workspace, guide)
            if created:  # the first start only: later starts stay fast
                self.play_interviews(posting, guide)
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

    def play_interviews(self, posting: Posting, guide: str) -> None:
        answers = json.loads((DEMO_DATA / "answers.json").read_text())[guide]
        interviews = posting.interviews.select_related("candidate", "posting__workspace")
        for interview in interviews:
            style, resume, days_ago = PLAYERS[interview.candidate.email]
            invitations_send(interviews=[interview])
            if style == "opened":
                Interview.objects.filter(pk=interview.pk).update(opened_at=timezone.now())
            if style not in ("invited", "opened"):
                self.take_part(interview, style, resume, answers)
            backdate(interview.pk, timedelta(days=days_ago))

    def take_part(self, interview: Interview, style: str, resume: str | None, answers) -> None:
        """Consent, the resume step, the interview: all through the real services."""
        interview_consent(interview=interview, answer_mode=Interview.AnswerMode.TEXT)
        interview.refresh_from_db()
        if interview.posting.steps.filter(type="resume").exists():
            if resume:
                data = RESUMES[resume].encode()
                resume_submit(interview=interview, data=data, filename="resume.txt")
            else:
                resume_skip(interview=interview)
            interview.refresh_from_db()
        if interview.status == Interview.Status.KNOCKED_OUT:
            return
        interview_play(interview=interview, answer=demo_answerer(interview.posting, style, answers))
        if interview.candidate.email == RECORDED:
            record_demo(interview)

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
        body["metadata"] = {"demo_guide": guide, "company_name": GUIDE_COMPANIES[guide]}
        serializer = PostingCreateIn(data=body)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        workflow = fields.pop("workflow", None)
        posting = posting_create(workspace=workspace, fields=fields, workflow=workflow)
        posting.deadline_days, posting.reminder_days = 21, [3, 10]
        posting.save(update_fields=["deadline_days", "reminder_days"])
        candidates_ingest(posting=posting, rows=GUIDES[guide])
        return posting, True

    def report(self, raw_key: str, password: str, postings: list[Posting]) -> None:
        url = settings.PUBLIC_URL
        first = postings[0].interviews.filter(status="pending").first() if postings else None
        lines = [
            "",
            f"  Dashboard   {url}/login/   {DEMO_RECRUITER} / {password}",
            f"  API         {url}/api/v4/docs/   X-API-KEY {raw_key}",
        ]
        if first is not None:
            lines.append(f"  Candidate   {first.interview_url}   ({first.candidate.name})")
        lines += [f"  Mail        {settings.EMAIL_FILE_PATH}/ (Settings > Mail shows each)", ""]
        self.stdout.write("\n".join(lines))


def demo_answerer(posting: Posting, style: str, answers: dict):
    """Each demo candidate's own words: written answers, strong, middling or weak."""
    by_question = {
        q.public_id: rank for rank, q in enumerate(posting.questions.filter(modality="voice"))
    }

    def answer(question_id: str, count: int) -> str:
        if count > 0:
            return answers["follow_up"][style]
        rank = by_question.get(question_id, 0)
        return answers[style][rank % len(answers[style])]

    return answer


def backdate(interview_pk: int, ago: timedelta) -> None:
    """Spread the demo over the past weeks, as a real posting's candidates come and go."""
    interview = Interview.objects.get(pk=interview_pk)
    moved = {
        name: getattr(interview, name) - ago
        for name in (
            "created_at",
            "updated_at",
            "invited_at",
            "opened_at",
            "consented_at",
            "started_at",
            "completed_at",
            "deadline_at",
        )
        if getattr(interview, name)
    }
    Interview.objects.filter(pk=interview_pk).update(**moved)
    candidates = Candidate.objects.filter(pk=interview.candidate_id)
    candidates.update(created_at=interview.created_at - ago)
    for model, field in ((Turn, "created_at"), (WebInterviewResult, "created_at")):
        for row in model.objects.filter(interview_id=interview_pk):
            model.objects.filter(pk=row.pk).update(**{field: getattr(row, field) - ago})
    for email in CandidateEmail.objects.filter(interview_id=interview_pk):
        CandidateEmail.objects.filter(pk=email.pk).update(
            created_at=email.created_at - ago,
            sent_at=email.sent_at - ago if email.sent_at else None,
        )


def record_demo(interview: Interview) -> None:
    """A short test-pattern recording, so the report's player has something to play (only
    where ffmpeg is installed: `make test` installs it; the demo works without)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.webm"
        source = ["-f", "lavfi", "-i", "testsrc=duration=8:size=320x240:rate=15"]
        tone = ["-f", "lavfi", "-i", "sine=frequency=330:duration=8"]
        encode = ["-c:v", "libvpx", "-b:v", "300k", "-c:a", "libopus", "-shortest", str(path)]
        done = subprocess.run(
            [ffmpeg, "-y", "-loglevel", "error", *source, *tone, *encode], check=False
        )
        if done.returncode != 0:
            return
        data = path.read_bytes()
    interview.refresh_from_db()
    recordings.chunk_store(interview=interview, kind="video", session="demo", seq=0, data=data)
    recordings.recordings_assemble(interview=interview)
