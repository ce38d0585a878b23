"""What the AI engine is told about a posting."""

import re

from django.utils.translation import gettext_lazy as _

from heymilo.ai.base import PostingContext
from postings.models import DeliveryMode, Posting

COMPANY_SUBJECT = re.compile(
    r"^([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3}) (?:is|are|was|builds|helps)\b"
)
NOT_NAMES = {"We", "Our", "It", "This", "The", "They", "You"}


def company_name(posting: Posting) -> str:
    """The company the interviewer speaks for: the posting's metadata, else the workspace's
    brand name, else the subject of the company overview ("BrightDesk is a fast-growing…"),
    else the workspace's name."""
    named = (posting.metadata or {}).get("company_name")
    if isinstance(named, str) and named.strip():
        return named.strip()
    if posting.workspace.company_name:
        return posting.workspace.company_name
    match = COMPANY_SUBJECT.match(posting.company_overview.strip())
    if match and match.group(1).split()[0] not in NOT_NAMES:
        return match.group(1)
    return posting.workspace.name


def delivered_overviews(posting: Posting) -> list[tuple[str, str]]:
    """(`company`|`job`|`process`, text) for the overviews candidates are told, per delivery mode:
    exact → verbatim, summarized → its first two sentences; reference-only and silent ones are
    kept for answering questions and never presented."""
    sections = [
        ("company", posting.company_overview, posting.company_overview_delivery_mode),
        ("job", posting.job_overview, posting.job_overview_delivery_mode),
        (
            "process",
            posting.interview_process_overview,
            posting.interview_process_overview_delivery_mode,
        ),
    ]
    delivered = []
    for kind, text, mode in sections:
        text = text.strip()
        if not text or mode in (DeliveryMode.REFERENCE_ONLY, DeliveryMode.SILENT_REFERENCE):
            continue
        if mode == DeliveryMode.SUMMARIZED:
            text = " ".join(re.split(r"(?<=[.!?])\s+", text)[:2])
        delivered.append((kind, text))
    return delivered


OVERVIEW_TITLES = {
    "company": _("About the company"),
    "job": _("About the role"),
    "process": _("About the process"),
}


def overview_sections(posting: Posting) -> list[dict]:
    """The overviews candidates read on the apply and welcome pages (the interviewer says them)."""
    return [
        {"title": OVERVIEW_TITLES[kind], "text": text}
        for kind, text in delivered_overviews(posting)
    ]


def posting_context(posting: Posting) -> PostingContext:
    return PostingContext(
        title=posting.title,
        description=posting.description,
        company_overview=posting.company_overview,
        job_overview=posting.job_overview,
        interview_process_overview=posting.interview_process_overview,
        interviewer_name=posting.interviewer_name,
        language=posting.language,
        company_name=company_name(posting),
        spoken_overviews=tuple(text for _, text in delivered_overviews(posting)),
    )
