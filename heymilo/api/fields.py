import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heymilo.metadata import (
    METADATA_MAX_KEY_LENGTH,
    METADATA_MAX_KEYS,
    METADATA_MAX_VALUE_LENGTH,
)
from heymilo.strings import SURROGATE

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
PHONE_PUNCTUATION = re.compile(r"[\s().\-]")


@extend_schema_field(OpenApiTypes.NUMBER)
class UnixTimeField(serializers.Field):
    """Datetimes leave the API as unix timestamps (float seconds), as the guides show."""

    def to_representation(self, value):
        return unix_time(value)


def unix_time(value) -> float | None:
    return None if value is None else round(value.timestamp(), 3)


@extend_schema_field(
    {
        "type": "object",
        "maxProperties": METADATA_MAX_KEYS,
        "additionalProperties": {
            "anyOf": [
                {"type": "string", "maxLength": METADATA_MAX_VALUE_LENGTH},
                {"type": "number"},
                {"type": "boolean"},
            ],
            "nullable": True,
        },
    }
)
class MetadataField(serializers.Field):
    """A flat object of at most 50 keys with short scalar values, like Stripe's metadata."""

    default_error_messages = {
        "not_object": "Must be an object.",
        "too_many_keys": f"At most {METADATA_MAX_KEYS} keys.",
        "bad_key": f"Keys must be 1–{METADATA_MAX_KEY_LENGTH} characters.",
        "bad_value": "Values must be strings, numbers, booleans or null.",
        "long_value": f"String values must be at most {METADATA_MAX_VALUE_LENGTH} characters.",
        "null_character": "Null characters are not allowed.",
        "surrogate": "Unpaired surrogate characters (U+D800–U+DFFF) are not allowed.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_object")
        if len(data) > METADATA_MAX_KEYS:
            self.fail("too_many_keys")
        for key, value in data.items():
            if not 1 <= len(key) <= METADATA_MAX_KEY_LENGTH:
                self.fail("bad_key")
            if not (value is None or isinstance(value, (str, int, float, bool))):
                self.fail("bad_value")
            if isinstance(value, str) and len(value) > METADATA_MAX_VALUE_LENGTH:
                self.fail("long_value")
            # PostgreSQL's jsonb cannot store U+0000, so it is refused here, not by a 500 there.
            if "\x00" in key or (isinstance(value, str) and "\x00" in value):
                self.fail("null_character")
            if SURROGATE.search(key) or (isinstance(value, str) and SURROGATE.search(value)):
                self.fail("surrogate")
        return data

    def to_representation(self, value):
        return value


def normalize_phone_number(value: str) -> str:
    """Accept common punctuation but store strict E.164 (+ and 7–15 digits)."""
    compact = PHONE_PUNCTUATION.sub("", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not E164.match(compact):
        raise serializers.ValidationError(
            "Use E.164 format: a + and the country code, e.g. +12125559876."
        )
    return compact


@extend_schema_field({"type": "string", "pattern": r"^\+?[0-9 ().\-]{7,24}$", "nullable": True})
class PhoneNumberField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return normalize_phone_number(value) if value else ""


class ConstField(serializers.Field):
    """The `object` discriminator of every envelope: one fixed string, inlined in the schema."""

    def __init__(self, value: str, **kwargs):
        self.value = value
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return self.value

    def to_representation(self, value):
        return self.value


class ConstFieldSchema(OpenApiSerializerFieldExtension):
    target_class = ConstField

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "enum": [self.target.value]}
