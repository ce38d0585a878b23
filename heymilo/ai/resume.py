"""Local resume screening: criteria key terms matched against resume lines, quoted verbatim.

It knows two things a keyword match does not: that named products belong to a category
(Salesforce and HubSpot are CRM software, Zendesk is a helpdesk tool), and that a duration meets a
shorter minimum ("5 years", or 2019–2024, meets "3+ years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heymilo.ai import scoring
from heymilo.ai.base import Criterion, EligibilityResult, Provenance, ResumeScreen, ScoreResult
from heymilo.ai.text import content_terms, numbers

CRITERION_NOISE = frozenset(
    content_terms("has have having experience experienced any duration track record familiarity "
                  "with years year ability candidate knowledge etc such as least minimum plus "
                  "proven working hands-on strong solid")
)  # fmt: skip
# Named products and the category words a criterion uses for them.
CATEGORIES = {
    "crm": "salesforce hubspot pipedrive zoho dynamics freshsales sugarcrm insightly copper",
    "helpdesk ticketing support tools": "zendesk freshdesk intercom servicenow helpscout kayako",
    "cloud": "aws azure gcp",
    "marketing automation": "marketo pardot mailchimp braze klaviyo hubspot",
    "analytics bi": "tableau looker powerbi metabase",
    "database sql": "postgresql postgres mysql oracle mongodb sqlite redis snowflake",
    "programming language": "python java javascript typescript golang ruby php kotlin swift rust",
    "ats recruiting": "greenhouse lever workday bamboohr ashby",
}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
YEARS_RE = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s*\+?\s*(?:years?|yrs?)\b", re.I)
RANGE_RE = re.compile(
    r"\b((?:19|20)\d{2})\s*(?:-|–|—|to)\s*((?:19|20)\d{2}|present|current|now|today)\b", re.I
)


def _prefixes(text: str) -> frozenset[str]:
    return frozenset(t[: scoring.PREFIX] for t in content_terms(text))


MEMBERS = {
    member[: scoring.PREFIX]: _prefixes(category)
    for category, members in CATEGORIES.items()
    for member in members.split()
}


@dataclass(frozen=True)
class Requirement:
    keys: frozenset[str]  # the criterion's key term prefixes (noise and numbers removed)
    years: int | None  # a minimum duration, when the criterion names one


def requirement(criterion: Criterion) -> Requirement:
    match = YEARS_RE.search(criterion.text)
    years = _number(match.group(1)) if match else None
    text = YEARS_RE.sub(" ", criterion.text) if match else criterion.text
    keys = frozenset(
        t[: scoring.PREFIX] for t in content_terms(text) if t not in CRITERION_NOISE
    ) or _prefixes(text)
    return Requirement(keys, years)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _resume_lines(resume_text: str) -> list[str]:
    return [line.strip() for line in re.split(r"[\n•●▪]+", resume_text) if line.strip()]


def _line_terms(line: str) -> frozenset[str]:
    """A line's term prefixes, plus the category of every product it names."""
    own = _prefixes(line)
    return own.union(*(MEMBERS.get(term, frozenset()) for term in own))


def _match_lines(lines: list[str], keys: frozenset[str]) -> list[tuple[float, str]]:
    """Resume lines ranked by the share of the criterion's key terms they contain."""
    ranked = []
    for line in lines:
        share = len(_line_terms(line) & keys) / len(keys) if keys else 0.0
        if share > 0:
            ranked.append((share + 0.1 * bool(numbers(line)), line))
    ranked.sort(key=lambda item: -item[0])
    return ranked


def _coverage(lines: list[str], keys: frozenset[str]) -> float:
    """Share of the criterion's key terms found anywhere in the resume."""
    found = frozenset().union(*(_line_terms(line) for line in lines)) if lines else frozenset()
    return len(found & keys) / len(keys) if keys else 0.0


def years_of(lines: list[str]) -> tuple[float, list[str]]:
    """The longest duration the lines state ("5 years") or span (2019–2024, summed; "present" is
    the latest year the resume mentions, as nothing here reads a clock), and the lines it came
    from."""
    latest = max((int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", " ".join(lines))), default=0)
    stated = [(_number(m.group(1)), line) for line in lines for m in YEARS_RE.finditer(line)]
    spans = [(_span(m, latest), line) for line in lines for m in RANGE_RE.finditer(line)]
    best_stated = max(stated, default=(0, ""))
    total_span = sum(years for years, _ in spans)
    if best_stated[0] >= total_span:
        return float(best_stated[0]), [best_stated[1]] if best_stated[1] else []
    return float(total_span), [line for _, line in spans]


def _span(match: re.Match[str], latest: int) -> int:
    end = match.group(2)
    return max(0, (int(end) if end.isdigit() else latest) - int(match.group(1)))


@dataclass(frozen=True)
class Finding:
    coverage: float
    years_met: float  # 1 when no duration is asked, else the share of it the resume shows
    reasons: list[str]
    numbers: bool


def assess(resume_text: str, criterion: Criterion) -> Finding:
    lines = _resume_lines(resume_text)
    need = requirement(criterion)
    matched = _match_lines(lines, need.keys)
    reasons = [line for _, line in matched[:2]]
    years_met = 1.0
    if need.years:
        relevant = [line for _, line in matched] or lines
        years, sources = years_of(relevant)
        years_met = min(1.0, years / need.years)
        reasons += [line for line in sources if line not in reasons][:1]
    return Finding(
        coverage=_coverage(lines, need.keys),
        years_met=years_met,
        reasons=reasons or ["No matching evidence found in the resume."],
        numbers=any(numbers(line) for line in reasons[:2]),
    )


def screen(
    resume_text: str, eligibility: list[Criterion], scoring_rows: list[Criterion], prov: Provenance
) -> ResumeScreen:
    elig = [_eligibility_row(resume_text, c) for c in eligibility]
    scores = [_score_row(resume_text, c) for c in scoring_rows]
    return ResumeScreen.from_rows(elig, scores, scoring_rows, prov)


def _eligibility_row(resume_text: str, criterion: Criterion) -> EligibilityResult:
    found = assess(resume_text, criterion)
    strength = min(found.coverage, found.years_met)
    confidence = 0.5 + 0.45 * abs(strength - 0.5) * 2
    return EligibilityResult(
        criteria_id=criterion.id,
        criteria_text=criterion.text,
        passed=found.coverage >= 0.5 and found.years_met >= 1.0,
        confidence=round(min(0.95, confidence), 2),
        reasons=found.reasons,
    )


def _score_row(resume_text: str, criterion: Criterion) -> ScoreResult:
    found = assess(resume_text, criterion)
    evidence_bonus = 0.5 if found.numbers and found.coverage > 0 else 0.0
    score = (1.0 + 3.5 * found.coverage + evidence_bonus) * (0.5 + 0.5 * found.years_met)
    return ScoreResult(
        criteria_id=criterion.id,
        criteria_text=criterion.text,
        score=round(max(1.0, min(5.0, score)), 1),
        confidence=round(
            0.4 + 0.5 * min(1.0, len(found.reasons) / 2) * max(found.coverage, 0.2), 2
        ),
        reasons=found.reasons,
    )
