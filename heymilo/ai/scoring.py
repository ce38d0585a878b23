"""The local engine's answer scorer: general features and a fixed weighted sum.

``rubric.read_rubric`` says what the answer is compared with. A model answer (a reference answer,
or a ``score_of_5`` that is one, or a checklist) is scored by coverage of its terms plus a little
meaning from the bundled sentence encoder. A ``score_of_5`` that describes a good answer's
qualities is scored by the points it names, answer-quality signals (a concrete example, an
outcome, numbers, personal ownership) as far as the answer is on topic, and a cap for answers made
of the rubric's own words. ``score_of_1`` pulls down either way.

Model-answer weights and cut points were set on the SAF *tuning* questions only, descriptive ones
on the interview cases in ``tests/ai/cases.py`` (see ``bench/ai_quality.py`` and ``docs/ai.md``);
nothing here knows about any particular question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from heymilo.ai import embedding
from heymilo.ai.base import QuestionSpec
from heymilo.ai.rubric import RUBRIC_NOISE, Rubric, quality_points, read_rubric
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

EXAMPLE_CUES = (
    "for example", "for instance", "one time", "once", "last year", "at my last", "in my last",
    "in my previous", "i remember", "there was a time", "recently", "when i was", "at my previous",
    "a customer", "a client", "i had a", "last month", "last quarter", "last week", "ago",
    "one night", "one day", "one morning", "in january", "in february", "in march", "in april",
    "in may", "in june", "in july", "in august", "in september", "in october", "in november",
    "in december", "at the time", "my previous", "my last job", "my current job",
)  # fmt: skip
OUTCOME_CUES = (
    "result", "as a result", "outcome", "ended up", "led to", "which meant", "so that", "saved",
    "increased", "reduced", "improved", "grew", "closed", "resolved", "solved", "thanked",
    "satisfied", "learned", "achieved", "won", "delivered", "dropped", "went from", "rose",
    "risen", "fell", "since then", "grateful", "cut", "now", "review", "rating",
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
        "could please explain share talk experience typical day week approach learn learned "
        "learning lesson"
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
    descriptive: bool  # the rubric describes a good answer's qualities (interview rubrics)
    rubric_terms: frozenset[str]  # every word of the question and rubric, for specificity
    model_text: str  # what the answer's meaning is compared with (names neutralised)
    topic_text: str  # the question and its rubric, names neutralised
    question_similarity: float  # how much the question alone already resembles model_text


@dataclass(frozen=True)
class Features:
    empty: bool
    coverage: float  # share of anchor terms the answer uses
    char_coverage: float  # share of anchor character n-grams the answer contains
    bigram_coverage: float
    relevance: float  # share of the answer's terms that belong to the question or anchor
    topic: float  # share of the question's subject words the answer talks about
    length: float  # saturating 0..1
    negative: float  # words of the score-of-1 description used (saturates at two)
    numbers: float
    example: float
    outcome: float
    ownership: float  # "I did" rather than "we"/"you would"
    structure: float
    vagueness: float
    contradiction: bool
    covered_points: tuple[str, ...]
    missing_points: tuple[str, ...]
    point_coverage: float  # mean share of each rubric point's words the answer states
    on_topic: float  # similarity in meaning to the question and rubric (descriptive rubrics only)
    semantic: float  # meaning similarity beyond what the question alone gives (see ``refn``)
    specificity: float  # share of the answer's terms that are its own, not the rubric's
    keyword_list: bool  # a string of the rubric's words, not sentences (see ``_keyword_list``)


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


def build_anchor(question: str, rubric: Rubric, rubric_text: str) -> Anchor:
    """Prepare a question's rubric once: its terms, points and meaning."""
    question_terms = content_terms(question)
    question_prefixes = _prefixes(question_terms)
    noisy = rubric.descriptive
    positive = [t for t in content_terms(rubric.model_answer) if not noisy or t not in RUBRIC_NOISE]
    positive += [t for t in content_terms(rubric.criteria) if t not in RUBRIC_NOISE]
    novel = [t for t in positive if t[:PREFIX] not in question_prefixes] or positive
    negative = [
        t for t in content_terms(rubric.poor) if t not in RUBRIC_NOISE and t not in NEGATIONS
    ]
    points = rubric.points or (quality_points(rubric.model_answer) if noisy else ())
    model_text = embedding.neutral(rubric.model_answer)
    return Anchor(
        question_terms=question_prefixes,
        topic_terms=_prefixes([t for t in question_terms if t not in QUESTION_NOISE]),
        positive_terms=_prefixes(novel),
        positive_grams=_char_grams(novel) - _char_grams(question_terms),
        positive_bigrams=frozenset(bigrams(positive)),
        negative_terms=_prefixes(negative) - _prefixes(positive),
        points=tuple(
            (
                p,
                _prefixes(
                    [t for t in content_terms(p) if t not in RUBRIC_NOISE] or content_terms(p)
                ),
            )
            for p in points
        ),
        polarity=_polarity(rubric.model_answer) if not noisy else None,
        has_reference=rubric.has_reference,
        hypothetical=bool(HYPOTHETICAL_RE.search(question)),
        descriptive=noisy,
        rubric_terms=_prefixes(content_terms(f"{question}\n{rubric_text}")),
        model_text=model_text,
        topic_text=f"{embedding.neutral(question)}\n{model_text}",
        question_similarity=embedding.similarity(embedding.neutral(question), model_text),
    )


