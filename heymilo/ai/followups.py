"""What the local interviewer says after an answer: a follow-up or an acknowledgement.

Follow-ups refer to something the candidate just said ("You checked the warehouse system — what
was the result?") or ask, in plain words, for what the rubric wanted and the answer lacked; both
obey ``heymilo.ai.lines`` (no rubric read out, nothing said twice).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from heymilo.ai import explain, scoring
from heymilo.ai.base import QuestionSpec, Turn, candidate_text
from heymilo.ai.candidate import answers_only
from heymilo.ai.chunks import Clause, clauses
from heymilo.ai.lines import sentences_of
from heymilo.ai.phrases import language_of, phrase
from heymilo.ai.text import STOPWORDS, content_terms, words

INSTRUCTION_TOPIC_RE = re.compile(
    r"\b(?:ask|probe|dig into|follow up on)\s+(?:about|for|on|into|whether|if)?\s*([^.;\n]+)",
    re.IGNORECASE,
)


# -- follow-ups ---------------------------------------------------------------------------------


def follow_ups(question: QuestionSpec, dialogue: list[Turn], language: str) -> list[str]:
    """Follow-ups worth asking, best first. Empty when the answer needs none."""
    dialogue = answers_only(dialogue)
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
    asks += _gaps(question, features, answer, spoken or _quoted_bit(last, english), language)
    return asks


def forced_follow_ups(question: QuestionSpec, dialogue: list[Turn], language: str) -> list[str]:
    """Follow-ups for when one must be asked (``min_follow_ups``) though nothing is missing."""
    dialogue = answers_only(dialogue)
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


def _quoted_bit(answer: str, english: bool) -> list[Clause]:
    """The answer's opening words, quoted exactly, when it has no clause to say back:
    'You said “I just take them in order” — …'."""
    opening = re.split(r"[,;:.!?—–]", answer.strip(), maxsplit=1)[0].strip()
    if not english or not 3 <= len(opening.split()) <= 10:
        return []
    return [Clause(opening, f"you said “{opening}”", False, False)]


def _grounded(best: list[Clause], ending: str, language: str, fallback: str = "ask_more") -> str:
    if best and language_of(language) == "en":
        return f"{_cap(best[0].back)} {ending}".replace(" .", ".")
    return phrase(language, fallback)


def _point_question(point: str, experience: bool, language: str) -> str:
    plain = _plain_point(point)
    if language_of(language) != "en":
        return phrase(language, "ask_point", point=plain)
    if experience:
        return f"What about {plain}? How did that come into what you did?"
    return f"Could you say a little about {plain} too?"


def _plain_point(point: str) -> str:
    """At most four words of a rubric point, lower case, about "you": sayable, never a quote.
    What a point adds in brackets or after a dash or colon ("quick redeployment (covering the
    station…)") is left out: cut inside it, the line would not parse."""
    head = re.split(r"\s*[(\[:;—]|\s+-\s+|,\s+(?:e\.g\.|i\.e\.|such as)\b", point, maxsplit=1)[0]
    tokens = (head or point).split()
    keep = 5 if tokens and tokens[0].lower() in ("a", "an", "the") else 4
    tokens = [_YOURS.get(t.lower(), t.lower()) for t in tokens[:keep]]
    while tokens and tokens[-1].strip(" ,.;:") in STOPWORDS:
        tokens.pop()
    return " ".join(tokens).strip(" ,.;:")


_YOURS = {"their": "your", "they": "you", "them": "you", "themselves": "yourself"}


def _most_specific(found: Iterable[Clause]) -> list[Clause]:
    """Whole clauses before ones cut short, then by how much they say, then by position."""
    ranked = sorted(
        enumerate(found),
        key=lambda item: (item[1].cut, -len(content_terms(item[1].said)), item[0]),
    )
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
    "Thank you. So {back} — that gives me a clear picture.",
    "Thanks, that's concrete: {back}.",
    "Great, thank you — {back}; noted.",
)
PLAIN_ACKS = (
    "Thanks. So {back}; I've noted that.",
    "Okay, thank you — {back}.",
    "Thank you, I understand: {back}.",
)


def acknowledgement(
    question: QuestionSpec, dialogue: list[Turn], said: set[str], language: str, score: int
) -> str:
    """A short thank-you that reflects the answer: it says back something the candidate said
    when the last answer has it, and it is never a sentence already said in the interview."""
    dialogue = answers_only(dialogue)
    options: list[str] = []
    if language_of(language) == "en":
        last = next((t.text for t in reversed(dialogue) if t.speaker == "candidate"), "")
        said_back = _said_back(dialogue)
        fresh = [c for c in clauses(last) if c.back not in said_back and not c.by_team]
        templates = STRONG_ACKS if score >= 4 else PLAIN_ACKS
        turn = sum(1 for t in dialogue if t.speaker == "interviewer")
        for index, clause in enumerate(_most_specific(fresh)[:3]):
            options.append(templates[(turn + index) % len(templates)].format(back=clause.back))
    options += [phrase(language, key) for key in ("move_on", "ack_2", "ack_3", "ack_4")]
    if language_of(language) == "en":  # named for the question, so it cannot have been said
        about = explain.topic(question, limit=20).rstrip("…")
        options.append(f"Thank you for telling me about {about}.")
    return next((o for o in options if not set(sentences_of(o)) & said), options[-1])


def _anchor(question: QuestionSpec) -> scoring.Anchor:
    return scoring.anchor_for(question)
