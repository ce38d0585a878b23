"""Limits of the free-form metadata integrators attach to postings, candidates and interviews."""

METADATA_MAX_KEYS = 50
METADATA_MAX_KEY_LENGTH = 40
METADATA_MAX_VALUE_LENGTH = 500