def anchor_for(question: QuestionSpec) -> Anchor:
    """The prepared anchor of a question, cached by its wording (ids and bounds do not matter,
    so a batch of rows that share a rubric prepares it once)."""
    return _anchor(
        question.text,
        question.evaluation_criteria,
        question.score_of_1,
        question.score_of_5,
        question.reference_answer,
    )


def clear_caches() -> None:
    """Forget prepared anchors and embedded texts (benchmarks measure cold speed)."""
    _anchor.cache_clear()
    embedding.clear_cache()


@lru_cache(maxsize=1024)
def _anchor(text: str, criteria: str, score_of_1: str, score_of_5: str, reference: str) -> Anchor:
    question = QuestionSpec(
        id="", text=text, evaluation_criteria=criteria, score_of_1=score_of_1,
        score_of_5=score_of_5, reference_answer=reference,
    )  # fmt: skip
    return build_anchor(text, read_rubric(question), f"{criteria}\n{score_of_1}\n{score_of_5}")


@lru_cache(maxsize=16)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation per cue list: a single regex pass instead of one search per cue.
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def _cue_rate(lowered: str, cues: tuple[str, ...], saturation: int) -> float:
    hits = set(_cue_pattern(cues).findall(lowered))
    return min(1.0, len(hits) / saturation)


PAST_EVENT_RE = re.compile(
    r"\bI\s+(?:\w+ed|went|made|took|told|found|built|wrote|got|gave|sent|ran|led|kept|left|put|"
    r"saw|said|set|cut|brought|began|chose|spoke|met|drove|sold|won|lost|paid|heard|knew|thought)\b"
)


def _narrative(answer: str) -> float:
    """1 when the answer tells what the speaker did, event by event ("I checked…, I found…")."""
    return 1.0 if len(PAST_EVENT_RE.findall(answer)) >= 2 else 0.0


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


def _point_share(point: frozenset[str], affirmed: frozenset[str], stated_numbers: bool) -> float:
    """How much of a rubric point the answer states: its words, or, when it asks for metrics,
    numbers stated."""
    if stated_numbers and point & METRIC_PREFIXES:
        return 1.0
    return len(point & affirmed) / len(point)


def _points(anchor: Anchor, answer: str) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    """(covered, missing, mean share). A quality named in a description ("empathy") is met by
    any of its words; a checklist item, a statement, by at least half of them."""
    if not anchor.points:
        return (), (), 0.0
    affirmed = _affirmed_prefixes(answer)
    stated_numbers = bool(numbers(answer))
    needed = 0.01 if anchor.descriptive else 0.5
    shares = [(p, _point_share(pts, affirmed, stated_numbers)) for p, pts in anchor.points if pts]
    covered = tuple(p for p, share in shares if share >= needed)
    missing = tuple(p for p, share in shares if share < needed)
    return covered, missing, sum(share for _, share in shares) / max(1, len(shares))


