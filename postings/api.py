from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from heymilo.api.fields import ConstField
from heymilo.api.schema import (
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    envelope,
    list_envelope,
    responses,
)
from heymilo.api.views import ApiView, choice_param, listing, paginated, single, validated
from postings import selectors, services
from postings.models import Posting, Question
from postings.serializers import (
    PostingCreatedOut,
    PostingCreateIn,
    PostingOut,
    PostingUpdateIn,
    QuestionIn,
    QuestionOut,
    QuestionUpdateIn,
    ReorderIn,
    StepConfigUpdateIn,
    StepOut,
)

PostingEnvelope = envelope("PostingEnvelope", PostingOut(), "posting")
PostingCreatedEnvelope = envelope("PostingCreatedEnvelope", PostingCreatedOut(), "posting")
PostingList = list_envelope("PostingList", PostingOut(many=True))
QuestionEnvelope = envelope("QuestionEnvelope", QuestionOut(), "question")
QuestionList = list_envelope("QuestionList", QuestionOut(many=True))
StepEnvelope = envelope("WorkflowStepEnvelope", StepOut(), "workflow_step")


class DeletedOut(serializers.Serializer):
    object = serializers.CharField()
    id = serializers.CharField()
    deleted = serializers.BooleanField()


DeletedEnvelope = envelope("DeletedQuestionEnvelope", DeletedOut(), "question")


def posting_fresh(posting: Posting) -> Posting:
    """Reload with the prefetches the output serializer relies on."""
    return selectors.posting_get(workspace=posting.workspace, posting_id=posting.public_id)


class PostingListCreateApi(ApiView):
    @extend_schema(
        operation_id="postings_list",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("status", str, enum=[s.value for s in Posting.Status]),
        ],
        responses=responses({200: PostingList}, INVALID),
    )
    def get(self, request):
        status = choice_param(request.query_params, "status", Posting.Status.values)
        postings = selectors.posting_list(workspace=self.workspace, status=status)
        return paginated(postings, request, PostingOut, url="/v4/postings")

    @extend_schema(
        operation_id="postings_create",
        request=PostingCreateIn,
        responses=responses({201: PostingCreatedEnvelope}, INVALID),
    )
    def post(self, request):
        data = validated(PostingCreateIn, request.data)
        workflow = data.pop("workflow", None)
        posting = services.posting_create(workspace=self.workspace, fields=data, workflow=workflow)
        return single("posting", PostingCreatedOut(posting_fresh(posting)).data, status=201)


class PostingSummaryOut(serializers.Serializer):
    object = ConstField("posting_summary")
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    name = serializers.CharField(source="slug", help_text="The URL slug of the posting's title.")


PostingSummaryList = list_envelope("PostingSummaryList", PostingSummaryOut(many=True))


class PostingSummaryListApi(ApiView):
    @extend_schema(
        operation_id="postings_summaries",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter(
                "search", str, description="Case-insensitive part of the title to match."
            ),
        ],
        responses=responses({200: PostingSummaryList}, INVALID),
        description="Every posting's id, title and slug: light enough for a picker.",
    )
    def get(self, request):
        search = request.query_params.get("search", "").strip()[:200] or None
        postings = selectors.posting_summaries(workspace=self.workspace, search=search)
        return paginated(postings, request, PostingSummaryOut, url="/v4/postings/list")


