"""The AI engine interface: input and output types shared by every engine, plus ``Provenance``.

Engines are synchronous (callers are Celery tasks and ``sync_to_async`` wrappers). Every result
carries a ``Provenance`` so the caller can store which engine, model and prompt produced it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol, runtime_checkable

Speaker = Literal["interviewer", "candidate"]
Action = Literal["follow_up", "move_on", "wrap_up"]
# What a candidate's utterance is: an answer to the question, a question to the interviewer
# (about the role, team, pay, process…), or a request to rephrase or to repeat the question.
UtteranceKind = Literal["answer", "question", "rephrase", "repeat"]


@dataclass(frozen=True)
class Provenance:
    """Who produced an AI output: stored next to every score, decision and summary."""

    engine: str
    model: str
    prompt_version: str
    created_at: float
    fallback_reason: str | None = None

    @classmethod
    def now(cls, engine: str, model: str, prompt_version: str) -> Provenance:
        return cls(
            engine=engine, model=model, prompt_version=prompt_version, created_at=time.time()
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "engine": self.engine,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "created_at": self.created_at,
            "fallback_reason": self.fallback_reason,
        }


@dataclass(frozen=True)
class PostingContext:
    title: str
    description: str = ""
    company_overview: str = ""
    job_overview: str = ""
    interview_process_overview: str = ""
    interviewer_name: str = "Alex"
    language: str = "en"
    company_name: str = ""
    # What the interviewer says of the overviews when greeting, per their delivery modes.
    spoken_overviews: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    id: str
    text: str
    evaluation_criteria: str = ""
    score_of_1: str = ""
    score_of_5: str = ""
    question_type: str = "open-ended"
    min_follow_ups: int = 0
    max_follow_ups: int = 1
    additional_instructions: str = ""
    not_scored: bool = False
    reference_answer: str = ""


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    text: str
    offset: float = 0.0
    # A spoken answer's words as the recogniser timed them: ({"text", "start", "end",
    # "probability"}, …), seconds from `offset`. Empty when typed.
    words: tuple = ()


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class QuestionDraft:
    text: str
    evaluation_criteria: str
    score_of_1: str
    score_of_5: str
    question_type: str = "open-ended"
    score_weight: float = 1.0
    min_follow_ups: int = 0
    max_follow_ups: int = 1


@dataclass(frozen=True)
class GeneratedQuestions:
    questions: list[QuestionDraft]
    provenance: Provenance


@dataclass(frozen=True)
class TurnDecision:
    action: Action
    utterance: str
    provenance: Provenance


@dataclass(frozen=True)
class CandidateReply:
    """The interviewer's reply to one candidate utterance (``Engine.respond_to_candidate``).

    ``kind == "answer"``: nothing to say yet (``utterance`` is empty) — store the turn as an answer
    and call ``next_turn``. Any other kind: say ``utterance`` and wait for the answer again; it is
    neither an answer nor a follow-up. For ``"question"``, ``answered`` tells whether the posting
    answered it (``sources`` are the posting sentences used); when False the interviewer said it
    does not know and the recruiter will follow up, so list the question in the report.
    """

    kind: UtteranceKind
    utterance: str
    answered: bool
    sources: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class AnswerEvaluation:
    score: int
    summary: str
    evidence: list[str]
    provenance: Provenance
    # Continuous 0..1 strength behind the integer score; the local engine fills it for ranking and
    # benchmarking, remote engines leave it derived from the integer.
    raw_score: float | None = None


@dataclass(frozen=True)
class InterviewSummary:
    highlights: list[str]
    lowlights: list[str]
    tags: list[str]
    provenance: Provenance


@dataclass(frozen=True)
class EligibilityResult:
    criteria_id: str
    criteria_text: str
    passed: bool
    confidence: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ScoreResult:
    criteria_id: str
    criteria_text: str
    score: float
    confidence: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResumeScreen:
    eligibility: list[EligibilityResult]
    scores: list[ScoreResult]
    is_eligible: bool
    overall_score: float
    provenance: Provenance

    @classmethod
    def from_rows(
        cls,
        eligibility: list[EligibilityResult],
        scores: list[ScoreResult],
        criteria: list[Criterion],
        provenance: Provenance,
    ) -> ResumeScreen:
        """Eligible when every eligibility criterion passed; overall = the criterion scores'
        weight-averaged mean (negative weights count as 0), one decimal. Same for every engine."""
        weights = [max(0.0, c.weight) for c in criteria]
        total = sum(weights)
        overall = (
            sum(w * row.score for w, row in zip(weights, scores, strict=True)) / total
            if total
            else 0.0
        )
        return cls(
            eligibility=eligibility,
            scores=scores,
            is_eligible=all(row.passed for row in eligibility),
            overall_score=round(overall, 1),
            provenance=provenance,
        )


@dataclass(frozen=True)
class SpeechScore:
    score: float
    components: dict[str, float]
    provenance: Provenance


TurnStreamItem = str | TurnDecision


@runtime_checkable
class Engine(Protocol):
    """What every engine offers. ``speech_score`` is shared and lives in ``heymilo.ai.speech``."""

    name: str

    def generate_questions(
        self, posting: PostingContext, *, num_questions: int, interview_type: str
    ) -> GeneratedQuestions: ...

    def next_turn(
        self,
        *,
        posting: PostingContext,
        question: QuestionSpec,
        dialogue: list[Turn],
        follow_ups_asked: int,
        candidate_name: str,
        is_last_question: bool = False,
        history: list[Turn] | None = None,
    ) -> TurnDecision:
        """``history``: the interview's earlier turns (other questions), so that nothing said
        there is said again."""
        ...

    def stream_next_turn(
        self,
        *,
        posting: PostingContext,
        question: QuestionSpec,
        dialogue: list[Turn],
        follow_ups_asked: int,
        candidate_name: str,
        is_last_question: bool = False,
        history: list[Turn] | None = None,
    ) -> Iterator[TurnStreamItem]: ...

    def respond_to_candidate(
        self,
        *,
        posting: PostingContext,
        question: QuestionSpec,
        dialogue: list[Turn],
        text: str,
        history: list[Turn] | None = None,
    ) -> CandidateReply:
        """Call once per candidate utterance ``text`` (not yet in ``dialogue``): is it an answer,
        or a question / rephrase / repeat request, and if so what the interviewer replies."""
        ...

    def evaluate_answer(
        self, *, question: QuestionSpec, dialogue: list[Turn]
    ) -> AnswerEvaluation: ...

    def summarise_interview(
        self,
        *,
        posting: PostingContext,
        evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
        transcript: list[Turn],
    ) -> InterviewSummary: ...

    def screen_resume(
        self, *, resume_text: str, eligibility: list[Criterion], scoring: list[Criterion]
    ) -> ResumeScreen: ...

    def speech_score(self, transcript: list[Turn]) -> SpeechScore: ...


def allowed_action(question: QuestionSpec, follow_ups_asked: int, wanted: Action) -> Action:
    """Clamp a wanted action to the question's follow-up bounds.

    A follow-up is always asked while below ``min_follow_ups`` and never once ``max_follow_ups`` is
    reached, whatever the engine (or a remote model) would have liked.
    """
    if follow_ups_asked < question.min_follow_ups:
        return "follow_up"
    if follow_ups_asked >= question.max_follow_ups and wanted == "follow_up":
        return "move_on"
    return wanted


def candidate_text(dialogue: list[Turn]) -> str:
    """The candidate's words in a question's dialogue, joined in order (one paragraph per turn)."""
    return "\n".join(
        t.text.strip() for t in dialogue if t.speaker == "candidate" and t.text.strip()
    )


def with_fallback(provenance: Provenance, reason: str) -> Provenance:
    return replace(provenance, fallback_reason=reason)
