"""The report rendezvous: `report_available` goes out once per result, when both the scores and
the recordings are in, so it carries `/data` whole, the recordings' URLs included.

Scoring (`evaluation`) and assembling the recordings (`recordings`) finish in either order. Each
calls in here with the interview's row locked, so whichever finishes last sends the event and
the other cannot also send it. A recording that could not be assembled after its retries does
not hold the report back (`wait_for_recordings=False`).
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from candidates.models import Interview
from interviews.models import Recording, RecordingChunk, WebInterviewResult
from interviews.selectors import interview_data
from webhooks.models import EventType
from webhooks.services import event_emit


def unassembled() -> Q:
    """Interviews with chunks of a kind that has no assembled recording yet."""
    pending = Q()
    for kind in RecordingChunk.Kind.values:
        chunks = RecordingChunk.objects.filter(interview=OuterRef("pk"), kind=kind)
        made = Recording.objects.filter(interview=OuterRef("pk"), kind=kind)
        pending |= Q(Exists(chunks) & ~Exists(made))
    return pending


def recordings_pending(interview: Interview) -> bool:
    return Interview.objects.filter(unassembled(), pk=interview.pk).exists()


def report_send(
    *, interview: Interview, result: WebInterviewResult, wait_for_recordings: bool = True
) -> None:
    """Send `report_available` for `result`, unless the recordings are still being assembled:
    the assembly sends it then. Call with the interview's row locked."""
    if wait_for_recordings and recordings_pending(interview):
        return
    event_emit(
        posting=interview.posting,
        interview_id=interview.public_id,
        event_type=EventType.REPORT_AVAILABLE,
        data=interview_data(interview=interview),
        dedupe_key=f"result:{result.pk}",
    )


@transaction.atomic
def report_send_if_scored(*, interview_pk: int, wait_for_recordings: bool = True) -> None:
    """After the recordings: send the report if the scores are already there."""
    interview = Interview.objects.select_for_update().get(pk=interview_pk)
    result = interview.results.filter(is_current=True).first()
    if interview.status == Interview.Status.COMPLETED and result is not None:
        report_send(interview=interview, result=result, wait_for_recordings=wait_for_recordings)