class PostingDetailApi(ApiView):
    @extend_schema(
        operation_id="postings_retrieve", responses=responses({200: PostingEnvelope}, NOT_FOUND)
    )
    def get(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        return single("posting", PostingOut(posting).data)

    @extend_schema(
        operation_id="postings_update",
        request=PostingUpdateIn,
        responses=responses({200: PostingEnvelope}, NOT_FOUND, INVALID),
    )
    def patch(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        fields = validated(PostingUpdateIn, request.data, partial=True)
        services.posting_update(posting=posting, fields=fields)
        return single("posting", PostingOut(posting_fresh(posting)).data)


class PostingActionApi(ApiView):
    """POST /postings/{id}/<action>: archive, activate, regenerate the ingestion key."""

    action = ""

    def perform(self, posting: Posting) -> None:
        raise NotImplementedError

    def post(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        self.perform(posting)
        return single("posting", PostingOut(posting_fresh(posting)).data)


def action_schema(operation_id: str):
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            request=None,
            responses=responses({200: PostingEnvelope}, NOT_FOUND),
        )
    )


@action_schema("postings_archive")
class PostingArchiveApi(PostingActionApi):
    def perform(self, posting):
        services.posting_set_status(posting=posting, status=Posting.Status.ARCHIVED)


@action_schema("postings_activate")
class PostingActivateApi(PostingActionApi):
    def perform(self, posting):
        services.posting_set_status(posting=posting, status=Posting.Status.ACTIVE)


@action_schema("postings_regenerate_ingestion_key")
class PostingRegenerateIngestionKeyApi(PostingActionApi):
    def perform(self, posting):
        services.posting_regenerate_ingestion_key(posting=posting)


class PostingCloneApi(ApiView):
    @extend_schema(
        operation_id="postings_clone",
        request=None,
        responses=responses({201: PostingCreatedEnvelope}, NOT_FOUND),
        description="A draft copy with the same steps, settings and questions: new id, links "
        "and intake key, no candidates. Activate it to take candidates.",
    )
    def post(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        clone = services.posting_clone(posting=posting)
        return single("posting", PostingCreatedOut(posting_fresh(clone)).data, status=201)


class StepDetailApi(ApiView):
    @extend_schema(
        operation_id="workflow_steps_update",
        request=StepConfigUpdateIn,
        responses=responses({200: StepEnvelope}, NOT_FOUND, INVALID),
    )
    def patch(self, request, posting_id, step_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        step = get_object_or_404(posting.steps.all(), type=step_id)
        data = validated(StepConfigUpdateIn, request.data)
        services.step_update_config(step=step, config=data["config"])
        step = posting_fresh(posting).steps.get(pk=step.pk)
        return single("workflow_step", StepOut(step).data)


class QuestionListCreateApi(ApiView):
    @extend_schema(
        operation_id="questions_list",
        parameters=[OpenApiParameter("modality", str, enum=Question.Modality.values)],
        responses=responses({200: QuestionList}, NOT_FOUND, INVALID),
    )
    def get(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        modality = choice_param(request.query_params, "modality", Question.Modality.values)
        questions = list(selectors.question_list(posting=posting, modality=modality))
        return listing(
            QuestionOut(questions, many=True).data,
            url=f"/v4/postings/{posting.public_id}/questions",
            total_count=len(questions),
        )

    @extend_schema(
        operation_id="questions_create",
        request=QuestionIn,
        responses=responses({201: QuestionEnvelope}, NOT_FOUND, INVALID),
    )
    def post(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        attrs = validated(QuestionIn, request.data)
        question = services.question_create(posting=posting, attrs=attrs)
        return single("question", QuestionOut(question).data, status=201)


class QuestionDetailApi(ApiView):
    def get_question(self, posting_id, question_id) -> Question:
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        return selectors.question_get(posting=posting, question_id=question_id)

    @extend_schema(
        operation_id="questions_retrieve", responses=responses({200: QuestionEnvelope}, NOT_FOUND)
    )
    def get(self, request, posting_id, question_id):
        return single("question", QuestionOut(self.get_question(posting_id, question_id)).data)

    @extend_schema(
        operation_id="questions_update",
        request=QuestionUpdateIn,
        responses=responses({200: QuestionEnvelope}, NOT_FOUND, INVALID),
    )
    def patch(self, request, posting_id, question_id):
        question = self.get_question(posting_id, question_id)
        attrs = validated(QuestionUpdateIn, request.data, partial=True)
        services.question_update(question=question, attrs=attrs)
        return single("question", QuestionOut(question).data)

    @extend_schema(
        operation_id="questions_delete", responses=responses({200: DeletedEnvelope}, NOT_FOUND)
    )
    def delete(self, request, posting_id, question_id):
        question = self.get_question(posting_id, question_id)
        services.question_delete(question=question)
        return single("question", {"object": "question", "id": question_id, "deleted": True})


class QuestionReorderApi(ApiView):
    @extend_schema(
        operation_id="questions_reorder",
        request=ReorderIn,
        responses=responses({200: QuestionList}, NOT_FOUND, INVALID),
    )
    def post(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        data = validated(ReorderIn, request.data)
        questions = services.questions_reorder(posting=posting, **data)
        return listing(
            QuestionOut(questions, many=True).data,
            url=f"/v4/postings/{posting.public_id}/questions",
            total_count=len(questions),
        )
