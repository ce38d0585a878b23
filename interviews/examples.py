"""Examples of the OpenAPI document for interview results, metadata, rescoring and erasure.

The three finished interviews are the seed guides' (Priya Patel; Marcus Johnson with a resume;
Aisha Williams without), with every value the guides show, completed with the fields this API
adds (ids, provenance, timestamps in seconds, the recruiter's flags). tests/api/
test_openapi_examples.py holds them to the schema, to the guides and to real answers.
"""

from candidates.examples import AISHA, INGESTED_AT, INTERVIEWS, MARCUS, PRIYA
from heymilo.api.schema import request_example, response_example
from postings.examples import CS, CS_ID, SALES_BODY, SALES_ID, one


def turn(speaker: str, text: str, seconds: float) -> dict:
    whole = int(seconds)
    clock = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return {"speaker": speaker, "text": text, "timestamp": seconds, "timestamp_str": clock}


def timed(entries: list[dict]) -> list[dict]:
    """The whole transcript's lines with their word timings: a spoken answer's words (here
    about 2.5 a second from where it starts), none for the interviewer's lines."""
    return [
        {**entry, "words": _words(entry) if entry["speaker"] == "candidate" else []}
        for entry in entries
    ]


def _words(entry: dict) -> list[dict]:
    start = entry["timestamp"]
    return [
        {
            "text": word,
            "start": round(start + 0.4 * index, 2),
            "end": round(start + 0.4 * index + 0.32, 2),
            "probability": 0.97,
        }
        for index, word in enumerate(entry["text"].split())
    ]


def provenance(prompt: str, at: float) -> dict:
    return {
        "engine": "openai",
        "model": "gpt-4o-mini",
        "prompt_version": f"{prompt}.v1",
        "created_at": at,
        "fallback_reason": None,
    }


def scorecard_row(question_id, question, score, summary, criteria, weight, rank, chat, at):
    """One scored question; the evidence is what the candidate said in `chat`."""
    return {
        "question_id": question_id,
        "question": question,
        "evaluation_score": score,
        "evaluation_summary": summary,
        "evaluation_criteria": criteria,
        "evidence": [t["text"] for t in chat if t["speaker"] == "candidate"],
        "score_weight": weight,
        "rank": rank,
        "not_scored": False,
        "chat_transcript": chat,
        "provenance": provenance("evaluate_answer", at),
    }


def step(step_id: str, order: int, status: str) -> dict:
    done = status == "complete"
    started = status in ("complete", "in_progress")
    return {"id": step_id, "order": order, "status": status, "started": started, "completed": done}


def interview_data(person: dict, posting_id: str, *, created_at: float, **fields) -> dict:
    interview_id, candidate_id = INTERVIEWS[person["email"]]
    data = {
        "object": "interview_data",
        "interview_id": interview_id,
        "candidate_id": candidate_id,
        "posting_id": posting_id,
        "name": person["name"],
        "email": person["email"],
        "phone_number": person.get("phone_number"),
        "interview_url": f"https://candidates.heymilo.io/i/{interview_id}",
        "invitation": {
            "status": "not_invited",
            "invited_at": None,
            "opened_at": None,
            "deadline": None,
            "reminders_stopped": False,
            "last_email": None,
        },
        "score": None,
        "ai_score": None,
        "score_override": None,
        "recruiter_note": "",
        "evaluation_error": None,
        "status": "pending",
        "shortlisted": False,
        "dismissed": False,
        "workflow": None,
        "resume": None,
        "web_interview": None,
        "metadata": person["metadata"],
        "created_at": created_at,
        "interviewed_at": None,
    }
    return one("interview_data", {**data, **fields})


# Priya Patel, customer service (guide 1)

