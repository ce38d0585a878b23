from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from candidates.selectors import interview_get
from candidates.services.metadata import interview_metadata_clear, interview_metadata_update
from heymilo.api.fields import ConstField, MetadataField
from heymilo.api.schema import INVALID, NOT_FOUND, envelope, responses
from heymilo.api.views import ApiView, single, validated
from interviews.selectors import interview_data
from interviews.serializers import InterviewDataOut
from interviews.services import interviews_rescore
from postings.selectors import posting_get

InterviewDataEnvelope = envelope("InterviewDataEnvelope", InterviewDataOut(), "interview_data")


class InterviewDataApi(ApiView):
    @extend_schema(
        operation_id="interviews_data",
        responses=responses({200: InterviewDataEnvelope}, NOT_FOUND),
        description="`pending` and unscored until the candidate finishes; then scorecard, "
        "transcript, highlights, recordings.",
    )
    def get(self, request, interview_id):
        interview = interview_get(workspace=self.workspace, interview_id=interview_id)
        return single("interview_data", interview_data(interview=interview))


class RescoreOut(serializers.Serializer):
    object = ConstField("rescore")
    posting_id = serializers.CharField()
    interviews_queued = serializers.IntegerField()


RescoreEnvelope = envelope("RescoreEnvelope", RescoreOut(), "rescore")


class PostingRescoreApi(ApiView):
    @extend_schema(
        operation_id="postings_rescore",
        request=None,
        responses=responses({202: RescoreEnvelope}, NOT_FOUND),
        description="Re-score the posting's completed interviews against the current rubric, "
        "in the background. Earlier results stay in the history with their provenance.",
    )
    def post(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        queued = interviews_rescore(posting=posting, actor=f"api_key:{request.auth.prefix}")
        data = {"object": "rescore", "posting_id": posting.public_id, "interviews_queued": queued}
        return single("rescore", data, status=202)


class MetadataIn(serializers.Serializer):
    metadata = MetadataField(
        help_text="Keys to set (at most 50 in all, keys ≤ 40 characters, string values ≤ 500); "
        "a null value removes its key. Keys not named are kept."
    )


class MetadataOut(serializers.Serializer):
    object = ConstField("metadata")
    metadata = serializers.DictField()


MetadataEnvelope = envelope("MetadataEnvelope", MetadataOut(), "metadata")


def metadata_response(interview):
    return single("metadata", {"object": "metadata", "metadata": interview.metadata})


class InterviewMetadataApi(ApiView):
    """Your own key-value pairs on an interview (ATS ids, sources); echoed in `/data`."""

    @extend_schema(
        operation_id="interviews_metadata_retrieve",
        responses=responses({200: MetadataEnvelope}, NOT_FOUND),
    )
    def get(self, request, interview_id):
        return metadata_response(interview_get(workspace=self.workspace, interview_id=interview_id))

    @extend_schema(
        operation_id="interviews_metadata_update",
        request=MetadataIn,
        responses=responses({200: MetadataEnvelope}, NOT_FOUND, INVALID),
        description="Set or update keys; the others are kept. Null removes a key.",
    )
    def post(self, request, interview_id):
        interview = interview_get(workspace=self.workspace, interview_id=interview_id)
        changes = validated(MetadataIn, request.data)["metadata"]
        interview_metadata_update(interview=interview, changes=changes)
        return metadata_response(interview)

    @extend_schema(
        operation_id="interviews_metadata_destroy",
        responses=responses({200: MetadataEnvelope}, NOT_FOUND),
        description="Remove every key.",
    )
    def delete(self, request, interview_id):
        interview = interview_get(workspace=self.workspace, interview_id=interview_id)
        interview_metadata_clear(interview=interview)
        return metadata_response(interview)
