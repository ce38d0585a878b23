"""Writes that move an interview forward. Every turn is persisted before anyone is told of it."""

import uuid

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Interview
from heymilo import ai
from heymilo.accounts.services import audit_record
from heymilo.errors import Conflict, Invalid
from heymilo.jobs import enqueue
from heymilo.speech.sentences import split_sentences
from heymilo.strings import storable
from interviews.conversation import Conversation, PlannedTurn
from interviews.models import Turn
from interviews.stage import room_require
from postings.models import Question, WorkflowStep
from postings.services import questions_ensure
from webhooks.models import EventType
from webhooks.services import event_emit

MAX_ANSWER_CHARS = 5000


def conversation_load(*, interview: Interview) -> Conversation:
    questions = list(
        interview.posting.questions.filter(modality=Question.Modality.VOICE).order_by("rank")
    )
    return Conversation(
        posting=interview.posting,
        candidate_name=interview.candidate.name.split()[0] if interview.candidate.name else "",
        questions=questions,
        turns=list(interview.turns.all()),
    )


def _locked(interview_id: int) -> Interview:
    return (
        Interview.objects.select_for_update()
        .select_related("posting__workspace", "candidate")
        .get(pk=interview_id)
    )


def interview_consent(*, interview: Interview, answer_mode: str) -> None:
    """The candidate agreed to be recorded and evaluated: until then nothing is recorded or
    scored. Consent is recorded once; the answer mode may be changed by coming back."""
    now = timezone.now()
    Interview.objects.filter(pk=interview.pk, consented_at__isnull=True).update(consented_at=now)
    Interview.objects.filter(pk=interview.pk).update(answer_mode=answer_mode)
    audit_record(
        workspace=interview.workspace,
        actor="candidate",
        action="interview_consented",
        target=interview.public_id,
        data={"answer_mode": answer_mode},
    )


def interview_start(*, interview: Interview) -> Interview:
    """Open the web interview once: the clock starts and `interview_started` goes out.

    Its questions are written first (a step created without any gets them from the AI engine),
    before the interview's row is locked: a remote model can take seconds.
    """
    room_require(interview)
    step = interview.posting.steps.get(type=WorkflowStep.Type.WEB_INTERVIEW)
    questions_ensure(step=step)
    return _interview_open(interview)


@transaction.atomic
def _interview_open(interview: Interview) -> Interview:
    interview = _locked(interview.pk)
    room_require(interview)
    if interview.started_at is None or interview.status == Interview.Status.PENDING:
        now = timezone.now()
        interview.started_at = interview.started_at or now
        interview.status = Interview.Status.IN_PROGRESS
        interview.step_statuses[WorkflowStep.Type.WEB_INTERVIEW] = Interview.StepStatus.IN_PROGRESS
        interview.updated_at = now
        interview.save()
        event_emit(
            posting=interview.posting,
            interview_id=interview.public_id,
            event_type=EventType.INTERVIEW_STARTED,
            data=event_summary(interview),
        )
    return interview


def event_summary(interview: Interview) -> dict:
    return {
        "interview_id": interview.public_id,
        "name": interview.candidate.name,
        "email": interview.candidate.email,
        "status": interview.status,
        "workflow": interview.workflow(),
    }


def _next_seq(interview: Interview) -> int:
    return (interview.turns.aggregate(last=Max("seq"))["last"] or 0) + 1


def _offset(interview: Interview) -> float:
    return round((timezone.now() - interview.started_at).total_seconds(), 2)