PRIYA_SCORED_AT = 1739700642.7
PRIYA_Q001_CHAT = [
    turn(
        "interviewer",
        "Tell me about a time you turned an unhappy customer into a satisfied one...",
        75.0,
    ),
    turn(
        "candidate",
        "Absolutely. At my last job at a retail company, I had a customer who was furious "
        "because...",
        82.0,
    ),
]
PRIYA_Q002_CHAT = [
    turn(
        "interviewer",
        "How do you prioritize when you have multiple customers waiting for help at the same time?",
        214.0,
    ),
    turn(
        "candidate",
        "I sort by urgency first: anyone who is completely blocked, then the SLA timers. I tell "
        "each customer in the queue roughly how long they will wait.",
        221.0,
    ),
]
PRIYA_DATA = interview_data(
    PRIYA,
    CS_ID,
    created_at=INGESTED_AT,
    score=82.0,
    ai_score=82.0,
    status="completed",
    workflow={"steps": [step("web_interview", 1, "complete")], "all_complete": True},
    web_interview={
        "object": "web_interview_result",
        "interview_id": "E8F9A0B1C2D3E4F5",
        "match_score": 82,
        "highlights": [
            "Excellent de-escalation skills with a specific, compelling example",
            "Strong communication clarity throughout the interview",
        ],
        "lowlights": ["Limited experience with enterprise helpdesk tools"],
        "speech_score": 88.0,
        "scorecard": [
            scorecard_row(
                "Q001",
                "Tell me about a time you turned an unhappy customer into a satisfied one...",
                5,
                "Provided an excellent example of handling an angry customer whose order was "
                "delayed. Showed active listening, apologized sincerely, offered a discount, and "
                "followed up the next day.",
                "Assess empathy, problem-solving, and de-escalation ability.",
                3.0,
                1,
                PRIYA_Q001_CHAT,
                PRIYA_SCORED_AT - 12.5,
            ),
            scorecard_row(
                "Q002",
                "How do you prioritize when you have multiple customers waiting?",
                4,
                "Described a clear triage system based on urgency and SLA timers. Could improve "
                "on setting customer expectations during wait times.",
                "Evaluate time management and ability to handle pressure. Look for a systematic "
                "approach to triage.",
                2.0,
                2,
                PRIYA_Q002_CHAT,
                PRIYA_SCORED_AT - 10.1,
            ),
        ],
        "transcript": timed(
            [
                turn(
                    "interviewer",
                    "Hi Priya! I'm Sarah from BrightDesk. Thanks for joining us today...",
                    0.0,
                ),
                turn(
                    "candidate",
                    "Hi Sarah, thank you for having me! I'm really excited about this opportunity.",
                    8.0,
                ),
            ]
        ),
        "candidate_questions": [],
        "audio_recording_url": "https://cdn.heymilo.io/recordings/E8F9A0B1.mp3",
        "video_recording_url": "https://cdn.heymilo.io/recordings/E8F9A0B1.mp4",
        "tags": ["empathetic", "structured-thinker", "strong-communicator"],
        "provenance": provenance("summarise_interview", PRIYA_SCORED_AT - 1.2),
        "scored_at": PRIYA_SCORED_AT,
    },
    interviewed_at=1739700600.0,
)
PRIYA_PENDING = interview_data(
    PRIYA,
    CS_ID,
    created_at=INGESTED_AT,
    workflow={"steps": [step("web_interview", 1, "not_started")], "all_complete": False},
)

# Marcus Johnson and Aisha Williams, sales (guide 2)

