from django.db import transaction
from django.db.models import F
from django.utils import timezone

from heymilo import ai
from heymilo.accounts.models import Workspace
from heymilo.errors import Conflict, Invalid
from heymilo.ids import new_ingestion_url_key
from heymilo.jobs import enqueue
from postings.ai_context import posting_context
from postings.models import Posting, Question, WorkflowStep
from postings.validation import (
    follow_up_bounds_problem,
    outreach_problem,
    step_config,
    step_config_merged,
)

DEFAULT_WORKFLOW = [{"type": WorkflowStep.Type.WEB_INTERVIEW, "config": {}, "questions": []}]


def next_question_id(*, posting: Posting, modality: str) -> str:
    """Q001, rec_001, rsc_001…: numbered per prefix, never reused. Caller holds the row lock."""
    prefix = Question.ID_PREFIX[modality]
    number = posting.question_counters.get(prefix, 0) + 1
    posting.question_counters[prefix] = number
    Posting.objects.filter(pk=posting.pk).update(question_counters=posting.question_counters)
    return f"{prefix}{number:03d}"


@transaction.atomic
def posting_create(*, workspace: Workspace, fields: dict, workflow: list[dict] | None) -> Posting:
    if workspace.interviewer_name and not fields.get("interviewer_name"):
        fields = {**fields, "interviewer_name": workspace.interviewer_name}
    posting = Posting.objects.create(workspace=workspace, **fields)
    for order, step_data in enumerate(workflow or DEFAULT_WORKFLOW, start=1):
        config = step_data["config"] or step_config(step_data["type"], {})
        if step_data["type"] == WorkflowStep.Type.WEB_INTERVIEW and workspace.interviewer_voice:
            config.setdefault("voice_id", workspace.interviewer_voice)
        step = WorkflowStep.objects.create(
            posting=posting, type=step_data["type"], order=order, config=config
        )
        for attrs in step_data.get("questions") or []:
            _question_insert(posting=posting, step=step, attrs=attrs)
        if step.type == WorkflowStep.Type.WEB_INTERVIEW and not step_data.get("questions"):
            enqueue("postings.questions_ensure", step.pk)
    return posting


@transaction.atomic
def posting_update(*, posting: Posting, fields: dict) -> Posting:
    for name, value in fields.items():
        setattr(posting, name, value)
    problem = outreach_problem(
        deadline_days=posting.deadline_days, reminder_days=posting.reminder_days
    )
    if problem:  # the fields sent may fit each other and not the ones kept
        raise Invalid("invalid", problem, param="reminder_days")
    posting.updated_at = timezone.now()
    posting.save()
    return posting


def posting_set_status(*, posting: Posting, status: str) -> Posting:
    return posting_update(posting=posting, fields={"status": status})


def posting_regenerate_ingestion_key(*, posting: Posting) -> Posting:
    return posting_update(posting=posting, fields={"ingestion_url_key": new_ingestion_url_key()})


# Steps run in this order whatever order they were added in.
STEP_ORDER = (WorkflowStep.Type.RESUME, WorkflowStep.Type.WEB_INTERVIEW)


def _renumber_steps(posting: Posting) -> None:
    steps = sorted(posting.steps.all(), key=lambda step: STEP_ORDER.index(step.type))
    for order, step in enumerate(steps, start=1):
        if step.order != order:
            WorkflowStep.objects.filter(pk=step.pk).update(order=order)
    Posting.objects.filter(pk=posting.pk).update(updated_at=timezone.now())


@transaction.atomic
def step_add(*, posting: Posting, step_type: str) -> WorkflowStep:
    """Add a step with its default settings. Candidates who already started the interview are
    not asked for it; everyone else is."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if posting.steps.filter(type=step_type).exists():
        raise Conflict("step_exists", "This posting already has that step.")
    step = WorkflowStep.objects.create(
        posting=posting, type=step_type, order=len(STEP_ORDER) + 1,
        config=step_config(step_type, {}),
    )  # fmt: skip
    _renumber_steps(posting)
    if step_type == WorkflowStep.Type.WEB_INTERVIEW:
        enqueue("postings.questions_ensure", step.pk)
    step.refresh_from_db()
    return step


@transaction.atomic
def step_remove(*, step: WorkflowStep) -> None:
    """Remove a step and its questions or criteria; a posting keeps at least one step. Results
    already stored for it stay in the interviews' history."""
    posting = Posting.objects.select_for_update().get(pk=step.posting_id)
    if posting.steps.count() == 1:
        raise Conflict("last_step", "A posting keeps at least one step.")
    step.delete()
    _renumber_steps(posting)


