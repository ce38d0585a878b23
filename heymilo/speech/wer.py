"""Word error rate: how the speech kit's hearing is measured, by the tests and the benches alike.

Both sides are lower-cased, hyphens split words, numbers below 100 are spelt out ("5" and "five"
are the same word heard) and punctuation goes; then the word-level edit distance is divided by
the reference's length.
"""

import re

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen")  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _number_words(match: re.Match) -> str:
    n = int(match.group())
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10 - 2] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    return match.group()


def words_of(text: str) -> list[str]:
    text = re.sub(r"\b\d+\b", _number_words, text.lower().replace("-", " "))
    return re.findall(r"[a-z0-9']+", text)


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    row = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, heard in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != heard))
    return row[-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """One utterance: errors per reference word (0.0 is word for word)."""
    ref = words_of(reference)
    return edit_distance(ref, words_of(hypothesis)) / max(1, len(ref))


def corpus_word_error_rate(pairs: list[tuple[str, str]]) -> float:
    """Many (reference, heard) pairs: all errors over all reference words, in per cent."""
    errors = sum(edit_distance(words_of(r), words_of(h)) for r, h in pairs)
    return 100.0 * errors / max(1, sum(len(words_of(r)) for r, _ in pairs))
