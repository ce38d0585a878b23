"""Input validation and output shapes for postings, workflow steps and questions."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heymilo.api.fields import ConstField, MetadataField, UnixTimeField
from postings.models import DeliveryMode, Posting, Question, WorkflowStep
from postings.validation import (
    MAX_REMINDERS,
    PLACEHOLDERS,
    follow_up_bounds_problem,
    outreach_problem,
    placeholders_problem,
    step_config_errors,
)

LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2,4})?$"
MAX_FOLLOW_UPS = 5


def text_field(max_length: int = 4000, **kwargs):
    return serializers.CharField(
        max_length=max_length, allow_blank=True, allow_null=True, required=False, **kwargs
    )


def delivery_mode_field():
    return serializers.ChoiceField(choices=DeliveryMode.choices, required=False, allow_null=True)


class QuestionIn(serializers.Serializer):
    modality = serializers.ChoiceField(choices=Question.Modality.choices)
    text = serializers.CharField(max_length=2000)
    evaluation_criteria = text_field()
    score_of_1 = text_field()
    score_of_5 = text_field()
    question_type = serializers.CharField(max_length=32, required=False, allow_null=True)
    score_weight = serializers.FloatField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    weight = serializers.FloatField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text="Alias of score_weight, as resume criteria send it.",
    )
    min_follow_ups = serializers.IntegerField(
        min_value=0, max_value=MAX_FOLLOW_UPS, required=False, allow_null=True
    )
    max_follow_ups = serializers.IntegerField(
        min_value=0, max_value=MAX_FOLLOW_UPS, required=False, allow_null=True
    )
    not_scored = serializers.BooleanField(required=False, allow_null=True)
    additional_instructions = text_field()

    def validate(self, attrs):
        return clean_question_attrs(attrs, partial=False)


class QuestionUpdateIn(QuestionIn):
    modality = None
    text = serializers.CharField(max_length=2000, required=False)

    def validate(self, attrs):
        return clean_question_attrs(attrs, partial=True)


def clean_question_attrs(attrs: dict, *, partial: bool) -> dict:
    """Drop nulls (null means "the default"), fold `weight` into `score_weight`."""
    weight = attrs.pop("weight", None)
    if weight is not None and attrs.get("score_weight") is None:
        attrs["score_weight"] = weight
    cleaned = {key: value for key, value in attrs.items() if value is not None}
    problem = follow_up_bounds_problem(cleaned.get("min_follow_ups"), cleaned.get("max_follow_ups"))
    if problem:
        raise serializers.ValidationError({"max_follow_ups": [problem]})
    return cleaned


class OverviewFields(serializers.Serializer):
    """What the interviewer tells the candidate, set on a posting and overridable per step."""

    instructions = text_field(20000)
    company_overview = text_field(20000)
    job_overview = text_field(20000)
    interview_process_overview = text_field(20000)
    company_overview_delivery_mode = delivery_mode_field()
    job_overview_delivery_mode = delivery_mode_field()
    interview_process_overview_delivery_mode = delivery_mode_field()


def reject_null_items(items: list, field: str | None = None) -> None:
    """A nullable list (`"workflow": null`) must still not contain null items."""
    errors = {index: ["May not be null."] for index, item in enumerate(items) if item is None}
    if errors:
        raise serializers.ValidationError({field: errors} if field else errors)


class StepIn(serializers.Serializer):
    type = serializers.ChoiceField(choices=WorkflowStep.Type.choices)
    config = serializers.DictField(required=False, allow_null=True)
    questions = QuestionIn(many=True, required=False, allow_null=True, max_length=50)

    def validate(self, attrs):
        step_type = attrs["type"]
        config, errors = step_config_errors(step_type, attrs.get("config"))
        if errors:
            raise serializers.ValidationError(
                {"config": {name: [message] for name, message in errors.items()}}
            )
        attrs["config"] = config
        questions = attrs.get("questions") or []
        reject_null_items(questions, "questions")
        for index, question in enumerate(questions):
            if Question.STEP_OF_MODALITY[question["modality"]] != step_type:
                raise serializers.ValidationError(
                    {"questions": {index: {"modality": [f"Not allowed in a {step_type} step."]}}}
                )
        attrs["questions"] = questions
        return attrs


class OutreachFields(serializers.Serializer):
    """The invitation mail and its reminders (the dashboard's "Invitations" page)."""

    invitation_subject = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True,
        help_text="Blank: the default subject. Placeholders: " + ", ".join(
            "{" + name + "}" for name in PLACEHOLDERS
        ),
    )  # fmt: skip
    invitation_body = text_field(20000, help_text="Blank: the default wording.")
    deadline_days = serializers.IntegerField(
        min_value=1, max_value=365, required=False, allow_null=True,
        help_text="Days after the invitation the link works; null: no deadline.",
    )  # fmt: skip
    reminder_days = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=365), required=False,
        allow_null=True, max_length=MAX_REMINDERS,
        help_text="Up to two reminders, this many days after the invitation, before the deadline.",
    )  # fmt: skip
    invite_api_candidates = serializers.BooleanField(
        required=False, allow_null=True,
        help_text="Mail candidates added over the API their link unless the call says otherwise.",
    )  # fmt: skip

    def validate(self, attrs):
        for field in ("invitation_subject", "invitation_body"):
            problem = placeholders_problem(attrs.get(field) or "")
            if problem:
                raise serializers.ValidationError({field: [problem]})
        problem = outreach_problem(
            deadline_days=attrs.get("deadline_days"), reminder_days=attrs.get("reminder_days") or []
        )
        if problem:
            raise serializers.ValidationError({"reminder_days": [problem]})
        return super().validate(attrs)


