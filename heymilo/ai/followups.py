"""What the local interviewer says after an answer: a follow-up or an acknowledgement.

Follow-ups refer to something the candidate just said ("You checked the warehouse system — what
was the result?") or ask, in plain words, for what the rubric wanted and the answer lacked. Two
rules hold for every engine (``acceptable``): an interviewer line never reads the rubric out (no
five consecutive words of ``evaluation_criteria``, ``score_of_1`` or ``score_of_5``) and never says
a sentence already said in the interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from heymilo.ai import scoring
from heymilo.ai.base import QuestionSpec, Turn, candidate_text
from heymilo.ai.chunks import Clause, clauses, noun_phrases
from heymilo.ai.phrases import language_of, phrase
from heymilo.ai.text import content_terms, words

QUOTE_WINDOW = 5
INSTRUCTION_TOPIC_RE = re.compile(
    r"\b(?:ask|probe|dig into|follow up on)\s+(?:about|for|on|into|whether|if)?\s*([^.;\n]+)",
    re.IGNORECASE,
)


# -- the two rules ------------------------------------------------------------------------------


def sentences_of(text: str) -> list[str]:
    """Normalised sentences: lower case, words only, so punctuation changes do not hide a repeat."""
    pieces = re.split(r"(?<=[.!?])\s+|\n+", text or "")
    return [" ".join(words(piece)) for piece in pieces if words(piece)]


def said_sentences(turns: Iterable[Turn]) -> set[str]:
    return {s for t in turns if t.speaker == "interviewer" for s in sentences_of(t.text)}


def quotes_rubric(text: str, question: QuestionSpec) -> bool:
    """True when ``text`` has five consecutive words of the question's rubric fields."""
    rubric = " ".join(
        (question.evaluation_criteria, question.score_of_1, question.score_of_5)
    ).lower()
    rubric_grams = _grams(words(rubric))
    return bool(_grams(words(text)) & rubric_grams)


def _grams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + QUOTE_WINDOW]) for i in range(len(tokens) - QUOTE_WINDOW + 1)}


def acceptable(text: str, question: QuestionSpec, said: set[str]) -> bool:
    """A line the interviewer may say: not empty, not the rubric read aloud, nothing said before."""
    return (
        bool(text.strip())
        and not quotes_rubric(text, question)
        and not (set(sentences_of(text)) & said)
    )


# -- follow-ups ---------------------------------------------------------------------------------


def follow_ups(question: QuestionSpec, dialogue: list[Turn], language: str) -> list[str]:
    """Follow-ups worth asking, best first. Empty when the answer needs none."""
    answer = candidate_text(dialogue)
    last = next((t.text for t in reversed(dialogue) if t.speaker == "candidate"), "")
    features = scoring.extract(_anchor(question), answer)
    english = language_of(language) == "en"
    said_back = _said_back(dialogue)
    spoken = [c for c in clauses(last) if c.back not in said_back] if english else []
    asks: list[str] = []
    topic = instruction_topic(question.additional_instructions)
    if topic:
        asks.append(phrase(language, "ask_topic", point=topic))
    asks += _gaps(question, features, answer, spoken, language)
    return asks


def forced_follow_ups(question: QuestionSpec, dialogue: list[Turn], language: str) -> list[str]:
    """Follow-ups for when one must be asked (``min_follow_ups``) though nothing is missing."""
    last = next((t.text for t in reversed(dialogue) if t.speaker == "candidate"), "")
    asks = []
    if language_of(language) == "en":
        said_back = _said_back(dialogue)
        for clause in _most_specific(c for c in clauses(last) if c.back not in said_back):
            asks.append(f"{_cap(clause.back)} — what made you choose that?")
            asks.append(f"{_cap(clause.back)}. What would you do differently next time?")
    asks += [phrase(language, key) for key in ("deepen", "ask_result", "ask_more", "ask_example")]
    return asks


