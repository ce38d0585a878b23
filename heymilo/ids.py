"""Public identifiers: random, never sequential database ids."""

import secrets


def random_hex_id(length: int) -> str:
    return secrets.token_hex(length // 2).upper()


def new_posting_id() -> str:
    return random_hex_id(8)


def new_interview_id() -> str:
    return random_hex_id(16)


def new_workspace_id() -> str:
    return "ws_" + secrets.token_hex(8)


def new_webhook_id() -> str:
    return "wh_" + secrets.token_hex(8)


def new_ingestion_url_key() -> str:
    # 38 url-safe characters, like the guides' keys; the key is a credential.
    return secrets.token_urlsafe(29)[:38]
