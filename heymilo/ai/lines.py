"""Two rules for every line an interviewer says, whichever engine wrote it: it never reads the
rubric out (no five consecutive words of ``evaluation_criteria``, ``score_of_1`` or ``score_of_5``)
and it never says a sentence already said in the interview."""

from __future__ import annotations

import re
from collections.abc import Iterable

from heymilo.ai.base import QuestionSpec, Turn
from heymilo.ai.text import words

QUOTE_WINDOW = 5


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
