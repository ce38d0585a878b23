"""Examples of the OpenAPI document for postings and questions.

They are HeyMilo's two seed guides: the customer-service posting B5E7F8A2 and the sales
posting D9E0F1A2, created from the guides' own bodies (heymilo/demo_data), then edited as the
guides edit them. Answers show every field this API returns. tests/api/test_openapi_examples.py
holds them to the schema, to the guides and to real answers.
"""

import copy
import json
from pathlib import Path

from django.conf import settings

from heymilo.api.schema import request_example, response_example
from postings.validation import DEFAULTS

DEMO_DATA = Path(settings.BASE_DIR) / "heymilo" / "demo_data"
CS, SALES = "customer_service", "sales"  # example names: one per guide


def guide_body(name: str) -> dict:
    return json.loads((DEMO_DATA / f"{name}-posting.json").read_text())


CS_BODY = guide_body("customer-service")
SALES_BODY = guide_body("sales")
CS_ID, SALES_ID = "B5E7F8A2", "D9E0F1A2"
CREATED_AT = 1739612400.0  # as both guides show it
EDITED_AT = 1739613600.0
CS_URLS = {
    "candidate_url": "https://candidates.heymilo.io/brightdesk/customer-service-representative",
    "ingestion_url_key": "xK9mNpQ2rS4tU6vW8yZ0aB3cD5eF7gH9iJ1kL",
    "review_url": "https://admin.heymilo.ai/w/WORKSPACE_ID/lab2/B5E7F8A2/1-details",
}
SALES_URLS = {
    "candidate_url": "https://candidates.heymilo.io/cloudmetrics/sales-representative",
    "ingestion_url_key": "qS4tU6vW8xY0zA2bC4dE6fG8hI0jK2lM4nO6pQ",
    "review_url": "https://admin.heymilo.ai/w/WORKSPACE_ID/lab2/D9E0F1A2/1-details",
}
PREFIXES = {"voice": "Q", "resume_eligibility": "rec_", "resume_scoring": "rsc_"}


def question_out(posting_id: str, public_id: str, rank: int, attrs: dict, at=CREATED_AT):
    """A question as the API shows it, from the attributes it was created with."""
    return {
        "object": "question",
        "id": public_id,
        "posting_id": posting_id,
        "modality": attrs["modality"],
        "text": attrs["text"],
        "rank": rank,
        "evaluation_criteria": attrs.get("evaluation_criteria", ""),
        "score_of_1": attrs.get("score_of_1", ""),
        "score_of_5": attrs.get("score_of_5", ""),
        "question_type": attrs.get("question_type", "open-ended"),
        "score_weight": attrs.get("score_weight", attrs.get("weight", 1.0)),
        "min_follow_ups": attrs.get("min_follow_ups", 0),
        "max_follow_ups": attrs.get("max_follow_ups", 1),
        "not_scored": attrs.get("not_scored", False),
        "additional_instructions": attrs.get("additional_instructions", ""),
        "created_at": at,
        "updated_at": at,
    }


def posting_out(body: dict, posting_id: str, urls: dict, **changes) -> dict:
    """The posting `POST /postings` made of `body`, as `GET /postings/{id}` shows it."""
    workflow, counts = [], {}
    for order, step in enumerate(body["workflow"], start=1):
        questions = []
        for attrs in step.get("questions", []):
            prefix = PREFIXES[attrs["modality"]]
            counts[prefix] = counts.get(prefix, 0) + 1
            public_id = f"{prefix}{counts[prefix]:03d}"
            questions.append(question_out(posting_id, public_id, counts[prefix], attrs))
        questions.sort(key=lambda question: (question["modality"], question["rank"]))
        config = {**DEFAULTS[step["type"]], **step.get("config", {})}
        workflow.append(
            {
                "id": step["type"],
                "type": step["type"],
                "order": order,
                "config": config,
                "questions": questions,
            }
        )
    posting = {
        "object": "posting",
        "id": posting_id,
        "title": body["title"],
        "name": "",
        "description": body["description"],
        "language": body["language"],
        "interviewer_name": body["interviewer_name"],
        "status": "active",
        "instructions": "",
        "company_overview": body["company_overview"],
        "job_overview": body["job_overview"],
        "interview_process_overview": "",
        "company_overview_delivery_mode": "exact_delivery",
        "job_overview_delivery_mode": "exact_delivery",
        "interview_process_overview_delivery_mode": "exact_delivery",
        "redirect_url": "",
        "invitation_subject": "",
        "invitation_body": "",
        "deadline_days": None,
        "reminder_days": [],
        "invite_api_candidates": False,
        "metadata": {},
        "urls": urls,
        "workflow": workflow,
        "created_at": CREATED_AT,
        "updated_at": CREATED_AT,
    }
    return {**posting, **changes}


