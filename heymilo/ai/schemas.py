"""JSON schemas for the remote engine's structured outputs, and a small validator for replies.

The validator covers the subset of JSON Schema these schemas use (object, array, string, integer,
number, boolean, enum, required, minimum/maximum, maxItems). A model reply that does not validate is
treated as a failed call, so the fallback engine takes over.
"""

from __future__ import annotations

from typing import Any


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _strings(max_items: int) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "maxItems": max_items}


EVALUATION = _object(
    {
        "score": {"type": "integer", "minimum": 1, "maximum": 5},
        "summary": {"type": "string"},
        "evidence": _strings(5),
    }
)

DECISION = _object(
    {
        "action": {"type": "string", "enum": ["follow_up", "move_on"]},
        "utterance": {"type": "string"},
    }
)

CANDIDATE_REPLY = _object(
    {
        "kind": {"type": "string", "enum": ["answer", "question", "rephrase", "repeat"]},
        "utterance": {"type": "string"},
        "answered": {"type": "boolean"},
    }
)

QUESTIONS = _object(
    {
        "questions": {
            "type": "array",
            "items": _object(
                {
                    "text": {"type": "string"},
                    "evaluation_criteria": {"type": "string"},
                    "score_of_1": {"type": "string"},
                    "score_of_5": {"type": "string"},
                    "question_type": {"type": "string"},
                    "score_weight": {"type": "number", "minimum": 0, "maximum": 10},
                    "min_follow_ups": {"type": "integer", "minimum": 0, "maximum": 5},
                    "max_follow_ups": {"type": "integer", "minimum": 0, "maximum": 5},
                }
            ),
        }
    }
)

SUMMARY = _object({"highlights": _strings(5), "lowlights": _strings(5), "tags": _strings(8)})

_CONFIDENCE = {"type": "number", "minimum": 0, "maximum": 1}
RESUME = _object(
    {
        "eligibility": {
            "type": "array",
            "items": _object(
                {
                    "criteria_id": {"type": "string"},
                    "passed": {"type": "boolean"},
                    "confidence": _CONFIDENCE,
                    "reasons": _strings(5),
                }
            ),
        },
        "scores": {
            "type": "array",
            "items": _object(
                {
                    "criteria_id": {"type": "string"},
                    "score": {"type": "number", "minimum": 1, "maximum": 5},
                    "confidence": _CONFIDENCE,
                    "reasons": _strings(5),
                }
            ),
        },
    }
)

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


class SchemaError(ValueError):
    pass


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> None:
    """Raise ``SchemaError`` naming the first place where ``value`` breaks ``schema``."""
    kind = schema.get("type")
    if kind and (
        not isinstance(value, _TYPES[kind]) or (kind != "boolean" and isinstance(value, bool))
    ):
        raise SchemaError(f"{path}: expected {kind}, got {type(value).__name__}")
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError(f"{path}: {value!r} not one of {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        raise SchemaError(f"{path}: {value} below {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        raise SchemaError(f"{path}: {value} above {schema['maximum']}")
    if kind == "object":
        _validate_object(value, schema, path)
    if kind == "array":
        if len(value) > schema.get("maxItems", len(value)):
            raise SchemaError(f"{path}: more than {schema['maxItems']} items")
        for index, item in enumerate(value):
            validate(item, schema.get("items", {}), f"{path}[{index}]")


def _validate_object(value: dict[str, Any], schema: dict[str, Any], path: str) -> None:
    for key in schema.get("required", []):
        if key not in value:
            raise SchemaError(f"{path}: missing {key!r}")
    for key, item in value.items():
        if key in schema.get("properties", {}):
            validate(item, schema["properties"][key], f"{path}.{key}")
