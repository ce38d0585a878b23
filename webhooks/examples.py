"""Examples of the OpenAPI document for webhooks and their deliveries.

The webhook is the customer-service guide's (`report_available` to
https://your-system.com/heymilo-callback for posting B5E7F8A2); its deliveries carry Priya
Patel's report. The event and delivery ids are docs/webhooks.md's.
tests/api/test_openapi_examples.py holds them to the schema, to the guides and to real answers.
"""

from heymilo.api.schema import request_example, response_example
from postings.examples import CS, CS_ID, SALES_ID, listed, one

WEBHOOK_ID = "wh_4b8e1d2c9a7f3e05"
CALLBACK = "https://your-system.com/heymilo-callback"
REGISTERED_AT = 1739614500.0
SECRET = "whsec_Xq3vN8bK2mT7rW1yP5sD9hF4jL6cG0aZ2eU8iO5nR1t"
NEW_SECRET = "whsec_Lp6eR2wQ9tY4uI7oA1sD3fG8hJ5kZ0xC2vB6nM9qW4e"
CS_WEBHOOK = {"posting_id": CS_ID, "url": CALLBACK, "event_type": "report_available"}
V2_WEBHOOK = {
    "posting_id": SALES_ID,
    "webhook_url": "https://your-system.com/heymilo-ingested",
    "event_type": "candidate_ingested",
}


def webhook(webhook_id: str, posting_id: str, url: str, event_type: str, **changes) -> dict:
    data = {
        "object": "webhook",
        "id": webhook_id,
        "webhook_id": webhook_id,
        "posting_id": posting_id,
        "url": url,
        "webhook_url": url,
        "event_type": event_type,
        "is_active": True,
        "disabled_reason": "",
        "created_at": REGISTERED_AT,
        "updated_at": REGISTERED_AT,
    }
    return {**data, **changes}


CS_HOOK = webhook(WEBHOOK_ID, CS_ID, CALLBACK, "report_available")
SALES_HOOK = webhook(
    "wh_5c9f2e3d0b8a4f16",
    SALES_ID,
    V2_WEBHOOK["webhook_url"],
    "candidate_ingested",
    created_at=REGISTERED_AT + 300.0,
    updated_at=REGISTERED_AT + 300.0,
)

WEBHOOKS_CREATE = [
    request_example(CS, CS_WEBHOOK, "The customer-service guide: reports for B5E7F8A2"),
    request_example("v2_spelling", V2_WEBHOOK, "HeyMilo v2's `webhook_url` works too"),
    response_example(
        CS, one("webhook", {**CS_HOOK, "secret": SECRET}), 201, "Keep `secret`: shown only now"
    ),
    response_example(
        "v2_spelling",
        one("webhook", {**SALES_HOOK, "secret": "whsec_Tg8hY3uJ6iK9oL2pZ5xC7vB1nM4qW0eR6tA3sD8fH"}),
        201,
        "Keep `secret`: shown only now",
    ),
]
WEBHOOKS_LIST = [
    response_example(
        "all", listed([CS_HOOK, SALES_HOOK], "/v4/webhooks"), summary="Both guides' webhooks"
    )
]
WEBHOOKS_RETRIEVE = [response_example(CS, one("webhook", CS_HOOK), summary="No secret here")]
WEBHOOKS_DELETE = [
    response_example(
        "deleted",
        one("webhook", {"object": "webhook", "id": WEBHOOK_ID, "deleted": True}),
        summary="Deleted: no more events for it",
    )
]
ROTATED_AT = 1741003200.0
WEBHOOKS_ROTATE_SECRET = [
    request_example("grace_period", {"grace_period_seconds": 86400}, "Old secret valid 1 day"),
    request_example("at_once", {}, "The old secret stops now"),
    response_example(
        "grace_period",
        one("webhook", {**CS_HOOK, "updated_at": ROTATED_AT, "secret": NEW_SECRET}),
        summary="The new secret, shown only now",
    ),
    response_example(
        "at_once",
        one("webhook", {**CS_HOOK, "updated_at": ROTATED_AT, "secret": NEW_SECRET}),
        summary="The new secret, shown only now",
    ),
]
WEBHOOKS_ENABLE = [
    response_example(
        "enabled",
        one("webhook", {**CS_HOOK, "updated_at": 1741089600.0}),
        summary="Active again, `disabled_reason` cleared",
    )
]