def created(posting: dict) -> dict:
    """The answer of `POST /postings` (and of a clone): a summary with the posting inside."""
    summary = {key: posting[key] for key in ("id", "status", "urls", "created_at")}
    return {"object": "posting", "data": {"object": "posting", **summary, "posting": posting}}


def one(object_name: str, data: dict) -> dict:
    return {"object": object_name, "data": data}


def listed(rows: list, url: str, *, total_count=None, has_more=False) -> dict:
    total = len(rows) if total_count is None else total_count
    return {"object": "list", "data": rows, "total_count": total, "has_more": has_more, "url": url}


CS_POSTING = posting_out(CS_BODY, CS_ID, CS_URLS)
SALES_POSTING = posting_out(SALES_BODY, SALES_ID, SALES_URLS)


def questions_of(posting: dict, modality: str) -> list[dict]:
    rows = [q for step in posting["workflow"] for q in step["questions"]]
    return [copy.deepcopy(q) for q in rows if q["modality"] == modality]


def step_of(posting: dict, step_type: str) -> dict:
    return copy.deepcopy(next(s for s in posting["workflow"] if s["type"] == step_type))


# Postings

POSTINGS_CREATE = [
    request_example(CS, CS_BODY, "Customer service: one video interview step (guide 1)"),
    request_example(SALES, SALES_BODY, "Sales: optional resume screen, then video (guide 2)"),
    response_example(CS, created(CS_POSTING), 201, "Customer service posting B5E7F8A2"),
    response_example(SALES, created(SALES_POSTING), 201, "Sales posting D9E0F1A2"),
]
POSTINGS_LIST = [
    response_example(
        "first_page",
        listed([CS_POSTING], "/v4/postings", total_count=2, has_more=True),
        summary="?limit=1: the first page of two postings",
    ),
]
POSTINGS_SUMMARIES = [
    response_example(
        "all",
        listed(
            [
                {
                    "object": "posting_summary",
                    "id": CS_ID,
                    "title": CS_BODY["title"],
                    "name": "customer-service-representative",
                },
                {
                    "object": "posting_summary",
                    "id": SALES_ID,
                    "title": SALES_BODY["title"],
                    "name": "sales-representative-mid-market",
                },
            ],
            "/v4/postings/list",
        ),
        summary="Both guides' postings",
    ),
]
POSTINGS_RETRIEVE = [
    response_example(SALES, one("posting", SALES_POSTING), summary="The sales posting D9E0F1A2"),
    response_example(CS, one("posting", CS_POSTING), summary="The customer-service posting"),
]
POSTING_CHANGES = {
    "redirect_url": "https://brightdesk.com/careers/thank-you",
    "interview_process_overview": "A 15-minute video interview with Sarah, then a call with "
    "the support team lead within three business days.",
}
POSTINGS_UPDATE = [
    request_example(CS, POSTING_CHANGES, "Where candidates go after, and what comes next"),
    response_example(
        CS,
        one("posting", {**CS_POSTING, **POSTING_CHANGES, "updated_at": EDITED_AT}),
        summary="Only the fields sent changed",
    ),
]
CS_STEP_CHANGE = {
    "config": {"num_questions": 4, "interview_type": "behavioral", "end_of_turn_silence": 1.2}
}
SALES_STEP_CHANGE = {"config": {"optional": False, "min_evaluation_score": 3.5}}


