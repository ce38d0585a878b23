"""One error envelope for the whole API: {"error": {type, code, message, param, errors}}."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response

from heymilo.api.throttling import rate_limit_headers
from heymilo.errors import Conflict, DomainError
from heymilo.strings import storable


class InvalidJson(exceptions.ParseError):
    default_code = "invalid_json"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


ERROR_TYPES = {
    400: ("invalid_request_error", "bad_request"),
    401: ("authentication_error", "unauthorized"),
    403: ("permission_error", "forbidden"),
    404: ("invalid_request_error", "not_found"),
    405: ("invalid_request_error", "method_not_allowed"),
    406: ("invalid_request_error", "not_acceptable"),
    409: ("invalid_request_error", "conflict"),
    413: ("invalid_request_error", "payload_too_large"),
    415: ("invalid_request_error", "unsupported_media_type"),
    422: ("invalid_request_error", "validation_error"),
    429: ("rate_limit_error", "rate_limited"),
    503: ("api_error", "service_unavailable"),
}


def error_body(status_code: int, message: str, *, code=None, param=None, errors=None) -> dict:
    error_type, default_code = ERROR_TYPES.get(status_code, ("api_error", "error"))
    return {
        "error": {
            "type": error_type,
            "code": code or default_code,
            "message": printable(message),
            "param": printable(param),
            "errors": [{key: printable(value) for key, value in e.items()} for e in errors or []],
        }
    }


def printable(value):
    """Messages and params may quote the input; an unpaired surrogate there cannot be encoded
    as UTF-8 and would turn a 422 into a 500, so it becomes U+FFFD."""
    return storable(value) if isinstance(value, str) else value


def flatten_validation_errors(detail, prefix: str = "") -> list[dict]:
    """Turn DRF's nested error dicts/lists into [{param: "workflow.0.questions.1.text", ...}]."""
    if isinstance(detail, dict):
        rows = []
        for key, value in detail.items():
            name = prefix if key == "non_field_errors" else f"{prefix}.{key}" if prefix else key
            rows.extend(flatten_validation_errors(value, name))
        return rows
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):  # ErrorDetail is a str
            return [
                {
                    "param": prefix or None,
                    "code": getattr(item, "code", "invalid"),
                    "message": str(item),
                }
                for item in detail
            ]
        rows = []
        for index, item in enumerate(detail):
            if item:
                rows.extend(
                    flatten_validation_errors(item, f"{prefix}.{index}" if prefix else str(index))
                )
        return rows
    return [
        {
            "param": prefix or None,
            "code": getattr(detail, "code", "invalid"),
            "message": str(detail),
        }
    ]


def validation_error_body(detail) -> dict:
    errors = flatten_validation_errors(detail)
    first = errors[0] if errors else {"param": None, "message": "Invalid request."}
    message = f"{first['param']}: {first['message']}" if first["param"] else first["message"]
    return error_body(422, message, param=first["param"], errors=errors)


def domain_error_body(error: DomainError) -> tuple[dict, int]:
    """The envelope of an error a service raised: 409 for a conflict, else 422."""
    if isinstance(error, Conflict):
        return error_body(409, error.message, code=error.code, param=error.param), 409
    errors = [{"param": error.param, "code": error.code, "message": error.message}]
    body = error_body(422, error.message, code=error.code, param=error.param, errors=errors)
    return body, 422


def exception_handler(exc, context):
    request = context.get("request")
    headers = rate_limit_headers(request) if request is not None else {}
    if isinstance(exc, DomainError):
        body, status_code = domain_error_body(exc)
        return Response(body, status=status_code, headers=headers)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("No such object.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    if not isinstance(exc, exceptions.APIException):
        return None

    if isinstance(exc, exceptions.ValidationError):
        body, status_code = validation_error_body(exc.detail), 422
    else:
        status_code = exc.status_code
        code = exc.default_code if isinstance(exc, (InvalidJson, PayloadTooLarge)) else None
        body = error_body(status_code, str(exc.detail), code=code)

    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(int(exc.wait))
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    return Response(body, status=status_code, headers=headers)


def json_not_found(request, exception=None):
    return JsonResponse(error_body(404, "No such endpoint."), status=404)


def json_server_error(request):
    return JsonResponse(error_body(500, "Something went wrong on our side."), status=500)
