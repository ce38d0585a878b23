"""A candidate played through the web interview in-process, with the real services: the same
turn planning, persistence and evaluation as the websocket, minus the socket. The demo seed
uses it so a newcomer sees real reports; tests use it for finished interviews."""

import uuid
from collections.abc import Callable

from candidates.models import Interview
from heymilo import ai
from interviews import services
from interviews.conversation import plan_next_turn
from interviews.evaluation import interview_evaluate
from interviews.models import Turn

MAX_TURNS = 200

# (question id, how many answers it already had) → the candidate's reply
Answerer = Callable[[str, int], str]


def interview_play(*, interview: Interview, answer: Answerer) -> Interview:
    """Run the interview to its end and score it; returns the refreshed interview."""
    engine = ai.get_engine()
    if interview.consented_at is None:  # the candidate agrees on the welcome page first
        services.interview_consent(interview=interview, answer_mode=Interview.AnswerMode.TEXT)
        interview.refresh_from_db()
    interview = services.interview_start(interview=interview)
    given: dict[str, int] = {}
    for _ in range(MAX_TURNS):
        interview.refresh_from_db()
        if interview.status != Interview.Status.IN_PROGRESS:
            break
        conversation = services.conversation_load(interview=interview)
        planned = plan_next_turn(conversation, engine)
        if planned is None:  # the candidate's turn
            question_id = conversation.current_question_id or ""
            text = answer(question_id, given.get(question_id, 0))
            given[question_id] = given.get(question_id, 0) + 1
            services.answer_submit(
                interview=interview, text=text, client_message_id=uuid.uuid4().hex
            )
            continue
        interviewer_speaks(interview, conversation=conversation, planned=planned)
    interview.refresh_from_db()
    if interview.status == Interview.Status.EVALUATING:
        # Queued jobs may not run yet (no worker, or inside a transaction): score it now; the
        # queued job then finds the report and does nothing.
        interview_evaluate(interview=interview)
        interview.refresh_from_db()
    return interview


def interviewer_speaks(interview: Interview, *, conversation=None, planned=None) -> Turn | None:
    """Say and persist the interviewer's next turn, as the websocket does; None when it is the
    candidate's turn."""
    if planned is None:
        conversation = services.conversation_load(interview=interview)
        planned = plan_next_turn(conversation, ai.get_engine())
        if planned is None:
            return None
    for _ in planned:  # the text streams; nobody is listening
        pass
    after = conversation.last.seq if conversation.last else 0
    return services.interviewer_turn_save(interview=interview, after_seq=after, planned=planned)
