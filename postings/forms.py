"""Dashboard forms render the inputs; the API's serializers do the validating
(heymilo.dashboard.validate_with), so a rule lives in one place for the API and the dashboard."""

from django import forms

from postings.models import DeliveryMode, Question
from postings.serializers import MAX_FOLLOW_UPS
from postings.validation import INTERVIEW_TYPES

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def end_of_turn_silence_field() -> forms.FloatField:
    """The web interview step's patience, in the posting builder and on the step's own form."""
    return forms.FloatField(
        label="Pause that ends a spoken answer (seconds)",
        help_text="0.4–3.0; longer lets candidates think aloud. Adapted to what was said: "
        "longer after “and…”, shorter after a finished sentence.",
        required=False,
        min_value=0.4,
        max_value=3.0,
        initial=0.7,
    )


class PostingForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=200)
    description = forms.CharField(
        label="Job description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The AI writes questions from it when a step has none.",
    )
    interviewer_name = forms.CharField(label="Interviewer name", max_length=60, initial="Sarah")
    language = forms.CharField(label="Language", max_length=16, initial="en")
    company_overview = forms.CharField(label="Company overview", required=False, widget=TEXTAREA)
    company_overview_delivery_mode = forms.ChoiceField(
        label="Company overview delivery", choices=DeliveryMode.choices
    )
    job_overview = forms.CharField(label="Job overview", required=False, widget=TEXTAREA)
    job_overview_delivery_mode = forms.ChoiceField(
        label="Job overview delivery", choices=DeliveryMode.choices
    )
    interview_process_overview = forms.CharField(
        label="Interview process overview", required=False, widget=TEXTAREA
    )
    interview_process_overview_delivery_mode = forms.ChoiceField(
        label="Process overview delivery", choices=DeliveryMode.choices
    )
    instructions = forms.CharField(
        label="Instructions for the interviewer", required=False, widget=TEXTAREA
    )
    redirect_url = forms.CharField(
        label="Redirect after the interview (URL)", required=False, max_length=2000
    )

    def api_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class WorkflowForm(forms.Form):
    """The steps of a new posting: an optional resume step, then the web interview."""

    resume_step = forms.BooleanField(label="Resume step", required=False)
    resume_required = forms.BooleanField(label="Resume required", required=False)
    knockout_enabled = forms.BooleanField(
        label="Knock out ineligible resumes", required=False, initial=True
    )
    min_resume_score = forms.FloatField(
        label="Minimum resume score (0–5)", required=False, min_value=0, max_value=5
    )
    video = forms.BooleanField(label="Record video", required=False, initial=True)
    num_questions = forms.IntegerField(
        label="Questions to generate when none are written", min_value=1, max_value=20, initial=5
    )
    interview_type = forms.ChoiceField(
        label="Interview type", choices=[(t, t.title()) for t in INTERVIEW_TYPES]
    )
    end_of_turn_silence = end_of_turn_silence_field()

    def workflow(self) -> list[dict]:
        data = self.cleaned_data
        steps = []
        if data["resume_step"]:
            config = {
                "optional": not data["resume_required"],
                "knockout_enabled": data["knockout_enabled"],
            }
            if data.get("min_resume_score") is not None:
                config["min_evaluation_score"] = data["min_resume_score"]
            steps.append({"type": "resume", "config": config})
        web = {
            "video": data["video"],
            "num_questions": data["num_questions"],
            "interview_type": data["interview_type"],
        }
        if data.get("end_of_turn_silence") is not None:
            web["end_of_turn_silence"] = data["end_of_turn_silence"]
        steps.append({"type": "web_interview", "config": web})
        return steps


class ResumeStepForm(forms.Form):
    resume_required = forms.BooleanField(label="Resume required", required=False)
    knockout_enabled = forms.BooleanField(label="Knock out ineligible resumes", required=False)
    min_evaluation_score = forms.FloatField(
        label="Minimum resume score (0–5)", required=False, min_value=0, max_value=5
    )

    @classmethod
    def initial_from(cls, config: dict) -> dict:
        return {
            "resume_required": not config.get("optional"),
            "knockout_enabled": config.get("knockout_enabled", True),
            "min_evaluation_score": config.get("min_evaluation_score"),
        }

    def config(self) -> dict:
        data = self.cleaned_data
        return {
            "optional": not data["resume_required"],
            "knockout_enabled": data["knockout_enabled"],
            "min_evaluation_score": data.get("min_evaluation_score"),
        }


class InterviewStepForm(forms.Form):
    video = forms.BooleanField(label="Record video", required=False)
    num_questions = forms.IntegerField(
        label="Questions to generate when none are written", min_value=1, max_value=20
    )
    interview_type = forms.ChoiceField(
        label="Interview type", choices=[(t, t.title()) for t in INTERVIEW_TYPES]
    )
    min_evaluation_score = forms.FloatField(
        label="Minimum match score (0–100)", required=False, min_value=0, max_value=100
    )
    end_of_turn_silence = end_of_turn_silence_field()

    @classmethod
    def initial_from(cls, config: dict) -> dict:
        return {name: config.get(name, field.initial) for name, field in cls.base_fields.items()}

    def config(self) -> dict:
        return dict(self.cleaned_data)


STEP_FORMS = {"resume": ResumeStepForm, "web_interview": InterviewStepForm}


class QuestionForm(forms.Form):
    modality = forms.ChoiceField(label="Kind", choices=Question.Modality.choices)
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    evaluation_criteria = forms.CharField(
        label="What a good answer shows", required=False, widget=TEXTAREA
    )
    score_of_1 = forms.CharField(label="A score of 1 looks like", required=False, widget=TEXTAREA)
    score_of_5 = forms.CharField(label="A score of 5 looks like", required=False, widget=TEXTAREA)
    question_type = forms.CharField(label="Question type", max_length=32, initial="open-ended")
    score_weight = forms.FloatField(label="Weight", min_value=0, max_value=100, initial=1.0)
    min_follow_ups = forms.IntegerField(
        label="Min follow-ups", min_value=0, max_value=MAX_FOLLOW_UPS, initial=0
    )
    max_follow_ups = forms.IntegerField(
        label="Max follow-ups", min_value=0, max_value=MAX_FOLLOW_UPS, initial=1
    )
    not_scored = forms.BooleanField(label="Not scored (context only)", required=False)
    additional_instructions = forms.CharField(
        label="Additional instructions for the interviewer", required=False, widget=TEXTAREA
    )

    def api_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class QuestionEditForm(QuestionForm):
    modality = None
