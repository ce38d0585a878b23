from candidates.models import Interview
from heymilo.files import signed_url
from interviews.models import ResumeResult, Turn, WebInterviewResult


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
        "interview_url": interview.interview_url,
        "invitation": invitation_data(interview),
        "score": interview.effective_score,
        "ai_score": interview.score,
        "score_override": score_override_data(interview),
        "recruiter_note": interview.recruiter_note,
        "evaluation_error": interview.evaluation_error or None,
        "status": interview.status,
        "shortlisted": interview.shortlisted,
        "dismissed": interview.dismissed,
        "workflow": interview.workflow(),
        "resume": resume_data(interview),
        "web_interview": web_interview_data(interview),
        "metadata": interview.metadata,
        "created_at": unix(interview.created_at),
        "interviewed_at": unix(interview.completed_at),
    }


def invitation_data(interview: Interview) -> dict:
    """Where the candidate is in being reached: invited, opened, started, completed, expired."""
    last = interview.emails.exclude(kind="test").first()
    return {
        "status": interview.outreach_status,
        "invited_at": unix(interview.invited_at),
        "opened_at": unix(interview.opened_at),
        "deadline": unix(interview.deadline_at),
        "reminders_stopped": interview.reminders_stopped,
        "last_email": None
        if last is None
        else {
            "kind": last.kind,
            "status": last.status,
            "detail": last.detail or None,
            "sent_at": unix(last.sent_at),
        },
    }


def score_override_data(interview: Interview) -> dict | None:
    """A recruiter's score, when one replaced the AI's (which stays in `ai_score`)."""
    if interview.score_override is None:
        return None
    return {
        "score": interview.score_override,
        "reason": interview.score_override_reason,
        "overridden_by": interview.score_override_by,
        "overridden_at": unix(interview.score_override_at),
    }


def resume_data(interview: Interview) -> dict | None:
    resume = ResumeResult.objects.filter(interview=interview).first()
    if resume is None:
        return None
    return {
        "object": "resume_result",
        "interview_id": interview.public_id,
        "overall_score": resume.overall_score,
        "is_eligible": resume.is_eligible,
        "eligibility_criteria": resume.eligibility_criteria,
        "score_criteria": resume.score_criteria,
        "resume_url": signed_url(resume.file.name),
        "provenance": resume.provenance,
    }


def current_result(interview: Interview) -> WebInterviewResult | None:
    return (
        interview.results.filter(is_current=True).prefetch_related("rows").first()
        if interview.status == Interview.Status.COMPLETED
        else None
    )


def web_interview_data(interview: Interview) -> dict | None:
    result = current_result(interview)
    if result is None:
        return None
    turns = list(interview.turns.all())
    recordings = {r.kind: r for r in interview.recordings.all()}
    return {
        "object": "web_interview_result",
        "interview_id": interview.public_id,
        "match_score": result.match_score,
        "highlights": result.highlights,
        "lowlights": result.lowlights,
        "speech_score": result.speech_score,
        "scorecard": [scorecard_row(row, turns) for row in result.rows.all()],
        "transcript": [turn.as_transcript_entry(words=True) for turn in turns],
        "candidate_questions": candidate_questions(turns),
        "video_recording_url": _recording_url(recordings.get("video")),
        "audio_recording_url": _recording_url(recordings.get("audio")),
        "tags": result.tags,
        "provenance": result.provenance,
        "scored_at": unix(result.created_at),
    }


def candidate_questions(turns: list[Turn]) -> list[dict]:
    """What the candidate asked the interviewer, and whether the posting answered it: the ones
    it did not are for the recruiter to follow up."""
    rows = []
    for asked, reply in zip(turns, turns[1:], strict=False):
        if asked.kind == Turn.Kind.INQUIRY and reply.kind == Turn.Kind.REPLY:
            rows.append(
                {
                    "question": asked.text,
                    "answered": bool((reply.provenance or {}).get("answered")),
                    "reply": reply.text,
                    "timestamp": round(asked.offset, 2),
                }
            )
    return rows


def _recording_url(recording) -> str | None:
    return signed_url(recording.file.name) if recording else None


def scorecard_row(row, turns) -> dict:
    return {
        "question_id": row.question_public_id,
        "question": row.question_text,
        "evaluation_score": row.evaluation_score,
        "evaluation_summary": row.evaluation_summary,
        "evaluation_criteria": row.evaluation_criteria,
        "evidence": row.evidence,
        "score_weight": row.score_weight,
        "rank": row.rank,
        "not_scored": row.not_scored,
        "chat_transcript": [
            t.as_transcript_entry() for t in turns if t.question_public_id == row.question_public_id
        ],
        "provenance": row.provenance,
    }