def _gaps(
    question: QuestionSpec,
    f: scoring.Features,
    answer: str,
    spoken: list[Clause],
    language: str,
) -> list[str]:
    experience = wants_experience(question) and not _anchor(question).hypothetical
    strong = scoring.to_score(_anchor(question), scoring.strength(_anchor(question), f), f) >= 4
    best = _most_specific(spoken)
    asks: list[str] = []
    if f.empty or len(words(answer)) < 12:
        asks.append(_grounded(best, "— could you walk me through that in more detail?", language))
        asks.append(phrase(language, "ask_more"))
    if experience and not f.example:
        asks.append(
            _grounded(
                best,
                "— can you tell me about one specific time that happened?",
                language,
                "ask_example",
            )
        )
    if experience and not (f.outcome or f.numbers):
        asks.append(_grounded(best, "— what was the result?", language, "ask_result"))
    team = [c for c in spoken if c.by_team]
    if experience and f.ownership < 0.5:
        asks.append(
            _grounded(team[:1], ". What was your own part in that?", language, "ask_personal")
        )
    for point in [] if strong else f.missing_points[:2]:
        asks.append(_point_question(point, experience, language))
    return asks


def _grounded(best: list[Clause], ending: str, language: str, fallback: str = "ask_more") -> str:
    if best and language_of(language) == "en":
        return f"{_cap(best[0].back)} {ending}".replace(" .", ".")
    return phrase(language, fallback)


def _point_question(point: str, experience: bool, language: str) -> str:
    plain = _plain_point(point)
    if language_of(language) != "en":
        return phrase(language, "ask_point", point=plain)
    if experience:
        return f"What about {plain} — how did that come into it?"
    return f"Where would {plain} fit into your approach?"


def _plain_point(point: str) -> str:
    """At most four words of a rubric point, lower case: sayable, never a quotation."""
    tokens = point.replace("—", " ").split()
    return " ".join(tokens[:4]).strip(" ,.;:").lower()


def _most_specific(found: Iterable[Clause]) -> list[Clause]:
    """Clauses ordered by how much they say (content words), then by position."""
    ranked = sorted(enumerate(found), key=lambda item: (-len(content_terms(item[1].said)), item[0]))
    return [clause for _, clause in ranked]


def _said_back(dialogue: list[Turn]) -> str:
    return " ".join(t.text.lower() for t in dialogue if t.speaker == "interviewer")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def wants_experience(question: QuestionSpec) -> bool:
    """Behavioural questions ("tell me about a time…") need an example and its outcome."""
    text = f"{question.text} {question.evaluation_criteria} {question.score_of_5}".lower()
    cues = ("a time", "example", "experience", "walk me through", "describe", "tell me about")
    return any(cue in text for cue in cues)


def instruction_topic(instructions: str) -> str | None:
    if not instructions or re.search(r"\b(no|don'?t|do not) follow", instructions, re.I):
        return None
    match = INSTRUCTION_TOPIC_RE.search(instructions)
    return match.group(1).strip().rstrip("?") if match else None


# -- acknowledgements ---------------------------------------------------------------------------

STRONG_ACKS = (
    "Thank you — the part about {np} gives me a clear picture.",
    "Thanks, that's a concrete answer; {np} especially.",
    "Great, thank you. I've noted {np}.",
)
PLAIN_ACKS = (
    "Thanks for walking me through {np}.",
    "Okay, thank you — I've noted {np}.",
    "Thank you, that helps me understand {np}.",
)


def acknowledgement(
    question: QuestionSpec, dialogue: list[Turn], said: set[str], language: str, score: int
) -> str:
    """A short thank-you that reflects the answer: it names something the candidate said when the
    answer said something, and it is never a sentence already said in the interview."""
    options: list[str] = []
    if language_of(language) == "en":
        avoid = frozenset(content_terms(question.text))
        phrases = noun_phrases(candidate_text(dialogue), avoid)
        templates = STRONG_ACKS if score >= 4 else PLAIN_ACKS
        turn = sum(1 for t in dialogue if t.speaker == "interviewer")
        for index, np in enumerate(_by_specificity(phrases)[:3]):
            options.append(templates[(turn + index) % len(templates)].format(np=np))
    options += [phrase(language, key) for key in ("move_on", "ack_2", "ack_3", "ack_4")]
    return next((o for o in options if not set(sentences_of(o)) & said), options[-1])


def _by_specificity(phrases: list[str]) -> list[str]:
    return sorted(phrases, key=lambda p: (-len(p.split()), phrases.index(p)))


def _anchor(question: QuestionSpec) -> scoring.Anchor:
    return scoring.anchor_for(question)
