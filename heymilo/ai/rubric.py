"""Reading a rubric the way a recruiter means it.

Recruiters write three kinds of ``score_of_5``: a model answer ("At the main function."), a
description of a good answer ("Describes a detailed scenario showing empathy…") or a checklist
("The candidate covers: - X - Y"). ``evaluation_criteria`` is prose about *how* to judge ("Judge how
fully…", "Look for…"), whose meta-words are not content. ``score_of_1`` describes a poor answer.
``read_rubric`` turns all of that into what the scorer compares an answer with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from heymilo.ai.base import QuestionSpec
from heymilo.ai.text import content_terms

BULLET_RE = re.compile(r"^\s*(?:[-*•●▪]|\d+[.)])\s+(.+?)\s*$", re.MULTILINE)
# How rubric prose opens when it talks about the candidate or the judging, not the content.
META_LEAD_RE = re.compile(
    r"^\s*(?:(?:the |a |an )?(?:candidate|strong answer|excellent answer|good answer|great answer"
    r"|ideal answer|answer|response)s?\s+(?:should\s+|must\s+|will\s+|can\s+|is able to\s+)?)?"
    r"(?:clearly\s+|concisely\s+|confidently\s+)?"
    r"(?:describes?|explains?|shows?|demonstrates?|provides?|gives?|mentions?|covers?|names?"
    r"|identifies?|uses?|lists?|states?|articulates?|offers?|presents?|discusses?"
    r"|outlines?|walks?|takes?|references?|connects?|includes?|displays?"
    r"|expresses?|conveys?|cites?|shares?|gauges?|assess(?:es)?|evaluates?|judges?|looks? for"
    r"|checks?|confirms?|gets?)\b",
    re.IGNORECASE,
)
# Rubric wording that describes *how* to judge rather than *what* a good answer contains.
RUBRIC_NOISE = frozenset(
    content_terms(
        "assess evaluate evaluation look looks describe describes described shows showing show "
        "candidate candidates ability able clear clearly specific specifics detailed detail "
        "strong strongly provide provides demonstrates demonstrate gauge answer response "
        "good great excellent poor cannot unable seems example examples just not rather than "
        "including includes include relevant genuine judge fully correctly correct accurately "
        "complete completely thorough point points model makes wording words own cover covers "
        "covered mention mentions mentioned restates restate question wrong topic empty "
        "explaining answers anything experienced familiarity knowledge multiple scenario "
        "situation"
    )
)
CANDIDATE_RE = re.compile(r"\b(?:the candidate|candidates?)\b", re.IGNORECASE)
# Sentences of criteria prose that only say how to judge ("Judge how fully and correctly the
# candidate answers: <question>") are dropped, with the question they quote.
JUDGING_RE = re.compile(
    r"^\s*(?:judge|assess|evaluate|gauge|rate|score|grade|check)\s+(?:how|whether|if|the)\b",
    re.IGNORECASE,
)
LOOK_FOR_RE = re.compile(
    r"^\s*(?:(?:look|looking|listen|watch)\s+(?:for|out for)|busca|cherchez|achten sie auf"
    r"|procure)\s+",
    re.IGNORECASE,
)
# The same judging leads in es, fr, de, pt ("Evalúa esta capacidad del candidato: …").
FOREIGN_LEAD_RE = re.compile(
    r"^\s*(?:evalúa|evalua|valora|évaluez|bewerten sie|avalie)\b[^:.]*[:.]?\s*", re.IGNORECASE
)


@dataclass(frozen=True)
class Rubric:
    """What an answer is compared with."""

    model_answer: str  # what a score-5 answer says, for similarity and term coverage
    criteria: str  # what evaluation_criteria asks to look for (judging prose removed)
    points: tuple[str, ...]  # separate things to cover, each checked on its own
    poor: str  # what a score-1 answer says (meta-words are dropped later, term by term)
    descriptive: bool  # score_of_5 describes a good answer's qualities rather than being one
    has_reference: bool  # a reference answer was given (benchmarks, batch scoring)


CONTRAST_RE = re.compile(
    r"\b(?:rather than|instead of|as opposed to|not just|not merely|without)\b([^.;\n]*)", re.I
)


def read_rubric(question: QuestionSpec) -> Rubric:
    reference = question.reference_answer.strip()
    criteria = criteria_content(question.evaluation_criteria)
    # "Own the loss rather than blaming external factors": what follows is a poor answer's trait.
    contrasts = " ".join(m.group(1) for m in CONTRAST_RE.finditer(criteria))
    criteria = CONTRAST_RE.sub("", criteria)
    question = replace(question, score_of_1=f"{question.score_of_1}\n{contrasts}".strip())
    if reference:
        return Rubric(reference, criteria, (), question.score_of_1, False, True)
    items = checklist_items(question.score_of_5)
    if items:
        return Rubric("\n".join(items), criteria, tuple(items), question.score_of_1, False, False)
    score_of_5 = question.score_of_5.strip()
    descriptive = is_descriptive(score_of_5) or not score_of_5
    model = f"{score_of_5}\n{criteria}".strip() if descriptive else score_of_5
    return Rubric(model, criteria, (), question.score_of_1, descriptive, False)


def checklist_items(score_of_5: str) -> list[str]:
    """The items of a bulleted or numbered score_of_5, without the bullets: two or more, or any
    under a lead line that ends with a colon ("The candidate covers:")."""
    items = [m.group(1) for m in BULLET_RE.finditer(score_of_5 or "")]
    lead = (score_of_5 or "").strip().split("\n", 1)[0].rstrip()
    if len(items) >= 2 or (items and lead.endswith(":")):
        return [_strip_lead(item) for item in items]
    return []


def is_descriptive(score_of_5: str) -> bool:
    """True when score_of_5 describes an answer ("Describes…", "The candidate…") instead of
    being a model answer itself."""
    text = (score_of_5 or "").strip()
    first = text.split(" ", 1)[0].lower().strip(",.:")
    return (
        bool(META_LEAD_RE.match(text))
        or bool(CANDIDATE_RE.search(text[:60]))
        or first in GERUNDS
        or first in DESCRIBING
        or bool(UNSAID_SUBJECT_RE.match(text))
    )


# "Treats the request as…", "Calmly verifies each…": a verb whose subject (the candidate) is left
# out, then what it acts on. A model answer opens with its subject instead: "Routers forward the
# packet", "Cookies are stored…" (a plural noun is followed by its verb, never by "the").
UNSAID_SUBJECT_RE = re.compile(
    r"^(?:[a-z]+ly\s+)?[a-z]{2,}[^s\W]s\s+(?:the|a|an|their|his|her|its|each|every|any|both|all"
    r"|what|how|why|whether|it|them|one|two|three|several|specific|concrete|clear)\b",
    re.IGNORECASE,
)


def criteria_content(criteria: str) -> str:
    """The parts of evaluation_criteria that say what to look for, without judging prose."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", criteria or ""):
        if not sentence.strip() or JUDGING_RE.match(sentence):
            continue
        kept.append(FOREIGN_LEAD_RE.sub("", LOOK_FOR_RE.sub("", sentence)).strip())
    return " ".join(kept)


