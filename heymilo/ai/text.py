"""Shared text features for the local engine: tokens, light stemming, synonyms, sentences.

Everything here is pure Python and deterministic so that the local engine stays fast (hundreds of
answers per second on one core) and gives the same answer every time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*%?")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*%?")
SENTENCE_RE = re.compile(r"[^.!?\n;]+[.!?;]*")

# Small, general English stopword list. Negations and quantity words are deliberately kept out of it
# because they change the meaning of an answer ("no loss" vs "loss").
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just let me more most my myself of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves i'm i've i'd it's
    that's there's e g eg ie etc via per one s t also thus therefore hence however may might
    must shall well really actually basically like just get got make made thing things lot lots
    way
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

NEGATIONS = frozenset(
    """
    no not never none nothing neither nor cannot can't don't doesn't didn't isn't aren't wasn't
    won't without haven't hasn't hadn't wouldn't couldn't shouldn't weren't
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

# Interview-specific wording signals, kept here so every engine reads the same lists.
FILLERS = frozenset(["um", "uh", "erm", "er", "ah", "hmm", "uhm", "umm", "mm"])
FILLER_PHRASES = ("you know", "i mean", "sort of", "kind of", "like,")

# "Synonyms-lite": a handful of general-purpose equivalences mapped to one canonical stem. They are
# general English (no per-question entries) so they help on questions the engine has never seen.
_SYNONYM_GROUPS = (
    ("increas", "rais", "grow", "grew", "gain", "rise", "higher", "boost", "expand", "more"),
    ("decreas", "reduc", "lower", "shrink", "drop", "declin", "less", "fewer", "smaller", "cut"),
    ("larg", "big", "bigger", "huge", "great"),
    ("small", "tiny", "little", "short"),
    ("fast", "quick", "rapid", "speed", "faster", "quicker"),
    ("slow", "slower", "delay", "late"),
    ("custom", "client", "user", "consum", "buyer", "shopper", "patron"),
    ("problem", "issu", "troubl", "difficulti", "challeng"),
    ("help", "assist", "support", "aid"),
    ("use", "using", "used", "uses", "util", "employ", "leverag", "appli"),
    ("mistak", "error", "fault", "bug", "failur", "fail"),
    ("send", "sent", "transmit", "forward", "deliv"),
    ("receiv", "get", "obtain", "accept"),
    ("ack", "acknowledg", "confirm"),
    ("begin", "start", "initi", "commenc"),
    ("end", "finish", "complet", "termin", "stop"),
    ("result", "outcom", "impact", "effect"),
    ("goal", "object", "aim", "target", "purpos"),
    ("team", "colleagu", "cowork", "peer"),
    ("manag", "lead", "supervis", "oversaw", "overse"),
    ("improv", "better", "enhanc", "optim"),
    ("learn", "lesson", "takeaway", "realiz", "realis"),
    ("listen", "hear", "heard"),
    ("apolog", "sorri"),
    ("priorit", "priori", "triag", "urgent", "urgenc"),
    ("explain", "describ", "clarifi"),
    ("doubl", "twice"),
    ("necessari", "requir", "need", "mandatori"),
    ("optional", "option"),
    ("independ", "separ"),
    ("empath", "understood", "understand", "sympath", "compassion", "patienc", "patient"),
    ("solv", "fix", "resolv", "solution", "arrang", "workaround"),
    ("positiv", "happi", "satisfi", "thank", "pleas", "delight", "review"),
    # Interview rubrics name concepts; answers name instances. These groups let "a clear next
    # step" meet "can we book thirty minutes", and "stakeholders" meet "the CFO and procurement".
    ("step", "book", "schedul", "meeting", "demo", "calendar", "appoint", "trial", "pilot"),
    (
        "stakehold",
        "cfo",
        "cio",
        "ceo",
        "cto",
        "vp",
        "procur",
        "champion",
        "execut",
        "board",
        "sponsor",
        "decision-mak",
        "director",
    ),
    (
        "channel",
        "call",
        "email",
        "linkedin",
        "social",
        "phone",
        "referr",
        "network",
        "event",
        "multi-channel",
        "multichannel",
    ),
    ("valu", "roi", "revenu", "profit", "cost", "saving", "margin", "payback"),
    ("proof", "case", "testimoni", "referenc", "evid", "benchmark", "studi"),
    ("metric", "kpi", "quota", "percent", "number", "figur", "measur", "data-driven"),
    (
        "process",
        "system",
        "framework",
        "method",
        "methodolog",
        "approach",
        "workflow",
        "routin",
        "playbook",
        "structur",
    ),
    ("prospect", "pipelin", "outreach", "cold", "sourc"),
    ("own", "responsib", "accountab", "fault"),
    ("reflect", "introspect", "self-awar", "hindsight", "retrospect"),
    ("troubleshoot", "diagnos", "debug", "reproduc", "investig", "isolat"),
    ("escal", "de-escal", "calm", "defus"),
    ("curio", "passion", "excit", "love", "enjoy", "fascin", "interest", "enthusias"),
    ("career", "growth", "futur", "ambit", "aspir"),
    ("competit", "competitor", "rival", "altern", "incumb"),
    ("object", "pushback", "concern", "hesit", "resist"),
    ("deal", "contract", "opportun", "renewal", "sale"),
    ("lose", "lost", "los", "slip", "miss"),
    ("angr", "angri", "upset", "furious", "frustrat", "unhap", "unhappi", "annoy", "irat"),
)


