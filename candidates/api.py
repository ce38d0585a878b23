from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers
from rest_framework.response import Response

from candidates import selectors
from candidates.models import Ingestion, Interview
from candidates.serializers import (
    BulkCandidatesIn,
    BulkOut,
    CandidateIn,
    CandidateRowOut,
    IngestedOut,
    IngestionOut,
    IntakeOut,
    PostingStatsOut,
    rows_prepared,
)
from candidates.services import ingest
from candidates.services.invitations import interview_link_request
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
IntakeEnvelope = envelope("IntakeCandidateEnvelope", IntakeOut(), "candidate")
CandidateList = list_envelope("CandidateList", CandidateRowOut(many=True))
StatsEnvelope = envelope("PostingStatsEnvelope", PostingStatsOut(), "posting_stats")


def ingested(result: ingest.IngestResult) -> Response:
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
        posting = posting_get(workspace=self.workspace, posting_id=posting_id, questions=False)
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
        return ingested(ingest.candidate_ingest(posting=posting, row=row))


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
        rows = ingest.bulk_ingest(posting=posting, prepared=rows_prepared(raw_rows))
        return listing(
            rows,
            url=f"/v4/postings/{posting.public_id}/candidates/bulk",
            total_count=len(rows),
            **ingest.bulk_counts(rows),
        )


IngestionEnvelope = envelope("IngestionEnvelope", IngestionOut(), "ingestion")


def ingestion_data(ingestion) -> dict:
    done = ingestion.status == ingestion.Status.COMPLETED
    counts = (
        ingest.bulk_counts(ingestion.results)
        if done
        else dict.fromkeys(("created_count", "existing_count", "error_count"))
    )
    return IngestionOut(
        {
            "public_id": ingestion.public_id,
            "status": ingestion.status,
            "posting": ingestion.posting,
            "row_count": len(ingestion.rows),
            **counts,
            "results": ingestion.results,
            "error": ingestion.error or None,
            "created_at": ingestion.created_at.timestamp(),
            "completed_at": ingestion.completed_at.timestamp() if ingestion.completed_at else None,
        }
    ).data


ASYNC_DESCRIPTION = (
    "The rows are stored and a 202 returns at once with an `ingestion_id`; a background job "
    "ingests them exactly like the synchronous call (`candidate_ingested` webhooks included). "
    "Follow it with `GET /ingestions/{ingestion_id}`."
)


class CandidateAsyncApi(ApiView):
    @extend_schema(
        operation_id="candidates_create_async",
        request=CandidateIn,
        responses=responses({202: IngestionEnvelope}, NOT_FOUND, INVALID, CONFLICT),
        description=ASYNC_DESCRIPTION,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        validated(CandidateIn, request.data)  # a bad single row is a 422 now, not a result later
        ingestion = ingest.ingestion_create(posting=posting, prepared=rows_prepared([request.data]))
        return single("ingestion", ingestion_data(ingestion), status=202)


class CandidateBulkAsyncApi(ApiView):
    @extend_schema(
        operation_id="candidates_bulk_create_async",
        request=BulkCandidatesIn,
        responses=responses({202: IngestionEnvelope}, NOT_FOUND, INVALID, CONFLICT),
        description=f"Up to {settings.BULK_INGEST_MAX_ROWS} rows. " + ASYNC_DESCRIPTION,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        raw_rows = validated(BulkCandidatesIn, request.data)["data"]
        ingestion = ingest.ingestion_create(posting=posting, prepared=rows_prepared(raw_rows))
        return single("ingestion", ingestion_data(ingestion), status=202)


class IngestionDetailApi(ApiView):
    @extend_schema(
        operation_id="ingestions_retrieve",
        responses=responses({200: IngestionEnvelope}, NOT_FOUND),
    )
    def get(self, request, ingestion_id):
        ingestion = get_object_or_404(
            Ingestion.objects.select_related("posting"),
            workspace=self.workspace,
            public_id=ingestion_id,
        )
        return single("ingestion", ingestion_data(ingestion))


class PostingStatsApi(ApiView):
    @extend_schema(
        operation_id="postings_stats", responses=responses({200: StatsEnvelope}, NOT_FOUND)
    )
    def get(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id, questions=False)
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
            {201: IntakeEnvelope, 200: IntakeEnvelope}, NOT_FOUND, INVALID, CONFLICT
        ),
        description="201 with the new interview's link, to take the candidate there; the link "
        "is also mailed to the candidate. An email that already applied gets 200 with no link: "
        "the key is handed to job boards and careers pages, so knowing an email must not open "
        "that person's interview; the link is mailed to that address instead.",
    )
    def post(self, request, ingestion_url_key):
        posting = get_object_or_404(
            Posting.objects.select_related("workspace"), ingestion_url_key=ingestion_url_key
        )
        row = validated(CandidateIn, request.data)
        result = ingest.candidate_ingest(posting=posting, row=row, source=Interview.Source.INTAKE)
        interview = result.interview
        emailed = interview_link_request(interview=interview)
        data = {
            "object": "candidate",
            "status": "created" if result.created else "existing",
            "interview_id": interview.public_id if result.created else None,
            "interview_url": interview.interview_url if result.created else None,
            "posting_id": posting.public_id,
            "link_emailed": emailed,
        }
        return single("candidate", data, status=201 if result.created else 200)
