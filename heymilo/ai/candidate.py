"""The candidate's own turns that are not answers: questions to the interviewer, "could you
rephrase that?", "could you repeat that?".

The local engine classifies an utterance by its form (a short question addressed to the
interviewer or about the job), answers a question with the posting sentences that share its key
words (overviews, reference-only ones included, and the description) or says honestly that it does
not know and the recruiter will follow up, then returns to the question.
"""

from __future__ import annotations

import re

from heymilo.ai.base import PostingContext, QuestionSpec, Turn, UtteranceKind
from heymilo.ai.chunks import noun_phrases
from heymilo.ai.explain import topic as explain_topic
from heymilo.ai.lines import sentences_of
from heymilo.ai.phrases import is_repeat_request, language_of, phrase
from heymilo.ai.text import canonical, content_terms, numbers, sentences, words

REPHRASE_RE = re.compile(
    r"\b(rephrase|re-phrase|reword|put (it|that) (another way|differently)|in other words"
    r"|what do you mean|(don'?t|do not) (quite )?understand( the question)?|not sure what you mean"
    r"|clarify (the|your) question|explain the question|what are you asking|say it differently"
    r"|otra forma|no entiendo la pregunta|reformular|reformuler|je ne comprends pas la question"
    r"|anders formulieren|verstehe die frage nicht|outra forma|não entendi a pergunta)\b",
    re.IGNORECASE,
)
ASKING_RE = re.compile(
    r"\b(can|could|may) i ask\b|\bi('m| am| was)? wonder(ing)?\b|\bi'?d like to know\b"
    r"|\bquick question\b|\bbefore i answer\b",
    re.IGNORECASE,
)
# Words that make a question about the job or the interview rather than a rhetorical one.
JOB_WORDS = frozenset(
    content_terms(
        "you your role job position team company pay salary compensation benefits remote office "
        "hybrid hours schedule shift on-call rotation process interview next steps start date "
        "manager training onboarding tools stack equity bonus vacation travel customers product "
        "location visa contract"
    )
)
# Topic words folded together so "pay" finds "salary" and "on-call" finds "rotation".
TOPICS = (
    ("pay", "salary", "compensation", "wage", "bonus", "equity", "range", "paid", "earn"),
    ("remote", "hybrid", "office", "onsite", "home", "location", "relocate", "where"),
    ("hours", "schedule", "shift", "weekend", "on-call", "oncall", "rotation", "pager", "night"),
    ("team", "colleagues", "manager", "report", "engineers", "people"),
    (
        "process",
        "interview",
        "stages",
        "steps",
        "next",
        "timeline",
        "hear",
        "decision",
        "rounds",
        "reply",
        "respond",
        "response",
        "feedback",
    ),
    ("benefits", "vacation", "holiday", "pto", "insurance", "health", "leave", "pension"),
    ("training", "onboarding", "mentor", "mentoring", "ramp", "learn", "growth"),
    ("tools", "stack", "technology", "software", "language", "languages"),
    ("customers", "clients", "businesses", "users", "accounts"),
)
TOPIC_OF = {canonical(w): group[0] for group in TOPICS for w in group}
# Words too general to decide which sentence answers ("what does the role look like?").
GENERIC = frozenset(
    content_terms(
        "what how when where who which why look like tell know ask question wonder role job "
        "position company work working thing things kind sort day typical quick sorry curious "
        "possible join joining big many much long get offer back answer what's how's who's "
        "where's when's"
    )
)


def classify(text: str) -> UtteranceKind:
    """What a candidate utterance is: an answer, a question to the interviewer, a request to
    rephrase the question or to repeat it."""
    stripped = (text or "").strip()
    short = len(words(stripped)) <= 30
    if short and REPHRASE_RE.search(stripped):
        return "rephrase"
    if is_repeat_request(stripped):
        return "repeat"
    if asks_interviewer(stripped):
        return "question"
    return "answer"


def asks_interviewer(text: str) -> bool:
    """A short utterance that asks something (a "?" or "can I ask…") and says little else:
    "What does the on-call rotation look like?". A question followed by an answer ("What would
    I do? First I'd…") is an answer."""
    if not text or len(words(text)) > 40:
        return False
    said = sentences(text)
    asked = [s for s in said if s.endswith("?")]
    if not asked and not ASKING_RE.search(text):
        return False
    statements = [s for s in said if not s.endswith("?")]
    return sum(len(words(s)) for s in statements) <= 15


