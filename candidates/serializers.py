from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates.models import Interview
from heymilo.api.errors import validation_error_body
from heymilo.api.fields import (
    ConstField,
    MetadataField,
    PhoneNumberField,
    UnixTimeField,
    unix_time,
)
from heymilo.api.schema import ErrorSerializer
from heymilo.strings import storable


class CandidateIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone_number = PhoneNumberField(required=False, allow_null=True, allow_blank=True)
    metadata = MetadataField(required=False, allow_null=True)

    def validate_email(self, value: str) -> str:
        return value.strip().lower()


def rows_validated(raw_rows: list) -> tuple[list[tuple[int, dict]], dict[int, dict]]:
    """Validate each row on its own: good rows go on, bad ones are reported by index with the
    API's error object."""
    validator = CandidateIn()  # one instance: building a serializer per row costs more
    valid, errors = [], {}
    for index, raw in enumerate(raw_rows):
        try:
            valid.append((index, validator.run_validation(raw)))
        except serializers.ValidationError as exc:
            errors[index] = validation_error_body(exc.detail)["error"]
    return valid, errors


def rows_prepared(raw_rows: list) -> list[dict]:
    """Each row validated, in a form safe to store as JSON: `{"row": …}` or `{"error": …,
    "email": …}`. Strings are made storable (no NUL, no unpaired surrogate)."""
    valid, errors = rows_validated(raw_rows)
    prepared: list[dict] = [{} for _ in raw_rows]
    for index, row in valid:
        prepared[index] = {"row": row}
    for index, error in errors.items():
        email = raw_rows[index].get("email") if isinstance(raw_rows[index], dict) else None
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


def send_invitation_field():
    return serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Mail new candidates their interview link (and start the posting's deadline "
        "and reminders). Default: the posting's `invite_api_candidates`.",
    )


class CandidateCreateIn(CandidateIn):
    send_invitation = send_invitation_field()


class BulkCandidatesIn(serializers.Serializer):
    data = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=settings.BULK_INGEST_MAX_ROWS
    )
    send_invitation = send_invitation_field()


def invite_wanted(data: dict, posting) -> bool:
    """The call's `send_invitation`, else what the posting says for API candidates."""
    wanted = data.get("send_invitation")
    return posting.invite_api_candidates if wanted is None else wanted


class IngestedOut(serializers.Serializer):
    object = ConstField("candidate")
    interview_id = serializers.CharField()
    interview_url = serializers.CharField()
    posting_id = serializers.CharField()


class IntakeOut(serializers.Serializer):
    object = ConstField("candidate")
    status = serializers.ChoiceField(choices=["created", "existing"])
    interview_id = serializers.CharField(
        allow_null=True, help_text="null when the email had already applied"
    )
    interview_url = serializers.CharField(
        allow_null=True, help_text="null when the email had already applied"
    )
    posting_id = serializers.CharField()
    link_emailed = serializers.BooleanField(
        help_text="the interview link was mailed to the candidate's address"
    )


class BulkRowOut(serializers.Serializer):
    object = serializers.ChoiceField(choices=["candidate", "error"])
    index = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["created", "existing", "error"])
    email = serializers.CharField(allow_null=True)
    interview_id = serializers.CharField(allow_null=True)
    interview_url = serializers.CharField(allow_null=True)
    posting_id = serializers.CharField()
    error = ErrorSerializer(allow_null=True)


class BulkOut(serializers.Serializer):
    object = ConstField("list")
    data = BulkRowOut(many=True)
    total_count = serializers.IntegerField()
    has_more = serializers.BooleanField()
    url = serializers.CharField()
    created_count = serializers.IntegerField()
    existing_count = serializers.IntegerField()
    error_count = serializers.IntegerField()


class IngestionOut(serializers.Serializer):
    object = ConstField("ingestion")
    ingestion_id = serializers.CharField(source="public_id")
    status = serializers.ChoiceField(choices=["staged", "queued", "completed", "failed"])
    posting_id = serializers.CharField(source="posting.public_id")
    row_count = serializers.IntegerField(help_text="Rows received.")
    created_count = serializers.IntegerField(allow_null=True)
    existing_count = serializers.IntegerField(allow_null=True)
    error_count = serializers.IntegerField(allow_null=True)
    results = BulkRowOut(
        many=True, help_text="Once completed: one result per row, as the synchronous bulk call."
    )
    error = serializers.CharField(allow_null=True, help_text="Why a failed ingestion failed.")
    created_at = serializers.FloatField()
    completed_at = serializers.FloatField(allow_null=True)


class StepProgressOut(serializers.Serializer):
    id = serializers.CharField()
    order = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Interview.StepStatus.choices)
    started = serializers.BooleanField()
    completed = serializers.BooleanField()


class WorkflowProgressOut(serializers.Serializer):
    steps = StepProgressOut(many=True)
    all_complete = serializers.BooleanField()


class CandidateRowOut(serializers.Serializer):
    """One row of a posting's candidate list: who, their score and where they are."""

    object = ConstField("candidate")
    interview_id = serializers.CharField(source="public_id")
    candidate_id = serializers.CharField(source="candidate.public_id")
    posting_id = serializers.CharField(source="posting.public_id")
    name = serializers.CharField(source="candidate.name")
    email = serializers.CharField(source="candidate.email")
    phone_number = serializers.CharField(source="candidate.phone_number", allow_null=True)
    score = serializers.FloatField(
        source="effective_score",
        allow_null=True,
        help_text="A recruiter's override, else the AI's.",
    )
    ai_score = serializers.FloatField(source="score", allow_null=True)
    status = serializers.ChoiceField(choices=Interview.Status.choices)
    interview_url = serializers.CharField()
    workflow = serializers.SerializerMethodField()
    shortlisted = serializers.BooleanField()
    dismissed = serializers.BooleanField()
    metadata = MetadataField()
    interviewed_at = UnixTimeField(source="completed_at", allow_null=True)
    created_at = UnixTimeField()

    @extend_schema_field(WorkflowProgressOut)
    def get_workflow(self, interview):
        return interview.workflow()

    def to_representation(self, interview):
        """The fields above, built directly: DRF's per-field machinery cost more than all the
        page's queries (tests hold this to the declared fields, which the schema shows)."""
        candidate = interview.candidate
        return {
            "object": "candidate",
            "interview_id": interview.public_id,
            "candidate_id": candidate.public_id,
            "posting_id": interview.posting.public_id,
            "name": candidate.name,
            "email": candidate.email,
            "phone_number": candidate.phone_number,
            "score": interview.effective_score,
            "ai_score": interview.score,
            "status": interview.status,
            "interview_url": interview.interview_url,
            "workflow": interview.workflow(),
            "shortlisted": interview.shortlisted,
            "dismissed": interview.dismissed,
            "metadata": interview.metadata,
            "interviewed_at": unix_time(interview.completed_at),
            "created_at": unix_time(interview.created_at),
        }


class PostingStatsOut(serializers.Serializer):
    object = ConstField("posting_stats")
    posting_id = serializers.CharField()
    title = serializers.CharField()
    total_candidates = serializers.IntegerField()
    completed_interviews = serializers.IntegerField()
    average_interview_score = serializers.FloatField(allow_null=True)
    status_counts = serializers.DictField(child=serializers.IntegerField())
