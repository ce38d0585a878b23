"""The interview's state, derived from its persisted turns, and what the interviewer says next.

Nothing about a conversation lives in a web process: any process can rebuild the state from the
database and carry on, which is what makes reconnects and restarts lose nothing.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from heymilo import ai
from heymilo.ai.base import QuestionSpec, TurnDecision
from heymilo.ai.base import Turn as DialogueTurn
from heymilo.ai.local import stream_words
from interviews.models import Turn
from postings.ai_context import posting_context
from postings.models import Posting, Question

# After these the candidate has the floor.
ASKING_KINDS = (
    Turn.Kind.GREETING,
    Turn.Kind.QUESTION,
    Turn.Kind.FOLLOW_UP,
    Turn.Kind.REPEAT,
    Turn.Kind.REPHRASE,
    Turn.Kind.REPLY,
)
# What the engine calls a candidate's utterance that is not an answer, as a turn kind.
ASIDE_KINDS = {
    "repeat": Turn.Kind.REPEAT,
    "rephrase": Turn.Kind.REPHRASE,
    "question": Turn.Kind.INQUIRY,
}


def question_spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        id=question.public_id,
        text=question.text,
        evaluation_criteria=question.evaluation_criteria,
        score_of_1=question.score_of_1,
        score_of_5=question.score_of_5,
        question_type=question.question_type,
        min_follow_ups=question.min_follow_ups,
        max_follow_ups=question.max_follow_ups,
        additional_instructions=question.additional_instructions,
        not_scored=question.not_scored,
    )


def dialogue(turns: list[Turn]) -> list[DialogueTurn]:
    return [
        DialogueTurn(speaker=t.speaker, text=t.text, offset=t.offset, words=tuple(t.words or ()))
        for t in turns
    ]


@dataclass
class Conversation:
    """Where an interview stands, computed from its questions and turns."""

    posting: Posting
    candidate_name: str
    questions: list[Question]  # voice questions in rank order
    turns: list[Turn]

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def finished(self) -> bool:
        return self.last is not None and self.last.kind == Turn.Kind.CLOSING

    @property
    def awaiting_answer(self) -> bool:
        last = self.last
        return (
            last is not None
            and last.speaker == Turn.Speaker.INTERVIEWER
            and (last.kind in ASKING_KINDS)
        )

    @property
    def current_question_id(self) -> str | None:
        for turn in reversed(self.turns):
            if turn.speaker == Turn.Speaker.INTERVIEWER and turn.question_public_id:
                return turn.question_public_id
        return None

    def question_turns(self, question_id: str) -> list[Turn]:
        return [t for t in self.turns if t.question_public_id == question_id]

    def earlier_turns(self, question_id: str) -> list[Turn]:
        """Everything said before this question: no sentence of it should be said again."""
        return [t for t in self.turns if t.question_public_id != question_id]

    def follow_ups_asked(self, question_id: str) -> int:
        return sum(1 for t in self.question_turns(question_id) if t.kind == Turn.Kind.FOLLOW_UP)

    def next_question(self) -> Question | None:
        asked = {t.question_public_id for t in self.turns if t.question_public_id}
        return next((q for q in self.questions if q.public_id not in asked), None)

    def fixed_lines(self) -> list[str]:
        """What the interviewer will certainly say word for word: each question, the goodbye
        (worth rendering to speech ahead)."""
        closing = ai.closing(posting_context(self.posting), self.candidate_name)
        return [*(question.text for question in self.questions), closing]

    def progress(self) -> dict:
        asked = {t.question_public_id for t in self.turns if t.question_public_id}
        current = self.current_question_id
        number = next(
            (i for i, q in enumerate(self.questions, start=1) if q.public_id == current),
            len([q for q in self.questions if q.public_id in asked]),
        )
        return {"question": number, "total": len(self.questions)}


class PlannedTurn:
    """The interviewer's next turn. Iterating streams its text; afterwards `kind`, `question`,
    `text` and `provenance` say what was decided."""

    def __init__(self, conversation: "Conversation", engine: ai.Engine):
        self.conversation = conversation
        self.engine = engine
        self.context = posting_context(conversation.posting)
        self.kind: str | None = None
        self.question: Question | None = None
        self.text = ""
        self.provenance: dict | None = None
        # The candidate's last words turned out to be an aside (a question of theirs, a request
        # to repeat or rephrase): the kind their turn is stored with.
        self.candidate_kind: str | None = None

    def __iter__(self) -> Iterator[str]:
        turns = self.conversation.turns
        if not turns:
            yield from self._opening()
            return
        current_id = self.conversation.current_question_id
        question = next((q for q in self.conversation.questions if q.public_id == current_id), None)
        if question is None:  # deleted mid-interview: go on with the next one
            yield from self._move_on()
            return
        reply = self._respond(question, turns[-1])
        if reply.kind == "answer":
            yield from self._engine_turn(question)
        else:
            yield from self._aside(question, reply)

    def _respond(self, question: Question, said: Turn) -> ai.CandidateReply:
        """Is the candidate's last utterance an answer, or a question of theirs, a request?"""
        before = [t for t in self.conversation.question_turns(question.public_id) if t != said]
        return self.engine.respond_to_candidate(
            posting=self.context,
            question=question_spec(question),
            dialogue=dialogue(before),
            text=said.text,
            history=dialogue(self.conversation.earlier_turns(question.public_id)),
        )

    def _aside(self, question: Question, reply: ai.CandidateReply) -> Iterator[str]:
        """Answer the candidate's question (or repeat, rephrase) and give them the floor back:
        it is not an answer and not a follow-up."""
        self.candidate_kind = ASIDE_KINDS[reply.kind]
        self.provenance = {
            **reply.provenance.as_dict(),
            "answered": reply.answered,
            "sources": list(reply.sources),
        }
        yield from self._say(Turn.ASIDES[self.candidate_kind], question, reply.utterance)

    def _say(self, kind: str, question: Question | None, text: str) -> Iterator[str]:
        self.kind, self.question, self.text = kind, question, text
        yield from stream_words(text)

    def _opening(self) -> Iterator[str]:
        first = self.conversation.next_question()
        name = self.conversation.candidate_name
        if first is None:
            yield from self._say(Turn.Kind.CLOSING, None, ai.closing(self.context, name))
        else:
            text = ai.greeting(self.context, name, question_spec(first))
            yield from self._say(Turn.Kind.GREETING, first, text)

    def _engine_turn(self, question: Question) -> Iterator[str]:
        asked = self.conversation.follow_ups_asked(question.public_id)
        stream = self.engine.stream_next_turn(
            posting=self.context,
            question=question_spec(question),
            dialogue=dialogue(self.conversation.question_turns(question.public_id)),
            follow_ups_asked=asked,
            candidate_name=self.conversation.candidate_name,
            history=dialogue(self.conversation.earlier_turns(question.public_id)),
        )
        decision = None
        for item in stream:  # interviewer speech streams as the engine writes it
            if isinstance(item, TurnDecision):
                decision = item
            else:
                yield item
        self.provenance = decision.provenance.as_dict()
        if decision.action == "follow_up" and asked < question.max_follow_ups:
            self.kind, self.question, self.text = Turn.Kind.FOLLOW_UP, question, decision.utterance
            return
        yield from self._move_on(acknowledgement=decision.utterance.strip())

    def _move_on(self, acknowledgement: str = "") -> Iterator[str]:
        following = self.conversation.next_question()
        if following is None:
            # The closing thanks the candidate already; the acknowledgement would say it twice.
            closing = ai.closing(self.context, self.conversation.candidate_name)
            self.kind, self.question, self.text = Turn.Kind.CLOSING, None, closing
            yield from stream_words(" " + closing)
            return
        text = f"{acknowledgement} {following.text}".strip()
        self.kind, self.question, self.text = Turn.Kind.QUESTION, following, text
        yield from stream_words(" " + following.text)


def plan_next_turn(conversation: Conversation, engine: ai.Engine) -> PlannedTurn | None:
    """The interviewer's next turn, or None when it is the candidate's turn or all is said."""
    if conversation.finished or conversation.awaiting_answer:
        return None
    return PlannedTurn(conversation, engine)
