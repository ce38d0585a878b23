"""Honest explanations: per-answer summaries and an interview's highlights and lowlights.

Rules every engine's output is held to (``verbatim_quotes`` and ``highs_and_lows`` are shared):
every quoted phrase is the candidate's own words, character for character; a summary opens with a
verdict that matches the score; a finished interview with two or more scored questions has at
least one highlight and one lowlight, each naming the question's topic, unless every answer scored
the same (then the highlight says so).
"""

from __future__ import annotations

import re

from heymilo.ai import scoring
from heymilo.ai.base import AnswerEvaluation, QuestionSpec
from heymilo.ai.text import STOPWORDS, truncate_words, words

VERDICTS = {
    5: "Strong answer",
    4: "Good answer",
    3: "Partial answer",
    2: "Weak answer",
    1: "Very weak answer",
}
QUOTE_RE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def summary(anchor: scoring.Anchor, f: scoring.Features, score: int, quote: str | None) -> str:
    """Why the score: a verdict that matches it, rubric points covered and missing, what the
    answer did or did not do, and one sentence of the candidate's own as the example."""
    if f.empty:
        return "Does not answer the question (1/5): no substantive answer was given."
    parts = [f"{VERDICTS[score]} ({score}/5)."]
    if f.keyword_list:  # what it "covers" is the rubric read back: not worth reporting
        parts.append("It lists the rubric's own words instead of answering in sentences.")
        return " ".join(parts)
    if not anchor.descriptive:
        parts.append(f"States {round(100 * f.coverage)}% of the model answer's key terms.")
    if f.covered_points:
        parts.append("Covered: " + "; ".join(_short(p) for p in f.covered_points[:4]) + ".")
    if f.missing_points:
        parts.append("Not covered: " + "; ".join(_short(p) for p in f.missing_points[:4]) + ".")
    parts.extend(_notes(anchor, f, quote is None or looks_english(quote)))
    if quote:
        parts.append(f"In the candidate's words: “{quote}”")
    return " ".join(parts)


def _notes(anchor: scoring.Anchor, f: scoring.Features, english: bool) -> list[str]:
    notes = []
    if anchor.descriptive and f.specificity < scoring.STUFFING_SPECIFICITY:
        notes.append("It mostly repeats the rubric's own words without specifics.")
    elif anchor.descriptive and scoring.topicality(f) < 0.5:
        notes.append("It is largely off topic, so its delivery counts for little.")
    if anchor.descriptive:
        notes.extend(_quality_notes(f, anchor.hypothetical, english))
    if f.contradiction:
        notes.append("It contradicts the model answer (opposite yes/no).")
    return notes


def _quality_notes(f: scoring.Features, hypothetical: bool, english: bool) -> list[str]:
    """What the answer did; an absence is claimed only for English, where the cues are known."""
    notes = []
    if f.example:
        notes.append("Gives a concrete example.")
    elif not hypothetical and not f.numbers and english:
        notes.append("No specific past example given.")
    if f.outcome or f.numbers:
        notes.append("States an outcome" + (" with numbers." if f.numbers else "."))
    if f.vagueness >= 0.5:
        notes.append("Vague in places.")
    if f.length < 0.3:
        notes.append("Very short.")
    return notes


def looks_english(text: str) -> bool:
    """At least a fifth of the words are English function words."""
    tokens = words(text)
    return bool(tokens) and sum(t in STOPWORDS for t in tokens) / len(tokens) >= 0.2


def _short(point: str) -> str:
    return truncate_words(point.lower(), 6)


# -- topics, highlights, lowlights --------------------------------------------------------------

TOPIC_LEADS = (
    (re.compile(r"^(?:tell me about|describe|share)\s+(?:a|one)\s+time\s+(?:when\s+)?you\s+", re.I),
     "the time you "),
    (re.compile(r"^(?:walk me through\s+)?how (?:would you|you would)\s+", re.I), "how you would "),
    (re.compile(r"^how do you\s+", re.I), "how you "),
    (re.compile(r"^describe your\s+", re.I), "your "),
    (re.compile(r"^why are you\s+", re.I), "why you are "),
    (re.compile(r"^(?:tell me about|describe)\s+", re.I), ""),
)  # fmt: skip


def topic(question: QuestionSpec, limit: int = 10) -> str:
    """The question's subject in a few words: "the time you lost a deal"."""
    first = re.split(r"(?<=[.?!])\s+", question.text.strip())[0].rstrip("?.! ")
    for pattern, replacement in TOPIC_LEADS:
        if pattern.match(first):
            first = pattern.sub(replacement, first, count=1)
            break
    return truncate_words(first[:1].lower() + first[1:], limit)


def highs_and_lows(
    evaluations: list[tuple[QuestionSpec, AnswerEvaluation]],
) -> tuple[list[str], list[str]]:
    """Highlights (the best answers, and any ≥ 4) and lowlights (the weakest, and any ≤ 2), each
    naming its question's topic and, for highlights, quoting the candidate."""
    scored = [(q, e) for q, e in evaluations if not q.not_scored]
    if not scored:
        return [], []
    scores = [e.score for _, e in scored]
    if len(scored) >= 2 and len(set(scores)) == 1:
        return _all_the_same(scored, scores[0])
    best, worst = max(scores), min(scores)
    single = len(scored) == 1
    highs = [_high(q, e) for q, e in scored if _is_high(e.score, best, worst, single)]
    lows = [_low(q, e) for q, e in scored if _is_high(-e.score, -worst, -best, single, -2)]
    return highs[:5], lows[:5]


def _all_the_same(
    scored: list[tuple[QuestionSpec, AnswerEvaluation]], score: int
) -> tuple[list[str], list[str]]:
    """No best and no worst: say so, on the side the score belongs to, with any answer that is
    strong (≥ 4) or weak (≤ 2) in itself after it."""
    note = [f"Every answer scored {score}/5; no question stood out."]
    if score <= 2:
        return [], (note + [_low(q, e) for q, e in scored])[:5]
    highs = [_high(q, e) for q, e in scored] if score >= 4 else []
    return (note + highs)[:5], []


def _is_high(score: int, best: int, worst: int, single: bool, bar: int = 4) -> bool:
    """The best answers and any other at or above the bar (mirrored, with negated scores, for
    the weakest ones). A single question is judged by the bar alone."""
    if single:
        return score >= bar
    return score == best or (score >= bar and score != worst)


def _high(question: QuestionSpec, evaluation: AnswerEvaluation) -> str:
    line = f"Strong on {topic(question)} ({evaluation.score}/5)"
    if evaluation.evidence:
        line += f": “{evaluation.evidence[0]}”"
    return line


def _low(question: QuestionSpec, evaluation: AnswerEvaluation) -> str:
    reason = _first_gap(evaluation.summary)
    return f"Weaker on {topic(question)} ({evaluation.score}/5)" + (f": {reason}" if reason else "")


def _first_gap(text: str) -> str:
    match = re.search(r"(Not covered: [^.]*\.|No specific past example given\.|Very short\.)", text)
    return match.group(1) if match else ""


def verbatim_quotes(text: str, candidate_words: str) -> bool:
    """True when every phrase quoted in ``text`` is, character for character, the candidate's."""
    quoted = [a or b for a, b in QUOTE_RE.findall(text or "")]
    return all(q.strip().rstrip("…") in candidate_words for q in quoted)