def _strip_lead(item: str) -> str:
    stripped = META_LEAD_RE.sub("", item, count=1).strip(" :,-")
    return stripped or item.strip()


POINT_SPLIT_RE = re.compile(
    r"[,;:.()—–]|\band\b|\bor\b|\bwith\b|\bincluding\b|\bthat\b|\bsuch as\b|\bshowing\b"
    r"|\bdemonstrating\b|\s(?:y|e|et|und|o|ou|oder)\s",
    re.IGNORECASE,
)
ADJECTIVES = frozenset(
    """
    crisp clear concise confident specific detailed concrete strong measurable structured
    calm professional honest thoughtful logical practical realistic genuine positive polite
    warm smart quick fast brief short simple direct candid open
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
ADJECTIVE_RE = re.compile(r"(?:ive|ous|ful|ic|able|ible|ent|ant|al)$")
FILLER_LEAD_RE = re.compile(
    r"^(?:(?:a|an|the|their|its|his|her|own|clear|clearly|specific|detailed|strong|good|"
    r"concrete|relevant|real|genuine|some|any|showing|shows|demonstrating|using|ability to)\s+)+",
    re.IGNORECASE,
)


def quality_points(text: str) -> tuple[str, ...]:
    """The separate qualities a description lists, in plain words: "Describes a detailed scenario
    showing active listening, empathy and a positive outcome" → "scenario showing active
    listening", "empathy", "positive outcome". A lone adjective joins the next part ("crisp,
    confident communication" stays one point), and a point already listed is not listed twice."""
    parts = [_plain(part) for part in POINT_SPLIT_RE.split(text or "")]
    merged: list[str] = []
    carry = ""
    for part in parts:
        if not part:
            continue
        if len(part.split()) == 1 and _adjective(part):
            carry = f"{carry}{part}, "
            continue
        merged.append(carry + part)
        carry = ""
    return _unique(merged)


def _adjective(word: str) -> bool:
    lowered = word.lower()
    return lowered in ADJECTIVES or bool(ADJECTIVE_RE.search(lowered))


GERUNDS = {
    "owns": "owning", "asks": "asking", "apologizes": "apologizing", "apologises": "apologising",
    "listens": "listening", "acknowledges": "acknowledging", "sets": "setting", "plans": "planning",
    "prioritizes": "prioritizing", "prioritises": "prioritising", "admits": "admitting",
    "reflects": "reflecting", "learns": "learning", "adapts": "adapting", "handles": "handling",
    "stays": "staying", "keeps": "keeping", "follows": "following", "builds": "building",
    "manages": "managing", "leads": "leading", "resolves": "resolving", "escalates": "escalating",
    "tailors": "tailoring", "quantifies": "quantifying", "maps": "mapping", "tracks": "tracking",
}  # fmt: skip
# Openings of a description of the candidate rather than of a model answer.
DESCRIBING = frozenset(
    """
    experienced knowledgeable familiar comfortable proficient skilled fluent confident able
    genuinely strong excellent describe décrit beschreibt descreve muestra montre zeigt mostra
    explica explique erklärt crisp clear concise compelling thoughtful structured detailed
    specific concrete genuine persuasive polished well-structured
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
SUBJECT_RE = re.compile(
    r"^(?:(?:strong|good|great|the|a|an)\s+)?(?:candidates?|applicants?|people)\s+", re.I
)
TRAILING_META_RE = re.compile(r"\s+(?:ability|abilities|skills?|capability|approach)$", re.I)


def _plain(point: str) -> str:
    """A rubric point as words one can say: lead verbs and fillers off, a verb as a gerund, an
    article kept ("a clear triage system" → "a triage system")."""
    previous = None
    article = ""
    while previous != point:
        previous = point
        point = META_LEAD_RE.sub("", point, count=1).strip()
        lead = re.match(r"(?:a|an)\s+", point, re.IGNORECASE)
        article = article or (lead and "a") or ""
        point = FILLER_LEAD_RE.sub("", point).strip(" ,")
    point = SUBJECT_RE.sub("", point)
    first, _, rest = point.partition(" ")
    gerund = GERUNDS.get(first.lower()) or GERUNDS.get(f"{first.lower()}s")
    if gerund:
        return TRAILING_META_RE.sub("", f"{gerund} {rest}".strip())
    point = TRAILING_META_RE.sub("", point)
    if article and " " in point:  # "a positive outcome"; a lone word ("empathy") reads bare
        return f"{'an' if point[:1].lower() in 'aeiou' else 'a'} {point}"
    return point


def _unique(points) -> tuple[str, ...]:
    kept: list[tuple[str, frozenset[str]]] = []
    for point in points:
        terms = frozenset(t for t in content_terms(point) if t not in RUBRIC_NOISE)
        if terms and not any(terms <= other for _, other in kept):
            kept.append((point, terms))
    return tuple(point for point, _ in kept)
