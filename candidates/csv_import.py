"""Reading a CSV file of candidates for the dashboard: every row validated as the API would,
for a preview with each bad row's errors. The good rows then wait in a staged ingestion until
the recruiter confirms (candidates.services.ingest), and a job ingests them like the API's.

Columns: name, email, phone_number; a `metadata` column may hold a JSON object; every other
column becomes a metadata key.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings

from candidates.serializers import rows_prepared
from heymilo.errors import Invalid
from heymilo.payloads import json_loads

KNOWN_COLUMNS = ("name", "email", "phone_number")
MAX_CSV_BYTES = 5 * 1024 * 1024


class CsvError(Invalid):
    """The file as a whole cannot be read (not CSV, no name/email columns, too many rows)."""

    def __init__(self, message: str):
        super().__init__("invalid_csv", message, param="file")


@dataclass
class ParsedCsv:
    rows: list[dict]  # validated and storable, ready to ingest
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
            metadata = json_loads(text)
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
    prepared = rows_prepared(raw_rows)
    return ParsedCsv(
        rows=[item["row"] for item in prepared if "row" in item],
        errors=[
            _error_row(index, raw_rows[index], item["error"])
            for index, item in enumerate(prepared)
            if "error" in item
        ],
        total=len(raw_rows),
    )


def _error_row(index: int, raw: dict, error: dict) -> dict:
    details = error.get("errors") or [{"param": None, "message": error["message"]}]
    message = "; ".join(
        f"{d['param']}: {d['message']}" if d.get("param") else d["message"] for d in details
    )
    # Line 1 is the header, so the row at index 0 is on line 2.
    return {"line": index + 2, "email": raw.get("email", ""), "message": message}
