"""The local engine: deterministic, offline, explainable. The embedded default.

It scores answers with ``heymilo.ai.scoring`` (rubric/model-answer coverage, meaning from a
bundled sentence encoder, answer-quality signals), follows up on what the candidate said
(``followups``), answers the candidate's own questions from the posting (``candidate``), builds
questions from the phrases of a job description, summarises from the per-question evaluations
(``explain``) and screens resumes by quoting the resume lines that match each criterion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from heymilo.ai import candidate, embedding, explain, followups, lines, scoring
from heymilo.ai.base import (
    Action,
    AnswerEvaluation,
    CandidateReply,
    Criterion,
    GeneratedQuestions,
    InterviewSummary,
    PostingContext,
    Provenance,
    QuestionSpec,
    ResumeScreen,
    SpeechScore,
    Turn,
    TurnDecision,
    TurnStreamItem,
    allowed_action,
    candidate_text,
)
from heymilo.ai.phrases import phrase
from heymilo.ai.questions import build_questions
from heymilo.ai.resume import screen
from heymilo.ai.speech import speech_score
from heymilo.ai.text import kebab, numbers

LOCAL_VERSION = "local.v3"
LOCAL_MODEL = f"heymilo-local-2+{embedding.MODEL}"


def _provenance() -> Provenance:
    return Provenance.now("local", LOCAL_MODEL, LOCAL_VERSION)


class LocalEngine:
    name = "local"
    model = LOCAL_MODEL

    # -- evaluation -------------------------------------------------------------------------

    def evaluate_answer(self, *, question: QuestionSpec, dialogue: list[Turn]) -> AnswerEvaluation:
        # The candidate's questions and requests to repeat are not part of the answer.
        answer = candidate_text(candidate.answers_only(dialogue))
        anchor = scoring.anchor_for(question)
        features = scoring.extract(anchor, answer)
        strength = scoring.strength(anchor, features)
        score = scoring.to_score(anchor, strength, features)
        evidence = [] if features.empty else scoring.evidence(anchor, answer)
        return AnswerEvaluation(
            score=score,
            summary=explain.summary(anchor, features, score, evidence[0] if evidence else None),
            evidence=evidence,
            provenance=_provenance(),
            raw_score=round(strength, 4),
        )

    # -- interview flow ---------------------------------------------------------------------

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
        said = lines.said_sentences([*(history or []), *dialogue])
        wanted = _first_new(
            followups.follow_ups(question, dialogue, posting.language), question, said
        )
        action: Action = allowed_action(
            question, follow_ups_asked, "follow_up" if wanted else "move_on"
        )
        if action == "follow_up":
            utterance = wanted or _forced(question, dialogue, posting.language, said)
        elif is_last_question:
            action, utterance = "wrap_up", closing(posting, candidate_name)
        else:
            score = self.evaluate_answer(question=question, dialogue=dialogue).score
            utterance = followups.acknowledgement(question, dialogue, said, posting.language, score)
        return TurnDecision(action=action, utterance=utterance, provenance=_provenance())

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
        decision = self.next_turn(
            posting=posting,
            question=question,
            dialogue=dialogue,
            follow_ups_asked=follow_ups_asked,
            candidate_name=candidate_name,
            is_last_question=is_last_question,
            history=history,
        )
        yield from stream_words(decision.utterance)
        yield decision

    def respond_to_candidate(
        self,
        *,
        posting: PostingContext,
        question: QuestionSpec,
        dialogue: list[Turn],
        text: str,
        history: list[Turn] | None = None,
    ) -> CandidateReply:
        kind = candidate.classify(text)
        said = lines.said_sentences([*(history or []), *dialogue])
        answered, sources, utterance = False, (), ""
        if kind == "question":
            utterance, answered, sources = candidate.reply_to_question(
                posting, question, text, said
            )
        elif kind == "rephrase":
            utterance = candidate.rephrase(question, posting.language)
        elif kind == "repeat":
            utterance = candidate.repeat(posting, question, dialogue)
        return CandidateReply(kind, utterance, answered, sources, _provenance())

    # -- questions, summary, resume, speech ---------------------------------------------------

    def generate_questions(
        self, posting: PostingContext, *, num_questions: int, interview_type: str
    ) -> GeneratedQuestions:
        drafts = build_questions(posting, num_questions, interview_type)
        return GeneratedQuestions(questions=drafts, provenance=_provenance())

    def summarise_interview(
        self,
        *,
        posting: PostingContext,
        evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
        transcript: list[Turn],
    ) -> InterviewSummary:
        highlights, lowlights = explain.highs_and_lows(evaluations)
        tags = _tags(evaluations, transcript)
        return InterviewSummary(
            highlights=highlights, lowlights=lowlights, tags=tags, provenance=_provenance()
        )

    def screen_resume(
        self, *, resume_text: str, eligibility: list[Criterion], scoring: list[Criterion]
    ) -> ResumeScreen:
        return screen(resume_text, eligibility, scoring, _provenance())

    def speech_score(self, transcript: list[Turn]) -> SpeechScore:
        return speech_score(transcript)


def _first_new(options: list[str], question: QuestionSpec, said: set[str]) -> str | None:
    return next((o for o in options if lines.acceptable(o, question, said)), None)


def _forced(question: QuestionSpec, dialogue: list[Turn], language: str, said: set[str]) -> str:
    """A follow-up that ``min_follow_ups`` requires though nothing is missing."""
    options = followups.forced_follow_ups(question, dialogue, language)
    return _first_new(options, question, said) or options[0]


# -- helpers shared with the other engines ------------------------------------------------------


def greeting(posting: PostingContext, candidate_name: str, first_question: QuestionSpec) -> str:
    """The interviewer's opening: who they are, the overviews to be spoken, the first question."""
    embedding.warm_up()  # the candidate's first answer will need the sentence encoder
    company = (
        phrase(posting.language, "company", company=posting.company_name)
        if posting.company_name
        else ""
    )
    return phrase(
        posting.language,
        "greeting",
        candidate=candidate_name or "there",
        interviewer=posting.interviewer_name or "your interviewer",
        company=company,
        title=posting.title,
        overviews="".join(f"{text.strip()} " for text in posting.spoken_overviews),
        question=first_question.text,
    )


