"""What happens inside an interview: the dialogue, the resume, recordings and the results."""

from django.db import models
from django.utils import timezone

from candidates.models import Interview
from postings.models import Question


class Turn(models.Model):
    """One line of the transcript, persisted before it is acknowledged to anyone."""

    class Speaker(models.TextChoices):
        INTERVIEWER = "interviewer"
        CANDIDATE = "candidate"

    class Kind(models.TextChoices):
        GREETING = "greeting"
        QUESTION = "question"
        FOLLOW_UP = "follow_up"
        REPEAT = "repeat"  # the candidate asks to hear it again; the interviewer says it again
        REPHRASE = "rephrase"  # asked to put it another way; the interviewer does
        INQUIRY = "inquiry"  # the candidate asks about the role, the company, the process
        REPLY = "reply"  # the interviewer answers an inquiry (or says the recruiter will)
        ANSWER = "answer"
        CLOSING = "closing"

    # Candidate turns that are not answers, and what the interviewer says to each: the scorer
    # and the follow-ups never see either.
    ASIDES = {Kind.REPEAT: Kind.REPEAT, Kind.REPHRASE: Kind.REPHRASE, Kind.INQUIRY: Kind.REPLY}

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="turns")
    seq = models.PositiveIntegerField()
    speaker = models.CharField(max_length=16, choices=Speaker.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.TextField()
    # Seconds from the interview's start, for transcript timestamps and recording seeks.
    offset = models.FloatField()
    question = models.ForeignKey(Question, null=True, on_delete=models.SET_NULL, related_name="+")
    question_public_id = models.CharField(max_length=16, blank=True)
    # The client's id for a candidate message: a retransmit finds the turn it already made.
    client_message_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    answered_by_voice = models.BooleanField(default=False)
    # A spoken answer's words as the recogniser timed them: [{"text", "start", "end",
    # "probability"}], seconds from the turn's `offset` (where the speech began). Empty for
    # typed answers and the interviewer's turns.
    words = models.JSONField(default=list, blank=True)
    provenance = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "seq"], name="unique_turn_seq"),
            models.UniqueConstraint(
                fields=["interview", "client_message_id"], name="unique_client_message"
            ),
        ]

    @property
    def timestamp_str(self) -> str:
        total = int(self.offset)
        return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"

    def as_transcript_entry(self, *, words: bool = False) -> dict:
        entry = {
            "speaker": self.speaker,
            "text": self.text,
            "timestamp": round(self.offset, 2),
            "timestamp_str": self.timestamp_str,
        }
        if words:
            entry["words"] = self.timed_words()
        return entry

    def timed_words(self) -> list[dict]:
        """The spoken words on the interview's clock (seconds from its start), as the recording
        and the transcript's timestamps count."""
        return [
            {
                "text": word["text"],
                "start": round(self.offset + word["start"], 2),
                "end": round(self.offset + word["end"], 2),
                "probability": round(word["probability"], 3),
            }
            for word in self.words or ()
        ]


class ResumeResult(models.Model):
    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="resume")
    file = models.FileField(upload_to="resumes/", max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    text = models.TextField()
    overall_score = models.FloatField(null=True)
    is_eligible = models.BooleanField(null=True)
    eligibility_criteria = models.JSONField(default=list)
    score_criteria = models.JSONField(default=list)
    provenance = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)


class WebInterviewResult(models.Model):
    """One evaluation of a finished interview. A rescore adds a new one; the old stay as history."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="results")
    is_current = models.BooleanField(default=True)
    match_score = models.PositiveSmallIntegerField(null=True)
    speech_score = models.FloatField(null=True)
    speech_components = models.JSONField(default=dict)
    highlights = models.JSONField(default=list)
    lowlights = models.JSONField(default=list)
    tags = models.JSONField(default=list)
    provenance = models.JSONField(null=True, blank=True)
    reason = models.CharField(max_length=32, default="completed")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview"],
                condition=models.Q(is_current=True),
                name="one_current_result",
            )
        ]


class ScorecardEntry(models.Model):
    """One question's score, with a snapshot of the rubric it was scored against."""

    result = models.ForeignKey(WebInterviewResult, on_delete=models.CASCADE, related_name="rows")
    question = models.ForeignKey(Question, null=True, on_delete=models.SET_NULL, related_name="+")
    question_public_id = models.CharField(max_length=16)
    question_text = models.TextField()
    evaluation_criteria = models.TextField(blank=True)
    score_weight = models.FloatField()
    rank = models.PositiveIntegerField()
    not_scored = models.BooleanField(default=False)
    evaluation_score = models.PositiveSmallIntegerField(null=True)
    evaluation_summary = models.TextField(blank=True)
    evidence = models.JSONField(default=list)
    provenance = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["rank"]


class RecordingChunk(models.Model):
    """A piece of the candidate's recording, uploaded while the interview runs."""

    class Kind(models.TextChoices):
        VIDEO = "video"
        AUDIO = "audio"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="chunks")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # A recorder session (one page load); chunks of one session concatenate into a valid file.
    session = models.CharField(max_length=40)
    seq = models.PositiveIntegerField()
    file = models.FileField(upload_to="chunks/", max_length=300)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "kind", "session", "seq"], name="unique_chunk"
            )
        ]


class Recording(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="recordings")
    kind = models.CharField(max_length=8, choices=RecordingChunk.Kind.choices)
    file = models.FileField(upload_to="recordings/", max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "kind"], name="one_recording_per_kind")
        ]


class FileToDelete(models.Model):
    """A stored file an erasure or the retention period condemned. The row is written in the
    erasure's transaction and goes only once the file is gone, so a lost job message, a storage
    outage or an upgrade never leaves a candidate's file behind: the sweep queues it again."""

    name = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
