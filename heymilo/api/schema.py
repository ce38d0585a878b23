"""Serializers, responses and a hook that only shape the OpenAPI document (/api/v4/schema/)."""

from http import HTTPStatus

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from heymilo.api.errors import error_body
from heymilo.api.fields import ConstField


class ErrorDetailSerializer(serializers.Serializer):
    param = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    type = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()
    param = serializers.CharField(allow_null=True)
    errors = ErrorDetailSerializer(many=True)


class ErrorResponseSerializer(serializers.Serializer):
    error = ErrorSerializer()


def _error(description: str, *examples: OpenApiExample) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorResponseSerializer, description=description, examples=list(examples)
    )


def error_example(name: str, value: dict, summary: str = "") -> OpenApiExample:
    return OpenApiExample(name, value=value, summary=summary, response_only=True)


NULL_IN_URL = error_example(
    "null_in_url",
    error_body(400, "The URL contains a null character."),
    "A NUL (%00) anywhere in the URL",
)
COMMON_ERRORS = {
    400: _error("The URL contains a null character.", NULL_IN_URL),
    401: _error(
        "Missing, invalid or revoked API key.",
        error_example(
            "invalid_key",
            error_body(401, "Invalid or revoked API key."),
            "A key that does not exist or was revoked",
        ),
    ),
    429: _error(
        "Rate limited; see Retry-After and X-RateLimit-* headers.",
        error_example(
            "rate_limited",
            error_body(429, "Request was throttled. Expected available in 43 seconds."),
            "Wait Retry-After seconds",
        ),
    ),
}
NOT_FOUND = {
    404: _error(
        "No such object in your workspace (another workspace's ids are 404 too).",
        error_example("not_found", error_body(404, "No such object."), "Not in your workspace"),
    )
}
_BODY_ERRORS = {
    400: _error(
        "The body is not valid JSON (or the URL contains a null character).",
        error_example(
            "invalid_json",
            error_body(
                400,
                "The request body is not valid JSON: Expecting property name enclosed in double "
                "quotes: line 1 column 2 (char 1)",
                code="invalid_json",
            ),
            "Malformed JSON",
        ),
        NULL_IN_URL,
    ),
    413: _error(
        "The body is too large.",
        error_example(
            "payload_too_large",
            error_body(413, "The request body is larger than 8388608 bytes."),
            "Over API_MAX_BODY_BYTES (8 MiB by default)",
        ),
    ),
    415: _error(
        "The body is not JSON.",
        error_example(
            "unsupported_media_type",
            error_body(415, 'Unsupported media type "text/plain" in request.'),
            "Send Content-Type: application/json",
        ),
    ),
}
_VALIDATION_DESCRIPTION = "Validation failed; `errors` lists every field."


def invalid(*examples: OpenApiExample) -> dict:
    """The errors of a call with a body: 400, 413, 415 and a 422 showing `examples`."""
    return {**_BODY_ERRORS, 422: _error(_VALIDATION_DESCRIPTION, *examples)}


def validation_example(name: str, errors: list[tuple[str, str, str]], summary: str = ""):
    """A 422 example; `errors` are (param, code, message), the first also names the error."""
    rows = [{"param": param, "code": code, "message": message} for param, code, message in errors]
    param, _, message = errors[0]
    body = error_body(422, f"{param}: {message}", param=param, errors=rows)
    return error_example(name, body, summary)


INVALID = invalid()
QUERY_INVALID = {
    422: _error(
        "A query parameter is not valid.",
        validation_example(
            "bad_limit",
            [("limit", "max_value", "Ensure this value is less than or equal to 100.")],
            "?limit=500",
        ),
    )
}


def conflict(description: str, *examples: OpenApiExample) -> dict:
    return {409: _error(description, *examples)}


def conflict_example(name: str, code: str, message: str) -> OpenApiExample:
    return error_example(name, error_body(409, message, code=code))


CONFLICT = conflict("The object's state does not allow this.")
POSTING_ARCHIVED = conflict(
    "The posting is archived; activate it first.",
    conflict_example(
        "posting_archived", "posting_archived", "This posting is archived; activate it first."
    ),
)


def envelope(name: str, inner: serializers.Serializer, object_name: str):
    """A `{"object": ..., "data": inner}` serializer named `name` for the schema."""
    fields = {
        "object": ConstField(object_name),
        "data": inner,
    }
    return type(name, (serializers.Serializer,), fields)


def list_envelope(name: str, inner: serializers.Serializer):
    fields = {
        "object": ConstField("list"),
        "data": inner,
        "total_count": serializers.IntegerField(),
        "has_more": serializers.BooleanField(),
        "url": serializers.CharField(),
    }
    return type(name, (serializers.Serializer,), fields)


def responses(ok: dict, *groups: dict) -> dict:
    merged = dict(ok)
    merged.update(COMMON_ERRORS)
    for group in groups:
        merged.update(group)
    return merged


def request_example(name: str, value, summary: str = "", description: str = "", **kwargs):
    return OpenApiExample(
        name, value=value, summary=summary, description=description, request_only=True, **kwargs
    )