# Deliveries

EVENT_ID = "evt_6f1d0c0d2d0e4b3a9c1e7f21"
DELIVERY_ID = "dlv_0a4c1f5e9b2d7c3e8f6a1b0c"
REPORT_AT = 1739700643.1


def attempt(number: int, status_code: int | None, started_at: float, **fields) -> dict:
    succeeded = status_code is not None and 200 <= status_code < 300
    data = {
        "object": "webhook_delivery_attempt",
        "number": number,
        "succeeded": succeeded,
        "status_code": status_code,
        "duration_ms": 184,
        "error": "" if succeeded else f"HTTP {status_code}",
        "response_excerpt": "ok" if succeeded else "Service Unavailable",
        "started_at": started_at,
    }
    return {**data, **fields}


def delivery(**fields) -> dict:
    data = {
        "object": "webhook_delivery",
        "id": DELIVERY_ID,
        "webhook_id": WEBHOOK_ID,
        "event_id": EVENT_ID,
        "event_type": "report_available",
        "interview_id": "E8F9A0B1C2D3E4F5",
        "is_test": False,
        "status": "succeeded",
        "attempt_count": 2,
        "last_status_code": 200,
        "last_error": "",
        "next_attempt_at": None,
        "last_attempt_at": REPORT_AT + 31.0,
        "completed_at": REPORT_AT + 31.2,
        "created_at": REPORT_AT,
        "attempts": [
            attempt(1, 503, REPORT_AT + 0.2, duration_ms=412),
            attempt(2, 200, REPORT_AT + 31.0),
        ],
    }
    return {**data, **fields}


TESTED_AT = 1739614560.0
TEST_DELIVERY = delivery(
    id="dlv_7e2b9c4d1a6f3e8b0c5d2a9f",
    event_id="evt_1b7e4c9a2d5f8e0b3c6a9d2f",
    interview_id=None,
    is_test=True,
    status="pending",
    attempt_count=0,
    last_status_code=None,
    next_attempt_at=TESTED_AT,
    last_attempt_at=None,
    completed_at=None,
    created_at=TESTED_AT,
    attempts=[],
)
WEBHOOKS_TEST = [
    response_example(
        "queued", one("webhook_delivery", TEST_DELIVERY), 202, "Queued; `data.test` is true"
    )
]
REPORT_DELIVERY = delivery()
WEBHOOKS_DELIVERIES_LIST = [
    response_example(
        CS,
        listed(
            [
                {
                    **TEST_DELIVERY,
                    "status": "succeeded",
                    "attempt_count": 1,
                    "last_status_code": 200,
                    "next_attempt_at": None,
                    "last_attempt_at": TESTED_AT + 0.4,
                    "completed_at": TESTED_AT + 0.6,
                    "attempts": [attempt(1, 200, TESTED_AT + 0.4, duration_ms=97)],
                },
                REPORT_DELIVERY,
            ],
            f"/v4/webhooks/{WEBHOOK_ID}/deliveries",
        ),
        summary="The test event, then Priya's report (answered 503 once, then 200)",
    )
]
WEBHOOKS_DELIVERIES_RETRIEVE = [
    response_example(
        CS, one("webhook_delivery", REPORT_DELIVERY), summary="Priya's report, second attempt OK"
    )
]
REDELIVERED_AT = 1739787600.0
WEBHOOKS_DELIVERIES_REDELIVER = [
    response_example(
        CS,
        one(
            "webhook_delivery",
            {
                **REPORT_DELIVERY,
                "status": "pending",
                "next_attempt_at": REDELIVERED_AT,
                "completed_at": None,
            },
        ),
        202,
        "Queued again: same event id and body, attempt 3 to come",
    )
]