def step_changed(posting: dict, step_type: str, change: dict) -> dict:
    step = step_of(posting, step_type)
    step["config"].update(change["config"])
    return one("workflow_step", step)


WORKFLOW_STEPS_UPDATE = [
    request_example(
        CS,
        CS_STEP_CHANGE,
        "PATCH …/B5E7F8A2/workflow/web_interview: 4 behavioral questions, patient",
    ),
    request_example(
        SALES, SALES_STEP_CHANGE, "PATCH …/D9E0F1A2/workflow/resume: require a resume scoring 3.5"
    ),
    response_example(
        CS, step_changed(CS_POSTING, "web_interview", CS_STEP_CHANGE), summary="The video step"
    ),
    response_example(
        SALES, step_changed(SALES_POSTING, "resume", SALES_STEP_CHANGE), summary="The resume step"
    ),
]
POSTINGS_ARCHIVE = [
    response_example(
        "archived",
        one("posting", {**CS_POSTING, "status": "archived", "updated_at": 1740303000.0}),
        summary="B5E7F8A2 archived: it takes no more candidates",
    )
]
POSTINGS_ACTIVATE = [
    response_example(
        "active",
        one("posting", {**CS_POSTING, "updated_at": 1740389400.0}),
        summary="B5E7F8A2 active again",
    )
]
CLONE_ID = "C7D8E9F0"
CLONE_URLS = {
    "candidate_url": "https://candidates.heymilo.io/brightdesk/customer-service-representative-copy",
    "ingestion_url_key": "pR7sT9uV1wX3yZ5aB7cD9eF1gH3iJ5kL7mN9oP",
    "review_url": "https://admin.heymilo.ai/w/WORKSPACE_ID/lab2/C7D8E9F0/1-details",
}
CLONED_AT = 1740475800.0


def cloned() -> dict:
    posting = posting_out(CS_BODY, CLONE_ID, CLONE_URLS)
    for step in posting["workflow"]:
        for question in step["questions"]:
            question.update(created_at=CLONED_AT, updated_at=CLONED_AT)
    title = f"{CS_BODY['title']} (copy)"
    return {**posting, "title": title, "status": "draft", "created_at": CLONED_AT,
            "updated_at": CLONED_AT}  # fmt: skip


POSTINGS_CLONE = [
    response_example(
        "copy",
        created(cloned()),
        201,
        summary="A draft copy of B5E7F8A2: new id, links and intake key, same questions",
    )
]
NEW_INTAKE_KEY = "Zt4Kq8Wm2Xv6Np0Ry3Ls7Hd1Fg5Jc9Bb2Ve4Tu"
POSTINGS_REGENERATE_INGESTION_KEY = [
    response_example(
        "new_key",
        one(
            "posting",
            {
                **CS_POSTING,
                "urls": {**CS_URLS, "ingestion_url_key": NEW_INTAKE_KEY},
                "updated_at": 1740562200.0,
            },
        ),
        summary="A new `urls.ingestion_url_key`; the old one answers 404",
    )
]

# Questions

