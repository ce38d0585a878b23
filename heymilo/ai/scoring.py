"""The local engine's answer scorer: general features, a fixed weighted sum, an explanation.

Two anchors are possible. With a ``reference_answer`` (a model answer, as in the SAF benchmark)
content coverage of the reference dominates. Without one, the rubric (``score_of_5`` plus
``evaluation_criteria``) is the positive anchor and ``score_of_1`` the negative one, and answer
quality signals (a concrete example, an outcome, numbers, personal ownership) carry more weight
because rubrics describe qualities rather than content.

Weights and thresholds were set on the SAF *tuning* questions only (see ``bench/ai_scoring.py``
and ``docs/ai.md``); nothing here knows about any particular question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from heymilo.ai.text import (
    NEGATIONS,
    bigrams,
    canonical,
    content_terms,
    numbers,
    sentence_spans,
    terms_of,
    words,
)

PREFIX = 5  # compare terms on their first five letters: "retransmit"/"retransmission" meet
CHAR_N = 4  # character n-grams catch compounds and spelling variants ("ack"/"acknowledgement")

EMPTY_RE = re.compile(
    r"^\s*(no submission|n/?a|none|no answer|nothing|pass|skip|-+|\.+|i (do not|don't) know"
    r"|no idea|not sure|i have no idea)\W*$",
    re.IGNORECASE,
)

# Rubric wording that describes *how* to judge rather than *what* a good answer contains.
RUBRIC_NOISE = frozenset(
    content_terms(
        "assess evaluate evaluation look looks describe describes described shows showing show "
        "candidate candidates ability able clear clearly specific specifics detailed detail "
        "strong strongly provide provides demonstrates demonstrate gauge answer response "
        "good great excellent poor cannot unable seems example examples just not rather than "
        "including includes include relevant genuine"
    )
)

EXAMPLE_CUES = (
    "for example", "for instance", "one time", "once", "last year", "at my last", "in my last",
    "in my previous", "i remember", "there was a time", "recently", "when i was", "at my previous",
    "a customer", "a client", "i had a",
)  # fmt: skip
OUTCOME_CUES = (
    "result", "as a result", "outcome", "ended up", "led to", "which meant", "so that", "saved",
    "increased", "reduced", "improved", "grew", "closed", "resolved", "solved", "thanked",
    "satisfied", "learned", "achieved", "won", "delivered",
)  # fmt: skip
STRUCTURE_CUES = (
    "first", "second", "then", "next", "finally", "after that", "because", "so i", "therefore",
    "step", "afterwards",
)  # fmt: skip
VAGUE_CUES = (
    "maybe", "i guess", "probably", "not sure", "stuff", "things like that", "whatever",
    "i think so", "kind of", "sort of", "etc", "i don't know", "generally", "usually just",
)  # fmt: skip
# Words every interview question uses; they say nothing about the question's topic.
QUESTION_NOISE = frozenset(
    content_terms(
        "tell me about time times describe walk through give example situation happened would "
        "could please explain share talk experience typical day week approach"
    )
)
HYPOTHETICAL_RE = re.compile(
    r"\b(how would you|what would you|how do you|what do you|imagine|if you were|suppose"
    r"|what questions would|why are you|why do you|what excites)\b",
    re.IGNORECASE,
)
NEGATION_SCOPE = 6  # words after "not"/"never"/"without" that the negation covers
CLAUSE_RE = re.compile(r"[,.;!?\n]|\bbut\b", re.IGNORECASE)
YES = frozenset({"yes", "yeah", "true", "correct", "yep"})
NO = frozenset({"no", "false", "incorrect", "nope", "not"})


@dataclass(frozen=True)
class Anchor:
    """The text an answer is compared with, prepared once per question."""

    question_terms: frozenset[str]
    topic_terms: frozenset[str]  # the question's own subject words (generic wording removed)
    positive_terms: frozenset[str]  # prefixes of anchor terms not already in the question
    positive_grams: frozenset[str]
    positive_bigrams: frozenset[tuple[str, str]]
    negative_terms: frozenset[str]
    points: tuple[tuple[str, frozenset[str]], ...]  # (rubric point text, its prefixes)
    polarity: str | None  # "yes"/"no" when the reference opens with one
    has_reference: bool
    hypothetical: bool  # "how would you…": a method is expected, not a past example


@dataclass(frozen=True)
class Features:
    empty: bool
    coverage: float  # share of anchor terms the answer uses
    char_coverage: float  # share of anchor character n-grams the answer contains
    bigram_coverage: float
    relevance: float  # share of the answer's terms that belong to the question or anchor
    topic: float  # share of the question's subject words the answer talks about
    length: float  # saturating 0..1
    negative: float  # similarity to the score-of-1 description
    numbers: float
    example: float
    outcome: float
    ownership: float  # "I did" rather than "we"/"you would"
    structure: float
    vagueness: float
    contradiction: bool
    covered_points: tuple[str, ...]
    missing_points: tuple[str, ...]


def _prefixes(terms: list[str]) -> frozenset[str]:
    return frozenset(t[:PREFIX] for t in terms)


def _char_grams(terms: list[str]) -> frozenset[str]:
    # Grams stay inside one (space-padded) word, so a word never changes its neighbours' grams.
    grams = set()
    for term in set(terms):
        padded = f" {term} "
        grams.update(padded[i : i + CHAR_N] for i in range(len(padded) - CHAR_N + 1))
    return frozenset(grams)


def _polarity(text: str) -> str | None:
    first = words(text)[:1]
    if first and first[0] in YES:
        return "yes"
    if first and first[0] in NO:
        return "no"
    return None


def rubric_points(text: str) -> list[str]:
    """Split a rubric sentence into the separate qualities it lists."""
    parts = re.split(r"[,;:.()—–]|\band\b|\bor\b|\bwith\b|\bincluding\b|\bthat\b", text)
    points = []
    for part in parts:
        terms = [t for t in content_terms(part) if t not in RUBRIC_NOISE]
        if terms:
            points.append(part.strip())
    return points


def build_anchor(
    question: str, criteria: str, score_of_1: str, score_of_5: str, reference: str
) -> Anchor:
    question_terms = content_terms(question)
    question_prefixes = _prefixes(question_terms)
    positive_text = reference if reference.strip() else f"{score_of_5}\n{criteria}"
    positive = [
        t for t in content_terms(positive_text) if reference.strip() or t not in RUBRIC_NOISE
    ]
    novel = [t for t in positive if t[:PREFIX] not in question_prefixes] or positive
    negative = [t for t in content_terms(score_of_1) if t not in RUBRIC_NOISE]
    point_source = score_of_5 if not reference.strip() else ""
    points = tuple(
        (p, _prefixes([t for t in content_terms(p) if t not in RUBRIC_NOISE]))
        for p in rubric_points(point_source)
    )
    return Anchor(
        question_terms=question_prefixes,
        topic_terms=_prefixes([t for t in question_terms if t not in QUESTION_NOISE]),
        positive_terms=_prefixes(novel),
        positive_grams=_char_grams(novel) - _char_grams(question_terms),
        positive_bigrams=frozenset(bigrams(positive)),
        negative_terms=_prefixes(negative) - _prefixes(positive),
        points=points,
        polarity=_polarity(reference) if reference.strip() else None,
        has_reference=bool(reference.strip()),
        hypothetical=bool(HYPOTHETICAL_RE.search(question)),
    )


@lru_cache(maxsize=16)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation per cue list: a single regex pass instead of one search per cue.
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def _cue_rate(lowered: str, cues: tuple[str, ...], saturation: int) -> float:
    hits = set(_cue_pattern(cues).findall(lowered))
    return min(1.0, len(hits) / saturation)


def _share(part: frozenset[str] | set[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(whole) if whole else 0.0


def _affirmed_prefixes(answer: str) -> frozenset[str]:
    """Term prefixes outside a negation's scope: "I haven't used any tools" covers no tools.

    As in NegEx, a negation reaches the next few words of its own clause only, so "I listened
    without interrupting" still covers listening.
    """
    kept: list[str] = []
    for clause in CLAUSE_RE.split(answer):
        blocked = 0
        for token in words(clause):
            if token in NEGATIONS:
                blocked = NEGATION_SCOPE
            elif blocked:
                blocked -= 1
            else:
                kept.append(token)
    return _prefixes(terms_of(kept))


def _point_met(point: frozenset[str], affirmed: frozenset[str], stated_numbers: bool) -> bool:
    """A rubric point is met by its words, or, when it asks for metrics, by numbers stated."""
    return bool(point & affirmed) or (stated_numbers and bool(point & METRIC_PREFIXES))


METRIC_PREFIXES = frozenset(
    canonical(word)[:PREFIX] for word in ("metrics", "numbers", "quantified", "figures")
)


def extract(anchor: Anchor, answer: str) -> Features:
    terms = content_terms(answer)
    prefixes = _prefixes(terms)
    lowered = answer.lower()
    tokens = words(answer)
    empty = len(terms) < 2 or bool(EMPTY_RE.match(answer))
    affirmed = _affirmed_prefixes(answer) if anchor.points else frozenset()
    stated_numbers = bool(numbers(answer))
    covered = tuple(
        p for p, pts in anchor.points if pts and _point_met(pts, affirmed, stated_numbers)
    )
    missing = tuple(
        p for p, pts in anchor.points if pts and not _point_met(pts, affirmed, stated_numbers)
    )
    first_person = sum(1 for t in tokens if t in ("i", "i'm", "i've", "i'd", "my", "me"))
    others = sum(1 for t in tokens if t in ("we", "you", "they", "one", "someone"))
    answer_polarity = _polarity(answer)
    return Features(
        empty=empty,
        coverage=_share(set(prefixes), anchor.positive_terms),
        char_coverage=_share(set(_char_grams(terms)), anchor.positive_grams),
        bigram_coverage=_share(set(bigrams(terms)), anchor.positive_bigrams),
        relevance=(
            sum(1 for p in prefixes if p in anchor.positive_terms or p in anchor.question_terms)
            / len(prefixes)
            if prefixes
            else 0.0
        ),
        topic=_share(set(prefixes), anchor.topic_terms),
        length=1.0 - math.exp(-len(terms) / (12.0 if anchor.has_reference else 30.0)),
        negative=_share(set(prefixes), anchor.negative_terms),
        numbers=min(1.0, len(numbers(answer)) / 2),
        example=_cue_rate(lowered, EXAMPLE_CUES, 1),
        outcome=_cue_rate(lowered, OUTCOME_CUES, 2),
        ownership=first_person / (first_person + others) if first_person + others else 0.0,
        structure=_cue_rate(lowered, STRUCTURE_CUES, 2),
        vagueness=_cue_rate(lowered, VAGUE_CUES, 2),
        contradiction=bool(
            anchor.polarity and answer_polarity and anchor.polarity != answer_polarity
        ),
        covered_points=covered,
        missing_points=missing,
    )


def reference_strength(f: Features) -> float:
    """0..1 strength when a model answer exists: content coverage dominates."""
    value = (
        0.50 * f.coverage
        + 0.45 * f.char_coverage
        + 0.05 * f.bigram_coverage
        + 0.05 * f.relevance
        + 0.05 * f.numbers
    )
    return value * (0.4 if f.contradiction else 1.0)


def _point_share(f: Features) -> float:
    points = len(f.covered_points) + len(f.missing_points)
    return len(f.covered_points) / points if points else f.coverage


def topicality(f: Features) -> float:
    """0..1: how far the answer talks about the question's subject and the rubric's content."""
    on_topic = f.topic + f.coverage + 0.5 * _point_share(f)
    return max(0.0, min(1.0, (on_topic - 0.2) / 0.4))


def _experience_quality(f: Features) -> float:
    """Behavioural questions: a concrete past example with an outcome matters most."""
    return (
        0.18 * f.length
        + 0.14 * f.example
        + 0.10 * f.outcome
        + 0.06 * f.numbers
        + 0.07 * f.ownership
        + 0.05 * f.structure
    )


def _hypothetical_quality(f: Features) -> float:
    """ "How would you…" questions: a structured method matters more than a past example."""
    return (
        0.18 * f.length
        + 0.14 * f.structure
        + 0.08 * f.example
        + 0.08 * f.outcome
        + 0.05 * f.numbers
        + 0.07 * f.ownership
    )


def rubric_strength(f: Features, hypothetical: bool = False) -> float:
    """0..1 strength against a rubric: rubric coverage plus answer-quality signals.

    Quality signals (length, an example, an outcome…) only count as far as the answer is on topic,
    so a vivid story about something else does not score like a relevant one.
    """
    point_share = _point_share(f)
    topical = 0.20 * point_share + 0.10 * f.coverage + 0.10 * f.relevance
    quality = _hypothetical_quality(f) if hypothetical else _experience_quality(f)
    value = topical + topicality(f) * quality - 0.10 * f.vagueness - 0.10 * f.negative
    return max(0.0, min(1.0, value))


# Strength → 1..5 cut points. Reference mode: set on the SAF tuning questions so the integer scale
# spreads like the human grades; rubric mode: set on the seed rubrics' strong/weak answers.
REFERENCE_CUTS = (0.08, 0.16, 0.24, 0.28)
RUBRIC_CUTS = (0.18, 0.32, 0.45, 0.60)


def strength(anchor: Anchor, f: Features) -> float:
    if f.empty:
        return 0.0
    if anchor.has_reference:
        return reference_strength(f)
    return rubric_strength(f, anchor.hypothetical)


def to_score(anchor: Anchor, value: float, f: Features) -> int:
    if f.empty:
        return 1
    cuts = REFERENCE_CUTS if anchor.has_reference else RUBRIC_CUTS
    return 1 + sum(1 for cut in cuts if value >= cut)


def evidence(anchor: Anchor, answer: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` verbatim sentences of the answer that best support the score."""
    ranked = []
    for index, span in enumerate(sentence_spans(answer)):
        terms = content_terms(span.text)
        if len(terms) < 3:
            continue
        hits = sum(1 for t in _prefixes(terms) if t in anchor.positive_terms)
        signal = hits + 2 * bool(numbers(span.text)) + _cue_rate(span.text.lower(), OUTCOME_CUES, 1)
        ranked.append((-signal, index, span.text))
    ranked.sort()
    chosen = sorted(ranked[:limit], key=lambda item: item[1])
    return [text for _, _, text in chosen]


def has_negation(text: str) -> bool:
    return any(w in NEGATIONS for w in words(text))