def answers_only(dialogue: list[Turn]) -> list[Turn]:
    """The dialogue without the candidate's questions, rephrase and repeat requests and the
    interviewer's replies to them: what the candidate is scored on and followed up on."""
    kept: list[Turn] = []
    skip_reply = False
    for turn in dialogue:
        if turn.speaker == "candidate" and classify(turn.text) != "answer":
            skip_reply = True
            continue
        if turn.speaker == "interviewer" and skip_reply:
            skip_reply = False
            continue
        kept.append(turn)
    return kept


# -- answering from the posting -----------------------------------------------------------------


def posting_sentences(posting: PostingContext) -> list[str]:
    """Every sentence the interviewer may answer from: the overviews (whatever their delivery
    mode: reference-only ones exist for exactly this) and the description."""
    texts = (
        posting.company_overview,
        posting.job_overview,
        posting.interview_process_overview,
        posting.description,
    )
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+|\n+", text or "") if s.strip()]


def _keys(text: str) -> set[str]:
    return {TOPIC_OF.get(t, t) for t in content_terms(text)}


def answer_sources(posting: PostingContext, text: str) -> list[str]:
    """The posting sentences that answer a candidate's question: those sharing the most of its
    specific key words (at least one). A question with no specific word ("tell me about the
    role") gets the job overview's opening."""
    keys = _keys(text) - {TOPIC_OF.get(t, t) for t in GENERIC}
    found = posting_sentences(posting)
    if not keys:
        return _role_opening(posting, text)
    scored = [(len(keys & _keys(s)), i, s) for i, s in enumerate(found)]
    best = max((hits for hits, _, _ in scored), default=0)
    # Half an answer is a wrong answer: "do you pay for conferences?" is not about the salary.
    if best == 0 or best < min(len(keys), 2):
        return []
    tied = [s.strip() for hits, _, s in scored if hits == best]
    # "How many customers?" wants the sentence that counts them ("5,000 businesses"), not a duty
    # that names customers, nor another count ("1+ years in a customer-facing role").
    counted = [s for s in tied if _counts(s, keys)] if QUANTITY_QUESTION_RE.search(text) else []
    return (counted or tied)[:2]


def _counts(sentence: str, keys: set[str]) -> bool:
    """A number in the sentence with one of these keys among the three words after it."""
    tokens = sentence.split()
    return any(
        numbers(token) and keys & _keys(" ".join(tokens[i + 1 : i + 4]))
        for i, token in enumerate(tokens)
    )


def _role_opening(posting: PostingContext, text: str) -> list[str]:
    about_company = "company" in text.lower()
    source = posting.company_overview if about_company else posting.job_overview
    opening = re.split(r"(?<=[.!?])\s+", (source or posting.description).strip())[:2]
    return [s for s in opening if s]


def reply_to_question(
    posting: PostingContext, question: QuestionSpec, text: str, said: set[str]
) -> tuple[str, bool, tuple[str, ...]]:
    """(what the interviewer says, answered?, the posting sentences it relied on)."""
    sources = answer_sources(posting, text)
    language = posting.language
    if sources:
        new = [s for s in sources if not set(sentences_of(s)) & said]
        if new:
            leads = ("answer_lead", "answer_lead_2", "answer_lead_3")
            reply = f"{fresh(language, leads, said, optional=True)} {' '.join(new)}".strip()
        else:
            reply = _told_before(language, sources, said)
    else:
        reply = dont_know(language, text, said)
    topic = explain_topic(question) if language_of(language) == "en" else ""
    back = fresh(language, ("back_1", "back_2", "back_3"), said, topic=topic)
    return f"{reply} {back}".strip(), bool(sources), tuple(sources)


def _told_before(language: str, sources: list[str], said: set[str]) -> str:
    """Asked again what was answered already: the same facts, as a person would say them."""
    if language_of(language) == "en":
        # One sentence ("…; we aim to…"), so none of it was said word for word before.
        lower = lambda m: m.group(0).lower()  # noqa: E731
        facts = [sources[0].rstrip(".!?")]
        facts += [LEAD_WORD_RE.sub(lower, source.rstrip(".!?")) for source in sources[1:]]
        line = f"As I mentioned a moment ago: {'; '.join(facts)}."
        return "" if set(sentences_of(line)) & said else line
    return fresh(language, ("told_before",), said, optional=True)


