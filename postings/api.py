from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from heymilo.api.fields import ConstField
from heymilo.api.schema import (
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    QUERY_INVALID,
    envelope,
    invalid,
    list_envelope,
    responses,
    validation_example,
)
from heymilo.api.views import ApiView, choice_param, listing, paginated, single, validated
from postings import examples, selectors, services
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
        tags=["postings"],
        summary="List postings",
        description="Every posting of your workspace, oldest first, each whole: settings, "
        "links, workflow steps and their questions. For a light list (id, title, slug) use "
        "`GET /postings/list`. Paginated with `limit` and `starting_after`.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter(
                "status",
                str,
                enum=[s.value for s in Posting.Status],
                description="Only postings with this status.",
            ),
        ],
        responses=responses({200: PostingList}, QUERY_INVALID),
        examples=examples.POSTINGS_LIST,
    )
    def get(self, request):
        status = choice_param(request.query_params, "status", Posting.Status.values)
        postings = selectors.posting_list(workspace=self.workspace, status=status)
        return paginated(postings, request, PostingOut, url="/v4/postings")

    @extend_schema(
        operation_id="postings_create",
        tags=["postings"],
        summary="Create a posting",
        description="Creates a job and its AI interviewer in one call: the job's text, the "
        "interviewer's name and language, and `workflow`, the steps with their `config` and "
        "`questions` (a `resume` screen with `resume_eligibility` and `resume_scoring` "
        "criteria, and the `web_interview` with `voice` questions; each step type once). "
        "Without `workflow` the posting gets one `web_interview` step with default settings. "
        "A `web_interview` step sent without questions gets questions written from the job "
        "description in the background. A step's unknown `config` keys are refused (422), "
        "not ignored.\n\n"
        "The posting is `active` at once. The answer is a summary (`id`, `status`, `urls`, "
        "`created_at`) with the whole posting in `posting`: share `urls.candidate_url`, hand "
        "`urls.ingestion_url_key` to your careers page (intake), or send candidates with "
        "`POST /postings/{posting_id}/candidates`. Not idempotent: the same body sent twice "
        "makes two postings.",
        request=PostingCreateIn,
        responses=responses(
            {201: PostingCreatedEnvelope},
            invalid(
                validation_example(
                    "blank_title",
                    [
                        ("title", "blank", "This field may not be blank."),
                        ("language", "invalid", "This value does not match the required pattern."),
                    ],
                    "Every invalid field is listed",
                )
            ),
        ),
        examples=examples.POSTINGS_CREATE,
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
        tags=["postings"],
        summary="List posting summaries",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter(
                "search", str, description="Case-insensitive part of the title to match."
            ),
        ],
        responses=responses({200: PostingSummaryList}, QUERY_INVALID),
        description="Every posting's id, title and slug (`name`), oldest first: light enough "
        "for a picker in your ATS. `search` keeps the titles containing it. Paginated with "
        "`limit` and `starting_after`.",
        examples=examples.POSTINGS_SUMMARIES,
    )
    def get(self, request):
        search = request.query_params.get("search", "").strip()[:200] or None
        postings = selectors.posting_summaries(workspace=self.workspace, search=search)
        return paginated(postings, request, PostingSummaryOut, url="/v4/postings/list")


class PostingDetailApi(ApiView):
    @extend_schema(
        operation_id="postings_retrieve",
        tags=["postings"],
        summary="Retrieve a posting",
        description="The posting with its settings, its links (`urls`: the candidate link, "
        "the intake key, the recruiter's review page) and its workflow: each step's `config` "
        "with the defaults filled in, and its questions by modality and rank.",
        responses=responses({200: PostingEnvelope}, NOT_FOUND),
        examples=examples.POSTINGS_RETRIEVE,
    )
    def get(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        return single("posting", PostingOut(posting).data)

    @extend_schema(
        operation_id="postings_update",
        tags=["postings"],
        summary="Update a posting",
        description="Changes only the fields sent; a field sent as `null` is left as it is. "
        "The status changes with `…/archive` and `…/activate`, a step's settings with "
        "`PATCH /postings/{posting_id}/workflow/{step_id}`, questions with the questions "
        "endpoints. Answers with the whole posting.",
        request=PostingUpdateIn,
        responses=responses({200: PostingEnvelope}, NOT_FOUND, INVALID),
        examples=examples.POSTINGS_UPDATE,
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


def action_schema(operation_id: str, summary: str, description: str, examples: list):
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            tags=["postings"],
            summary=summary,
            description=description,
            request=None,
            responses=responses({200: PostingEnvelope}, NOT_FOUND),
            examples=examples,
        )
    )


