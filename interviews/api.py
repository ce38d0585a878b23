from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from candidates.selectors import candidate_get, interview_get
from candidates.services.metadata import interview_metadata_clear, interview_metadata_update
from heymilo.api.fields import ConstField, MetadataField
from heymilo.api.schema import INVALID, NOT_FOUND, envelope, responses
from heymilo.api.views import ApiView, single, validated
from interviews import erasure, examples
from interviews.selectors import interview_data
from interviews.serializers import InterviewDataOut
from interviews.services import interviews_rescore
from postings import api as postings_api
from postings.selectors import posting_get

InterviewDataEnvelope = envelope("InterviewDataEnvelope", InterviewDataOut(), "interview_data")


class InterviewDataApi(ApiView):
    @extend_schema(
        operation_id="interviews_data",
        tags=["interviews"],
        summary="Get an interview's results",
        description="Everything about one interview, in the shape of the `report_available` "
        "webhook: the candidate, `status` (`pending`, `in_progress`, `evaluating`, "
        "`completed`, `knocked_out`), progress through each step (`workflow`), the resume "
        "screen (`resume`: eligibility and scored criteria with reasons; null without a "
        "resume step or when the candidate skipped an optional one) and the interview "
        "(`web_interview`: `match_score`, `speech_score`, per-question `scorecard` with the "
        "exchange it scored, `transcript`, highlights and lowlights, tags, recording links).\n\n"
        "`score` (0–100) is a recruiter's override when there is one, else the AI's "
        "`ai_score`: the interview's `match_score`, or the resume's `overall_score × 20` "
        "without an interview. Everything is null until scored: poll this, or better, "
        "subscribe to `report_available`. Resume and recording links are signed and expire "
        "(after an hour by default, `SIGNED_URL_TTL`): fetch this again for fresh ones. "
        "Every AI output records what produced it (`provenance`).",
        responses=responses({200: InterviewDataEnvelope}, NOT_FOUND),
        examples=examples.INTERVIEWS_DATA,
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
        tags=["interviews"],
        summary="Re-score a posting's interviews",
        description="Scores the posting's completed interviews again against the current "
        "questions, criteria and weights, in the background (after you changed them with "
        "`PATCH …/questions/{question_id}`); `interviews_queued` says how many. Each new "
        "result sends `report_available` again, as a new event. Earlier results stay in the "
        "history with their provenance. No body; each call queues them again.",
        request=None,
        responses=responses({202: RescoreEnvelope}, NOT_FOUND),
        examples=examples.POSTINGS_RESCORE,
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
        tags=["interviews"],
        summary="Get an interview's metadata",
        description="Your own key-value pairs on the interview: those sent at ingestion, as "
        "changed since. They are also in `/data` and in webhook events.",
        responses=responses({200: MetadataEnvelope}, NOT_FOUND),
        examples=examples.INTERVIEWS_METADATA_RETRIEVE,
    )
    def get(self, request, interview_id):
        return metadata_response(interview_get(workspace=self.workspace, interview_id=interview_id))

    @extend_schema(
        operation_id="interviews_metadata_update",
        tags=["interviews"],
        summary="Set interview metadata",
        description="Sets or updates the keys sent and keeps the others; a key sent as null is "
        "removed. At most 50 keys in all, keys up to 40 characters, string values up to 500. "
        "Answers with the whole metadata. Sending the same body again changes nothing.",
        request=MetadataIn,
        responses=responses({200: MetadataEnvelope}, NOT_FOUND, INVALID),
        examples=examples.INTERVIEWS_METADATA_UPDATE,
    )
    def post(self, request, interview_id):
        interview = interview_get(workspace=self.workspace, interview_id=interview_id)
        changes = validated(MetadataIn, request.data)["metadata"]
        interview_metadata_update(interview=interview, changes=changes)
        return metadata_response(interview)

    @extend_schema(
        operation_id="interviews_metadata_destroy",
        tags=["interviews"],
        summary="Clear interview metadata",
        description="Removes every key of the interview's metadata (to remove one, set it to "
        "null with `POST`). Answers with the empty metadata.",
        responses=responses({200: MetadataEnvelope}, NOT_FOUND),
        examples=examples.INTERVIEWS_METADATA_DESTROY,
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
    "further webhook is sent about them. An audit line keeps who erased which id, and when. "
    "There is no undo; a second call answers 404."
)


def erased(object_name: str, public_id: str, interviews: int):
    data = {"object": object_name, "id": public_id, "deleted": True}
    return single(object_name, {**data, "interviews_deleted": interviews})


def api_actor(request) -> str:
    return f"api_key:{request.auth.prefix}"


class CandidateDetailApi(ApiView):
    @extend_schema(
        operation_id="candidates_destroy",
        tags=["candidates"],
        summary="Erase a candidate",
        description="The person and every interview of theirs in the workspace, whatever the "
        "posting; `interviews_deleted` counts them. " + ERASURE,
        responses=responses(
            {200: envelope("CandidateErasedEnvelope", ErasedOut(), "candidate")}, NOT_FOUND
        ),
        examples=examples.CANDIDATES_DESTROY,
    )
    def delete(self, request, candidate_id):
        candidate = candidate_get(workspace=self.workspace, candidate_id=candidate_id)
        count = erasure.candidate_erase(candidate=candidate, actor=api_actor(request))
        return erased("candidate", candidate_id, count)


class InterviewDetailApi(ApiView):
    @extend_schema(
        operation_id="interviews_destroy",
        tags=["interviews"],
        summary="Erase an interview",
        description="One interview (the candidate too when they have no other). " + ERASURE,
        responses=responses(
            {200: envelope("InterviewErasedEnvelope", ErasedOut(), "interview")}, NOT_FOUND
        ),
        examples=examples.INTERVIEWS_DESTROY,
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
        tags=["postings"],
        summary="Erase a posting",
        description="The posting, its steps, questions and webhooks, and every interview of "
        "it (`interviews_deleted` counts them); candidates left with no interview go too. "
        "To stop taking candidates but keep the results, archive it instead. " + ERASURE,
        responses=responses(
            {200: envelope("PostingErasedEnvelope", ErasedOut(), "posting")}, NOT_FOUND
        ),
        examples=examples.POSTINGS_DESTROY,
    )
    def delete(self, request, posting_id):
        posting = posting_get(workspace=self.workspace, posting_id=posting_id)
        count = erasure.posting_erase(posting=posting, actor=api_actor(request))
        return erased("posting", posting_id, count)
