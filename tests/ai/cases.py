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
    # Written by a second author who never saw the engine, as a held-out set; measuring it
    # showed rubric-stuffing answers scoring 5 under checklists and model answers and a
    # description ("Treats the request…") read as a model answer. Both were fixed, so these
    # cases are tuning cases now; tests/ai/cases_held_out.py holds the next, unseen set.
    Case(
        name="icu-handover",
        question=QuestionSpec(
            id="H001",
            text=(
                "Tell me about a time you picked up on a patient deteriorating around shift "
                "handover. What did you notice and what did you do?"
            ),
            evaluation_criteria=(
                "Assess clinical judgement, escalation and communication in a critical-care "
                "setting. Look for early recognition of warning signs, a structured escalation "
                "(for example SBAR or an early-warning score) and a clear patient outcome."
            ),
            score_of_1=(
                "Has no real example, relies entirely on the previous nurse's report, or waits "
                "for someone else to act."
            ),
            score_of_5=(
                "Describes a specific patient, the observations that worried them, a prompt and "
                "structured escalation to the medical team, and what changed for the patient and "
                "for handover practice afterwards."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "On a night shift last winter I took over a 68-year-old man after bowel surgery, and "
            "the day nurse said he was stable. When I did my own checks at 19:30 his heart rate "
            "had gone from 88 to 118, his pressure was 92 over 50 and he'd only passed 40 mils of "
            "urine in two hours, so his NEWS was 7. I called the registrar straight away using "
            "SBAR, started the prescribed fluid bolus and sent off a lactate and cultures. It "
            "turned out to be an early anastomotic leak and he was back in theatre by midnight. "
            "Afterwards I suggested adding urine output to our handover sheet, and the unit "
            "adopted it."
        ),
        paraphrase=(
            "A 68-year-old who'd had bowel surgery was handed to me at the start of a night shift "
            "last winter, described as stable. I still did my own assessment around half past "
            "seven: heart rate 118, up from 88, blood pressure 92/50 and just 40 mils of urine "
            "over two hours, which gave a NEWS of 7. I rang the registrar immediately with a "
            "structured SBAR call, got the fluid bolus he'd prescribed running and requested "
            "cultures and a lactate. The join from his surgery had begun to leak, and by midnight "
            "he was in theatre. Since then, on my suggestion, urine output is a line on our "
            "unit's handover sheet."
        ),
        weak=(
            "I always check my patients, and if something looks wrong I tell the doctor. "
            "Handover is really important, so I listen carefully to the other nurse."
        ),
    ),
    Case(
        name="warehouse-cutoff",
        question=QuestionSpec(
            id="H002",
            text=(
                "Two of your pickers call in sick and you have a backlog of about 300 orders that "
                "must make the 6 pm carrier cutoff. How would you run that shift?"
            ),
            evaluation_criteria=(
                "Planning under pressure; labour reallocation; prioritisation against deadlines; "
                "safety and accuracy; communication with other teams."
            ),
            score_of_1=(
                "Just tells the team to work faster, ignores the cutoff, or cuts corners on safety."
            ),
            score_of_5=(
                "A strong answer covers:\n"
                "- Re-planning labour (moving cross-trained staff, overtime, stepping in)\n"
                "- Prioritising orders by carrier cutoff or customer promise\n"
                "- Keeping safety and accuracy checks in place under pressure\n"
                "- Warning customer service or transport early about orders at risk"
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "First I'd pull the wave report in the WMS and split the orders by carrier, because "
            "not everything goes on the 6 pm truck. I actually had this last November: two pickers "
            "out, 280 orders. I moved one person from returns and one from replenishment onto "
            "picking, took the pack bench myself for an hour, and offered two people an hour of "
            "overtime. The 190 orders for the DPD collection went first. I kept scan-to-pack on "
            "and nobody cut through the forklift lanes, and at 2 pm I told customer service which "
            "30 next-day orders might slip. We shipped everything but 12, and those left at 7 am."
        ),
        paraphrase=(
            "I had almost this exact shift last November, 280 orders and two pickers off sick, so "
            "I'd do what I did then. I opened the wave report in the WMS and sorted by carrier, "
            "since only some orders had to make the 6 pm truck; 190 were for the DPD collection "
            "and those got picked first. I borrowed one person from replenishment and one from "
            "returns, offered an hour's overtime to two others and worked packing myself for an "
            "hour. Scan-to-pack stayed on and the forklift lanes stayed clear. At 2 pm customer "
            "service heard from me about 30 next-day orders at risk. Only 12 didn't ship, and "
            "they went out at 7 the next morning."
        ),
        weak=(
            "I would motivate the team and tell them we have to work hard today. Everybody needs "
            "to give a hundred percent and we'll get it done together."
        ),
    ),
    Case(
        name="sdr-cold-prospect",
        question=QuestionSpec(
            id="H003",
            text=(
                "Tell me about a prospect who ignored your outreach at first but ended up booking "
                "a meeting. How did you get there?"
            ),
            evaluation_criteria=(
                "We want to hear how the candidate researches an account and personalises "
                "outreach, how they stay persistent without being pushy, and whether they track "
                "their own numbers."
            ),
            score_of_1=(
                "Sends the same template to everyone, gives up after one try, or can't name any "
                "results."
            ),
            score_of_5=(
                "I researched the account and found a trigger, like a new hire or a funding round, "
                "and wrote to that. I ran a multi-channel sequence over a few weeks, changed my "
                "angle when it wasn't landing, booked the meeting, and I can tell you my reply "
                "and meeting rates."
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "Last quarter I was going after a logistics company of about 400 people that had "
            "ignored us for months. I saw on LinkedIn they'd hired a new VP of Operations, so I "
            "set up a seven-touch sequence in Outreach over 18 days: a short email about her "
            "first 90 days, a call, a voice note, then a LinkedIn message with a two-minute case "
            "study from a similar carrier. No reply for five touches. On the sixth I switched "
            "angle and just asked one question about their cost per delivery. She answered that "
            "afternoon and I booked a 30-minute call with her and our AE, which became a 42k "
            "opportunity. That sequence got an 11% reply rate against a team average of about 6."
        ),
        paraphrase=(
            "There was a 400-person logistics firm that hadn't responded to us for months. Last "
            "quarter I noticed on LinkedIn that they'd brought in a new VP of Operations, so I "
            "built an 18-day, seven-step cadence in Outreach: an email referencing her first 90 "
            "days, a phone call, a voicemail, and a LinkedIn note with a two-minute case study "
            "about a carrier like them. Five attempts, nothing back. For the sixth I changed tack "
            "and simply asked about cost per delivery, and she wrote back the same afternoon. I "
            "got her and our account executive on a 30-minute call, and it turned into a 42k "
            "opportunity. That cadence had an 11% reply rate; the team averages around 6."
        ),
        weak=(
            "I'm very persistent, I just keep emailing and calling until they answer. Sales is a "
            "numbers game, so you have to send a lot and someone eventually says yes."
        ),
    ),
    Case(
        name="revenue-mismatch",
        question=QuestionSpec(
            id="H004",
            text=(
                "How would you handle it if the monthly revenue on your dashboard didn't match the "
                "figure Finance reports for the same month?"
            ),
            evaluation_criteria=(
                "Assess analytical rigour and stakeholder communication. Look for a systematic "
                "reconciliation rather than a guess, checks in SQL, a fix at the source, and a "
                "clear explanation to the people who use the numbers."
            ),
            score_of_1=(
                "Assumes one number is right without checking, or simply adjusts the dashboard "
                "figure to match."
            ),
            score_of_5=(
                "Top answers include all of:\n"
                "- Agreeing definitions with Finance first (net vs gross, refunds, dates)\n"
                "- Reconciling step by step in SQL to isolate where the numbers diverge\n"
                "- Fixing the model at the source and documenting the metric\n"
                "- Telling dashboard users what changed and why"
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "That happened to me in March. Our Looker dashboard said 1.32 million for February "
            "and Finance had 1.27. Before touching any SQL I sat with the finance analyst to "
            "compare definitions, and it turned out they use revenue net of refunds by invoice "
            "date, while we used order date in UTC. I wrote a reconciliation query in BigQuery "
            "that broke the gap down by cause: refunds were about 38k, and the time-zone cut-off "
            "moved another 12k into March. I changed the dbt model to match Finance, added a "
            "tested metric description, and posted a short note in the analytics channel about "
            "why February dropped. Since then the two numbers tie out within 0.1% every month."
        ),
        paraphrase=(
            "I ran into exactly this in March: February revenue was 1.32 million in our Looker "
            "dashboard but 1.27 in Finance's report. I didn't start with queries; first I sat "
            "down with the finance analyst and we compared how each side defines revenue. They "
            "take refunds off and go by invoice date, and we were counting by order date in UTC. "
            "Then I built a reconciliation in BigQuery that split the difference into causes, "
            "roughly 38k of refunds plus 12k the time-zone boundary pushed into March. I updated "
            "our dbt model to Finance's definition with a tested description, and explained in "
            "the analytics channel why February went down. Every month since, the figures agree "
            "within 0.1%."
        ),
        weak=(
            "I'd check the data again to see which one is right. Probably there's a bug "
            "somewhere, so I would ask the engineers to look into it."
        ),
    ),
    Case(
        name="struggling-reader",
        question=QuestionSpec(
            id="H005",
            text=(
                "Tell me about a pupil who was falling behind in reading. What did you do, and how "
                "did you know it was working?"
            ),
            evaluation_criteria=(
                "Does the candidate use assessment to pinpoint the gap? Do they adapt their "
                "teaching and involve support staff or parents? Can they show the child's "
                "progress with evidence?"
            ),
            score_of_1=(
                "Talks about reading in general, blames the child or the family, or has no way "
                "of showing progress."
            ),
            score_of_5=(
                "Gives a specific (anonymised) pupil, a clear diagnosis of the difficulty, "
                "targeted support involving a TA or parents, and measurable progress such as an "
                "assessment result."
            ),
            min_follow_ups=1,
            max_follow_ups=1,
        ),
        strong=(
            "In my Year 2 class last year I had a boy, I'll call him Sam, who was reading about a "
            "year below his age. His phonics screening showed he was fine with single sounds but "
            "kept guessing at digraphs like 'ai' and 'oa'. I set up three 15-minute sessions a "
            "week with our teaching assistant using decodable books built on those sounds, and I "
            "sent home a sound card and a reading log so his mum could do five minutes each "
            "evening. I also let him pick non-fiction, because he loved dinosaurs. By the spring "
            "assessment his reading age had gone up 14 months in two terms, and he was "
            "volunteering to read aloud."
        ),
        paraphrase=(
            "Last year in Year 2 there was a boy, let's say Sam, whose reading was roughly a year "
            "behind. From his phonics check I could see single sounds were secure, but he guessed "
            "whenever he hit digraphs such as 'ai' or 'oa'. With our TA I arranged 15-minute "
            "sessions three times a week, using decodable books that practised exactly those "
            "sounds. His mum got a sound card and a reading log so they could do five minutes "
            "every evening, and since he was mad about dinosaurs I let him choose the non-fiction. "
            "Over two terms his reading age rose by 14 months at the spring assessment, and he "
            "started putting his hand up to read to the class."
        ),
        weak=(
            "Every child learns at their own pace. I'd give them more reading time and make it "
            "fun, and maybe talk to the parents if it doesn't get better."
        ),
    ),
    Case(
        name="slow-endpoint",
        question=QuestionSpec(
            id="H006",
            text=(
                "Tell me about a time you made a slow part of a backend system faster. How did "
                "you find the bottleneck?"
            ),
            evaluation_criteria=(
                "Technical depth: measures before optimising, finds the real bottleneck, verifies "
                "the improvement with numbers, guards against regressions."
            ),
            score_of_1="Guesses at a fix (more servers, 'add a cache') with no measurement.",
            score_of_5=(
                "I profiled the endpoint and traced the slowness to one cause, fixed that cause, "
                "then load-tested before and after to show the latency gain, and added a test or "
                "alert so it can't quietly come back."
            ),
            min_follow_ups=0,
            max_follow_ups=2,
        ),
        strong=(
            "Our order-history endpoint in a Django service had a p95 of about 2.8 seconds, and "
            "customers with long histories were timing out. I didn't guess: I turned on query "
            "logging and looked at the traces in Datadog APM, and one request was firing 240 SQL "
            "queries, a classic N+1 on the line items. I rewrote it with prefetch_related, added "
            "a composite index on customer_id and created_at in Postgres, and paginated to 50 "
            "rows. I load-tested with Locust before and after: p95 went down to 310 milliseconds "
            "and database CPU dropped about 30%. I also added a test that fails if the query "
            "count goes above ten, so it doesn't creep back."
        ),
        paraphrase=(
            "Customers with long order histories were getting timeouts on our order-history "
            "endpoint, a Django service whose p95 sat around 2.8 seconds. Rather than guess, I "
            "enabled query logging and went through the Datadog APM traces: a single request ran "
            "240 SQL queries, an N+1 over the line items. I fixed it with prefetch_related, put a "
            "composite Postgres index on customer_id plus created_at, and capped pages at 50 "
            "rows. Locust runs before and after showed p95 at 310 milliseconds and roughly 30% "
            "less database CPU. To stop it coming back, I wrote a test that fails once a request "
            "goes over ten queries."
        ),
        weak=(
            "I'd probably add caching, like Redis, that usually makes things faster. Or scale up "
            "the servers. Performance is really important to me."
        ),
    ),
    Case(
        name="bank-detail-change",
        question=QuestionSpec(
            id="H007",
            text=(
                "A supplier emails asking you to update their bank details before this week's "
                "payment run. How would you handle it?"
            ),
            evaluation_criteria=(
                "Evaluate the candidate's awareness of payment fraud and internal controls. A "
                "good candidate verifies independently rather than trusting the email, follows "
                "approval rules, and still pays genuine invoices on time."
            ),
            score_of_1="Simply changes the details as asked, or replies to the email to confirm.",
            score_of_5=(
                "Treats the request as a fraud risk, verifies it by phone using contact details "
                "already on file (not those in the email), holds the change until it is approved, "
                "escalates, and keeps genuine payments on schedule."
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "I'd treat it as possible fraud until proven otherwise, and it's actually happened to "
            "me. In May an email came from what looked like our packaging supplier asking us to "
            "switch to a new bank before the Friday run, on an invoice of 18,400 euros. The "
            "domain had one letter different. I didn't reply to it; I called the supplier on the "
            "number in our vendor master file, and their accounts person said nothing had "
            "changed. I put a payment block on the vendor in SAP, forwarded the email to IT "
            "security and my manager, and paid the real invoice to the old account on time. Our "
            "policy now is a call-back plus a second approval for every bank-detail change."
        ),
        paraphrase=(
            "I've had this for real. In May we got an email, apparently from our packaging "
            "supplier, asking for payment to a new account ahead of Friday's run, on an "
            "18,400-euro invoice. One letter in the domain was off. So I assumed fraud until I "
            "knew otherwise: no reply to the email, instead I phoned the supplier on the number "
            "held in our vendor master file, and their accounts team confirmed their bank hadn't "
            "changed. I blocked the vendor in SAP, sent the email on to IT security and my "
            "manager, and the genuine invoice went to the old account on time. Since then any "
            "bank-detail change needs a call-back and a second approver."
        ),
        weak=(
            "I would update the details in the system so the supplier gets paid on time. "
            "Suppliers don't like late payments, so it's important to be quick."
        ),
    ),
    Case(
        name="cook-walkout",
        question=QuestionSpec(
            id="H008",
            text=(
                "It's 8 pm on a Saturday, the restaurant is full, and one of your line cooks walks "
                "out mid-shift. How would you get through the rest of service?"
            ),
            evaluation_criteria=(
                "The ideal candidate stays calm, reorganises the team quickly, protects ticket "
                "times and food quality, keeps guests informed, and deals with the staffing "
                "problem properly once service is over."
            ),
            score_of_1="Panics, blames the cook, or lets tickets pile up with no plan.",
            score_of_5=(
                "Look for most of these:\n"
                "- Quick redeployment (covering the station themselves or moving someone over)\n"
                "- Simplifying the menu or pacing the door to protect ticket times\n"
                "- Honest updates to guests and front-of-house\n"
                "- Following up on the walk-out and debriefing after service"
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "That's close to what happened to me in August. Our grill cook left at ten past eight "
            "with 70 covers booked. I jumped on grill myself because I'm trained on it, moved our "
            "prep cook to fry, and asked the host to space the remaining walk-ins by 15 minutes. "
            "We took the two slowest dishes, the ribs and the whole fish, off for the night, and "
            "I had servers tell tables that mains would be about ten minutes longer and bring "
            "bread on the house. Ticket times stayed under 22 minutes. After close I wrote it up "
            "for the GM, and on Monday we sat down with the cook to talk about what happened."
        ),
        paraphrase=(
            "Something very similar happened to me in August: at 8:10, with 70 covers on the "
            "book, our grill cook walked out. I'm trained on grill, so I took it over, and our "
            "prep cook moved across to fry. The host seated walk-ins 15 minutes apart, and for "
            "the rest of the night we pulled the ribs and the whole fish, our two slowest plates. "
            "Servers let tables know mains were running about ten minutes behind and brought out "
            "free bread. We kept tickets under 22 minutes. Once we'd closed I sent the GM a "
            "write-up, and we met the cook on Monday to go through what had happened."
        ),
        weak=(
            "I'd stay calm and tell everyone to keep going. In restaurants things happen, you "
            "just have to be flexible and do your best."
        ),
    ),
]


def stuffed(question: QuestionSpec) -> str:
    """An answer that strings the rubric's own words together without saying anything specific."""
    rubric = f"{question.evaluation_criteria} {question.score_of_5}"
    words = [w for w in re.findall(r"[A-Za-z-]+", rubric) if len(w) > 3]
    unique = list(dict.fromkeys(w.lower() for w in words))
    return "I always show " + ", ".join(unique[:-1]) + " and " + unique[-1] + "."
