"""Cutting the interviewer's words into sentences, so each can be spoken as soon as it is whole.

The engine streams text in arbitrary pieces ("Thank", " you. Could", " you…"); a sentence is
ready once its terminal punctuation is followed by whitespace — "3.5" or "e.g." mid-stream
must not end it. Very long sentences are cut at a comma so the first audio is not held back.
"""

from __future__ import annotations

import re

# ., ! or ? (optionally closing quotes/brackets) followed by whitespace ends a sentence, unless
# the word before the dot is a common abbreviation or a single letter (initials, "e.g.").
_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "inc", "jr"}
LONG = 220  # characters; past this a sentence is cut at its last comma or semicolon
_CLAUSE = re.compile(r"[,;:]\s+")


def _ends_abbreviation(text: str) -> bool:
    word = text.rstrip(".").rsplit(None, 1)[-1].lower() if text.strip() else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cut(text: str) -> tuple[list[str], str]:
    """Whole sentences at the front of `text`, and the unfinished rest."""
    sentences, start = [], 0
    for match in _END.finditer(text):
        candidate = text[start : match.start()].strip()
        if candidate.endswith(".") and _ends_abbreviation(candidate):
            continue
        if candidate:
            sentences.append(candidate)
        start = match.end()
    return sentences, text[start:]


def _split_long(sentence: str) -> list[str]:
    if len(sentence) <= LONG:
        return [sentence]
    cuts = [m.end() for m in _CLAUSE.finditer(sentence) if m.end() <= LONG]
    if not cuts:
        return [sentence]
    head, rest = sentence[: cuts[-1]].strip(), sentence[cuts[-1] :].strip()
    return [head, *_split_long(rest)]


def split_sentences(text: str) -> list[str]:
    sentences, rest = _cut(text + " ")
    if rest.strip():
        sentences.append(rest.strip())
    return [piece for sentence in sentences for piece in _split_long(sentence)]


class SentenceBuffer:
    """Feed streamed text; get back each sentence once it is complete."""

    def __init__(self) -> None:
        self.pending = ""

    def feed(self, delta: str) -> list[str]:
        self.pending += delta
        sentences, self.pending = _cut(self.pending)
        if len(self.pending) > LONG:  # a run-on clause: speak what is safely before a comma
            *heads, self.pending = _split_long(self.pending)
            sentences.extend(heads)
        return [piece for sentence in sentences for piece in _split_long(sentence)]

    def flush(self) -> list[str]:
        rest, self.pending = self.pending.strip(), ""
        return _split_long(rest) if rest else []