SALES_Q001 = "Walk me through a deal you closed that you are most proud of..."
SALES_VOICE = [q for q in SALES_BODY["workflow"][1]["questions"] if q["modality"] == "voice"]
SALES_Q001_CRITERIA = SALES_VOICE[0]["evaluation_criteria"]
SALES_Q002 = "Give me your 60-second pitch on CloudMetrics..."
SALES_Q002_CRITERIA = SALES_VOICE[1]["evaluation_criteria"]
MARCUS_SCORED_AT = 1739787041.3
MARCUS_GREETING = turn(
    "interviewer",
    "Hi Marcus! I'm Rachel from CloudMetrics. Thanks for making time today...",
    0.0,
)
MARCUS_DEAL = [
    turn("interviewer", "Walk me through a deal you closed that you are most proud of...", 41.0),
    turn(
        "candidate",
        "Last year I closed a $350K deal with a Fortune 500 retailer. Six stakeholders, and a "
        "competitor came in late, so I set up an executive alignment call...",
        49.0,
    ),
]
MARCUS_PITCH = [
    turn("interviewer", "Give me your 60-second pitch on CloudMetrics...", 233.0),
    turn(
        "candidate",
        "Your analysts spend half their week stitching data from five tools. CloudMetrics puts "
        "it in one place; a customer like yours cut reporting time by 40%. Can we book 30 "
        "minutes next week?",
        240.0,
    ),
]
MARCUS_DATA = interview_data(
    MARCUS,
    SALES_ID,
    created_at=INGESTED_AT + 600.0,
    score=88.0,
    ai_score=88.0,
    status="completed",
    workflow={
        "steps": [step("resume", 1, "complete"), step("web_interview", 2, "complete")],
        "all_complete": True,
    },
    resume={
        "object": "resume_result",
        "interview_id": "A1B2C3D4E5F6A7B8",
        "overall_score": 4.5,
        "is_eligible": True,
        "eligibility_criteria": [
            {
                "criteria_id": "rec_001",
                "criteria_text": "Has B2B sales experience (any duration)",
                "passed": True,
                "confidence": 0.97,
                "reasons": [
                    "4 years as Account Executive at Salesforce selling to enterprise accounts"
                ],
            }
        ],
        "score_criteria": [
            {
                "criteria_id": "rsc_001",
                "criteria_text": "Track record of meeting or exceeding sales quota",
                "score": 4.8,
                "confidence": 0.92,
                "reasons": ["Resume states 140% quota attainment in 2025, President's Club winner"],
            },
            {
                "criteria_id": "rsc_002",
                "criteria_text": "Experience selling SaaS or technology products",
                "score": 5.0,
                "confidence": 0.98,
                "reasons": ["4 years selling Salesforce CRM to mid-market and enterprise"],
            },
            {
                "criteria_id": "rsc_003",
                "criteria_text": "Experience with mid-market or enterprise sales cycles",
                "score": 4.2,
                "confidence": 0.90,
                "reasons": ["Managed deals in the $100K-$500K range with 3-6 month sales cycles"],
            },
            {
                "criteria_id": "rsc_004",
                "criteria_text": "Familiarity with CRM tools",
                "score": 5.0,
                "confidence": 0.99,
                "reasons": ["Salesforce power user, also experienced with Outreach and Gong"],
            },
        ],
        "resume_url": "https://cdn.heymilo.io/resumes/A1B2C3D4.pdf",
        "provenance": provenance("screen_resume", 1739786120.4),
    },
    web_interview={
        "object": "web_interview_result",
        "interview_id": "A1B2C3D4E5F6A7B8",
        "match_score": 88,
        "highlights": [
            "Exceptional pitch delivery — confident, value-driven, with a strong close",
            "Strong deal narrative with specific metrics and multi-threading strategy",
        ],
        "lowlights": ["Prospecting workflow relies heavily on SDR-generated pipeline"],
        "speech_score": 92.0,
        "scorecard": [
            scorecard_row(
                "Q001",
                SALES_Q001,
                5,
                "Described a $350K deal with a Fortune 500 company. Navigated 6 stakeholders, "
                "overcame a last-minute competitor threat by arranging an executive alignment "
                "call. Closed in 4 months.",
                SALES_Q001_CRITERIA,
                3.0,
                1,
                MARCUS_DEAL,
                MARCUS_SCORED_AT - 14.0,
            ),
            scorecard_row(
                "Q002",
                SALES_Q002,
                5,
                "Led with a pain point (data silos costing the business), positioned "
                "CloudMetrics as the unified solution, referenced a customer proof point, and "
                "closed with a clear next step.",
                SALES_Q002_CRITERIA,
                3.0,
                2,
                MARCUS_PITCH,
                MARCUS_SCORED_AT - 11.6,
            ),
        ],
        "transcript": timed([MARCUS_GREETING, *MARCUS_DEAL, *MARCUS_PITCH]),
        "video_recording_url": "https://cdn.heymilo.io/recordings/A1B2C3D4.mp4",
        "candidate_questions": [],
        "audio_recording_url": "https://cdn.heymilo.io/recordings/A1B2C3D4.mp3",
        "tags": ["strong-closer", "enterprise-experience", "polished-communicator"],
        "provenance": provenance("summarise_interview", MARCUS_SCORED_AT - 1.4),
        "scored_at": MARCUS_SCORED_AT,
    },
    interviewed_at=1739787000.0,
)
AISHA_SCORED_AT = 1739791838.9
AISHA_DEAL = [
    turn("interviewer", "Walk me through a deal you closed...", 38.0),
    turn(
        "candidate",
        "I haven't sold software yet, but at the bar I convinced a big client to book our venue "
        "for their corporate event. I followed up every week until they said yes.",
        46.0,
    ),
]
AISHA_PITCH = [
    turn("interviewer", "Give me your 60-second pitch on CloudMetrics...", 198.0),
    turn(
        "candidate",
        "You probably have dashboards nobody trusts. CloudMetrics gives your team one version of "
        "the numbers, and I read that your peers switched in a week.",
        205.0,
    ),
]
AISHA_DATA = interview_data(
    AISHA,
    SALES_ID,
    created_at=INGESTED_AT + 660.0,
    score=76.0,
    ai_score=76.0,
    status="completed",
    workflow={
        "steps": [step("resume", 1, "skipped"), step("web_interview", 2, "complete")],
        "all_complete": True,
    },
    web_interview={
        "object": "web_interview_result",
        "interview_id": "B2C3D4E5F6A7B8C9",
        "match_score": 76,
        "highlights": [
            "Natural storyteller with high energy and confidence",
            "Creative prospecting ideas from non-traditional background",
        ],
        "lowlights": [
            "No B2B sales experience — will need SaaS sales training",
            "Unfamiliar with CRM tooling",
        ],
        "speech_score": 90.0,
        "scorecard": [
            scorecard_row(
                "Q001",
                "Walk me through a deal you closed...",
                3,
                "No B2B deal experience, but described convincing a high-profile client to book "
                "their venue for a corporate event — showed natural selling instincts and "
                "persistence.",
                SALES_Q001_CRITERIA,
                3.0,
                1,
                AISHA_DEAL,
                AISHA_SCORED_AT - 13.2,
            ),
            scorecard_row(
                "Q002",
                SALES_Q002,
                4,
                "Surprisingly strong pitch for someone without SaaS experience. Led with a "
                "relatable pain point, showed she researched the product, and had a natural "
                "conversational delivery.",
                SALES_Q002_CRITERIA,
                3.0,
                2,
                AISHA_PITCH,
                AISHA_SCORED_AT - 10.8,
            ),
        ],
        "transcript": timed(
            [
                turn(
                    "interviewer",
                    "Hi Aisha! I'm Rachel from CloudMetrics. Thanks for making time today...",
                    0.0,
                ),
                *AISHA_DEAL,
                *AISHA_PITCH,
            ]
        ),
        "video_recording_url": "https://cdn.heymilo.io/recordings/B2C3D4E5.mp4",
        "candidate_questions": [],
        "audio_recording_url": "https://cdn.heymilo.io/recordings/B2C3D4E5.mp3",
        "tags": ["high-energy", "coachable", "non-traditional-background"],
        "provenance": provenance("summarise_interview", AISHA_SCORED_AT - 1.1),
        "scored_at": AISHA_SCORED_AT,
    },
    interviewed_at=1739791800.0,
)

