"""The recruiter's postings: list, create, edit steps and questions, archive, clone."""

from django.contrib import messages
from django.db.models import Avg, Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from heymilo.accounts.access import dashboard_view
from heymilo.dashboard import back_to, flatten, reported, validate_with
from heymilo.errors import DomainError
from heymilo.payloads import json_loads
from postings import selectors, services
from postings.forms import (
    STEP_FORMS,
    PostingForm,
    QuestionEditForm,
    QuestionForm,
    WorkflowForm,
)
from postings.models import Posting, Question
from postings.serializers import (
    PostingCreateIn,
    PostingUpdateIn,
    QuestionIn,
    QuestionUpdateIn,
    ReorderIn,
)

POSTING_FORM_FIELDS = list(PostingForm.base_fields)


def posting_for(request, posting_id: str) -> Posting:
    """The current workspace's posting, or 404."""
    return selectors.posting_get(workspace=request.workspace, posting_id=posting_id)


def with_stats(postings):
    # Counted through the reverse relation, so postings needs no import from candidates.
    completed = Q(interviews__status="completed")
    return postings.annotate(
        candidate_count=Count("interviews"),
        completed_count=Count("interviews", filter=completed),
        average_score=Avg("interviews__score", filter=completed),
    )


@dashboard_view
def postings_list(request):
    status = request.GET.get("status")
    if status not in Posting.Status.values:
        status = None
    postings = with_stats(request.workspace.postings.all())
    if status:
        postings = postings.filter(status=status)
    context = {
        "nav": "postings",
        "postings": postings.order_by("-created_at"),
        "status": status,
        "statuses": Posting.Status.values,
    }
    return render(request, "dashboard/postings/list.html", context)


@dashboard_view
def posting_create(request):
    interviewer = (
        request.workspace.interviewer_name or PostingForm.base_fields["interviewer_name"].initial
    )
    form = PostingForm(request.POST or None, initial={"interviewer_name": interviewer})
    workflow_form = WorkflowForm(request.POST or None, prefix="wf")
    if request.method == "POST" and form.is_valid() and workflow_form.is_valid():
        body = {**form.api_data(), "workflow": workflow_form.workflow()}
        data = validate_with(form, PostingCreateIn, body)
        if data is not None:
            workflow = data.pop("workflow", None)
            posting = services.posting_create(
                workspace=request.workspace, fields=data, workflow=workflow
            )
            messages.success(request, "Posting created. Add its questions below.")
            return redirect("posting-edit", posting_id=posting.public_id)
    context = {"nav": "postings", "form": form, "workflow_form": workflow_form}
    return render(request, "dashboard/postings/create.html", context)


@dashboard_view
def posting_edit(request, posting_id: str):
    posting = posting_for(request, posting_id)
    initial = {name: getattr(posting, name) for name in POSTING_FORM_FIELDS}
    form = PostingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = validate_with(form, PostingUpdateIn, form.api_data(), partial=True)
        if data is not None:
            services.posting_update(posting=posting, fields=data)
            messages.success(request, "Posting saved.")
            return redirect("posting-edit", posting_id=posting.public_id)
    return render(request, "dashboard/postings/edit.html", edit_context(posting, form=form))


def edit_context(posting: Posting, **extra) -> dict:
    steps = []
    for step in posting.steps.all():
        form_class = STEP_FORMS[step.type]
        form = extra.pop(f"step_form_{step.type}", None) or form_class(
            initial=form_class.initial_from(step.config), prefix=step.type
        )
        # A resume step with no criteria stores resumes and judges nothing: say so.
        unscored = step.type == "resume" and not step.questions.exists()
        steps.append({"step": step, "form": form, "unscored": unscored})
    questions = list(selectors.question_list(posting=posting))
    groups = [
        {
            "modality": modality,
            "label": label,
            "questions": [q for q in questions if q.modality == modality],
        }
        for modality, label in Question.Modality.choices
        if posting.steps.filter(type=Question.STEP_OF_MODALITY[modality]).exists()
    ]
    new_question = extra.pop("question_form", None) or QuestionForm(prefix="new")
    present = {row["step"].type for row in steps}
    return {
        "nav": "postings",
        "posting": posting,
        "steps": steps,
        "missing_steps": [(t, name) for t, name in STEP_NAMES.items() if t not in present],
        "groups": groups,
        "question_form": new_question,
        **extra,
    }


@require_POST
@dashboard_view
def step_update(request, posting_id: str, step_type: str):
    posting = posting_for(request, posting_id)
    step = posting.steps.filter(type=step_type).first()
    if step is None or step_type not in STEP_FORMS:
        return redirect("posting-edit", posting_id=posting.public_id)
    form = STEP_FORMS[step_type](request.POST, prefix=step_type)
    if form.is_valid():
        with reported(request, form):
            services.step_update_config(step=step, config=form.config())
            messages.success(request, "Step saved.")
            return redirect("posting-edit", posting_id=posting.public_id)
    context = edit_context(posting, form=PostingForm(initial=_initial(posting)))
    for row in context["steps"]:
        if row["step"].type == step_type:
            row["form"] = form
    return render(request, "dashboard/postings/edit.html", context, status=400)


