"""An integrator's own key-value pairs on an interview (ATS ids, sources), echoed in `/data`."""

from django.db import transaction
from django.utils import timezone

from candidates.models import Interview
from heymilo.errors import Invalid
from heymilo.metadata import METADATA_MAX_KEYS


@transaction.atomic
def interview_metadata_update(*, interview: Interview, changes: dict) -> dict:
    """Merge `changes` into the interview's metadata; a null value removes its key.

    The row is locked so that two integrators' updates at once both land.
    """
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    merged = dict(locked.metadata)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    if len(merged) > METADATA_MAX_KEYS:
        raise Invalid(
            "invalid",
            f"An interview keeps at most {METADATA_MAX_KEYS} metadata keys; this would make "
            f"{len(merged)}. Remove some first (set them to null).",
            param="metadata",
        )
    locked.metadata = merged
    locked.updated_at = timezone.now()
    locked.save(update_fields=["metadata", "updated_at"])
    interview.metadata = merged
    return merged


def interview_metadata_clear(*, interview: Interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(metadata={}, updated_at=timezone.now())
    interview.metadata = {}
