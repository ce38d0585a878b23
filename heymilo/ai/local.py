"""The local engine: deterministic, offline, explainable. The embedded default.

It scores answers with ``heymilo.ai.scoring`` (rubric/reference coverage plus answer-quality
signals), writes follow-ups that ask for what an answer lacks, builds questions from the phrases
of a job description, summarises from the per-question evaluations and screens resumes by
quoting the resume lines that match each criterion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from heymilo.ai import scoring
from heymilo.ai.base import (
    Action,
    AnswerEvaluation,
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
from heymilo.ai.rubric import read_rubric
from heymilo.ai.speech import speech_score
from heymilo.ai.text import kebab, numbers, truncate_words, words

LOCAL_VERSION = "local.v1"
LOCAL_MODEL = "heymilo-local-1"


def _provenance() -> Provenance:
    return Provenance.now("local", LOCAL_MODEL, LOCAL_VERSION)


@lru_cache(maxsize=1024)
def _anchor(question: QuestionSpec) -> scoring.Anchor:
    # Questions are frozen dataclasses, so the prepared anchor is cached per question.
    rubric_text = f"{question.evaluation_criteria}\n{question.score_of_1}\n{question.score_of_5}"
    return scoring.build_anchor(question.text, read_rubric(question), rubric_text)


class LocalEngine:
    name = "local"
    model = LOCAL_MODEL

    # -- evaluation -------------------------------------------------------------------------

    def evaluate_answer(self, *, question: QuestionSpec, dialogue: list[Turn]) -> AnswerEvaluation:
        answer = candidate_text(dialogue)
        anchor = _anchor(question)
        features = scoring.extract(anchor, answer)
        strength = scoring.strength(anchor, features)
        score = scoring.to_score(anchor, strength, features)
        return AnswerEvaluation(
            score=score,
            summary=explain(anchor, features, score),
            evidence=[] if features.empty else scoring.evidence(anchor, answer),
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
    ) -> TurnDecision:
        gap = next_gap(question, dialogue, posting.language)
        wanted: Action = "follow_up" if gap else "move_on"
        action = allowed_action(question, follow_ups_asked, wanted)
        if action == "follow_up":
            utterance = gap or _deepen(question, dialogue, posting.language)
        elif is_last_question:
            action = "wrap_up"
            utterance = closing(posting, candidate_name)
        else:
            utterance = phrase(posting.language, "move_on")
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
    ) -> Iterator[TurnStreamItem]:
        decision = self.next_turn(
            posting=posting,
            question=question,
            dialogue=dialogue,
            follow_ups_asked=follow_ups_asked,
            candidate_name=candidate_name,
            is_last_question=is_last_question,
        )
        yield from stream_words(decision.utterance)
        yield decision

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
        highlights, lowlights = _highs_and_lows(evaluations)
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


# -- helpers shared with the other engines ------------------------------------------------------


def greeting(posting: PostingContext, candidate_name: str, first_question: QuestionSpec) -> str:
    """The interviewer's opening: who they are, the overviews to be spoken, the first question."""
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
    """Repeat the last thing the interviewer asked for this question (or the question itself)."""
    asked = [t.text for t in dialogue if t.speaker == "interviewer"]
    last = asked[-1] if asked else question.text
    return phrase(posting.language, "repeat", question=last)


def stream_words(text: str) -> Iterator[str]:
    """Yield text as word-sized deltas that concatenate back to exactly ``text``."""
    yield from re.findall(r"\S+\s*|\s+", text)


# -- follow-ups ---------------------------------------------------------------------------------

INSTRUCTION_TOPIC_RE = re.compile(
    r"\b(?:ask|probe|dig into|follow up on)\s+(?:about|for|on|into|whether|if)?\s*([^.;\n]+)",
    re.IGNORECASE,
)


def next_gap(question: QuestionSpec, dialogue: list[Turn], language: str) -> str | None:
    """The follow-up that asks for what the answer lacks most, skipping ones already asked."""
    asked = {t.text for t in dialogue if t.speaker == "interviewer"}
    for candidate in _gap_candidates(question, dialogue, language):
        if candidate not in asked:
            return candidate
    return None


