"""Local question generation: requirement phrases from a posting → questions with rubrics.

Exactly ``count`` different questions, each naming the role's title, one of its requirements or
the company; written in the posting's language (en, es, fr, de, pt), rubric fields included. A
placeholder company name ("Demo", "Test workspace") is never said.
"""

from __future__ import annotations

import re

from heymilo.ai.base import PostingContext, QuestionDraft
from heymilo.ai.phrases import language_of
from heymilo.ai.question_texts import texts as wording
from heymilo.ai.text import content_terms

NOUN_CUES = re.compile(
    r"((?:experience (?:in|with)|skills? in|knowledge of|familiarity with|proficiency (?:in|with)"
    r"|comfortable with|\d+\+? years of|experiencia (?:en|con)|conocimientos? de"
    r"|expérience (?:en|avec|de)|maîtrise de|connaissance de|erfahrung (?:in|mit)|kenntnisse in"
    r"|experiência (?:em|com)|conhecimento de)\s+[^.;:\n—]+)",
    re.IGNORECASE,
)
VERB_CUES = re.compile(
    r"(?:ability to|able to|you will|responsible for|capacidad (?:de|para)|serás responsable de"
    r"|capacité à|vous serez chargé de|fähigkeit,? zu|capacidade de|você será responsável por)"
    r"\s+([^.;:\n—]+)"
    r"|\b((?:handle|manage|own|troubleshoot|deliver|lead|build|drive)\s+[^.;:\n—]+)",
    re.IGNORECASE,
)
SPLIT_RE = re.compile(r",|\band (?:have|be|are|has)\b|\bwhile\b|\s(?:y|et|und|e)\s")
PLACEHOLDER_RE = re.compile(
    r"^\s*(?:demo|test|testing|example|sample|default|sandbox|untitled|my company|company|acme)"
    r"\b|workspace",
    re.IGNORECASE,
)


def company_of(posting: PostingContext) -> str:
    """The company's name, or "" when it is missing or a placeholder."""
    name = (posting.company_name or "").strip()
    return "" if not name or PLACEHOLDER_RE.search(name) else name


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
    """Exactly ``count`` different questions: requirement questions first, the motivation
    question, then more angles on the requirements and on the role."""
    texts = wording(language_of(posting.language))
    title = posting.title.strip() or texts["a_new_hire"]
    company = company_of(posting)
    kinds = _kinds_for(interview_type)
    skills = skill_phrases(posting)
    first = [_skill_question(texts, title, s, f, kinds[0]) for s, f in skills]
    more = [_skill_question(texts, title, s, f, k) for k in kinds[1:] for s, f in skills]
    pool = first[: max(0, count - 1)] + [_motivation(texts, title, company)] + first[count - 1 :]
    pool += more + [_role_question(texts, title, company, t) for t in texts["role_questions"]]
    return _unique(pool)[:count] + _numbered(texts, title, count - len(_unique(pool)))


def _unique(drafts: list[QuestionDraft]) -> list[QuestionDraft]:
    seen: dict[str, QuestionDraft] = {}
    for draft in drafts:
        seen.setdefault(" ".join(draft.text.lower().split()), draft)
    return list(seen.values())


def _numbered(texts: dict, title: str, missing: int) -> list[QuestionDraft]:
    """Only for very large counts on a bare posting: more role questions, each on its own aspect."""
    aspects = texts["aspects"]
    templates = [
        texts["aspect_question"].format(aspect=aspects[i % len(aspects)], n=i // len(aspects) + 1)
        for i in range(max(0, missing))
    ]
    return [_role_question(texts, title, "", template) for template in templates]


def _kinds_for(interview_type: str) -> tuple[str, ...]:
    lowered = (interview_type or "").lower()
    if "situation" in lowered:
        return ("situational", "behavioral", "technical")
    if "tech" in lowered:
        return ("technical", "situational", "behavioral")
    return ("behavioral", "situational", "technical")


def _skill_question(texts: dict, title: str, skill: str, form: str, kind: str) -> QuestionDraft:
    return QuestionDraft(
        text=texts[f"{kind}_{form}"].format(skill=skill, title=title),
        evaluation_criteria=texts["skill_criteria"].format(skill=skill, title=title),
        score_of_1=texts["skill_score_of_1"],
        score_of_5=texts["skill_score_of_5"].format(skill=skill),
        question_type="open-ended",
        score_weight=2.0 if kind == "behavioral" else 1.5,
        min_follow_ups=1,
        max_follow_ups=2,
    )


def _motivation(texts: dict, title: str, company: str) -> QuestionDraft:
    key = "motivation_company" if company else "motivation"
    return QuestionDraft(
        text=texts[key].format(title=title, company=company),
        evaluation_criteria=texts["motivation_criteria"].format(title=title),
        score_of_1=texts["motivation_score_of_1"],
        score_of_5=texts["motivation_score_of_5"],
        score_weight=1.0,
        min_follow_ups=0,
        max_follow_ups=1,
    )


def _role_question(texts: dict, title: str, company: str, template: str) -> QuestionDraft:
    where = texts["at_company"].format(company=company) if company else ""
    return QuestionDraft(
        text=template.format(title=title, at_company=where),
        evaluation_criteria=texts["role_criteria"].format(title=title),
        score_of_1=texts["role_score_of_1"],
        score_of_5=texts["role_score_of_5"],
        score_weight=1.0,
        min_follow_ups=0,
        max_follow_ups=1,
    )