@transaction.atomic
def answer_submit(
    *,
    interview: Interview,
    text: str,
    client_message_id: str,
    by_voice: bool = False,
    words: list[dict] | tuple = (),
    speaking_for: float = 0.0,
) -> tuple[Turn, bool]:
    """Persist the candidate's words; a retransmitted message id returns the same turn.

    Only one answer per interviewer turn: a second one (another tab, a double send) arriving
    before the interviewer has spoken again is refused, not stored beside the first. A spoken
    answer's turn starts where the speech began (`speaking_for` seconds ago), and keeps its
    `words` timed from there.
    """
    interview = _locked(interview.pk)
    existing = interview.turns.filter(client_message_id=client_message_id).first()
    if existing:
        return existing, True
    if interview.status != Interview.Status.IN_PROGRESS:
        raise Conflict("finished", _("This interview is finished; answers are closed."))
    text = _answer_text(text)
    conversation = conversation_load(interview=interview)
    if not conversation.awaiting_answer:
        raise Conflict(
            "not_your_turn",
            _("The interviewer has not finished their turn; this answer was not saved."),
        )
    kind = Turn.Kind.REPEAT if ai.is_repeat_request(text) else Turn.Kind.ANSWER
    offset = _offset(interview) - max(0.0, speaking_for)
    turn = Turn.objects.create(
        interview=interview,
        seq=_next_seq(interview),
        speaker=Turn.Speaker.CANDIDATE,
        kind=kind,
        text=text,
        # Never before the line it answers, whatever the clocks say.
        offset=round(max(offset, conversation.last.offset), 2),
        question_id=_question_pk(conversation),
        question_public_id=conversation.current_question_id or "",
        client_message_id=client_message_id,
        answered_by_voice=by_voice,
        words=list(words),
    )
    return turn, False


def _answer_text(text: str) -> str:
    # PostgreSQL cannot hold U+0000 or an unpaired surrogate; neither is part of what was said.
    text = storable(text).strip()
    if not text:
        raise Invalid("empty_answer", _("The answer is empty."))
    if len(text) > MAX_ANSWER_CHARS:
        raise Invalid(
            "answer_too_long",
            _("Answers are limited to %(limit)s characters.") % {"limit": MAX_ANSWER_CHARS},
        )
    return text


@transaction.atomic
def answer_extend(
    *, interview: Interview, seq: int, text: str, words: list[dict] | tuple = ()
) -> Turn | None:
    """The candidate went on after a pause that ended their turn, before the interviewer was
    heard: the new words belong to the same answer (`words` timed from its start). None when
    that answer is no longer the last turn; the caller then submits the words as an answer."""
    interview = _locked(interview.pk)
    turn = interview.turns.filter(seq=seq, speaker=Turn.Speaker.CANDIDATE).first()
    if (
        turn is None
        or _next_seq(interview) != seq + 1
        or interview.status != Interview.Status.IN_PROGRESS
    ):
        return None
    turn.text = _answer_text(f"{turn.text} {storable(text).strip()}"[:MAX_ANSWER_CHARS])
    turn.words = [*(turn.words or ()), *words]
    turn.kind = Turn.Kind.REPEAT if ai.is_repeat_request(turn.text) else Turn.Kind.ANSWER
    turn.save(update_fields=["text", "words", "kind"])
    return turn


def _question_pk(conversation: Conversation) -> int | None:
    current = conversation.current_question_id
    return next((q.pk for q in conversation.questions if q.public_id == current), None)


@transaction.atomic
def interviewer_turn_save(*, interview: Interview, after_seq: int, planned: PlannedTurn):
    """Persist what the interviewer said, unless the dialogue moved on while it was being
    written (a second tab, a retransmit): then it is dropped and the caller plans again."""
    interview = _locked(interview.pk)
    if _next_seq(interview) != after_seq + 1 or interview.status != Interview.Status.IN_PROGRESS:
        return None
    if planned.candidate_kind:  # the last words were an aside, not an answer
        interview.turns.filter(seq=after_seq, speaker=Turn.Speaker.CANDIDATE).update(
            kind=planned.candidate_kind
        )
    turn = Turn.objects.create(
        interview=interview,
        seq=after_seq + 1,
        speaker=Turn.Speaker.INTERVIEWER,
        kind=planned.kind,
        text=planned.text,
        offset=_offset(interview),
        question=planned.question,
        question_public_id=planned.question.public_id if planned.question else "",
        provenance=planned.provenance,
    )
    if planned.kind == Turn.Kind.CLOSING:
        interview_finish(interview=interview)
    return turn


