"""Many candidates in one call: each row validated on its own, one result per row, in order.

Shared by the synchronous bulk endpoint and the background ingestions (`…/async`).
"""

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from candidates import services
from candidates.models import Ingestion
from candidates.serializers import CandidateIn
from heymilo.api.errors import Conflict, validation_error_body
from heymilo.strings import storable
from postings.models import Posting
from postings.services import posting_require_active


def bulk_rows(raw_rows: list) -> tuple[list[tuple[int, dict]], dict[int, dict]]:
    """Validate each row on its own: good rows go on, bad ones are reported by index."""
    validator = CandidateIn()  # one instance: building a serializer per row costs more
    valid, errors = [], {}
    for index, raw in enumerate(raw_rows):
        try:
            valid.append((index, validator.run_validation(raw)))
        except ValidationError as exc:
            errors[index] = validation_error_body(exc.detail)["error"]
    return valid, errors


def bulk_prepared(raw_rows: list) -> list[dict]:
    """Each row validated, in a form safe to store as JSON: `{"row": …}` or `{"error": …,
    "email": …}`. Strings are made storable (no NUL, no unpaired surrogate)."""
    valid, errors = bulk_rows(raw_rows)
    prepared: list[dict] = [{} for _ in raw_rows]
    for index, row in valid:
        prepared[index] = {"row": row}
    for index, error in errors.items():
        email = raw_rows[index].get("email")
        prepared[index] = {"error": error, "email": email if isinstance(email, str) else None}
    return _json_safe(prepared)


def _json_safe(value):
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {_json_safe(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def bulk_ingest(*, posting: Posting, prepared: list[dict]) -> list[dict]:
    """Ingest the valid rows; a result object for every row, errors included, in order."""
    valid = [(index, item["row"]) for index, item in enumerate(prepared) if "row" in item]
    results = services.candidates_ingest(posting=posting, rows=[row for _, row in valid])
    by_index = {index: result for (index, _), result in zip(valid, results, strict=True)}
    return [
        bulk_row(index, item, posting, by_index.get(index)) for index, item in enumerate(prepared)
    ]


def ingestion_create(*, posting: Posting, raw_rows: list) -> Ingestion:
    """Validate and keep the rows, and queue them; the caller gets the ingestion id at once."""
    from candidates.tasks import process_ingestion

    posting_require_active(posting=posting)
    ingestion = Ingestion.objects.create(
        workspace=posting.workspace, posting=posting, rows=bulk_prepared(raw_rows)
    )
    transaction.on_commit(lambda: process_ingestion.delay(ingestion.pk))
    return ingestion


@transaction.atomic
def ingestion_process(*, ingestion_pk: int) -> None:
    """Ingest a queued ingestion's rows once: a re-run after a crash finds it done, or redoes it
    whole (the interviews and the results commit together)."""
    ingestion = Ingestion.objects.select_for_update().select_related("posting").get(pk=ingestion_pk)
    if ingestion.status != Ingestion.Status.QUEUED:
        return
    try:
        with transaction.atomic():
            ingestion.results = bulk_ingest(posting=ingestion.posting, prepared=ingestion.rows)
        ingestion.status = Ingestion.Status.COMPLETED
    except Conflict as error:  # the posting was archived after the rows were accepted
        ingestion.status, ingestion.error = Ingestion.Status.FAILED, str(error.detail)
    ingestion.completed_at = timezone.now()
    ingestion.save(update_fields=["results", "status", "error", "completed_at"])


def bulk_counts(rows: list[dict]) -> dict[str, int]:
    counts = {f"{status}_count": 0 for status in ("created", "existing", "error")}
    for row in rows:
        counts[f"{row['status']}_count"] += 1
    return counts


def bulk_row(index: int, item: dict, posting: Posting, result) -> dict:
    if result is None:
        return {
            "object": "error",
            "index": index,
            "status": "error",
            "email": item.get("email"),
            "interview_id": None,
            "interview_url": None,
            "posting_id": posting.public_id,
            "error": item["error"],
        }
    interview = result.interview
    return {
        "object": "candidate",
        "index": index,
        "status": "created" if result.created else "existing",
        "email": interview.candidate.email,
        "interview_id": interview.public_id,
        "interview_url": interview.interview_url,
        "posting_id": posting.public_id,
        "error": None,
    }
