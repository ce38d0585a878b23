"""Per-call fallback from a remote engine to the local one, recorded in provenance.

An interview never stalls because a provider is down: each call tries the remote engine and, if it
raises (after its own bounded retries), answers with the local engine. The result's provenance then
says ``engine="local"`` with ``fallback_reason`` naming the remote engine, model and failure.

Streaming: if the remote stream fails *before* any text was yielded, the local utterance streams in
its place. If it dies *mid-stream*, the local engine completes the whole turn: its words stream
after a ``"\\n"`` delta, and the final ``TurnDecision.utterance`` is the local utterance alone — the
authoritative text to persist and show (the partial remote words are dropped).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from heymilo.ai.base import (
    AnswerEvaluation,
    CandidateReply,
    Criterion,
    GeneratedQuestions,
    InterviewSummary,
    PostingContext,
    QuestionSpec,
    ResumeScreen,
    SpeechScore,
    Turn,
    TurnDecision,
    TurnStreamItem,
    with_fallback,
)
from heymilo.ai.local import LocalEngine, stream_words
from heymilo.ai.speech import speech_score

logger = logging.getLogger(__name__)


class FallbackEngine:
    """Wraps a remote engine; every call falls back to ``LocalEngine`` on any failure."""

    def __init__(self, remote: Any, local: LocalEngine | None = None) -> None:
        self.remote = remote
        self.local = local or LocalEngine()
        self.name = remote.name
        self.model = getattr(remote, "model", "")

    def _reason(self, exc: Exception, model: str | None = None) -> str:
        detail = f"{type(exc).__name__}: {exc}"
        return f"{self.remote.name} engine (model {model or self.model}) failed: {detail}"[:500]

    def _call(self, method: str, model: str | None = None, /, **kwargs: Any) -> Any:
        try:
            return getattr(self.remote, method)(**kwargs)
        except Exception as exc:
            reason = self._reason(exc, model)
            logger.warning("AI fallback to local for %s: %s", method, reason)
            result = getattr(self.local, method)(**kwargs)
            return replace(result, provenance=with_fallback(result.provenance, reason))

    def generate_questions(
        self, posting: PostingContext, *, num_questions: int, interview_type: str
    ) -> GeneratedQuestions:
        return self._call(
            "generate_questions",
            posting=posting,
            num_questions=num_questions,
            interview_type=interview_type,
        )

    def next_turn(self, **kwargs: Any) -> TurnDecision:
        return self._call("next_turn", **kwargs)

    def respond_to_candidate(self, **kwargs: Any) -> CandidateReply:
        return self._call("respond_to_candidate", **kwargs)

    def evaluate_answer(self, *, question: QuestionSpec, dialogue: list[Turn]) -> AnswerEvaluation:
        scoring_model = getattr(self.remote, "scoring_model", None)
        return self._call("evaluate_answer", scoring_model, question=question, dialogue=dialogue)

    def summarise_interview(
        self,
        *,
        posting: PostingContext,
        evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
        transcript: list[Turn],
    ) -> InterviewSummary:
        scoring_model = getattr(self.remote, "scoring_model", None)
        return self._call(
            "summarise_interview",
            scoring_model,
            posting=posting,
            evaluations=evaluations,
            transcript=transcript,
        )

    def screen_resume(
        self, *, resume_text: str, eligibility: list[Criterion], scoring: list[Criterion]
    ) -> ResumeScreen:
        scoring_model = getattr(self.remote, "scoring_model", None)
        return self._call(
            "screen_resume",
            scoring_model,
            resume_text=resume_text,
            eligibility=eligibility,
            scoring=scoring,
        )

    def speech_score(self, transcript: list[Turn]) -> SpeechScore:
        return speech_score(transcript)

    def stream_next_turn(self, **kwargs: Any) -> Iterator[TurnStreamItem]:
        yielded_text = False
        try:
            for item in self.remote.stream_next_turn(**kwargs):
                yielded_text = yielded_text or isinstance(item, str)
                yield item
            return
        except Exception as exc:
            reason = self._reason(exc)
            if yielded_text:
                reason += " (mid-stream; the local engine completed the turn)"
            logger.warning("AI fallback to local for stream_next_turn: %s", reason)
        yield from self._local_stream(reason, yielded_text, kwargs)

    def _local_stream(
        self, reason: str, after_partial: bool, kwargs: dict[str, Any]
    ) -> Iterator[TurnStreamItem]:
        decision = self.local.next_turn(**kwargs)
        if after_partial:
            yield "\n"
        yield from stream_words(decision.utterance)
        yield replace(decision, provenance=with_fallback(decision.provenance, reason))
