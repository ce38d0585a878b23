"""Local question generation: requirement phrases from a posting → questions with rubrics."""

from __future__ import annotations

import re

from heymilo.ai.base import PostingContext, QuestionDraft
from heymilo.ai.text import content_terms

NOUN_CUES = re.compile(
    r"((?:experience (?:in|with)|skills? in|knowledge of|familiarity with|proficiency (?:in|with)"
    r"|comfortable with|\d+\+? years of)\s+[^.;:\n—]+)",
    re.IGNORECASE,
)
VERB_CUES = re.compile(
    r"(?:ability to|able to|you will|responsible for)\s+([^.;:\n—]+)"
    r"|\b((?:handle|manage|own|troubleshoot|deliver|lead|build|drive)\s+[^.;:\n—]+)",
    re.IGNORECASE,
)
SPLIT_RE = re.compile(r",|\band (?:have|be|are|has)\b|\bwhile\b")

TEMPLATES = {
    ("behavioral", "noun"): (
        "Tell me about a time your {skill} made a real difference. What was the situation, "
        "what did you do, and what was the result?"
    ),
    ("behavioral", "verb"): (
        "Tell me about a time you had to {skill}. What was the situation, what did you do, "
        "and what was the result?"
    ),
    ("situational", "noun"): (
        "Imagine you join us as {title} and your first week tests your {skill}. "
        "How would you approach it, step by step?"
    ),
    ("situational", "verb"): (
        "Imagine you join us as {title} and in your first week you need to {skill}. "
        "How would you approach it, step by step?"
    ),
    ("technical", "noun"): (
        "How do you put your {skill} to work day to day? Walk me through a concrete case."
    ),
    ("technical", "verb"): "How do you {skill}? Walk me through a concrete case you handled.",
}


def skill_phrases(posting: PostingContext) -> list[tuple[str, str]]:
    """(phrase, "noun"|"verb") requirements from the description and overview, in order, unique."""
    found: list[tuple[str, str]] = []
    for match in NOUN_CUES.finditer(posting.description):
        _add_skill(found, match.group(1), "noun")
    for match in VERB_CUES.finditer(f"{posting.description}\n{posting.job_overview}"):
        _add_skill(found, match.group(1) or match.group(2), "verb")
    return found


def _add_skill(found: list[tuple[str, str]], raw: str, form: str) -> None:
    piece = SPLIT_RE.split(raw)[0]
    piece = re.sub(r"\s+(?:for|on|at) (?:our|the|a) .*$", "", piece.strip()).rstrip(" .")
    piece = re.sub(r"\s+(?:preferred|required|is a plus|a plus|but)\b.*$", "", piece, flags=re.I)
    piece = re.sub(r"^(?:\d+\+? years of|strong|excellent|the)\s+", "", piece, flags=re.I)
    piece = re.sub(
        r"^(?:comfortable|familiarity|proficiency) (?:with|in)", "experience with", piece
    )
    terms = set(content_terms(piece))
    if not 1 <= len(terms) <= 8 or len(piece.split()) > 10:
        return
    if any(len(terms & set(content_terms(other))) / len(terms) > 0.5 for other, _ in found):
        return
    lowered = piece[0].lower() + piece[1:] if piece[1:2].islower() else piece
    found.append((lowered, form))


def build_questions(
    posting: PostingContext, count: int, interview_type: str
) -> list[QuestionDraft]:
    skills = skill_phrases(posting)
    kinds = _kinds_for(interview_type)
    drafts = [
        _skill_question(posting, skill, form, kinds[i % len(kinds)])
        for i, (skill, form) in enumerate(skills)
    ]
    drafts = drafts[: max(0, count - 1)] if count > 1 else drafts[:count]
    if len(drafts) < count:
        drafts.append(_motivation_question(posting))
    while len(drafts) < count:
        drafts.append(_generic_question(posting, len(drafts)))
    return drafts[:count]


def _kinds_for(interview_type: str) -> tuple[str, ...]:
    lowered = (interview_type or "").lower()
    if "situation" in lowered:
        return ("situational", "behavioral")
    if "tech" in lowered:
        return ("technical", "situational")
    return ("behavioral", "situational", "technical")


def _skill_question(posting: PostingContext, skill: str, form: str, kind: str) -> QuestionDraft:
    title = posting.title or "a new hire"
    return QuestionDraft(
        text=TEMPLATES[(kind, form)].format(skill=skill, title=title),
        evaluation_criteria=(
            f"Assess the candidate's ability here: {skill}. Look for a specific example, "
            "the candidate's own "
            "actions, and a clear, preferably measurable, outcome."
        ),
        score_of_1="Cannot give a relevant example or answers in vague generalities.",
        score_of_5=(
            f"Describes a detailed, relevant example ({skill}), explains their own actions and "
            "reasoning step by step, and reports a concrete result."
        ),
        question_type="open-ended",
        score_weight=2.0 if kind == "behavioral" else 1.5,
        min_follow_ups=1,
        max_follow_ups=2,
    )


def _motivation_question(posting: PostingContext) -> QuestionDraft:
    company = posting.company_name or "our company"
    return QuestionDraft(
        text=f"Why are you interested in the {posting.title} role at {company}?",
        evaluation_criteria="Assess genuine motivation and understanding of the role and company.",
        score_of_1="Generic answer with no connection to the role or company.",
        score_of_5=(
            "Shows genuine interest in the role, knowledge of the company and a clear link to "
            "their own experience and goals."
        ),
        score_weight=1.0,
        min_follow_ups=0,
        max_follow_ups=1,
    )


def _generic_question(posting: PostingContext, index: int) -> QuestionDraft:
    prompts = (
        "Tell me about the achievement you are most proud of in your work so far.",
        "Describe a time you had to learn something new quickly. How did you do it?",
        "Tell me about a disagreement with a colleague and how you resolved it.",
        "Describe a mistake you made at work and what you changed afterwards.",
    )
    return QuestionDraft(
        text=prompts[index % len(prompts)],
        evaluation_criteria="Look for a specific example, personal ownership and a clear outcome.",
        score_of_1="No example, or blames others with no reflection.",
        score_of_5="Specific example, clear personal actions, measurable outcome and reflection.",
        score_weight=1.0,
        min_follow_ups=0,
        max_follow_ups=1,
    )
