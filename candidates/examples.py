"""Examples of the OpenAPI document for candidates, ingestions, the intake URL and statistics.

The people are the seed guides' (Priya Patel and the ATS export of the customer-service guide,
Marcus Johnson and Aisha Williams of the sales guide), with the guides' ids; the calls the
guides do not show follow them. tests/api/test_openapi_examples.py holds them to the schema,
to the guides and to real answers.
"""

from heymilo.api.schema import request_example, response_example
from postings.examples import CS, CS_BODY, CS_ID, SALES, SALES_ID, listed, one

CS_LINKS = "https://candidates.heymilo.io/brightdesk/i/"
SALES_LINKS = "https://candidates.heymilo.io/cloudmetrics/i/"
INGESTED_AT = 1739614200.0
PRIYA = {
    "name": "Priya Patel",
    "email": "priya.patel@email.com",
    "metadata": {"source": "linkedin", "recruiter": "jsmith"},
}
MARCUS = {
    "name": "Marcus Johnson",
    "email": "marcus.j@email.com",
    "phone_number": "+12125559876",
    "metadata": {
        "source": "linkedin",
        "current_company": "Salesforce",
        "current_title": "Account Executive",
    },
}
AISHA = {
    "name": "Aisha Williams",
    "email": "aisha.w@email.com",
    "phone_number": "+13105557654",
    "metadata": {
        "source": "job_fair",
        "notes": "Great energy, bartending background, looking to break into tech sales",
    },
}
CS_BULK = {
    "data": [
        {"name": "Alex Chen", "email": "alex.c@email.com", "metadata": {"source": "greenhouse"}},
        {"name": "Jordan Lee", "email": "j.lee@email.com", "metadata": {"source": "greenhouse"}},
        {"name": "Taylor Kim", "email": "t.kim@email.com", "metadata": {"source": "greenhouse"}},
    ]
}
SALES_BULK = {
    "data": [
        {
            "name": "David Kim",
            "email": "d.kim@email.com",
            "phone_number": "+14155551111",
            "metadata": {"source": "greenhouse"},
        },
        {
            "name": "Emma Rodriguez",
            "email": "e.rod@email.com",
            "phone_number": "+14155552222",
            "metadata": {"source": "referral"},
        },
        {
            "name": "Chris Taylor",
            "email": "c.taylor@email.com",
            "phone_number": "+14155553333",
            "metadata": {"source": "indeed"},
        },
    ]
}
# Interview and candidate ids: the guides' where they show them.
INTERVIEWS = {
    "priya.patel@email.com": ("E8F9A0B1C2D3E4F5", "cand_3f9a2c71d4e85b06"),
    "alex.c@email.com": ("7C1D2E3F4A5B6C7D", "cand_8a41d0e2b7c39f15"),
    "j.lee@email.com": ("8D2E3F4A5B6C7D8E", "cand_b2e95c07d1f48a36"),
    "t.kim@email.com": ("9E3F4A5B6C7D8E9F", "cand_c4f1a8e36b09d257"),
    "marcus.j@email.com": ("A1B2C3D4E5F6A7B8", "cand_5d7e0a9c2b4f6e18"),
    "aisha.w@email.com": ("B2C3D4E5F6A7B8C9", "cand_6e8f1b0d3c5a7f29"),
    "d.kim@email.com": ("C3D4E5F6A7B8C9D0", "cand_7f902c1e4d6b8a3a"),
    "e.rod@email.com": ("D4E5F6A7B8C9D0E1", "cand_80a13d2f5e7c9b4b"),
    "c.taylor@email.com": ("E5F6A7B8C9D0E1F2", "cand_91b24e306f8dac5c"),
    "morgan.b@email.com": ("F6A7B8C9D0E1F2A3", "cand_a2c35f4170e9bd6d"),
    "dana.b@email.com": ("0A1B2C3D4E5F6A7B", "cand_b3d4605281face7e"),
}


def link(posting_id: str, interview_id: str) -> str:
    return (CS_LINKS if posting_id == CS_ID else SALES_LINKS) + interview_id


def ingested(posting_id: str, email: str) -> dict:
    interview_id = INTERVIEWS[email][0]
    return one(
        "candidate",
        {
            "object": "candidate",
            "interview_id": interview_id,
            "interview_url": link(posting_id, interview_id),
            "posting_id": posting_id,
        },
    )