def dont_know(language: str, text: str, said: set[str]) -> str:
    """An honest "I don't know", naming what was asked when it has a name ("the dress code")."""
    # The subject is named in the candidate's own (English) words; other languages get a plain line.
    subjects = noun_phrases(text, frozenset(content_terms(" ".join(GENERIC_WORDS))))
    if subjects and language_of(language) == "en":
        subject = QUANTITY_RE.sub("", subjects[0]) or subjects[0]
        if re.search(r"\bhow many\b", text, re.IGNORECASE):
            subject = f"number of {subject}"
        line = phrase(language, "dont_know_about", subject=subject)
        if not set(sentences_of(line)) & said:
            return line
    return fresh(language, ("dont_know", "dont_know_2", "dont_know_3", "dont_know_4"), said)


QUANTITY_QUESTION_RE = re.compile(
    r"\bhow (?:many|much|long|big|large|soon|often)\b|\bwhat(?:'s| is) the (?:size|range)\b",
    re.IGNORECASE,
)
LEAD_WORD_RE = re.compile(r"^(?:We|The|This|These|It|Its|Our|You|Your|They|There)\b")
QUANTITY_RE = re.compile(r"^(?:many|much|few|several|some|any)\s+", re.IGNORECASE)


def fresh(
    language: str, keys: tuple[str, ...], said: set[str], *, optional: bool = False, **values: str
) -> str:
    """The first of these phrases with no sentence already said; when all were said, nothing
    if the line is `optional` (a lead-in), else the last."""
    options = [phrase(language, key, **values) for key in keys]
    unsaid = (o for o in options if not set(sentences_of(o)) & said)
    return next(unsaid, "" if optional else options[-1])


# -- rephrasing and repeating -------------------------------------------------------------------

LEADS = (
    (
        re.compile(
            r"^(?:tell me about|describe|share|give me an example of|walk me through)\s+(?:a|one)"
            r"\s+(?:time|situation|moment|occasion)\s+(?:when\s+|where\s+|that\s+)?you\s+(.+)$",
            re.I,
        ),
        "Put simply: think of one real moment when you {rest}. What happened, and what did you "
        "do yourself?",
    ),
    (
        re.compile(r"^(?:walk me through )?how (?:would you|you would)\s+(.+)$", re.I),
        "Put another way: if you had to {rest}, what would you do first, and what after that?",
    ),
    (
        re.compile(r"^how do you\s+(.+)$", re.I),
        "In other words: what steps do you take to {rest}?",
    ),
    (
        re.compile(r"^(?:tell me about|describe)\s+(.+)$", re.I),
        "In other words: walk me through {rest}, from start to finish. What stands out?",
    ),
    (
        re.compile(
            r"^why (?:are you|do you want to be)\s+(?:interested in|applying for)\s+(.+)$", re.I
        ),
        "In other words: what draws you to {rest}, and why now?",
    ),
)


def rephrase(question: QuestionSpec, language: str) -> str:
    """The current question in other plain words (never the same sentence)."""
    first = sentences(question.text)[0] if sentences(question.text) else question.text
    core = first.rstrip("?.! ")
    if language_of(language) == "en":
        for pattern, template in LEADS:
            match = pattern.match(core)
            if match:
                return template.format(rest=match.group(1).rstrip("?.! "))
    if language_of(language) == "en":
        return phrase(language, "rephrase", topic=_topic_words(question.text))
    # No word lists for other languages yet: a plain request in the posting's language.
    return phrase(language, "rephrase")


def _topic_words(text: str) -> str:
    """The question's subject as a short run of its own words ("unhappy customer satisfied")."""
    kept = [
        w
        for w in re.findall(r"[\wÀ-ÿ'-]+", text)
        if content_terms(w) and w.lower() not in GENERIC_WORDS
    ]
    return " ".join(kept[:6]).lower()


GENERIC_WORDS = frozenset(
    """
    tell describe time situation walk through give example share talk would could please
    explain what how why when which who your you
    """.split()  # noqa: SIM905 - a word list reads better as prose
)


def repeat(posting: PostingContext, question: QuestionSpec, dialogue: list[Turn]) -> str:
    """The question being answered, again: the last thing asked (not a reply to the candidate's
    own question), without the thanks or greeting around it."""
    asked = [t.text for t in answers_only(dialogue) if t.speaker == "interviewer"]
    last = asked[-1] if asked else question.text
    if question.text in last:
        last = question.text
    else:
        questions = [s for s in re.split(r"(?<=[.!?])\s+", last) if s.endswith("?")]
        last = " ".join(questions) or last
    return phrase(posting.language, "repeat", question=last)
