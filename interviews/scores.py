"""The score formulas (documented in README.md)."""


def match_score(rows: list[tuple[float, int | None]]) -> int | None:
    """round(100 × Σ wᵢ·(sᵢ − 1) / (4 · Σ wᵢ)) over scored questions; (weight, score) pairs.

    A question with no score (not scored, or never asked) does not count; all weights zero
    counts every scored question equally rather than dividing by zero.
    """
    scored = [(weight, score) for weight, score in rows if score is not None]
    if not scored:
        return None
    if sum(weight for weight, _ in scored) == 0:
        scored = [(1.0, score) for _, score in scored]
    total_weight = sum(weight for weight, _ in scored)
    points = sum(weight * (score - 1) for weight, score in scored)
    return round(100 * points / (4 * total_weight))


def interview_score(*, match: int | None, resume_overall: float | None) -> float | None:
    """The web interview's match score when it is complete, else the resume's, on 0–100."""
    if match is not None:
        return float(match)
    if resume_overall is not None:
        return round(resume_overall * 20, 1)
    return None
