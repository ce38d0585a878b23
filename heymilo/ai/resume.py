"""Local resume screening: criteria key terms matched against resume lines, quoted verbatim."""

from __future__ import annotations

import re

from heymilo.ai import scoring
from heymilo.ai.base import Criterion, EligibilityResult, Provenance, ResumeScreen, ScoreResult
from heymilo.ai.text import content_terms, numbers

CRITERION_NOISE = frozenset(
    content_terms("has have having experience experienced any duration track record familiarity "
                  "with years year ability candidate knowledge etc such as")
)  # fmt: skip


def _resume_lines(resume_text: str) -> list[str]:
    return [line.strip() for line in re.split(r"[\n•●▪]+", resume_text) if line.strip()]


def _criterion_keys(criterion: Criterion) -> frozenset[str]:
    terms = [t for t in content_terms(criterion.text) if t not in CRITERION_NOISE]
    return frozenset(t[: scoring.PREFIX] for t in terms) or frozenset(
        t[: scoring.PREFIX] for t in content_terms(criterion.text)
    )


def _match_lines(resume_text: str, keys: frozenset[str]) -> list[tuple[float, str]]:
    """Resume lines ranked by the share of the criterion's key terms they contain."""
    ranked = []
    for line in _resume_lines(resume_text):
        prefixes = {t[: scoring.PREFIX] for t in content_terms(line)}
        share = len(prefixes & keys) / len(keys) if keys else 0.0
        if share > 0:
            ranked.append((share + 0.1 * bool(numbers(line)), line))
    ranked.sort(key=lambda item: -item[0])
    return ranked


def _coverage(resume_text: str, keys: frozenset[str]) -> float:
    """Share of the criterion's key terms found anywhere in the resume."""
    prefixes = {t[: scoring.PREFIX] for t in content_terms(resume_text)}
    return len(prefixes & keys) / len(keys) if keys else 0.0


def screen(
    resume_text: str, eligibility: list[Criterion], scoring_rows: list[Criterion], prov: Provenance
) -> ResumeScreen:
    elig = [_eligibility_row(resume_text, c) for c in eligibility]
    scores = [_score_row(resume_text, c) for c in scoring_rows]
    return ResumeScreen.from_rows(elig, scores, scoring_rows, prov)


def _eligibility_row(resume_text: str, criterion: Criterion) -> EligibilityResult:
    keys = _criterion_keys(criterion)
    coverage = _coverage(resume_text, keys)
    lines = _match_lines(resume_text, keys)
    passed = coverage >= 0.5
    confidence = 0.5 + 0.45 * abs(coverage - 0.5) * 2
    return EligibilityResult(
        criteria_id=criterion.id,
        criteria_text=criterion.text,
        passed=passed,
        confidence=round(min(0.95, confidence), 2),
        reasons=[line for _, line in lines[:2]] or ["No matching evidence found in the resume."],
    )


def _score_row(resume_text: str, criterion: Criterion) -> ScoreResult:
    keys = _criterion_keys(criterion)
    coverage = _coverage(resume_text, keys)
    lines = _match_lines(resume_text, keys)
    evidence_bonus = 0.5 if any(numbers(line) for _, line in lines[:2]) else 0.0
    score = 1.0 + 3.5 * coverage + evidence_bonus * (coverage > 0)
    return ScoreResult(
        criteria_id=criterion.id,
        criteria_text=criterion.text,
        score=round(min(5.0, score), 1),
        confidence=round(0.4 + 0.5 * min(1.0, len(lines) / 2) * max(coverage, 0.2), 2),
        reasons=[line for _, line in lines[:2]] or ["No matching evidence found in the resume."],
    )
