from candidates.models import Interview


def unix(value) -> float | None:
    return None if value is None else round(value.timestamp(), 3)


def interview_data(*, interview: Interview) -> dict:
    """Everything an integrator reads about one interview; results appear as steps finish."""
    candidate = interview.candidate
    return {
        "object": "interview_data",
        "interview_id": interview.public_id,
        "candidate_id": candidate.public_id,
        "posting_id": interview.posting.public_id,
        "name": candidate.name,
        "email": candidate.email,
        "phone_number": candidate.phone_number or None,
        "score": interview.score,
        "status": interview.status,
        "shortlisted": interview.shortlisted,
        "dismissed": interview.dismissed,
        "workflow": interview.workflow(),
        "resume": None,
        "web_interview": None,
        "metadata": interview.metadata,
        "created_at": unix(interview.created_at),
        "interviewed_at": unix(interview.completed_at),
    }
