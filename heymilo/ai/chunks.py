"""A light rule-based chunker: the things a candidate said, as phrases an interviewer can say back.

No tagger: English clauses are found from their subject ("I rolled back within ten minutes",
"we added a canary stage") and cut at the next clause boundary; noun phrases are runs of two or
three content words. Both are turned into the second person ("you rolled back…"). Measured in
``bench/ai_quality.py`` (follow-ups grounded in the answer); a bundled spaCy pipeline would add
~1 s of start-up and 50 MB for this one job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heymilo.ai.text import STOPWORDS, content_terms, sentence_spans

SUBJECT_RE = re.compile(r"\b(I|we|We)\b(?:'d|'ll|’d|’ll)?\s+", re.UNICODE)
BOUNDARY_RE = re.compile(
    r"[,;:.!?()—–]|\s(?:and|but|so|because|which|while|then|when|until|after|before|since|or)\s"
    r"|\s(?:I|we)(?:'d|'ll|’d|’ll)?\s",
    re.IGNORECASE,
)
# Verbs after "I" that carry no event ("I think", "I guess"): never a phrase to say back.
NOT_EVENTS = frozenset(
    """
    think guess mean know remember believe feel suppose hope am was 'm don't didn't do can
    had have has
    can't would could should will just really also
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
SECOND_PERSON = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "we": "your team", "us": "your team", "our": "your team's", "ours": "your team's",
    "am": "are", "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we're": "your team was", "we've": "your team has", "we'd": "your team would",
}  # fmt: skip
TRAILING_RE = re.compile(
    r"(?:\s+(?:a|an|the|to|of|for|with|in|on|at|by|my|your|our|their|his|her|its|this|that|"
    r"and|or|very|really|just|what|who|how|why|where|which|that))+$",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*%?|\$\d[\d,.]*[KkMm]?")
MAX_WORDS = 12


@dataclass(frozen=True)
class Clause:
    """Something the candidate did or would do, as said ("I rolled back…") and as said back."""

    said: str
    back: str  # second person: "you rolled back within ten minutes"
    by_team: bool  # the candidate said "we"
    cut: bool  # longer than ``MAX_WORDS``, so cut short


def clauses(answer: str) -> list[Clause]:
    """The clauses of an answer that have a subject ("I", "we") and an event verb, in order."""
    found: list[Clause] = []
    for span in sentence_spans(answer):
        for match in SUBJECT_RE.finditer(span.text):
            rest = BOUNDARY_RE.split(span.text[match.start() :][len(match.group(0)) :], 1)[0]
            clause = _clause(match.group(0).strip(), WORD_RE.findall(rest))
            if clause:
                found.append(clause)
    return found


def _clause(subject: str, words: list[str]) -> Clause | None:
    if len(words) < 2 or _no_event(words):
        return None
    cut = len(words) > MAX_WORDS
    said = " ".join(words[:MAX_WORDS])
    if cut:  # cut mid-phrase: do not end on "the" or "to"
        said = TRAILING_RE.sub("", said)
    if len(content_terms(said)) < 2 and len(said.split()) < 3:
        return None
    return Clause(f"{subject} {said}", _second_person(subject, said), _team(subject), cut)


def _no_event(words: list[str]) -> bool:
    first = words[0].lower().replace("’", "'")
    return first in NOT_EVENTS or first.endswith("n't") or words[1].lower() in ("not", "never")


def _team(subject: str) -> bool:
    return subject.lower().startswith("we")


def _second_person(subject: str, said: str) -> str:
    lead = "your team" if _team(subject) else "you"
    if subject.lower().endswith(("'d", "’d")):
        lead += " would"
    if subject.lower().endswith(("'ll", "’ll")):
        lead += " will"
    words = [SECOND_PERSON.get(w.lower().replace("’", "'"), w) for w in said.split()]
    if lead == "you" and words and words[0] == "was":
        words[0] = "were"
    return f"{lead} {' '.join(words)}"


def noun_phrases(answer: str, avoid: frozenset[str] = frozenset()) -> list[str]:
    """Runs of two or three content words ("express shipping", "checkout error rate"), in order,
    leaving out any whose terms are all in ``avoid`` (the question's own words)."""
    phrases: list[str] = []
    for span in sentence_spans(answer):
        run: list[str] = []
        for word in [*WORD_RE.findall(span.text), "."]:
            if _content_word(word):
                run.append(word)
                continue
            _keep_run(run, phrases, avoid)
            run = []
    return list(dict.fromkeys(phrases))


def _content_word(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered not in STOPWORDS
        and lowered not in SECOND_PERSON
        and not lowered.endswith(("ly", "'s"))
        and lowered.isalpha()
        and len(lowered) > 2
    )


# Verbs that open or close a run of content words ("used Zendesk", "error rate jumped").
RUN_VERBS = frozenset(
    """
    used built set went came saw found took made got gave sent ran led kept left put told
    said comes goes takes makes gets signs hit cut
    """.split()  # noqa: SIM905 - a word list reads better as prose
)


def _verb(word: str) -> bool:
    lowered = word.lower()
    return lowered in RUN_VERBS or lowered.endswith("ed")


def _keep_run(run: list[str], phrases: list[str], avoid: frozenset[str]) -> None:
    while run and _verb(run[0]):
        run = run[1:]
    while run and _verb(run[-1]):
        run = run[:-1]
    if len(run) < 2:
        return
    phrase = " ".join(run[-3:]).lower() if not run[-1][0].isupper() else " ".join(run[-3:])
    if set(content_terms(phrase)) - avoid:
        phrases.append(phrase)
