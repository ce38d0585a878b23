"""Serializers that only describe envelopes and errors for the OpenAPI document."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

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


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorResponseSerializer, description=description)


COMMON_ERRORS = {
    401: _error("Missing, invalid or revoked API key."),
    429: _error("Rate limited; see Retry-After and X-RateLimit-* headers."),
}
NOT_FOUND = {404: _error("No such object in your workspace.")}
INVALID = {
    400: _error("The body is not valid JSON."),
    413: _error("The body is too large."),
    415: _error("The body is not JSON."),
    422: _error("Validation failed; `errors` lists every field."),
}
CONFLICT = {409: _error("The object's state does not allow this.")}


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


PAGE_PARAMETERS = [
    OpenApiParameter("limit", int, description="1–100, default 10."),
    OpenApiParameter("starting_after", str, description="The last id of the previous page."),
]
