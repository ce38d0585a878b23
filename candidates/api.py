from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import parsers
from rest_framework.response import Response

from candidates import examples, selectors
from candidates.models import Ingestion, Interview
from candidates.serializers import (
    BulkCandidatesIn,
    BulkOut,
    CandidateCreateIn,
    CandidateIn,
    CandidateRowOut,
    IngestedOut,
    IngestionOut,
    IntakeOut,
    PostingStatsOut,
    invite_wanted,
    rows_prepared,
)
from candidates.services import ingest
from candidates.services.invitations import interview_link_request
from heymilo.api.errors import error_body
from heymilo.api.parsers import JSONParser
from heymilo.api.schema import (
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    POSTING_ARCHIVED,
    QUERY_INVALID,
    ErrorResponseSerializer,
    envelope,
    error_example,
    invalid,
    list_envelope,
    responses,
    validation_example,
)
from heymilo.api.throttling import RateLimitedThrottle
from heymilo.api.views import ApiView, choice_param, listing, paginated, single, validated
from postings.models import Posting
from postings.selectors import posting_get

EMAIL_INVALID = validation_example(
    "invalid_email", [("email", "invalid", "Enter a valid email address.")]
)
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
        tags=["candidates"],
        summary="List a posting's candidates",
        description="One row per interview of the posting, oldest first: who, `score` (a "
        "recruiter's override, else the AI's `ai_score`, 0–100; null until scored), `status` "
        "(`pending`, `in_progress`, `evaluating`, `completed`, `knocked_out`), progress through "
        "the workflow, the recruiter's shortlist and dismiss flags, and your `metadata`. "
        "Paginated with `limit` (up to 100) and `starting_after` (an `interview_id`). The "
        "scorecard and transcript are in `GET /interviews/{interview_id}/data`.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter(
                "status",
                str,
                enum=Interview.Status.values,
                description="Only interviews with this status.",
            ),
        ],
        responses=responses({200: CandidateList}, NOT_FOUND, QUERY_INVALID),
        examples=examples.CANDIDATES_LIST,
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
        tags=["candidates"],
        summary="Ingest a candidate",
        description="Gives the candidate an interview for this posting and answers with its "
        "`interview_id` and `interview_url`: share the link by email, SMS or your ATS, or let "
        "us mail it (`send_invitation`, default: the posting's `invite_api_candidates`; the "
        "posting's deadline and reminders then apply). The "
        "email is the candidate's identity in your workspace (compared lower-cased); "
        "`metadata` (your keys, such as ATS ids) stays on the interview and comes back in "
        "`/data` and in webhooks.\n\n"
        "**Safe to repeat:** 201 with a new interview, or 200 with the existing one when the "
        "email is already in the posting; nothing is created or changed then, and no event "
        "is sent. A new interview sends `candidate_ingested` to the posting's webhooks "
        "(and `candidate_invited` once its invitation is accepted by the mail server). 409 "
        "`posting_archived` on an archived posting.",
        request=CandidateCreateIn,
        responses=responses(
            {
                201: OpenApiResponse(IngestedEnvelope, "A new interview."),
                200: OpenApiResponse(IngestedEnvelope, "The email's existing interview."),
            },
            NOT_FOUND,
            invalid(EMAIL_INVALID),
            POSTING_ARCHIVED,
        ),
        examples=examples.CANDIDATES_CREATE,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        row = validated(CandidateCreateIn, request.data)
        invite = invite_wanted(row, posting)
        row.pop("send_invitation", None)
        return ingested(ingest.candidate_ingest(posting=posting, row=row, invite=invite))


class CandidateBulkApi(ApiView):
    @extend_schema(
        operation_id="candidates_bulk_create",
        tags=["candidates"],
        summary="Ingest candidates in bulk",
        description=f"Up to {settings.BULK_INGEST_MAX_ROWS} rows, each ingested as "
        "`POST /postings/{posting_id}/candidates` would. Rows are validated one by one: the "
        "answer (200) has one result per row, in order (`index`), with `status` `created`, "
        "`existing` (the email was already in the posting, or earlier in this call: its "
        "interview is returned) or `error` (that row's error; the other rows still go in). "
        "`created_count`, `existing_count` and `error_count` sum them up. "
        "`candidate_ingested` is sent once per created interview. For large files, "
        "`POST …/candidates/bulk/async` answers at once.",
        request=BulkCandidatesIn,
        responses=responses({200: BulkOut}, NOT_FOUND, INVALID, POSTING_ARCHIVED),
        examples=examples.CANDIDATES_BULK_CREATE,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        body = validated(BulkCandidatesIn, request.data)
        rows = ingest.bulk_ingest(
            posting=posting,
            prepared=rows_prepared(body["data"]),
            invite=invite_wanted(body, posting),
        )
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
    "Follow it with `GET /ingestions/{ingestion_id}`. Each call is a new ingestion, but "
    "sending the same rows twice still gives each email one interview."
)