@action_schema(
    "postings_archive",
    "Archive a posting",
    "Closes the posting: ingestion (API, async, intake) answers 409 `posting_archived`, the "
    "candidate link shows that the job is closed, and candidates who had not started their "
    "interview can no longer start it; interviews under way finish and are scored. Nothing is "
    "deleted. No body; calling it again changes nothing. Undo with `…/activate`.",
    examples.POSTINGS_ARCHIVE,
)
class PostingArchiveApi(PostingActionApi):
    def perform(self, posting):
        services.posting_set_status(posting=posting, status=Posting.Status.ARCHIVED)


@action_schema(
    "postings_activate",
    "Activate a posting",
    "Opens an archived (or cloned, draft) posting to candidates again. No body; calling it on "
    "an active posting changes nothing.",
    examples.POSTINGS_ACTIVATE,
)
class PostingActivateApi(PostingActionApi):
    def perform(self, posting):
        services.posting_set_status(posting=posting, status=Posting.Status.ACTIVE)


@action_schema(
    "postings_regenerate_ingestion_key",
    "Regenerate the intake key",
    "Replaces `urls.ingestion_url_key`, the credential of "
    "`POST /intake/v1/candidate/{ingestion_url_key}`: the old key answers 404 from now on. Do it "
    "when a key leaked, then give the new one to your careers page or job boards. Interviews "
    "and links already handed out keep working.",
    examples.POSTINGS_REGENERATE_INGESTION_KEY,
)
class PostingRegenerateIngestionKeyApi(PostingActionApi):
    def perform(self, posting):
        services.posting_regenerate_ingestion_key(posting=posting)


class PostingCloneApi(ApiView):
    @extend_schema(
        operation_id="postings_clone",
        tags=["postings"],
        summary="Clone a posting",
        description="A copy titled `… (copy)` with the same settings, steps and questions "
        "(numbered again from Q001): a new id, new links and a new intake key, no candidates, "
        "status `draft`. Edit it, then activate it. Answers 201 like `POST /postings`. No body; "
        "each call makes another copy.",
        request=None,
        responses=responses({201: PostingCreatedEnvelope}, NOT_FOUND),
        examples=examples.POSTINGS_CLONE,
    )
    def post(self, request, posting_id):
        posting = selectors.posting_get(workspace=self.workspace, posting_id=posting_id)
        clone = services.posting_clone(posting=posting)
        return single("posting", PostingCreatedOut(posting_fresh(clone)).data, status=201)