CANDIDATES_CREATE = [
    request_example(CS, PRIYA, "Customer service: Priya Patel, no phone needed for video"),
    request_example("sales_with_resume", MARCUS, "Sales: Marcus Johnson, who may add a resume"),
    request_example("sales_without_resume", AISHA, "Sales: Aisha Williams, job fair, no resume"),
    response_example(CS, ingested(CS_ID, PRIYA["email"]), 201, "A new interview and its link"),
    response_example(
        "sales_with_resume", ingested(SALES_ID, MARCUS["email"]), 201, "Marcus's interview"
    ),
    response_example(
        "sales_without_resume", ingested(SALES_ID, AISHA["email"]), 201, "Aisha's interview"
    ),
    response_example(
        "existing",
        ingested(CS_ID, PRIYA["email"]),
        200,
        "Priya again: her existing interview, nothing created",
    ),
]


def bulk_row(index: int, posting_id: str, email: str, status: str = "created") -> dict:
    interview_id = INTERVIEWS[email][0]
    return {
        "object": "candidate",
        "index": index,
        "status": status,
        "email": email,
        "interview_id": interview_id,
        "interview_url": link(posting_id, interview_id),
        "posting_id": posting_id,
        "error": None,
    }


def bulk_result(posting_id: str, rows: list[dict]) -> dict:
    counts = {f"{s}_count": sum(r["status"] == s for r in rows) for s in ("created", "existing")}
    counts["error_count"] = sum(r["status"] == "error" for r in rows)
    return {**listed(rows, f"/v4/postings/{posting_id}/candidates/bulk"), **counts}


def rows_of(posting_id: str, body: dict) -> list[dict]:
    return [bulk_row(i, posting_id, row["email"]) for i, row in enumerate(body["data"])]


BAD_EMAIL_ROW = {
    "object": "error",
    "index": 2,
    "status": "error",
    "email": "sam.rivera@",
    "interview_id": None,
    "interview_url": None,
    "posting_id": CS_ID,
    "error": {
        "type": "invalid_request_error",
        "code": "validation_error",
        "message": "email: Enter a valid email address.",
        "param": "email",
        "errors": [
            {"param": "email", "code": "invalid", "message": "Enter a valid email address."}
        ],
    },
}
MIXED_BULK = {
    "data": [
        {"name": "Alex Chen", "email": "alex.c@email.com", "metadata": {"source": "greenhouse"}},
        PRIYA,
        {"name": "Sam Rivera", "email": "sam.rivera@", "metadata": {"source": "greenhouse"}},
    ]
}
CANDIDATES_BULK_CREATE = [
    request_example(CS, CS_BULK, "Customer service: an ATS export of three"),
    request_example(SALES, SALES_BULK, "Sales: three candidates with phone numbers"),
    request_example("mixed", MIXED_BULK, "A new, an existing and an invalid row"),
    response_example(CS, bulk_result(CS_ID, rows_of(CS_ID, CS_BULK)), summary="Three created"),
    response_example(
        SALES, bulk_result(SALES_ID, rows_of(SALES_ID, SALES_BULK)), summary="Three created"
    ),
    response_example(
        "mixed",
        bulk_result(
            CS_ID,
            [
                bulk_row(0, CS_ID, "alex.c@email.com"),
                bulk_row(1, CS_ID, PRIYA["email"], "existing"),
                BAD_EMAIL_ROW,
            ],
        ),
        summary="One result per row, in order; the bad row does not stop the others",
    ),
]


def candidate_row(person: dict, *, created_at: float, **changes) -> dict:
    interview_id, candidate_id = INTERVIEWS[person["email"]]
    row = {
        "object": "candidate",
        "interview_id": interview_id,
        "candidate_id": candidate_id,
        "posting_id": CS_ID,
        "name": person["name"],
        "email": person["email"],
        "phone_number": person.get("phone_number", ""),
        "score": None,
        "ai_score": None,
        "status": "pending",
        "interview_url": link(CS_ID, interview_id),
        "workflow": {
            "steps": [
                {
                    "id": "web_interview",
                    "order": 1,
                    "status": "not_started",
                    "started": False,
                    "completed": False,
                }
            ],
            "all_complete": False,
        },
        "shortlisted": False,
        "dismissed": False,
        "metadata": person["metadata"],
        "interviewed_at": None,
        "created_at": created_at,
    }
    return {**row, **changes}


