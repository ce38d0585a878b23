"""The shape of GET /interviews/{id}/data, as the guides show it."""

from rest_framework import serializers

from candidates.models import Interview
from candidates.serializers import WorkflowProgressOut
from heymilo.api.fields import ConstField


class ProvenanceOut(serializers.Serializer):
    """Which engine, model and prompt version produced an AI output, and when."""

    engine = serializers.CharField()
    model = serializers.CharField()
    prompt_version = serializers.CharField()
    created_at = serializers.FloatField()
    fallback_reason = serializers.CharField(allow_null=True)


class TranscriptEntryOut(serializers.Serializer):
    speaker = serializers.ChoiceField(choices=["interviewer", "candidate"])
    text = serializers.CharField()
    timestamp = serializers.FloatField()
    timestamp_str = serializers.CharField()


class WordOut(serializers.Serializer):
    text = serializers.CharField()
    start = serializers.FloatField(help_text="Seconds from the interview's start.")
    end = serializers.FloatField(help_text="Seconds from the interview's start.")
    probability = serializers.FloatField(help_text="The recogniser's confidence, 0–1.")


class TimedTranscriptEntryOut(TranscriptEntryOut):
    words = WordOut(
        many=True,
        help_text="A spoken answer's words as the recogniser timed them (on the recording's "
        "clock); empty for typed answers and the interviewer's lines.",
    )


class ScorecardRowOut(serializers.Serializer):
    question_id = serializers.CharField()
    question = serializers.CharField()
    evaluation_score = serializers.IntegerField(allow_null=True)
    evaluation_summary = serializers.CharField()
    evaluation_criteria = serializers.CharField()
    evidence = serializers.ListField(child=serializers.CharField())
    score_weight = serializers.FloatField()
    rank = serializers.IntegerField()
    not_scored = serializers.BooleanField()
    chat_transcript = TranscriptEntryOut(many=True)
    provenance = ProvenanceOut(allow_null=True)


class EligibilityCriterionOut(serializers.Serializer):
    criteria_id = serializers.CharField()
    criteria_text = serializers.CharField()
    passed = serializers.BooleanField()
    confidence = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ScoreCriterionOut(serializers.Serializer):
    criteria_id = serializers.CharField()
    criteria_text = serializers.CharField()
    score = serializers.FloatField()
    confidence = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ResumeResultOut(serializers.Serializer):
    object = ConstField("resume_result")
    interview_id = serializers.CharField()
    overall_score = serializers.FloatField(allow_null=True)
    is_eligible = serializers.BooleanField(allow_null=True)
    eligibility_criteria = EligibilityCriterionOut(many=True)
    score_criteria = ScoreCriterionOut(many=True)
    resume_url = serializers.CharField(allow_null=True)
    provenance = ProvenanceOut(allow_null=True)


class CandidateQuestionOut(serializers.Serializer):
    question = serializers.CharField(help_text="What the candidate asked the interviewer.")
    answered = serializers.BooleanField(
        help_text="False: the posting did not say; the recruiter should follow up."
    )
    reply = serializers.CharField()
    timestamp = serializers.FloatField()


class WebInterviewResultOut(serializers.Serializer):
    object = ConstField("web_interview_result")
    interview_id = serializers.CharField()
    match_score = serializers.IntegerField(allow_null=True)
    highlights = serializers.ListField(child=serializers.CharField())
    lowlights = serializers.ListField(child=serializers.CharField())
    speech_score = serializers.FloatField(allow_null=True)
    scorecard = ScorecardRowOut(many=True)
    transcript = TimedTranscriptEntryOut(many=True)
    candidate_questions = CandidateQuestionOut(many=True)
    audio_recording_url = serializers.CharField(allow_null=True)
    video_recording_url = serializers.CharField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    provenance = ProvenanceOut(allow_null=True)
    scored_at = serializers.FloatField()


class ScoreOverrideOut(serializers.Serializer):
    score = serializers.FloatField()
    reason = serializers.CharField(allow_blank=True)
    overridden_by = serializers.CharField(allow_blank=True)
    overridden_at = serializers.FloatField(allow_null=True)


class LastEmailOut(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["invitation", "reminder"])
    status = serializers.ChoiceField(choices=["queued", "sending", "accepted", "bounced", "failed"])
    detail = serializers.CharField(
        allow_null=True, help_text="The mail server's reason when it bounced or failed."
    )
    sent_at = serializers.FloatField(allow_null=True)


class InvitationOut(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["not_invited", "invited", "opened", "started", "completed", "expired"]
    )
    invited_at = serializers.FloatField(allow_null=True)
    opened_at = serializers.FloatField(allow_null=True)
    deadline = serializers.FloatField(
        allow_null=True, help_text="After it, a candidate who has not started sees a closed page."
    )
    reminders_stopped = serializers.BooleanField()
    last_email = LastEmailOut(allow_null=True)


class InterviewDataOut(serializers.Serializer):
    object = ConstField("interview_data")
    interview_id = serializers.CharField()
    candidate_id = serializers.CharField()
    posting_id = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    phone_number = serializers.CharField(allow_null=True)
    interview_url = serializers.CharField()
    invitation = InvitationOut()
    score = serializers.FloatField(
        allow_null=True,
        help_text="The recruiter's override when there is one, else the AI's score (0–100).",
    )
    ai_score = serializers.FloatField(allow_null=True, help_text="The AI's score (0–100).")
    score_override = ScoreOverrideOut(allow_null=True)
    recruiter_note = serializers.CharField(allow_blank=True)
    evaluation_error = serializers.CharField(
        allow_null=True, help_text="Why scoring failed after its retries; it is retried later."
    )
    status = serializers.ChoiceField(choices=Interview.Status.choices)
    shortlisted = serializers.BooleanField()
    dismissed = serializers.BooleanField()
    workflow = WorkflowProgressOut()
    resume = ResumeResultOut(allow_null=True)
    web_interview = WebInterviewResultOut(allow_null=True)
    metadata = serializers.DictField()
    created_at = serializers.FloatField()
    interviewed_at = serializers.FloatField(allow_null=True)
