"""CSV ingestion from the dashboard: parse and validate first (a preview with per-row errors),
then ingest in batches so the page can show progress on large files.

Columns: name, email, phone_number; a `metadata` column may hold a JSON object; every other
column becomes a metadata key. The validated rows wait in storage under a random token.
"""

import csv
import io
import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from candidates.bulk import bulk_rows
from candidates.models import Interview
from candidates.services import candidates_ingest
from postings.models import Posting

KNOWN_COLUMNS = ("name", "email", "phone_number")
COMMIT_BATCH = 500
MAX_CSV_BYTES = 5 * 1024 * 1024


class CsvError(ValueError):
    """The file as a whole cannot be read (not CSV, no name/email columns, too many rows)."""


@dataclass
class ParsedCsv:
    rows: list[dict]  # validated, ready for candidates_ingest
    errors: list[dict] = field(default_factory=list)  # {"line", "email", "message"}
    total: int = 0


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _raw_row(record: dict) -> dict:
    """One CSV record as the API's candidate body: known columns, then metadata."""
    row = {key: (record.get(key) or "").strip() for key in KNOWN_COLUMNS}
    row = {key: value for key, value in row.items() if value}
    metadata = {}
    text = (record.get("metadata") or "").strip()
    if text:
        try:
            metadata = json.loads(text)
        except ValueError:
            metadata = {"metadata": text}
    extra = {
        k: v.strip()
        for k, v in record.items()
        if k and k not in (*KNOWN_COLUMNS, "metadata") and isinstance(v, str) and v.strip()
    }
    if isinstance(metadata, dict):
        metadata = {**extra, **metadata}
    if metadata:
        row["metadata"] = metadata
    return row


def csv_parse(data: bytes) -> ParsedCsv:
    if len(data) > MAX_CSV_BYTES:
        raise CsvError(f"Files are limited to {MAX_CSV_BYTES // (1024 * 1024)} MB.")
    reader = csv.DictReader(io.StringIO(_decode(data)))
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if not {"name", "email"} <= set(reader.fieldnames):
        raise CsvError("The first line must name the columns, including name and email.")
    try:
        raw_rows = [_raw_row(record) for record in reader]
    except csv.Error as error:
        raise CsvError(f"This is not a readable CSV file: {error}.")
    if len(raw_rows) > settings.BULK_INGEST_MAX_ROWS:
        raise CsvError(f"Up to {settings.BULK_INGEST_MAX_ROWS} candidates per file.")
    valid, errors = bulk_rows(raw_rows)
    return ParsedCsv(
        rows=[row for _, row in valid],
        errors=[_error_row(index, raw_rows[index], error) for index, error in errors.items()],
        total=len(raw_rows),
    )


def _error_row(index: int, raw: dict, error: dict) -> dict:
    details = error.get("errors") or [{"param": None, "message": error["message"]}]
    message = "; ".join(
        f"{d['param']}: {d['message']}" if d.get("param") else d["message"] for d in details
    )
    # Line 1 is the header, so the row at index 0 is on line 2.
    return {"line": index + 2, "email": raw.get("email", ""), "message": message}


def _path(posting: Posting, token: str) -> str:
    return f"imports/{posting.public_id}/{token}.json"


def import_stage(*, posting: Posting, rows: list[dict]) -> str:
    """Keep validated rows until the recruiter confirms; returns the token naming them."""
    token = secrets.token_urlsafe(16)
    default_storage.save(_path(posting, token), ContentFile(json.dumps(rows).encode()))
    return token


def import_rows(*, posting: Posting, token: str) -> list[dict] | None:
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = _path(posting, token)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return json.loads(handle.read())


@dataclass
class BatchResult:
    done: int
    total: int
    created: int


def import_commit_batch(*, posting: Posting, token: str, start: int) -> BatchResult | None:
    """Ingest the staged rows [start, start + COMMIT_BATCH); the last batch drops the file."""
    rows = import_rows(posting=posting, token=token)
    if rows is None:
        return None
    batch = rows[start : start + COMMIT_BATCH]
    results = candidates_ingest(posting=posting, rows=batch, source=Interview.Source.DASHBOARD)
    done = min(start + COMMIT_BATCH, len(rows))
    if done >= len(rows):
        default_storage.delete(_path(posting, token))
    return BatchResult(done=done, total=len(rows), created=sum(r.created for r in results))
