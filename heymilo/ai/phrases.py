"""The interviewer's fixed lines. The English text is the message id; the other languages are in
``locale/<code>/LC_MESSAGES/django.po`` under the context "interviewer" (Spanish, French,
German, Portuguese), so translators work in .po files like for every other word a candidate
reads. Unknown languages fall back to English. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

import re

from django.utils.translation import override, pgettext_lazy

LANGUAGES = ("en", "es", "fr", "de", "pt")
# Said in English only: {subject} is found with English word lists.
ENGLISH_ONLY = frozenset({"dont_know_about"})

# Translated when said (lazily), in the language `phrase` is asked for.
LINES = {
    "greeting": pgettext_lazy(
        "interviewer",
        (
            "Hi {candidate}! I'm {interviewer}{company}. Thanks for joining this interview for "
            "the {title} role. {overviews}I'll ask you a few questions; take your time with each "
            "answer. Let's start: {question}"
        ),
    ),
    "company": pgettext_lazy("interviewer", " from {company}"),
    "transition": pgettext_lazy("interviewer", "Next question: {question}"),
    "move_on": pgettext_lazy("interviewer", "Thank you, that's helpful."),
    "closing": pgettext_lazy(
        "interviewer",
        (
            "Thank you, {candidate}, that was my last question. We appreciate your time; the "
            "team will review your interview and be in touch about next steps. Goodbye!"
        ),
    ),
    "repeat": pgettext_lazy("interviewer", "Of course. Here it is again: {question}"),
    "ask_more": pgettext_lazy(
        "interviewer", "Could you tell me a bit more? What exactly happened, and what did you do?"
    ),
    "ask_example": pgettext_lazy(
        "interviewer", "Can you give me a specific example from your own experience?"
    ),
    "ask_result": pgettext_lazy(
        "interviewer", "What was the result? If you can, put a number on the outcome."
    ),
    "ask_personal": pgettext_lazy(
        "interviewer", "What did you personally do in that situation, as opposed to the team?"
    ),
    "ask_point": pgettext_lazy("interviewer", "What about {point}? How did that come into it?"),
    "ask_topic": pgettext_lazy("interviewer", "Could you also tell me about {point}?"),
    "deepen": pgettext_lazy(
        "interviewer", "Looking back, what would you do differently next time, and why?"
    ),
    "named": pgettext_lazy("interviewer", "{candidate}, "),
    "ack_2": pgettext_lazy("interviewer", "Okay, thank you."),
    "ack_3": pgettext_lazy("interviewer", "Thanks for that."),
    "ack_4": pgettext_lazy("interviewer", "Understood, thank you."),
    "answer_lead": pgettext_lazy("interviewer", "Good question."),
    "answer_lead_2": pgettext_lazy("interviewer", "Sure, I can tell you that."),
    "dont_know_2": pgettext_lazy(
        "interviewer",
        (
            "I'm afraid I don't know that one. It's on my list for the recruiter, who will get "
            "back to you."
        ),
    ),
    "dont_know": pgettext_lazy(
        "interviewer",
        (
            "That's a fair question, but I don't have that information. I've noted it, and the "
            "recruiter will follow up with you."
        ),
    ),
    "back_1": pgettext_lazy("interviewer", "Now, back to my question about {topic}."),
    "back_2": pgettext_lazy("interviewer", "Let's return to {topic} whenever you're ready."),
    "back_3": pgettext_lazy("interviewer", "Coming back to {topic}: go ahead when you're ready."),
    "answer_lead_3": pgettext_lazy("interviewer", "Happy to answer that."),
    "dont_know_3": pgettext_lazy(
        "interviewer",
        (
            "I don't have an answer to that here. The recruiter will see your question and reply "
            "to you."
        ),
    ),
    "dont_know_4": pgettext_lazy(
        "interviewer",
        (
            "Good question — I can't answer it from what I have. I've passed it on, and the "
            "recruiter will follow up."
        ),
    ),
    "told_before": pgettext_lazy(
        "interviewer", "As I mentioned a moment ago, that's what I know about it."
    ),
    "dont_know_about": (  # not marked: see ENGLISH_ONLY
        "I'm afraid I don't have information about the {subject}, but I've noted your "
        "question and the recruiter will follow up with you."
    ),
    "rephrase": pgettext_lazy(
        "interviewer", "Let me put it differently: tell me, in your own words, about {topic}."
    ),
    # Said after a long silence in a spoken interview: a nudge, never a skip.
    "listening": pgettext_lazy(
        "interviewer", "Take your time. I'm listening whenever you're ready."
    ),
    "listening_2": pgettext_lazy(
        "interviewer",
        "If you like, I can repeat the question, or you can type your answer in the box below.",
    ),
    # The device check's test phrase.
    "voice_check": pgettext_lazy(
        "interviewer", "Hi, I'm {interviewer}. This is how I will sound in your interview."
    ),
}

# "Could you repeat that?" in the supported languages. Matched against short utterances only, so a
# long answer that merely contains "again" is not mistaken for a request.
REPEAT_PATTERNS = re.compile(
    r"\b(repeat|say (that|it) again|come again|pardon|didn'?t (catch|hear|get)"
    r"|what was the question|can you rephrase|rephrase|one more time"
    r"|repetir|repite|puede repetir|no (te|le) (he )?(entend|escuch)|otra vez"
    r"|répéter|répétez|pouvez-vous répéter|je n'ai pas compris|encore une fois"
    r"|wiederholen|noch ?mal|nicht verstanden|wie bitte"
    r"|repetir|repete|pode repetir|não entendi|de novo)\b",
    re.IGNORECASE,
)


SHORT_REPEATS = frozenset(
    {"sorry", "what", "pardon", "huh", "excuse me", "perdón", "comment", "bitte"}
)


def language_of(code: str) -> str:
    """Map a posting language ("pt-BR", "de") to a supported one, English by default."""
    base = (code or "en").lower().split("-")[0].split("_")[0]
    return base if base in LANGUAGES else "en"


def phrase(language: str, key: str, **values: str) -> str:
    with override(language_of(language)):
        return str(LINES[key]).format(**values)


def is_repeat_request(text: str) -> bool:
    """True when a short candidate utterance asks for the question to be repeated."""
    stripped = (text or "").strip()
    if not stripped or len(stripped.split()) > 14:
        return False
    if stripped.lower().rstrip("?!. ") in SHORT_REPEATS:
        return True
    return bool(REPEAT_PATTERNS.search(stripped))
