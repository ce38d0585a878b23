from drf_spectacular.utils import extend_schema

from candidates.selectors import interview_get
from heymilo.api.schema import NOT_FOUND, envelope, responses
from heymilo.api.views import ApiView, single
from interviews.selectors import interview_data
from interviews.serializers import InterviewDataOut

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