def transition(posting: PostingContext, next_question: QuestionSpec) -> str:
    return phrase(posting.language, "transition", question=next_question.text)


def closing(posting: PostingContext, candidate_name: str) -> str:
    return phrase(posting.language, "closing", candidate=candidate_name or "")


def repeat_question(posting: PostingContext, question: QuestionSpec, dialogue: list[Turn]) -> str:
    """Repeat what the interviewer last asked for this question, without the words around it."""
    return candidate.repeat(posting, question, dialogue)


def stream_words(text: str) -> Iterator[str]:
    """Yield text as word-sized deltas that concatenate back to exactly ``text``."""
    yield from re.findall(r"\S+\s*|\s+", text)


# -- summary ------------------------------------------------------------------------------------


def _tags(
    evaluations: list[tuple[QuestionSpec, AnswerEvaluation]], transcript: list[Turn]
) -> list[str]:
    scored = [e.score for q, e in evaluations if not q.not_scored]
    answers = candidate_text(transcript)
    tags: list[str] = []
    if scored and sum(scored) / len(scored) >= 4:
        tags.append("strong-candidate")
    if scored and sum(scored) / len(scored) <= 2:
        tags.append("needs-development")
    if len(numbers(answers)) >= 3:
        tags.append("results-oriented")
    if re.search(r"\b(for example|for instance|one time|i remember)\b", answers, re.I):
        tags.append("uses-concrete-examples")
    speech = speech_score(transcript).score
    if speech >= 75:
        tags.append("clear-communicator")
    elif transcript and speech < 45:
        tags.append("communication-needs-work")
    return [kebab(t) for t in tags]
