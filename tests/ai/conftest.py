from __future__ import annotations

from collections.abc import Iterator

import pytest

from heymilo.ai.base import PostingContext, QuestionSpec, Turn
from heymilo.ai.fallback import FallbackEngine
from heymilo.ai.openai_engine import OpenAIEngine
from tests.ai.fake_openai import FakeOpenAI

CSR_POSTING = PostingContext(
    title="Customer Service Representative",
    description=(
        "We are hiring Customer Service Representatives to join our support team. The ideal "
        "candidate has 1+ years of experience in customer-facing roles, strong verbal and written "
        "communication skills, and the ability to de-escalate tense situations. This role handles "
        "inbound calls and live chat for our SaaS platform. Must be comfortable with CRM tools and "
        "have a stable internet connection for remote work."
    ),
    company_overview="BrightDesk is a fast-growing SaaS company providing helpdesk software.",
    job_overview=(
        "Handle inbound support tickets and calls, troubleshoot product issues, and deliver an "
        "exceptional customer experience."
    ),
    interviewer_name="Sarah",
    language="en",
    company_name="BrightDesk",
)

UNHAPPY_CUSTOMER = QuestionSpec(
    id="Q001",
    text=(
        "Tell me about a time you turned an unhappy customer into a satisfied one. What was the "
        "situation and what did you do?"
    ),
    evaluation_criteria=(
        "Assess empathy, problem-solving, and de-escalation ability. Look for a specific example "
        "with a clear resolution."
    ),
    score_of_1="Cannot provide an example or describes a negative interaction with no resolution.",
    score_of_5=(
        "Describes a detailed scenario showing active listening, empathy, creative "
        "problem-solving, and a positive outcome."
    ),
    min_follow_ups=1,
    max_follow_ups=2,
)

STRONG_ANSWER = (
    "At my last job at a retail company, I had a customer who was furious because her order was "
    "delayed by two weeks. I listened to her without interrupting, apologized sincerely and told "
    "her I understood how frustrating it was. Then I checked the warehouse system, found the "
    "package was stuck, and arranged express shipping at no cost plus a 15% discount. I followed "
    "up the next day, and she thanked me and left a five-star review."
)
WEAK_ANSWER = "I don't really remember. Customers are sometimes unhappy, I guess they just wait."


def dialogue(question: QuestionSpec, *answers: str) -> list[Turn]:
    turns = [Turn("interviewer", question.text, 0.0)]
    for index, answer in enumerate(answers):
        turns.append(Turn("candidate", answer, 5.0 + 30.0 * index))
    return turns


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def remote(fake: FakeOpenAI) -> OpenAIEngine:
    return OpenAIEngine(
        base_url=fake.base_url,
        api_key="test-key",
        model="chat-model",
        scoring_model="scoring-model",
        timeout=1.0,
        max_retries=2,
        backoff=0.01,
    )


@pytest.fixture
def engine(remote: OpenAIEngine) -> FallbackEngine:
    return FallbackEngine(remote)