QUESTIONS_URL = f"/v4/postings/{CS_ID}/questions"
QUESTIONS_LIST = [
    response_example(
        CS,
        listed(questions_of(CS_POSTING, "voice"), QUESTIONS_URL),
        summary="?modality=voice on B5E7F8A2",
    ),
    response_example(
        SALES,
        listed(questions_of(SALES_POSTING, "resume_scoring"), f"/v4/postings/{SALES_ID}/questions"),
        summary="?modality=resume_scoring on D9E0F1A2",
    ),
]
NEW_QUESTION = {
    "modality": "voice",
    "text": "What is the toughest objection you regularly face in sales, and how do you handle it?",
    "evaluation_criteria": "Assess objection handling skills. Look for a repeatable framework, "
    "not just a one-off example.",
    "score_of_1": "No clear approach to handling objections.",
    "score_of_5": "Describes a structured objection handling framework with a specific, "
    "compelling example.",
    "question_type": "open-ended",
    "score_weight": 2.0,
    "min_follow_ups": 1,
    "max_follow_ups": 1,
}
NEW_QUESTION_OUT = question_out(SALES_ID, "Q006", 6, NEW_QUESTION, EDITED_AT)
QUESTIONS_CREATE = [
    request_example(SALES, NEW_QUESTION, "Sales guide: ask about objection handling"),
    response_example(SALES, one("question", NEW_QUESTION_OUT), 201, "Q006, ranked last"),
]
CS_Q003 = questions_of(CS_POSTING, "voice")[2]
QUESTIONS_RETRIEVE = [response_example(CS, one("question", CS_Q003), summary="Q003 of B5E7F8A2")]
CS_QUESTION_CHANGE = {
    "evaluation_criteria": "Assess technical troubleshooting methodology. Must ask at least 2 "
    "clarifying questions before suggesting a solution. Look for browser/device checks and "
    "reproduction steps.",
    "score_weight": 3.0,
}
SALES_QUESTION_CHANGE = {
    "text": "Imagine I am a VP of Analytics currently using Tableau. Give me your 60-second "
    "pitch on why I should switch to CloudMetrics."
}
SALES_Q002 = questions_of(SALES_POSTING, "voice")[1]
SALES_Q002_CHANGED = {**SALES_Q002, **SALES_QUESTION_CHANGE, "updated_at": EDITED_AT}
QUESTIONS_UPDATE = [
    request_example(CS, CS_QUESTION_CHANGE, "PATCH …/B5E7F8A2/questions/Q003: stricter criteria"),
    request_example(SALES, SALES_QUESTION_CHANGE, "PATCH …/D9E0F1A2/questions/Q002: name a rival"),
    response_example(
        CS,
        one("question", {**CS_Q003, **CS_QUESTION_CHANGE, "updated_at": EDITED_AT}),
        summary="Q003 with its new criteria and weight",
    ),
    response_example(
        SALES,
        one("question", SALES_Q002_CHANGED),
        summary="Q002 with its new text",
    ),
]
CS_ORDER = {"modality": "voice", "question_ids": ["Q005", "Q001", "Q002", "Q003", "Q004"]}
SALES_ORDER = {"modality": "voice", "question_ids": ["Q002", "Q001", "Q004", "Q003", "Q005"]}


def reordered(questions: list[dict], question_ids: list[str], url: str) -> dict:
    by_id = {q["id"]: q for q in questions}
    rows = [by_id[i] for i in question_ids] + [q for q in questions if q["id"] not in question_ids]
    return listed([{**q, "rank": rank} for rank, q in enumerate(rows, start=1)], url)


QUESTIONS_REORDER = [
    request_example(CS, CS_ORDER, "Customer service: the motivation question first"),
    request_example(SALES, SALES_ORDER, "Sales: the pitch first; Q006, not named, stays last"),
    response_example(
        CS,
        reordered(questions_of(CS_POSTING, "voice"), CS_ORDER["question_ids"], QUESTIONS_URL),
        summary="Ranks 1–5 in the new order",
    ),
    response_example(
        SALES,
        reordered(
            [
                SALES_Q002_CHANGED if q["id"] == "Q002" else q
                for q in [*questions_of(SALES_POSTING, "voice"), NEW_QUESTION_OUT]
            ],
            SALES_ORDER["question_ids"],
            f"/v4/postings/{SALES_ID}/questions",
        ),
        summary="The ids named first, the others after in their order",
    ),
]
QUESTIONS_DELETE = [
    response_example(
        "deleted",
        one("question", {"object": "question", "id": "Q004", "deleted": True}),
        summary="Q004 deleted; the questions ranked after it move up",
    )
]