class PostingFieldsIn(OutreachFields, OverviewFields):
    title = serializers.CharField(max_length=200)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    description = text_field(20000)
    language = serializers.RegexField(LANGUAGE_PATTERN, required=False, allow_null=True)
    interviewer_name = serializers.CharField(max_length=60, required=False, allow_null=True)
    redirect_url = serializers.URLField(
        max_length=2000, required=False, allow_blank=True, allow_null=True
    )
    metadata = MetadataField(required=False, allow_null=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # null means "the default", except where null is a setting: no deadline.
        return {k: v for k, v in attrs.items() if v is not None or k == "deadline_days"}


class PostingCreateIn(PostingFieldsIn):
    workflow = StepIn(many=True, required=False, allow_null=True, max_length=5)

    def validate_workflow(self, steps):
        steps = steps or []
        reject_null_items(steps)
        types = [step["type"] for step in steps]
        if len(types) != len(set(types)):
            raise serializers.ValidationError("Each step type may appear once.")
        return steps


class PostingUpdateIn(PostingFieldsIn):
    title = serializers.CharField(max_length=200, required=False)


class StepConfigUpdateIn(serializers.Serializer):
    config = serializers.DictField(help_text="Settings to change; the others are kept.")


class ReorderIn(serializers.Serializer):
    modality = serializers.ChoiceField(choices=Question.Modality.choices)
    question_ids = serializers.ListField(
        child=serializers.CharField(max_length=16), required=False, max_length=200
    )
    order = serializers.ListField(
        child=serializers.CharField(max_length=16),
        required=False,
        max_length=200,
        help_text="Alias of question_ids (v2 API).",
    )

    def validate(self, attrs):
        ids = attrs.get("question_ids", attrs.get("order"))
        if ids is None:
            raise serializers.ValidationError({"question_ids": ["This field is required."]})
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError({"question_ids": ["Each id may appear once."]})
        return {"modality": attrs["modality"], "question_ids": ids}


# Output


class QuestionOut(serializers.ModelSerializer):
    object = ConstField("question")
    id = serializers.CharField(source="public_id")
    posting_id = serializers.CharField(source="posting.public_id")
    created_at = UnixTimeField()
    updated_at = UnixTimeField()

    class Meta:
        model = Question
        fields = [
            "object",
            "id",
            "posting_id",
            "modality",
            "text",
            "rank",
            "evaluation_criteria",
            "score_of_1",
            "score_of_5",
            "question_type",
            "score_weight",
            "min_follow_ups",
            "max_follow_ups",
            "not_scored",
            "additional_instructions",
            "created_at",
            "updated_at",
        ]


class StepOut(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    type = serializers.CharField()
    order = serializers.IntegerField()
    config = serializers.DictField()
    questions = serializers.SerializerMethodField()

    @extend_schema_field(QuestionOut(many=True))
    def get_questions(self, step):
        # Questions come prefetched on the posting; filter in Python to keep queries constant.
        questions = [q for q in step.posting.questions.all() if q.step_id == step.pk]
        questions.sort(key=lambda q: (q.modality, q.rank))
        return QuestionOut(questions, many=True).data


class UrlsOut(serializers.Serializer):
    candidate_url = serializers.CharField()
    ingestion_url_key = serializers.CharField()
    review_url = serializers.CharField()


class PostingOut(serializers.ModelSerializer):
    object = ConstField("posting")
    id = serializers.CharField(source="public_id")
    urls = serializers.SerializerMethodField()
    workflow = StepOut(source="steps", many=True)
    created_at = UnixTimeField()
    updated_at = UnixTimeField()

    class Meta:
        model = Posting
        fields = [
            "object",
            "id",
            "title",
            "name",
            "description",
            "language",
            "interviewer_name",
            "status",
            "instructions",
            "company_overview",
            "job_overview",
            "interview_process_overview",
            "company_overview_delivery_mode",
            "job_overview_delivery_mode",
            "interview_process_overview_delivery_mode",
            "redirect_url",
            "invitation_subject",
            "invitation_body",
            "deadline_days",
            "reminder_days",
            "invite_api_candidates",
            "metadata",
            "urls",
            "workflow",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(UrlsOut)
    def get_urls(self, posting):
        return {
            "candidate_url": posting.candidate_url,
            "ingestion_url_key": posting.ingestion_url_key,
            "review_url": posting.review_url,
        }


class PostingCreatedOut(serializers.Serializer):
    """The create response of the guides: a summary with the full posting nested inside."""

    object = ConstField("posting")
    id = serializers.CharField(source="public_id")
    status = serializers.CharField()
    urls = serializers.SerializerMethodField()
    created_at = UnixTimeField()
    posting = serializers.SerializerMethodField()

    @extend_schema_field(UrlsOut)
    def get_urls(self, posting):
        return PostingOut().get_urls(posting)

    @extend_schema_field(PostingOut)
    def get_posting(self, posting):
        return PostingOut(posting).data