METRIC_PREFIXES = frozenset(
    canonical(word)[:PREFIX] for word in ("metrics", "numbers", "quantified", "figures")
)


def extract(anchor: Anchor, answer: str) -> Features:
    terms = content_terms(answer)
    prefixes = _prefixes(terms)
    lowered = answer.lower()
    tokens = words(answer)
    empty = len(terms) < 2 or bool(EMPTY_RE.match(answer))
    covered, missing, point_coverage = _points(anchor, answer)
    first_person = sum(1 for t in tokens if t in ("i", "i'm", "i've", "i'd", "my", "me"))
    others = sum(1 for t in tokens if t in ("we", "you", "they", "one", "someone"))
    answer_polarity = _polarity(answer)
    own = sum(1 for p in prefixes if p not in anchor.rubric_terms)
    specificity = own / len(prefixes) if prefixes else 0.0
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
        length=1.0 - math.exp(-len(terms) / (30.0 if anchor.descriptive else 12.0)),
        negative=min(1.0, len(set(prefixes) & anchor.negative_terms) / 2),
        numbers=min(1.0, len(numbers(answer)) / 2),
        example=max(_cue_rate(lowered, EXAMPLE_CUES, 1), _narrative(answer)),
        outcome=_cue_rate(lowered, OUTCOME_CUES, 2),
        ownership=first_person / (first_person + others) if first_person + others else 0.0,
        structure=_cue_rate(lowered, STRUCTURE_CUES, 2),
        vagueness=_cue_rate(lowered, VAGUE_CUES, 2),
        contradiction=bool(
            anchor.polarity and answer_polarity and anchor.polarity != answer_polarity
        ),
        covered_points=covered,
        missing_points=missing,
        point_coverage=point_coverage,
        on_topic=0.0 if empty or not anchor.descriptive else _meaning_on_topic(anchor, answer),
        semantic=0.0 if empty or anchor.descriptive else refn(anchor, answer),
        specificity=specificity,
        keyword_list=_keyword_list(answer, specificity),
    )


PIECE_RE = re.compile(r"[,;\n]|\band\b", re.IGNORECASE)


def _keyword_list(answer: str, specificity: float) -> bool:
    """An answer that lists words instead of saying something: eight or more pieces between
    commas, semicolons, "and" or line breaks, most of them one or two words, and most of its
    terms taken from the question and rubric. Over the 8,900 human-graded answers of the bench
    sets this is one answer; every rubric-stuffing answer of the interview cases is one."""
    if specificity >= STUFFING_SPECIFICITY:
        return False
    pieces = [piece.split() for piece in PIECE_RE.split(answer) if piece.strip()]
    short = sum(1 for piece in pieces if len(piece) <= 2)
    return len(pieces) >= 8 and short >= 0.6 * len(pieces)


def _meaning_on_topic(anchor: Anchor, answer: str) -> float:
    """Similarity in meaning of the whole answer to the question and its rubric together."""
    return embedding.similarity(embedding.neutral(answer), anchor.topic_text)


def refn(anchor: Anchor, answer: str) -> float:
    """How much closer in meaning the answer is to the model answer than the question alone is:
    (cos(answer, model) − cos(question, model)) / (1 − cos(question, model)). Restating the
    question earns nothing; saying what the model answer says earns up to 1."""
    base = anchor.question_similarity
    similarity = embedding.similarity(embedding.neutral(answer), anchor.model_text)
    return (similarity - base) / (1.0 - base) if base < 1.0 else 0.0


def lexical_strength(f: Features) -> float:
    """0..1 coverage of the model answer's terms (stems, synonyms, character n-grams)."""
    return (
        0.50 * f.coverage
        + 0.45 * f.char_coverage
        + 0.05 * f.bigram_coverage
        + 0.05 * f.relevance
        + 0.05 * f.numbers
    )


# Meaning (``refn``) against term coverage. On the SAF tuning questions meaning alone ranks answers
# worse than coverage (0.50 vs 0.65) and every added share of it lowered the pooled ρ; 0.2 is the
# largest share that cost ≤ 0.01 pooled and nothing within a question, kept because it is what
# credits a correct answer in other words (and in another language).
SEMANTIC_WEIGHT = 0.2