@transaction.atomic
def step_update_config(*, step: WorkflowStep, config: dict) -> WorkflowStep:
    """Change the settings named in `config`; the others are kept."""
    step.config = step_config_merged(step.type, step.config, config)
    step.save(update_fields=["config"])
    Posting.objects.filter(pk=step.posting_id).update(updated_at=timezone.now())
    return step


def _question_insert(*, posting: Posting, step: WorkflowStep, attrs: dict) -> Question:
    modality = attrs["modality"]
    rank = posting.questions.filter(modality=modality).count() + 1
    return Question.objects.create(
        posting=posting,
        step=step,
        public_id=next_question_id(posting=posting, modality=modality),
        rank=rank,
        **attrs,
    )


def _step_for_modality(*, posting: Posting, modality: str) -> WorkflowStep:
    step_type = Question.STEP_OF_MODALITY[modality]
    step = posting.steps.filter(type=step_type).first()
    if step is None:
        raise Invalid(
            "invalid",
            f"This posting has no {step_type} step for {modality} questions.",
            param="modality",
        )
    return step


@transaction.atomic
def question_create(*, posting: Posting, attrs: dict) -> Question:
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    step = _step_for_modality(posting=posting, modality=attrs["modality"])
    question = _question_insert(posting=posting, step=step, attrs=attrs)
    Posting.objects.filter(pk=posting.pk).update(updated_at=timezone.now())
    return question


@transaction.atomic
def question_update(*, question: Question, attrs: dict) -> Question:
    problem = follow_up_bounds_problem(
        attrs.get("min_follow_ups", question.min_follow_ups),
        attrs.get("max_follow_ups", question.max_follow_ups),
    )
    if problem:
        raise Invalid("invalid", problem, param="max_follow_ups")
    for name, value in attrs.items():
        setattr(question, name, value)
    question.updated_at = timezone.now()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    Posting.objects.select_for_update().filter(pk=question.posting_id).first()
    question.delete()
    Question.objects.filter(
        posting_id=question.posting_id, modality=question.modality, rank__gt=question.rank
    ).update(rank=F("rank") - 1)


@transaction.atomic
def questions_reorder(
    *, posting: Posting, modality: str, question_ids: list[str]
) -> list[Question]:
    """The named ids go first in the given order; the others keep their relative order after."""
    Posting.objects.select_for_update().filter(pk=posting.pk).first()
    questions = list(posting.questions.filter(modality=modality).order_by("rank"))
    by_id = {question.public_id: question for question in questions}
    unknown = [qid for qid in question_ids if qid not in by_id]
    if unknown:
        raise Invalid(
            "invalid",
            f"No {modality} question with id {', '.join(unknown)} in this posting.",
            param="question_ids",
        )
    named = [by_id[qid] for qid in question_ids]
    ordered = named + [question for question in questions if question.public_id not in question_ids]
    for rank, question in enumerate(ordered, start=1):
        question.rank = rank
    Question.objects.bulk_update(ordered, ["rank"])
    return ordered


def posting_require_active(*, posting: Posting) -> None:
    if posting.status == Posting.Status.ARCHIVED:
        raise Conflict("posting_archived", "This posting is archived; activate it first.")


# A clone copies what a posting's author configured: every field but identity, links, state
# and bookkeeping. A new setting is copied unless it is named here.
POSTING_NOT_COPIED = {
    "id", "workspace", "public_id", "title", "status", "ingestion_url_key", "question_counters",
    "created_at", "updated_at",
}  # fmt: skip
QUESTION_NOT_COPIED = {
    "id", "posting", "step", "public_id", "rank", "generated_by", "created_at", "updated_at",
}  # fmt: skip