INTERVIEWS_DATA = [
    response_example(CS, PRIYA_DATA, summary="Priya, finished: scorecard, transcript, recordings"),
    response_example(
        "sales_with_resume", MARCUS_DATA, summary="Marcus: resume screen and video interview"
    ),
    response_example(
        "sales_without_resume", AISHA_DATA, summary="Aisha: skipped the optional resume"
    ),
    response_example("pending", PRIYA_PENDING, summary="Priya, just ingested: nothing scored yet"),
]

# Metadata

METADATA_CHANGE = {"metadata": {"ats_candidate_id": "gh_48213", "recruiter": None}}


def metadata_answer(metadata: dict) -> dict:
    return one("metadata", {"object": "metadata", "metadata": metadata})


INTERVIEWS_METADATA_RETRIEVE = [
    response_example(CS, metadata_answer(PRIYA["metadata"]), summary="As Priya was ingested")
]
INTERVIEWS_METADATA_UPDATE = [
    request_example(CS, METADATA_CHANGE, "Add your ATS id, remove `recruiter`"),
    response_example(
        CS,
        metadata_answer({"source": "linkedin", "ats_candidate_id": "gh_48213"}),
        summary="`source` kept, `ats_candidate_id` added, `recruiter` removed",
    ),
]
INTERVIEWS_METADATA_DESTROY = [
    response_example("cleared", metadata_answer({}), summary="Every key removed")
]

# Rescoring and erasure

POSTINGS_RESCORE = [
    response_example(
        CS,
        one("rescore", {"object": "rescore", "posting_id": CS_ID, "interviews_queued": 1}),
        202,
        "B5E7F8A2's one finished interview queued",
    )
]


def erased(object_name: str, public_id: str, interviews: int) -> dict:
    data = {"object": object_name, "id": public_id, "deleted": True}
    return one(object_name, {**data, "interviews_deleted": interviews})


CANDIDATES_DESTROY = [
    response_example(
        "erased",
        erased("candidate", INTERVIEWS[PRIYA["email"]][1], 1),
        summary="Priya and her one interview, erased",
    )
]
INTERVIEWS_DESTROY = [
    response_example(
        "erased",
        erased("interview", INTERVIEWS[PRIYA["email"]][0], 1),
        summary="Priya's interview, erased",
    )
]
POSTINGS_DESTROY = [
    response_example(
        "erased", erased("posting", CS_ID, 4), summary="B5E7F8A2 and its four interviews, erased"
    )
]
