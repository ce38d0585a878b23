"""JSON from clients, parsed without letting its shape hurt the server."""

import json


def json_loads(data: str | bytes):
    """`json.loads`, with JSON nested too deeply for Python's parser (thousands of `[`) refused
    as a ValueError like any other malformed JSON, rather than a RecursionError."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
