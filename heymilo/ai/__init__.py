"""The AI layer: one interface (``heymilo.ai.base.Engine``), a local engine and a remote one.

``get_engine()`` reads the settings lazily; everything else here is importable without Django.
"""

from __future__ import annotations

from typing import Any

from heymilo.ai.base import (
    AnswerEvaluation,
    CandidateReply,
    Criterion,
    Engine,
    GeneratedQuestions,
    InterviewSummary,
    PostingContext,
    Provenance,
    QuestionDraft,
    QuestionSpec,
    ResumeScreen,
    SpeechScore,
    Turn,
    TurnDecision,
)
from heymilo.ai.local import LocalEngine, closing, greeting, repeat_question, transition
from heymilo.ai.phrases import is_repeat_request
from heymilo.ai.speech import speech_score

__all__ = [
    "AnswerEvaluation",
    "CandidateReply",
    "Criterion",
    "Engine",
    "GeneratedQuestions",
    "InterviewSummary",
    "LocalEngine",
    "PostingContext",
    "Provenance",
    "QuestionDraft",
    "QuestionSpec",
    "ResumeScreen",
    "SpeechScore",
    "Turn",
    "TurnDecision",
    "closing",
    "get_engine",
    "greeting",
    "is_repeat_request",
    "repeat_question",
    "speech_score",
    "transition",
]

ENGINES = ("local", "openai")


def get_engine(name: str | None = None) -> Engine:
    """The configured engine (``settings.AI_ENGINE``), or ``name`` when given.

    ``"openai"`` returns the remote engine wrapped in ``FallbackEngine`` so each call falls back to
    the local engine on failure.
    """
    from django.conf import settings

    chosen = (name or getattr(settings, "AI_ENGINE", "") or "local").lower()
    if chosen == "local":
        return LocalEngine()
    if chosen == "openai":
        return _openai_engine(settings)
    raise ValueError(f"unknown AI engine {chosen!r}; expected one of {', '.join(ENGINES)}")


def _openai_engine(settings: Any) -> Engine:
    from heymilo.ai.fallback import FallbackEngine
    from heymilo.ai.openai_engine import OpenAIEngine

    model = getattr(settings, "AI_MODEL", "") or "gpt-4o-mini"
    remote = OpenAIEngine(
        base_url=getattr(settings, "AI_BASE_URL", "") or None,
        api_key=getattr(settings, "AI_API_KEY", "") or None,
        model=model,
        scoring_model=getattr(settings, "AI_SCORING_MODEL", "") or model,
        timeout=float(getattr(settings, "AI_TIMEOUT", 30.0) or 30.0),
        max_retries=int(getattr(settings, "AI_MAX_RETRIES", 2)),
    )
    return FallbackEngine(remote)
