"""The OpenAI-compatible engine: any chat-completions endpoint (OpenAI, Azure, vLLM, Ollama…).

Structured outputs use ``response_format={"type": "json_schema", ...}`` and every reply is validated
against the schema; streamed interviewer speech uses ``stream=True``. Retries are ours, not the
client's (the client is built with ``max_retries=0``) so they are bounded, logged and testable:
429, 5xx, timeouts and connection errors are retried with exponential backoff, anything else fails
at once. Failures raise ``EngineError``; ``heymilo.ai.fallback`` turns them into a local answer.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import openai

from heymilo.ai import candidate, explain, followups, lines, schemas
from heymilo.ai.base import (
    AnswerEvaluation,
    CandidateReply,
    Criterion,
    EligibilityResult,
    GeneratedQuestions,
    InterviewSummary,
    PostingContext,
    Provenance,
    QuestionDraft,
    QuestionSpec,
    ResumeScreen,
    ScoreResult,
    SpeechScore,
    Turn,
    TurnDecision,
    TurnStreamItem,
    allowed_action,
    candidate_text,
)
from heymilo.ai.local import closing
from heymilo.ai.prompts import Prompt, load_prompt
from heymilo.ai.speech import speech_score
from heymilo.ai.text import kebab

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRYABLE = (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)


class EngineError(RuntimeError):
    """A remote call failed for good (after retries) or returned something unusable."""


class OpenAIEngine:
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str | None,
        api_key: str | None,
        model: str,
        scoring_model: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        backoff: float = 0.5,
    ) -> None:
        self.model = model
        self.scoring_model = scoring_model or model
        self.max_retries = max(0, max_retries)
        self.backoff = backoff
        self.client = openai.OpenAI(
            base_url=base_url or None,
            api_key=api_key or "not-needed",  # local servers (vLLM, Ollama) accept any key
            timeout=timeout,
            max_retries=0,
        )

    # -- transport ------------------------------------------------------------------------------

    def _with_retries(self, call: Callable[[], T]) -> T:
        for attempt in range(self.max_retries + 1):
            try:
                return call()
            except Exception as exc:
                if not _retryable(exc) or attempt == self.max_retries:
                    raise EngineError(_describe(exc, attempt + 1)) from exc
                delay = self.backoff * (2**attempt)
                logger.warning("AI call failed (%s); retry %d in %.2fs", exc, attempt + 1, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _structured(
        self, prompt: Prompt, schema_name: str, schema: dict[str, Any], model: str, **values: object
    ) -> dict[str, Any]:
        system, user = prompt.render(**values)
        response = self._with_retries(
            lambda: self.client.chat.completions.create(
                model=model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                response_format={
                    "type": "json_schema",
                    "json_schema": {"name": schema_name, "strict": True, "schema": schema},
                },
                temperature=0,
            )
        )
        return _parse_reply(response, schema)

    def _provenance(self, prompt: Prompt, model: str) -> Provenance:
        return Provenance.now(self.name, model, prompt.version)

    # -- functions ------------------------------------------------------------------------------

    def evaluate_answer(self, *, question: QuestionSpec, dialogue: list[Turn]) -> AnswerEvaluation:
        prompt = load_prompt("evaluate_answer")
        data = self._structured(
            prompt, "answer_evaluation", schemas.EVALUATION, self.scoring_model,
            question=question.text, evaluation_criteria=question.evaluation_criteria,
            score_of_1=question.score_of_1, score_of_5=question.score_of_5,
            reference_answer=question.reference_answer, dialogue=_dialogue_text(dialogue),
        )  # fmt: skip
        answer = candidate_text(dialogue)
        # Models paraphrase; only quotes that really are the candidate's words are kept.
        evidence = [q.strip() for q in data["evidence"] if q.strip() and q.strip() in answer]
        summary = data["summary"].strip()
        if not explain.verbatim_quotes(summary, answer):
            raise EngineError("model's summary quotes words the candidate did not say")
        return AnswerEvaluation(
            score=data["score"],
            summary=summary,
            evidence=evidence,
            provenance=self._provenance(prompt, self.scoring_model),
            raw_score=(data["score"] - 1) / 4,
        )

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
        prompt = load_prompt("next_turn")
        data = self._structured(
            prompt, "turn_decision", schemas.DECISION, self.model,
            **_turn_values(posting, question, dialogue, follow_ups_asked, candidate_name, history),
        )  # fmt: skip
        action = allowed_action(question, follow_ups_asked, data["action"])
        utterance = data["utterance"].strip()
        said = lines.said_sentences([*(history or []), *dialogue])
        if action == "follow_up":
            if data["action"] != "follow_up" or not utterance:
                raise EngineError("model declined a follow-up that min_follow_ups requires")
            _check_line(utterance, question, said)
        elif is_last_question:
            action, utterance = "wrap_up", closing(posting, candidate_name)
        elif data["action"] != "move_on" or not lines.acceptable(utterance, question, said):
            # The model wanted a follow-up past the maximum, or its thanks broke a rule.
            utterance = followups.acknowledgement(question, dialogue, said, posting.language, 3)
        return TurnDecision(action, utterance, self._provenance(prompt, self.model))

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
    ) -> Iterator[TurnStreamItem]:
        """Decide with a structured call, then stream the follow-up's words from the model.

        Moving on and wrapping up use the fixed localised phrases, so only follow-ups stream.
        """
        decision = self.next_turn(
            posting=posting,
            question=question,
            dialogue=dialogue,
            follow_ups_asked=follow_ups_asked,
            candidate_name=candidate_name,
            is_last_question=is_last_question,
            history=history,
        )
        if decision.action != "follow_up":
            yield decision.utterance
            yield decision
            return
        prompt = load_prompt("speak_turn")
        values = _turn_values(
            posting, question, dialogue, follow_ups_asked, candidate_name, history
        )
        values.update(action="ask one follow-up question", guidance=decision.utterance)
        spoken: list[str] = []
        for delta in self._stream_text(prompt, **values):
            spoken.append(delta)
            yield delta
        utterance = "".join(spoken).strip()
        if not utterance:
            raise EngineError("model streamed an empty utterance")
        _check_line(utterance, question, lines.said_sentences([*(history or []), *dialogue]))
        yield TurnDecision("follow_up", utterance, self._provenance(prompt, self.model))

    def respond_to_candidate(
        self,
        *,
        posting: PostingContext,
        question: QuestionSpec,
        dialogue: list[Turn],
        text: str,
        history: list[Turn] | None = None,
    ) -> CandidateReply:
        prompt = load_prompt("respond_to_candidate")
        data = self._structured(
            prompt, "candidate_reply", schemas.CANDIDATE_REPLY, self.model,
            text=text, question=question.text, dialogue=_dialogue_text(dialogue),
            interviewer_name=posting.interviewer_name,
            company=f" at {posting.company_name}" if posting.company_name else "",
            **_posting_values(posting),
        )  # fmt: skip
        kind, utterance = data["kind"], data["utterance"].strip()
        if kind == "repeat":  # the question itself, exactly, whatever the model would say
            utterance = candidate.repeat(posting, question, dialogue)
        elif kind == "answer":
            utterance = ""
        elif not utterance or (kind == "rephrase" and question.text in utterance):
            raise EngineError(f"model gave no usable reply to a candidate {kind}")
        answered = kind == "question" and data["answered"]
        return CandidateReply(kind, utterance, answered, (), self._provenance(prompt, self.model))

    def _stream_text(self, prompt: Prompt, **values: object) -> Iterator[str]:
        system, user = prompt.render(**values)
        stream = self._with_retries(
            lambda: self.client.chat.completions.create(
                model=self.model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                stream=True,
                temperature=0.3,
            )
        )
        finished = False
        try:
            for chunk in stream:
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        yield choice.delta.content
                    finished = finished or choice.finish_reason is not None
        except Exception as exc:
            raise EngineError(f"stream broke mid-way: {type(exc).__name__}: {exc}") from exc
        if not finished:
            # A server that dies may simply close the socket; no finish_reason means cut short.
            raise EngineError("stream ended without a finish_reason (connection closed)")

    def generate_questions(
        self, posting: PostingContext, *, num_questions: int, interview_type: str
    ) -> GeneratedQuestions:
        prompt = load_prompt("generate_questions")
        data = self._structured(
            prompt, "interview_questions", schemas.QUESTIONS, self.model,
            num_questions=num_questions, interview_type=interview_type, **_posting_values(posting),
        )  # fmt: skip
        unique = {" ".join(item["text"].lower().split()): item for item in data["questions"]}
        drafts = [_draft(item) for item in unique.values()][:num_questions]
        if len(drafts) < num_questions:
            raise EngineError(f"model wrote {len(drafts)} different of {num_questions} questions")
        return GeneratedQuestions(drafts, self._provenance(prompt, self.model))

    def summarise_interview(
        self,
        *,
        posting: PostingContext,
        evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
        transcript: list[Turn],
    ) -> InterviewSummary:
        prompt = load_prompt("summarise_interview")
        lines = [f"- {q.text} → {e.score}/5: {e.summary}" for q, e in evaluations]
        data = self._structured(
            prompt, "interview_summary", schemas.SUMMARY, self.scoring_model,
            title=posting.title, evaluations="\n".join(lines),
            transcript=_dialogue_text(transcript),
        )  # fmt: skip
        tags = [kebab(t) for t in data["tags"] if kebab(t)]
        said = candidate_text(transcript)
        highlights, lowlights = (
            [h.strip() for h in data[key] if h.strip() and explain.verbatim_quotes(h, said)]
            for key in ("highlights", "lowlights")
        )
        local_highs, local_lows = explain.highs_and_lows(evaluations)
        return InterviewSummary(
            # The rule holds whatever the model wrote: a best and a worst answer are named.
            highlights=highlights or local_highs,
            lowlights=lowlights or local_lows,
            tags=tags,
            provenance=self._provenance(prompt, self.scoring_model),
        )

    def screen_resume(
        self, *, resume_text: str, eligibility: list[Criterion], scoring: list[Criterion]
    ) -> ResumeScreen:
        prompt = load_prompt("screen_resume")
        data = self._structured(
            prompt, "resume_screen", schemas.RESUME, self.scoring_model,
            eligibility=_criteria_text(eligibility), scoring=_criteria_text(scoring),
            resume_text=resume_text,
        )  # fmt: skip
        elig = _eligibility_rows(eligibility, data["eligibility"], resume_text)
        scores = _score_rows(scoring, data["scores"], resume_text)
        provenance = self._provenance(prompt, self.scoring_model)
        return ResumeScreen.from_rows(elig, scores, scoring, provenance)

    def speech_score(self, transcript: list[Turn]) -> SpeechScore:
        # Deliberately not a model call: the speech score is measured from timing and wording.
        return speech_score(transcript)


# -- helpers ------------------------------------------------------------------------------------


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, RETRYABLE):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _describe(exc: Exception, attempts: int) -> str:
    status = getattr(exc, "status_code", None)
    detail = f"HTTP {status}" if status else type(exc).__name__
    return f"{detail} after {attempts} attempt(s): {str(exc)[:200]}"


def _parse_reply(response: Any, schema: dict[str, Any]) -> dict[str, Any]:
    try:
        content = response.choices[0].message.content or ""
        data = json.loads(content)
        schemas.validate(data, schema)
    except (AttributeError, IndexError, ValueError) as exc:
        raise EngineError(f"invalid structured reply: {str(exc)[:200]}") from exc
    return data


def _dialogue_text(dialogue: list[Turn]) -> str:
    return "\n".join(f"[{t.offset:.0f}s] {t.speaker}: {t.text}" for t in dialogue) or "(empty)"


def _posting_values(posting: PostingContext) -> dict[str, object]:
    return {
        "title": posting.title,
        "description": posting.description,
        "company_overview": posting.company_overview,
        "job_overview": posting.job_overview,
        "interview_process_overview": posting.interview_process_overview,
        "company_name": posting.company_name,
        "language": posting.language,
    }


def _turn_values(
    posting: PostingContext,
    question: QuestionSpec,
    dialogue: list[Turn],
    follow_ups_asked: int,
    candidate_name: str,
    history: list[Turn] | None = None,
) -> dict[str, object]:
    return {
        "history": _dialogue_text(history or []),
        "interviewer_name": posting.interviewer_name,
        "title": posting.title,
        "company": f" at {posting.company_name}" if posting.company_name else "",
        "language": posting.language,
        "question": question.text,
        "evaluation_criteria": question.evaluation_criteria,
        "score_of_5": question.score_of_5,
        "additional_instructions": question.additional_instructions or "(none)",
        "follow_ups_asked": follow_ups_asked,
        "min_follow_ups": question.min_follow_ups,
        "max_follow_ups": question.max_follow_ups,
        "candidate_name": candidate_name,
        "dialogue": _dialogue_text(dialogue),
    }


def _check_line(utterance: str, question: QuestionSpec, said: set[str]) -> None:
    """A follow-up must not read the rubric out, repeat a sentence or fail to ask anything."""
    if not lines.acceptable(utterance, question, said) or not utterance.rstrip().endswith("?"):
        raise EngineError("model's follow-up quoted the rubric, repeated itself or asked nothing")


def _draft(item: dict[str, Any]) -> QuestionDraft:
    low = item["min_follow_ups"]
    return QuestionDraft(
        text=item["text"].strip(),
        evaluation_criteria=item["evaluation_criteria"].strip(),
        score_of_1=item["score_of_1"].strip(),
        score_of_5=item["score_of_5"].strip(),
        question_type=item["question_type"] or "open-ended",
        score_weight=float(item["score_weight"]),
        min_follow_ups=low,
        max_follow_ups=max(low, item["max_follow_ups"]),
    )


def _criteria_text(criteria: list[Criterion]) -> str:
    return "\n".join(f"- {c.id}: {c.text}" for c in criteria) or "(none)"


def _by_id(rows: list[dict[str, Any]], criteria: list[Criterion]) -> list[dict[str, Any]]:
    found = {row["criteria_id"]: row for row in rows}
    missing = [c.id for c in criteria if c.id not in found]
    if missing:
        raise EngineError(f"model omitted criteria {missing}")
    return [found[c.id] for c in criteria]


def _quoted(reasons: list[str], resume_text: str) -> list[str]:
    """Only reasons that really are the resume's words; models paraphrase."""
    kept = [r.strip() for r in reasons if r.strip() and r.strip() in resume_text]
    return kept or ["No matching evidence quoted from the resume."]


def _eligibility_rows(
    criteria: list[Criterion], rows: list[dict[str, Any]], resume_text: str
) -> list[EligibilityResult]:
    return [
        EligibilityResult(
            c.id,
            c.text,
            row["passed"],
            round(row["confidence"], 2),
            _quoted(row["reasons"], resume_text),
        )  # fmt: skip
        for c, row in zip(criteria, _by_id(rows, criteria), strict=True)
    ]


def _score_rows(
    criteria: list[Criterion], rows: list[dict[str, Any]], resume_text: str
) -> list[ScoreResult]:
    return [
        ScoreResult(
            c.id,
            c.text,
            round(row["score"], 1),
            round(row["confidence"], 2),
            _quoted(row["reasons"], resume_text),
        )  # fmt: skip
        for c, row in zip(criteria, _by_id(rows, criteria), strict=True)
    ]