def reference_strength(f: Features) -> float:
    """0..1 strength against a model answer or checklist: mostly term coverage, some meaning."""
    lexical = lexical_strength(f)
    if f.covered_points or f.missing_points:  # a checklist: each item counts on its own too
        lexical = 0.75 * lexical + 0.25 * f.point_coverage
    value = SEMANTIC_WEIGHT * f.semantic + (1 - SEMANTIC_WEIGHT) * lexical - 0.1 * f.negative
    return max(0.0, min(1.0, value * (0.4 if f.contradiction else 1.0)))


def _points_met(f: Features) -> float:
    points = len(f.covered_points) + len(f.missing_points)
    return len(f.covered_points) / points if points else f.coverage


def topicality(f: Features) -> float:
    """0..1: how far the answer talks about the question's subject and the rubric's content, by
    its words or (for answers in other words) by the meaning of its closest sentence."""
    on_topic = f.topic + f.coverage + 0.5 * _points_met(f)
    lexical = (on_topic - 0.2) / 0.4
    return max(0.0, min(1.0, max(lexical, (f.on_topic - 0.10) / 0.15)))


def _experience_quality(f: Features) -> float:
    """Behavioural questions: a concrete past example with an outcome matters most."""
    return (
        0.25 * f.length
        + 0.20 * f.example
        + 0.15 * f.outcome
        + 0.10 * f.numbers
        + 0.10 * f.ownership
        + 0.05 * f.structure
        + 0.15 * f.specificity
    )


def _hypothetical_quality(f: Features) -> float:
    """ "How would you…" questions: a structured method matters more than a past example."""
    return (
        0.25 * f.length
        + 0.20 * f.structure
        + 0.10 * f.example
        + 0.10 * f.outcome
        + 0.10 * f.numbers
        + 0.10 * f.ownership
        + 0.15 * f.specificity
    )


# An answer whose words are mostly the rubric's own says nothing specific: it is capped at 2.
STUFFING_SPECIFICITY = 0.35


def rubric_strength(f: Features, hypothetical: bool = False) -> float:
    """0..1 strength against a rubric that describes a good answer: rubric coverage plus
    answer-quality signals.

    Quality signals (length, an example, an outcome…) only count as far as the answer is on topic,
    so a vivid story about something else does not score like a relevant one; and an answer made
    of the rubric's own words is capped below 3 however well it covers them.
    """
    content = 0.5 * _points_met(f) + 0.25 * f.coverage + 0.25 * f.relevance
    quality = _hypothetical_quality(f) if hypothetical else _experience_quality(f)
    value = 0.3 * content + 0.7 * topicality(f) * quality - 0.1 * f.vagueness - 0.1 * f.negative
    if f.specificity < STUFFING_SPECIFICITY:
        value = min(value, RUBRIC_CUTS[1] - 0.01)
    return max(0.0, min(1.0, value))


# Strength → 1..5 cut points. Reference mode: set on the SAF tuning questions so the integer scale
# spreads like the human grades; rubric mode: set on the seed rubrics' strong/weak answers.
REFERENCE_CUTS = (0.09, 0.13, 0.22, 0.29)
RUBRIC_CUTS = (0.18, 0.32, 0.42, 0.56)


def _cuts(anchor: Anchor) -> tuple[float, ...]:
    return RUBRIC_CUTS if anchor.descriptive else REFERENCE_CUTS


def strength(anchor: Anchor, f: Features) -> float:
    if f.empty:
        return 0.0
    descriptive = anchor.descriptive
    value = rubric_strength(f, anchor.hypothetical) if descriptive else reference_strength(f)
    # A keyword list stays below 3 whatever the rubric.
    return min(value, _cuts(anchor)[1] - 0.01) if f.keyword_list else value


def to_score(anchor: Anchor, value: float, f: Features) -> int:
    if f.empty:
        return 1
    return 1 + sum(1 for cut in _cuts(anchor) if value >= cut)


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
