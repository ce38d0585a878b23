"""Held-out interview cases from an independent author, used only to measure the engine.

The author wrote these cases without seeing the engine: not its code, prompts, weights or tests
(nor the first author's set, which has been measured and now is among the tuning cases).
They are never used to choose weights, cut points, rules or wording. Their only use is to measure
scoring on questions, rubrics and answers the engine was not tuned on (held-out).
"""

from heymilo.ai.base import QuestionSpec
from tests.ai.cases import Case

HELD_OUT_CASES = [
    Case(
        name="pharmacist-interaction",
        question=QuestionSpec(
            id="K001",
            text=(
                "What would you do if a prescription came in for a drug that seriously interacts "
                "with something the patient already takes, and the prescriber's surgery had "
                "closed for the day?"
            ),
            evaluation_criteria=(
                "We want to hear clinical judgement with patient safety first. A good candidate "
                "checks the patient record, weighs how serious the interaction is, tries every "
                "way of reaching a prescriber (on-call doctor, out-of-hours service), keeps the "
                "patient informed and documents the decision."
            ),
            score_of_1=(
                "Would hand the medicine over anyway and hope for the best, or would send the "
                "patient away with no plan and no explanation."
            ),
            score_of_5=(
                "Spots how severe the interaction is, gets hold of the on-call or out-of-hours "
                "prescriber, talks the patient through the risk, agrees a safe interim option "
                "such as pausing one drug, and writes the whole intervention down."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "That happened to me last winter at the Boots where I work. A GP sent clarithromycin "
            "for a man already on simvastatin 40, and the surgery had shut at six. Our system "
            "flagged it as severe, because together they can cause muscle breakdown. I rang the "
            "out-of-hours GP service through 111 and a doctor called me back within about forty "
            "minutes. We agreed he'd pause the simvastatin for the seven days of antibiotics. I "
            "explained that to him face to face, gave him a printed note, and logged the "
            "intervention in PharmOutcomes so his own GP saw it the next morning."
        ),
        paraphrase=(
            "Yes, I've dealt with exactly that, last winter, at Boots. A man who takes "
            "simvastatin 40 came in with a script for clarithromycin, and his surgery was "
            "already closed; it shuts at six. The combination came up on our screen as a severe "
            "interaction, with a risk of muscle damage. I phoned 111 for the out-of-hours "
            "doctor, who got back to me in roughly forty minutes, and between us we decided he "
            "should stop the statin for the week he was on the antibiotic. I recorded it in "
            "PharmOutcomes so his regular GP would know the following day, wrote it down for him "
            "on paper and went over it with him in person."
        ),
        weak=(
            "I would use my judgement and do whatever is safest for the patient. Safety always "
            "comes first in pharmacy, so I'd make sure nothing bad happened to them."
        ),
    ),
    Case(
        name="electrician-hidden-fault",
        question=QuestionSpec(
            id="K002",
            text=(
                "Tell me about a time you had to track down an electrical fault that wasn't "
                "obvious. How did you find it?"
            ),
            evaluation_criteria=(
                "Keywords: safe isolation, proving dead, systematic testing, insulation "
                "resistance, test meter, root cause, explaining to the customer, certification."
            ),
            score_of_1=(
                "Guessed or swapped parts at random, skipped isolation, or cannot describe a "
                "real fault."
            ),
            score_of_5=(
                "Top marks if the candidate covers:\n"
                "- isolating and proving dead before touching anything\n"
                "- narrowing the fault down step by step with the right test\n"
                "- a clear root cause, not just resetting the breaker\n"
                "- explaining the fix to the client and certifying the work"
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "Last March I had a house in Leeds where the RCD kept tripping, but only when it "
            "rained. I isolated the board, proved it dead with my Fluke tester, and split the "
            "circuits one by one. An insulation resistance test at 500 volts showed the outside "
            "lights circuit down at around 0.2 megohms. I followed the cable and found a garden "
            "spike light with water sitting in the junction box. I replaced it with an IP68 "
            "fitting and a gel-filled box, retested at over 200 megohms, and issued a minor "
            "works certificate. No trips since, and the owner got me back to do their kitchen."
        ),
        paraphrase=(
            "A homeowner in Leeds called me last March because their RCD went every time there "
            "was rain. First thing, I turned off the supply at the board and confirmed it was "
            "dead with the Fluke. Then I worked through the circuits separately. Testing "
            "insulation resistance at 500 volts, the garden lighting read only about 0.2 "
            "megohms. Tracing that run led me to a spike light whose junction box was full of "
            "water. I fitted an IP68 light with a gel box, the reading went back above 200 "
            "megohms, and I wrote up a minor works certificate. It hasn't tripped since, and "
            "they later hired me for their kitchen."
        ),
        weak=(
            "I've found loads of faults over the years. Usually I just test things until I find "
            "the problem and then fix it. Experience helps a lot with that."
        ),
    ),
    Case(
        name="hr-age-remarks-complaint",
        question=QuestionSpec(
            id="K003",
            text=(
                "Suppose an employee comes to you saying their manager keeps making remarks "
                "about their age in team meetings. What would you do?"
            ),
            evaluation_criteria=(
                "Does the candidate take the complaint seriously and keep it as confidential as "
                "they can? Can they lay out the investigation steps and who they would involve? "
                "Do they think about protecting the employee from retaliation? Do they mention "
                "records, policy and the law?"
            ),
            score_of_1=(
                "Brushes it off as banter, tells the employee to sort it out with the manager "
                "themselves, or jumps to a punishment without investigating."
            ),
            score_of_5=(
                "I'd thank them for coming to me, note the remarks in their own words, and be "
                "honest about what stays confidential. I'd open a formal investigation under our "
                "dignity-at-work policy, interview the manager and witnesses, and shield the "
                "employee from that manager while it runs. Then I'd settle the outcome with "
                "legal advice and check in with the employee after."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "I had almost this case at a logistics firm two years ago. A 58-year-old planner "
            "told me her manager kept calling her 'granny' in stand-ups. I booked a private "
            "room, wrote down the exact comments and dates, and told her honestly what I could "
            "keep confidential. Within two days I opened a formal grievance and interviewed four "
            "colleagues from those meetings; three confirmed it. While it ran, we moved her "
            "one-to-ones to another team lead. The manager got a final written warning and "
            "mandatory training, and I checked in with her at one month and at three months. "
            "She's still with the company."
        ),
        paraphrase=(
            "Two years ago, working for a logistics company, I dealt with something very close "
            "to that. One of our planners, aged 58, said her manager called her 'granny' during "
            "the daily stand-up. I found a private room, recorded which remarks were made and "
            "when, and was straight with her about the limits of confidentiality. I started a "
            "formal grievance within 48 hours and spoke to four people who attended; three "
            "backed her up. Meanwhile her one-to-ones were handed to a different team lead. He "
            "ended up with a final written warning plus compulsory training. I followed up with "
            "her after one and three months, and she still works there."
        ),
        weak=(
            "I would listen to them and then have a word with the manager. Comments about age "
            "aren't okay, so I'd make sure it stops and everyone is treated fairly."
        ),
    ),
    Case(
        name="ux-research-proved-me-wrong",
        question=QuestionSpec(
            id="K004",
            text=(
                "Describe a situation where user research showed that a design you believed in "
                "was wrong. What did you do with that?"
            ),
            evaluation_criteria=(
                "Looking for humility and evidence-led design. The candidate should name the "
                "research method, what they learned, how the design changed and how they brought "
                "stakeholders along. Extra credit for a measured result after the change."
            ),
            score_of_1=(
                "Claims their designs are never wrong, ignored the findings, or cannot name any "
                "research they have run."
            ),
            score_of_5=(
                "A great answer names the method and who took part, admits what the designer had "
                "assumed, shows the redesign that followed, and ends with a metric that actually "
                "moved."
            ),
            min_follow_ups=0,
            max_follow_ups=2,
        ),
        strong=(
            "At a fintech startup I worked at, I designed a sign-up I was really proud of, with "
            "everything on one long screen. We ran five moderated usability sessions in "
            "Lookback, and four people stalled at the ID upload because they didn't see it "
            "coming. I'd assumed one page meant less effort. So I split it into a four-step flow "
            "in Figma with a progress bar, and told people at the start to have their passport "
            "ready. I showed the session clips to our product manager, which convinced her "
            "quickly. After launch, sign-up completion went from 41% to 63% in six weeks."
        ),
        paraphrase=(
            "I once built a single-screen registration for a fintech start-up and honestly loved "
            "it. Then we did five moderated tests using Lookback, and four of the five "
            "participants got stuck when the passport upload appeared out of nowhere. My "
            "assumption had been that fewer pages means less work for the user. So in Figma I "
            "broke it into four steps, added a progress bar and a heads-up at the beginning to "
            "keep ID nearby. Playing the recordings to our PM won her over fast. Six weeks after "
            "release, completion had climbed from 41% to 63%."
        ),
        weak=(
            "I always try to listen to users. If the research says my design is wrong, I'm happy "
            "to change it, because the user is what matters most in the end."
        ),
    ),
    Case(
        name="dispatch-reefer-breakdown",
        question=QuestionSpec(
            id="K005",
            text=(
                "What would you do if one of your drivers broke down on the motorway at 5 a.m. "
                "with a refrigerated load due at a supermarket depot by 9?"
            ),
            evaluation_criteria=(
                "driver safety first; breakdown provider; temperature of the load; rescue unit "
                "or trailer swap; customer told early with a new ETA; drivers' hours rules; "
                "incident log"
            ),
            score_of_1=(
                "Only thinks about the delivery, would wait for the driver to sort it out alone, "
                "or never tells the customer."
            ),
            score_of_5=(
                "Full marks when the answer includes:\n"
                "- the driver's safety and exact location checked first\n"
                "- breakdown cover called and the fridge temperature checked\n"
                "- a recovery plan (spare unit, trailer swap) within drivers' hours\n"
                "- the depot warned early and given a realistic new slot"
            ),
            min_follow_ups=1,
            max_follow_ups=1,
        ),
        strong=(
            "Something close to that happened to me in November. Our driver Gary lost an air "
            "line on the M62 at about 4:40. I first made sure he was behind the barrier with his "
            "hi-vis on and hazards going. I called our breakdown contractor and checked the "
            "reefer on Microlise: the fridge was still holding 3 degrees on its own engine. I "
            "sent a tractor unit from our Huddersfield yard with a driver who had hours left, "
            "and he hooked the trailer by 6:30. I'd already rung the Tesco depot at 5 to move "
            "our slot to 10. We delivered at 9:50, and no product was rejected."
        ),
        paraphrase=(
            "Last November our driver Gary had an air line go on the M62, roughly 4:40 in the "
            "morning. My first call was to him, to be sure he was off the carriageway behind the "
            "barrier, wearing hi-vis, hazards on. Then the breakdown contractor. On Microlise I "
            "could see the fridge was running independently and holding 3 degrees. At 5 I phoned "
            "the Tesco depot and got the slot pushed to 10. From the Huddersfield yard I sent a "
            "spare tractor unit with a driver who still had hours available; he'd coupled up by "
            "half six. The load arrived at 9:50 and nothing was turned away."
        ),
        weak=(
            "I'd call the driver and see what's going on, then work out some kind of plan. "
            "Breakdowns happen, so you just have to stay calm and deal with it."
        ),
    ),
    Case(
        name="front-desk-overbooked-night",
        question=QuestionSpec(
            id="K006",
            text=(
                "Tell me about a night when the hotel was overbooked and you had to move guests "
                "to another property. How did you handle it?"
            ),
            evaluation_criteria=(
                "The point of this question is guest recovery under pressure. Listen for how "
                "they chose which guests to relocate, what they arranged with the other hotel, "
                "how they spoke to the guests and whether they followed up. Composure and "
                "respect for the guest matter more than a script."
            ),
            score_of_1=(
                "Blames the booking system or the guests, offers no compensation or follow-up, "
                "or has nothing concrete to say."
            ),
            score_of_5=(
                "I'd look for guests on a single night without loyalty status, line up a "
                "comparable hotel nearby, and tell each one in person before they reach the "
                "queue. I'd pay for the room and the taxi, add a voucher, and ring them next "
                "morning to win them back."
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "During a conference week last October we were oversold by six rooms at the Hilton "
            "Garden Inn where I ran the desk. By 4 p.m. I'd gone through Opera for one-night "
            "stays without loyalty status and picked six. I booked six rooms at the Marriott two "
            "streets away at our cost, plus taxis. As each of those guests arrived, I took them "
            "aside, apologised, and explained we'd cover the room, transport and breakfast. I "
            "gave each a voucher for a free night. Next morning I phoned all six; four came back "
            "to us for the rest of the week, and nobody left a bad review."
        ),
        paraphrase=(
            "Last October, conference week, the Hilton Garden Inn where I managed front desk was "
            "six rooms over. Around four in the afternoon I searched Opera and chose six guests "
            "who were only staying one night and had no loyalty tier. Two streets over, at the "
            "Marriott, I reserved six rooms and charged them to us, along with taxis. When each "
            "of those guests checked in, I spoke to them privately, said sorry, told them the "
            "room, the ride and breakfast were on us, and handed over a voucher for a "
            "complimentary night. I rang all six the following morning. Four returned to us for "
            "the remaining nights, and there wasn't a single negative review."
        ),
        weak=(
            "I would apologise and find them another hotel. It's not ideal, but good "
            "communication and a friendly attitude usually keep guests happy in the end."
        ),
    ),
    Case(
        name="qa-escaped-bug",
        question=QuestionSpec(
            id="K007",
            text=(
                "Describe a situation where a bug you should have caught reached production. "
                "What happened next?"
            ),
            evaluation_criteria=(
                "Does the candidate own the miss instead of blaming developers? How fast did "
                "they help contain it? Did they find out why testing missed it? What did they "
                "change so it cannot slip through again: tests, process or environments?"
            ),
            score_of_1=(
                "Says it was the developers' fault, claims no bug has ever escaped them, or only "
                "promises to be more careful next time."
            ),
            score_of_5=(
                "Owns the miss, walks through reproducing and containing it, explains the real "
                "gap in test coverage, and shows a lasting fix such as a new automated check or "
                "a changed release step."
            ),
            min_follow_ups=1,
            max_follow_ups=2,
        ),
        strong=(
            "Last spring our checkout release showed Japanese customers basket totals a hundred "
            "times too high, because yen has no decimal places. I'd signed that release off, and "
            "I'd only tested with euros and dollars. Within about forty minutes I reproduced it "
            "on staging and we switched the feature off with a LaunchDarkly flag. The gap was "
            "our test data: every currency in it had two decimals. I added yen, and the Bahraini "
            "dinar, which has three, to a parametrised Playwright suite that now runs on every "
            "pull request, and I wrote a short postmortem. We haven't had a currency bug since."
        ),
        paraphrase=(
            "I signed off a checkout release last spring that I'd only checked with dollars and "
            "euros, and in production Japanese shoppers saw their basket totals multiplied by a "
            "hundred, since yen doesn't use decimals. It took me roughly forty minutes to "
            "reproduce on staging, and we disabled it through a LaunchDarkly flag. Looking into "
            "why I'd missed it, every currency in our test data had exactly two decimal places. "
            "So I built a parametrised Playwright suite including yen and the three-decimal "
            "Bahraini dinar, set it to run on each pull request, and wrote up a brief "
            "postmortem. No currency issues have come back."
        ),
        weak=(
            "Bugs get through sometimes, that's just software. When it happens I tell the "
            "developers, they fix it, and I try to test a bit more carefully next time."
        ),
    ),
    Case(
        name="lab-qc-out-of-range",
        question=QuestionSpec(
            id="K008",
            text=(
                "What would you do if the morning quality control on an analyser came out of "
                "range while clinicians were already waiting on urgent results?"
            ),
            evaluation_criteria=(
                "Westgard rules, stop reporting, troubleshooting (reagent, calibration, "
                "maintenance), backup analyser or referral lab, telling clinicians about delays, "
                "review of results since the last good QC, documentation."
            ),
            score_of_1=(
                "Would release the patient results anyway because they are urgent, or rerun QC "
                "until it passes without investigating."
            ),
            score_of_5=(
                "They stop patient reporting on that analyser straight away, work out whether "
                "reagent, calibrator or instrument is at fault, move urgent samples to a backup, "
                "warn the wards about the delay, and review results since the last good QC."
            ),
            min_follow_ups=0,
            max_follow_ups=1,
        ),
        strong=(
            "That's happened to me on our Roche cobas at St James's. The 7 a.m. potassium "
            "controls failed the 2-2s Westgard rule on both levels. I put the analyser on hold "
            "in the LIMS so nothing could auto-validate, and moved the urgent samples, about a "
            "dozen from A&E, to the second cobas, telling the A&E coordinator to expect roughly "
            "a twenty-minute delay. Then I found the potassium reagent pack had been open past "
            "its onboard stability, so I loaded a fresh pack, recalibrated, and QC came back in "
            "range. I checked the overnight results against the last good run, none needed "
            "recalling, and logged it all."
        ),
        paraphrase=(
            "I've been in that spot at St James's with the Roche cobas. Our 7 a.m. potassium QC, "
            "both levels, violated the 2-2s Westgard rule. First I placed that analyser on hold "
            "in the LIMS to stop auto-validation. Roughly twelve urgent A&E samples went across "
            "to the second cobas, and I let the A&E coordinator know about a delay of around "
            "twenty minutes. The cause turned out to be a potassium reagent pack that had "
            "outlived its onboard stability; a new pack and a recalibration brought QC back "
            "within limits. I compared the overnight patient results with the last acceptable "
            "run, no recalls were needed, and I documented everything."
        ),
        weak=(
            "I'd try to fix the machine quickly and rerun the controls. Urgent results are "
            "important, so I'd work as fast as I can to get them out to the doctors."
        ),
    ),
]
