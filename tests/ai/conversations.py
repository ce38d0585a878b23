"""Scripted interviews, played through an engine the way the interview page drives it, and
measured: follow-ups grounded in the answer, rubric quotes, repeated sentences, candidate
questions answered. Used by ``tests/ai/test_conversations.py`` and ``bench/ai_quality.py``.

Each candidate utterance goes through ``respond_to_candidate`` first (one call per utterance); an
answer then goes to ``next_turn``. ``expect`` says what each utterance is: ``answer``,
``question`` (the posting answers it: the reply must contain the ``facts`` entry), ``unknown`` (a
question the posting does not answer: the interviewer must say so), ``rephrase`` or ``repeat``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from heymilo.ai.base import PostingContext, QuestionSpec, Turn
from heymilo.ai.lines import quotes_rubric, sentences_of
from heymilo.ai.text import content_terms
from tests.ai.cases import CASES, Case

POSTING = PostingContext(
    title="Support Engineer",
    description=(
        "We are hiring a Support Engineer to help small SaaS teams get the most from BrightDesk. "
        "You will troubleshoot product issues, handle escalations and improve our help centre. "
        "Experience with CRM or helpdesk tools is required. This is a fully remote role within "
        "European time zones."
    ),
    company_overview=(
        "BrightDesk is a fast-growing SaaS company providing helpdesk software to 4,000 small "
        "businesses."
    ),
    job_overview=(
        "The support team is eight support engineers across Europe and the US. Engineers join a "
        "weekly on-call rotation after their first three months, one week in six. The salary "
        "range is €55,000 to €68,000 plus equity."
    ),
    interview_process_overview=(
        "The process has three steps: this AI interview, a technical conversation with the team "
        "lead, and a final call with a founder. We aim to reply within five working days."
    ),
    interviewer_name="Sarah",
    company_name="BrightDesk",
)

# (candidate question, the words the interviewer's answer must contain)
ANSWERABLE = (
    ("What does the on-call rotation look like?", "one week in six"),
    ("Sorry, before I answer — what's the salary range for this role?", "€55,000"),
    ("Is this position remote?", "fully remote"),
    ("What are the next steps after this interview?", "team lead"),
    ("How big is the team I'd be joining?", "eight support engineers"),
    ("How long until I hear back from you?", "five working days"),
    ("Can I ask how many customers you have?", "4,000"),
    ("Quick question: what does the company do?", "helpdesk software"),
)
UNANSWERABLE = (
    "Do you sponsor work visas?",
    "What laptop will I get?",
    "Is there a gym membership?",
    "Do you offer parental leave?",
    "Can I bring my dog to work?",
    "What is the dress code?",
    "Do you pay for conferences?",
    "Is there a pension plan?",
)
REPHRASE = "Sorry, I don't understand the question — could you rephrase it?"
REPEAT = "Could you repeat that?"


@dataclass(frozen=True)
class Segment:
    question: QuestionSpec
    utterances: tuple[str, ...]
    expect: tuple[str, ...]
    facts: tuple[str, ...] = ()  # for each expected "question", the words its answer must contain


@dataclass(frozen=True)
class Conversation:
    name: str
    segments: tuple[Segment, ...]
    posting: PostingContext = POSTING


def _scripts(case: Case, index: int) -> list[Conversation]:
    question, fact = ANSWERABLE[index % len(ANSWERABLE)]
    unknown = UNANSWERABLE[index % len(UNANSWERABLE)]
    q = case.question
    return [
        Conversation(
            f"{case.name}: weak then strong",
            (Segment(q, (case.weak, case.strong), ("answer", "answer")),),
        ),
        Conversation(
            f"{case.name}: asks about the job first",
            (Segment(q, (question, case.strong), ("question", "answer"), (fact,)),),
        ),
        Conversation(
            f"{case.name}: asks to rephrase",
            (Segment(q, (REPHRASE, case.paraphrase), ("rephrase", "answer")),),
        ),
        Conversation(
            f"{case.name}: unknown question, repeat, two answers",
            (
                Segment(
                    q,
                    (unknown, REPEAT, case.weak, case.strong),
                    ("unknown", "repeat", "answer", "answer"),
                ),
            ),
        ),
    ]  # fmt: skip


def _whole_interview(cases: list[Case], name: str, answer: str) -> Conversation:
    segments = tuple(
        Segment(case.question, (getattr(case, answer), case.strong), ("answer", "answer"))
        for case in cases
    )
    return Conversation(name, segments)


def _curious_interview(cases: list[Case]) -> Conversation:
    """A candidate who asks something before every answer, known and unknown in turn."""
    segments = []
    for i, case in enumerate(cases):
        if i % 2:
            asked, expect, facts = UNANSWERABLE[i // 2 % len(UNANSWERABLE)], "unknown", ()
        else:
            asked, fact = ANSWERABLE[i // 2 % len(ANSWERABLE)]
            expect, facts = "question", (fact,)
        utterances = (asked, case.weak, case.paraphrase)
        segments.append(Segment(case.question, utterances, (expect, "answer", "answer"), facts))
    return Conversation("whole interview, a question before every answer", tuple(segments))


def conversations_of(cases: list[Case]) -> list[Conversation]:
    """Four short scripts per case, then three whole interviews over all of them."""
    return [
        *(conversation for i, case in enumerate(cases) for conversation in _scripts(case, i)),
        _whole_interview(cases, "whole interview, weak answers first", "weak"),
        _whole_interview(cases, "whole interview, strong answers", "strong"),
        _curious_interview(cases),
    ]


CONVERSATIONS: list[Conversation] = conversations_of(CASES)


# -- playing and measuring ----------------------------------------------------------------------


@dataclass
class Tally:
    follow_ups: int = 0
    grounded: int = 0  # the follow-up takes up something the candidate said
    asks_missing: int = 0  # asks, in plain words, for a rubric part the answer lacked
    on_point: int = 0  # one or the other
    rubric_quotes: int = 0
    repeats: int = 0
    questions: int = 0
    answered: int = 0  # answerable questions answered with the right facts
    unknowns: int = 0
    honest: int = 0  # unanswerable questions met with "I don't know, the recruiter will follow up"
    utterances: int = 0
    classified: int = 0  # utterances whose kind the engine got right
    not_questions: int = 0  # follow-ups that do not end with "?"
    lines: list[str] = field(default_factory=list)  # every interviewer line, for inspection


def play(engine, conversation: Conversation, tally: Tally) -> list[Turn]:
    """Run the conversation through the engine; count what it did into ``tally``."""
    history: list[Turn] = []
    for segment in conversation.segments:
        history += _play_segment(engine, conversation.posting, segment, history, tally)
    _count_repeats(history, tally)
    return history


def _play_segment(engine, posting, segment: Segment, history: list[Turn], tally: Tally):
    question = segment.question
    dialogue = [Turn("interviewer", question.text)]
    facts = iter(segment.facts)
    asked = 0
    for text, expected in zip(segment.utterances, segment.expect, strict=True):
        reply = engine.respond_to_candidate(
            posting=posting, question=question, dialogue=dialogue, text=text, history=history
        )
        _count_reply(reply, expected, facts, tally)
        if reply.kind != "answer":
            dialogue += [Turn("candidate", text), Turn("interviewer", reply.utterance)]
            continue
        dialogue.append(Turn("candidate", text))
        decision = engine.next_turn(
            posting=posting, question=question, dialogue=dialogue, follow_ups_asked=asked,
            candidate_name="Priya", history=history,
        )  # fmt: skip
        dialogue.append(Turn("interviewer", decision.utterance))
        tally.lines.append(decision.utterance)
        if decision.action != "follow_up":
            break
        asked += 1
        _count_follow_up(decision.utterance, text, question, tally)
    return dialogue


def _count_reply(reply, expected: str, facts, tally: Tally) -> None:
    tally.utterances += 1
    kind = "question" if expected == "unknown" else expected
    tally.classified += reply.kind == kind
    if expected == "question":
        fact = next(facts)
        tally.questions += 1
        tally.answered += reply.kind == "question" and reply.answered and fact in reply.utterance
    if expected == "unknown":
        tally.unknowns += 1
        tally.honest += reply.kind == "question" and not reply.answered
    if reply.utterance:
        tally.lines.append(reply.utterance)


def _count_follow_up(utterance: str, answer: str, question: QuestionSpec, tally: Tally) -> None:
    tally.follow_ups += 1
    said = set(content_terms(utterance))
    asked_already = set(content_terms(question.text))
    rubric = set(
        content_terms(f"{question.evaluation_criteria} {question.score_of_5} {question.score_of_1}")
    )
    answer_terms = set(content_terms(answer))
    grounded = bool(said & (answer_terms - asked_already))
    asks_missing = bool(said & (rubric - answer_terms - asked_already))
    tally.grounded += grounded
    tally.asks_missing += asks_missing
    tally.on_point += grounded or asks_missing
    tally.rubric_quotes += quotes_rubric(utterance, question)
    tally.not_questions += not utterance.rstrip().endswith("?")


def _count_repeats(turns: list[Turn], tally: Tally) -> None:
    """Sentences the interviewer said twice. The question itself may come back only when the
    candidate asked for it to be repeated."""
    seen: set[str] = set()
    for turn in turns:
        if turn.speaker != "interviewer" or turn.text.startswith("Of course. Here it is again"):
            continue
        for sentence in sentences_of(turn.text):
            tally.repeats += sentence in seen
            seen.add(sentence)


def play_all(engine, conversations: list[Conversation] = CONVERSATIONS) -> Tally:
    tally = Tally()
    for conversation in conversations:
        play(engine, conversation, tally)
    return tally