class StepDetailApi(ApiView):
    @extend_schema(
        operation_id="workflow_steps_update",
        tags=["postings"],
        summary="Update a workflow step's settings",
        description="`step_id` is the step's type, `resume` or `web_interview` (404 when the "
        "posting has no such step). `config` names only the settings to change; the others "
        "are kept.\n\n"
        "- `web_interview`: `video` (ask for the webcam), `num_questions` (1–20), "
        "`interview_type` (`general`, `technical`, `cultural`, `behavioral`), `voice_id`, "
        "`min_evaluation_score` (0–100), `end_of_turn_silence` (0.4–3.0 seconds of silence "
        "that end a spoken answer, adapted to what was said; 0.7 when unset: raise it for "
        "candidates who think aloud).\n"
        "- `resume`: `optional` (or `mandatory`, HeyMilo v2's spelling of its opposite), "
        "`knockout_enabled` (a failed eligibility criterion ends the application), "
        "`min_evaluation_score` (0–5).\n"
        "- both: `instructions`, `company_overview`, `job_overview`, "
        "`interview_process_overview` and their `…_delivery_mode`, overriding the posting's "
        "for this step.\n\n"
        "An unknown setting or a bad value is a 422 naming it. Answers with the step, its "
        "whole `config` and its questions.",
        request=StepConfigUpdateIn,
        responses=responses({200: StepEnvelope}, NOT_FOUND, INVALID),
        examples=examples.WORKFLOW_STEPS_UPDATE,
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
        tags=["questions"],
        summary="List a posting's questions",
        description="The posting's questions and resume criteria, by modality then rank; "
        "`modality` keeps one kind. Not paginated: `total_count` is the number returned.",
        parameters=[
            OpenApiParameter(
                "modality",
                str,
                enum=Question.Modality.values,
                description="Only this kind: `voice` questions, or resume criteria.",
            )
        ],
        responses=responses({200: QuestionList}, NOT_FOUND, QUERY_INVALID),
        examples=examples.QUESTIONS_LIST,
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
        tags=["questions"],
        summary="Add a question",
        description="Adds a question (`voice`) or a resume criterion (`resume_eligibility`, "
        "`resume_scoring`) to the step that asks it, ranked last of its modality. Its id is the "
        "next of its kind (`Q006` after `Q005`; ids of deleted questions are not reused). "
        "`weight` is accepted as an alias of `score_weight`. 422 when the posting has no step "
        "for the modality.",
        request=QuestionIn,
        responses=responses({201: QuestionEnvelope}, NOT_FOUND, INVALID),
        examples=examples.QUESTIONS_CREATE,
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
        operation_id="questions_retrieve",
        tags=["questions"],
        summary="Retrieve a question",
        description="One question or resume criterion of the posting, by id (`Q003`, "
        "`rec_001`, `rsc_002`).",
        responses=responses({200: QuestionEnvelope}, NOT_FOUND),
        examples=examples.QUESTIONS_RETRIEVE,
    )
    def get(self, request, posting_id, question_id):
        return single("question", QuestionOut(self.get_question(posting_id, question_id)).data)

    @extend_schema(
        operation_id="questions_update",
        tags=["questions"],
        summary="Update a question",
        description="Changes only the fields sent (a `null` is ignored); the modality cannot "
        "change. Use it to tune criteria and weights after early results, then "
        "`POST /postings/{posting_id}/rescore` to score finished interviews again.",
        request=QuestionUpdateIn,
        responses=responses({200: QuestionEnvelope}, NOT_FOUND, INVALID),
        examples=examples.QUESTIONS_UPDATE,
    )
    def patch(self, request, posting_id, question_id):
        question = self.get_question(posting_id, question_id)
        attrs = validated(QuestionUpdateIn, request.data, partial=True)
        services.question_update(question=question, attrs=attrs)
        return single("question", QuestionOut(question).data)

    @extend_schema(
        operation_id="questions_delete",
        tags=["questions"],
        summary="Delete a question",
        description="Removes the question; the ones ranked after it move up. Its id is not "
        "reused. Scores already given for it stay in the interviews' results.",
        responses=responses({200: DeletedEnvelope}, NOT_FOUND),
        examples=examples.QUESTIONS_DELETE,
    )
    def delete(self, request, posting_id, question_id):
        question = self.get_question(posting_id, question_id)
        services.question_delete(question=question)
        return single("question", {"object": "question", "id": question_id, "deleted": True})


class QuestionReorderApi(ApiView):
    @extend_schema(
        operation_id="questions_reorder",
        tags=["questions"],
        summary="Reorder questions",
        description="Sets the order of one modality's questions: the ids in `question_ids` "
        "(or `order`, v2's name) come first in that order, the others follow in their current "
        "order, and ranks become 1, 2, 3…. An id that is not a question of that modality is a "
        "422. Answers with the modality's questions in their new order.",
        request=ReorderIn,
        responses=responses({200: QuestionList}, NOT_FOUND, INVALID),
        examples=examples.QUESTIONS_REORDER,
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