PRIYA_DONE = {
    "score": 82.0,
    "ai_score": 82.0,
    "status": "completed",
    "workflow": {
        "steps": [
            {
                "id": "web_interview",
                "order": 1,
                "status": "complete",
                "started": True,
                "completed": True,
            }
        ],
        "all_complete": True,
    },
    "interviewed_at": 1739700600.0,
}
CANDIDATES_LIST = [
    response_example(
        CS,
        listed(
            [
                candidate_row(PRIYA, created_at=INGESTED_AT, **PRIYA_DONE),
                *[candidate_row(row, created_at=INGESTED_AT + 60.0) for row in CS_BULK["data"]],
            ],
            f"/v4/postings/{CS_ID}/candidates",
        ),
        summary="?limit=50 on B5E7F8A2: Priya has finished, the ATS export has not started",
    )
]

# Ingestion in the background

MORGAN = {
    "name": "Morgan Blake",
    "email": "morgan.b@email.com",
    "metadata": {"source": "careers_page"},
}
QUEUED_AT = 1739617800.0


def ingestion(ingestion_id: str, row_count: int, status: str = "queued", **changes) -> dict:
    data = {
        "object": "ingestion",
        "ingestion_id": ingestion_id,
        "status": status,
        "posting_id": CS_ID,
        "row_count": row_count,
        "created_count": None,
        "existing_count": None,
        "error_count": None,
        "results": [],
        "error": None,
        "created_at": QUEUED_AT,
        "completed_at": None,
    }
    return one("ingestion", {**data, **changes})


CANDIDATES_CREATE_ASYNC = [
    request_example(CS, MORGAN, "One candidate from your careers page"),
    response_example(
        CS, ingestion("ing_3a9d5e1f7b2c8046", 1), 202, "Queued: follow it by its ingestion_id"
    ),
]
CANDIDATES_BULK_CREATE_ASYNC = [
    request_example(CS, CS_BULK, "The customer-service guide's ATS export, in the background"),
    response_example(
        CS, ingestion("ing_7c2e9a41b05d3f68", 3), 202, "Queued: follow it by its ingestion_id"
    ),
]
INGESTIONS_RETRIEVE = [
    response_example("queued", ingestion("ing_7c2e9a41b05d3f68", 3), summary="Not run yet"),
    response_example(
        "completed",
        ingestion(
            "ing_7c2e9a41b05d3f68",
            3,
            "completed",
            created_count=3,
            existing_count=0,
            error_count=0,
            results=rows_of(CS_ID, CS_BULK),
            completed_at=QUEUED_AT + 2.4,
        ),
        summary="Done: one result per row, as the synchronous bulk call",
    ),
    response_example(
        "failed",
        ingestion(
            "ing_7c2e9a41b05d3f68",
            3,
            "failed",
            error="This posting is archived; activate it first.",
            completed_at=QUEUED_AT + 1.1,
        ),
        summary="The posting was archived before the job ran: nobody was ingested",
    ),
]

# The intake URL

DANA = {"name": "Dana Brooks", "email": "dana.b@email.com", "phone_number": "+15035550142"}


def intake_answer(status: str) -> dict:
    interview_id = INTERVIEWS[DANA["email"]][0] if status == "created" else None
    data = {
        "object": "candidate",
        "status": status,
        "interview_id": interview_id,
        "interview_url": link(CS_ID, interview_id) if interview_id else None,
        "posting_id": CS_ID,
        "link_emailed": True,
    }
    return one("candidate", data)


INTAKE_CANDIDATE_CREATE = [
    request_example(CS, DANA, "JSON, from your own backend"),
    request_example(
        CS,
        DANA,
        "A careers page's HTML form",
        media_type="application/x-www-form-urlencoded",
    ),
    request_example(CS, DANA, "A multipart form", media_type="multipart/form-data"),
    response_example(CS, intake_answer("created"), 201, "A new interview: take Dana there"),
    response_example(
        "existing",
        intake_answer("existing"),
        200,
        "The email had applied: no link here, it was mailed to that address",
    ),
]

# Statistics

POSTINGS_STATS = [
    response_example(
        CS,
        one(
            "posting_stats",
            {
                "object": "posting_stats",
                "posting_id": CS_ID,
                "title": CS_BODY["title"],
                "total_candidates": 4,
                "completed_interviews": 1,
                "average_interview_score": 82.0,
                "status_counts": {
                    "pending": 3,
                    "in_progress": 0,
                    "evaluating": 0,
                    "completed": 1,
                    "knocked_out": 0,
                },
            },
        ),
        summary="B5E7F8A2 after Priya's interview",
    )
]