STEP_NAMES = {"resume": "resume step", "web_interview": "interview step"}


@require_POST
@dashboard_view
def step_add(request, posting_id: str, step_type: str):
    posting = posting_for(request, posting_id)
    if step_type in STEP_NAMES:
        with reported(request):
            services.step_add(posting=posting, step_type=step_type)
            messages.success(request, f"Added the {STEP_NAMES[step_type]}; check its settings.")
    return redirect("posting-edit", posting_id=posting.public_id)


@require_POST
@dashboard_view
def step_remove(request, posting_id: str, step_type: str):
    posting = posting_for(request, posting_id)
    step = posting.steps.filter(type=step_type).first()
    if step is not None:
        with reported(request):
            services.step_remove(step=step)
            messages.success(request, f"Removed the {STEP_NAMES[step_type]}.")
    return redirect("posting-edit", posting_id=posting.public_id)


def _initial(posting: Posting) -> dict:
    return {name: getattr(posting, name) for name in POSTING_FORM_FIELDS}


POSTING_ACTIONS = {
    "archive": lambda posting: services.posting_set_status(
        posting=posting, status=Posting.Status.ARCHIVED
    ),
    "activate": lambda posting: services.posting_set_status(
        posting=posting, status=Posting.Status.ACTIVE
    ),
    "clone": lambda posting: services.posting_clone(posting=posting),
}


@require_POST
@dashboard_view
def posting_action(request, posting_id: str, action: str):
    posting = posting_for(request, posting_id)
    perform = POSTING_ACTIONS.get(action)
    if perform is None:
        return redirect("posting-edit", posting_id=posting.public_id)
    result = perform(posting)
    if action == "clone":
        messages.success(request, f"Cloned into a draft: {result.title}.")
        return redirect("posting-edit", posting_id=result.public_id)
    messages.success(request, f"Posting {action}d.")
    return redirect(back_to(request, reverse("postings-list")))


@require_POST
@dashboard_view
def question_create(request, posting_id: str):
    posting = posting_for(request, posting_id)
    form = QuestionForm(request.POST, prefix="new")
    if form.is_valid():
        attrs = validate_with(form, QuestionIn, form.api_data())
        if attrs is not None:
            with reported(request, form):
                question = services.question_create(posting=posting, attrs=attrs)
                messages.success(request, f"Question {question.public_id} added.")
                return redirect("posting-edit", posting_id=posting.public_id)
    context = edit_context(posting, form=PostingForm(initial=_initial(posting)))
    context["question_form"] = form
    return render(request, "dashboard/postings/edit.html", context, status=400)


@dashboard_view
def question_edit(request, posting_id: str, question_id: str):
    posting = posting_for(request, posting_id)
    question = selectors.question_get(posting=posting, question_id=question_id)
    initial = {name: getattr(question, name) for name in QuestionEditForm.base_fields}
    form = QuestionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        attrs = validate_with(form, QuestionUpdateIn, form.api_data(), partial=True)
        if attrs is not None:
            with reported(request, form):
                services.question_update(question=question, attrs=attrs)
                messages.success(request, f"Question {question.public_id} saved.")
                return redirect("posting-edit", posting_id=posting.public_id)
    context = {"nav": "postings", "posting": posting, "question": question, "form": form}
    return render(request, "dashboard/postings/question.html", context)


@require_POST
@dashboard_view
def question_delete(request, posting_id: str, question_id: str):
    posting = posting_for(request, posting_id)
    question = selectors.question_get(posting=posting, question_id=question_id)
    services.question_delete(question=question)
    messages.success(request, f"Question {question_id} deleted.")
    return redirect("posting-edit", posting_id=posting.public_id)


@require_POST
@dashboard_view
def questions_reorder(request, posting_id: str):
    """The drag-and-drop list saves here at once: {"modality", "question_ids"} as JSON."""
    posting = posting_for(request, posting_id)
    try:
        body = json_loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": {"message": "Send JSON."}}, status=400)
    serializer = ReorderIn(data=body)
    if not serializer.is_valid():
        message = "; ".join(flatten(serializer.errors))
        return JsonResponse({"error": {"message": message}}, status=422)
    try:
        ordered = services.questions_reorder(posting=posting, **serializer.validated_data)
    except DomainError as error:
        return JsonResponse({"error": {"message": error.message}}, status=422)
    return JsonResponse({"question_ids": [q.public_id for q in ordered]})


@require_POST
@dashboard_view
def questions_generate(request, posting_id: str):
    posting = posting_for(request, posting_id)
    with reported(request):
        created = services.questions_generate(posting=posting)
        messages.success(request, f"The AI wrote {len(created)} questions. Review them below.")
    return redirect("posting-edit", posting_id=posting.public_id)