# Gendered words fold onto neutral ones before scoring, so an answer about "her manager" and one
# about "his manager" are the same answer to the engine. (Pronouns are stopwords already.)
NEUTRAL = {
    **dict.fromkeys(("man", "woman", "men", "women", "male", "female", "guy", "lady", "gentleman",
                     "boy", "girl", "boys", "girls"), "person"),
    **dict.fromkeys(("mr", "ms", "mrs", "miss", "sir", "madam"), "title"),
    **dict.fromkeys(("husband", "wife", "boyfriend", "girlfriend"), "partner"),
    **dict.fromkeys(("mother", "father", "mom", "dad", "mum"), "parent"),
    **dict.fromkeys(("son", "daughter", "sons", "daughters"), "child"),
    **dict.fromkeys(("brother", "sister", "brothers", "sisters"), "sibling"),
    **dict.fromkeys(("businessman", "businesswoman", "salesman", "saleswoman", "chairman",
                     "chairwoman"), "professional"),
}  # fmt: skip


def _build_synonym_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        canonical = group[0]
        for word in group:
            mapping.setdefault(word, canonical)
    return mapping


SYNONYMS = _build_synonym_map()

# Suffixes stripped longest-first. A stem keeps at least three letters so that short technical
# words ("tcp", "ack", "dns") survive untouched.
_SUFFIXES = (
    "ational", "ization", "isation", "fulness", "iveness", "ements", "ement", "ments", "ment",
    "ation", "ities", "ously", "ingly", "ility", "ating", "ative", "ions", "ion", "ness", "ings",
    "ing", "ances", "ance", "ences", "ence", "ables", "able", "ibles", "ible", "ates", "ate",
    "ized", "ised", "izes", "ises", "ize", "ise", "ical", "ally", "ful", "ous", "ive", "ies",
    "ied", "ers", "er", "ed", "ly", "es", "al", "s", "e", "y", "i",
)  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem of a lower-cased word (a compact Porter-style suffix stripper)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # Undouble a final consonant so "stopped"/"stopping" meet "stop".
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """Stem a word and fold it onto its synonym group's canonical stem (gender-neutral)."""
    word = NEUTRAL.get(word, word)
    stemmed = stem(word)
    return SYNONYMS.get(stemmed, SYNONYMS.get(word, stemmed))


def words(text: str) -> list[str]:
    """Lower-cased word tokens, apostrophes normalised."""
    return [w.lower().replace("’", "'") for w in WORD_RE.findall(text or "")]


def content_terms(text: str) -> list[str]:
    """Canonical stems of the content words of a text, in order (stopwords dropped)."""
    return terms_of(words(text))


def terms_of(tokens: Iterable[str]) -> list[str]:
    """Canonical stems of already-tokenised words, stopwords dropped."""
    return [canonical(w) for w in tokens if w not in STOPWORDS]


def bigrams(terms: list[str]) -> set[tuple[str, str]]:
    return set(zip(terms, terms[1:], strict=False))


def numbers(text: str) -> list[str]:
    return NUMBER_RE.findall(text or "")


def sentences(text: str) -> list[str]:
    """Split text into trimmed sentences (cheap splitter: punctuation and newlines)."""
    return [s.strip() for s in SENTENCE_RE.findall(text or "") if s.strip()]


@dataclass(frozen=True)
class Span:
    """A verbatim slice of a source text: ``source[start:end] == text``."""

    start: int
    end: int
    text: str


def sentence_spans(text: str) -> Iterator[Span]:
    """Yield each sentence of ``text`` with its offsets, so quotes stay verbatim substrings."""
    for match in SENTENCE_RE.finditer(text or ""):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        yield Span(start, start + len(stripped), stripped)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def kebab(text: str) -> str:
    """Turn a short phrase into a kebab-case tag ("Strong communicator" → "strong-communicator")."""
    return "-".join(w for w in re.split(r"[^a-z0-9]+", text.lower()) if w)


def truncate_words(text: str, limit: int) -> str:
    """Shorten text to ``limit`` words, marking the cut with an ellipsis."""
    parts = text.split()
    if len(parts) <= limit:
        return text.strip()
    return " ".join(parts[:limit]) + "…"
