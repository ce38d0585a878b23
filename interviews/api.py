from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from candidates.selectors import candidate_get, interview_get
from candidates.services.metadata import interview_metadata_clear, interview_metadata_update
from heymilo.api.fields import ConstField, MetadataField
from heymilo.api.schema import INVALID, NOT_FOUND, envelope, responses
from heymilo.api.views import ApiView, single, validated
from interviews import erasure
from interviews.selectors import interview_data
from interviews.serializers import InterviewDataOut
from interviews.services import interviews_rescore
from postings import api as postings_api
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
        queued = interviews_rescore(posting=posting, actor=api_actor(request))
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


class ErasedOut(serializers.Serializer):
    object = serializers.CharField()
    id = serializers.CharField()
    deleted = serializers.BooleanField()
    interviews_deleted = serializers.IntegerField()


ERASED_ENVELOPES = {
    name: envelope(f"{name.title()}ErasedEnvelope", ErasedOut(), name)
    for name in ("candidate", "interview", "posting")
}
ERASURE = (
    "Erases for good, as a candidate may ask (GDPR art. 17, CCPA): answers, scores, resume, "
    "recordings, transcripts and the webhook events that carried them, with every file; no "
    "further webhook is sent about them. An audit line keeps who erased which id, and when."
)


def erased(object_name: str, public_id: str, interviews: int):
    data = {"object": object_name, "id": public_id, "deleted": True}
    return single(object_name, {**data, "interviews_deleted": interviews})


def api_actor(request) -> str:
    return f"api_key:{request.auth.prefix}"


class CandidateDetailApi(ApiView):
    @extend_schema(
        operation_id="candidates_destroy",
        responses=responses(
            {200: envelope("CandidateErasedEnvelope", ErasedOut(), "candidate")}, NOT_FOUND
        ),
        description="The person and every interview of theirs in the workspace. " + ERASURE,
    )
    def delete(self, request, candidate_id):
        candidate = candidate_get(workspace=self.workspace, candidate_id=candidate_id)
        count = erasure.candidate_erase(candidate=candidate, actor=api_actor(request))
        return erased("candidate", candidate_id, count)


class InterviewDetailApi(ApiView):
    @extend_schema(
        operation_id="interviews_destroy",
        responses=responses(
            {200: envelope("InterviewErasedEnvelope", ErasedOut(), "interview")}, NOT_FOUND
        ),
        description="One interview (the candidate too when they have no other). " + ERASURE,
    )
    def delete(self, request, interview_id):
        interview = interview_get(workspace=self.workspace, interview_id=interview_id)
        erasure.interview_erase(interview=interview, actor=api_actor(request))
        return erased("interview", interview_id, 1)


class PostingDetailApi(postings_api.PostingDetailApi):
    """The posting's endpoint, with DELETE here: erasing a posting takes its interviews, whose
    data only this app knows whole."""

    @extend_schema(
        operation_id="postings_destroy",
        responses=responses(
            {200: envelope("PostingErasedEnvelope", ErasedOut(), "posting")}, NOT_FOUND
        ),
        description="The posting, its steps, questions and webhooks, and every interview of "
        "it; candidates left with no interview go too. " + ERASURE,
    )
    def delete(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        count = erasure.posting_erase(posting=posting, actor=api_actor(request))
        return erased("posting", posting_id, count)
