from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from candidates import selectors, services
from candidates.models import Interview
from candidates.serializers import (
    BulkCandidatesIn,
    BulkOut,
    CandidateIn,
    CandidateRowOut,
    IngestedOut,
    PostingStatsOut,
)
from heymilo.api.errors import validation_error_body
from heymilo.api.parsers import JSONParser
from heymilo.api.schema import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    envelope,
    list_envelope,
    responses,
)
from heymilo.api.throttling import RateLimitedThrottle
from heymilo.api.views import ApiView, choice_param, listing, paginated, single, validated
from postings.models import Posting
from postings.selectors import posting_get

IngestedEnvelope = envelope("CandidateIngestedEnvelope", IngestedOut(), "candidate")
CandidateList = list_envelope("CandidateList", CandidateRowOut(many=True))
StatsEnvelope = envelope("PostingStatsEnvelope", PostingStatsOut(), "posting_stats")


def ingested(result: services.IngestResult) -> Response:
    interview = result.interview
    data = {
        "object": "candidate",
        "interview_id": interview.public_id,
        "interview_url": interview.interview_url,
        "posting_id": interview.posting.public_id,
    }
    return single("candidate", data, status=201 if result.created else 200)


class CandidateListCreateApi(ApiView):
    @extend_schema(
        operation_id="candidates_list",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("status", str, enum=Interview.Status.values),
        ],
        responses=responses({200: CandidateList}, NOT_FOUND, INVALID),
    )
    def get(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        status = choice_param(request.query_params, "status", Interview.Status.values)
        interviews = selectors.interview_list(posting=posting, status=status)
        return paginated(
            interviews, request, CandidateRowOut, url=f"/v4/postings/{posting.public_id}/candidates"
        )

    @extend_schema(
        operation_id="candidates_create",
        request=CandidateIn,
        responses=responses(
            {201: IngestedEnvelope, 200: IngestedEnvelope}, NOT_FOUND, INVALID, CONFLICT
        ),
        description="Returns 201 with a new interview, or 200 with the existing one when the "
        "email is already in the posting.",
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        row = validated(CandidateIn, request.data)
        return ingested(services.candidate_ingest(posting=posting, row=row))


def bulk_rows(raw_rows: list[dict]) -> tuple[list[tuple[int, dict]], dict[int, dict]]:
    """Validate each row on its own: good rows go on, bad ones are reported by index."""
    validator = (
        CandidateIn()
    )  # one instance: building a serializer per row costs more than using it
    valid, errors = [], {}
    for index, raw in enumerate(raw_rows):
        try:
            valid.append((index, validator.run_validation(raw)))
        except ValidationError as exc:
            errors[index] = validation_error_body(exc.detail)["error"]
    return valid, errors


class CandidateBulkApi(ApiView):
    @extend_schema(
        operation_id="candidates_bulk_create",
        request=BulkCandidatesIn,
        responses=responses({200: BulkOut}, NOT_FOUND, INVALID, CONFLICT),
        description=f"Up to {settings.BULK_INGEST_MAX_ROWS} rows; one result per row, in order.",
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        raw_rows = validated(BulkCandidatesIn, request.data)["data"]
        valid, errors = bulk_rows(raw_rows)
        results = services.candidates_ingest(posting=posting, rows=[row for _, row in valid])
        by_index = {index: result for (index, _), result in zip(valid, results, strict=True)}
        rows = [
            bulk_row(index, raw_rows[index], posting, by_index.get(index), errors.get(index))
            for index in range(len(raw_rows))
        ]
        counts = {status: 0 for status in ("created", "existing", "error")}
        for row in rows:
            counts[row["status"]] += 1
        return listing(
            rows,
            url=f"/v4/postings/{posting.public_id}/candidates/bulk",
            total_count=len(rows),
            created_count=counts["created"],
            existing_count=counts["existing"],
            error_count=counts["error"],
        )


def bulk_row(index, raw, posting, result, error) -> dict:
    if result is None:
        email = raw.get("email") if isinstance(raw.get("email"), str) else None
        return {
            "object": "error",
            "index": index,
            "status": "error",
            "email": email,
            "interview_id": None,
            "interview_url": None,
            "posting_id": posting.public_id,
            "error": error,
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


class PostingStatsApi(ApiView):
    @extend_schema(
        operation_id="postings_stats", responses=responses({200: StatsEnvelope}, NOT_FOUND)
    )
    def get(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        return single("posting_stats", selectors.posting_stats(posting=posting))


class IntakeThrottle(RateLimitedThrottle):
    """The key is the credential, so limit per key and per client address."""

    def limit(self) -> int:
        return settings.INTAKE_RATE_LIMIT_PER_MINUTE

    def bucket(self, request, view):
        return f"intake:{view.kwargs['ingestion_url_key'][:64]}:{self.get_ident(request)}"


class IntakeApi(ApiView):
    """A careers form or an ATS posts candidates here; no API key, the URL's key is the secret."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [IntakeThrottle]
    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]

    @extend_schema(
        operation_id="intake_candidate_create",
        auth=[],
        request=CandidateIn,
        responses=responses(
            {201: IngestedEnvelope, 200: IngestedEnvelope}, NOT_FOUND, INVALID, CONFLICT
        ),
    )
    def post(self, request, ingestion_url_key):
        posting = get_object_or_404(
            Posting.objects.select_related("workspace"), ingestion_url_key=ingestion_url_key
        )
        row = validated(CandidateIn, request.data)
        result = services.candidate_ingest(posting=posting, row=row, source=Interview.Source.INTAKE)
        return ingested(result)