class CandidateAsyncApi(ApiView):
    @extend_schema(
        operation_id="candidates_create_async",
        tags=["ingestion"],
        summary="Ingest a candidate in the background",
        description="The body of `POST /postings/{posting_id}/candidates`, validated now (a "
        "bad row is a 422 at once). " + ASYNC_DESCRIPTION,
        request=CandidateCreateIn,
        responses=responses(
            {202: IngestionEnvelope}, NOT_FOUND, invalid(EMAIL_INVALID), POSTING_ARCHIVED
        ),
        examples=examples.CANDIDATES_CREATE_ASYNC,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        # A bad single row is a 422 now, not an error row later.
        row = dict(validated(CandidateCreateIn, request.data))
        invite = invite_wanted(row, posting)
        row.pop("send_invitation", None)
        ingestion = ingest.ingestion_create(
            posting=posting, prepared=rows_prepared([row]), invite=invite
        )
        return single("ingestion", ingestion_data(ingestion), status=202)


class CandidateBulkAsyncApi(ApiView):
    @extend_schema(
        operation_id="candidates_bulk_create_async",
        tags=["ingestion"],
        summary="Ingest candidates in bulk, in the background",
        description=f"Up to {settings.BULK_INGEST_MAX_ROWS} rows, as the synchronous bulk call; "
        "a bad row becomes an `error` result, the others go in. " + ASYNC_DESCRIPTION,
        request=BulkCandidatesIn,
        responses=responses({202: IngestionEnvelope}, NOT_FOUND, INVALID, POSTING_ARCHIVED),
        examples=examples.CANDIDATES_BULK_CREATE_ASYNC,
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        body = validated(BulkCandidatesIn, request.data)
        ingestion = ingest.ingestion_create(
            posting=posting,
            prepared=rows_prepared(body["data"]),
            invite=invite_wanted(body, posting),
        )
        return single("ingestion", ingestion_data(ingestion), status=202)


class IngestionDetailApi(ApiView):
    @extend_schema(
        operation_id="ingestions_retrieve",
        tags=["ingestion"],
        summary="Retrieve an ingestion",
        description="Where an `…/async` ingestion is: `queued` (waiting for the job or running), "
        "`completed` (`results` has one result per row, as the synchronous bulk call, and the "
        "counts are set), or `failed` (`error` says why, for instance the posting was archived "
        "before the job ran; no row was ingested). `staged` is a dashboard CSV import waiting "
        "to be confirmed. Poll every few seconds until `completed` or `failed`.",
        responses=responses({200: IngestionEnvelope}, NOT_FOUND),
        examples=examples.INGESTIONS_RETRIEVE,
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
        operation_id="postings_stats",
        tags=["postings"],
        summary="Get a posting's statistics",
        description="Figures for a dashboard in one call: candidates (one per interview), "
        "completed interviews, the average AI score of the completed ones (null when there is "
        "none), and the number of interviews in each status.",
        responses=responses({200: StatsEnvelope}, NOT_FOUND),
        examples=examples.POSTINGS_STATS,
    )
    def get(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id, questions=False)
        return single("posting_stats", selectors.posting_stats(posting=posting))


UNKNOWN_KEY = OpenApiResponse(
    ErrorResponseSerializer,
    "No posting has this intake key.",
    [error_example("unknown_key", error_body(404, "No such object."), "A wrong or old key")],
)
# No API key, so never a 401.
INTAKE_RESPONSES = {
    status: answer
    for status, answer in responses(
        {
            201: OpenApiResponse(IntakeEnvelope, "A new interview, with its link."),
            200: OpenApiResponse(IntakeEnvelope, "The email had applied: no link."),
        },
        {404: UNKNOWN_KEY},
        invalid(EMAIL_INVALID),
        POSTING_ARCHIVED,
    ).items()
    if status != 401
}


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
        tags=["ingestion"],
        summary="Apply through the intake URL",
        auth=[],
        request=CandidateIn,
        responses=INTAKE_RESPONSES,
        description="For careers pages, job boards and ATS hooks. No API key: the posting's "
        "`urls.ingestion_url_key` in the path is the credential (a wrong or regenerated key is "
        "404), so it lives outside `/api/v4`. Takes JSON, a plain HTML form or multipart.\n\n"
        "201 with the new interview's link, to take the candidate there; the link is also "
        "mailed to the candidate. An email that already applied gets 200 with no link: the key "
        "is handed to job boards and careers pages, so knowing an email must not open that "
        "person's interview; the link is mailed to that address instead (`link_emailed` is "
        "false when that address had enough mails this hour). A new interview sends "
        "`candidate_ingested`. Rate-limited per key and client address "
        "(`INTAKE_RATE_LIMIT_PER_MINUTE`, 30 by default); 409 on an archived posting.",
        examples=examples.INTAKE_CANDIDATE_CREATE,
    )
    def post(self, request, ingestion_url_key):
        posting = get_object_or_404(
            Posting.objects.select_related("workspace"), ingestion_url_key=ingestion_url_key
        )
        row = validated(CandidateIn, request.data)
        # Someone applied: a new candidate is invited (their link mailed, the deadline starts);
        # a known one gets the link mailed again, never handed back here.
        result = ingest.candidate_ingest(
            posting=posting, row=row, source=Interview.Source.INTAKE, invite=True
        )
        interview = result.interview
        emailed = result.created or interview_link_request(interview=interview)
        data = {
            "object": "candidate",
            "status": "created" if result.created else "existing",
            "interview_id": interview.public_id if result.created else None,
            "interview_url": interview.interview_url if result.created else None,
            "posting_id": posting.public_id,
            "link_emailed": emailed,
        }
        return single("candidate", data, status=201 if result.created else 200)