def copied_fields(model, not_copied: set[str]) -> tuple[str, ...]:
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in not_copied)


@transaction.atomic
def posting_clone(*, posting: Posting) -> Posting:
    """A draft copy with the same steps and questions (fresh ids, links and keys), no candidates."""
    fields = {name: getattr(posting, name) for name in copied_fields(Posting, POSTING_NOT_COPIED)}
    fields["title"] = f"{posting.title} (copy)"[:200]
    fields["status"] = Posting.Status.DRAFT
    question_fields = copied_fields(Question, QUESTION_NOT_COPIED)
    workflow = []
    for step in posting.steps.all():
        questions = step.questions.order_by("modality", "rank")
        workflow.append(
            {
                "type": step.type,
                "config": dict(step.config),
                "questions": [{n: getattr(q, n) for n in question_fields} for q in questions],
            }
        )
    return posting_create(workspace=posting.workspace, fields=fields, workflow=workflow)


def questions_generate(*, posting: Posting) -> list[Question]:
    """The builder's "Generate questions": the AI engine's questions up to the step's number of
    questions, never past it, none the posting already asks. A click while the background job
    writes the first ones adds nothing twice: the count is taken again under the row lock."""
    step = _step_for_modality(posting=posting, modality=Question.Modality.VOICE)
    wanted = step.config.get("num_questions", 5)
    voice = posting.questions.filter(modality=Question.Modality.VOICE)
    asked = set(voice.values_list("text", flat=True))
    if len(asked) >= wanted:
        raise Conflict(
            "questions_complete",
            f"The interview already has {len(asked)} questions and asks {wanted}. Delete some, "
            "or raise the number of questions in its settings, to generate more.",
        )
    drafts, provenance = _question_drafts(
        posting=posting, step=step, wanted=wanted - len(asked), asked=asked
    )
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        present = set(voice.values_list("text", flat=True))
        room = wanted - len(present)
        fresh = [draft for draft in drafts if draft.text not in present][: max(room, 0)]
        return [
            _question_insert(posting=posting, step=step, attrs=_draft_attrs(draft, provenance))
            for draft in fresh
        ]


def questions_ensure(*, step: WorkflowStep) -> None:
    """Write the questions of an interview step that has none; once, however often it runs.

    The engine is asked before the posting's row is locked (a remote model can take seconds
    and nothing should wait on it); under the lock, questions another run wrote meanwhile win.
    """
    posting = step.posting
    voice = Question.Modality.VOICE
    if posting.questions.filter(modality=voice).exists():
        return
    wanted = step.config.get("num_questions", 5)
    drafts, provenance = _question_drafts(posting=posting, step=step, wanted=wanted, asked=set())
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        if posting.questions.filter(modality=voice).exists():
            return
        for draft in drafts:
            _question_insert(posting=posting, step=step, attrs=_draft_attrs(draft, provenance))


def _question_drafts(
    *, posting: Posting, step: WorkflowStep, wanted: int, asked: set[str]
) -> tuple[list, dict]:
    generated = ai.get_engine().generate_questions(
        posting_context(posting),
        num_questions=wanted + len(asked),
        interview_type=step.config.get("interview_type", "general"),
    )
    fresh = []
    for draft in generated.questions:
        if draft.text not in asked and len(fresh) < wanted:
            asked.add(draft.text)
            fresh.append(draft)
    return fresh, generated.provenance.as_dict()


def _draft_attrs(draft, provenance: dict) -> dict:
    return {
        "modality": Question.Modality.VOICE,
        "text": draft.text,
        "evaluation_criteria": draft.evaluation_criteria,
        "score_of_1": draft.score_of_1,
        "score_of_5": draft.score_of_5,
        "question_type": draft.question_type,
        "score_weight": draft.score_weight,
        "min_follow_ups": draft.min_follow_ups,
        "max_follow_ups": draft.max_follow_ups,
        "generated_by": provenance,
    }