def _gap_candidates(question: QuestionSpec, dialogue: list[Turn], language: str) -> list[str]:
    answer = candidate_text(dialogue)
    features = scoring.extract(_anchor(question), answer)
    gaps: list[str] = []
    topic = _instruction_topic(question.additional_instructions)
    if topic:
        gaps.append(phrase(language, "ask_topic", point=topic))
    if features.empty or len(words(answer)) < 12:
        gaps.append(phrase(language, "ask_more"))
    if _wants_experience(question) and not features.example:
        gaps.append(phrase(language, "ask_example"))
    if _wants_experience(question) and not (features.outcome or features.numbers):
        gaps.append(phrase(language, "ask_result"))
    if _wants_experience(question) and features.ownership < 0.5:
        gaps.append(phrase(language, "ask_personal"))
    for point in features.missing_points[:2]:
        gaps.append(phrase(language, "ask_point", point=_point_phrase(point)))
    return gaps


def _wants_experience(question: QuestionSpec) -> bool:
    """Behavioural questions ("tell me about a time…") need an example and its outcome."""
    text = f"{question.text} {question.evaluation_criteria} {question.score_of_5}".lower()
    cues = ("a time", "example", "experience", "walk me through", "describe", "tell me about")
    return any(cue in text for cue in cues)


def _instruction_topic(instructions: str) -> str | None:
    if not instructions or re.search(r"\b(no|don'?t|do not) follow", instructions, re.I):
        return None
    match = INSTRUCTION_TOPIC_RE.search(instructions)
    return match.group(1).strip().rstrip("?") if match else None


def _point_phrase(point: str) -> str:
    """Make a rubric point sayable: "showing active listening" → "active listening"."""
    cleaned = re.sub(
        r"^(describes?|shows?|showing|demonstrates?|provides?|asks?|includes?|a|an|the|clear|"
        r"specific|detailed|strong)\s+",
        "",
        point.strip(),
        flags=re.I,
    )
    cleaned = re.sub(r"^(a|an|the)\s+", "", cleaned, flags=re.I)
    return truncate_words(cleaned.lower(), 8) or point.lower()


def _deepen(question: QuestionSpec, dialogue: list[Turn], language: str) -> str:
    """A forced follow-up (below ``min_follow_ups``) when nothing is obviously missing."""
    asked = {t.text for t in dialogue if t.speaker == "interviewer"}
    options = [phrase(language, "deepen"), phrase(language, "ask_result")]
    options.append(phrase(language, "ask_more"))
    return next((o for o in options if o not in asked), options[0])


# -- explanations -------------------------------------------------------------------------------


def explain(anchor: scoring.Anchor, f: scoring.Features, score: int) -> str:
    """A short reason for the score: which rubric points were covered or missing and why."""
    if f.empty:
        return "Score 1/5: no substantive answer was given."
    parts = [f"Score {score}/5."]
    if anchor.has_reference:
        parts.append(f"Covers {round(100 * f.coverage)}% of the reference answer's key terms.")
    if f.covered_points:
        parts.append("Covered: " + "; ".join(_point_phrase(p) for p in f.covered_points[:4]) + ".")
    if f.missing_points:
        parts.append("Missing: " + "; ".join(_point_phrase(p) for p in f.missing_points[:4]) + ".")
    if not anchor.has_reference and scoring.topicality(f) < 0.5:
        parts.append("The answer is largely off topic, so its delivery counts for little.")
    parts.extend(_quality_notes(f, anchor.hypothetical))
    if f.contradiction:
        parts.append("The answer contradicts the reference (opposite yes/no).")
    return " ".join(parts)


def _quality_notes(f: scoring.Features, hypothetical: bool) -> list[str]:
    notes = []
    if f.example or not hypothetical:
        notes.append("Gave a concrete example." if f.example else "No concrete example.")
    if f.outcome or f.numbers:
        notes.append("Stated an outcome" + (" with numbers." if f.numbers else "."))
    if f.vagueness >= 0.5:
        notes.append("Answer is vague in places.")
    if f.length < 0.3:
        notes.append("Answer is very short.")
    return notes


# -- summary ------------------------------------------------------------------------------------


def _highs_and_lows(
    evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
) -> tuple[list[str], list[str]]:
    highlights, lowlights = [], []
    for question, evaluation in evaluations:
        if question.not_scored:
            continue
        topic = truncate_words(question.text, 10)
        if evaluation.score >= 4:
            highlights.append(f"Strong answer ({evaluation.score}/5) to “{topic}”")
        elif evaluation.score <= 2:
            lowlights.append(f"Weak answer ({evaluation.score}/5) to “{topic}”")
    return highlights[:5], lowlights[:5]


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
