"""Interview questions with recruiter rubrics and scripted answers, for scoring and gaming checks.

Each case has a strong answer, the same answer paraphrased in other words, a weak answer and an
off-topic story. ``stuffed`` strings the rubric's own words together, as a candidate gaming the
engine would. Used by ``tests/ai/test_scoring_rules.py`` and ``bench/ai_quality.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heymilo.ai.base import QuestionSpec


@dataclass(frozen=True)
class Case:
    name: str
    question: QuestionSpec
    strong: str
    paraphrase: str
    weak: str


OFF_TOPIC = (
    "Last year I went on holiday to Spain with my friends. For example, I visited Madrid and ate a "
    "lot of paella. As a result I gained 3 kilos, and I learned to enjoy siestas. First we flew, "
    "then we took the train, and finally I came home happy."
)
ONE_WORD = "Yes."

CASES = [
    Case(
        "unhappy-customer",
        QuestionSpec(
            id="Q001",
            text=(
                "Tell me about a time you turned an unhappy customer into a satisfied one. What "
                "was the situation and what did you do?"
            ),
            evaluation_criteria=(
                "Assess empathy, problem-solving, and de-escalation ability. Look for a specific "
                "example with a clear resolution."
            ),
            score_of_1=(
                "Cannot provide an example or describes a negative interaction with no resolution."
            ),
            score_of_5=(
                "Describes a detailed scenario showing active listening, empathy, creative "
                "problem-solving, and a positive outcome."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "At my last job at a retail company, I had a customer who was furious because her "
            "order was delayed by two weeks. I listened to her without interrupting, apologized "
            "sincerely and told her I understood how frustrating it was. Then I checked the "
            "warehouse system, found the package was stuck, and arranged express shipping at no "
            "cost plus a 15% discount. I followed up the next day, and she thanked me and left a "
            "five-star review."
        ),
        paraphrase=(
            "In my previous role in retail, a shopper was angry since her parcel was two weeks "
            "late. I let her vent without cutting in, said sorry and that I could see why she was "
            "upset. Next I looked up the stock system, discovered the box was held up in the "
            "depot, and got it sent by courier for free with 15% off. I called her the following "
            "morning; she was grateful and posted a five-star rating."
        ),
        weak="I don't really remember. Customers are sometimes unhappy, I guess they just wait.",
    ),
    Case(
        "triage",
        QuestionSpec(
            id="Q002",
            text=(
                "How do you prioritize when you have multiple customers waiting for help at the "
                "same time?"
            ),
            evaluation_criteria=(
                "Evaluate time management and ability to handle pressure. Look for a systematic "
                "approach to triage."
            ),
            score_of_1="No clear strategy; seems overwhelmed by the scenario.",
            score_of_5=(
                "Describes a clear triage system — urgency assessment, setting expectations, and "
                "efficient resolution."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "First I assess urgency: an outage that blocks a whole team comes before a billing "
            "question. I tell each waiting customer how long it will take, so expectations are "
            "set, and I resolve quick issues immediately. Last quarter this kept our first "
            "response time under 2 minutes on 40 chats a day."
        ),
        paraphrase=(
            "I start by working out what is most critical: if a whole team is blocked by an "
            "outage, that goes ahead of an invoice query. I let everyone in the queue know the "
            "expected wait, and I clear the fast ones straight away. Over the last quarter that "
            "held our first reply time below 2 minutes across 40 conversations daily."
        ),
        weak="I just take them in order, whoever came first. It can be stressful.",
    ),
    Case(
        "lost-deal",
        QuestionSpec(
            id="Q003",
            text=(
                "Tell me about a time you lost a deal. What happened, and what did you learn "
                "from it?"
            ),
            evaluation_criteria=(
                "Assess self-awareness, resilience, and ability to learn from failure. Strong "
                "candidates own the loss rather than blaming external factors."
            ),
            score_of_1=(
                "Blames the loss entirely on external factors or cannot recall a specific example."
            ),
            score_of_5=(
                "Owns the loss, provides honest self-reflection, and describes concrete changes "
                "made to their process as a result."
            ),
            min_follow_ups=1,
            max_follow_ups=1,
        ),
        strong=(
            "Last year I lost a $120K renewal because I relied on a single champion who left the "
            "company. That was my mistake: I had not multi-threaded. I learned to map every "
            "stakeholder early, and I changed my process so each deal above $50K has at least "
            "three contacts. Since then my renewal rate went from 80% to 93%."
        ),
        paraphrase=(
            "Twelve months ago a $120K renewal slipped away from me since my only sponsor quit "
            "and I had nobody else there. That one is on me: I never built other relationships. "
            "Now I identify all the decision makers at the start, and every opportunity over $50K "
            "must have three contacts or more. My renewals have risen from 80% to 93% since."
        ),
        weak=(
            "The client went with a cheaper competitor, nothing I could do really, pricing was bad."
        ),
    ),
    Case(
        "troubleshoot",
        QuestionSpec(
            id="Q004",
            text=(
                "Walk me through how you would troubleshoot a customer who says the software is "
                "not working. What questions would you ask?"
            ),
            evaluation_criteria=(
                "Assess technical troubleshooting methodology and communication clarity. Look for "
                "structured diagnostic approach."
            ),
            score_of_1="Jumps to conclusions without asking clarifying questions.",
            score_of_5=(
                "Asks smart clarifying questions (browser, error messages, steps to reproduce) "
                "and explains thinking clearly."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "First I would ask which browser and version they use and whether they see an error "
            "message, and I'd ask them to read it to me exactly. Then I'd ask for the steps to "
            "reproduce: what they clicked just before it failed, and whether it happens for "
            "colleagues too. I explain each step so they know why I'm asking, and if I can "
            "reproduce it I escalate with screenshots and logs."
        ),
        paraphrase=(
            "I'd begin by finding out what browser and which version they're on, and if any "
            "error text shows up, which I'd have them read out word for word. After that I'd get "
            "them to retrace what they did right before it broke, and check whether teammates "
            "hit it as well. I tell them why each question matters, and once I can recreate it I "
            "pass it to engineering with screenshots and logs."
        ),
        weak="I would tell them to restart the computer, that usually fixes it.",
    ),
    Case(
        "tools",
        QuestionSpec(
            id="Q005",
            text=(
                "Describe your experience with CRM or helpdesk tools. Which ones have you used "
                "and how did you use them?"
            ),
            evaluation_criteria=(
                "Gauge familiarity with support tooling (Zendesk, Freshdesk, Intercom, "
                "Salesforce, etc.). Look for practical usage, not just name-dropping."
            ),
            score_of_1="No experience with any support tools.",
            score_of_5=(
                "Experienced with multiple tools, can describe workflows like ticket routing, "
                "macros, reporting, and escalation."
            ),
            max_follow_ups=1,
        ),
        strong=(
            "I used Zendesk for two years at my last job: I built macros for the ten most common "
            "questions, set up ticket routing rules by product area, and escalated bugs to "
            "engineering. I also used Intercom for live chat and pulled weekly reports on first "
            "response time, which we cut from 4 hours to 1."
        ),
        paraphrase=(
            "For two years in my previous position I worked in Zendesk every day: I wrote canned "
            "replies for our ten most frequent questions, configured rules that sent tickets to "
            "the right product queue, and passed bugs on to the developers. I handled live chat "
            "in Intercom too and produced a weekly report on first response time, which dropped "
            "from 4 hours to 1."
        ),
        weak="No, I haven't really used any of those tools.",
    ),
    Case(
        "incident",
        QuestionSpec(
            id="Q006",
            text="Tell me about a production incident you handled while on call.",
            evaluation_criteria=(
                "Assess incident response: calm triage, communication with stakeholders, a sound "
                "decision between rollback and fix, and a blameless follow-up."
            ),
            score_of_1="Cannot name an incident, or describes panic and blame.",
            score_of_5=(
                "Describes detecting the issue, limiting customer impact quickly, communicating "
                "status, choosing rollback or fix with reasons, and a postmortem with actions."
            ),
            min_follow_ups=0,
            max_follow_ups=2,
        ),
        strong=(
            "In March our checkout error rate jumped to 12% right after a deploy, and I was "
            "paged at 2am. I posted in the incident channel, saw the errors came from the new "
            "payment client, and rolled back within ten minutes because the diff was large and a "
            "fix would take longer. Errors dropped to zero. I wrote the postmortem the next day "
            "and we added a canary stage, so the same bug would now hit 5% of traffic first."
        ),
        paraphrase=(
            "One night in March, just after a release, failed checkouts climbed to 12% and the "
            "pager woke me at 2am. I opened a thread in the incident channel, traced the failures "
            "to the new payments library, and reverted the release in under ten minutes since "
            "patching such a big change would have been slower. Failures went to zero. The next "
            "day I wrote up the review and we introduced a canary step, so a bug like that now "
            "only reaches 5% of users first."
        ),
        weak="We had some outages but the senior engineers usually fixed them, I mostly watched.",
    ),
    Case(
        "discovery",
        QuestionSpec(
            id="Q007",
            text="How would you run a discovery call with a new prospect?",
            evaluation_criteria=(
                "Evaluate discovery skills: open questions about the prospect's pain, budget, "
                "decision process and timeline, and active listening."
            ),
            score_of_1="Pitches the product immediately without asking about the prospect.",
            score_of_5=(
                "Asks open questions to uncover pain, budget, decision makers and timeline, "
                "listens and summarises, and agrees a clear next step."
            ),
            max_follow_ups=2,
        ),
        strong=(
            "I'd open by asking what made them take the call and what it costs them today when "
            "invoices get lost. Then I'd ask who else signs off, what budget they have set aside "
            "and by when they need it working. I'd play back what I heard in two sentences to "
            "check I got it right, and before we hang up I'd book a 30-minute demo with their "
            "finance lead for the following week."
        ),
        paraphrase=(
            "My first question would be why they agreed to talk and how much lost invoices set "
            "them back now. After that I'd find out who else has to approve, how much money is "
            "earmarked and what their deadline is. I'd repeat their situation back in a couple "
            "of sentences to confirm I understood, and I wouldn't end without a 30-minute demo "
            "in the calendar with their head of finance the week after."
        ),
        weak="I'd show them our product and explain the features, then send the pricing.",
    ),
    Case(
        "motivation",
        QuestionSpec(
            id="Q008",
            text="Why are you interested in the Support Engineer role at BrightDesk?",
            evaluation_criteria="Assess genuine motivation and understanding of the role.",
            score_of_1="Generic answer with no connection to the role or company.",
            score_of_5=(
                "Shows genuine interest in the role, knowledge of the company and a clear link "
                "to their own experience and goals."
            ),
            max_follow_ups=1,
        ),
        strong=(
            "I've used BrightDesk's helpdesk at my current job for three years, and the "
            "automation rules saved our team hours every week. Support engineering is where I "
            "do my best work: I like reproducing bugs and writing the fix-up guides. I want to "
            "move from using the product to improving it, and your focus on small SaaS teams is "
            "exactly the customers I've served."
        ),
        paraphrase=(
            "For three years my present employer has run on the BrightDesk helpdesk, and its "
            "automation rules gave us back hours each week. I'm at my best in support "
            "engineering: recreating defects and documenting workarounds is what I enjoy. I'd "
            "like to go from being a user to making it better, and you serve small SaaS teams, "
            "which are precisely the clients I've looked after."
        ),
        weak="I need a job and this one looks fine. The salary is good.",
    ),
]


def stuffed(question: QuestionSpec) -> str:
    """An answer that strings the rubric's own words together without saying anything specific."""
    rubric = f"{question.evaluation_criteria} {question.score_of_5}"
    words = [w for w in re.findall(r"[A-Za-z-]+", rubric) if len(w) > 3]
    unique = list(dict.fromkeys(w.lower() for w in words))
    return "I always show " + ", ".join(unique[:-1]) + " and " + unique[-1] + "."
