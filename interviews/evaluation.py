"""Scoring a finished interview: every question against its rubric, then the whole."""

from django.db import transaction
from django.utils import timezone

from candidates.models import Interview
from heymilo import ai
from heymilo.accounts.services import audit_record
from interviews.conversation import Conversation, dialogue, question_spec
from interviews.models import ScorecardEntry, Turn, WebInterviewResult
from interviews.report import report_send
from interviews.scores import interview_score, match_score
from interviews.services import conversation_load
from postings.ai_context import posting_context

ASIDES = (Turn.Kind.REPEAT, Turn.Kind.REPHRASE, Turn.Kind.INQUIRY, Turn.Kind.REPLY)


def _scored_turns(conversation: Conversation, question_id: str) -> list[Turn]:
    # "Could you repeat that?", "what does the team look like?" and the interviewer's replies
    # say nothing about how well the candidate answers the question.
    return [t for t in conversation.question_turns(question_id) if t.kind not in ASIDES]


def _evaluate_questions(conversation: Conversation, engine: ai.Engine) -> list[dict]:
    rows = []
    for question in conversation.questions:
        turns = _scored_turns(conversation, question.public_id)
        if not any(t.speaker == Turn.Speaker.CANDIDATE for t in turns):
            continue  # never asked (or deleted before it came up): nothing to score
        row = {"question": question, "turns": turns, "evaluation": None}
        if not question.not_scored:
            row["evaluation"] = engine.evaluate_answer(
                question=question_spec(question), dialogue=dialogue(turns)
            )
        rows.append(row)
    return rows


def interview_evaluate(
    *, interview: Interview, engine: ai.Engine | None = None, reason: str = "completed"
) -> WebInterviewResult:
    """Score the interview and store a new current result; earlier ones stay as history."""
    engine = engine or ai.get_engine()
    conversation = conversation_load(interview=interview)
    rows = _evaluate_questions(conversation, engine)
    evaluated = [(question_spec(r["question"]), r["evaluation"]) for r in rows if r["evaluation"]]
    summary = engine.summarise_interview(
        posting=posting_context(interview.posting),
        evaluations=evaluated,
        transcript=dialogue(conversation.turns),
    )
    speech = ai.speech_score(dialogue(conversation.turns))
    return _store(interview, rows, summary, speech, reason)


@transaction.atomic
def _store(interview, rows, summary, speech, reason) -> WebInterviewResult:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    # Two runs of one evaluation (the sweep re-queued one that was only slow): the first stored
    # wins, so the candidate is scored once and one report goes out.
    done = interview.results.filter(reason=reason).first()
    if done is not None:
        return done
    interview.results.filter(is_current=True).update(is_current=False)
    weights = [(r["question"].score_weight, _score(r)) for r in rows]
    result = WebInterviewResult.objects.create(
        interview=interview,
        match_score=match_score(weights),
        speech_score=round(speech.score, 1),
        speech_components=speech.components,
        highlights=summary.highlights,
        lowlights=summary.lowlights,
        tags=summary.tags,
        provenance=summary.provenance.as_dict(),
        reason=reason,
    )
    ScorecardEntry.objects.bulk_create([_entry(result, row) for row in rows])
    _complete(interview, result)
    return result


def _score(row) -> int | None:
    return row["evaluation"].score if row["evaluation"] else None


def _entry(result: WebInterviewResult, row: dict) -> ScorecardEntry:
    question, evaluation = row["question"], row["evaluation"]
    return ScorecardEntry(
        result=result,
        question=question,
        question_public_id=question.public_id,
        question_text=question.text,
        evaluation_criteria=question.evaluation_criteria,
        score_weight=question.score_weight,
        rank=question.rank,
        not_scored=question.not_scored,
        evaluation_score=evaluation.score if evaluation else None,
        evaluation_summary=evaluation.summary if evaluation else "",
        evidence=evaluation.evidence if evaluation else [],
        provenance=evaluation.provenance.as_dict() if evaluation else None,
    )


def _complete(interview: Interview, result: WebInterviewResult) -> None:
    resume = getattr(interview, "resume", None)
    interview.score = interview_score(
        match=result.match_score, resume_overall=resume.overall_score if resume else None
    )
    interview.status = Interview.Status.COMPLETED
    interview.evaluation_error = ""
    interview.updated_at = timezone.now()
    interview.save()
    audit_record(
        workspace=interview.workspace,
        actor=f"engine:{result.provenance['engine']}/{result.provenance['model']}",
        action="interview_scored",
        target=interview.public_id,
        data={"score": interview.score, "reason": result.reason, "provenance": result.provenance},
    )
    report_send(interview=interview, result=result)