def interview_finish(*, interview: Interview) -> None:
    """The last word is said: score it in the background, tell the integrator."""
    now = timezone.now()
    interview.status = Interview.Status.EVALUATING
    interview.step_statuses[WorkflowStep.Type.WEB_INTERVIEW] = Interview.StepStatus.COMPLETE
    interview.completed_at = now
    interview.updated_at = now
    interview.save()
    audit_record(
        workspace=interview.workspace,
        actor="candidate",
        action="interview_completed",
        target=interview.public_id,
    )
    event_emit(
        posting=interview.posting,
        interview_id=interview.public_id,
        event_type=EventType.INTERVIEW_COMPLETED,
        data=event_summary(interview),
    )
    enqueue("interviews.recordings_assemble", interview.pk)
    enqueue("interviews.interview_evaluate", interview.pk)


def interviews_rescore(*, posting, actor: str) -> int:
    """Queue a re-score of every completed interview of the posting; returns how many."""
    pks = list(
        posting.interviews.filter(status=Interview.Status.COMPLETED).values_list("pk", flat=True)
    )
    # One token per request: a re-delivered job finds its result and does not score twice.
    reason = f"rescore:{uuid.uuid4().hex[:12]}"
    audit_record(
        workspace=posting.workspace,
        actor=actor,
        action="posting_rescore",
        target=posting.public_id,
        data={"interviews": len(pks), "reason": reason},
    )
    for pk in pks:
        enqueue("interviews.interview_evaluate", pk, reason)
    return len(pks)


@transaction.atomic
def interviewer_turn_cut(*, interview: Interview, seq: int, said: str) -> Turn | None:
    """The candidate spoke over the interviewer: the turn keeps only the sentences they heard,
    so the transcript is what was said. A greeting or a question cut before its question was
    heard no longer asks it: the question is asked next."""
    _locked(interview.pk)
    turn = interview.turns.filter(seq=seq, speaker=Turn.Speaker.INTERVIEWER).first()
    said = storable(said).strip()
    if turn is None or turn.kind == Turn.Kind.CLOSING or not said or said == turn.text:
        return turn
    asks = turn.kind in (Turn.Kind.GREETING, Turn.Kind.QUESTION) and turn.question is not None
    if asks and not _question_heard(turn.question.text, said):
        turn.question, turn.question_public_id = None, ""
    turn.provenance = {**(turn.provenance or {}), "interrupted": True, "planned": turn.text}
    turn.text = said
    turn.save(update_fields=["text", "question", "question_public_id", "provenance"])
    return turn


def _question_heard(question: str, said: str) -> bool:
    first = split_sentences(question)[:1]
    return bool(first) and " ".join(first[0].split()) in " ".join(said.split())


@transaction.atomic
def interviewer_turn_retract(*, interview: Interview, seq: int) -> bool:
    """Withdraw the interviewer's last turn, which the candidate did not hear: they went on with
    their answer. Never the closing (the interview is over by then)."""
    interview = _locked(interview.pk)
    turn = interview.turns.order_by("-seq").first()
    if (
        turn is None
        or turn.seq != seq
        or turn.speaker != Turn.Speaker.INTERVIEWER
        or turn.kind == Turn.Kind.CLOSING
        or interview.status != Interview.Status.IN_PROGRESS
    ):
        return False
    answered = interview.turns.filter(seq=seq - 1, speaker=Turn.Speaker.CANDIDATE).first()
    if answered is not None:  # taken for an aside by the withdrawn turn: an answer again
        answered.kind = (
            Turn.Kind.REPEAT if ai.is_repeat_request(answered.text) else Turn.Kind.ANSWER
        )
        answered.save(update_fields=["kind"])
    turn.delete()
    return True