def response_example(name: str, value, status: int = 200, summary: str = "", description=""):
    return OpenApiExample(
        name,
        value=value,
        summary=summary,
        description=description,
        response_only=True,
        status_codes=[str(status)],
    )


PAGE_PARAMETERS = [
    OpenApiParameter("limit", int, description="How many objects per page: 1–100, default 10."),
    OpenApiParameter(
        "starting_after",
        str,
        description="Cursor: the id of the last object of the page you have; the next page "
        "starts after it. Lists run oldest first; follow `has_more`.",
    ),
]

# Path parameters, described once for every operation that takes them.
PATH_PARAMETERS = {
    "posting_id": ("The posting's id, as `POST /postings` returned it.", "B5E7F8A2"),
    "question_id": (
        "A question's id: `Q001…` (voice), `rec_001…` (resume eligibility), `rsc_001…` "
        "(resume scoring).",
        "Q003",
    ),
    "step_id": ("The step's type: `resume` or `web_interview`.", "web_interview"),
    "interview_id": ("The interview's id, as ingestion returned it.", "E8F9A0B1C2D3E4F5"),
    "candidate_id": (
        "The candidate's id (`candidate_id` in the candidate list and in `/data`).",
        "cand_3f9a2c71d4e85b06",
    ),
    "ingestion_id": ("The id an `…/async` call returned.", "ing_7c2e9a41b05d3f68"),
    "webhook_id": ("The webhook's id, as `POST /webhooks` returned it.", "wh_4b8e1d2c9a7f3e05"),
    "delivery_id": (
        "A delivery's id (`X-HeyMilo-Delivery-Id` of the request we sent you).",
        "dlv_0a4c1f5e9b2d7c3e8f6a1b0c",
    ),
    "ingestion_url_key": (
        "The posting's intake key (`urls.ingestion_url_key`): the credential of this call.",
        "xK9mNpQ2rS4tU6vW8yZ0aB3cD5eF7gH9iJ1kL",
    ),
}

# Where each operation goes in the document, and so on the docs page: by tag (the order of
# SPECTACULAR_SETTINGS["TAGS"]), then in the order an integrator meets them.
OPERATION_ORDER = [
    # postings
    "postings_create",
    "postings_list",
    "postings_summaries",
    "postings_retrieve",
    "postings_update",
    "workflow_steps_update",
    "postings_archive",
    "postings_activate",
    "postings_clone",
    "postings_regenerate_ingestion_key",
    "postings_stats",
    "postings_destroy",
    # questions
    "questions_list",
    "questions_create",
    "questions_retrieve",
    "questions_update",
    "questions_reorder",
    "questions_delete",
    # candidates
    "candidates_create",
    "candidates_bulk_create",
    "candidates_list",
    "candidates_destroy",
    # ingestion
    "candidates_create_async",
    "candidates_bulk_create_async",
    "ingestions_retrieve",
    "intake_candidate_create",
    # interviews
    "interviews_data",
    "interviews_metadata_retrieve",
    "interviews_metadata_update",
    "interviews_metadata_destroy",
    "postings_rescore",
    "interviews_destroy",
    # webhooks
    "webhooks_create",
    "webhooks_list",
    "webhooks_retrieve",
    "webhooks_test",
    "webhooks_deliveries_list",
    "webhooks_deliveries_retrieve",
    "webhooks_deliveries_redeliver",
    "webhooks_rotate_secret",
    "webhooks_enable",
    "webhooks_delete",
]
HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}


def operation_rank(operation: dict) -> tuple[int, int, str]:
    tags = [tag["name"] for tag in settings.SPECTACULAR_SETTINGS.get("TAGS", [])]
    tag = (operation.get("tags") or [""])[0]
    tag_rank = tags.index(tag) if tag in tags else len(tags)
    operation_id = operation.get("operationId", "")
    known = operation_id in OPERATION_ORDER
    return (
        tag_rank,
        OPERATION_ORDER.index(operation_id) if known else len(OPERATION_ORDER),
        operation_id,
    )


def postprocess(result, generator, request, public):
    """Order paths and methods as OPERATION_ORDER says (a path takes the place of its first
    operation), describe the path parameters, and name the success responses."""
    paths = result.get("paths", {})
    for path_item in paths.values():
        for method in [m for m in path_item if m in HTTP_METHODS]:
            operation = path_item[method]
            for parameter in operation.get("parameters", []):
                known = PATH_PARAMETERS.get(parameter["name"])
                if parameter["in"] == "path" and known:
                    parameter.setdefault("description", known[0])
                    parameter.setdefault("example", known[1])
            for status, response in operation.get("responses", {}).items():
                if not response.get("description"):
                    response["description"] = HTTPStatus(int(status)).phrase

    def ranked_methods(path_item: dict) -> list[tuple[tuple, str]]:
        methods = [m for m in path_item if m in HTTP_METHODS]
        return sorted((operation_rank(path_item[m]), m) for m in methods)

    ordered = sorted(paths.items(), key=lambda item: ranked_methods(item[1])[0][0])
    result["paths"] = {
        path: {
            **{key: value for key, value in item.items() if key not in HTTP_METHODS},
            **{method: item[method] for _, method in ranked_methods(item)},
        }
        for path, item in ordered
    }
    return result
